#!/usr/bin/env python3
"""A fake card processor for the integration tests: the pre-authorisation/capture API the manager's card
adapter speaks (services/manager/src/billing/card_processor.hpp), in memory.

    fake_card_processor.py PORT SECRET_KEY

* POST /v1/payment_intents {amount, currency, capture_method: manual, customer}: requires_capture, or 402
  card_declined for customer "cus_decline" or amount 66600.
* POST /v1/payment_intents/{id}/capture {amount_to_capture}: succeeded (at most the intent's amount, once).
* POST /v1/payment_intents/{id}/cancel, POST /v1/refunds {payment_intent, amount}.
* Every POST needs "Authorization: Bearer SECRET_KEY" and an Idempotency-Key: a key seen before gets the first
  answer again without doing anything (as real processors do).
* Test control: POST /_control {"fail": n} answers the next n API calls 503 without doing anything;
  {"delay_ms": m} answers the next capture m ms after doing it (a client may die in between);
  GET /_state: the intents, the captures done and the requests per idempotency key.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"intents": {}, "refunds": [], "captures": 0, "requests_by_key": {}, "fail": 0, "delay_ms": 0}
ANSWERS = {}  # idempotency key -> (status, body)
SECRET = sys.argv[2] if len(sys.argv) > 2 else "sk_test"


def error(status, code, message):
    return status, {"error": {"code": code, "message": message}}


def handle_api(path, body):
    intents = STATE["intents"]
    if path == "/v1/payment_intents":
        amount, customer = body.get("amount"), body.get("customer")
        if not isinstance(amount, int) or amount <= 0 or body.get("capture_method") != "manual":
            return error(400, "parameter_invalid", "amount and capture_method manual required")
        if customer == "cus_decline" or amount == 66600:
            return error(402, "card_declined", "Your card was declined.")
        pid = "pi_%d" % (len(intents) + 1)
        intents[pid] = {"id": pid, "status": "requires_capture", "amount": amount,
                        "currency": body.get("currency"), "customer": customer, "amount_received": 0}
        return 200, intents[pid]
    parts = path.strip("/").split("/")
    if len(parts) == 4 and parts[:2] == ["v1", "payment_intents"] and parts[2] in intents:
        intent = intents[parts[2]]
        if parts[3] == "capture":
            amount = body.get("amount_to_capture", intent["amount"])
            if intent["status"] != "requires_capture":
                return error(400, "payment_intent_unexpected_state", "intent is " + intent["status"])
            if not isinstance(amount, int) or amount <= 0 or amount > intent["amount"]:
                return error(400, "amount_too_large", "amount_to_capture exceeds the hold")
            intent["status"], intent["amount_received"] = "succeeded", amount
            STATE["captures"] += 1
            return 200, intent
        if parts[3] == "cancel":
            if intent["status"] != "requires_capture":
                return error(400, "payment_intent_unexpected_state", "intent is " + intent["status"])
            intent["status"] = "canceled"
            return 200, intent
    if path == "/v1/refunds":
        intent = intents.get(body.get("payment_intent"))
        if not intent or intent["status"] != "succeeded":
            return error(400, "charge_not_captured", "nothing captured")
        refund = {"id": "re_%d" % (len(STATE["refunds"]) + 1), "status": "succeeded",
                  "amount": body.get("amount"), "payment_intent": intent["id"]}
        STATE["refunds"].append(refund)
        return 200, refund
    return error(404, "resource_missing", "no such resource: " + path)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("fake-card-processor: " + (fmt % args) + "\n")

    def answer(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path != "/_state":
            return self.answer(404, {})
        with LOCK:
            self.answer(200, STATE)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            return self.answer(400, {"error": {"code": "invalid_json"}})
        if self.path == "/_control":
            with LOCK:
                STATE["fail"] = body.get("fail", STATE["fail"])
                STATE["delay_ms"] = body.get("delay_ms", STATE["delay_ms"])
            return self.answer(200, {})
        if self.headers.get("Authorization") != "Bearer " + SECRET:
            return self.answer(401, {"error": {"code": "unauthorized", "message": "bad API key"}})
        key = self.headers.get("Idempotency-Key")
        if not key:
            return self.answer(400, {"error": {"code": "idempotency_key_required"}})
        delay = 0
        with LOCK:
            STATE["requests_by_key"][key] = STATE["requests_by_key"].get(key, 0) + 1
            if STATE["fail"] > 0:
                STATE["fail"] -= 1
                status, obj = error(503, "processor_unavailable", "try again later")
            elif key in ANSWERS:
                status, obj = ANSWERS[key]
            else:
                status, obj = handle_api(self.path, body)
                ANSWERS[key] = (status, json.loads(json.dumps(obj)))
                if self.path.endswith("/capture") and STATE["delay_ms"]:
                    delay, STATE["delay_ms"] = STATE["delay_ms"], 0
        if delay:
            time.sleep(delay / 1000.0)
        self.answer(status, obj)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print("fake card processor on port", server.server_address[1], flush=True)
    server.serve_forever()
