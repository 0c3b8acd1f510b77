-- The chained log (schema 2). Every row's hash covers the columns that matter and the row
-- before it; payload and salt are erasable, payload_hash stands for them.
CREATE TABLE IF NOT EXISTS consents (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    consent_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    decided_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    origin TEXT NOT NULL,
    ip_hash TEXT NOT NULL,
    salt TEXT,
    payload TEXT,
    payload_hash TEXT NOT NULL,
    erased_at INTEGER,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS consents_id_seq ON consents (consent_id, seq);
CREATE INDEX IF NOT EXISTS consents_received ON consents (received_at);
CREATE TABLE IF NOT EXISTS heads (
    id INTEGER PRIMARY KEY,
    row_id INTEGER NOT NULL,
    hash TEXT NOT NULL,
    signed_at INTEGER NOT NULL,
    signature TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ip_keys (period INTEGER PRIMARY KEY, key BLOB NOT NULL);
-- The dashboard's overview reads records by decision time (an index only: no new schema version).
CREATE INDEX IF NOT EXISTS consents_decided ON consents (decided_at);
PRAGMA user_version = 2;
