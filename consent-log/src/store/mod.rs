//! The consent log's storage: every record durably written before it is acknowledged, each row
//! chained to the one before (see [`crate::chain`]) so edits, deletions and renumbering show.
//!
//! Nothing is overwritten: a record that is not the next one for its consent id is kept as a
//! flagged row (`conflict`, `gap`, `late`) beside the first, and an erasure is itself a row of
//! the chain naming the rows whose payload it removed. A payload removed without one shows.
//!
//! The rules live here once; [`sqlite`] and [`postgres`] only say how their database runs a
//! query. Every write holds the chain's append lock for its whole transaction (SQLite's write
//! lock, PostgreSQL's advisory lock), so several servers writing one database still make one
//! chain, each row linked to the row committed before it.

mod postgres;
mod sql;
mod sqlite;

use crate::chain::{self, row_hash, RowFields, SignedHead, GENESIS};
use crate::record::{texts_hash, ConsentEntry};
use hmac::{Hmac, Mac};
use std::collections::BTreeMap;

/// The `textsHash` a stored record names, if any (found without parsing: the log's own
/// canonical JSON, where a string value cannot contain this key's quoted form unescaped).
fn named_texts(payload: &str) -> Option<&str> {
    let (_, rest) = payload.split_once(",\"textsHash\":\"")?;
    rest.get(..64)
}

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
    /// PostgreSQL failed, or the connection to it did.
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] ::postgres::Error),
    /// No connection to PostgreSQL could be had in time.
    #[error("cannot reach PostgreSQL: {0}")]
    Unreachable(#[from] r2d2::Error),
    /// The task opening the log did not finish.
    #[error("the log could not be opened: {0}")]
    Gone(String),
    /// The log was made by an earlier crumbs that this one does not migrate.
    #[error("the log was made by an earlier crumbs (schema {0}, this one reads {1}): export it and start a new log")]
    OldSchema(i64, i64),
    /// The log was migrated by a later crumbs.
    #[error("the log was migrated by a later crumbs (schema {0}, this one knows up to {1}): run that version")]
    NewerSchema(i64, i64),
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

/// A record as the overview counts it.
#[derive(Clone, Debug)]
pub struct Decided {
    /// Row id.
    pub id: i64,
    /// Decision time, Unix seconds.
    pub decided_at: i64,
    /// `ok` or a [`Flag`] id.
    pub status: String,
    /// The record's JSON.
    pub payload: String,
}

/// One stored row with everything verification reads.
#[derive(Clone, Debug)]
pub struct ChainRow {
    /// The columns its hash covers.
    pub fields: RowFields,
    /// The payload's salt (`None` once erased).
    pub salt: Option<String>,
    /// The record's JSON, or an erasure's note (`None` once erased).
    pub payload: Option<String>,
    /// The hash of the row before it, as stored.
    pub prev_hash: String,
    /// Its own hash, as stored.
    pub hash: String,
}

/// A record row already stored under a consent id: what deciding the next one reads.
#[derive(Clone, Debug)]
pub(crate) struct Stored {
    /// Its consent id.
    consent_id: String,
    /// Its sequence.
    seq: i64,
    /// `ok` or a [`Flag`] id.
    status: String,
    /// Its payload (`None` once erased).
    payload: Option<String>,
}

/// Which records an erasure covers.
pub(crate) enum Erasable<'a> {
    /// One visitor's.
    ConsentId(&'a str),
    /// Every record received before this time (retention).
    ReceivedBefore(i64),
}

/// What a back end does inside a write transaction that holds the chain's append lock.
pub(crate) trait Tx {
    /// Every record row stored under these consent ids (one round trip on PostgreSQL).
    fn stored_under(&mut self, consent_ids: &[String]) -> Result<Vec<Stored>, StoreError>;
    /// The last row's id and hash.
    fn last_row(&mut self) -> Result<Option<(i64, String)>, StoreError>;
    /// Stores versions of the texts shown (hash, canonical texts) not stored yet.
    fn insert_texts(&mut self, versions: &[(&str, &str)], received_at: i64) -> Result<(), StoreError>;
    /// Inserts chained rows, in order (one round trip on PostgreSQL).
    fn insert_rows(&mut self, rows: &[ChainRow]) -> Result<(), StoreError>;
    /// The address-hashing key of `period`.
    fn ip_key(&mut self, period: i64) -> Result<Option<Vec<u8>>, StoreError>;
    /// Stores a new address-hashing key.
    fn insert_ip_key(&mut self, period: i64, key: &[u8]) -> Result<(), StoreError>;
    /// Deletes the keys of periods that ended by `cutoff`.
    fn delete_ip_keys_before(&mut self, cutoff: i64, period_secs: i64) -> Result<(), StoreError>;
    /// The ids of unerased records an erasure covers, ascending.
    fn erasable_ids(&mut self, which: &Erasable) -> Result<Vec<i64>, StoreError>;
    /// Removes the payload and salt of records `from..=to`.
    fn blank(&mut self, from: i64, to: i64, now: i64) -> Result<(), StoreError>;
    /// The row the last signed head covers.
    fn last_head_row(&mut self) -> Result<Option<i64>, StoreError>;
    /// Stores a signed head.
    fn insert_head(&mut self, head: &SignedHead) -> Result<(), StoreError>;
}

/// One database: how it runs transactions and reads.
pub(crate) trait Backend: Send {
    /// Runs `work` in one transaction holding the append lock, committed durably before it returns.
    fn write(&mut self, work: &mut dyn FnMut(&mut dyn Tx) -> Result<(), StoreError>) -> Result<(), StoreError>;
    /// After an erasure committed: makes the database drop the erased text where it can.
    fn after_erasure(&mut self) -> Result<(), StoreError>;
    /// Every record row of one consent id, in arrival order.
    fn history(&mut self, consent_id: &str) -> Result<Vec<Row>, StoreError>;
    /// Up to `limit` unerased records received in `[from, to)` after row id `after`.
    fn export_page(&mut self, from: i64, to: i64, after: i64, limit: i64) -> Result<Vec<Row>, StoreError>;
    /// The stored signed heads, oldest first.
    fn heads(&mut self) -> Result<Vec<SignedHead>, StoreError>;
    /// Record rows newest first, streamed, until `visit` says stop.
    fn each_recent(&mut self, visit: &mut dyn FnMut(Row) -> bool) -> Result<(), StoreError>;
    /// Every unerased record decided in `[from, to)`, in one pass of one query (streamed).
    fn each_decided(&mut self, from: i64, to: i64, visit: &mut dyn FnMut(Decided)) -> Result<(), StoreError>;
    /// Every record row of one consent id with the columns its hash covers, in arrival order.
    fn chain_of(&mut self, consent_id: &str) -> Result<Vec<ChainRow>, StoreError>;
    /// The last row's id (0 for an empty log).
    fn last_id(&mut self) -> Result<i64, StoreError>;
    /// One version of the texts shown, by its hash.
    fn texts_of(&mut self, hash: &str) -> Result<Option<String>, StoreError>;
    /// Every version of the texts shown: (hash, canonical texts).
    fn all_texts(&mut self) -> Result<Vec<(String, String)>, StoreError>;
    /// Every row in id order, from one consistent snapshot, until `visit` says stop.
    fn each_row(&mut self, visit: &mut dyn FnMut(ChainRow) -> bool) -> Result<(), StoreError>;
    /// Another handle on the same log (SQLite: a new connection; PostgreSQL: the same pool).
    fn reopen(&self) -> Result<Box<dyn Backend>, StoreError>;
    /// Runs SQL as given: the tests' tampering.
    #[cfg(test)]
    fn execute(&mut self, sql: &str) -> Result<(), StoreError>;
    /// A single number from SQL as given: the tests' look inside.
    #[cfg(test)]
    fn number(&mut self, sql: &str) -> Result<i64, StoreError>;
}

/// Whether `db` names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// `db` as logs and errors may show it: a PostgreSQL URL without its password.
pub fn shown(db: &str) -> String {
    match url::Url::parse(db) {
        Ok(mut u) if is_postgres(db) && u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => db.to_string(),
    }
}

/// The consent log, on SQLite or PostgreSQL.
pub struct Store {
    backend: Box<dyn Backend>,
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
    /// Opens the log, creating or migrating its schema: `db` is a SQLite file, or a
    /// `postgres://` URL.
    pub fn open(db: &str) -> Result<Store, StoreError> {
        let backend: Box<dyn Backend> =
            if is_postgres(db) { Box::new(postgres::PostgresLog::open(db)?) } else { Box::new(sqlite::SqliteLog::open(db)?) };
        Ok(Store { backend })
    }

    /// Brings the schema up to date: the versions before and after.
    pub fn migrate(db: &str) -> Result<(i64, i64), StoreError> {
        if is_postgres(db) {
            postgres::PostgresLog::connect(db)?.migrate()
        } else {
            sqlite::SqliteLog::migrate(db)
        }
    }

    /// Another handle on the same log, for another thread.
    pub fn reopen(&self) -> Result<Store, StoreError> {
        Ok(Store { backend: self.backend.reopen()? })
    }

    /// Stores a batch in one transaction: the outcome of each entry.
    pub fn insert_batch(&mut self, entries: &[ConsentEntry], arrival: &Arrival) -> Result<Vec<Outcome>, StoreError> {
        Ok(self.insert_groups(&[(entries, arrival)])?.pop().unwrap_or_default())
    }

    /// Stores several requests' batches in one transaction (one durable commit for all): the
    /// outcomes of each group's entries.
    pub fn insert_groups(&mut self, groups: &[(&[ConsentEntry], &Arrival)]) -> Result<Vec<Vec<Outcome>>, StoreError> {
        let mut all = Vec::with_capacity(groups.len());
        self.backend.write(&mut |tx| {
            all.clear();
            let mut ids: Vec<String> = groups.iter().flat_map(|(entries, _)| entries.iter().map(|e| e.consent_id.clone())).collect();
            ids.sort_unstable();
            ids.dedup();
            let mut stored = tx.stored_under(&ids)?;
            let mut chain = Appender::new(tx)?;
            let mut versions: Vec<(&str, &str)> = vec![];
            for (entries, arrival) in groups {
                all.push(insert_entries(tx, &mut chain, &mut stored, entries, arrival)?);
                versions.extend(entries.iter().filter_map(|e| e.texts.as_ref()).map(|t| (t.hash.as_str(), t.canonical.as_str())));
            }
            versions.sort_unstable();
            versions.dedup();
            // In the records' transaction: no record names a version the log lacks.
            if let Some((_, arrival)) = groups.first() {
                tx.insert_texts(&versions, arrival.received_at)?;
            }
            tx.insert_rows(&chain.rows)
        })?;
        Ok(all)
    }

    /// Every stored row of one consent id, in arrival order.
    pub fn history(&mut self, consent_id: &str) -> Result<Vec<Row>, StoreError> {
        self.backend.history(consent_id)
    }

    /// One page of an export: up to `limit` unerased records received in `[from, to)` after row
    /// id `after`.
    pub fn export_page(&mut self, from: i64, to: i64, after: i64, limit: i64) -> Result<Vec<Row>, StoreError> {
        self.backend.export_page(from, to, after, limit)
    }

    /// Record rows (erased ones too), newest first, until `visit` returns false: one query,
    /// streamed, so reading stops where the caller does.
    pub fn each_recent(&mut self, visit: &mut dyn FnMut(Row) -> bool) -> Result<(), StoreError> {
        self.backend.each_recent(visit)
    }

    /// Every unerased record decided in `[from, to)` (Unix seconds), in no order, in constant
    /// memory: one query streamed, so a range costs one pass over its rows.
    pub fn each_decided(&mut self, from: i64, to: i64, visit: &mut dyn FnMut(Decided)) -> Result<(), StoreError> {
        self.backend.each_decided(from, to, visit)
    }

    /// One consent id's rows as the chain holds them: what proves each.
    pub fn chain_of(&mut self, consent_id: &str) -> Result<Vec<ChainRow>, StoreError> {
        self.backend.chain_of(consent_id)
    }

    /// How many rows the chain has (its last row id).
    pub fn last_id(&mut self) -> Result<i64, StoreError> {
        self.backend.last_id()
    }

    /// The texts a banner showed, by the `textsHash` of the records that carry them (the
    /// canonical JSON object), if the log has that version.
    pub fn texts_of(&mut self, hash: &str) -> Result<Option<String>, StoreError> {
        self.backend.texts_of(hash)
    }

    /// Erases a consent id's records: payload and salt removed, an erasure row appended. How many rows.
    pub fn erase(&mut self, consent_id: &str, now: i64) -> Result<usize, StoreError> {
        self.erase_where(Erasable::ConsentId(consent_id), "request", now, None)
    }

    /// Erases every record received before `cutoff` (the retention period), and the address
    /// keys of periods wholly before it. How many rows.
    pub fn purge_before(&mut self, cutoff: i64, now: i64, key_period_secs: i64) -> Result<usize, StoreError> {
        self.erase_where(Erasable::ReceivedBefore(cutoff), "retention", now, Some((cutoff, key_period_secs)))
    }

    fn erase_where(&mut self, which: Erasable, reason: &str, now: i64, keys_before: Option<(i64, i64)>) -> Result<usize, StoreError> {
        let mut erased = 0;
        self.backend.write(&mut |tx| {
            if let Some((cutoff, period)) = keys_before {
                tx.delete_ip_keys_before(cutoff, period)?;
            }
            let ids = tx.erasable_ids(&which)?;
            erased = ids.len();
            if ids.is_empty() {
                return Ok(());
            }
            for r in ranges(&ids) {
                tx.blank(r[0], r[1], now)?;
            }
            let note = serde_json::json!({"reason": reason, "rows": ranges(&ids)}).to_string();
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
                payload_hash: chain::payload_hash("", &note),
            };
            let mut chain = Appender::new(tx)?;
            chain.append(fields, "", &note);
            tx.insert_rows(&chain.rows)
        })?;
        if erased > 0 {
            self.backend.after_erasure()?;
        }
        Ok(erased)
    }

    /// Signs the chain's head if rows arrived since the last signed head; the new head.
    pub fn sign_head(&mut self, key: &ed25519_dalek::SigningKey, now: i64) -> Result<Option<SignedHead>, StoreError> {
        let mut signed = None;
        self.backend.write(&mut |tx| {
            signed = None;
            let Some((row, hash)) = tx.last_row()? else { return Ok(()) };
            if tx.last_head_row()? == Some(row) {
                return Ok(());
            }
            let head = SignedHead::sign(key, row, &hash, now);
            tx.insert_head(&head)?;
            signed = Some(head);
            Ok(())
        })?;
        Ok(signed)
    }

    /// The signed heads stored in the log, oldest first.
    pub fn heads(&mut self) -> Result<Vec<SignedHead>, StoreError> {
        self.backend.heads()
    }

    /// Checks the whole chain, every erasure, and with `key` every signed head (the log's own
    /// and `outside`, heads the operator kept elsewhere): what holds, or the first break.
    pub fn verify(&mut self, key: Option<&ed25519_dalek::VerifyingKey>, outside: &[SignedHead]) -> Result<Result<Verified, BrokenLink>, StoreError> {
        let mut walk = ChainWalk { prev: GENESIS.to_string(), hashes: vec![], missing: vec![], texts: BTreeMap::new(), broken: None };
        self.backend.each_row(&mut |row| walk.step(row))?;
        if let Some(b) = walk.broken {
            return Ok(Err(b));
        }
        let broken = |row: i64, reason: &str| Ok(Err(BrokenLink { row, reason: reason.into() }));
        if let Some(&m) = walk.missing.first() {
            return broken(m, "its record was removed with no erasure row accounting for it");
        }
        // The texts shown: each version still hashes to its name, and each one a record names is there.
        let versions = self.backend.all_texts()?;
        if let Some((hash, _)) = versions.iter().find(|(hash, texts)| texts_hash(texts) != *hash) {
            let first = walk.texts.get(hash).copied().unwrap_or(0);
            return broken(first, &format!("the texts shown {}… were edited: they no longer hash to their name", hash.get(..12).unwrap_or(hash)));
        }
        if let Some((_, &row)) = walk.texts.iter().find(|(hash, _)| versions.binary_search_by(|(h, _)| h.as_str().cmp(hash)).is_err()) {
            return broken(row, "the texts shown that its record names (textsHash) are not in the log");
        }
        let n = walk.hashes.len() as u64;
        let Some(key) = key else { return Ok(Ok(Verified { rows: n, heads: 0, unsigned_tail: 0 })) };
        let mut heads = self.heads()?;
        heads.extend_from_slice(outside);
        if heads.is_empty() && n > 0 {
            return broken(0, "no signed head: run the server with --signing-key");
        }
        let mut last_signed = 0;
        for h in &heads {
            if !h.verify(key) {
                return broken(h.row, "a signed head's signature is not this key's");
            }
            match walk.hashes.binary_search_by_key(&h.row, |(id, _)| *id) {
                Ok(i) if walk.hashes[i].1 == h.hash => {}
                Ok(_) => return broken(h.row, "the chain was rewritten: this row's hash differs from the signed head"),
                Err(_) => return broken(h.row, "a signed head names a row that is gone (rows were removed)"),
            }
            last_signed = last_signed.max(h.row);
        }
        let unsigned_tail = walk.hashes.iter().filter(|(id, _)| *id > last_signed).count() as u64;
        Ok(Ok(Verified { rows: n, heads: heads.len() as u64, unsigned_tail }))
    }

    /// Runs SQL as given (tests only: tampering with the log as an attacker would).
    #[cfg(test)]
    pub(crate) fn execute(&mut self, sql: &str) -> Result<(), StoreError> {
        self.backend.execute(sql)
    }

    /// One number from SQL as given (tests only).
    #[cfg(test)]
    pub(crate) fn number(&mut self, sql: &str) -> Result<i64, StoreError> {
        self.backend.number(sql)
    }

    /// Every row as stored (tests only).
    #[cfg(test)]
    pub(crate) fn rows(&mut self) -> Vec<ChainRow> {
        let mut out = vec![];
        self.backend
            .each_row(&mut |r| {
                out.push(r);
                true
            })
            .unwrap();
        out
    }
}

