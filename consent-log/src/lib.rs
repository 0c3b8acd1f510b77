//! The crumbs consent log: validates consent records from the browser, stores them durably in
//! SQLite with a tamper-evident hash chain, and proves and exports them for the site owner.

pub mod record;
pub mod server;
pub mod store;

use std::process::ExitCode;

/// The log's two commands, shared by `crumbs` and `crumbs-consent-log`.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Run the consent-log server.
    Serve(server::Options),
    /// Check the consent log's hash chain.
    VerifyLog(VerifyLogArgs),
}

impl Command {
    /// Runs the command to its exit code.
    pub fn run(self) -> ExitCode {
        match self {
            Command::Serve(o) => serve_main(o),
            Command::VerifyLog(a) => verify_log_main(&a),
        }
    }
}

/// The options of `verify-log`.
#[derive(Clone, Debug, clap::Args)]
pub struct VerifyLogArgs {
    /// SQLite file of the consent log.
    #[arg(long, value_name = "PATH")]
    pub db: String,
}

/// `serve …`: runs until SIGINT or SIGTERM, then finishes in-flight writes.
pub fn serve_main(opts: server::Options) -> ExitCode {
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

/// `verify-log --db PATH`: exit 0 when the chain holds, 1 naming the first broken link.
pub fn verify_log_main(args: &VerifyLogArgs) -> ExitCode {
    let db = &args.db;
    if !std::path::Path::new(db).is_file() {
        eprintln!("{db}: no such consent log");
        return ExitCode::from(1);
    }
    match store::Store::open(db).and_then(|s| s.verify()) {
        Ok(Ok(n)) => {
            println!("{db}: chain intact, {n} records");
            ExitCode::SUCCESS
        }
        Ok(Err(b)) => {
            println!("{db}: chain broken at row {} (consent {} seq {}): {}", b.row, b.consent_id, b.seq, b.reason);
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{db}: cannot read the log: {e}");
            ExitCode::from(1)
        }
    }
}
