-- Tariffs (ADR 0004): immutable versions, assignments by station, EVSE and token group, and the price of each
-- transaction under the tariff version it started with.
CREATE TABLE tariffs (
    id                 text NOT NULL CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
    version            integer NOT NULL CHECK (version >= 1),
    name               text NOT NULL DEFAULT '',
    currency           text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    vat_percent        numeric(9, 6) NOT NULL DEFAULT 0 CHECK (vat_percent BETWEEN 0 AND 100),
    flat_fee           numeric(18, 6) NOT NULL DEFAULT 0 CHECK (flat_fee >= 0),
    minimum            numeric(18, 6) CHECK (minimum >= 0),
    maximum            numeric(18, 6) CHECK (maximum >= 0),
    utc_offset_minutes integer NOT NULL DEFAULT 0 CHECK (utc_offset_minutes BETWEEN -840 AND 840),
    -- [{pricePerKwh, pricePerHourCharging, pricePerHourIdle, weekdays, startTime, endTime}], prices as strings.
    elements           jsonb NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    created_by         text,
    PRIMARY KEY (id, version)
);

-- Which tariff prices a transaction: the most specific assignment wins (token group, then EVSE, then station,
-- then the network-wide default with every column NULL).
CREATE TABLE tariff_assignments (
    id             bigserial PRIMARY KEY,
    tariff_id      text NOT NULL,
    station_id     text REFERENCES stations (id) ON DELETE CASCADE,
    evse_id        integer CHECK (evse_id >= 0),
    id_token_group text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (evse_id IS NULL OR station_id IS NOT NULL),
    UNIQUE NULLS NOT DISTINCT (station_id, evse_id, id_token_group)
);

-- pricing_state: NULL until the billing loop has looked at the transaction; 'none' no tariff applies (free);
-- 'tariffed' tariff fixed, cost pending; 'priced' final cost written.
ALTER TABLE transactions
    ADD COLUMN pricing_state  text CHECK (pricing_state IN ('none', 'tariffed', 'priced')),
    ADD COLUMN tariff_id      text,
    ADD COLUMN tariff_version integer,
    ADD COLUMN cost_currency  text,
    ADD COLUMN cost_net       numeric(18, 6),
    ADD COLUMN cost_vat       numeric(18, 6),
    ADD COLUMN cost_total     numeric(18, 6),
    ADD COLUMN cost_breakdown jsonb,
    ADD COLUMN priced_at      timestamptz;
CREATE INDEX transactions_pricing_pending ON transactions (id)
    WHERE pricing_state IS NULL OR (pricing_state = 'tariffed' AND state = 'Ended');
