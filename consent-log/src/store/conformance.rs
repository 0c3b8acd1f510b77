//! What every back end must do, as scenarios run against SQLite here and against a real
//! PostgreSQL server in `postgres_conformance` (each scenario gets a fresh, empty log).

use super::*;
use crate::record::validate_record;

pub(super) const ID: &str = "0f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21";
const OTHER: &str = "1f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21";

pub(super) fn entry_for(id: &str, seq: u64, method: &str) -> ConsentEntry {
    let v = serde_json::json!({"consentId": id, "seq": seq, "decidedAt": "2026-11-22T10:00:00Z",
        "revision": 3, "granted": ["necessary"], "refused": ["targeting"], "method": method, "language": "en", "page": "https://example.org/"});
    validate_record(v, "", 1_795_400_000).unwrap()
}

/// A record that carries the texts its banner showed (`language` and one text).
pub(super) fn entry_with_texts(id: &str, seq: u64, language: &str, title: &str) -> ConsentEntry {
    let v = serde_json::json!({"consentId": id, "seq": seq, "decidedAt": "2026-11-22T10:00:00Z",
        "revision": 3, "granted": ["necessary"], "refused": ["targeting"], "method": "reject_all", "language": language,
        "page": "https://example.org/", "texts": {"bannerTitle": title, "rejectAll": "Reject all"}});
    validate_record(v, "", 1_795_400_000).unwrap()
}

pub(super) fn entry(seq: u64, method: &str) -> ConsentEntry {
    entry_for(ID, seq, method)
}

pub(super) fn at(t: i64) -> Arrival {
    Arrival { received_at: t, origin: "https://example.org".into(), client: "127.0.0.1".into(), key_period_secs: 86_400 }
}

fn verify(s: &mut Store) -> Result<Verified, BrokenLink> {
    s.verify(None, &[]).unwrap()
}

/// A scenario: a fresh log by name, to test against.
pub(super) type Scenario = fn(&mut dyn FnMut(&str) -> Store);

/// Every scenario, by name.
pub(super) const ALL: &[(&str, Scenario)] = &[
    ("retries_are_stored_once_and_conflicts_are_kept_flagged", retries_are_stored_once_and_conflicts_are_kept_flagged),
    ("arrival_is_kept_with_a_keyed_address_hash", arrival_is_kept_with_a_keyed_address_hash),
    ("erasure_erases_and_keeps_the_chain", erasure_erases_and_keeps_the_chain),
    ("each_tampering_is_caught", each_tampering_is_caught),
    ("export_pages_follow_the_chain", export_pages_follow_the_chain),
    ("two_handles_append_to_one_chain", two_handles_append_to_one_chain),
    ("texts_shown_are_stored_once_and_verified", texts_shown_are_stored_once_and_verified),
];

