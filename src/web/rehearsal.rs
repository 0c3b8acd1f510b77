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

use crate::consent::ConsentRecord;
use crate::consent_log::queue_push;
use crate::prelude::*;
use crate::session::{read_config, Action, Actor, PageFacts, Session};
use core::hint::black_box;
use wasm_bindgen::prelude::*;

/// Runs on `config` the pure code of a start (`part` 0: the config, the language, the banner)
/// or of a visitor's "Accept all" and a later "Reject all" (`part` 1: the session's decisions,
/// the log entry, what runs and what is erased), keeps nothing, and says whether the config is
/// sound (no errors for the full core to report). Two parts, so that each fits in a short task
/// on a slow device.
#[wasm_bindgen]
pub fn rehearse(text: &str, part: u32) -> bool {
    let facts = |cookie| {
        let (config, errors) = read_config(Some(text), None);
        let language = crate::texts::pick_language(config.language.as_deref(), Some("en"), &[String::from("en")], &config.texts);
        PageFacts { config, errors, language, cookie, gpc: false, shipped: &[], rules: crate::region::Rules::default() }
    };
    let (now, address) = (1_700_000_000, "https://example.com/");
    let (mut first, _) = Session::start(facts(None), now, address, [1; 16]);
    let sound = first.trusted();
    if part == 0 {
        black_box(crate::texts::language_file(first.language()));
        let page = super::Page { session: first, shipped: vec![] };
        black_box(super::ui::banner(&page));
        return sound;
    }
    let accepted = first.apply(Action::AcceptAll, Actor::Visitor, now, address, [1; 16]);
    if let Some((cookie, _)) = &accepted.cookie {
        // A returning visitor's page view, and their "Reject all".
        let (mut returning, _) = Session::start(facts(Some(cookie)), now, address, [1; 16]);
        let rejected = returning.apply(Action::RejectAll, Actor::Visitor, now, address, [1; 16]);
        black_box(queue_push("", rejected.log.as_deref().unwrap_or_default()));
        let (config, decision) = (returning.config(), returning.decision());
        black_box(returning.script_verdict(Some("performance"), None, Some("https://example.com/a.js"), "example.com"));
        black_box(crate::consent_mode::google_consent(decision.map_or(crate::category::CategorySet::necessary_only(), |d| d.granted)));
        black_box(crate::erasure::what_to_erase(config, returning.refused(), &["_ga"], &[], &[]));
        black_box(crate::erasure::deletion_strings("_ga", "www.example.com", "/a/", true));
        black_box(decision.map(ConsentRecord::consent_id_string));
    }
    black_box(crate::classify::classify_url(
        "https://www.googletagmanager.com/gtag/js",
        Some("example.com"),
        first.config(),
        &crate::classify::KnownTable::empty(),
    ));
    black_box(crate::classify::classify_cookie("_ga", None, first.config(), &crate::classify::KnownTable::empty()));
    sound
}
