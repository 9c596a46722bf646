-- Charging transactions of 1.6 (StartTransaction/StopTransaction, integer ids assigned here) and 2.0.1
-- (TransactionEvent, string ids assigned by the station), their events, and the meter values sampled during
-- and outside them.

-- 1.6 transactionId: assigned by the central system, unique across all stations.
CREATE SEQUENCE transaction_id_v16 AS bigint START 1 MAXVALUE 2147483647;

CREATE TABLE transactions (
    id                 bigserial PRIMARY KEY,
    station_id         text NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    -- The station's id of the transaction: the 2.0.1 transactionId, or the 1.6 integer id as text.
    transaction_id     text NOT NULL,
    v16_transaction_id bigint UNIQUE,
    evse_id            integer,
    connector_id       integer,
    id_token           text,
    id_token_type      text,
    auth_status        text,
    stop_id_token      text,
    started_at         timestamptz,
    stopped_at         timestamptz,
    meter_start_wh     double precision,
    meter_stop_wh      double precision,
    energy_wh          double precision GENERATED ALWAYS AS (meter_stop_wh - meter_start_wh) STORED,
    stop_reason        text,
    state              text NOT NULL DEFAULT 'Active' CHECK (state IN ('Active', 'Ended')),
    charging_state     text,
    last_seq_no        bigint,
    reservation_id     bigint,
    remote_start_id    bigint,
    -- A stop (1.6) or an Ended event (2.0.1) arrived for a transaction never started here.
    stop_without_start boolean NOT NULL DEFAULT false,
    start_trace_id     text,
    stop_trace_id      text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (station_id, transaction_id)
);
-- A 1.6 StartTransaction repeated because the station never saw the answer gets the same transactionId.
CREATE UNIQUE INDEX transactions_v16_start ON transactions (station_id, evse_id, id_token, started_at)
    WHERE v16_transaction_id IS NOT NULL;
CREATE INDEX transactions_station_time ON transactions (station_id, started_at DESC);
CREATE INDEX transactions_active ON transactions (station_id) WHERE state = 'Active';

-- Every 2.0.1 TransactionEvent, once per (station, transaction, seqNo): a repeated event changes nothing.
CREATE TABLE transaction_events (
    station_id     text NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    transaction_id text NOT NULL,
    seq_no         bigint NOT NULL,
    event_type     text NOT NULL,
    trigger_reason text NOT NULL,
    event_at       timestamptz NOT NULL,
    offline        boolean NOT NULL DEFAULT false,
    payload        jsonb NOT NULL,
    message_id     text,
    trace_id       text,
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_id, transaction_id, seq_no)
);

-- One row per sampled value. transaction_id is '' outside a transaction (so that the deduplication key
-- has no NULL). value is NULL when the station sent something that is not a number (raw_value keeps it).
CREATE TABLE meter_values (
    station_id     text NOT NULL,
    transaction_id text NOT NULL DEFAULT '',
    evse_id        integer NOT NULL DEFAULT 0,
    sampled_at     timestamptz NOT NULL,
    measurand      text NOT NULL,
    phase          text NOT NULL DEFAULT '',
    location       text NOT NULL DEFAULT '',
    unit           text,
    multiplier     integer,
    context        text,
    format         text,
    value          double precision,
    raw_value      text,
    signed         jsonb,
    trace_id       text,
    received_at    timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE (sampled_at);
-- Deduplication (a repeated MeterValues or transactionData adds nothing) and per-transaction queries.
CREATE UNIQUE INDEX meter_values_dedup
    ON meter_values (station_id, transaction_id, sampled_at, measurand, phase, location);
CREATE INDEX meter_values_station_time ON meter_values (station_id, sampled_at);
CREATE TABLE meter_values_default PARTITION OF meter_values DEFAULT;

-- Creates the monthly partitions of meter_values from last month to `months_ahead` months ahead (UTC).
-- Called by every manager at start; safe to run concurrently and repeatedly. A month whose rows already
-- landed in the default partition is left there (reported as a notice).
CREATE FUNCTION ensure_meter_value_partitions(months_ahead integer DEFAULT 3) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    first_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC');
    m timestamp;
    part text;
    created integer := 0;
BEGIN
    FOR i IN -1..months_ahead LOOP
        m := first_month + make_interval(months => i);
        part := 'meter_values_' || to_char(m, 'YYYYMM');
        IF to_regclass(part) IS NULL THEN
            BEGIN
                EXECUTE format('CREATE TABLE %I PARTITION OF meter_values FOR VALUES FROM (%L) TO (%L)', part,
                               (m AT TIME ZONE 'UTC'), ((m + interval '1 month') AT TIME ZONE 'UTC'));
                created := created + 1;
            EXCEPTION
                WHEN duplicate_table THEN NULL;
                WHEN check_violation THEN
                    RAISE NOTICE 'meter_values: rows of % are in the default partition; % not created', m, part;
            END;
        END IF;
    END LOOP;
    RETURN created;
END
$$;
SELECT ensure_meter_value_partitions(3);
