//! The log in PostgreSQL, for sites that run several `crumbs serve` instances on one database.
//!
//! The synchronous `postgres` client with an r2d2 pool: the store is called from the writer
//! thread and from blocking tasks, never from async code, so the blocking client keeps one
//! store API for both databases; the pool replaces connections that broke (a restart of
//! PostgreSQL) and bounds how long a request waits for one.

use super::sql;
use super::{Backend, ChainRow, Decided, Erasable, Row, StoreError, Stored, Tx};
use crate::chain::{RowFields, SignedHead};
use ::postgres::types::Type;
use ::postgres::{IsolationLevel, NoTls};
use r2d2_postgres::PostgresConnectionManager;
use std::time::Duration;

type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;

/// The append lock: a transaction-scoped advisory lock every writer takes before it reads the
/// chain's last row, so appends from every instance are serialized by the database itself.
const APPEND_LOCK: &str = "SELECT pg_advisory_xact_lock(7165064052958574707)";

/// Many rows in one statement, from one array per column (in [`sql::INSERT_ROW`]'s order).
const INSERT_ROWS: &str = "INSERT INTO consents (id, kind, consent_id, seq, status, decided_at, received_at, origin, ip_hash, payload_hash, salt, payload, prev_hash, hash)
    SELECT * FROM UNNEST($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::BIGINT[], $5::TEXT[], $6::BIGINT[], $7::BIGINT[], $8::TEXT[], $9::TEXT[], $10::TEXT[], $11::TEXT[], $12::TEXT[], $13::TEXT[], $14::TEXT[])";

/// The migrations, in order: version N is the N-th.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/postgres/0001_chain.sql"),
    include_str!("../../migrations/postgres/0002_decided_index.sql"),
    include_str!("../../migrations/postgres/0003_texts_shown.sql"),
];

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

    fn each_recent(&mut self, visit: &mut dyn FnMut(Row) -> bool) -> Result<(), StoreError> {
        let mut c = self.connection()?;
        let mut tx = c.build_transaction().read_only(true).start()?;
        let portal = tx.bind(sql::RECENT, &[])?;
        // Small pages first: the newest rows are usually all that is needed.
        let mut size = 100;
        loop {
            let page = tx.query_portal(&portal, size)?;
            if page.is_empty() {
                break;
            }
            for r in &page {
                if !visit(read_row(r)) {
                    return Ok(());
                }
            }
            size = (size * 4).min(CHAIN_PAGE_ROWS as i32);
        }
        tx.commit()?;
        Ok(())
    }

    fn each_decided(&mut self, from: i64, to: i64, visit: &mut dyn FnMut(Decided)) -> Result<(), StoreError> {
        let mut c = self.connection()?;
        // A portal: the query runs once and its rows come in pages, in constant memory.
        let mut tx = c.build_transaction().read_only(true).start()?;
        let portal = tx.bind(sql::DECIDED, &[&from, &to])?;
        loop {
            let page = tx.query_portal(&portal, CHAIN_PAGE_ROWS as i32)?;
            if page.is_empty() {
                break;
            }
            for r in &page {
                visit(Decided { id: r.get(0), decided_at: r.get(1), status: r.get(2), payload: r.get(3) });
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn chain_of(&mut self, consent_id: &str) -> Result<Vec<ChainRow>, StoreError> {
        let rows = self.connection()?.query_typed(sql::CHAIN_OF, &[(&consent_id, Type::TEXT)])?;
        Ok(rows.iter().map(read_chain_row).collect())
    }

    fn last_id(&mut self) -> Result<i64, StoreError> {
        Ok(self.connection()?.query_typed_one(sql::LAST_ID, &[])?.get(0))
    }

    fn texts_of(&mut self, hash: &str) -> Result<Option<String>, StoreError> {
        Ok(self.connection()?.query_typed_opt(sql::TEXTS_OF, &[(&hash, Type::TEXT)])?.map(|r| r.get(0)))
    }

    fn all_texts(&mut self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self.connection()?.query(sql::ALL_TEXTS, &[])?.iter().map(|r| (r.get(0), r.get(1))).collect())
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
    fn stored_under(&mut self, consent_ids: &[String]) -> Result<Vec<Stored>, StoreError> {
        let rows = self.query_typed(sql::STORED_UNDER_ANY, &[(&consent_ids, Type::TEXT_ARRAY)])?;
        Ok(rows.iter().map(|r| Stored { consent_id: r.get(0), seq: r.get(1), status: r.get(2), payload: r.get(3) }).collect())
    }

    fn last_row(&mut self) -> Result<Option<(i64, String)>, StoreError> {
        Ok(self.query_typed_opt(sql::LAST_ROW, &[])?.map(|r| (r.get(0), r.get(1))))
    }

    fn insert_rows(&mut self, rows: &[ChainRow]) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        // One statement for the whole batch: a column per array.
        let ints = |f: fn(&ChainRow) -> i64| rows.iter().map(f).collect::<Vec<i64>>();
        let texts = |f: fn(&ChainRow) -> &str| rows.iter().map(f).collect::<Vec<&str>>();
        let optional = |f: fn(&ChainRow) -> Option<&str>| rows.iter().map(f).collect::<Vec<Option<&str>>>();
        let (id, seq, decided, received) =
            (ints(|r| r.fields.id), ints(|r| r.fields.seq), ints(|r| r.fields.decided_at), ints(|r| r.fields.received_at));
        let (kind, consent, status, origin) =
            (texts(|r| &r.fields.kind), texts(|r| &r.fields.consent_id), texts(|r| &r.fields.status), texts(|r| &r.fields.origin));
        let (ip, payload_hash, prev, hash) =
            (texts(|r| &r.fields.ip_hash), texts(|r| &r.fields.payload_hash), texts(|r| &r.prev_hash), texts(|r| &r.hash));
        let (salt, payload) = (optional(|r| r.salt.as_deref()), optional(|r| r.payload.as_deref()));
        let (i, t) = (Type::INT8_ARRAY, Type::TEXT_ARRAY);
        self.execute_typed(
            INSERT_ROWS,
            &[
                (&id, i.clone()),
                (&kind, t.clone()),
                (&consent, t.clone()),
                (&seq, i.clone()),
                (&status, t.clone()),
                (&decided, i.clone()),
                (&received, i),
                (&origin, t.clone()),
                (&ip, t.clone()),
                (&payload_hash, t.clone()),
                (&salt, t.clone()),
                (&payload, t.clone()),
                (&prev, t.clone()),
                (&hash, t),
            ],
        )?;
        Ok(())
    }

    fn insert_texts(&mut self, versions: &[(&str, &str)], received_at: i64) -> Result<(), StoreError> {
        // Few versions (one per config revision and language): a statement each.
        for (hash, texts) in versions {
            self.execute_typed(sql::INSERT_TEXTS, &[(hash, Type::TEXT), (texts, Type::TEXT), (&received_at, Type::INT8)])?;
        }
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
