//! The consent log in SQLite: every record durably written before it is acknowledged, each row
//! chained to the one before (see [`crate::chain`]) so edits, deletions and renumbering show.
//!
//! Nothing is overwritten: a record that is not the next one for its consent id is kept as a
//! flagged row (`conflict`, `gap`, `late`) beside the first, and an erasure is itself a row of
//! the chain naming the rows whose payload it removed. A payload removed without one shows.

use crate::chain::{self, row_hash, RowFields, SignedHead, GENESIS};
use crate::record::ConsentEntry;
use hmac::{Hmac, Mac};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

/// The schema this code reads and writes (`PRAGMA user_version`).
const SCHEMA: i64 = 2;

/// What happened to one record of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Stored as the next decision of its consent id.
    Created,
    /// Already stored with the same content (a retry): nothing written.
    Duplicate,
    /// Stored, flagged: not the next decision of its consent id (see [`Flag`]).
    Flagged(Flag),
}

/// Why a stored record is flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// Another record is stored under the same consent id and sequence.
    Conflict,
    /// Its sequence skips numbers after the last one stored.
    Gap,
    /// Its sequence is lower than one already stored, and not stored itself.
    Late,
}

impl Flag {
    fn id(self) -> &'static str {
        match self {
            Flag::Conflict => "conflict",
            Flag::Gap => "gap",
            Flag::Late => "late",
        }
    }
}

/// How a batch arrived: kept with each of its rows.
#[derive(Clone, Debug)]
pub struct Arrival {
    /// Unix seconds.
    pub received_at: i64,
    /// The request's `Origin`.
    pub origin: String,
    /// The sender's address as the rate limiter keys it (an IPv6 address by its /64).
    pub client: String,
    /// How long one address-hashing key is used (the retention period): after it, the key is
    /// deleted and the hashes made with it can no longer be linked to an address.
    pub key_period_secs: i64,
}

/// The first row where the log does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenLink {
    /// Row id (0: the log as a whole).
    pub row: i64,
    /// What does not match.
    pub reason: String,
}

/// What a verification found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// Rows in the chain.
    pub rows: u64,
    /// Signed heads checked (0 without a key).
    pub heads: u64,
    /// Rows after the last signed head: not yet covered by a signature.
    pub unsigned_tail: u64,
}

/// Why the log cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// The file was made by an earlier crumbs.
    #[error("the log was made by an earlier crumbs (schema {0}, this one reads {SCHEMA}): export it and start a new file")]
    OldSchema(i64),
}

/// The SQLite-backed log.
pub struct Store {
    conn: Connection,
}

/// A history or export row: its payload, or the fact of its erasure, with how it arrived.
#[derive(Clone, Debug)]
pub struct Row {
    /// Row id.
    pub id: i64,
    /// Consent id.
    pub consent_id: String,
    /// Sequence.
    pub seq: i64,
    /// `ok` or a [`Flag`] id.
    pub status: String,
    /// Arrival time, Unix seconds.
    pub received_at: i64,
    /// The request's `Origin`.
    pub origin: String,
    /// The record's JSON, or `None` once erased.
    pub payload: Option<String>,
}

impl Row {
    /// The record's JSON with its status and origin, or a note of its erasure.
    pub fn to_json(&self) -> String {
        let mut v = match self.payload.as_deref().and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok()) {
            Some(v) => v,
            None => serde_json::json!({"consentId": self.consent_id, "seq": self.seq, "erased": true}),
        };
        if let Some(o) = v.as_object_mut() {
            o.insert("status".into(), self.status.clone().into());
            o.insert("origin".into(), self.origin.clone().into());
        }
        v.to_string()
    }
}

/// Row-id ranges, as an erasure row lists them.
fn ranges(ids: &[i64]) -> Vec<[i64; 2]> {
    let mut out: Vec<[i64; 2]> = vec![];
    for &id in ids {
        match out.last_mut() {
            Some(r) if r[1] + 1 == id => r[1] = id,
            _ => out.push([id, id]),
        }
    }
    out
}

