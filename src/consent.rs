//! The visitor's decision: the consent record, its cookie encoding and its validity.
//!
//! Cookie value, version 1 (every field lower-case, no padding, canonical):
//! `1.<granted bits, hex>.<flags, hex>.<revision>.<seq>.<decided at, unix seconds>.<consent id, base64url>[.<services>].<check>`
//! where `services` (present only when some service is allowed on its own) is the sorted
//! service ids joined by `+`, and `check` is the FNV-1a 32-bit hash of everything before it, in 8 hex digits. The check
//! catches truncation, corruption and casual edits; it is not a signature (the page itself
//! can always rewrite its own cookies), so a record is only ever trusted to *withhold*.

use crate::prelude::*;

use crate::category::{Category, CategorySet};
use crate::region::Regime;

/// Name of the first-party cookie that holds the record.
pub const COOKIE_NAME: &str = "crumbs_consent";
/// Version tag of the encoding below.
const VERSION: &str = "1";
/// Longest value decoded; anything longer is refused before parsing.
const MAX_ENCODED: usize = 1024;
/// Clock skew tolerated for a decision time in the future.
const FUTURE_SKEW_SECS: u64 = 24 * 60 * 60;

/// Flag bit: Global Privacy Control applied when the decision was made.
pub const FLAG_GPC: u8 = 1;
/// Flag bit: crumbs made this decision from the GPC signal; the visitor has not chosen yet.
pub const FLAG_AUTO: u8 = 2;
/// Flag bits 2 and 3: the regime the decision was made under, its index in `Regime::ALL`
/// (0, opt-in, in every record made before regimes).
const REGIME_SHIFT: u8 = 2;
/// Every flag bit this version knows.
const KNOWN_FLAGS: u8 = FLAG_GPC | FLAG_AUTO | 0b1100;

/// A visitor's stored decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentRecord {
    /// Categories granted; always contains strictly necessary.
    pub granted: CategorySet,
    /// Flags such as [`FLAG_GPC`].
    pub flags: u8,
    /// Config revision the decision was made under.
    pub revision: u32,
    /// How many decisions this consent id has made, from 1.
    pub seq: u32,
    /// When, in seconds since the Unix epoch.
    pub decided_at: u64,
    /// Random id (UUID v4 bytes) that links the cookie to consent-log entries.
    pub consent_id: [u8; 16],
    /// Services allowed on their own although their category is not (sorted, no duplicates).
    pub services: Vec<String>,
    /// The regime the decision was made under (kept in the flags' bits 2 and 3).
    pub regime: Regime,
}

/// A decision as the page's scripts see it (`crumbs.d.ts`'s `Consent`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct ConsentSummary {
    /// The consent id, as in the consent log.
    pub consent_id: String,
    /// Decision number under this consent id, from 1.
    pub seq: u32,
    /// The config revision decided under.
    pub revision: u32,
    /// When, RFC 3339 UTC (the consent log's format).
    pub decided_at: String,
    /// Category ids granted (strictly necessary included).
    pub granted: Vec<&'static str>,
    /// Category ids the site uses and the visitor refused.
    pub refused: Vec<&'static str>,
    /// Declared services granted on their own.
    pub services: Vec<String>,
    /// Whether the decision followed the Global Privacy Control signal.
    pub gpc: bool,
    /// Whether the visitor made it (not crumbs, from the GPC signal alone).
    pub by_visitor: bool,
    /// The regime it was made under (`region::Regime::id`), as the consent log records it.
    pub regime: &'static str,
}

/// Why a cookie value is not a usable record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Empty, too long, wrong shape or not canonical.
    Malformed,
    /// A version this build does not read.
    UnknownVersion,
    /// The check does not match: corrupted or edited.
    BadCheck,
    /// A category or flag bit this version does not know, or necessary missing.
    BadBits,
}

/// Whether a decoded record still stands under the current config.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validity {
    /// The decision applies.
    Valid,
    /// Older than the consent lifetime.
    Expired,
    /// Made under another config revision.
    OtherRevision,
    /// Dated in the future beyond clock skew: not believable.
    FromFuture,
}

