-- Card payments through a card processor's pre-authorisation/capture API (billing/card_processor).
--
-- payment_methods: which tokens pay by card, per token or per token group (a token's own row wins), with the
-- processor's customer reference the hold is taken on. Tokens without a row pay from their wallet, if any.
CREATE TABLE payment_methods (
    id             bigserial PRIMARY KEY,
    id_token       text,
    id_token_group text,
    method         text NOT NULL CHECK (method IN ('card', 'wallet')),
    card_customer  text CHECK (card_customer ~ '^[A-Za-z0-9_.:-]{1,128}$'),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((id_token IS NULL) <> (id_token_group IS NULL)),
    CHECK (method <> 'card' OR card_customer IS NOT NULL)
);
CREATE UNIQUE INDEX payment_methods_id_token ON payment_methods (id_token) WHERE id_token IS NOT NULL;
CREATE UNIQUE INDEX payment_methods_id_token_group ON payment_methods (id_token_group)
    WHERE id_token_group IS NOT NULL;

-- A hold (manual-capture payment intent) taken at Authorize or at the start for a card-paying token. The billing
-- loop attaches it to the token's next transaction, captures the final amount from it (at most the held
-- amount), or voids it: at a zero price, or when no transaction used it within an hour.
CREATE TABLE payment_holds (
    id             bigserial PRIMARY KEY,
    id_token       text NOT NULL,
    reference      text NOT NULL UNIQUE, -- the processor's payment intent id
    amount         numeric(18, 6) NOT NULL CHECK (amount > 0),
    currency       text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    state          text NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'captured', 'voided')),
    captured       numeric(18, 6),
    transaction_pk bigint UNIQUE REFERENCES transactions (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_holds_open ON payment_holds (id_token, id) WHERE state = 'held' AND transaction_pk IS NULL;

-- 'shortfall': the price exceeded the hold; the hold was captured and the rest is owed (visible, not retried).
-- 'voided': a card hold released because nothing was owed.
ALTER TABLE transactions DROP CONSTRAINT transactions_payment_state_check;
ALTER TABLE transactions ADD CONSTRAINT transactions_payment_state_check
    CHECK (payment_state IN ('captured', 'failed', 'none', 'shortfall', 'voided'));
