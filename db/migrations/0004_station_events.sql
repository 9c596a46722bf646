-- What stations report that needs no aggregate of its own yet (firmware, diagnostics and log status,
-- security events, device-model reports, charging limits, display messages, certificates requests, ...):
-- one row per call, the payload as it arrived. A call redelivered with the same message id and payload
-- is stored once.
CREATE TABLE station_events (
    id          bigserial PRIMARY KEY,
    station_id  text NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    action      text NOT NULL,
    protocol    text NOT NULL,
    message_id  text NOT NULL,
    trace_id    text,
    payload     jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX station_events_dedup ON station_events (station_id, action, message_id, md5(payload::text));
CREATE INDEX station_events_station_time ON station_events (station_id, received_at DESC);
CREATE INDEX station_events_action_time ON station_events (action, received_at DESC);
