//! The wire record the browser sends (the core's [`WireRecord`]), checked field by field: each
//! error names the field (`[2].seq: expected a whole number ≥ 1`), so a client can be fixed
//! from the 400 alone.

use crumbs::category::Category;
use crumbs::consent_log::wire::WireRecord;
use crumbs::consent_log::{Method, MAX_PAGE_CHARS, MAX_TEXTS_BYTES, MAX_TEXT_CHARS, SHOWN_TEXTS};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Most records accepted in one POST (the browser's offline queue sends batches).
pub const MAX_BATCH: usize = crumbs::consent_log::MAX_BATCH_RECORDS;

/// Why a body or a record was refused: the JSON path of the field and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct RecordError {
    /// `[1].seq`, `.page`, or empty for the body as a whole.
    pub path: String,
    /// What the field should be.
    pub reason: String,
}

fn field_error(path: &str, field: &str, reason: impl Into<String>) -> RecordError {
    RecordError { path: format!("{path}.{field}"), reason: reason.into() }
}

/// A checked consent record, with its canonical JSON (what is stored and hashed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentEntry {
    /// UUID v4, lower case.
    pub consent_id: String,
    /// Decision number of this consent id, from 1.
    pub seq: u64,
    /// The decision time in Unix seconds.
    pub decided_unix: i64,
    /// The origin of its `page` (`https://example.org`).
    pub page_origin: String,
    /// Canonical JSON of the whole record (the wire format's fields, in its order), with
    /// `textsHash` in place of the `texts` the browser sent.
    pub canonical: String,
    /// The texts the banner showed, stored once per version apart from the record.
    pub texts: Option<TextsVersion>,
}

/// One version of the texts a banner showed: what the log keeps once, however many records
/// name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextsVersion {
    /// SHA-256 of `canonical`, lower-case hex: the record's `textsHash`.
    pub hash: String,
    /// The texts as one JSON object, keys sorted, no whitespace: RFC 8785 (JCS) form for an
    /// object of strings with ASCII keys, so anyone can recompute the hash.
    pub canonical: String,
}

impl TextsVersion {
    /// The version of a set of texts (by key).
    pub fn of(texts: &BTreeMap<String, String>) -> TextsVersion {
        let canonical = serde_json::to_string(texts).expect("a map of strings serializes");
        TextsVersion { hash: texts_hash(&canonical), canonical }
    }
}

/// The `textsHash` of a canonical texts object.
pub fn texts_hash(canonical: &str) -> String {
    crate::chain::to_hex(&Sha256::digest(canonical.as_bytes()))
}

/// Checks the texts a record carries: only keys of texts the banner shows, each a string of at
/// most [`MAX_TEXT_CHARS`], the whole at most [`MAX_TEXTS_BYTES`].
fn texts_version(texts: &BTreeMap<String, String>, path: &str) -> Result<TextsVersion, RecordError> {
    if texts.is_empty() {
        return Err(field_error(path, "texts", "expected the texts the banner showed, not an empty object"));
    }
    for (key, value) in texts {
        let field = || format!("texts.{key}");
        if !SHOWN_TEXTS.iter().any(|t| t.key() == key) {
            let keys: Vec<&str> = SHOWN_TEXTS.iter().map(|t| t.key()).collect();
            return Err(field_error(path, &field(), format!("not a text the banner shows (expected one of {})", keys.join(", "))));
        }
        if value.chars().count() > MAX_TEXT_CHARS {
            return Err(field_error(path, &field(), format!("longer than {MAX_TEXT_CHARS} characters")));
        }
    }
    let version = TextsVersion::of(texts);
    if version.canonical.len() > MAX_TEXTS_BYTES {
        return Err(field_error(path, "texts", format!("larger than {MAX_TEXTS_BYTES} bytes")));
    }
    Ok(version)
}

/// Whether `s` is a UUID v4 in its canonical lower-case hyphenated form.
fn is_uuid_v4(s: &str) -> bool {
    uuid::Uuid::try_parse(s)
        .is_ok_and(|u| u.get_version() == Some(uuid::Version::Random) && u.get_variant() == uuid::Variant::RFC4122 && u.hyphenated().to_string() == s)
}

