-- Security profiles (OCPP security whitepaper / 2.0.1 part 2 A00): the lowest profile a station must connect
-- with, its Basic-auth password hashed with argon2id, and a failure counter for rate limiting.
-- Profile 0: no authentication (development and the behaviour before profiles existed).
ALTER TABLE stations
    ADD COLUMN security_profile    smallint NOT NULL DEFAULT 0 CHECK (security_profile BETWEEN 0 AND 3),
    ADD COLUMN password_hash       text,
    ADD COLUMN auth_failures       integer NOT NULL DEFAULT 0,
    ADD COLUMN auth_blocked_until  timestamptz;