impl ConsentRecord {
    /// A new decision with a fresh id.
    pub fn new(granted: CategorySet, revision: u32, decided_at: u64, random: [u8; 16]) -> Self {
        ConsentRecord {
            granted: granted.with(Category::Necessary),
            flags: 0,
            revision,
            seq: 1,
            decided_at,
            consent_id: uuid_v4(random),
            services: vec![],
            regime: Regime::OptIn,
        }
    }

    /// The same record allowing these services on their own (ids are sorted and deduplicated;
    /// ids that are not `[a-z0-9_-]{1,32}` are dropped).
    pub fn with_services(mut self, services: impl IntoIterator<Item = String>) -> Self {
        let mut s: Vec<String> = services.into_iter().filter(|id| is_service_id(id)).collect();
        crate::sort::sort_dedup(&mut s);
        self.services = s;
        self
    }

    /// Whether a service may run: allowed on its own, or its category (`category`) is granted.
    pub fn allows_service(&self, id: &str, category: Option<Category>) -> bool {
        self.services.iter().any(|s| s == id) || category.is_some_and(|c| self.granted.contains(c))
    }

    /// The next decision of the same visitor: same id, next sequence number.
    pub fn next(&self, granted: CategorySet, revision: u32, decided_at: u64) -> Self {
        ConsentRecord {
            granted: granted.with(Category::Necessary),
            flags: 0,
            revision,
            seq: self.seq.saturating_add(1),
            decided_at,
            consent_id: self.consent_id,
            services: vec![],
            regime: self.regime,
        }
    }

    /// The cookie value.
    pub fn encode(&self) -> String {
        let mut s = String::with_capacity(64);
        s.push_str(VERSION);
        s.push('.');
        push_hex(&mut s, self.granted.bits() as u64);
        s.push('.');
        push_hex(&mut s, (self.flags | (self.regime as u8) << REGIME_SHIFT) as u64);
        s.push('.');
        push_dec(&mut s, self.revision as u64);
        s.push('.');
        push_dec(&mut s, self.seq as u64);
        s.push('.');
        push_dec(&mut s, self.decided_at);
        s.push('.');
        push_base64url(&mut s, &self.consent_id);
        if !self.services.is_empty() {
            s.push('.');
            s.push_str(&crate::lean_str::join(&self.services, "+"));
        }
        let check = fnv1a(s.as_bytes());
        s.push('.');
        push_hex_fixed(&mut s, check as u64, 8);
        s
    }

    /// Reads a cookie value; any input gives a record or an error, never a panic.
    pub fn decode(value: &str) -> Result<ConsentRecord, DecodeError> {
        if value.is_empty() || value.len() > MAX_ENCODED || !value.is_ascii() {
            return Err(DecodeError::Malformed);
        }
        let mut fields = value.split('.');
        if fields.next() != Some(VERSION) {
            return Err(DecodeError::UnknownVersion);
        }
        let (body, check) = value.rsplit_once('.').ok_or(DecodeError::Malformed)?;
        let mut next = || fields.next().ok_or(DecodeError::Malformed);
        let granted = parse_num(next()?, 16)?;
        let flags = parse_num(next()?, 16)?;
        let revision = parse_num(next()?, 10)?;
        let seq = parse_num(next()?, 10)?;
        let decided_at = parse_num(next()?, 10)?;
        let id = parse_base64url_16(next()?)?;
        let rest: Vec<&str> = fields.collect();
        let services: Vec<String> = match rest.len() {
            1 => vec![],
            2 => rest[0].split('+').map(str::to_string).collect(),
            _ => return Err(DecodeError::Malformed),
        };
        if !services.iter().all(|s| is_service_id(s)) {
            return Err(DecodeError::Malformed);
        }
        if parse_num(check, 16)? != fnv1a(body.as_bytes()) as u64 || check.len() != 8 {
            return Err(DecodeError::BadCheck);
        }
        let granted = u8::try_from(granted).ok().and_then(CategorySet::from_bits).ok_or(DecodeError::BadBits)?;
        let flags = u8::try_from(flags).ok().filter(|f| f & !KNOWN_FLAGS == 0).ok_or(DecodeError::BadBits)?;
        let regime = *Regime::ALL.get((flags >> REGIME_SHIFT) as usize).ok_or(DecodeError::BadBits)?;
        let flags = flags & (FLAG_GPC | FLAG_AUTO);
        if !granted.contains(Category::Necessary) {
            return Err(DecodeError::BadBits);
        }
        let record = ConsentRecord {
            granted,
            flags,
            revision: u32::try_from(revision).map_err(|_| DecodeError::Malformed)?,
            seq: u32::try_from(seq).map_err(|_| DecodeError::Malformed)?,
            decided_at,
            consent_id: id,
            services,
            regime,
        };
        // Exactly one spelling per record: no leading zeros, no upper case, no alternatives.
        if record.encode() != value {
            return Err(DecodeError::Malformed);
        }
        Ok(record)
    }

