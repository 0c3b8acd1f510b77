//! The shipped language files (`www/crumbs/lang/*.json`): each one has exactly the text keys,
//! in order, with usable wording, and keeps the embed placeholders.
#![cfg(not(target_arch = "wasm32"))]

use crumbs::json::{parse, Json};
use crumbs::texts::Text;
use std::path::PathBuf;

/// The languages crumbs promises wording for (issue 29), besides the built-in English: the 24
/// official languages of the EU, and ten more.
const REQUIRED: [&str; 33] = [
    "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv", //
    "ar", "he", "tr", "uk", "ru", "nb", "zh-Hans", "ja", "ko", "pt-BR",
];

/// The shipped languages written right to left.
const RIGHT_TO_LEFT: [&str; 2] = ["ar", "he"];

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
        // The file the loader fetches for this very code is this one.
        assert_eq!(crumbs::texts::language_file(code).as_deref(), Some(code.as_str()), "{code}");
    }
    for code in crumbs::texts::SHIPPED_LANGUAGES {
        assert!(code == "en" || codes.iter().any(|c| c == code), "{code} is shipped but has no www/crumbs/lang/{code}.json");
    }
}

#[test]
fn right_to_left_exactly_for_arabic_and_hebrew() {
    for code in crumbs::texts::SHIPPED_LANGUAGES {
        let rtl = RIGHT_TO_LEFT.contains(&code);
        assert_eq!(crumbs::texts::direction(code), if rtl { "rtl" } else { "ltr" }, "{code}");
    }
    // Their wording is in their own script, so the mirrored banner reads as it should.
    for (code, text) in files().into_iter().filter(|(c, _)| RIGHT_TO_LEFT.contains(&c.as_str())) {
        let Ok(Json::Object(members)) = parse(&text) else { panic!("{code}.json") };
        let range = if code == "ar" { '\u{0600}'..='\u{06FF}' } else { '\u{0590}'..='\u{05FF}' };
        for (key, value) in members.iter().filter(|(k, _)| k != "tableCookie") {
            let Json::String(s) = value else { panic!("{code}.json: {key}") };
            assert!(s.chars().any(|c| range.contains(&c)), "{code}.json: {key} is not in the {code} script: {s:?}");
        }
    }
}

#[test]
fn reject_all_is_as_plain_and_as_short_as_accept_all() {
    for (code, text) in files() {
        let shipped = crumbs::texts::parse_shipped(&text);
        let get = |t: Text| shipped.iter().find(|(k, _)| *k == t).map(|(_, s)| s.as_str()).unwrap_or_else(|| panic!("{code}.json: {t:?}"));
        let (accept, reject) = (get(Text::AcceptAll), get(Text::RejectAll));
        let (a, r) = (accept.chars().count(), reject.chars().count());
        let words = |s: &str| s.split_whitespace().count();
        // Same number of words, and at most three characters longer (the verbs differ in length).
        assert!(words(reject) <= words(accept) && r <= a + 3, "{code}.json: {reject:?} is longer than {accept:?}");
        assert!(!reject.contains(['!', '?', '.', ',', '(']), "{code}.json: {reject:?} is no plain label");
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
            assert!(!s.contains("&#") && !s.contains("&nbsp;") && !s.contains("&amp;"), "{code}.json: {key} has an HTML entity (shown as text)");
            assert!(!s.contains("**") && !s.contains("]("), "{code}.json: {key} has Markdown (shown as text)");

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
