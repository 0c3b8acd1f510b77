//! The wire record the browser sends, validated field by field: each error names the field
//! (`[2].seq: expected a whole number ≥ 1`), so a client can be fixed from the 400 alone.

use crumbs::category::Category;
use crumbs::consent_log::Method;
use serde_json::{Map, Value};
/// Most records accepted in one POST (the browser's offline queue sends batches).
pub const MAX_BATCH: usize = crumbs::consent_log::MAX_BATCH_RECORDS;

/// A validated consent record, with its canonical JSON (what is stored and hashed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentEntry {
    /// UUID v4, lower case.
    pub consent_id: String,
    /// Decision number of this consent id, from 1.
    pub seq: u64,
    /// RFC 3339 UTC time of the decision.
    pub decided_at: String,
    /// The decision time in Unix seconds.
    pub decided_unix: i64,
    /// Canonical JSON of the whole record (keys in a fixed order).
    pub canonical: String,
}

fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter()
            .enumerate()
            .all(|(i, &c)| if matches!(i, 8 | 13 | 18 | 23) { c == b'-' } else { c.is_ascii_digit() || (b'a'..=b'f').contains(&c) })
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z` into Unix seconds.
pub fn parse_rfc3339_utc(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' || *b.last()? != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d, h, mi, se) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?, num(17..19)?);
    let frac = &s[19..s.len() - 1];
    if !(frac.is_empty() || (frac.starts_with('.') && frac.len() > 1 && frac[1..].bytes().all(|c| c.is_ascii_digit()))) {
        return None;
    }
    let days_in_month = [31, if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month[(mo - 1) as usize] || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se)
}

fn categories(m: &Map<String, Value>, key: &str, path: &str) -> Result<Vec<String>, String> {
    let arr = m.get(key).and_then(Value::as_array).ok_or(format!("{path}.{key}: expected an array of categories"))?;
    if arr.len() > Category::ALL.len() {
        return Err(format!("{path}.{key}: at most {} categories", Category::ALL.len()));
    }
    let mut out: Vec<String> = vec![];
    for (i, v) in arr.iter().enumerate() {
        let c = v.as_str().filter(|c| Category::from_id(c).is_some()).ok_or(format!("{path}.{key}[{i}]: unknown category"))?;
        if out.iter().any(|o| o == c) {
            return Err(format!("{path}.{key}[{i}]: duplicate category {c:?}"));
        }
        out.push(c.to_string());
    }
    Ok(out)
}

/// Validates one record against the wire format; `now` (Unix seconds) bounds future times.
pub fn validate_record(v: &Value, path: &str, now: i64) -> Result<ConsentEntry, String> {
    let m = v.as_object().ok_or(format!("{path}: expected an object"))?;
    const KNOWN: [&str; 11] = ["consentId", "seq", "decidedAt", "revision", "granted", "refused", "method", "language", "page", "gpc", "services"];
    if let Some(k) = m.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(format!("{path}.{k}: unknown field"));
    }
    let consent_id =
        m.get("consentId").and_then(Value::as_str).filter(|s| is_uuid_v4(s)).ok_or(format!("{path}.consentId: expected a lower-case UUID v4"))?;
    let seq =
        m.get("seq").and_then(Value::as_u64).filter(|&s| s >= 1 && s <= u32::MAX as u64).ok_or(format!("{path}.seq: expected a whole number ≥ 1"))?;
    let decided_at = m.get("decidedAt").and_then(Value::as_str).ok_or(format!("{path}.decidedAt: expected an RFC 3339 UTC time"))?;
    let decided_unix =
        parse_rfc3339_utc(decided_at).ok_or(format!("{path}.decidedAt: expected an RFC 3339 UTC time such as 2026-11-22T10:00:00Z"))?;
    if decided_unix > now + 86_400 {
        return Err(format!("{path}.decidedAt: more than a day in the future"));
    }
    let revision =
        m.get("revision").and_then(Value::as_u64).filter(|&r| r <= u32::MAX as u64).ok_or(format!("{path}.revision: expected a whole number ≥ 0"))?;
    let granted = categories(m, "granted", path)?;
    let refused = categories(m, "refused", path)?;
    if !granted.iter().any(|c| c == "necessary") {
        return Err(format!("{path}.granted: must include \"necessary\""));
    }
    if let Some(c) = granted.iter().find(|c| refused.contains(c)) {
        return Err(format!("{path}.refused: {c:?} is also granted"));
    }
    let methods = Method::ALL.map(Method::id);
    let method = m
        .get("method")
        .and_then(Value::as_str)
        .filter(|s| methods.contains(s))
        .ok_or(format!("{path}.method: expected one of {}", methods.join(", ")))?;
    let language = m
        .get("language")
        .and_then(Value::as_str)
        .filter(|s| (2..=35).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .ok_or(format!("{path}.language: expected a language tag"))?;
    let page = m.get("page").and_then(Value::as_str).ok_or(format!("{path}.page: expected a URL"))?;
    let origin_ok = page.starts_with("https://") || page.starts_with("http://");
    if !origin_ok || page.len() > 2048 || page.contains(['?', '#']) || page.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("{path}.page: expected an http(s) origin and path, without query or fragment"));
    }
    let gpc = match m.get("gpc") {
        None => false,
        Some(v) => v.as_bool().ok_or(format!("{path}.gpc: expected true or false"))?,
    };
    let services: Vec<String> = match m.get("services") {
        None => vec![],
        Some(v) => {
            let arr = v.as_array().filter(|a| a.len() <= 64).ok_or(format!("{path}.services: expected an array of at most 64 service ids"))?;
            arr.iter()
                .enumerate()
                .map(|(i, s)| {
                    s.as_str()
                        .filter(|s| crumbs::consent::is_service_id(s))
                        .map(str::to_string)
                        .ok_or(format!("{path}.services[{i}]: expected a service id"))
                })
                .collect::<Result<_, _>>()?
        }
    };
    let canonical = serde_json::json!({
        "consentId": consent_id, "seq": seq, "decidedAt": decided_at, "revision": revision,
        "granted": granted, "refused": refused, "method": method, "language": language,
        "page": page, "gpc": gpc, "services": services,
    })
    .to_string();
    Ok(ConsentEntry { consent_id: consent_id.to_string(), seq, decided_at: decided_at.to_string(), decided_unix, canonical })
}

/// Validates a POST body: one record or an array of up to [`MAX_BATCH`].
pub fn validate_body(body: &[u8], now: i64) -> Result<Vec<ConsentEntry>, String> {
    let v: Value = serde_json::from_slice(body).map_err(|e| format!("not valid JSON: {e}"))?;
    match &v {
        Value::Array(items) if items.is_empty() => Err("empty array".into()),
        Value::Array(items) if items.len() > MAX_BATCH => Err(format!("at most {MAX_BATCH} records per request")),
        Value::Array(items) => items.iter().enumerate().map(|(i, r)| validate_record(r, &format!("[{i}]"), now)).collect(),
        _ => validate_record(&v, "", now).map(|e| vec![e]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_305_600; // 2026-11-22T00:00:00Z

    fn record() -> Value {
        serde_json::json!({"consentId": "0f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21", "seq": 1, "decidedAt": "2026-11-22T10:00:00Z",
            "revision": 3, "granted": ["necessary", "performance"], "refused": ["functionality", "targeting"],
            "method": "accept_all", "language": "en", "page": "https://example.org/contact"})
    }

    fn err(edit: impl FnOnce(&mut Map<String, Value>)) -> String {
        let mut v = record();
        edit(v.as_object_mut().unwrap());
        validate_record(&v, "", NOW).unwrap_err()
    }

    #[test]
    fn accepts_the_documented_example() {
        let e = validate_record(&record(), "", NOW).unwrap();
        assert_eq!((e.seq, e.decided_unix), (1, NOW + 36_000));
        assert!(e.canonical.starts_with("{\"consentId\":\"0f8b6c1e"), "{}", e.canonical);
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        assert_eq!(err(|m| drop(m.insert("seq".into(), 0.into()))), ".seq: expected a whole number ≥ 1");
        assert_eq!(err(|m| drop(m.insert("consentId".into(), "not-a-uuid".into()))), ".consentId: expected a lower-case UUID v4");
        assert_eq!(err(|m| drop(m.insert("granted".into(), serde_json::json!(["performance"])))), ".granted: must include \"necessary\"");
        assert_eq!(err(|m| drop(m.insert("refused".into(), serde_json::json!(["tracking"])))), ".refused[0]: unknown category");
        assert_eq!(
            err(|m| drop(m.insert("page".into(), "https://x.org/p?id=1".into()))),
            ".page: expected an http(s) origin and path, without query or fragment"
        );
        assert_eq!(err(|m| drop(m.insert("decidedAt".into(), "2027-01-01T00:00:00Z".into()))), ".decidedAt: more than a day in the future");
        assert_eq!(err(|m| drop(m.insert("ip".into(), "1.2.3.4".into()))), ".ip: unknown field");
        assert_eq!(err(|m| drop(m.insert("granted".into(), serde_json::json!(["necessary", "a", "b", "c", "d"])))), ".granted: at most 4 categories");
    }

    #[test]
    fn batches() {
        let body = serde_json::to_vec(&serde_json::json!([record(), {"seq": 2}])).unwrap();
        assert!(validate_body(&body, NOW).unwrap_err().starts_with("[1].consentId"));
        assert!(validate_body(b"{", NOW).unwrap_err().starts_with("not valid JSON"));
        let many = serde_json::to_vec(&vec![record(); 51]).unwrap();
        assert_eq!(validate_body(&many, NOW).unwrap_err(), "at most 50 records per request");
    }

    #[test]
    fn dates() {
        assert_eq!(parse_rfc3339_utc("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339_utc("2026-11-22T00:00:00.123Z"), Some(NOW));
        assert_eq!(parse_rfc3339_utc("2026-02-29T00:00:00Z"), None);
        assert_eq!(parse_rfc3339_utc("2026-11-22 00:00:00Z"), None);
        assert_eq!(parse_rfc3339_utc("2026-11-22T00:00:00+01:00"), None);
    }
}
