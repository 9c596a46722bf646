-- A tariff's local time may follow an IANA time zone (Europe/Berlin) instead of a fixed UTC offset, so its bands
-- follow local time across daylight-saving changes. The offsets come from PostgreSQL's time-zone database when
-- a transaction is priced (store/tariff_store: offset_changes); utc_offset_minutes is then unused.
ALTER TABLE tariffs ADD COLUMN time_zone text CHECK (time_zone ~ '^[A-Za-z0-9_+/-]{1,64}$');