fn texts_shown_are_stored_once_and_verified(open: &mut dyn FnMut(&str) -> Store) {
    let mut fresh = |name: &str| {
        let mut s = open(name);
        let first = entry_with_texts(ID, 1, "de", "Wir verwenden Cookies");
        s.insert_batch(std::slice::from_ref(&first), &at(100)).unwrap();
        assert_eq!(s.number("SELECT count(*) FROM texts_shown").unwrap(), 1, "a record with texts: one version stored");
        // The same texts from another visitor, and twice in one batch: still one.
        let same = [entry_with_texts(OTHER, 1, "de", "Wir verwenden Cookies"), entry_with_texts(OTHER, 2, "de", "Wir verwenden Cookies")];
        assert_eq!(s.insert_batch(&same, &at(110)).unwrap(), vec![Outcome::Created, Outcome::Created]);
        assert_eq!(s.number("SELECT count(*) FROM texts_shown").unwrap(), 1, "the same texts again: still one version");
        s.insert_batch(&[entry(2, "accept_all")], &at(120)).unwrap();
        assert_eq!(s.number("SELECT count(*) FROM texts_shown").unwrap(), 1, "a record without texts stores none");
        (s, first.texts.unwrap())
    };
    let (mut s, version) = fresh("texts");
    let stored = s.texts_of(&version.hash).unwrap().expect("the record's version is in the log");
    assert_eq!(stored, version.canonical);
    assert_eq!(texts_hash(&stored), version.hash);
    assert!(s.history(ID).unwrap()[0].to_json().contains(&format!("\"textsHash\":\"{}\"", version.hash)));
    s.insert_batch(&[entry_with_texts(ID, 3, "fr", "Nous utilisons des cookies")], &at(130)).unwrap();
    assert_eq!(s.number("SELECT count(*) FROM texts_shown").unwrap(), 2, "other texts: a second version");
    assert_eq!(verify(&mut s).unwrap().rows, 5);
    // Erasure removes the records, keeps the texts (no personal data) and the chain verifiable.
    assert_eq!(s.erase(ID, 200).unwrap(), 3);
    assert_eq!(s.number("SELECT count(*) FROM texts_shown").unwrap(), 2);
    assert_eq!(verify(&mut s).unwrap().rows, 6);

    // Edited texts no longer hash to their name: named, with the first record naming them.
    let (mut s, version) = fresh("texts-edited");
    s.execute(&format!("UPDATE texts_shown SET texts = replace(texts, 'Wir', 'Ihr') WHERE hash = '{}'", version.hash)).unwrap();
    let b = verify(&mut s).unwrap_err();
    assert_eq!(b.row, 1);
    assert!(b.reason.starts_with(&format!("the texts shown {}… were edited", &version.hash[..12])), "{}", b.reason);
    // Texts a record names, deleted.
    let (mut s, _) = fresh("texts-deleted");
    s.execute("DELETE FROM texts_shown").unwrap();
    assert_eq!(
        verify(&mut s).unwrap_err(),
        BrokenLink { row: 1, reason: "the texts shown that its record names (textsHash) are not in the log".into() }
    );
    // A record's hash pointed at other texts: its payload hash catches it.
    let (mut s, _) = fresh("texts-renamed");
    s.execute(&format!("UPDATE consents SET payload = replace(payload, '{}', '{}') WHERE id = 1", version.hash, "0".repeat(64))).unwrap();
    assert_eq!(verify(&mut s).unwrap_err(), BrokenLink { row: 1, reason: "its record was edited".into() });
}

fn retries_are_stored_once_and_conflicts_are_kept_flagged(open: &mut dyn FnMut(&str) -> Store) {
    let mut s = open("idem");
    assert_eq!(s.insert_batch(&[entry(1, "accept_all"), entry(2, "withdraw")], &at(100)).unwrap(), vec![Outcome::Created, Outcome::Created]);
    assert_eq!(s.insert_batch(&[entry(1, "accept_all")], &at(101)).unwrap(), vec![Outcome::Duplicate]);
    assert_eq!(s.insert_batch(&[entry(2, "custom")], &at(102)).unwrap(), vec![Outcome::Flagged(Flag::Conflict)]);
    assert_eq!(s.insert_batch(&[entry(2, "custom")], &at(103)).unwrap(), vec![Outcome::Duplicate], "a flagged retry is stored once");
    assert_eq!(s.insert_batch(&[entry(5, "custom")], &at(104)).unwrap(), vec![Outcome::Flagged(Flag::Gap)]);
    assert_eq!(s.insert_batch(&[entry_for(OTHER, 3, "custom")], &at(105)).unwrap(), vec![Outcome::Created], "a first record may start anywhere");
    assert_eq!(s.insert_batch(&[entry_for(OTHER, 1, "custom")], &at(106)).unwrap(), vec![Outcome::Flagged(Flag::Late)]);
    let h = s.history(ID).unwrap();
    assert_eq!(h.iter().map(|r| (r.seq, r.status.as_str())).collect::<Vec<_>>(), [(1, "ok"), (2, "ok"), (2, "conflict"), (5, "gap")]);
    assert!(h[1].to_json().contains("\"withdraw\""));
    assert_eq!(s.history(OTHER).unwrap().iter().map(|r| r.status.as_str()).collect::<Vec<_>>(), ["ok", "late"]);
    assert_eq!(verify(&mut s).unwrap().rows, 6);
}

