-- Read paths of the operator API (GET /api/v1/transactions): pages are ordered by id, newest first, so the
-- per-station and per-token filters get indexes in that order. Meter values need none: meter_values_dedup
-- (station_id, transaction_id, sampled_at, ...) serves the per-transaction time queries and
-- meter_values_station_time the per-station ones; transactions_station_time the per-station time ranges.
CREATE INDEX transactions_station_page ON transactions (station_id, id DESC);
CREATE INDEX transactions_token_page ON transactions (id_token, id DESC) WHERE id_token IS NOT NULL;