    /// Whether this record still applies to a config with `revision` and `lifetime_days`.
    pub fn validity(&self, revision: u32, lifetime_days: u32, now: u64) -> Validity {
        if self.revision != revision {
            Validity::OtherRevision
        } else if self.decided_at > now.saturating_add(FUTURE_SKEW_SECS) {
            Validity::FromFuture
        } else if now.saturating_sub(self.decided_at) >= lifetime_days as u64 * 86_400 {
            Validity::Expired
        } else {
            Validity::Valid
        }
    }

    /// The categories of `used` (plus strictly necessary) this record grants, and those it
    /// refuses: what the consent log and the JS API report.
    pub fn granted_and_refused(&self, used: CategorySet) -> (CategorySet, CategorySet) {
        let used = used.with(Category::Necessary);
        (used.intersect(self.granted), used.minus(self.granted))
    }

    /// Whether the visitor made this decision (not crumbs, from the GPC signal).
    pub fn is_visitors(&self) -> bool {
        self.flags & FLAG_AUTO == 0
    }

    /// The consent id as a UUID string (`8-4-4-4-12` lower-case hex).
    pub fn consent_id_string(&self) -> String {
        let mut s = String::with_capacity(36);
        for (i, b) in self.consent_id.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                s.push('-');
            }
            push_hex_fixed(&mut s, *b as u64, 2);
        }
        s
    }

    /// The record as `getConsent()` returns it and the `crumbs:consent` event carries it.
    pub fn summary(&self, used: CategorySet) -> ConsentSummary {
        let (granted, refused) = self.granted_and_refused(used);
        let ids = |set: CategorySet| set.iter().map(Category::id).collect();
        let mut decided_at = String::new();
        crate::consent_log::push_rfc3339(&mut decided_at, self.decided_at);
        ConsentSummary {
            consent_id: self.consent_id_string(),
            seq: self.seq,
            revision: self.revision,
            decided_at,
            granted: ids(granted),
            refused: ids(refused),
            services: self.services.clone(),
            gpc: self.flags & FLAG_GPC != 0,
            by_visitor: self.is_visitors(),
            regime: self.regime.id(),
        }
    }

    /// Seconds left before the record expires, for the cookie's Max-Age.
    pub fn max_age(&self, lifetime_days: u32, now: u64) -> u64 {
        (self.decided_at + lifetime_days as u64 * 86_400).saturating_sub(now)
    }
}

/// The `document.cookie` assignment that stores a record's value: a first-party cookie on
/// `Path=/` with `SameSite=Lax`, `Secure` on https, host-only unless the config's
/// `cookieDomain` shares it (`Domain=`).
pub fn cookie_assignment(value: &str, max_age_secs: u64, https: bool, domain: Option<&str>) -> String {
    let mut c = String::with_capacity(COOKIE_NAME.len() + value.len() + 48);
    c.push_str(COOKIE_NAME);
    c.push('=');
    c.push_str(value);
    c.push_str("; Path=/; Max-Age=");
    push_dec(&mut c, max_age_secs);
    if let Some(d) = domain {
        c.push_str("; Domain=");
        c.push_str(d);
    }
    c.push_str("; SameSite=Lax");
    if https {
        c.push_str("; Secure");
    }
    c
}

/// How the consent cookie is stored (the one rule for the full core and the decision module):
/// the `document.cookie` assignments, in order, and with a `cookieDomain` what to do if the
/// browser refuses it (a public suffix: only the browser knows the list at run time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentCookieWrite {
    /// With a `cookieDomain`, first a host-only cookie from before cleared (it would shadow
    /// the shared one), then the shared one; else the host-only one alone.
    pub assignments: Vec<String>,
    /// With a `cookieDomain`: the check and the fallback.
    pub refused: Option<RefusedDomain>,
}

