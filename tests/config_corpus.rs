//! A kept corpus of hostile configs (tests/data/config-corpus/): each must give a config or
//! exactly the errors, with their paths, that its `.expected` file lists (`ok` for a config).
//! New finds from fuzzing go into that folder, each with its `.expected`.
#![cfg(not(target_arch = "wasm32"))]

/// The corpus' configs (`*.json`), sorted.
fn corpus() -> Vec<std::path::PathBuf> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/config-corpus");
    let mut files: Vec<_> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    files.sort();
    files
}

#[test]
fn every_corpus_file_gives_exactly_its_expected_errors() {
    let files = corpus();
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let got: Vec<String> = match crumbs::config::parse_config(&text) {
            Ok(_) => vec!["ok".into()],
            Err(errors) => errors.iter().map(|e| e.to_string()).collect(),
        };
        let expected = std::fs::read_to_string(path.with_extension("expected")).unwrap_or_else(|e| panic!("{path:?} has no .expected: {e}"));
        assert_eq!(got, expected.lines().collect::<Vec<_>>(), "{path:?}");
    }
    assert!(files.len() >= 8, "the corpus is there ({} files)", files.len());
}

/// The first paint's lenient reading agrees with the validator on every config the validator
/// accepts (the demo sites' and the corpus'), and never panics on the rest.
#[test]
fn banner_settings_agree_with_the_validator() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = corpus();
    for site in std::fs::read_dir(format!("{root}/www/sites")).unwrap() {
        let config = site.unwrap().path().join("crumbs.config.json");
        if config.exists() {
            files.push(config);
        }
    }
    let mut valid = 0;
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let lenient = crumbs::config::banner_settings(&text);
        if let Ok(c) = crumbs::config::parse_config(&text) {
            assert_eq!(
                (lenient.layout, lenient.theme, &lenient.policy_url, &lenient.language, &lenient.texts),
                (c.layout, c.theme, &c.policy_url, &c.language, &c.texts),
                "{path:?}"
            );
            assert_eq!((lenient.default_region, lenient.region_defaults), (c.default_region, c.region_defaults), "{path:?}");
            valid += 1;
        }
    }
    assert!(valid >= 3, "the demo sites' configs are valid ({valid})");
}