impl Store {
    /// Opens (creating if needed) the log at `path`, in WAL mode with full syncs on commit.
    pub fn open(path: &str) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a commit is on disk before it returns, so a 2xx never covers a lost record.
        conn.pragma_update(None, "synchronous", "FULL")?;
        // Erased text is overwritten in the file, not merely unlinked from the b-tree.
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let has_table: bool = conn.query_row("SELECT count(*) > 0 FROM sqlite_master WHERE name = 'consents'", [], |r| r.get(0))?;
        if has_table && version != SCHEMA {
            return Err(StoreError::OldSchema(version));
        }
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS consents (
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
            PRAGMA user_version = 2;",
        )?;
        Ok(Store { conn })
    }

    /// Stores a batch in one transaction: the outcome of each entry.
    pub fn insert_batch(&mut self, entries: &[ConsentEntry], arrival: &Arrival) -> rusqlite::Result<Vec<Outcome>> {
        Ok(self.insert_groups(&[(entries, arrival)])?.pop().unwrap_or_default())
    }

    /// Stores several requests' batches in one transaction (one fsync for all): the outcomes
    /// of each group's entries.
    pub fn insert_groups(&mut self, groups: &[(&[ConsentEntry], &Arrival)]) -> rusqlite::Result<Vec<Vec<Outcome>>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut all = Vec::with_capacity(groups.len());
        for (entries, arrival) in groups {
            all.push(insert_entries(&tx, entries, arrival)?);
        }
        tx.commit()?;
        Ok(all)
    }

    /// Every stored row of one consent id, in arrival order.
    pub fn history(&self, consent_id: &str) -> rusqlite::Result<Vec<Row>> {
        let mut st = self.conn.prepare(
            "SELECT id, consent_id, seq, status, received_at, origin, payload FROM consents WHERE kind = 'record' AND consent_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([consent_id], read_row)?;
        rows.collect()
    }

    /// One page of an export: up to `limit` unerased records received in `[from, to)` after row
    /// id `after`.
    pub fn export_page(&self, from: i64, to: i64, after: i64, limit: i64) -> rusqlite::Result<Vec<Row>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, consent_id, seq, status, received_at, origin, payload FROM consents
             WHERE kind = 'record' AND received_at >= ?1 AND received_at < ?2 AND payload IS NOT NULL AND id > ?3 ORDER BY id LIMIT ?4",
        )?;
        let rows = st.query_map([from, to, after, limit], read_row)?;
        rows.collect()
    }

    /// Erases a consent id's records: payload and salt removed, an erasure row appended, the
    /// WAL checkpointed so the text leaves it too. How many rows.
    pub fn erase(&mut self, consent_id: &str, now: i64) -> rusqlite::Result<usize> {
        self.erase_where("consent_id = ?1", consent_id.to_string(), "request", now)
    }

    /// Erases every record received before `cutoff` (the retention period), and the address
    /// keys of periods wholly before it. How many rows.
    pub fn purge_before(&mut self, cutoff: i64, now: i64, key_period_secs: i64) -> rusqlite::Result<usize> {
        let n = self.erase_where("received_at < ?1", cutoff.to_string(), "retention", now)?;
        // A key's period ends at (period + 1) * length; one ending before the cutoff hashed only purged rows.
        self.conn.execute("DELETE FROM ip_keys WHERE (period + 1) * ?2 <= ?1", params![cutoff, key_period_secs.max(1)])?;
        Ok(n)
    }

    fn erase_where(&mut self, condition: &str, value: String, reason: &str, now: i64) -> rusqlite::Result<usize> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ids: Vec<i64> = {
            let mut st = tx.prepare(&format!("SELECT id FROM consents WHERE kind = 'record' AND payload IS NOT NULL AND {condition} ORDER BY id"))?;
            let rows = st.query_map([&value], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if ids.is_empty() {
            return Ok(0);
        }
        for r in ranges(&ids) {
            tx.execute(
                "UPDATE consents SET payload = NULL, salt = NULL, erased_at = ?3 WHERE kind = 'record' AND id BETWEEN ?1 AND ?2",
                params![r[0], r[1], now],
            )?;
        }
        let note = serde_json::json!({"reason": reason, "rows": ranges(&ids)}).to_string();
        let payload_hash = chain::payload_hash("", &note);
        let fields = RowFields {
            id: 0,
            kind: "erasure".into(),
            consent_id: String::new(),
            seq: 0,
            status: "ok".into(),
            decided_at: now,
            received_at: now,
            origin: String::new(),
            ip_hash: String::new(),
            payload_hash,
        };
        append(&tx, fields, Some(("", &note)))?;
        tx.commit()?;
        // Moves every page into the main file (overwritten there by secure_delete) and empties the WAL.
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(ids.len())
    }

    /// Signs the chain's head if rows arrived since the last signed head; the new head.
    pub fn sign_head(&self, key: &ed25519_dalek::SigningKey, now: i64) -> rusqlite::Result<Option<SignedHead>> {
        let Some((row, hash)): Option<(i64, String)> =
            self.conn.query_row("SELECT id, hash FROM consents ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).optional()?
        else {
            return Ok(None);
        };
        let last: Option<i64> = self.conn.query_row("SELECT max(row_id) FROM heads", [], |r| r.get(0))?;
        if last == Some(row) {
            return Ok(None);
        }
        let head = SignedHead::sign(key, row, &hash, now);
        self.conn.execute(
            "INSERT INTO heads (row_id, hash, signed_at, signature) VALUES (?1, ?2, ?3, ?4)",
            params![head.row, head.hash, head.signed_at, head.signature],
        )?;
        Ok(Some(head))
    }

    /// The signed heads stored in the log, oldest first.
    pub fn heads(&self) -> rusqlite::Result<Vec<SignedHead>> {
        let mut st = self.conn.prepare("SELECT row_id, hash, signed_at, signature FROM heads ORDER BY id")?;
        let rows = st.query_map([], |r| Ok(SignedHead { row: r.get(0)?, hash: r.get(1)?, signed_at: r.get(2)?, signature: r.get(3)? }))?;
        rows.collect()
    }

    /// Checks the whole chain, every erasure, and with `key` every signed head (the log's own
    /// and `outside`, heads the operator kept elsewhere): what holds, or the first break.
    pub fn verify(&self, key: Option<&ed25519_dalek::VerifyingKey>, outside: &[SignedHead]) -> rusqlite::Result<Result<Verified, BrokenLink>> {
        let broken = |row: i64, reason: String| Ok(Err(BrokenLink { row, reason }));
        let mut st = self.conn.prepare(&format!("SELECT {CHAINED}, salt, payload, prev_hash, hash FROM consents ORDER BY id"))?;
        let mut rows = st.query([])?;
        let mut prev = GENESIS.to_string();
        let mut hashes: Vec<(i64, String)> = vec![];
        // Rows whose payload is gone, each to be accounted for by a later erasure row.
        let mut missing: Vec<i64> = vec![];
        let mut n = 0u64;
        while let Some(r) = rows.next()? {
            let fields = read_chained(r)?;
            let (id, kind, payload_hash) = (fields.id, fields.kind.as_str(), fields.payload_hash.as_str());
            let (salt, payload, prev_hash, hash): (Option<String>, Option<String>, String, String) = (r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?);
            if prev_hash != prev {
                return broken(id, "does not link to the row before it (a row was removed or inserted)".into());
            }
            match (&salt, &payload) {
                (Some(s), Some(p)) if chain::payload_hash(s, p) != payload_hash => return broken(id, "its record was edited".into()),
                (None, None) if kind == "record" => missing.push(id),
                (Some(_), Some(_)) => {}
                _ => return broken(id, "its payload or salt was removed without the other".into()),
            }
            if kind == "erasure" {
                let note: serde_json::Value = payload.as_deref().and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default();
                let covered: Vec<[i64; 2]> = serde_json::from_value(note["rows"].clone()).unwrap_or_default();
                missing.retain(|m| !covered.iter().any(|r| (r[0]..=r[1]).contains(m)));
            } else if kind != "record" {
                return broken(id, format!("unknown row kind {kind:?}"));
            }

            if row_hash(&prev, &fields) != hash {
                return broken(id, "its hash does not match its contents".into());
            }
            hashes.push((id, hash.clone()));
            prev = hash;
            n += 1;
        }
        if let Some(&m) = missing.first() {
            return broken(m, "its record was removed with no erasure row accounting for it".into());
        }
        let Some(key) = key else { return Ok(Ok(Verified { rows: n, heads: 0, unsigned_tail: 0 })) };
        let mut heads = self.heads()?;
        heads.extend_from_slice(outside);
        if heads.is_empty() && n > 0 {
            return broken(0, "no signed head: run the server with --signing-key".into());
        }
        let mut last_signed = 0;
        for h in &heads {
            if !h.verify(key) {
                return broken(h.row, "a signed head's signature is not this key's".into());
            }
            match hashes.binary_search_by_key(&h.row, |(id, _)| *id) {
                Ok(i) if hashes[i].1 == h.hash => {}
                Ok(_) => return broken(h.row, "the chain was rewritten: this row's hash differs from the signed head".into()),
                Err(_) => return broken(h.row, "a signed head names a row that is gone (rows were removed)".into()),
            }
            last_signed = last_signed.max(h.row);
        }
        let unsigned_tail = hashes.iter().filter(|(id, _)| *id > last_signed).count() as u64;
        Ok(Ok(Verified { rows: n, heads: heads.len() as u64, unsigned_tail }))
    }
}

/// Stores one request's entries inside `tx`.
fn insert_entries(tx: &rusqlite::Transaction, entries: &[ConsentEntry], arrival: &Arrival) -> rusqlite::Result<Vec<Outcome>> {
    let ip_hash = ip_hash(tx, &arrival.client, arrival.received_at, arrival.key_period_secs)?;
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let seq = e.seq as i64;
        let same: Option<Option<String>> = tx
            .query_row("SELECT payload FROM consents WHERE consent_id = ?1 AND seq = ?2 AND status = 'ok'", params![e.consent_id, seq], |r| r.get(0))
            .optional()?;
        let last: Option<i64> =
            tx.query_row("SELECT max(seq) FROM consents WHERE consent_id = ?1 AND status = 'ok'", [&e.consent_id], |r| r.get(0))?;
        let status = match (same, last) {
            // An erased record is not stored again by a late retry.
            (Some(p), _) if p.is_none() || p.as_deref() == Some(&e.canonical) => {
                out.push(Outcome::Duplicate);
                continue;
            }
            (Some(_), _) => Some(Flag::Conflict),
            // The first record of an id may start anywhere: the log may be newer than the visitor's consent.
            (None, None) => None,
            (None, Some(l)) if seq == l + 1 => None,
            (None, Some(l)) if seq > l => Some(Flag::Gap),
            (None, Some(_)) => Some(Flag::Late),
        };
        if let Some(flag) = status {
            let copy: bool = tx.query_row(
                "SELECT count(*) > 0 FROM consents WHERE consent_id = ?1 AND seq = ?2 AND status = ?3 AND payload = ?4",
                params![e.consent_id, seq, flag.id(), e.canonical],
                |r| r.get(0),
            )?;
            if copy {
                out.push(Outcome::Duplicate);
                continue;
            }
        }
        let salt = chain::new_salt();
        let payload_hash = chain::payload_hash(&salt, &e.canonical);
        append(
            tx,
            RowFields {
                id: 0,
                kind: "record".into(),
                consent_id: e.consent_id.clone(),
                seq,
                status: status.map_or("ok", Flag::id).into(),
                decided_at: e.decided_unix,
                received_at: arrival.received_at,
                origin: arrival.origin.clone(),
                ip_hash: ip_hash.clone(),
                payload_hash,
            },
            Some((&salt, &e.canonical)),
        )?;
        out.push(status.map_or(Outcome::Created, Outcome::Flagged));
    }
    Ok(out)
}

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    Ok(Row { id: r.get(0)?, consent_id: r.get(1)?, seq: r.get(2)?, status: r.get(3)?, received_at: r.get(4)?, origin: r.get(5)?, payload: r.get(6)? })
}

