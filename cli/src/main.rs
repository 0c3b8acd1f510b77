//! The `crumbs` command line.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        _ => {
            eprintln!("usage: crumbs check CONFIG");
            ExitCode::from(2)
        }
    }
}

/// `crumbs check CONFIG`: every error with its JSON path; exit 1 on any error.
fn check(args: &[String]) -> ExitCode {
    let Some(path) = args.first() else {
        eprintln!("usage: crumbs check CONFIG");
        return ExitCode::from(2);
    };
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                eprintln!("{path}: not UTF-8 text");
                return ExitCode::from(1);
            }
        },
        Err(e) => {
            eprintln!("{path}: cannot read: {e}");
            return ExitCode::from(1);
        }
    };
    match crumbs::config::parse_config(&text) {
        Ok(_) => {
            println!("{path}: ok");
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in &errors {
                println!("{path}: {e}");
            }
            ExitCode::from(1)
        }
    }
}
