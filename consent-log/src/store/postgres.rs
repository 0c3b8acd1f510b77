//! The log in PostgreSQL, for sites that run several `crumbs serve` instances on one database.
//!
//! The synchronous `postgres` client with an r2d2 pool: the store is called from the writer
//! thread and from blocking tasks, never from async code, so the blocking client keeps one
//! store API for both databases; the pool replaces connections that broke (a restart of
//! PostgreSQL) and bounds how long a request waits for one.

use super::sql;
use super::{Backend, ChainRow, Erasable, Prior, Row, StoreError, Tx};
use crate::chain::{RowFields, SignedHead};
use ::postgres::types::Type;
use ::postgres::{IsolationLevel, NoTls};
use r2d2_postgres::PostgresConnectionManager;
use std::time::Duration;

type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;

/// The append lock: a transaction-scoped advisory lock every writer takes before it reads the
/// chain's last row, so appends from every instance are serialized by the database itself.
const APPEND_LOCK: &str = "SELECT pg_advisory_xact_lock(7165064052958574707)";

/// The migrations, in order: version N is the N-th.
const MIGRATIONS: &[&str] = &[include_str!("../../migrations/postgres/0001_chain.sql")];

/// Most connections one instance holds.
const POOL_SIZE: u32 = 8;

/// How long a request waits for a connection before it is answered 503.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// Rows read per round trip while verifying.
const CHAIN_PAGE_ROWS: i64 = 5000;

/// A pool of connections to the log's database.
pub(crate) struct PostgresLog {
    /// Always `Some` but while dropped (see the `Drop` impl).
    pool: Option<Pool>,
}

impl Drop for PostgresLog {
    fn drop(&mut self) {
        // The blocking client closes a connection with a blocking call, which panics on an
        // async worker: there, the pool's last handle is dropped on a thread of its own.
        if let Some(pool) = self.pool.take().filter(|_| tokio::runtime::Handle::try_current().is_ok()) {
            std::thread::spawn(move || drop(pool));
        }
    }
}

impl PostgresLog {
    /// Connects and brings the schema up to date.
    pub(crate) fn open(url: &str) -> Result<PostgresLog, StoreError> {
        let log = PostgresLog::connect(url)?;
        log.migrate()?;
        Ok(log)
    }

    /// Connects, and checks nothing else.
    pub(crate) fn connect(url: &str) -> Result<PostgresLog, StoreError> {
        let mut config: ::postgres::Config = url.parse()?;
        config.connect_timeout(CONNECT_TIMEOUT);
        let manager = PostgresConnectionManager::new(config, NoTls);
        let pool = r2d2::Pool::builder().max_size(POOL_SIZE).min_idle(Some(1)).connection_timeout(CONNECT_TIMEOUT).build(manager)?;
        Ok(PostgresLog { pool: Some(pool) })
    }

    /// A connection from the pool.
    fn connection(&self) -> Result<r2d2::PooledConnection<PostgresConnectionManager<NoTls>>, StoreError> {
        Ok(self.pool.as_ref().expect("the pool is taken only on drop").get()?)
    }

    /// Applies the migrations this database lacks, under the append lock so instances starting
    /// together migrate once: the versions before and after.
    pub(crate) fn migrate(&self) -> Result<(i64, i64), StoreError> {
        let mut c = self.connection()?;
        let mut tx = c.transaction()?;
        tx.batch_execute(APPEND_LOCK)?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS crumbs_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)")?;
        let from: i64 = tx.query_one("SELECT coalesce(max(version), 0)::BIGINT FROM crumbs_migrations", &[])?.get(0);
        let known = MIGRATIONS.len() as i64;
        if from > known {
            return Err(StoreError::NewerSchema(from, known));
        }
        for (i, migration) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            tx.batch_execute(migration)?;
            let version = i as i32 + 1;
            tx.execute("INSERT INTO crumbs_migrations (version, applied_at) VALUES ($1, extract(epoch FROM now())::BIGINT)", &[&version])?;
        }
        tx.commit()?;
        Ok((from, known))
    }
}

fn read_row(r: &::postgres::Row) -> Row {
    Row { id: r.get(0), consent_id: r.get(1), seq: r.get(2), status: r.get(3), received_at: r.get(4), origin: r.get(5), payload: r.get(6) }
}

