-- Stations, their EVSEs/connectors and status, and the history of their connections.
CREATE TABLE stations (
    id                    text PRIMARY KEY,
    registration_status   text NOT NULL DEFAULT 'Accepted'
                          CHECK (registration_status IN ('Accepted', 'Pending', 'Rejected')),
    protocol              text,
    vendor                text,
    model                 text,
    serial_number         text,
    firmware_version      text,
    iccid                 text,
    imsi                  text,
    meter_type            text,
    meter_serial_number   text,
    boot_reason           text,
    last_boot_at          timestamptz,
    connected             boolean NOT NULL DEFAULT false,
    gateway_id            text,
    connection_id         bigint,
    connection_changed_at timestamptz,
    remote_address        text,
    last_seen             timestamptz,
    last_trace_id         text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- One row per connector. OCPP 1.6 connector N is EVSE N, connector 1; connector 0 (the whole station) is
-- EVSE 0, connector 0. OCPP 2.0.1 reports evseId and connectorId itself.
CREATE TABLE connectors (
    station_id        text NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    evse_id           integer NOT NULL CHECK (evse_id >= 0),
    connector_id      integer NOT NULL CHECK (connector_id >= 0),
    status            text NOT NULL,
    error_code        text,
    info              text,
    vendor_id         text,
    vendor_error_code text,
    status_at         timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_id, evse_id, connector_id)
);

-- Every status report, deduplicated: a station that repeats a report it got no answer for adds nothing.
CREATE TABLE status_events (
    id           bigserial PRIMARY KEY,
    station_id   text NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    evse_id      integer NOT NULL,
    connector_id integer NOT NULL,
    status       text NOT NULL,
    error_code   text,
    info         text,
    reported_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    message_id   text,
    trace_id     text,
    UNIQUE (station_id, evse_id, connector_id, reported_at, status)
);
CREATE INDEX status_events_station_time ON status_events (station_id, reported_at DESC);

CREATE TABLE station_connections (
    id            bigserial PRIMARY KEY,
    station_id    text NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    gateway_id    text NOT NULL,
    connection_id bigint NOT NULL,
    event         text NOT NULL CHECK (event IN ('connected', 'disconnected')),
    at            timestamptz NOT NULL,
    remote        text,
    reason        text,
    trace_id      text
);
CREATE INDEX station_connections_station_time ON station_connections (station_id, at DESC);

-- RFC 3339 UTC text of a timestamp, as the API and OCPP write them.
CREATE FUNCTION iso_utc(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