/// The verifier's walk along the chain, one row at a time (a million rows in constant memory,
/// but for one id and hash per row to match signed heads against).
struct ChainWalk {
    prev: String,
    hashes: Vec<(i64, String)>,
    /// Rows whose payload is gone, each to be accounted for by a later erasure row.
    missing: Vec<i64>,
    /// Each `textsHash` the records name, with the first row naming it.
    texts: BTreeMap<String, i64>,
    broken: Option<BrokenLink>,
}

impl ChainWalk {
    /// Checks one row; false (and `broken` set) at the first break.
    fn step(&mut self, r: ChainRow) -> bool {
        match self.check(&r) {
            Ok(()) => {
                self.hashes.push((r.fields.id, r.hash.clone()));
                self.prev = r.hash;
                true
            }
            Err(reason) => {
                self.broken = Some(BrokenLink { row: r.fields.id, reason });
                false
            }
        }
    }

    fn check(&mut self, r: &ChainRow) -> Result<(), String> {
        let (id, kind) = (r.fields.id, r.fields.kind.as_str());
        if r.prev_hash != self.prev {
            return Err("does not link to the row before it (a row was removed or inserted)".into());
        }
        match (&r.salt, &r.payload) {
            (Some(s), Some(p)) if chain::payload_hash(s, p) != r.fields.payload_hash => return Err("its record was edited".into()),
            (None, None) if kind == "record" => self.missing.push(id),
            (Some(_), Some(p)) => {
                if let Some(h) = named_texts(p) {
                    self.texts.entry(h.to_string()).or_insert(id);
                }
            }
            _ => return Err("its payload or salt was removed without the other".into()),
        }
        if kind == "erasure" {
            let note: serde_json::Value = r.payload.as_deref().and_then(|p| serde_json::from_str(p).ok()).unwrap_or_default();
            let covered: Vec<[i64; 2]> = serde_json::from_value(note["rows"].clone()).unwrap_or_default();
            self.missing.retain(|m| !covered.iter().any(|c| (c[0]..=c[1]).contains(m)));
        } else if kind != "record" {
            return Err(format!("unknown row kind {kind:?}"));
        }
        if row_hash(&self.prev, &r.fields) != r.hash {
            return Err("its hash does not match its contents".into());
        }
        Ok(())
    }
}

