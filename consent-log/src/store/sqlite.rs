//! The log in one SQLite file: the embedded default, in WAL mode with full syncs on commit.

use super::sql;
use super::{Backend, ChainRow, Decided, Erasable, Row, StoreError, Stored, Tx};
use crate::chain::{RowFields, SignedHead};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

/// The schema this code reads and writes (`PRAGMA user_version`).
const SCHEMA: i64 = 3;

/// A connection to the log's file.
pub(crate) struct SqliteLog {
    path: String,
    conn: Connection,
}

impl SqliteLog {
    /// Opens (creating if needed) the log at `path`.
    pub(crate) fn open(path: &str) -> Result<SqliteLog, StoreError> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a commit is on disk before it returns, so a 2xx never covers a lost record.
        conn.pragma_update(None, "synchronous", "FULL")?;
        // Erased text is overwritten in the file, not merely unlinked from the b-tree.
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let has_table: bool = conn.query_row("SELECT count(*) > 0 FROM sqlite_master WHERE name = 'consents'", [], |r| r.get(0))?;
        // Schema 2 is migrated (0003 adds a table); anything older is not.
        if has_table && version < 2 {
            return Err(StoreError::OldSchema(version, SCHEMA));
        }
        if version > SCHEMA {
            return Err(StoreError::NewerSchema(version, SCHEMA));
        }
        // Both are idempotent: each open brings any log up to date.
        conn.execute_batch(include_str!("../../migrations/sqlite/0002_chain.sql"))?;
        conn.execute_batch(include_str!("../../migrations/sqlite/0003_texts_shown.sql"))?;
        Ok(SqliteLog { path: path.to_string(), conn })
    }
}

impl SqliteLog {
    /// Opens the file, creating or migrating it: the schema versions before and after.
    pub(crate) fn migrate(path: &str) -> Result<(i64, i64), StoreError> {
        let before: i64 = Connection::open(path)?.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        SqliteLog::open(path)?;
        Ok((before, SCHEMA))
    }
}

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    Ok(Row { id: r.get(0)?, consent_id: r.get(1)?, seq: r.get(2)?, status: r.get(3)?, received_at: r.get(4)?, origin: r.get(5)?, payload: r.get(6)? })
}

fn read_chain_row(r: &rusqlite::Row) -> rusqlite::Result<ChainRow> {
    Ok(ChainRow {
        fields: RowFields {
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
        },
        salt: r.get(10)?,
        payload: r.get(11)?,
        prev_hash: r.get(12)?,
        hash: r.get(13)?,
    })
}

impl Backend for SqliteLog {
    fn write(&mut self, work: &mut dyn FnMut(&mut dyn Tx) -> Result<(), StoreError>) -> Result<(), StoreError> {
        // IMMEDIATE takes the write lock first: the append lock of every connection to this file.
        let mut tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        work(&mut tx)?;
        tx.commit()?;
        Ok(())
    }

