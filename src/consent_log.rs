//! Consent-log entries: the wire record sent to the site's endpoint, the offline queue that
//! keeps undelivered ones across page views, and the retry schedule.
//!
//! Wire format (one JSON object per decision; a POST body may hold an array of them):
//! `{"consentId":"…uuid v4…","seq":1,"decidedAt":"2026-11-22T10:00:00Z","revision":3,
//!   "granted":["necessary","performance"],"refused":["functionality","targeting"],
//!   "method":"accept_all","language":"en","page":"https://example.org/contact","gpc":false,
//!   "regime":"opt-in","texts":{"bannerTitle":"We use cookies",…}}` (`texts`: what the banner showed, [`texts_shown`]).

use crate::prelude::*;

use crate::category::CategorySet;
use crate::config::Config;
use crate::consent::{push_dec, ConsentRecord, FLAG_GPC};
use crate::json::write_string;
use crate::texts::{site_or_shipped, Text};

/// How a decision was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// "Accept all" in the banner or preferences.
    AcceptAll,
    /// "Reject all".
    RejectAll,
    /// "Save choices" with a custom selection.
    Custom,
    /// A call of the JavaScript API.
    Api,
    /// The default applied from the browser's Global Privacy Control signal.
    Gpc,
    /// A category granted before was withdrawn.
    Withdraw,
    /// "Do not sell or share my personal information" in the banner (the US opt-out).
    DoNotSell,
}

impl Method {
    /// Every method, in the order the wire format documents them.
    pub const ALL: [Method; 7] =
        [Method::AcceptAll, Method::RejectAll, Method::Custom, Method::Api, Method::Gpc, Method::Withdraw, Method::DoNotSell];

    /// The id used on the wire.
    pub fn id(self) -> &'static str {
        match self {
            Method::AcceptAll => "accept_all",
            Method::RejectAll => "reject_all",
            Method::Custom => "custom",
            Method::Api => "api",
            Method::Gpc => "gpc",
            Method::Withdraw => "withdraw",
            Method::DoNotSell => "do_not_sell",
        }
    }
}

impl Method {
    /// The method to log for a decision made by `action`: a custom or API choice that takes
    /// back a category granted before (see [`withdraws`]) is a withdrawal.
    pub fn for_decision(action: Method, withdraws: bool) -> Method {
        match action {
            Method::Custom | Method::Api if withdraws => Method::Withdraw,
            other => other,
        }
    }
}

/// Whether a decision granting `after` takes back a category the visitor granted `before`:
/// its scripts may already be running.
pub fn withdraws(before: Option<CategorySet>, after: CategorySet) -> bool {
    before.is_some_and(|b| b.iter().any(|c| !after.contains(c)))
}

/// Most entries kept while the endpoint is unreachable; beyond it the oldest are dropped
/// (a visitor cannot make this many decisions without the endpoint ever answering).
pub const MAX_QUEUED: usize = 200;

/// Longest `page` a record may carry: origin and path, cut to this many characters by the
/// browser and refused beyond it by the server (long paths can carry personal data).
pub const MAX_PAGE_CHARS: usize = 512;

/// The texts a record carries, as the visitor saw them: the banner's (title, text, the policy
/// link when there is a policy, the GPC note when the signal is sent, its three buttons), and
/// the preferences' heading, the name and description of every category the site uses, and
/// their "Save" button. Only these keys are accepted by the consent log.
pub const SHOWN_TEXTS: [Text; 21] = [
    Text::BannerTitle,
    Text::BannerText,
    Text::PolicyLink,
    Text::GpcHonoured,
    Text::UkDefaultsNotice,
    Text::UsOptOutNotice,
    Text::AcceptAll,
    Text::RejectAll,
    Text::TurnOffAll,
    Text::DoNotSell,
    Text::Preferences,
    Text::PreferencesTitle,
    Text::NecessaryTitle,
    Text::NecessaryDescription,
    Text::PerformanceTitle,
    Text::PerformanceDescription,
    Text::FunctionalityTitle,
    Text::FunctionalityDescription,
    Text::TargetingTitle,
    Text::TargetingDescription,
    Text::SaveChoices,
];

