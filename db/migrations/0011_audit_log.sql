-- Who changed what, and when: one row per state-changing API request, written in the transaction of the change
-- (or on its own when the request failed and changed nothing).
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_kind  text NOT NULL CHECK (actor_kind IN ('user', 'apiKey', 'anonymous')),
    actor_id    uuid,
    actor_name  text NOT NULL,
    method      text NOT NULL,
    path        text NOT NULL,
    resource    text,
    status      integer NOT NULL,
    outcome     text NOT NULL CHECK (outcome IN ('success', 'failure')),
    remote      text
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_name, id DESC);