/// Appends rows to the chain inside one write transaction: the last row is read once, then
/// followed as rows are added (the append lock keeps every other writer out meanwhile); the
/// rows are inserted together at the end.
struct Appender {
    last_id: i64,
    last_hash: String,
    /// Address keys by period, read or made once per transaction.
    keys: Vec<(i64, Vec<u8>)>,
    /// The rows appended, to insert.
    rows: Vec<ChainRow>,
}

impl Appender {
    fn new(tx: &mut dyn Tx) -> Result<Appender, StoreError> {
        let (last_id, last_hash) = tx.last_row()?.unwrap_or((0, GENESIS.to_string()));
        Ok(Appender { last_id, last_hash, keys: vec![], rows: vec![] })
    }

    /// Appends a row: its id and the hash before it are the chain's own.
    fn append(&mut self, mut fields: RowFields, salt: &str, payload: &str) {
        fields.id = self.last_id + 1;
        let hash = row_hash(&self.last_hash, &fields);
        self.last_id = fields.id;
        let prev_hash = std::mem::replace(&mut self.last_hash, hash.clone());
        self.rows.push(ChainRow { fields, salt: Some(salt.into()), payload: Some(payload.into()), prev_hash, hash });
    }

    /// The keyed hash of a client address: HMAC-SHA-256 under the key of its period, cut to 128 bits.
    fn ip_hash(&mut self, tx: &mut dyn Tx, client: &str, at: i64, period_secs: i64) -> Result<String, StoreError> {
        let period = at.div_euclid(period_secs.max(1));
        let key = match self.keys.iter().find(|(p, _)| *p == period) {
            Some((_, k)) => k.clone(),
            None => {
                let k = match tx.ip_key(period)? {
                    Some(k) => k,
                    None => {
                        let mut k = vec![0u8; 32];
                        getrandom::getrandom(&mut k).expect("the OS has a random source");
                        tx.insert_ip_key(period, &k)?;
                        k
                    }
                };
                self.keys.push((period, k.clone()));
                k
            }
        };
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).expect("HMAC takes any key length");
        mac.update(client.as_bytes());
        Ok(chain::to_hex(&mac.finalize().into_bytes()[..16]))
    }
}