/// The English wording of [`SHOWN_TEXTS`], picked at compile time: the decision module carries
/// these and not crumbs' other English texts.
const SHOWN_ENGLISH: [&str; SHOWN_TEXTS.len()] = {
    let mut out = [""; SHOWN_TEXTS.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = SHOWN_TEXTS[i].english();
        i += 1;
    }
    out
};

/// Longest text a record's `texts` may carry, in characters; the consent log refuses more.
pub const MAX_TEXT_CHARS: usize = 2000;
/// Largest `texts` object (as JSON) a record may carry; the consent log refuses more. A site
/// whose wording is longer logs its records without texts (and so without `textsHash`).
pub const MAX_TEXTS_BYTES: usize = 6 * 1024;

/// The `texts` object of a page view's records: every text of [`SHOWN_TEXTS`] the banner and
/// the preferences show under `config` (with the GPC note when `gpc`) and the regional `rules`,
/// in `language`, resolved as the banner resolves them (the site's wording, crumbs' shipped
/// wording, English). Empty when it would not fit [`MAX_TEXT_CHARS`] and [`MAX_TEXTS_BYTES`].
pub fn texts_shown(config: &Config, shipped: &[(Text, String)], language: &str, gpc: bool, rules: crate::region::Rules) -> String {
    let used = config.category_set();
    let regional = crate::view::RegionalWording::of(rules, gpc);
    let mut s = String::from("{");
    for (text, english) in SHOWN_TEXTS.into_iter().zip(SHOWN_ENGLISH) {
        let shown = match text {
            Text::PolicyLink => config.policy_url.is_some(),
            Text::GpcHonoured => gpc,
            Text::UkDefaultsNotice | Text::UsOptOutNotice => regional.notice == Some(text),
            // "Reject all" stays in the preferences whatever the banner's button says.
            Text::TurnOffAll => regional.reject_all == text,
            Text::DoNotSell => regional.do_not_sell,
            _ => crate::category::Category::ALL
                .into_iter()
                .all(|c| !(text == Text::category_title(c) || text == Text::category_description(c)) || used.contains(c)),
        };
        if !shown {
            continue;
        }
        let value = site_or_shipped(&config.texts, shipped, language, text).unwrap_or(english);
        if value.chars().count() > MAX_TEXT_CHARS {
            return String::new();
        }
        if s.len() > 1 {
            s.push(',');
        }
        write_string(&mut s, text.key());
        s.push(':');
        write_string(&mut s, value);
    }
    s.push('}');
    if s.len() > MAX_TEXTS_BYTES {
        return String::new();
    }
    s
}

/// The wire record of one decision. `page` is origin plus path: any query or fragment is cut.
/// `texts` is the page view's [`texts_shown`] (empty: none).
pub fn log_entry(record: &ConsentRecord, used: CategorySet, method: Method, language: &str, page: &str, texts: &str) -> String {
    let mut s = String::with_capacity(256);
    s.push_str("{\"consentId\":\"");
    s.push_str(&record.consent_id_string());
    s.push_str("\",\"seq\":");
    push_dec(&mut s, record.seq as u64);
    s.push_str(",\"decidedAt\":\"");
    push_rfc3339(&mut s, record.decided_at);
    s.push_str("\",\"revision\":");
    push_dec(&mut s, record.revision as u64);
    let (granted, refused) = record.granted_and_refused(used);
    for (key, set) in [("granted", granted), ("refused", refused)] {
        s.push_str(",\"");
        s.push_str(key);
        s.push_str("\":[");
        let mut first = true;
        for c in set.iter() {
            if !first {
                s.push(',');
            }
            first = false;
            write_string(&mut s, c.id());
        }
        s.push(']');
    }
    s.push_str(",\"method\":\"");
    s.push_str(method.id());
    s.push_str("\",\"language\":");
    write_string(&mut s, language);
    s.push_str(",\"page\":");
    let page = page.split(['?', '#']).next().unwrap_or_default();
    // `origin + pathname` is percent-encoded ASCII, so a byte cut is a character cut.
    let page = page.get(..MAX_PAGE_CHARS.min(page.len())).unwrap_or(page);
    write_string(&mut s, page);
    if !record.services.is_empty() {
        s.push_str(",\"services\":[");
        for (i, id) in record.services.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            write_string(&mut s, id);
        }
        s.push(']');
    }
    s.push_str(",\"gpc\":");
    s.push_str(if record.flags & FLAG_GPC != 0 { "true" } else { "false" });
    s.push_str(",\"regime\":\"");
    s.push_str(record.regime.id());
    s.push('"');
    if !texts.is_empty() {
        s.push_str(",\"texts\":");
        s.push_str(texts);
    }
    s.push('}');
    s
}

