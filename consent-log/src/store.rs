//! The consent log in SQLite: every record durably written before it is acknowledged, each row
//! chained to the one before by SHA-256 so edits and deletions show.
//!
//! Chain: `hash = SHA-256(prev_hash "\n" payload_hash "\n" received_at)`, where
//! `payload_hash = SHA-256(canonical record JSON)`. Erasure (a data subject's request, or the
//! retention period) removes the payload but keeps `payload_hash`, so the chain still verifies
//! while the personal data is gone.

use crate::record::ConsentEntry;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// Hash of the (empty) chain before the first row.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened to one record of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Stored now.
    Created,
    /// Already stored with the same content (a retry): nothing written.
    Duplicate,
    /// Already stored with other content under the same consent id and sequence.
    Conflict,
}

/// The first row where the chain does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenLink {
    /// Row id.
    pub row: i64,
    /// Its consent id.
    pub consent_id: String,
    /// Its sequence number.
    pub seq: i64,
    /// What does not match.
    pub reason: &'static str,
}

/// The SQLite-backed log.
pub struct Store {
    conn: Connection,
}

fn sha256_hex(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update(b"\n");
        }
        h.update(p.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl Store {
    /// Opens (creating if needed) the log at `path`, in WAL mode with full syncs on commit.
    pub fn open(path: &str) -> rusqlite::Result<Store> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a commit is on disk before it returns, so a 2xx never covers a lost record.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS consents (
                id INTEGER PRIMARY KEY,
                consent_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                decided_at INTEGER NOT NULL,
                received_at INTEGER NOT NULL,
                payload TEXT,
                payload_hash TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL,
                erased_at INTEGER,
                UNIQUE (consent_id, seq)
            );
            CREATE INDEX IF NOT EXISTS consents_received ON consents (received_at);",
        )?;
        Ok(Store { conn })
    }

    /// Stores a batch in one transaction (one fsync for all): the outcome of each entry.
    pub fn insert_batch(&mut self, entries: &[ConsentEntry], received_at: i64) -> rusqlite::Result<Vec<Outcome>> {
        let tx = self.conn.transaction()?;
        let mut prev: String =
            tx.query_row("SELECT hash FROM consents ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).optional()?.unwrap_or_else(|| GENESIS.to_string());
        let mut out = Vec::with_capacity(entries.len());
        for e in entries {
            let existing: Option<String> = tx
                .query_row("SELECT payload_hash FROM consents WHERE consent_id = ?1 AND seq = ?2", params![e.consent_id, e.seq as i64], |r| r.get(0))
                .optional()?;
            let payload_hash = sha256_hex(&[&e.canonical]);
            if let Some(h) = existing {
                out.push(if h == payload_hash { Outcome::Duplicate } else { Outcome::Conflict });
                continue;
            }
            let hash = sha256_hex(&[&prev, &payload_hash, &received_at.to_string()]);
            tx.execute(
                "INSERT INTO consents (consent_id, seq, decided_at, received_at, payload, payload_hash, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![e.consent_id, e.seq as i64, e.decided_unix, received_at, e.canonical, payload_hash, prev, hash],
            )?;
            prev = hash;
            out.push(Outcome::Created);
        }
        tx.commit()?;
        Ok(out)
    }

    /// Every stored decision of one consent id, oldest first, as JSON lines (erased ones as
    /// `{"consentId":…,"seq":…,"erased":true}`).
    pub fn history(&self, consent_id: &str) -> rusqlite::Result<Vec<String>> {
        let mut st = self.conn.prepare("SELECT seq, payload FROM consents WHERE consent_id = ?1 ORDER BY seq")?;
        let rows = st.query_map([consent_id], |r| {
            let (seq, payload): (i64, Option<String>) = (r.get(0)?, r.get(1)?);
            Ok(payload.unwrap_or_else(|| serde_json::json!({"consentId": consent_id, "seq": seq, "erased": true}).to_string()))
        })?;
        rows.collect()
    }

    /// Records received in `[from, to)` (Unix seconds), oldest first: `(received_at, payload)`.
    pub fn export(&self, from: i64, to: i64) -> rusqlite::Result<Vec<(i64, String)>> {
        Ok(self.export_page(from, to, 0, i64::MAX)?.into_iter().map(|(_, r, p)| (r, p)).collect())
    }

    /// One page of an export: up to `limit` rows after row id `after`, as `(id, received_at, payload)`.
    pub fn export_page(&self, from: i64, to: i64, after: i64, limit: i64) -> rusqlite::Result<Vec<(i64, i64, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, received_at, payload FROM consents
             WHERE received_at >= ?1 AND received_at < ?2 AND payload IS NOT NULL AND id > ?3 ORDER BY id LIMIT ?4",
        )?;
        let rows = st.query_map([from, to, after, limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect()
    }

    /// Erases a consent id's records (payload removed, chain kept); how many rows.
    pub fn erase(&self, consent_id: &str, now: i64) -> rusqlite::Result<usize> {
        self.conn
            .execute("UPDATE consents SET payload = NULL, erased_at = ?2 WHERE consent_id = ?1 AND payload IS NOT NULL", params![consent_id, now])
    }

    /// Erases every record received before `cutoff` (the retention period); how many rows.
    pub fn purge_before(&self, cutoff: i64, now: i64) -> rusqlite::Result<usize> {
        self.conn.execute("UPDATE consents SET payload = NULL, erased_at = ?2 WHERE received_at < ?1 AND payload IS NOT NULL", params![cutoff, now])
    }

    /// Checks the whole chain: the number of rows, or the first broken link.
    pub fn verify(&self) -> rusqlite::Result<Result<u64, BrokenLink>> {
        let mut st =
            self.conn.prepare("SELECT id, consent_id, seq, received_at, payload, payload_hash, prev_hash, hash FROM consents ORDER BY id")?;
        let mut rows = st.query([])?;
        let mut prev = GENESIS.to_string();
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let (id, consent_id, seq, received_at): (i64, String, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let (payload, payload_hash, prev_hash, hash): (Option<String>, String, String, String) = (r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?);
            let broken = |reason| Ok(Err(BrokenLink { row: id, consent_id: consent_id.clone(), seq, reason }));
            if prev_hash != prev {
                return broken("does not link to the row before it (a row was removed or inserted)");
            }
            if payload.as_deref().is_some_and(|p| sha256_hex(&[p]) != payload_hash) {
                return broken("its record was edited");
            }
            if sha256_hex(&[&prev, &payload_hash, &received_at.to_string()]) != hash {
                return broken("its hash does not match its contents");
            }
            prev = hash;
            n += 1;
        }
        Ok(Ok(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::validate_record;

    fn entry(seq: u64, method: &str) -> ConsentEntry {
        let v = serde_json::json!({"consentId": "0f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21", "seq": seq, "decidedAt": "2026-11-22T10:00:00Z",
            "revision": 3, "granted": ["necessary"], "refused": ["targeting"], "method": method, "language": "en", "page": "https://example.org/"});
        validate_record(&v, "", 1_795_400_000).unwrap()
    }

    fn temp_db(name: &str) -> String {
        let p = std::env::temp_dir().join(format!("crumbs-log-{}-{name}.sqlite", std::process::id()));
        let _ = std::fs::remove_file(&p);
        p.to_string_lossy().into_owned()
    }

    #[test]
    fn idempotent_retries_conflicts_and_history() {
        let path = temp_db("idem");
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.insert_batch(&[entry(1, "accept_all"), entry(2, "withdraw")], 100).unwrap(), vec![Outcome::Created, Outcome::Created]);
        assert_eq!(s.insert_batch(&[entry(1, "accept_all")], 101).unwrap(), vec![Outcome::Duplicate]);
        assert_eq!(s.insert_batch(&[entry(2, "custom")], 102).unwrap(), vec![Outcome::Conflict]);
        let h = s.history("0f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21").unwrap();
        assert_eq!(h.len(), 2);
        assert!(h[1].contains("\"withdraw\""));
        assert_eq!(s.verify().unwrap(), Ok(2));
    }

    #[test]
    fn erasure_keeps_the_chain_and_edits_break_it() {
        let path = temp_db("chain");
        let mut s = Store::open(&path).unwrap();
        s.insert_batch(&[entry(1, "accept_all"), entry(2, "reject_all"), entry(3, "custom")], 100).unwrap();
        assert_eq!(s.erase("0f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21", 200).unwrap(), 3);
        assert!(s.history("0f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21").unwrap()[0].contains("\"erased\":true"));
        assert_eq!(s.verify().unwrap(), Ok(3), "erased rows still verify");
        s.insert_batch(&[ConsentEntry { consent_id: "1f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21".into(), ..entry(1, "api") }], 300).unwrap();
        s.conn.execute("UPDATE consents SET payload = replace(payload, 'api', 'gpc') WHERE id = 4", []).unwrap();
        let broken = s.verify().unwrap().unwrap_err();
        assert_eq!((broken.row, broken.reason), (4, "its record was edited"));
        s.conn.execute("DELETE FROM consents WHERE id = 2", []).unwrap();
        assert_eq!(s.verify().unwrap().unwrap_err().row, 3, "a removed row breaks the next link");
    }

    #[test]
    fn retention_and_export() {
        let path = temp_db("ret");
        let mut s = Store::open(&path).unwrap();
        s.insert_batch(&[entry(1, "accept_all")], 100).unwrap();
        s.insert_batch(&[entry(2, "reject_all")], 5000).unwrap();
        assert_eq!(s.export(0, 10_000).unwrap().len(), 2);
        assert_eq!(s.purge_before(1000, 6000).unwrap(), 1);
        assert_eq!(s.export(0, 10_000).unwrap().len(), 1);
        assert_eq!(s.verify().unwrap(), Ok(2));
    }
}