/// Parses an RFC 3339 time in UTC, in the form `toISOString` writes (`…T…Z`), into Unix seconds.
pub fn parse_rfc3339_utc(s: &str) -> Option<i64> {
    if !s.ends_with('Z') || s.as_bytes().get(10) != Some(&b'T') {
        return None;
    }
    OffsetDateTime::parse(s, &Rfc3339).ok().map(OffsetDateTime::unix_timestamp)
}

fn categories(list: &[String], key: &str, path: &str) -> Result<(), RecordError> {
    if list.len() > Category::ALL.len() {
        return Err(field_error(path, key, format!("at most {} categories", Category::ALL.len())));
    }
    for (i, c) in list.iter().enumerate() {
        if Category::from_id(c).is_none() {
            return Err(field_error(path, &format!("{key}[{i}]"), "unknown category"));
        }
        if list[..i].contains(c) {
            return Err(field_error(path, &format!("{key}[{i}]"), format!("duplicate category {c:?}")));
        }
    }
    Ok(())
}

/// The origin of a record's page, or why the page is refused: http(s), no userinfo, no query
/// or fragment, printable ASCII only (the browser sends `origin + pathname`, percent-encoded).
fn page_origin(page: &str) -> Result<String, &'static str> {
    const SHAPE: &str = "expected an http(s) origin and path, without query or fragment";
    if page.len() > MAX_PAGE_CHARS {
        return Err("longer than the browser ever sends");
    }
    if !page.bytes().all(|b| b.is_ascii_graphic()) || page.contains(['?', '#']) {
        return Err(SHAPE);
    }
    let url = url::Url::parse(page).map_err(|_| SHAPE)?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(SHAPE);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("must not carry a user name or password");
    }
    Ok(url.origin().ascii_serialization())
}

/// Checks one record against the wire format; `now` (Unix seconds) bounds future times.
pub fn validate_record(v: Value, path: &str, now: i64) -> Result<ConsentEntry, RecordError> {
    let mut r: WireRecord = serde_path_to_error::deserialize(v).map_err(|e| {
        let inner = e.path().to_string();
        let path = if inner == "." { path.to_string() } else { format!("{path}.{inner}") };
        RecordError { path, reason: e.into_inner().to_string() }
    })?;
    if !is_uuid_v4(&r.consent_id) {
        return Err(field_error(path, "consentId", "expected a lower-case UUID v4"));
    }
    if !(1..=u32::MAX as u64).contains(&r.seq) {
        return Err(field_error(path, "seq", "expected a whole number ≥ 1"));
    }
    let decided_unix = parse_rfc3339_utc(&r.decided_at)
        .ok_or_else(|| field_error(path, "decidedAt", "expected an RFC 3339 UTC time such as 2026-11-22T10:00:00Z"))?;
    if decided_unix > now.saturating_add(86_400) {
        return Err(field_error(path, "decidedAt", "more than a day in the future"));
    }
    if r.revision > u32::MAX as u64 {
        return Err(field_error(path, "revision", "expected a whole number ≥ 0"));
    }
    categories(&r.granted, "granted", path)?;
    categories(&r.refused, "refused", path)?;
    if !r.granted.iter().any(|c| c == "necessary") {
        return Err(field_error(path, "granted", "must include \"necessary\""));
    }
    if let Some(c) = r.granted.iter().find(|c| r.refused.contains(c)) {
        return Err(field_error(path, "refused", format!("{c:?} is also granted")));
    }
    let methods = Method::ALL.map(Method::id);
    if !methods.contains(&r.method.as_str()) {
        return Err(field_error(path, "method", format!("expected one of {}", methods.join(", "))));
    }
    if !((2..=35).contains(&r.language.len()) && r.language.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')) {
        return Err(field_error(path, "language", "expected a language tag"));
    }
    let page_origin = page_origin(&r.page).map_err(|e| field_error(path, "page", e))?;
    if r.services.len() > 64 {
        return Err(field_error(path, "services", "expected an array of at most 64 service ids"));
    }
    if let Some(i) = r.services.iter().position(|s| !crumbs::consent::is_service_id(s)) {
        return Err(field_error(path, &format!("services[{i}]"), "expected a service id"));
    }
    if let Some(regime) = &r.regime {
        let regimes = crumbs::region::Regime::ALL.map(crumbs::region::Regime::id);
        if !regimes.contains(&regime.as_str()) {
            return Err(field_error(path, "regime", format!("expected one of {}", regimes.join(", "))));
        }
    }
    if r.texts_hash.is_some() {
        return Err(field_error(path, "textsHash", "is the consent log's to compute from texts, never sent"));
    }
    let texts = r.texts.take().map(|t| texts_version(&t, path)).transpose()?;
    r.texts_hash = texts.as_ref().map(|t| t.hash.clone());
    let canonical = serde_json::to_string(&r).map_err(|e| RecordError { path: path.to_string(), reason: e.to_string() })?;
    Ok(ConsentEntry { consent_id: r.consent_id, seq: r.seq, decided_unix, page_origin, canonical, texts })
}