/// The `localStorage` key of the queue of entries not yet delivered (the full core's, and the
/// decision module's, which the loader writes for it).
pub const QUEUE_KEY: &str = "crumbs_log_queue";

/// The `Content-Type` of every POST to the consent log: text/plain keeps it a "simple" CORS
/// request (no preflight) and matches what `sendBeacon` sends.
pub const POST_CONTENT_TYPE: &str = "text/plain;charset=UTF-8";

/// The offline queue as stored in `localStorage`: one entry per line (entries never contain
/// a raw newline: JSON strings escape it).
pub fn queue_push(queue: &str, entry: &str) -> String {
    let mut lines: Vec<&str> = queue_entries(queue).collect();
    lines.push(entry);
    let skip = lines.len().saturating_sub(MAX_QUEUED);
    crate::lean_str::join(&lines[skip..], "\n")
}

/// The entries of a stored queue, oldest first; blank or non-object lines are skipped.
pub fn queue_entries(queue: &str) -> impl Iterator<Item = &str> {
    queue.lines().map(str::trim).filter(|l| l.starts_with('{') && l.ends_with('}'))
}

/// The queue minus the first `delivered` entries (those a successful POST carried).
pub fn queue_drop_delivered(queue: &str, delivered: usize) -> String {
    crate::lean_str::join(queue_entries(queue).skip(delivered), "\n")
}

/// Most records in one POST: the consent-log server refuses more, so the client never sends more.
pub const MAX_BATCH_RECORDS: usize = 50;
/// Largest POST body in bytes: the server answers 413 above it, so the client never sends more
/// (well under the 64 KiB that `fetch` with `keepalive` and `sendBeacon` allow). Room for one
/// record with the largest `texts` ([`MAX_TEXTS_BYTES`]) and every other field at its longest.
pub const MAX_BATCH_BYTES: usize = 16 * 1024;

/// A POST body for the first entries of the queue: a JSON array of at most `max_records`
/// (and [`MAX_BATCH_RECORDS`]) entries and [`MAX_BATCH_BYTES`] bytes (one entry alone may be
/// longer: it is sent, and refused, rather than held forever). Returns the body and how many
/// entries it holds.
pub fn batch_body(queue: &str, max_records: usize) -> (String, usize) {
    let mut body = String::from("[");
    let mut n = 0;
    for e in queue_entries(queue) {
        if n == max_records.min(MAX_BATCH_RECORDS) || (n > 0 && body.len() + e.len() + 2 > MAX_BATCH_BYTES) {
            break;
        }
        if n > 0 {
            body.push(',');
        }
        body.push_str(e);
        n += 1;
    }
    body.push(']');
    (body, n)
}

/// What the browser does with the entries a POST carried, by the server's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled {
    /// Stored (or already stored): they leave the queue.
    Delivered,
    /// Refused for what they are: no retry can succeed, so they leave the queue, reported.
    Refused,
    /// One entry of the batch is refused: resend one by one, so only that one is dropped.
    OneByOne,
    /// Anything else (offline, 403 before the site's origin is configured, 429, 5xx): kept and
    /// resent with backoff.
    Retry,
}

