-- What the banners showed (schema 3): each distinct version of the texts once, under the
-- SHA-256 of its canonical JSON, which every record carrying it names as `textsHash` (a record
-- is in the chain; its hash binds the version's text). Not personal data: never erased.
CREATE TABLE IF NOT EXISTS texts_shown (
    hash TEXT PRIMARY KEY,
    texts TEXT NOT NULL,
    first_received INTEGER NOT NULL
);
PRAGMA user_version = 3;
