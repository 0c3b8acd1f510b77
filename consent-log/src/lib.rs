//! The crumbs consent log: validates consent records from the browser, stores them durably in
//! SQLite or PostgreSQL with a tamper-evident hash chain, and proves and exports them for the site owner.

mod admin;
pub mod chain;
pub mod limits;
pub mod record;
pub mod server;
mod static_files;
pub mod store;

use std::process::ExitCode;

/// The log's commands, shared by `crumbs` and `crumbs-consent-log`.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Run the consent-log server.
    Serve(server::Options),
    /// Check the consent log's hash chain, its erasures and (with --key) its signed heads.
    VerifyLog(VerifyLogArgs),
    /// Bring the log's schema up to date (`serve` does it too at start), then exit.
    Migrate(MigrateArgs),
    /// Make an ed25519 key for signing the chain's head: the secret to a file, the public key printed.
    LogKeygen(KeygenArgs),
}

impl Command {
    /// Runs the command to its exit code.
    pub fn run(self) -> ExitCode {
        match self {
            Command::Serve(o) => serve_main(o),
            Command::VerifyLog(a) => verify_log_main(&a),
            Command::Migrate(a) => migrate_main(&a),
            Command::LogKeygen(a) => keygen_main(&a),
        }
    }
}

/// The options of `verify-log`.
#[derive(Clone, Debug, clap::Args)]
pub struct VerifyLogArgs {
    /// The consent log: its SQLite file, or its PostgreSQL URL.
    #[arg(long, value_name = "PATH|URL")]
    pub db: String,
    /// The public key (hex, or a file holding it) the server signs heads with: checks each signed head.
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,
    /// Signed heads kept away from the database (the server's --heads-file): checked too.
    #[arg(long, value_name = "PATH", requires = "key")]
    pub heads_file: Option<String>,
}

/// The options of `migrate`.
#[derive(Clone, Debug, clap::Args)]
pub struct MigrateArgs {
    /// The consent log: its SQLite file (created if missing), or its PostgreSQL URL.
    #[arg(long, value_name = "PATH|URL")]
    pub db: String,
}

/// `migrate --db D`: exit 0 with the schema versions before and after.
pub fn migrate_main(args: &MigrateArgs) -> ExitCode {
    let shown = store::shown(&args.db);
    match store::Store::migrate(&args.db) {
        Ok((from, to)) if from == to => {
            println!("{shown}: schema {to}, up to date");
            ExitCode::SUCCESS
        }
        Ok((from, to)) => {
            println!("{shown}: schema {from} migrated to {to}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{shown}: {e}");
            ExitCode::from(1)
        }
    }
}

/// The options of `log-keygen`.
#[derive(Clone, Debug, clap::Args)]
pub struct KeygenArgs {
    /// Where to write the secret key (created, never overwritten; readable by its owner only).
    #[arg(long, value_name = "PATH")]
    pub out: std::path::PathBuf,
}

/// Structured log lines (JSON) on stderr; `RUST_LOG`-style filtering is not needed for a server this small.
fn init_logging() {
    let _ = tracing_subscriber::fmt().json().with_writer(std::io::stderr).with_target(false).try_init();
}

/// `serve …`: runs until SIGINT or SIGTERM, then finishes in-flight writes.
pub fn serve_main(opts: server::Options) -> ExitCode {
    init_logging();
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("crumbs serve: {e}");
            return ExitCode::from(1);
        }
    };
    rt.block_on(async {
        let running = match server::start(opts).await {
            Ok(r) => r,
            Err(e) => {
                eprintln!("crumbs serve: {e}");
                return ExitCode::from(1);
            }
        };
        println!("crumbs consent log: http://{}/v1/consents", running.addr);
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending::<()>().await } } => {}
        }
        running.stop().await;
        ExitCode::SUCCESS
    })
}

/// `verify-log --db PATH [--key K [--heads-file F]]`: exit 0 when the log holds, 1 naming the
/// first broken row.
pub fn verify_log_main(args: &VerifyLogArgs) -> ExitCode {
    let db = &store::shown(&args.db);
    if !store::is_postgres(db) && !std::path::Path::new(db).is_file() {
        eprintln!("{db}: no such consent log");
        return ExitCode::from(1);
    }
    let key = match args.key.as_deref().map(chain::read_verifying_key).transpose() {
        Ok(k) => k,
        Err(e) => {
            eprintln!("--key {e}");
            return ExitCode::from(1);
        }
    };
    let outside = match &args.heads_file {
        None => vec![],
        Some(f) => match std::fs::read_to_string(f) {
            Ok(text) => {
                let heads: Option<Vec<_>> = text.lines().filter(|l| !l.trim().is_empty()).map(chain::SignedHead::from_line).collect();
                match heads {
                    Some(h) => h,
                    None => {
                        eprintln!("--heads-file {f}: a line is not a signed head");
                        return ExitCode::from(1);
                    }
                }
            }
            Err(e) => {
                eprintln!("--heads-file {f}: {e}");
                return ExitCode::from(1);
            }
        },
    };
    let result =
        store::Store::open(&args.db).map_err(|e| e.to_string()).and_then(|mut s| s.verify(key.as_ref(), &outside).map_err(|e| e.to_string()));
    match result {
        Ok(Ok(v)) if key.is_some() => {
            println!("{db}: chain intact, {} rows; {} signed heads hold; {} rows after the last signed head", v.rows, v.heads, v.unsigned_tail);
            ExitCode::SUCCESS
        }
        Ok(Ok(v)) => {
            println!("{db}: chain intact, {} rows (without --key, a chain rewritten or cut at its end cannot be told apart)", v.rows);
            ExitCode::SUCCESS
        }
        Ok(Err(b)) => {
            println!("{db}: broken at row {}: {}", b.row, b.reason);
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{db}: cannot read the log: {e}");
            ExitCode::from(1)
        }
    }
}

/// `log-keygen --out PATH`.
pub fn keygen_main(args: &KeygenArgs) -> ExitCode {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let (secret, public) = chain::generate_key();
    let file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&args.out);
    match file.and_then(|mut f| writeln!(f, "{secret}")) {
        Ok(()) => {
            println!("{public}");
            eprintln!("secret key written to {}; the public key above is what verify-log --key takes", args.out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", args.out.display());
            ExitCode::from(1)
        }
    }
}
