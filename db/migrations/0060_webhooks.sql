-- Webhooks for integrators (api/openapi.yaml: /api/v1/webhooks): a URL that receives the live events of the listed
-- types, signed with its secret (HMAC-SHA256), and the state of its deliveries. The secret must be kept in clear:
-- the manager signs every body with it.
CREATE TABLE webhooks (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    url                  text NOT NULL,
    events               text[] NOT NULL CHECK (cardinality(events) > 0),
    secret               text NOT NULL,
    created_by           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    last_attempt_at      timestamptz,
    last_success_at      timestamptz,
    last_status          integer,
    last_error           text,
    consecutive_failures integer NOT NULL DEFAULT 0,
    delivered            bigint NOT NULL DEFAULT 0,
    failed               bigint NOT NULL DEFAULT 0
);
CREATE INDEX webhooks_created ON webhooks (created_at DESC, id DESC);
