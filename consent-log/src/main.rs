//! `crumbs-consent-log serve …` and `crumbs-consent-log verify-log …` (also `crumbs serve`).

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(String::as_str) {
        Some("serve") => crumbs_consent_log::serve_main(rest),
        Some("verify-log") => crumbs_consent_log::verify_log_main(rest),
        _ => {
            eprintln!("usage: crumbs-consent-log serve --db PATH --listen ADDR --origin URL --admin-token T [--retain-days N]\n       crumbs-consent-log verify-log --db PATH");
            std::process::ExitCode::from(2)
        }
    }
}