/// The columns a row's hash covers, in [`read_chained`]'s order.
const CHAINED: &str = "id, kind, consent_id, seq, status, decided_at, received_at, origin, ip_hash, payload_hash";

/// Reads the first columns of a row selected with [`CHAINED`].
fn read_chained(r: &rusqlite::Row) -> rusqlite::Result<RowFields> {
    Ok(RowFields {
        id: r.get(0)?,
        kind: r.get(1)?,
        consent_id: r.get(2)?,
        seq: r.get(3)?,
        status: r.get(4)?,
        decided_at: r.get(5)?,
        received_at: r.get(6)?,
        origin: r.get(7)?,
        ip_hash: r.get(8)?,
        payload_hash: r.get(9)?,
    })
}

/// Appends a row to the chain inside `tx`: its id and the hash before it are the chain's own.
fn append(tx: &rusqlite::Transaction, mut f: RowFields, content: Option<(&str, &str)>) -> rusqlite::Result<()> {
    let (last_id, prev): (i64, String) = tx
        .query_row("SELECT id, hash FROM consents ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_string()));
    f.id = last_id + 1;
    let hash = row_hash(&prev, &f);
    let (salt, payload) = content.unzip();
    tx.execute(
        "INSERT INTO consents (id, kind, consent_id, seq, status, decided_at, received_at, origin, ip_hash, salt, payload, payload_hash, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![f.id, f.kind, f.consent_id, f.seq, f.status, f.decided_at, f.received_at, f.origin, f.ip_hash, salt, payload, f.payload_hash, prev, hash],
    )?;
    Ok(())
}

/// The keyed hash of a client address: HMAC-SHA-256 under the key of its period, cut to 128 bits.
fn ip_hash(tx: &rusqlite::Transaction, client: &str, at: i64, period_secs: i64) -> rusqlite::Result<String> {
    let period = at.div_euclid(period_secs.max(1));
    let key: Option<Vec<u8>> = tx.query_row("SELECT key FROM ip_keys WHERE period = ?1", [period], |r| r.get(0)).optional()?;
    let key = match key {
        Some(k) => k,
        None => {
            let mut k = vec![0u8; 32];
            getrandom::getrandom(&mut k).expect("the OS has a random source");
            tx.execute("INSERT INTO ip_keys (period, key) VALUES (?1, ?2)", params![period, k])?;
            k
        }
    };
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).expect("HMAC takes any key length");
    mac.update(client.as_bytes());
    Ok(chain::to_hex(&mac.finalize().into_bytes()[..16]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::validate_record;

    const ID: &str = "0f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21";

    fn entry_for(id: &str, seq: u64, method: &str) -> ConsentEntry {
        let v = serde_json::json!({"consentId": id, "seq": seq, "decidedAt": "2026-11-22T10:00:00Z",
            "revision": 3, "granted": ["necessary"], "refused": ["targeting"], "method": method, "language": "en", "page": "https://example.org/"});
        validate_record(v, "", 1_795_400_000).unwrap()
    }

    fn entry(seq: u64, method: &str) -> ConsentEntry {
        entry_for(ID, seq, method)
    }

    fn at(t: i64) -> Arrival {
        Arrival { received_at: t, origin: "https://example.org".into(), client: "127.0.0.1".into(), key_period_secs: 86_400 }
    }

    fn temp_db(name: &str) -> String {
        let p = std::env::temp_dir().join(format!("crumbs-log-{}-{name}.sqlite", std::process::id()));
        for s in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{s}", p.display()));
        }
        p.to_string_lossy().into_owned()
    }

    fn verify(s: &Store) -> Result<Verified, BrokenLink> {
        s.verify(None, &[]).unwrap()
    }

    #[test]
    fn retries_are_stored_once_and_conflicts_are_kept_flagged() {
        let mut s = Store::open(&temp_db("idem")).unwrap();
        assert_eq!(s.insert_batch(&[entry(1, "accept_all"), entry(2, "withdraw")], &at(100)).unwrap(), vec![Outcome::Created, Outcome::Created]);
        assert_eq!(s.insert_batch(&[entry(1, "accept_all")], &at(101)).unwrap(), vec![Outcome::Duplicate]);
        assert_eq!(s.insert_batch(&[entry(2, "custom")], &at(102)).unwrap(), vec![Outcome::Flagged(Flag::Conflict)]);
        assert_eq!(s.insert_batch(&[entry(2, "custom")], &at(103)).unwrap(), vec![Outcome::Duplicate], "a flagged retry is stored once");
        assert_eq!(s.insert_batch(&[entry(5, "custom")], &at(104)).unwrap(), vec![Outcome::Flagged(Flag::Gap)]);
        let h = s.history(ID).unwrap();
        assert_eq!(h.iter().map(|r| (r.seq, r.status.as_str())).collect::<Vec<_>>(), [(1, "ok"), (2, "ok"), (2, "conflict"), (5, "gap")]);
        assert!(h[1].to_json().contains("\"withdraw\""));
        assert_eq!(verify(&s).unwrap().rows, 4);
    }

    #[test]
    fn arrival_is_kept_with_a_keyed_address_hash() {
        let mut s = Store::open(&temp_db("arrival")).unwrap();
        s.insert_batch(&[entry(1, "accept_all")], &at(100)).unwrap();
        s.insert_batch(&[entry(2, "reject_all")], &at(200)).unwrap();
        s.insert_batch(&[entry(3, "custom")], &at(100 + 86_400)).unwrap();
        let hashes: Vec<String> =
            s.conn.prepare("SELECT ip_hash FROM consents ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        assert_eq!(hashes[0], hashes[1], "one address, one period: one hash");
        assert_ne!(hashes[1], hashes[2], "the key rotates with the period");
        assert_ne!(hashes[0], chain::sha256_hex(&["127.0.0.1"]));
        assert_eq!(s.purge_before(86_400, 90_000, 86_400).unwrap(), 2);
        let keys: i64 = s.conn.query_row("SELECT count(*) FROM ip_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(keys, 1, "the purged period's key is gone");
    }

    #[test]
    fn erasure_erases_and_keeps_the_chain() {
        let path = temp_db("erase");
        let mut s = Store::open(&path).unwrap();
        s.insert_batch(&[entry(1, "accept_all"), entry(2, "reject_all")], &at(100)).unwrap();
        s.insert_batch(&[entry_for("1f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21", 1, "custom")], &at(100)).unwrap();
        let payloads: Vec<String> = s.history(ID).unwrap().iter().filter_map(|r| r.payload.clone()).collect();
        assert_eq!(s.erase(ID, 200).unwrap(), 2);
        assert!(s.history(ID).unwrap()[0].to_json().contains("\"erased\":true"));
        assert_eq!(verify(&s).unwrap().rows, 4, "erased rows and the erasure row verify");
        // Brute force: every record the attacker could guess, hashed every way the row allows.
        let stored: Vec<String> =
            s.conn.prepare("SELECT payload_hash FROM consents").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        let methods = crumbs::consent_log::Method::ALL.map(crumbs::consent_log::Method::id);
        for p in payloads.iter().cloned().chain(methods.iter().map(|m| entry(1, m).canonical)) {
            for guess in [chain::sha256_hex(&[&p]), chain::payload_hash("", &p)] {
                assert!(!stored.contains(&guess), "an erased record is recognisable from its hash");
            }
        }
        drop(s);
        let mut file = std::fs::read(&path).unwrap();
        file.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
        let text = String::from_utf8_lossy(&file);
        assert!(!text.contains("reject_all"), "the erased text is gone from the file and the WAL");
        assert!(text.contains("1f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21\",\"seq\""), "the other visitor's record stays");
    }

    #[test]
    fn each_tampering_is_caught() {
        let key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
        let public = key.verifying_key();
        let fresh = |name: &str| {
            let mut s = Store::open(&temp_db(name)).unwrap();
            s.insert_batch(&[entry(1, "accept_all"), entry(2, "withdraw")], &at(100)).unwrap();
            s.insert_batch(&[entry_for("1f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21", 1, "accept_all")], &at(150)).unwrap();
            s.sign_head(&key, 160).unwrap().unwrap();
            s
        };
        let s = fresh("honest");
        assert_eq!(s.verify(Some(&public), &[]).unwrap(), Ok(Verified { rows: 3, heads: 1, unsigned_tail: 0 }));

        // Deleting the last rows: the signed head names a row that is gone.
        let s = fresh("truncate");
        let outside = s.heads().unwrap();
        s.conn.execute("DELETE FROM consents WHERE id = 3", []).unwrap();
        assert_eq!(verify(&s).map(|v| v.rows), Ok(2), "without the key, a cut tail looks whole");
        assert!(s.verify(Some(&public), &[]).unwrap().unwrap_err().reason.contains("gone"));
        s.conn.execute("DELETE FROM heads", []).unwrap();
        assert!(s.verify(Some(&public), &outside).unwrap().is_err(), "the heads kept elsewhere still catch it");

        // A fake erasure hiding the withdrawal.
        let s = fresh("fake-erasure");
        s.conn.execute("UPDATE consents SET payload = NULL, salt = NULL, erased_at = 170 WHERE id = 2", []).unwrap();
        assert_eq!(verify(&s).unwrap_err(), BrokenLink { row: 2, reason: "its record was removed with no erasure row accounting for it".into() });

        // Edited id and seq columns.
        let s = fresh("ids");
        s.conn.execute("UPDATE consents SET seq = 7 WHERE id = 2", []).unwrap();
        assert_eq!(verify(&s).unwrap_err().row, 2);
        let s = fresh("ids2");
        s.conn.execute("UPDATE consents SET consent_id = '2f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21' WHERE id = 3", []).unwrap();
        assert_eq!(verify(&s).unwrap_err().row, 3);

        // A record flipped from accept to reject, with the whole chain recomputed.
        let s = fresh("rewrite");
        let flipped = entry(1, "reject_all").canonical;
        let salt = "00".repeat(16);
        s.conn
            .execute(
                "UPDATE consents SET payload = ?1, salt = ?2, payload_hash = ?3 WHERE id = 1",
                params![flipped, salt, chain::payload_hash(&salt, &flipped)],
            )
            .unwrap();
        let mut prev = GENESIS.to_string();
        let rows: Vec<RowFields> = s
            .conn
            .prepare(&format!("SELECT {CHAINED} FROM consents ORDER BY id"))
            .unwrap()
            .query_map([], read_chained)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for f in rows {
            let h = row_hash(&prev, &f);
            s.conn.execute("UPDATE consents SET prev_hash = ?1, hash = ?2 WHERE id = ?3", params![prev, h, f.id]).unwrap();
            prev = h;
        }
        assert!(verify(&s).is_ok(), "a recomputed chain holds without the key");
        assert!(s.verify(Some(&public), &[]).unwrap().unwrap_err().reason.contains("rewritten"));
    }

    #[test]
    fn an_old_log_is_named_not_misread() {
        let path = temp_db("old");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE consents (id INTEGER PRIMARY KEY, consent_id TEXT)").unwrap();
        drop(conn);
        assert!(matches!(Store::open(&path), Err(StoreError::OldSchema(0))));
    }
}