fn read_chain_row(r: &::postgres::Row) -> ChainRow {
    ChainRow {
        fields: RowFields {
            id: r.get(0),
            kind: r.get(1),
            consent_id: r.get(2),
            seq: r.get(3),
            status: r.get(4),
            decided_at: r.get(5),
            received_at: r.get(6),
            origin: r.get(7),
            ip_hash: r.get(8),
            payload_hash: r.get(9),
        },
        salt: r.get(10),
        payload: r.get(11),
        prev_hash: r.get(12),
        hash: r.get(13),
    }
}

fn read_head(r: &::postgres::Row) -> SignedHead {
    SignedHead { row: r.get(0), hash: r.get(1), signed_at: r.get(2), signature: r.get(3) }
}

impl Backend for PostgresLog {
    fn write(&mut self, work: &mut dyn FnMut(&mut dyn Tx) -> Result<(), StoreError>) -> Result<(), StoreError> {
        let mut c = self.connection()?;
        let mut tx = c.transaction()?;
        tx.batch_execute(APPEND_LOCK)?;
        work(&mut tx)?;
        // synchronous_commit (on by default): the commit returns once its WAL is on disk.
        tx.commit()?;
        Ok(())
    }

    fn after_erasure(&mut self) -> Result<(), StoreError> {
        // Frees the erased rows' old versions for reuse; their bytes can stay in the file and
        // the WAL until overwritten or recycled (README: operations).
        self.connection()?.batch_execute("VACUUM consents")?;
        Ok(())
    }

    fn history(&mut self, consent_id: &str) -> Result<Vec<Row>, StoreError> {
        let rows = self.connection()?.query_typed(sql::HISTORY, &[(&consent_id, Type::TEXT)])?;
        Ok(rows.iter().map(read_row).collect())
    }

    fn export_page(&mut self, from: i64, to: i64, after: i64, limit: i64) -> Result<Vec<Row>, StoreError> {
        let rows = self
            .connection()?
            .query_typed(sql::EXPORT_PAGE, &[(&from, Type::INT8), (&to, Type::INT8), (&after, Type::INT8), (&limit, Type::INT8)])?;
        Ok(rows.iter().map(read_row).collect())
    }

    fn heads(&mut self) -> Result<Vec<SignedHead>, StoreError> {
        Ok(self.connection()?.query(sql::HEADS, &[])?.iter().map(read_head).collect())
    }

    fn each_row(&mut self, visit: &mut dyn FnMut(ChainRow) -> bool) -> Result<(), StoreError> {
        let mut c = self.connection()?;
        // One snapshot for the whole walk, read in pages: constant memory for any length.
        let mut tx = c.build_transaction().isolation_level(IsolationLevel::RepeatableRead).read_only(true).start()?;
        let mut after = 0i64;
        loop {
            let page = tx.query_typed(sql::CHAIN_PAGE, &[(&after, Type::INT8), (&CHAIN_PAGE_ROWS, Type::INT8)])?;
            let Some(last) = page.last() else { break };
            after = last.get(0);
            for r in &page {
                if !visit(read_chain_row(r)) {
                    return Ok(());
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn reopen(&self) -> Result<Box<dyn Backend>, StoreError> {
        Ok(Box::new(PostgresLog { pool: self.pool.clone() }))
    }

    #[cfg(test)]
    fn execute(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.connection()?.batch_execute(sql)?)
    }

    #[cfg(test)]
    fn number(&mut self, sql: &str) -> Result<i64, StoreError> {
        Ok(self.connection()?.query_one(sql, &[])?.get(0))
    }
}

impl Tx for ::postgres::Transaction<'_> {
    fn prior(&mut self, consent_id: &str, seq: i64) -> Result<Prior, StoreError> {
        let r = self.query_typed_one(sql::PRIOR, &[(&consent_id, Type::TEXT), (&seq, Type::INT8)])?;
        let (exists, payload): (bool, Option<String>) = (r.get(0), r.get(1));
        Ok(Prior { same: exists.then_some(payload), last: r.get(2) })
    }

    fn has_flagged_copy(&mut self, consent_id: &str, seq: i64, status: &str, payload: &str) -> Result<bool, StoreError> {
        let params: [(&(dyn ::postgres::types::ToSql + Sync), Type); 4] =
            [(&consent_id, Type::TEXT), (&seq, Type::INT8), (&status, Type::TEXT), (&payload, Type::TEXT)];
        Ok(self.query_typed_one(sql::FLAGGED_COPY, &params)?.get(0))
    }

    fn last_row(&mut self) -> Result<Option<(i64, String)>, StoreError> {
        Ok(self.query_typed_opt(sql::LAST_ROW, &[])?.map(|r| (r.get(0), r.get(1))))
    }

    fn insert_row(&mut self, row: &ChainRow) -> Result<(), StoreError> {
        let f = &row.fields;
        let (t, i) = (Type::TEXT, Type::INT8);
        self.execute_typed(
            sql::INSERT_ROW,
            &[
                (&f.id, i.clone()),
                (&f.kind, t.clone()),
                (&f.consent_id, t.clone()),
                (&f.seq, i.clone()),
                (&f.status, t.clone()),
                (&f.decided_at, i.clone()),
                (&f.received_at, i),
                (&f.origin, t.clone()),
                (&f.ip_hash, t.clone()),
                (&f.payload_hash, t.clone()),
                (&row.salt, t.clone()),
                (&row.payload, t.clone()),
                (&row.prev_hash, t.clone()),
                (&row.hash, t),
            ],
        )?;
        Ok(())
    }

    fn ip_key(&mut self, period: i64) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.query_typed_opt(sql::IP_KEY, &[(&period, Type::INT8)])?.map(|r| r.get(0)))
    }