/// The rule behind [`Settled`]: only an answer that can never change drops a record.
pub fn settle(status: u16, count: usize) -> Settled {
    match status {
        200..=299 => Settled::Delivered,
        // 409: what is stored under this id and seq will not change, so a resend would fail forever and hold up every later record.
        400 | 409 | 413 | 415 | 422 if count > 1 => Settled::OneByOne,
        400 | 409 | 413 | 415 | 422 => Settled::Refused,
        _ => Settled::Retry,
    }
}

/// Delay before retry number `attempt` (0-based): a cap that doubles from 1 s up to 5 min, and a
/// delay between half the cap and all of it, picked by `random` in [0, 1), so many visitors do
/// not retry in step but none retries at once.
pub fn retry_delay_ms(attempt: u32, random: f64) -> u32 {
    let cap = 1000u64 << attempt.min(9); // 1 s … 512 s
    let cap = cap.min(300_000);
    let jittered = (cap as f64 * (0.5 + random.clamp(0.0, 1.0) / 2.0)) as u32;
    jittered.max(500)
}

/// Appends a Unix time as RFC 3339 UTC (`2026-11-22T10:00:00Z`), without any date library.
pub fn push_rfc3339(s: &mut String, unix_secs: u64) {
    let days = (unix_secs / 86_400) as i64;
    let secs = unix_secs % 86_400;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    let two = |s: &mut String, n: u64| {
        if n < 10 {
            s.push('0');
        }
        push_dec(s, n);
    };
    push_dec(s, year as u64);
    s.push('-');
    two(s, month as u64);
    s.push('-');
    two(s, day as u64);
    s.push('T');
    two(s, secs / 3600);
    s.push(':');
    two(s, secs / 60 % 60);
    s.push(':');
    two(s, secs % 60);
    s.push('Z');
}

/// The wire record as a serde type: what [`log_entry`] writes, read back by the consent-log
/// server. Field names and order are the wire format's; the server's checks of each value live
/// with the server.
#[cfg(feature = "serde")]
pub mod wire {
    use crate::prelude::*;

    /// One decision as the browser sends it.
    #[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct WireRecord {
        /// UUID v4 of the visitor's consent, lower case.
        pub consent_id: String,
        /// Decision number under this consent id, from 1.
        pub seq: u64,
        /// RFC 3339 UTC time of the decision.
        pub decided_at: String,
        /// The config revision the decision answered.
        pub revision: u64,
        /// Category ids granted.
        pub granted: Vec<String>,
        /// Category ids the site uses and the visitor refused.
        pub refused: Vec<String>,
        /// How the decision was made: a [`super::Method`] id.
        pub method: String,
        /// The banner's language.
        pub language: String,
        /// Origin and path of the page (at most [`super::MAX_PAGE_CHARS`]).
        pub page: String,
        /// Declared services granted on their own.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub services: Vec<String>,
        /// Whether Global Privacy Control was on.
        #[serde(default)]
        pub gpc: bool,
        /// The regime the decision was made under: a [`crate::region::Regime`] id (absent in
        /// records from before regimes, which were all opt-in).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub regime: Option<String>,
        /// What the banner showed, by text key ([`super::SHOWN_TEXTS`]): sent by the browser,
        /// and stored by the consent log once per distinct version, apart from the record.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub texts: Option<alloc::collections::BTreeMap<String, String>>,
        /// SHA-256 (hex) of the canonical `texts`: set by the consent log in the record it
        /// stores, in their place; never sent by the browser.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub texts_hash: Option<String>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Category;
    use crate::json::{parse, Json};

    fn record() -> ConsentRecord {
        ConsentRecord::new(CategorySet::necessary_only().with(Category::Performance), 3, 1_795_305_600, [0xab; 16])
    }

