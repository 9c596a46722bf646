-- Id tokens (RFID cards, eMAIDs, key codes, ...) and what the central system answers when a station asks
-- about one. OCPP 1.6 sends only the token value (idTag); 2.0.1 sends value and type (IdTokenEnumType).
CREATE TABLE id_tokens (
    id_token         text NOT NULL CHECK (length(id_token) BETWEEN 1 AND 255),
    type             text NOT NULL DEFAULT 'ISO14443',
    status           text NOT NULL DEFAULT 'Accepted'
                     CHECK (status IN ('Accepted', 'Blocked', 'Expired', 'Invalid')),
    expires_at       timestamptz,
    -- Group (2.0.1 groupIdToken) or parent (1.6 parentIdTag): tokens of one group may stop each other's
    -- transactions.
    group_id_token   text,
    group_type       text NOT NULL DEFAULT 'Central',
    -- Stations where the token may be used; NULL means every station.
    allowed_stations text[],
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id_token, type)
);
CREATE INDEX id_tokens_group ON id_tokens (group_id_token) WHERE group_id_token IS NOT NULL;
