//! Property tests: the config parser, the cookie-table parser and the classifier answer any
//! input with a value or an error, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use crumbs::classify::{classify_cookie, db::compile_csv, KnownCookies};
use crumbs::config::{parse_config, Config};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn config_parser_never_panics(s in any::<String>()) {
        let _ = parse_config(&s);
    }

    #[test]
    fn config_parser_never_panics_on_json_like_input(s in r#"[\[\]{}":,0-9a-z\- .eE\\]{0,200}"#) {
        let _ = parse_config(&s);
    }

    #[test]
    fn table_parser_never_panics(b in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = KnownCookies::from_bytes(b.as_slice());
        let mut framed = b"crumbs-cookies 1\n1\nP\n".to_vec();
        framed.extend_from_slice(&b);
        let _ = KnownCookies::from_bytes(framed.as_slice());
    }

    #[test]
    fn csv_compiler_never_panics(s in any::<String>()) {
        let _ = compile_csv(&s);
    }

    #[test]
    fn classifier_never_panics(name in any::<String>()) {
        let _ = classify_cookie(&name, None, &Config::default(), &KnownCookies::empty());
    }

    #[test]
    fn url_classifier_never_panics(url in any::<String>(), tail in "[a-z0-9./:?&=#@\\[\\]-]{0,40}") {
        let _ = crumbs::classify::urls::classify_url(&url, None);
        let _ = crumbs::classify::urls::classify_url(&format!("https://{tail}"), Some("x.example"));
    }
}
