//! Property tests of the consent cookie encoding: every record round-trips, and no input,
//! however damaged, makes the decoder panic.
#![cfg(not(target_arch = "wasm32"))]

use crumbs::category::CategorySet;
use crumbs::consent::ConsentRecord;
use proptest::prelude::*;

fn record() -> impl Strategy<Value = ConsentRecord> {
    (0u8..16, 0u8..4, any::<u32>(), 1u32.., any::<u64>(), any::<[u8; 16]>()).prop_map(|(bits, flags, revision, seq, t, id)| {
        let mut r = ConsentRecord::new(CategorySet::from_bits(bits).unwrap(), revision, t, id);
        r.seq = seq;
        r.flags = flags;
        r
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn round_trip(r in record()) {
        let encoded = r.encode();
        prop_assert!(encoded.len() <= 100, "{}", encoded);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_'));
        prop_assert_eq!(ConsentRecord::decode(&encoded), Ok(r));
    }

    #[test]
    fn any_string_decodes_or_errs(s in any::<String>()) {
        let _ = ConsentRecord::decode(&s);
    }

    #[test]
    fn any_bytes_decode_or_err(b in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = ConsentRecord::decode(&String::from_utf8_lossy(&b));
    }

    #[test]
    fn any_single_edit_is_detected(r in record(), pos in any::<prop::sample::Index>(), ch in "[0-9a-zA-Z._-]") {
        let encoded = r.encode();
        let i = pos.index(encoded.len());
        let mut edited = encoded.clone();
        edited.replace_range(i..=i, &ch);
        prop_assume!(edited != encoded);
        prop_assert!(ConsentRecord::decode(&edited).is_err(), "{} accepted", edited);
    }

    /// Edits made without recomputing the check (a truncated write, a proxy or extension that
    /// mangles cookies, a hand edit) never make a cookie grant more than it did.
    #[test]
    fn a_tampered_cookie_never_grants_more(
        r in record(),
        granted in 0u8..16,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), "[0-9a-f.+-]"), 0..6),
    ) {
        let encoded = r.encode();
        // The granted bits first (`1.<bits>.…`), where an edit would matter most, then anywhere.
        let mut edited = format!("1.{granted:x}.{}", encoded.splitn(3, '.').nth(2).unwrap());
        for (pos, ch) in &edits {
            let i = pos.index(edited.len());
            edited.replace_range(i..=i, ch);
        }
        if let Ok(d) = ConsentRecord::decode(&edited) {
            prop_assert!(d.granted.minus(r.granted).iter().next().is_none(), "{} grants {:?} beyond {:?}", edited, d.granted, r.granted);
            prop_assert!(d.services.iter().all(|s| r.services.contains(s)), "{} adds services", edited);
        }
    }
}
