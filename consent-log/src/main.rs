//! `crumbs-consent-log serve …` and `crumbs-consent-log verify-log …` (also `crumbs serve`).

use clap::Parser;

/// The crumbs consent-log server.
#[derive(Parser)]
#[command(name = "crumbs-consent-log", version)]
struct Cli {
    #[command(subcommand)]
    command: crumbs_consent_log::Command,
}

fn main() -> std::process::ExitCode {
    Cli::parse().command.run()
}
