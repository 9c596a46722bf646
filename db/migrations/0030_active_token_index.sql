-- ConcurrentTx (1.6 idTagInfo, 2.0.1 idTokenInfo): is this token already charging at another station?
CREATE INDEX transactions_active_token ON transactions (id_token) WHERE state = 'Active';