    fn after_erasure(&mut self) -> Result<(), StoreError> {
        // Moves every page into the main file (overwritten there by secure_delete) and empties the WAL.
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    fn history(&mut self, consent_id: &str) -> Result<Vec<Row>, StoreError> {
        let mut st = self.conn.prepare_cached(sql::HISTORY)?;
        let rows = st.query_map([consent_id], read_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn export_page(&mut self, from: i64, to: i64, after: i64, limit: i64) -> Result<Vec<Row>, StoreError> {
        let mut st = self.conn.prepare_cached(sql::EXPORT_PAGE)?;
        let rows = st.query_map([from, to, after, limit], read_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn heads(&mut self) -> Result<Vec<SignedHead>, StoreError> {
        let mut st = self.conn.prepare(sql::HEADS)?;
        let rows = st.query_map([], |r| Ok(SignedHead { row: r.get(0)?, hash: r.get(1)?, signed_at: r.get(2)?, signature: r.get(3)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn each_recent(&mut self, visit: &mut dyn FnMut(Row) -> bool) -> Result<(), StoreError> {
        let mut st = self.conn.prepare_cached(sql::RECENT)?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            if !visit(read_row(r)?) {
                break;
            }
        }
        Ok(())
    }

    fn each_decided(&mut self, from: i64, to: i64, visit: &mut dyn FnMut(Decided)) -> Result<(), StoreError> {
        let mut st = self.conn.prepare_cached(sql::DECIDED)?;
        let mut rows = st.query([from, to])?;
        while let Some(r) = rows.next()? {
            visit(Decided { id: r.get(0)?, decided_at: r.get(1)?, status: r.get(2)?, payload: r.get(3)? });
        }
        Ok(())
    }

    fn chain_of(&mut self, consent_id: &str) -> Result<Vec<ChainRow>, StoreError> {
        let mut st = self.conn.prepare_cached(sql::CHAIN_OF)?;
        let rows = st.query_map([consent_id], read_chain_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn last_id(&mut self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(sql::LAST_ID, [], |r| r.get(0))?)
    }

    fn texts_of(&mut self, hash: &str) -> Result<Option<String>, StoreError> {
        Ok(self.conn.query_row(sql::TEXTS_OF, [hash], |r| r.get(0)).optional()?)
    }

    fn all_texts(&mut self) -> Result<Vec<(String, String)>, StoreError> {
        let mut st = self.conn.prepare(sql::ALL_TEXTS)?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn each_row(&mut self, visit: &mut dyn FnMut(ChainRow) -> bool) -> Result<(), StoreError> {
        // One read transaction: one snapshot of the file however long the walk takes.
        let tx = self.conn.transaction()?;
        let mut st = tx.prepare(sql::CHAIN_PAGE)?;
        // LIMIT -1: no limit; SQLite streams the rows.
        let mut rows = st.query([0, -1])?;
        while let Some(r) = rows.next()? {
            if !visit(read_chain_row(r)?) {
                break;
            }
        }
        Ok(())
    }

    fn reopen(&self) -> Result<Box<dyn Backend>, StoreError> {
        Ok(Box::new(SqliteLog::open(&self.path)?))
    }

    #[cfg(test)]
    fn execute(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.conn.execute_batch(sql)?)
    }

    #[cfg(test)]
    fn number(&mut self, sql: &str) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(sql, [], |r| r.get(0))?)
    }
}

impl Tx for rusqlite::Transaction<'_> {
    fn stored_under(&mut self, consent_ids: &[String]) -> Result<Vec<Stored>, StoreError> {
        let mut st = self.prepare_cached(sql::STORED_UNDER)?;
        let mut out = vec![];
        for id in consent_ids {
            let rows = st.query_map([id], |r| Ok(Stored { consent_id: r.get(0)?, seq: r.get(1)?, status: r.get(2)?, payload: r.get(3)? }))?;
            for r in rows {
                out.push(r?);
            }
        }
        Ok(out)
    }

    fn last_row(&mut self) -> Result<Option<(i64, String)>, StoreError> {
        Ok(self.query_row(sql::LAST_ROW, [], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
    }

    fn insert_rows(&mut self, rows: &[ChainRow]) -> Result<(), StoreError> {
        let mut st = self.prepare_cached(sql::INSERT_ROW)?;
        for row in rows {
            let f = &row.fields;
            st.execute(params![
                f.id,
                f.kind,
                f.consent_id,
                f.seq,
                f.status,
                f.decided_at,
                f.received_at,
                f.origin,
                f.ip_hash,
                f.payload_hash,
                row.salt,
                row.payload,
                row.prev_hash,
                row.hash
            ])?;
        }
        Ok(())
    }

    fn insert_texts(&mut self, versions: &[(&str, &str)], received_at: i64) -> Result<(), StoreError> {
        let mut st = self.prepare_cached(sql::INSERT_TEXTS)?;
        for (hash, texts) in versions {
            st.execute(params![hash, texts, received_at])?;
        }
        Ok(())
    }

    fn ip_key(&mut self, period: i64) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.query_row(sql::IP_KEY, [period], |r| r.get(0)).optional()?)
    }

    fn insert_ip_key(&mut self, period: i64, key: &[u8]) -> Result<(), StoreError> {
        self.execute(sql::INSERT_IP_KEY, params![period, key])?;
        Ok(())
    }

    fn delete_ip_keys_before(&mut self, cutoff: i64, period_secs: i64) -> Result<(), StoreError> {
        self.execute(sql::DELETE_IP_KEYS, params![cutoff, period_secs.max(1)])?;
        Ok(())
    }

    fn erasable_ids(&mut self, which: &Erasable) -> Result<Vec<i64>, StoreError> {
        let ids: rusqlite::Result<Vec<i64>> = match which {
            Erasable::ConsentId(id) => self.prepare(sql::ERASABLE_BY_ID)?.query_map([id], |r| r.get(0))?.collect(),
            Erasable::ReceivedBefore(t) => self.prepare(sql::ERASABLE_BEFORE)?.query_map([t], |r| r.get(0))?.collect(),
        };
        ids.map_err(StoreError::from)
    }

    fn blank(&mut self, from: i64, to: i64, now: i64) -> Result<(), StoreError> {
        self.execute(sql::BLANK, params![now, from, to])?;
        Ok(())
    }

    fn last_head_row(&mut self) -> Result<Option<i64>, StoreError> {
        Ok(self.query_row(sql::LAST_HEAD, [], |r| r.get(0))?)
    }

    fn insert_head(&mut self, h: &SignedHead) -> Result<(), StoreError> {
        self.execute(sql::INSERT_HEAD, params![h.row, h.hash, h.signed_at, h.signature])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::conformance::{self, at, entry, entry_for};
    use super::super::Store;
    use super::*;

    fn temp_db(name: &str) -> String {
        let p = std::env::temp_dir().join(format!("crumbs-log-{}-{name}.sqlite", std::process::id()));
        for s in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{s}", p.display()));
        }
        p.to_string_lossy().into_owned()
    }

    #[test]
    fn every_scenario_holds_on_sqlite() {
        for (name, scenario) in conformance::ALL {
            eprintln!("sqlite: {name}");
            scenario(&mut |db| Store::open(&temp_db(db)).unwrap());
        }
    }

    #[test]
    fn erased_text_leaves_the_file_and_the_wal() {
        let path = temp_db("erase-file");
        let mut s = Store::open(&path).unwrap();
        s.insert_batch(&[entry(1, "accept_all"), entry(2, "reject_all")], &at(100)).unwrap();
        s.insert_batch(&[entry_for("1f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21", 1, "custom")], &at(100)).unwrap();
        assert_eq!(s.erase("0f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21", 200).unwrap(), 2);
        drop(s);
        let mut file = std::fs::read(&path).unwrap();
        file.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
        let text = String::from_utf8_lossy(&file);
        assert!(!text.contains("reject_all"), "the erased text is gone from the file and the WAL");
        assert!(text.contains("1f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21\",\"seq\""), "the other visitor's record stays");
    }

    #[test]
    fn a_schema_2_log_gains_the_texts_table_and_keeps_its_chain() {
        let path = temp_db("schema2");
        let mut s = Store::open(&path).unwrap();
        s.insert_batch(&[entry(1, "accept_all")], &at(100)).unwrap();
        drop(s);
        // As crumbs before 0003 left it.
        Connection::open(&path).unwrap().execute_batch("DROP TABLE texts_shown; PRAGMA user_version = 2").unwrap();
        assert_eq!(SqliteLog::migrate(&path).unwrap(), (2, 3));
        let mut s = Store::open(&path).unwrap();
        s.insert_batch(&[conformance::entry_with_texts(conformance::ID, 2, "en", "We use cookies")], &at(101)).unwrap();
        assert_eq!(s.number("SELECT count(*) FROM texts_shown").unwrap(), 1);
        assert_eq!(s.verify(None, &[]).unwrap().unwrap().rows, 2);
    }

    #[test]
    fn an_old_or_newer_log_is_named_not_misread() {
        let path = temp_db("old");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE consents (id INTEGER PRIMARY KEY, consent_id TEXT)").unwrap();
        drop(conn);
        assert!(matches!(Store::open(&path), Err(StoreError::OldSchema(0, SCHEMA))));
        let path = temp_db("newer");
        Connection::open(&path).unwrap().execute_batch("PRAGMA user_version = 9").unwrap();
        assert!(matches!(Store::open(&path), Err(StoreError::NewerSchema(9, SCHEMA))));
    }
}
