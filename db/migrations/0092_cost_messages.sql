-- What the billing loop last told the station about a transaction's cost: the running total (2.0.1/2.1
-- CostUpdated, 1.6 DataTransfer RunningCost) and whether the final cost went out.
ALTER TABLE transactions
    ADD COLUMN cost_sent          numeric(18, 6),
    ADD COLUMN cost_sent_at       timestamptz,
    ADD COLUMN final_cost_sent_at timestamptz;
CREATE INDEX transactions_running_cost ON transactions (cost_sent_at NULLS FIRST)
    WHERE state = 'Active' AND pricing_state = 'tariffed';
