-- The chained log, as on SQLite (schema 2 there). Every row's hash covers the columns that
-- matter and the row before it; payload and salt are erasable, payload_hash stands for them.
-- Row ids are the chain's own (the last id + 1, under the append lock), never a sequence's.
CREATE TABLE consents (
    id BIGINT PRIMARY KEY,
    kind TEXT NOT NULL,
    consent_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    status TEXT NOT NULL,
    decided_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    origin TEXT NOT NULL,
    ip_hash TEXT NOT NULL,
    salt TEXT,
    payload TEXT,
    payload_hash TEXT NOT NULL,
    erased_at BIGINT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX consents_id_seq ON consents (consent_id, seq);
CREATE INDEX consents_received ON consents (received_at);
CREATE TABLE heads (
    id BIGSERIAL PRIMARY KEY,
    row_id BIGINT NOT NULL,
    hash TEXT NOT NULL,
    signed_at BIGINT NOT NULL,
    signature TEXT NOT NULL
);
CREATE TABLE ip_keys (period BIGINT PRIMARY KEY, key BYTEA NOT NULL);