fn arrival_is_kept_with_a_keyed_address_hash(open: &mut dyn FnMut(&str) -> Store) {
    let mut s = open("arrival");
    s.insert_batch(&[entry(1, "accept_all")], &at(100)).unwrap();
    s.insert_batch(&[entry(2, "reject_all")], &at(200)).unwrap();
    s.insert_batch(&[entry(3, "custom")], &at(100 + 86_400)).unwrap();
    let hashes: Vec<String> = s.rows().into_iter().map(|r| r.fields.ip_hash).collect();
    assert_eq!(hashes[0], hashes[1], "one address, one period: one hash");
    assert_ne!(hashes[1], hashes[2], "the key rotates with the period");
    assert_ne!(hashes[0], chain::sha256_hex(&["127.0.0.1"]));
    assert_eq!(s.purge_before(86_400, 90_000, 86_400).unwrap(), 2);
    assert_eq!(s.number("SELECT count(*) FROM ip_keys").unwrap(), 1, "the purged period's key is gone");
    assert!(verify(&mut s).is_ok());
}

fn erasure_erases_and_keeps_the_chain(open: &mut dyn FnMut(&str) -> Store) {
    let mut s = open("erase");
    s.insert_batch(&[entry(1, "accept_all"), entry(2, "reject_all")], &at(100)).unwrap();
    s.insert_batch(&[entry_for(OTHER, 1, "custom")], &at(100)).unwrap();
    let payloads: Vec<String> = s.history(ID).unwrap().iter().filter_map(|r| r.payload.clone()).collect();
    assert_eq!(s.erase(ID, 200).unwrap(), 2);
    assert_eq!(s.erase(ID, 201).unwrap(), 0, "nothing left to erase: no second erasure row");
    assert!(s.history(ID).unwrap()[0].to_json().contains("\"erased\":true"));
    assert_eq!(s.insert_batch(&[entry(2, "reject_all")], &at(202)).unwrap(), vec![Outcome::Duplicate], "a late retry does not bring it back");
    assert_eq!(verify(&mut s).unwrap().rows, 4, "erased rows and the erasure row verify");
    // Brute force: every record the attacker could guess, hashed every way the row allows.
    let stored: Vec<String> = s.rows().into_iter().map(|r| r.fields.payload_hash).collect();
    let methods = crumbs::consent_log::Method::ALL.map(crumbs::consent_log::Method::id);
    for p in payloads.iter().cloned().chain(methods.iter().map(|m| entry(1, m).canonical)) {
        for guess in [chain::sha256_hex(&[&p]), chain::payload_hash("", &p)] {
            assert!(!stored.contains(&guess), "an erased record is recognisable from its hash");
        }
    }
    assert_eq!(s.number("SELECT count(*) FROM consents WHERE payload LIKE '%reject_all%'").unwrap(), 0);
    assert_eq!(s.history(OTHER).unwrap().len(), 1, "the other visitor's record stays");
}

