//! Property tests: the config parser, the cookie-table parser and the classifier answer any
//! input with a value or an error, never a panic; and the classifier ignores white space around
//! a name, and the case of the database's exact names.
#![cfg(not(target_arch = "wasm32"))]

use crumbs::classify::{classify_cookie, db::compile_csv, KnownTable};
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
        let _ = KnownTable::from_bytes(b.as_slice());
        let mut framed = b"crumbs-cookies 1\n1\nP\n".to_vec();
        framed.extend_from_slice(&b);
        let _ = KnownTable::from_bytes(framed.as_slice());
    }

    #[test]
    fn rules_parser_never_panics(b in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = crumbs::classify::OwnRules::from_bytes(b.as_slice());
        let mut framed = b"crumbs-rules 2\n[cookies]\n".to_vec();
        framed.extend_from_slice(&b);
        let _ = crumbs::classify::OwnRules::from_bytes(framed);
    }

    #[test]
    fn csv_compiler_never_panics(s in any::<String>()) {
        let _ = compile_csv(&s);
    }

    #[test]
    fn classifier_never_panics(name in any::<String>()) {
        let _ = classify_cookie(&name, None, &Config::default(), &KnownTable::empty().with_own_rules());
    }

    #[test]
    fn url_classifier_never_panics(url in any::<String>(), tail in "[a-z0-9./:?&=#@\\[\\]-]{0,40}") {
        let t = KnownTable::empty().with_own_rules();
        let _ = crumbs::classify::classify_url(&url, None, &Config::default(), &t);
        let _ = crumbs::classify::classify_url(&format!("https://{tail}"), Some("x.example"), &Config::default(), &t);
    }
}

/// The real table, and its exact names that no other exact name equals but for ASCII case.
fn real_table() -> &'static (KnownTable, Vec<String>) {
    static TABLE: std::sync::OnceLock<(KnownTable, Vec<String>)> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let csv = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/open-cookie-database/open-cookie-database.csv")).unwrap();
        let db = KnownTable::from_bytes(compile_csv(&csv).unwrap()).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header = reader.headers().unwrap().clone();
        let col = |name: &str| header.iter().position(|h| h.trim() == name).unwrap();
        let (name_col, wild_col) = (col("Cookie / Data Key name"), col("Wildcard match"));
        let exact: Vec<String> = reader
            .records()
            .map(|r| r.unwrap())
            .filter(|r| r.get(wild_col).map(str::trim) == Some("0"))
            .map(|r| crumbs::classify::db::clean_name(r.get(name_col).unwrap_or("")))
            .filter(|n| !n.is_empty())
            .collect();
        let unique = exact.iter().filter(|n| exact.iter().filter(|m| m.eq_ignore_ascii_case(n)).count() == 1).cloned().collect();
        (db, unique)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// White space around a name is no part of it (`classify_cookie` trims).
    #[test]
    fn white_space_around_a_name_changes_nothing(name in "[!-~]{1,30}", left in "[ \t]{0,3}", right in "[ \t]{0,3}") {
        let (db, _) = real_table();
        let config = Config::default();
        prop_assert_eq!(classify_cookie(&format!("{left}{name}{right}"), None, &config, db), classify_cookie(&name, None, &config, db));
    }

    /// The database's exact names are found in any ASCII case (a site may write `_GA`), as
    /// `KnownTable::lookup` promises, when no other entry differs only by case.
    #[test]
    fn exact_database_names_match_in_any_case(pick in any::<prop::sample::Index>(), flips in any::<u64>()) {
        let (db, names) = real_table();
        let name = pick.get(names);
        let changed: String = name
            .chars()
            .enumerate()
            .map(|(i, c)| if flips >> (i % 64) & 1 == 1 { if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() } } else { c })
            .collect();
        let want = db.lookup(name).map(|k| (k.category, k.provider.to_string()));
        prop_assert!(want.is_some(), "{} is in the table", name);
        prop_assert_eq!(db.lookup(&changed).map(|k| (k.category, k.provider.to_string())), want, "{} as {}", name, changed);
    }
}