    #[test]
    fn entry_matches_the_wire_format() {
        let e = log_entry(&record(), CategorySet::all(), Method::Custom, "en-GB", "https://example.org/contact?x=1#top", "");
        assert_eq!(
            e,
            "{\"consentId\":\"abababab-abab-4bab-abab-abababababab\",\"seq\":1,\"decidedAt\":\"2026-11-22T00:00:00Z\",\
             \"revision\":3,\"granted\":[\"necessary\",\"performance\"],\"refused\":[\"functionality\",\"targeting\"],\
             \"method\":\"custom\",\"language\":\"en-GB\",\"page\":\"https://example.org/contact\",\"gpc\":false,\"regime\":\"opt-in\"}"
        );
        assert!(matches!(parse(&e), Ok(Json::Object(_))));
        let mut uk = record();
        uk.regime = crate::region::Regime::UkDuaa;
        let e = log_entry(&uk, CategorySet::all(), Method::RejectAll, "en-GB", "https://example.org/", "");
        assert!(e.ends_with(",\"gpc\":false,\"regime\":\"uk-duaa\"}"), "{e}");
    }

    #[test]
    fn texts_shown_are_what_the_banner_and_preferences_show() {
        use crate::category::Category::{Performance, Targeting};
        use crate::region::{Regime, Rules};
        let keys = |config: &str, gpc: bool, rules: Rules| {
            let (config, _) = crate::session::read_config(Some(config), None);
            let texts = texts_shown(&config, &[], "en", gpc, rules);
            let Ok(Json::Object(members)) = parse(&texts) else { panic!("{texts}") };
            members
        };
        let config = r#"{"revision": 1, "policyUrl": "/p", "categories": [{"id": "necessary"}, {"id": "performance"}, {"id": "targeting"}]}"#;
        let regional = [
            Rules::default(),
            Rules { regime: Regime::UkDuaa, defaults: CategorySet::empty().with(Performance) },
            Rules { regime: Regime::UsOptOut, defaults: CategorySet::empty().with(Performance).with(Targeting) },
            Rules { regime: Regime::UsOptOut, defaults: CategorySet::empty().with(Performance) },
        ];
        for rules in regional {
            for gpc in [false, true] {
                // The banner's own texts: exactly those `view::banner` asks for.
                let input = crate::view::BannerInput { layout: crate::config::Layout::BarBottom, policy_url: Some("/p"), gpc, language: "en", rules };
                let asked = core::cell::RefCell::new(vec![]);
                crate::view::banner(&input, |t| {
                    asked.borrow_mut().push(t.key());
                    t.english()
                });
                let mut expected = asked.into_inner();
                // The preferences': their title, each category the site uses, both buttons, "Save".
                for key in [
                    "preferencesTitle",
                    "necessaryTitle",
                    "necessaryDescription",
                    "performanceTitle",
                    "performanceDescription",
                    "targetingTitle",
                    "targetingDescription",
                    "acceptAll",
                    "rejectAll",
                    "saveChoices",
                ] {
                    if !expected.contains(&key) {
                        expected.push(key);
                    }
                }
                let got = keys(config, gpc, rules);
                let mut got_keys: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
                got_keys.sort_unstable();
                expected.sort_unstable();
                assert_eq!(got_keys, expected, "{rules:?}, gpc {gpc}");
                assert!(got.iter().all(|(k, v)| *v == Json::String(Text::from_key(k).unwrap().english().into())), "English, as drawn");
            }
        }
        let uk = keys(config, false, regional[1]);
        assert!(uk.iter().any(|(k, _)| k == "turnOffAll") && uk.iter().any(|(k, _)| k == "ukDefaultsNotice"), "the UK's objection and notice");
        let us = keys(config, false, regional[2]);
        assert!(us.iter().any(|(k, _)| k == "doNotSell") && us.iter().any(|(k, _)| k == "usOptOutNotice"), "the US opt-out and notice");
        let no_policy = keys(r#"{"revision": 1}"#, false, Rules::default());
        assert!(no_policy.iter().all(|(k, _)| k != "policyLink"), "no policy link without a policy");
        assert!(no_policy.iter().any(|(k, _)| k == "targetingDescription"), "every category the site uses");
        assert!(
            no_policy.iter().all(|(k, _)| !["turnOffAll", "doNotSell", "ukDefaultsNotice", "usOptOutNotice"].contains(&k.as_str())),
            "opt-in: no regional text"
        );
    }

    #[test]
    fn texts_shown_in_the_visitors_language_from_the_sites_wording_first() {
        let config = r#"{"revision": 1, "texts": {"de": {"bannerTitle": "Kekse \"hier\""}}}"#;
        let (config, _) = crate::session::read_config(Some(config), None);
        let shipped = crate::texts::parse_shipped(r#"{"bannerTitle": "Wir verwenden Cookies", "acceptAll": "Alle akzeptieren"}"#);
        let texts = texts_shown(&config, &shipped, "de-AT", false, Default::default());
        assert!(texts.starts_with(r#"{"bannerTitle":"Kekse \"hier\"","bannerText":"Some cookies"#), "{texts}");
        assert!(texts.contains(r#""acceptAll":"Alle akzeptieren""#), "{texts}");
        // Too long for the log: the records go without texts rather than be refused.
        let long = format!(r#"{{"revision": 1, "texts": {{"en": {{"bannerText": "{}"}}}}}}"#, "a".repeat(MAX_TEXT_CHARS + 1));
        let (long, errors) = crate::session::read_config(Some(&long), None);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(texts_shown(&long, &[], "en", false, Default::default()), "");
        let entry = log_entry(&record(), CategorySet::all(), Method::Custom, "de", "https://example.org/", &texts);
        assert!(entry.ends_with(&format!(",\"gpc\":false,\"regime\":\"opt-in\",\"texts\":{texts}}}")), "{entry}");
    }

    #[test]
    fn refused_lists_only_categories_the_site_uses() {
        let used = CategorySet::necessary_only().with(Category::Performance).with(Category::Targeting);
        let mut r = record();
        r.flags = FLAG_GPC;
        let e = log_entry(&r, used, Method::Gpc, "de", "https://x.example/", "");
        assert!(e.contains("\"refused\":[\"targeting\"]") && e.contains("\"gpc\":true") && e.contains("\"method\":\"gpc\""), "{e}");
    }

    #[test]
    fn withdrawal_is_named() {
        let perf = CategorySet::necessary_only().with(Category::Performance);
        let none = CategorySet::necessary_only();
        assert!(withdraws(Some(perf), none) && !withdraws(Some(none), perf) && !withdraws(None, none));
        assert_eq!(Method::for_decision(Method::Custom, withdraws(Some(perf), none)), Method::Withdraw);
        assert_eq!(Method::for_decision(Method::Api, true), Method::Withdraw);
        assert_eq!(Method::for_decision(Method::Custom, false), Method::Custom);
        assert_eq!(Method::for_decision(Method::RejectAll, true), Method::RejectAll);
    }

    #[test]
    fn dates() {
        let d = |t| {
            let mut s = String::new();
            push_rfc3339(&mut s, t);
            s
        };
        assert_eq!(d(0), "1970-01-01T00:00:00Z");
        assert_eq!(d(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(d(1_795_348_799), "2026-11-22T11:59:59Z");
        assert_eq!(d(4_102_444_800), "2100-01-01T00:00:00Z");
    }

    #[test]
    fn queue_keeps_order_caps_and_drops_delivered() {
        let mut q = String::new();
        for i in 0..(MAX_QUEUED + 5) {
            q = queue_push(&q, &format!("{{\"n\":{i}}}"));
        }
        let entries: Vec<_> = queue_entries(&q).collect();
        assert_eq!(entries.len(), MAX_QUEUED);
        assert_eq!(entries[0], "{\"n\":5}");
        let (body, n) = batch_body(&q, MAX_BATCH_RECORDS);
        assert_eq!(n, MAX_BATCH_RECORDS, "small entries: the count limit");
        assert!(body.starts_with("[{\"n\":5},{\"n\":6},") && body.ends_with("{\"n\":54}]"), "{body}");
        let rest = queue_drop_delivered(&q, n);
        assert_eq!(queue_entries(&rest).next(), Some("{\"n\":55}"));
        assert_eq!(queue_entries("garbage\n\n{\"a\":1}").count(), 1);
        // Large entries: the byte limit, never above it.
        let big = format!("{{\"page\":\"{}\"}}", "p".repeat(3000));
        let q = (0..10).fold(String::new(), |q, _| queue_push(&q, &big));
        let (body, n) = batch_body(&q, MAX_BATCH_RECORDS);
        assert!(body.len() <= MAX_BATCH_BYTES && body.len() + big.len() + 1 > MAX_BATCH_BYTES, "{} bytes", body.len());
        assert_eq!(n, 5);
        assert_eq!(batch_body(&q, 1).1, 1, "one by one");
    }

    #[test]
    fn only_an_answer_that_can_never_change_drops_a_record() {
        assert_eq!(settle(201, 3), Settled::Delivered);
        assert_eq!(settle(400, 3), Settled::OneByOne, "one bad record must not take the batch with it");
        assert_eq!(settle(400, 1), Settled::Refused);
        for status in [409, 413, 415, 422] {
            assert_eq!(settle(status, 1), Settled::Refused, "{status}");
            assert_eq!(settle(status, 2), Settled::OneByOne, "{status}");
        }
        for status in [0, 403, 408, 429, 500, 503] {
            assert_eq!(settle(status, 1), Settled::Retry, "{status}");
        }
    }

    #[test]
    fn long_pages_are_cut_to_what_the_server_takes() {
        let r = ConsentRecord::new(CategorySet::necessary_only(), 1, 1_000, [1; 16]);
        let page = format!("https://example.org/{}", "a".repeat(2000));
        let entry = log_entry(&r, CategorySet::necessary_only(), Method::Api, "en", &page, "");
        let sent = entry.split("\"page\":\"").nth(1).unwrap().split('"').next().unwrap();
        assert_eq!(sent.len(), MAX_PAGE_CHARS);
    }

    #[test]
    fn backoff_follows_its_schedule() {
        // The cap per attempt: 1 s doubling, 5 min from the ninth retry on.
        let caps = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000];
        for pair in caps.windows(2) {
            assert_eq!(pair[1], (pair[0] * 2).min(300_000), "each cap doubles the last, up to 5 min");
        }
        for (attempt, cap) in caps.into_iter().enumerate() {
            let attempt = attempt as u32;
            assert_eq!(retry_delay_ms(attempt, 0.0), cap / 2, "attempt {attempt}, least jitter");
            assert_eq!(retry_delay_ms(attempt, 0.5), cap * 3 / 4, "attempt {attempt}, middle");
            // Math.random() stays below 1: its largest values give just under the cap.
            assert_eq!(retry_delay_ms(attempt, 0.999_999), cap - 1, "attempt {attempt}, near most jitter");
            assert_eq!(retry_delay_ms(attempt, 1.0), cap, "attempt {attempt}, most jitter");
            // Across the whole random range: within [cap/2, cap], never less for a larger random.
            let delays: Vec<u32> = (0..=1000).map(|i| retry_delay_ms(attempt, i as f64 / 1000.0)).collect();
            assert!(delays.iter().all(|&d| (cap / 2..=cap).contains(&d)), "attempt {attempt}: {delays:?}");
            assert!(delays.windows(2).all(|w| w[0] <= w[1]), "attempt {attempt}: grows with random");
        }
        assert_eq!(retry_delay_ms(u32::MAX, 1.0), 300_000, "no overflow, still capped");
        assert_eq!(retry_delay_ms(0, -3.0), 500, "a random value out of range is clamped");
        assert_eq!(retry_delay_ms(0, f64::NAN), 500, "NaN passes the clamp: the 500 ms floor catches it");
    }
}
