-- Prepaid wallets with a double-entry ledger (the built-in payment provider). Every journal moves one amount
-- between two accounts ('wallet:<id>', 'cash' for money paid in, 'revenue' for sessions paid) and its entries
-- sum to zero (checked at commit). A wallet's balance is kept with its entries and may not go below zero
-- unless the wallet allows it. A transaction is captured at most once (unique index).
CREATE TABLE wallets (
    id             text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
    currency       text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    id_token       text,
    id_token_group text,
    allow_negative boolean NOT NULL DEFAULT false,
    balance        numeric(18, 6) NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((id_token IS NULL) <> (id_token_group IS NULL)),
    CONSTRAINT wallets_no_negative_balance CHECK (allow_negative OR balance >= 0)
);
CREATE UNIQUE INDEX wallets_id_token ON wallets (id_token) WHERE id_token IS NOT NULL;
CREATE UNIQUE INDEX wallets_id_token_group ON wallets (id_token_group) WHERE id_token_group IS NOT NULL;

CREATE TABLE ledger_journals (
    id             bigserial PRIMARY KEY,
    kind           text NOT NULL CHECK (kind IN ('top-up', 'capture', 'refund')),
    wallet_id      text NOT NULL REFERENCES wallets (id),
    transaction_pk bigint REFERENCES transactions (id),
    amount         numeric(18, 6) NOT NULL CHECK (amount > 0),
    currency       text NOT NULL,
    memo           text,
    created_by     text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ledger_capture_once ON ledger_journals (transaction_pk) WHERE kind = 'capture';
CREATE INDEX ledger_journals_wallet ON ledger_journals (wallet_id, id DESC);

CREATE TABLE ledger_entries (
    journal_id bigint NOT NULL REFERENCES ledger_journals (id),
    account    text NOT NULL,
    amount     numeric(18, 6) NOT NULL,
    PRIMARY KEY (journal_id, account)
);

CREATE FUNCTION ledger_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT sum(amount) FROM ledger_entries WHERE journal_id = NEW.journal_id) <> 0 THEN
        RAISE EXCEPTION 'ledger journal % does not balance', NEW.journal_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_journal_balanced();

-- Posts one journal: `amount` from account `debit_from` to account `credit_to`, one of which is the wallet's,
-- and moves the wallet's balance with it. Returns the journal id. A wallet that would go negative (and may
-- not) raises check_violation (wallets_no_negative_balance): nothing is posted.
CREATE FUNCTION post_journal(p_kind text, p_wallet text, p_transaction bigint, p_amount numeric, p_from text,
                             p_to text, p_memo text, p_by text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    j bigint;
    w text := 'wallet:' || p_wallet;
BEGIN
    IF w NOT IN (p_from, p_to) THEN
        RAISE EXCEPTION 'journal % does not touch wallet %', p_kind, p_wallet;
    END IF;
    UPDATE wallets SET balance = balance + CASE WHEN p_to = w THEN p_amount ELSE -p_amount END, updated_at = now()
        WHERE id = p_wallet;
    INSERT INTO ledger_journals (kind, wallet_id, transaction_pk, amount, currency, memo, created_by)
        SELECT p_kind, p_wallet, p_transaction, p_amount, currency, p_memo, p_by FROM wallets WHERE id = p_wallet
        RETURNING id INTO j;
    INSERT INTO ledger_entries (journal_id, account, amount) VALUES (j, p_from, -p_amount), (j, p_to, p_amount);
    RETURN j;
END
$$;

-- Payment of priced transactions: NULL no wallet pays it; 'captured'; 'failed' (retried: next_payment_at).
ALTER TABLE transactions
    ADD COLUMN payment_state    text CHECK (payment_state IN ('captured', 'failed', 'none')),
    ADD COLUMN payment_error    text,
    ADD COLUMN payment_attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN next_payment_at  timestamptz;
CREATE INDEX transactions_payment_retry ON transactions (next_payment_at) WHERE payment_state = 'failed';
