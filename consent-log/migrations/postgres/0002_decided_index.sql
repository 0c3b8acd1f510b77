-- The dashboard's overview reads records by decision time.
CREATE INDEX IF NOT EXISTS consents_decided ON consents (decided_at);