/// Checks a POST body: one record or an array of up to [`MAX_BATCH`].
pub fn validate_body(body: &[u8], now: i64) -> Result<Vec<ConsentEntry>, RecordError> {
    let whole = |reason: String| RecordError { path: String::new(), reason };
    let v: Value = serde_json::from_slice(body).map_err(|e| whole(format!("not valid JSON: {e}")))?;
    match v {
        Value::Array(items) if items.is_empty() => Err(whole("empty array".into())),
        Value::Array(items) if items.len() > MAX_BATCH => Err(whole(format!("at most {MAX_BATCH} records per request"))),
        Value::Array(items) => items.into_iter().enumerate().map(|(i, r)| validate_record(r, &format!("[{i}]"), now)).collect(),
        v => validate_record(v, "", now).map(|e| vec![e]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Map;

    const NOW: i64 = 1_795_305_600; // 2026-11-22T00:00:00Z

    fn record() -> Value {
        serde_json::json!({"consentId": "0f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21", "seq": 1, "decidedAt": "2026-11-22T10:00:00Z",
            "revision": 3, "granted": ["necessary", "performance"], "refused": ["functionality", "targeting"],
            "method": "accept_all", "language": "en", "page": "https://example.org/contact"})
    }

    fn err(edit: impl FnOnce(&mut Map<String, Value>)) -> String {
        let mut v = record();
        edit(v.as_object_mut().unwrap());
        validate_record(v, "", NOW).unwrap_err().to_string()
    }

    fn set(k: &str, v: Value) -> impl FnOnce(&mut Map<String, Value>) + '_ {
        move |m| drop(m.insert(k.into(), v))
    }

    #[test]
    fn accepts_the_documented_example() {
        let e = validate_record(record(), "", NOW).unwrap();
        assert_eq!((e.seq, e.decided_unix, e.page_origin.as_str()), (1, NOW + 36_000, "https://example.org"));
        assert!(e.canonical.starts_with("{\"consentId\":\"0f8b6c1e"), "{}", e.canonical);
    }

    #[test]
    fn reads_what_the_browser_writes() {
        // The core's hand-written encoder and this reader agree on the wire format.
        let rec = crumbs::consent::ConsentRecord::new(crumbs::category::CategorySet::necessary_only(), 3, NOW as u64, [7; 16]);
        let used = crumbs::category::CategorySet::necessary_only().with(Category::Targeting);
        let line = crumbs::consent_log::log_entry(&rec, used, Method::RejectAll, "en-GB", "https://example.org/a?b=1", "");
        let e = validate_record(serde_json::from_str(&line).unwrap(), "", NOW).unwrap();
        assert_eq!(e.canonical, line, "the canonical form is the browser's own");
    }

    #[test]
    fn the_texts_shown_are_kept_apart_and_the_record_names_their_hash() {
        // What the browser writes: the texts of a German banner, in the order it shows them.
        let (config, _) = crumbs::session::read_config(Some(r#"{"revision": 3, "policyUrl": "/p"}"#), None);
        let shipped = crumbs::texts::parse_shipped(r#"{"bannerTitle": "Wir verwenden Cookies", "acceptAll": "Alle akzeptieren"}"#);
        let texts = crumbs::consent_log::texts_shown(&config, &shipped, "de", false, Default::default());
        let rec = crumbs::consent::ConsentRecord::new(crumbs::category::CategorySet::necessary_only(), 3, NOW as u64, [7; 16]);
        let used = config.category_set();
        let line = crumbs::consent_log::log_entry(&rec, used, Method::RejectAll, "de", "https://example.org/a", &texts);
        let e = validate_record(serde_json::from_str(&line).unwrap(), "", NOW).unwrap();
        let version = e.texts.clone().unwrap();
        let sent: BTreeMap<String, String> = serde_json::from_str(&texts).unwrap();
        assert_eq!(sent["bannerTitle"], "Wir verwenden Cookies");
        assert_eq!(sent["rejectAll"], "Reject all", "English where crumbs ships no wording");
        assert!(sent.contains_key("policyLink") && !sent.contains_key("gpcHonoured"), "what this banner shows");
        assert_eq!(serde_json::from_str::<BTreeMap<String, String>>(&version.canonical).unwrap(), sent);
        assert_eq!(version.hash, crate::chain::to_hex(&Sha256::digest(version.canonical.as_bytes())));
        // The record as stored: the browser's line, its texts replaced by their hash.
        let without = crumbs::consent_log::log_entry(&rec, used, Method::RejectAll, "de", "https://example.org/a", "");
        assert_eq!(e.canonical, format!("{},\"textsHash\":\"{}\"}}", without.strip_suffix('}').unwrap(), version.hash));
        // The canonical form does not depend on the order the keys came in.
        let reversed: serde_json::Map<String, Value> =
            serde_json::from_str::<serde_json::Map<String, Value>>(&texts).unwrap().into_iter().rev().collect();
        let mut v: Value = serde_json::from_str(&without).unwrap();
        v["texts"] = Value::Object(reversed);
        assert_eq!(validate_record(v, "", NOW).unwrap().texts.unwrap(), version);
    }

    #[test]
    fn canonical_texts_are_jcs() {
        // RFC 8785 for strings: sorted keys, no whitespace, only the required escapes.
        let texts: BTreeMap<String, String> =
            [("rejectAll", "Tout refuser"), ("acceptAll", "Tout accepter \"oui\"\n"), ("bannerTitle", "Cookies \u{e9}\u{2028}")]
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .into();
        let v = TextsVersion::of(&texts);
        assert_eq!(
            v.canonical,
            "{\"acceptAll\":\"Tout accepter \\\"oui\\\"\\n\",\"bannerTitle\":\"Cookies \u{e9}\u{2028}\",\"rejectAll\":\"Tout refuser\"}"
        );
        assert_eq!(texts_hash("{}"), "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    #[test]
    fn texts_are_checked_strictly() {
        let with = |texts: Value| {
            let mut v = record();
            v["texts"] = texts;
            validate_record(v, "", NOW).map(|e| e.texts).map_err(|e| e.to_string())
        };
        assert!(with(serde_json::json!({"bannerTitle": "Cookies"})).unwrap().is_some());
        assert!(with(serde_json::json!({"bannerTitle": 3}))
            .unwrap_err()
            .starts_with(".texts.bannerTitle: invalid type: integer `3`, expected a string"));
        assert!(with(serde_json::json!({"bannerTitle": null})).unwrap_err().starts_with(".texts.bannerTitle: invalid type: null"));
        assert!(with(serde_json::json!("Cookies")).unwrap_err().starts_with(".texts: invalid type: string"));
        assert!(with(serde_json::json!({"tableCookie": "Cookie"}))
            .unwrap_err()
            .starts_with(".texts.tableCookie: not a text the banner shows (expected one of bannerTitle, "));
        assert!(with(serde_json::json!({"<b>": "x"})).unwrap_err().starts_with(".texts.<b>: not a text the banner shows"));
        assert_eq!(with(serde_json::json!({})).unwrap_err(), ".texts: expected the texts the banner showed, not an empty object");
        assert_eq!(
            with(serde_json::json!({"bannerText": "é".repeat(MAX_TEXT_CHARS)})).unwrap().unwrap().canonical.chars().count(),
            MAX_TEXT_CHARS + 17
        );
        assert_eq!(
            with(serde_json::json!({"bannerText": "é".repeat(MAX_TEXT_CHARS + 1)})).unwrap_err(),
            ".texts.bannerText: longer than 2000 characters"
        );
        let big: serde_json::Map<String, Value> = SHOWN_TEXTS.iter().map(|t| (t.key().to_string(), Value::from("x".repeat(400)))).collect();
        assert_eq!(with(Value::Object(big)).unwrap_err(), format!(".texts: larger than {MAX_TEXTS_BYTES} bytes"));
        // A client cannot name a hash: only texts the log hashes itself.
        let mut v = record();
        v["textsHash"] = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a".into();
        assert_eq!(validate_record(v, "", NOW).unwrap_err().to_string(), ".textsHash: is the consent log's to compute from texts, never sent");
        // Old clients send no texts: their records stay valid, with no hash.
        let e = validate_record(record(), "", NOW).unwrap();
        assert!(e.texts.is_none() && !e.canonical.contains("texts"));
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        assert_eq!(err(set("seq", 0.into())), ".seq: expected a whole number ≥ 1");
        assert!(err(set("seq", "1".into())).starts_with(".seq: invalid type"));
        assert_eq!(err(set("consentId", "not-a-uuid".into())), ".consentId: expected a lower-case UUID v4");
        assert_eq!(err(set("consentId", "0F8B6C1E-3C1A-4E55-9A43-2D3F7C1B9E21".into())), ".consentId: expected a lower-case UUID v4");
        assert_eq!(err(set("granted", serde_json::json!(["performance"]))), ".granted: must include \"necessary\"");
        assert_eq!(err(set("refused", serde_json::json!(["tracking"]))), ".refused[0]: unknown category");
        let shape = ".page: expected an http(s) origin and path, without query or fragment";
        assert_eq!(err(set("page", "https://x.org/p?id=1".into())), shape);
        assert_eq!(err(set("page", "https://x.org/\u{202e}gpj.exe".into())), shape);
        assert_eq!(err(set("page", "javascript://x.org/".into())), shape);
        assert_eq!(err(set("page", "https://alice%40mail.com:pw@x.org/".into())), ".page: must not carry a user name or password");
        assert_eq!(err(set("page", format!("https://x.org/{}", "a".repeat(600)).into())), ".page: longer than the browser ever sends");
        assert_eq!(err(set("decidedAt", "2027-01-01T00:00:00Z".into())), ".decidedAt: more than a day in the future");
        assert!(err(set("ip", "1.2.3.4".into())).starts_with("ip: unknown field `ip`") || err(set("ip", "1.2.3.4".into())).contains("`ip`"));
        assert_eq!(err(set("granted", serde_json::json!(["necessary", "a", "b", "c", "d"]))), ".granted: at most 4 categories");
        assert!(err(|m| drop(m.remove("seq"))).contains("missing field `seq`"));
        assert_eq!(err(set("regime", "gdpr".into())), ".regime: expected one of opt-in, uk-duaa, us-opt-out");
        assert!(err(set("regime", 1.into())).starts_with(".regime: invalid type"));
    }

    #[test]
    fn the_regime_is_kept_and_older_records_without_it_stay_as_they_were() {
        let mut v = record();
        v.as_object_mut().unwrap().insert("regime".into(), "uk-duaa".into());
        assert!(validate_record(v, "", NOW).unwrap().canonical.ends_with(",\"regime\":\"uk-duaa\"}"));
        assert!(!validate_record(record(), "", NOW).unwrap().canonical.contains("regime"), "the same canonical form, so the same row hash");
    }

    #[test]
    fn batches() {
        let body = serde_json::to_vec(&serde_json::json!([record(), {"seq": 2}])).unwrap();
        assert!(validate_body(&body, NOW).unwrap_err().path.starts_with("[1]"));
        assert!(validate_body(b"{", NOW).unwrap_err().reason.starts_with("not valid JSON"));
        let many = serde_json::to_vec(&vec![record(); 51]).unwrap();
        assert_eq!(validate_body(&many, NOW).unwrap_err().reason, "at most 50 records per request");
    }

    #[test]
    fn dates() {
        assert_eq!(parse_rfc3339_utc("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339_utc("2026-11-22T00:00:00.123Z"), Some(NOW));
        assert_eq!(parse_rfc3339_utc("2026-02-29T00:00:00Z"), None);
        assert_eq!(parse_rfc3339_utc("2026-11-22 00:00:00Z"), None);
        assert_eq!(parse_rfc3339_utc("2026-11-22T00:00:00+01:00"), None);
        assert_eq!(parse_rfc3339_utc("+2026-11-22T00:00:00Z"), None, "no signed years");
    }
}
