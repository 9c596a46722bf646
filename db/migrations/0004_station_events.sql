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

-- 2.0.1 device model, per component and variable, from NotifyReport (B07) and NotifyEvent (N07). Keys use ''
-- and 0 for "no instance" / "no EVSE or connector" so that they can form a primary key.
CREATE TABLE device_model_variables (
    station_id         text NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    component          text NOT NULL,
    component_instance text NOT NULL DEFAULT '',
    evse_id            integer NOT NULL DEFAULT 0,
    connector_id       integer NOT NULL DEFAULT 0,
    variable           text NOT NULL,
    variable_instance  text NOT NULL DEFAULT '',
    attribute_type     text NOT NULL DEFAULT 'Actual',
    value              text,
    mutability         text,
    persistent         boolean,
    constant           boolean,
    reported_at        timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_id, component, component_instance, evse_id, connector_id, variable, variable_instance,
                 attribute_type)
);

CREATE TABLE device_model_events (
    station_id         text NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    event_id           bigint NOT NULL,
    event_at           timestamptz NOT NULL,
    trigger            text NOT NULL,
    notification_type  text NOT NULL,
    cause              bigint,
    actual_value       text NOT NULL,
    tech_code          text,
    tech_info          text,
    cleared            boolean,
    transaction_id     text,
    monitoring_id      bigint,
    component          text NOT NULL,
    component_instance text NOT NULL DEFAULT '',
    evse_id            integer NOT NULL DEFAULT 0,
    connector_id       integer NOT NULL DEFAULT 0,
    variable           text NOT NULL,
    variable_instance  text NOT NULL DEFAULT '',
    trace_id           text,
    received_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_id, event_id, event_at)
);
CREATE INDEX device_model_events_station_time ON device_model_events (station_id, event_at DESC);