/// What to do when the browser refused the consent cookie's `Domain=`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedDomain {
    /// `name=value` as `document.cookie` lists the cookie when it was stored.
    pub stored: String,
    /// The host-only assignment that keeps the decision on this host alone.
    pub fallback: String,
    /// The console error (without crumbs' prefix).
    pub error: String,
}

/// The writes of a record's value (see [`ConsentCookieWrite`]).
pub fn consent_cookie_write(value: &str, max_age_secs: u64, https: bool, domain: Option<&str>) -> ConsentCookieWrite {
    let host_only = cookie_assignment(value, max_age_secs, https, None);
    let Some(d) = domain else { return ConsentCookieWrite { assignments: vec![host_only], refused: None } };
    let mut stored = String::from(COOKIE_NAME);
    stored.push('=');
    stored.push_str(value);
    // Pushed, not format!: the decision module carries this.
    let mut error = String::from("the browser refused the consent cookie for cookieDomain \"");
    error.push_str(d);
    error.push_str("\" (a public suffix?): this decision holds on this host only");
    ConsentCookieWrite {
        assignments: vec![cookie_assignment("", 0, https, None), cookie_assignment(value, max_age_secs, https, Some(d))],
        refused: Some(RefusedDomain { stored, fallback: host_only, error }),
    }
}

impl ConsentSummary {
    /// The summary as JSON, in the shape `crumbs.d.ts` gives `Consent` (the decision module's
    /// `crumbs:consent` detail; the full core hands over the same fields as an object).
    pub fn to_json(&self) -> String {
        use crate::json::write_string;
        let list = |s: &mut String, items: &mut dyn Iterator<Item = &str>| {
            s.push('[');
            for (i, x) in items.enumerate() {
                if i > 0 {
                    s.push(',');
                }
                write_string(s, x);
            }
            s.push(']');
        };
        let mut s = String::with_capacity(256);
        s.push_str("{\"consentId\":");
        write_string(&mut s, &self.consent_id);
        s.push_str(",\"seq\":");
        push_dec(&mut s, self.seq as u64);
        s.push_str(",\"revision\":");
        push_dec(&mut s, self.revision as u64);
        s.push_str(",\"decidedAt\":");
        write_string(&mut s, &self.decided_at);
        s.push_str(",\"granted\":");
        list(&mut s, &mut self.granted.iter().copied());
        s.push_str(",\"refused\":");
        list(&mut s, &mut self.refused.iter().copied());
        s.push_str(",\"services\":");
        list(&mut s, &mut self.services.iter().map(String::as_str));
        s.push_str(",\"gpc\":");
        s.push_str(if self.gpc { "true" } else { "false" });
        s.push_str(",\"byVisitor\":");
        s.push_str(if self.by_visitor { "true" } else { "false" });
        s.push_str(",\"regime\":");
        write_string(&mut s, self.regime);
        s.push('}');
        s
    }
}

/// Whether `id` can name a service: `[a-z0-9_-]`, 1 to 32 bytes.
pub fn is_service_id(id: &str) -> bool {
    (1..=32).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Sets the version (4) and variant (RFC 4122) bits of 16 random bytes.
pub fn uuid_v4(mut b: [u8; 16]) -> [u8; 16] {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    b
}

/// FNV-1a, 32 bits: tiny and good enough to catch accidental or casual damage.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

const HEX: &[u8; 16] = b"0123456789abcdef";
const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn push_hex(s: &mut String, mut n: u64) {
    let mut digits = [0u8; 16];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = HEX[(n & 15) as usize];
        n >>= 4;
        if n == 0 {
            break;
        }
    }
    digits[i..].iter().for_each(|&d| s.push(d as char));
}

fn push_hex_fixed(s: &mut String, n: u64, width: u32) {
    for i in (0..width).rev() {
        s.push(HEX[((n >> (i * 4)) & 15) as usize] as char);
    }
}

/// Appends a number in decimal without `core::fmt` (keeps formatting code out of the wasm).
pub fn push_dec(s: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[i..].iter().for_each(|&d| s.push(d as char));
}

fn parse_num(s: &str, radix: u32) -> Result<u64, DecodeError> {
    if s.is_empty() || s.len() > 20 {
        return Err(DecodeError::Malformed);
    }
    s.bytes().try_fold(0u64, |acc, b| {
        let d = (b as char).to_digit(radix).ok_or(DecodeError::Malformed)?;
        acc.checked_mul(radix as u64).and_then(|a| a.checked_add(d as u64)).ok_or(DecodeError::Malformed)
    })
}

