//! A kept corpus of hostile configs (tests/data/config-corpus/): each must give a config or a
//! list of errors with paths, never a panic. New finds from fuzzing go into that folder.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn every_corpus_file_parses_or_reports() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/config-corpus");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        if let Err(errors) = crumbs::config::parse_config(&text) {
            assert!(!errors.is_empty(), "{path:?}");
            assert!(errors.iter().all(|e| !e.reason.is_empty()), "{path:?}");
        }
        n += 1;
    }
    assert!(n >= 8, "the corpus is there ({n} files)");
}

/// The first paint's lenient reading agrees with the validator on every config the validator
/// accepts (the demo sites' and the corpus'), and never panics on the rest.
#[test]
fn banner_settings_agree_with_the_validator() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files: Vec<std::path::PathBuf> =
        std::fs::read_dir(format!("{root}/tests/data/config-corpus")).unwrap().map(|e| e.unwrap().path()).collect();
    for site in std::fs::read_dir(format!("{root}/www/sites")).unwrap() {
        let config = site.unwrap().path().join("crumbs.config.json");
        if config.exists() {
            files.push(config);
        }
    }
    let mut valid = 0;
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let lenient = crumbs::json::parse(&text).map(|doc| crumbs::config::banner_settings(&doc)).unwrap_or_default();
        if let Ok(c) = crumbs::config::parse_config(&text) {
            assert_eq!(
                (lenient.layout, lenient.theme, &lenient.policy_url, &lenient.language, &lenient.texts),
                (c.layout, c.theme, &c.policy_url, &c.language, &c.texts),
                "{path:?}"
            );
            valid += 1;
        }
    }
    assert!(valid >= 3, "the demo sites' configs are valid ({valid})");
}
