-- Commands sent to stations through the API (neutral or raw), with who sent them and what came back; the rows
-- with outbox = true and status 'pending' form each station's durable outbox, delivered in id order.
-- The id doubles as the 2.x remoteStartId / requestId of the call it became (command_ids stays within int32).
CREATE SEQUENCE command_ids AS integer START 1 MAXVALUE 2147483647;
CREATE TABLE commands (
    id             bigint PRIMARY KEY DEFAULT nextval('command_ids'),
    station_id     text NOT NULL,
    command        text NOT NULL,
    action         text,
    request        jsonb NOT NULL,
    status         text NOT NULL CHECK (status IN ('pending', 'sent', 'answered', 'failed', 'expired')),
    outbox         boolean NOT NULL DEFAULT false,
    timeout_ms     integer NOT NULL,
    created_by     text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    sent_at        timestamptz,
    answered_at    timestamptz,
    expires_at     timestamptz,
    http_status    integer,
    answer         jsonb
);
CREATE INDEX commands_station ON commands (station_id, id DESC);
CREATE INDEX commands_outbox ON commands (station_id, id) WHERE outbox AND status = 'pending';
