//! A rehearsal of the start and of a decision, run on a throwaway instance before either is
//! needed, so that their code is compiled ahead.
//!
//! V8 compiles a wasm function the first time it is called, on the main thread. Left to the
//! start at the visitor's pointer and to the click after it, that compiling is milliseconds of
//! each (measured at 1×: 2–3 ms of a 6–7 ms start). Compiled code belongs to the module, not the
//! instance, so the glue's `compileAhead` runs this (in two parts, two tasks) on an instance of
//! its own whose imports refuse to run, and lets that instance go. Only pure code runs: nothing
//! here reaches the page (an end-to-end test fails if it calls any import).
//!
//! Its answer is whether the config is sound. The first paint reads the config leniently, so
//! on a page with no work for the full core a config with errors would otherwise reach the
//! console only when the visitor reaches for the banner; with an unsound answer the loader
//! starts the full core at once, which reports the errors and fails closed.

use crate::category::CategorySet;
use crate::consent::ConsentRecord;
use crate::consent_log::{log_entry, queue_push, Method};
use crate::prelude::*;
use core::hint::black_box;
use wasm_bindgen::prelude::*;

/// Runs on `config` the pure code of a start (`part` 0: the config, the language, the banner)
/// or of a visitor's "Accept all" (`part` 1: the record, the log entry, what runs and what is
/// erased), keeps nothing, and says whether the config is sound (no errors for the full core to
/// report). Two parts, so that each fits in a short task on a slow device.
#[wasm_bindgen]
pub fn rehearse(config: &str, part: u32) -> bool {
    let (config, errors) = super::read_config(Some(config.to_string()), None);
    let sound = errors.is_empty();
    let language = crate::texts::pick_language(config.language.as_deref(), Some("en"), &[String::from("en")], &config.texts);
    if part == 0 {
        black_box(crate::texts::language_file(&language));
        let page = super::Page { config, errors, language, shipped: vec![], decision: None, gpc: false };
        black_box(super::ui::banner(&page));
        return sound;
    }
    let now = 1_700_000_000;
    let granted = crate::gpc::accept_all_set(&config, false);
    let record = ConsentRecord::new(granted, config.revision, now, [1; 16]);
    if let Ok(stored) = ConsentRecord::decode(&record.encode()) {
        black_box(stored.validity(config.revision, config.consent_lifetime_days, now));
        black_box(stored.max_age(config.consent_lifetime_days, now));
        let next = stored.next(CategorySet::necessary_only(), config.revision, now);
        let method = Method::for_decision(Method::AcceptAll, Some(granted), next.granted);
        black_box(queue_push("", &log_entry(&next, config.category_set(), method, &language, "https://example.com/")));
        black_box(crate::activation::verdict(Some("performance"), None, Some(&next), &config));
        black_box(crate::consent_mode::google_consent(next.granted));
        black_box(crate::erasure::what_to_erase(&config, CategorySet::necessary_only(), &["_ga"], &[], &[]));
        black_box(crate::erasure::deletion_strings("_ga", "www.example.com", "/a/", true));
    }
    black_box(crate::classify::urls::classify_url("https://www.googletagmanager.com/gtag/js", Some("example.com")));
    black_box(crate::classify::classify_cookie("_ga", None, &config, &crate::classify::KnownCookies::empty()));
    sound
}
