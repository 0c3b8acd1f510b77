//! The SQL both databases run as written. Parameters are `$1, $2, …`, each first named in
//! that order: PostgreSQL numbers them so, and SQLite numbers named parameters by first use.

/// The record rows stored under one consent id.
pub const STORED_UNDER: &str = "SELECT consent_id, seq, status, payload FROM consents WHERE kind = 'record' AND consent_id = $1";

/// The record rows stored under any of several consent ids (PostgreSQL: an array parameter).
pub const STORED_UNDER_ANY: &str = "SELECT consent_id, seq, status, payload FROM consents WHERE kind = 'record' AND consent_id = ANY($1)";

/// The chain's last row.
pub const LAST_ROW: &str = "SELECT id, hash FROM consents ORDER BY id DESC LIMIT 1";

/// Appends a row.
pub const INSERT_ROW: &str =
    "INSERT INTO consents (id, kind, consent_id, seq, status, decided_at, received_at, origin, ip_hash, payload_hash, salt, payload, prev_hash, hash)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

/// One period's address-hashing key.
pub const IP_KEY: &str = "SELECT key FROM ip_keys WHERE period = $1";

/// Stores a period's key.
pub const INSERT_IP_KEY: &str = "INSERT INTO ip_keys (period, key) VALUES ($1, $2)";

/// A key's period ends at (period + 1) * length; one ending by the cutoff hashed only purged rows.
pub const DELETE_IP_KEYS: &str = "DELETE FROM ip_keys WHERE $1 >= (period + 1) * $2";

/// Unerased records of one consent id.
pub const ERASABLE_BY_ID: &str = "SELECT id FROM consents WHERE kind = 'record' AND payload IS NOT NULL AND consent_id = $1 ORDER BY id";

/// Unerased records received before a time.
pub const ERASABLE_BEFORE: &str = "SELECT id FROM consents WHERE kind = 'record' AND payload IS NOT NULL AND received_at < $1 ORDER BY id";

/// Removes the payload and salt of a range of records.
pub const BLANK: &str = "UPDATE consents SET erased_at = $1, payload = NULL, salt = NULL WHERE kind = 'record' AND id BETWEEN $2 AND $3";

/// The row the last signed head covers.
pub const LAST_HEAD: &str = "SELECT max(row_id) FROM heads";

/// Stores a signed head.
pub const INSERT_HEAD: &str = "INSERT INTO heads (row_id, hash, signed_at, signature) VALUES ($1, $2, $3, $4)";

/// The signed heads, oldest first.
pub const HEADS: &str = "SELECT row_id, hash, signed_at, signature FROM heads ORDER BY id";

/// One visitor's records.
pub const HISTORY: &str =
    "SELECT id, consent_id, seq, status, received_at, origin, payload FROM consents WHERE kind = 'record' AND consent_id = $1 ORDER BY id";

/// One page of an export.
pub const EXPORT_PAGE: &str = "SELECT id, consent_id, seq, status, received_at, origin, payload FROM consents
    WHERE kind = 'record' AND received_at >= $1 AND received_at < $2 AND payload IS NOT NULL AND id > $3 ORDER BY id LIMIT $4";

/// One page of the whole chain, for verification.
pub const CHAIN_PAGE: &str =
    "SELECT id, kind, consent_id, seq, status, decided_at, received_at, origin, ip_hash, payload_hash, salt, payload, prev_hash, hash
    FROM consents WHERE id > $1 ORDER BY id LIMIT $2";

/// The newest 50,000 record rows, newest first (the dashboard's recent records read until they
/// have enough). The limit lets PostgreSQL plan a backward scan of the primary key, not a sort.
pub const RECENT: &str =
    "SELECT id, consent_id, seq, status, received_at, origin, payload FROM consents WHERE kind = 'record' ORDER BY id DESC LIMIT 50000";

/// The unerased records decided in `[$1, $2)`, in no order (the overview counts them in one pass).
pub const DECIDED: &str =
    "SELECT id, decided_at, status, payload FROM consents WHERE kind = 'record' AND decided_at >= $1 AND decided_at < $2 AND payload IS NOT NULL";

/// One visitor's rows with everything their hashes cover (the dashboard's proof).
pub const CHAIN_OF: &str =
    "SELECT id, kind, consent_id, seq, status, decided_at, received_at, origin, ip_hash, payload_hash, salt, payload, prev_hash, hash
    FROM consents WHERE kind = 'record' AND consent_id = $1 ORDER BY id";

/// The chain's length (row ids are 1, 2, …).
pub const LAST_ID: &str = "SELECT coalesce(max(id), 0) FROM consents";

/// Stores a version of the texts a banner showed, unless it is stored already.
pub const INSERT_TEXTS: &str = "INSERT INTO texts_shown (hash, texts, first_received) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING";

/// One version of the texts, by its hash.
pub const TEXTS_OF: &str = "SELECT texts FROM texts_shown WHERE hash = $1";

/// Every version of the texts, for verification.
pub const ALL_TEXTS: &str = "SELECT hash, texts FROM texts_shown ORDER BY hash";
