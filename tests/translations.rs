//! The shipped language files (`www/crumbs/lang/*.json`): each one has exactly the text keys,
//! in order, with usable wording, and keeps the embed placeholders.
#![cfg(not(target_arch = "wasm32"))]

use crumbs::json::{parse, Json};
use crumbs::texts::Text;
use std::path::PathBuf;

/// The languages crumbs promises wording for, besides the built-in English.
const REQUIRED: [&str; 11] = ["de", "fr", "es", "it", "nl", "pt", "pl", "sv", "da", "ar", "he"];

const PLACEHOLDERS: [&str; 2] = ["{provider}", "{category}"];

/// Texts that may read as in English: terms most of these languages use as they are.
const SAME_AS_ENGLISH_ALLOWED: [&str; 1] = ["tableCookie"];

fn lang_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/crumbs/lang")
}

/// Every `*.json` in the language folder, as (code, text), sorted by code.
fn files() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(lang_dir())
        .expect("www/crumbs/lang exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let code = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (code, text)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_required_language_is_shipped() {
    let codes: Vec<String> = files().into_iter().map(|(c, _)| c).collect();
    for lang in REQUIRED {
        assert!(codes.iter().any(|c| c == lang), "missing www/crumbs/lang/{lang}.json");
    }
    for code in &codes {
        assert!(
            crumbs::texts::SHIPPED_LANGUAGES.contains(&code.as_str()),
            "{code}.json is not in texts::SHIPPED_LANGUAGES, so the loader would never fetch it"
        );
    }
}

#[test]
fn every_file_has_exactly_the_text_keys_with_usable_wording() {
    let expected: Vec<&str> = Text::ALL.iter().map(|t| t.key()).collect();
    let files = files();
    assert!(!files.is_empty());
    for (code, text) in files {
        let members = match parse(&text) {
            Ok(Json::Object(members)) => members,
            Ok(other) => panic!("{code}.json: expected an object, found {}", other.type_name()),
            Err(e) => panic!("{code}.json: not valid JSON: {e}"),
        };
        let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, expected, "{code}.json: keys must be exactly Text::ALL's, in that order");

        for (key, value) in &members {
            let Json::String(s) = value else {
                panic!("{code}.json: {key} is {}, not a string", value.type_name());
            };
            assert!(!s.is_empty(), "{code}.json: {key} is empty");
            assert_eq!(s.trim(), s, "{code}.json: {key} has leading or trailing white space");
            assert!(!s.contains(['<', '>']), "{code}.json: {key} contains < or > (shown as text, not markup)");

            let english = Text::from_key(key).unwrap().english();
            // A copy of the English is no translation: the visitor would read English.
            assert!(s != english || SAME_AS_ENGLISH_ALLOWED.contains(&key.as_str()), "{code}.json: {key} is the English text ({english:?})");
            for p in PLACEHOLDERS {
                assert_eq!(s.matches(p).count(), english.matches(p).count(), "{code}.json: {key} must use {p} exactly as often as the English does");
            }
        }
    }
}

#[test]
fn the_loader_reads_every_file_whole() {
    // What the banner actually does with a file: nothing may be dropped on the way.
    for (code, text) in files() {
        let shipped = crumbs::texts::parse_shipped(&text);
        assert_eq!(shipped.len(), Text::ALL.len(), "{code}.json: parse_shipped kept only {} texts", shipped.len());
        let embed = crumbs::texts::resolve(&[], &shipped, &code, Text::EmbedBlocked);
        assert_ne!(embed, Text::EmbedBlocked.english(), "{code}.json: embedBlocked falls back to English");
    }
}
