//! The decision module: "Accept all" and "Reject all" on a first visit, decided without the
//! full core. The loader fetches it at the visitor's first reach for the banner (instead of the
//! full core, which a visitor who only accepts or rejects never needs) and runs it at the click,
//! on a throwaway instance: it validates the config exactly as the full core does
//! (`session::read_config`), decides through the same `Session`, and hands back what the
//! loader carries out.
//!
//! Pure code with no imports (`--features decide`): one export takes the config and the
//! page's facts as strings and returns the effects as lines of text, so it needs no glue.

use crate::allocator::raw_str;
use crate::consent::consent_cookie_write;
use crate::consent_log::{batch_body, queue_entries, queue_push, MAX_BATCH_RECORDS};
use crate::consent_mode::{google_consent, microsoft_consent};
use crate::json::write_string_object;
use crate::prelude::*;
use crate::session::{read_config, Action, Actor, PageFacts, Session};

/// Decides. `config` is the site's config text; `wording` crumbs' shipped language file the
/// banner was drawn with (empty for English), so the log entry carries the texts the banner
/// showed; `facts` is `\n`-separated: the action (`accept` or `reject`),
/// `1` if the visitor's own click, the time (Unix seconds), 32 hex digits of randomness, the
/// page's address, `<html lang>`, the browser's languages (comma-separated), `1` on https,
/// the tag's `data-region` (or nothing), the gated scripts' `data-category` values (tab-separated), then the stored consent-log
/// queue (the rest). Returns a pointer to a little-endian `u32` length and that many bytes of
/// UTF-8: `0` when the full core must decide (a config with errors, a `data-region` it must
/// report, or regional rules that run anything before a decision), else `\n`-separated:
/// `1`, the cookie's writes (`consent::consent_cookie_write`, tab-separated: the assignment;
/// or, with a `cookieDomain`, the host-only clearing, the shared assignment, the `name=value`
/// `document.cookie` then lists, the host-only fallback and the console error), Google Consent Mode's update as JSON (or empty), Microsoft
/// UET's (or empty), the `crumbs:consent` detail as JSON, one `1`/`0` per gated script (runs
/// now or not), the consent log's endpoint (or empty), the POST body that delivers the whole
/// new queue (`consent_log::batch_body`; empty when there is no log or it takes more than one
/// POST), then the new queue (the rest).
///
/// # Safety
/// Each (pointer, length) pair must be UTF-8 the loader wrote into a `raw_alloc` buffer
/// (`src/allocator.rs`).
#[no_mangle]
pub unsafe extern "C" fn dm_decide(
    config: *const u8,
    config_len: usize,
    wording: *const u8,
    wording_len: usize,
    facts: *const u8,
    facts_len: usize,
) -> *const u8 {
    let out = decide(raw_str(config, config_len), raw_str(wording, wording_len), raw_str(facts, facts_len)).unwrap_or_else(|| "0".into());
    let mut buffer = Vec::with_capacity(4 + out.len());
    buffer.extend_from_slice(&(out.len() as u32).to_le_bytes());
    buffer.extend_from_slice(out.as_bytes());
    let ptr = buffer.as_ptr();
    core::mem::forget(buffer);
    ptr
}

fn decide(config: &str, wording: &str, facts: &str) -> Option<String> {
    let mut f = facts.splitn(11, '\n');
    let mut next = || f.next().unwrap_or_default();
    let (action, by_visitor, now, random, page) = (next(), next() == "1", next().parse::<u64>().ok()?, next(), next());
    let (html, browser, https, region, gated, queue) = (next(), next(), next() == "1", next(), next(), next());
    let action = match action {
        "accept" => Action::AcceptAll,
        "reject" => Action::RejectAll,
        _ => return None,
    };
    let mut bytes = [0u8; 16];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = u8::from_str_radix(random.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    let (config, errors) = read_config(Some(config), None);
    // A page off the config's cookieDomain: the full core reports it and fails closed.
    if !config.cookie_domain_holds(crate::config::host_of(page)) {
        return None;
    }
    // Regional defaults run before any click, so the full core starts at once for them.
    let rules = crate::region::Rules::choose(Some(region), config.default_region, config.region_defaults)?;
    if rules.allows_anything() {
        return None;
    }
    let browser: Vec<String> = browser.split(',').filter(|l| !l.is_empty()).map(String::from).collect();
    let language = crate::texts::pick_language(config.language.as_deref(), Some(html).filter(|h| !h.is_empty()), &browser, &config.texts);
    // No cookie and no GPC: the loader offers only a first visit without the signal.
    let shipped = crate::texts::parse_shipped(wording);
    let facts = PageFacts { config, errors, language, cookie: None, gpc: false, shipped: &shipped, rules };
    let (mut session, _) = Session::start(facts, now, page, bytes);
    if !session.trusted() {
        return None;
    }
    let effects = session.apply(action, if by_visitor { Actor::Visitor } else { Actor::Script }, now, page, bytes);
    let (decision, config) = (session.decision()?, session.config());
    let (value, max_age) = effects.cookie.as_ref()?;
    let mut out = String::from("1\n");
    let write = consent_cookie_write(value, *max_age, https, config.cookie_domain.as_deref());
    out.push_str(&crate::lean_str::join(&write.assignments, "\t"));
    if let Some(r) = &write.refused {
        for part in [&r.stored, &r.fallback, &r.error] {
            out.push('\t');
            out.push_str(part);
        }
    }
    out.push('\n');
    if config.google_consent_mode.is_some() {
        write_string_object(&mut out, google_consent(decision.granted));
    }
    out.push('\n');
    if config.microsoft_consent_mode {
        write_string_object(&mut out, [microsoft_consent(decision.granted)]);
    }
    out.push('\n');
    out.push_str(&decision.summary(config.category_set()).to_json());
    out.push('\n');
    for attr in gated.split('\t').filter(|a| !a.is_empty()) {
        // After a decision the regional defaults (none here) no longer count, nor the URL.
        let run = session.script_verdict(Some(attr), None, None, "") == crate::activation::Verdict::Run;
        out.push(if run { '1' } else { '0' });
    }
    out.push('\n');
    match (&config.endpoint, &effects.log) {
        (Some(endpoint), Some(entry)) => {
            let queue = queue_push(queue, entry);
            out.push_str(endpoint);
            out.push('\n');
            // The queue as one POST when it fits in one, so the loader can send it; else the
            // full core delivers it.
            let (body, count) = batch_body(&queue, MAX_BATCH_RECORDS);
            if count == queue_entries(&queue).count() {
                out.push_str(&body);
            }
            out.push('\n');
            out.push_str(&queue);
        }
        _ => out.push_str("\n\n"),
    }
    Some(out)
}