/// Whether a record is stored, and how, given the rows already under its consent id.
fn decide(stored: &[Stored], e: &ConsentEntry) -> Option<Option<Flag>> {
    let seq = e.seq as i64;
    let mine = || stored.iter().filter(|r| r.consent_id == e.consent_id);
    let same = mine().find(|r| r.seq == seq && r.status == "ok");
    let last = mine().filter(|r| r.status == "ok").map(|r| r.seq).max();
    let flag = match (same, last) {
        // A retry; an erased record is not stored again by a late one either.
        (Some(r), _) if r.payload.is_none() || r.payload.as_deref() == Some(&e.canonical) => return None,
        (Some(_), _) => Some(Flag::Conflict),
        // The first record of an id may start anywhere: the log may be newer than the visitor's consent.
        (None, None) => None,
        (None, Some(l)) if seq == l + 1 => None,
        (None, Some(l)) if seq > l => Some(Flag::Gap),
        (None, Some(_)) => Some(Flag::Late),
    };
    if let Some(f) = flag {
        if mine().any(|r| r.seq == seq && r.status == f.id() && r.payload.as_deref() == Some(&e.canonical)) {
            return None; // a flagged record's retry
        }
    }
    Some(flag)
}

/// Appends one request's entries (`stored` grows with each, so a batch sees its own records).
fn insert_entries(
    tx: &mut dyn Tx,
    chain: &mut Appender,
    stored: &mut Vec<Stored>,
    entries: &[ConsentEntry],
    arrival: &Arrival,
) -> Result<Vec<Outcome>, StoreError> {
    let ip_hash = chain.ip_hash(tx, &arrival.client, arrival.received_at, arrival.key_period_secs)?;
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let Some(status) = decide(stored, e) else {
            out.push(Outcome::Duplicate);
            continue;
        };
        let salt = chain::new_salt();
        let fields = RowFields {
            id: 0,
            kind: "record".into(),
            consent_id: e.consent_id.clone(),
            seq: e.seq as i64,
            status: status.map_or("ok", Flag::id).into(),
            decided_at: e.decided_unix,
            received_at: arrival.received_at,
            origin: arrival.origin.clone(),
            ip_hash: ip_hash.clone(),
            payload_hash: chain::payload_hash(&salt, &e.canonical),
        };
        stored.push(Stored { consent_id: e.consent_id.clone(), seq: fields.seq, status: fields.status.clone(), payload: Some(e.canonical.clone()) });
        chain.append(fields, &salt, &e.canonical);
        out.push(status.map_or(Outcome::Created, Outcome::Flagged));
    }
    Ok(out)
}

#[cfg(test)]
mod conformance;