fn each_tampering_is_caught(open: &mut dyn FnMut(&str) -> Store) {
    let key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let public = key.verifying_key();
    let mut fresh = |name: &str| {
        let mut s = open(name);
        s.insert_batch(&[entry(1, "accept_all"), entry(2, "withdraw")], &at(100)).unwrap();
        s.insert_batch(&[entry_for(OTHER, 1, "accept_all")], &at(150)).unwrap();
        s.sign_head(&key, 160).unwrap().unwrap();
        assert_eq!(s.sign_head(&key, 161).unwrap(), None, "no new rows, no new head");
        s
    };
    let mut s = fresh("honest");
    assert_eq!(s.verify(Some(&public), &[]).unwrap(), Ok(Verified { rows: 3, heads: 1, unsigned_tail: 0 }));

    // Deleting the last rows: the signed head names a row that is gone.
    let mut s = fresh("truncate");
    let outside = s.heads().unwrap();
    s.execute("DELETE FROM consents WHERE id = 3").unwrap();
    assert_eq!(verify(&mut s).map(|v| v.rows), Ok(2), "without the key, a cut tail looks whole");
    assert!(s.verify(Some(&public), &[]).unwrap().unwrap_err().reason.contains("gone"));
    s.execute("DELETE FROM heads").unwrap();
    assert!(s.verify(Some(&public), &outside).unwrap().is_err(), "the heads kept elsewhere still catch it");

    // A row removed from the middle.
    let mut s = fresh("middle");
    s.execute("DELETE FROM consents WHERE id = 2").unwrap();
    assert_eq!(verify(&mut s).unwrap_err().row, 3);

    // A fake erasure hiding the withdrawal.
    let mut s = fresh("fake-erasure");
    s.execute("UPDATE consents SET payload = NULL, salt = NULL, erased_at = 170 WHERE id = 2").unwrap();
    assert_eq!(verify(&mut s).unwrap_err(), BrokenLink { row: 2, reason: "its record was removed with no erasure row accounting for it".into() });

    // Edited id and seq columns.
    let mut s = fresh("ids");
    s.execute("UPDATE consents SET seq = 7 WHERE id = 2").unwrap();
    assert_eq!(verify(&mut s).unwrap_err().row, 2);
    let mut s = fresh("ids2");
    s.execute("UPDATE consents SET consent_id = '2f8b6c1e-3c1a-4e55-9a43-2d3f7c1b9e21' WHERE id = 3").unwrap();
    assert_eq!(verify(&mut s).unwrap_err().row, 3);

    // A record flipped from accept to reject, with the whole chain recomputed.
    let mut s = fresh("rewrite");
    let flipped = entry(1, "reject_all").canonical;
    let salt = "00".repeat(16);
    s.execute(&format!(
        "UPDATE consents SET payload = '{flipped}', salt = '{salt}', payload_hash = '{}' WHERE id = 1",
        chain::payload_hash(&salt, &flipped)
    ))
    .unwrap();
    let mut prev = GENESIS.to_string();
    for r in s.rows() {
        let h = row_hash(&prev, &r.fields);
        s.execute(&format!("UPDATE consents SET prev_hash = '{prev}', hash = '{h}' WHERE id = {}", r.fields.id)).unwrap();
        prev = h;
    }
    assert!(verify(&mut s).is_ok(), "a recomputed chain holds without the key");
    assert!(s.verify(Some(&public), &[]).unwrap().unwrap_err().reason.contains("rewritten"));
}

fn export_pages_follow_the_chain(open: &mut dyn FnMut(&str) -> Store) {
    let mut s = open("export");
    for i in 0..25u64 {
        let id = format!("{:08x}-3c1a-4e55-9a43-2d3f7c1b9e21", i);
        s.insert_batch(&[entry_for(&id, 1, "accept_all")], &at(1000 + i as i64)).unwrap();
    }
    let (mut after, mut seen) = (0, vec![]);
    loop {
        let page = s.export_page(1005, 1020, after, 4).unwrap();
        let Some(last) = page.last() else { break };
        after = last.id;
        seen.extend(page.iter().map(|r| r.received_at));
    }
    assert_eq!(seen, (1005..1020).collect::<Vec<_>>(), "every record in [from, to), once, in order");
}

fn two_handles_append_to_one_chain(open: &mut dyn FnMut(&str) -> Store) {
    let first = open("two-writers");
    let handles: Vec<std::thread::JoinHandle<()>> = (0..4)
        .map(|w| {
            let mut s = first.reopen().unwrap();
            std::thread::spawn(move || {
                for i in 0..40u64 {
                    let id = format!("{w:04x}{i:04x}-3c1a-4e55-9a43-2d3f7c1b9e21");
                    assert_eq!(s.insert_batch(&[entry_for(&id, 1, "accept_all")], &at(100)).unwrap(), vec![Outcome::Created]);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let mut s = first;
    assert_eq!(verify(&mut s).unwrap().rows, 160, "four writers, one unbroken chain");
}
