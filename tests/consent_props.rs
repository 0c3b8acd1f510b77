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
}