    fn insert_ip_key(&mut self, period: i64, key: &[u8]) -> Result<(), StoreError> {
        self.execute_typed(sql::INSERT_IP_KEY, &[(&period, Type::INT8), (&key, Type::BYTEA)])?;
        Ok(())
    }

    fn delete_ip_keys_before(&mut self, cutoff: i64, period_secs: i64) -> Result<(), StoreError> {
        self.execute_typed(sql::DELETE_IP_KEYS, &[(&cutoff, Type::INT8), (&period_secs.max(1), Type::INT8)])?;
        Ok(())
    }

    fn erasable_ids(&mut self, which: &Erasable) -> Result<Vec<i64>, StoreError> {
        let rows = match which {
            Erasable::ConsentId(id) => self.query_typed(sql::ERASABLE_BY_ID, &[(id, Type::TEXT)])?,
            Erasable::ReceivedBefore(t) => self.query_typed(sql::ERASABLE_BEFORE, &[(t, Type::INT8)])?,
        };
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn blank(&mut self, from: i64, to: i64, now: i64) -> Result<(), StoreError> {
        self.execute_typed(sql::BLANK, &[(&now, Type::INT8), (&from, Type::INT8), (&to, Type::INT8)])?;
        Ok(())
    }

    fn last_head_row(&mut self) -> Result<Option<i64>, StoreError> {
        Ok(self.query_typed_one(sql::LAST_HEAD, &[])?.get(0))
    }

    fn insert_head(&mut self, h: &SignedHead) -> Result<(), StoreError> {
        self.execute_typed(sql::INSERT_HEAD, &[(&h.row, Type::INT8), (&h.hash, Type::TEXT), (&h.signed_at, Type::INT8), (&h.signature, Type::TEXT)])?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "../../tests/support/temp_postgres.rs"]
mod temp_postgres;

#[cfg(test)]
mod tests {
    use super::super::conformance;
    use super::super::Store;
    use super::temp_postgres::TempPostgres;
    use super::*;

    #[test]
    fn every_scenario_holds_on_postgres() {
        let pg = TempPostgres::start();
        for (i, (name, scenario)) in conformance::ALL.iter().enumerate() {
            eprintln!("postgres: {name}");
            let mut n = 0;
            scenario(&mut |db| {
                n += 1;
                Store::open(&pg.create_db(&format!("s{i}_{n}_{}", db.replace('-', "_")))).unwrap()
            });
        }
    }

    #[test]
    fn migrations_run_once_and_a_newer_schema_is_refused() {
        let pg = TempPostgres::start();
        let url = pg.create_db("migrations");
        let log = PostgresLog::open(&url).unwrap();
        assert_eq!(log.migrate().unwrap(), (MIGRATIONS.len() as i64, MIGRATIONS.len() as i64), "already applied: nothing runs again");
        log.connection().unwrap().batch_execute("INSERT INTO crumbs_migrations VALUES (99, 0)").unwrap();
        assert!(matches!(PostgresLog::open(&url), Err(StoreError::NewerSchema(99, _))));
    }

    #[test]
    fn an_unreachable_database_is_an_error_not_a_wait() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let started = std::time::Instant::now();
        let err = Store::open(&format!("postgres://postgres@127.0.0.1:{port}/none")).err().expect("no server there");
        assert!(matches!(err, StoreError::Unreachable(_)), "{err}");
        assert!(started.elapsed() < Duration::from_secs(30));
    }
}