fn push_base64url(s: &mut String, bytes: &[u8; 16]) {
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            s.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
}

fn parse_base64url_16(s: &str) -> Result<[u8; 16], DecodeError> {
    if s.len() != 22 {
        return Err(DecodeError::Malformed);
    }
    let mut bits = 0u32;
    let mut nbits = 0;
    let mut out = [0u8; 16];
    let mut k = 0;
    for b in s.bytes() {
        let v = B64.iter().position(|&c| c == b).ok_or(DecodeError::Malformed)? as u32;
        bits = (bits << 6) | v;
        nbits += 6;
        if nbits >= 8 {
            nbits -= 8;
            if k < 16 {
                out[k] = (bits >> nbits) as u8;
                k += 1;
            }
            bits &= (1 << nbits) - 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ConsentRecord {
        ConsentRecord::new(CategorySet::all(), 3, 1_795_000_000, [7; 16])
    }

    #[test]
    fn summary_json_is_the_serde_shape() {
        let mut r = ConsentRecord::new(CategorySet::necessary_only().with(Category::Performance), 3, 1_795_000_000, [7; 16])
            .with_services(["youtube".into(), "maps".into()]);
        r.flags = FLAG_GPC;
        for used in [CategorySet::all(), CategorySet::necessary_only()] {
            let summary = r.summary(used);
            let ours: serde_json::Value = serde_json::from_str(&summary.to_json()).unwrap();
            assert_eq!(ours, serde_json::to_value(&summary).unwrap());
        }
    }

    #[test]
    fn cookie_assignment_is_first_party_lax_and_secure_on_https() {
        assert_eq!(cookie_assignment("1.f", 60, false, None), "crumbs_consent=1.f; Path=/; Max-Age=60; SameSite=Lax");
        assert_eq!(cookie_assignment("1.f", 60, true, None), "crumbs_consent=1.f; Path=/; Max-Age=60; SameSite=Lax; Secure");
        assert_eq!(
            cookie_assignment("1.f", 60, true, Some("example.org")),
            "crumbs_consent=1.f; Path=/; Max-Age=60; Domain=example.org; SameSite=Lax; Secure"
        );
    }

    #[test]
    fn a_shared_cookie_clears_the_host_only_one_and_falls_back_to_it_when_refused() {
        let plain = consent_cookie_write("1.f", 60, true, None);
        assert_eq!((plain.assignments, plain.refused), (vec![cookie_assignment("1.f", 60, true, None)], None));
        let shared = consent_cookie_write("1.f", 60, false, Some("github.io"));
        assert_eq!(
            shared.assignments,
            vec!["crumbs_consent=; Path=/; Max-Age=0; SameSite=Lax", "crumbs_consent=1.f; Path=/; Max-Age=60; Domain=github.io; SameSite=Lax"]
        );
        let refused = shared.refused.unwrap();
        assert_eq!(
            (refused.stored.as_str(), refused.fallback.as_str()),
            ("crumbs_consent=1.f", "crumbs_consent=1.f; Path=/; Max-Age=60; SameSite=Lax")
        );
        assert_eq!(
            refused.error,
            "the browser refused the consent cookie for cookieDomain \"github.io\" (a public suffix?): this decision holds on this host only"
        );
    }

    #[test]
    fn the_scripts_view_names_what_the_site_uses() {
        let used = [Category::Necessary, Category::Performance, Category::Targeting].into_iter().collect();
        let mut r = ConsentRecord::new([Category::Necessary, Category::Performance].into_iter().collect(), 3, 1_795_000_000, [7; 16]);
        r.flags = FLAG_GPC;
        let s = r.with_services(["maps".to_string()]).summary(used);
        assert_eq!((s.granted, s.refused), (vec!["necessary", "performance"], vec!["targeting"]));
        assert_eq!((s.decided_at.as_str(), s.seq, s.revision), ("2026-11-18T11:06:40Z", 1, 3));
        assert_eq!((s.services, s.gpc, s.by_visitor), (vec!["maps".to_string()], true, true));
        let json = serde_json::to_string(&sample().summary(used)).unwrap();
        assert!(json.starts_with(r#"{"consentId":"07070707-0707-4707-8707-070707070707","seq":1,"revision":3,"decidedAt":"#), "{json}");
        assert!(json.ends_with(r#""services":[],"gpc":false,"byVisitor":true,"regime":"opt-in"}"#), "{json}");
    }

    #[test]
    fn encodes_compactly_and_round_trips() {
        let r = sample();
        let v = r.encode();
        assert!(v.starts_with("1.f.0.3.1.1795000000."), "{v}");
        assert!(v.len() < 64, "{v}");
        assert_eq!(ConsentRecord::decode(&v), Ok(r));
    }

    #[test]
    fn services_are_encoded_only_when_present() {
        let r = sample().with_services(["youtube".to_string(), "maps".into(), "youtube".into(), "Bad Id".into()]);
        assert_eq!(r.services, vec!["maps", "youtube"]);
        let v = r.encode();
        assert!(v.contains(".maps+youtube."), "{v}");
        assert_eq!(ConsentRecord::decode(&v), Ok(r.clone()));
        assert!(r.allows_service("maps", Some(Category::Targeting)));
        let mut none = r.clone();
        none.granted = CategorySet::necessary_only();
        assert!(!none.allows_service("vimeo", Some(Category::Targeting)));
        assert!(none.allows_service("vimeo", Some(Category::Necessary)));
        // Unsorted or empty service lists are not the canonical spelling.
        let unsorted = v.replace("maps+youtube", "youtube+maps");
        assert!(ConsentRecord::decode(&unsorted).is_err());
    }

    #[test]
    fn the_regime_rides_in_the_flags_and_old_records_are_opt_in() {
        let old = sample().encode();
        assert_eq!(ConsentRecord::decode(&old).unwrap().regime, Regime::OptIn);
        for regime in Regime::ALL {
            let mut r = sample();
            r.regime = regime;
            r.flags = FLAG_GPC | FLAG_AUTO;
            let v = r.encode();
            assert_eq!(ConsentRecord::decode(&v), Ok(r.clone()), "{v}");
            assert_eq!(r.next(CategorySet::all(), 3, r.decided_at).regime, regime);
        }
        // Bits 2 and 3 both set name no regime.
        let mut r = sample();
        r.flags = 0b1100;
        assert_eq!(ConsentRecord::decode(&r.encode()), Err(DecodeError::BadBits));
    }

    #[test]
    fn uuid_string_is_v4() {
        let id = sample().consent_id_string();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
    }

    #[test]
    fn refuses_damaged_values() {
        let v = sample().encode();
        assert_eq!(ConsentRecord::decode(""), Err(DecodeError::Malformed));
        assert_eq!(ConsentRecord::decode("2.f.0.3.1.1.x.0"), Err(DecodeError::UnknownVersion));
        assert_eq!(ConsentRecord::decode(&v.replacen(".f.", ".7.", 1)), Err(DecodeError::BadCheck));
        assert_eq!(ConsentRecord::decode(&v[..v.len() - 1]), Err(DecodeError::BadCheck));
        assert!(ConsentRecord::decode(&v.to_uppercase()).is_err());
        assert_eq!(ConsentRecord::decode(&format!("{v}.")), Err(DecodeError::Malformed));
        // A record that drops strictly necessary is refused even with a correct check.
        let mut r = sample();
        r.granted = CategorySet::empty().with(Category::Performance);
        assert_eq!(ConsentRecord::decode(&r.encode()), Err(DecodeError::BadBits));
    }

    #[test]
    fn validity_follows_revision_and_lifetime() {
        let r = sample();
        let day = 86_400;
        assert_eq!(r.validity(3, 182, r.decided_at + 181 * day), Validity::Valid);
        assert_eq!(r.validity(3, 182, r.decided_at + 182 * day), Validity::Expired);
        assert_eq!(r.validity(4, 182, r.decided_at), Validity::OtherRevision);
        assert_eq!(r.validity(3, 182, r.decided_at - 2 * day), Validity::FromFuture);
        assert_eq!(r.max_age(182, r.decided_at + day), 181 * day);
    }

    #[test]
    fn next_keeps_the_id_and_counts() {
        let r = sample();
        let n = r.next(CategorySet::empty(), 4, r.decided_at + 5);
        assert_eq!((n.consent_id, n.seq, n.granted), (r.consent_id, 2, CategorySet::necessary_only()));
    }
}
