//! Property tests of the session over random sequences of visitor actions and page views:
//! nothing is granted beyond the visitor's choice, a withdrawal always erases, a refusal is
//! stored and logged exactly like an acceptance, `seq` only grows, and the GPC signal is never
//! overridden by "Accept all".
#![cfg(not(target_arch = "wasm32"))]

use crumbs::category::{Category, CategorySet};
use crumbs::consent::{ConsentRecord, FLAG_GPC};
use crumbs::session::{read_config, Action, Actor, Effects, PageFacts, Session};
use proptest::prelude::*;

const PAGE: &str = "https://example.org/contact";

/// Configs that differ in what the rules depend on: the categories used, services, the GPC
/// option and the reload on withdrawal.
const CONFIGS: [&str; 4] = [
    "{}",
    r#"{"reloadOnWithdraw": true, "gpcRefusesPerformance": true}"#,
    r#"{"categories": [{"id": "necessary"}, {"id": "performance"},
        {"id": "targeting", "services": [{"id": "youtube", "name": "YouTube"}, {"id": "maps", "name": "Maps"}]}]}"#,
    r#"{"reloadOnWithdraw": true, "categories": [{"id": "necessary"},
        {"id": "functionality", "services": [{"id": "chat", "name": "Chat"}]}]}"#,
];

/// A step of a visit: an action, or a new page view that reads the cookie back.
#[derive(Clone, Debug)]
enum Step {
    Act(Action),
    NewPageView,
}

fn id() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["necessary", "performance", "functionality", "targeting", "youtube", "maps", "chat", "nope", "YouTube"])
        .prop_map(String::from)
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        Just(Step::Act(Action::AcceptAll)),
        Just(Step::Act(Action::RejectAll)),
        (0u8..16, prop::collection::vec(id(), 0..3))
            .prop_map(|(bits, services)| Step::Act(Action::Save { categories: CategorySet::from_bits(bits).unwrap(), services })),
        prop::collection::vec(id(), 0..4).prop_map(|ids| Step::Act(Action::Accept(ids))),
        id().prop_map(|id| Step::Act(Action::AlwaysAllow(id))),
        Just(Step::Act(Action::DoNotSell)),
        Just(Step::NewPageView),
    ]
}

fn start(config: &str, cookie: Option<&str>, gpc: bool, now: u64) -> (Session, Effects) {
    let (config, errors) = read_config(Some(config), None);
    let facts = PageFacts { config, errors, language: "en".into(), cookie, gpc, shipped: &[], rules: Default::default() };
    Session::start(facts, now, PAGE, [42; 16])
}

/// The categories and services the visitor's action asks for, before the session narrows it.
fn asked(session: &Session, action: &Action) -> (CategorySet, Vec<String>) {
    let config = session.config();
    let by_id = |ids: &[String]| -> (CategorySet, Vec<String>) {
        let set = ids.iter().filter_map(|i| Category::from_id(i)).collect::<CategorySet>().with(Category::Necessary);
        (set, ids.iter().filter(|i| config.service_category(i).is_some()).cloned().collect())
    };
    match action {
        Action::AcceptAll => (crumbs::gpc::accept_all_set(config, session.gpc()), vec![]),
        Action::RejectAll => (CategorySet::necessary_only(), vec![]),
        Action::Save { categories, services } => (categories.with(Category::Necessary), services.clone()),
        Action::Accept(ids) => by_id(ids),
        Action::AlwaysAllow(id) => {
            let mut set = session.standing();
            let mut services = session.decision().filter(|d| d.is_visitors()).map_or(vec![], |d| d.services.clone());
            match Category::from_id(id) {
                Some(c) => set = set.with(c),
                None => services.push(id.clone()),
            }
            (set, services)
        }
        Action::DoNotSell => {
            let services = session.decision().map_or(vec![], |d| d.services.clone());
            let services = services.into_iter().filter(|s| config.service_category(s) != Some(Category::Targeting)).collect();
            (session.standing().without(Category::Targeting), services)
        }
    }
}

fn method(log: &str) -> &str {
    let at = log.find("\"method\":\"").unwrap() + 10;
    &log[at..at + log[at..].find('"').unwrap()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn decisions_follow_the_visitor(config in prop::sample::select(CONFIGS.to_vec()), gpc in any::<bool>(),
                                    steps in prop::collection::vec(step(), 1..12)) {
        let mut now = 1_800_000_000u64;
        let (mut session, first) = start(config, None, gpc, now);
        let mut cookie = first.cookie.map(|(v, _)| v);
        let mut last_seq = session.decision().map_or(0, |d| d.seq);
        let consent_id = session.decision().map(|d| d.consent_id);
        prop_assert_eq!(consent_id.is_some(), gpc, "only the GPC signal decides before the visitor");
        let mut consent_id = consent_id;
        for step in steps {
            now += 60;
            let action = match step {
                Step::NewPageView => {
                    let (s, e) = start(config, cookie.as_deref(), gpc, now);
                    // A page view reads back the stored decision; it decides nothing new.
                    prop_assert!(e.cookie.is_none() && e.log.is_none());
                    prop_assert_eq!(s.decision().map(|d| d.seq).unwrap_or(0), last_seq);
                    session = s;
                    continue;
                }
                Step::Act(a) => a,
            };
            let before = session.decision().filter(|d| d.is_visitors()).map(|d| d.granted);
            let (want, want_services) = asked(&session, &action);
            let is_accept_all = action == Action::AcceptAll;
            let effects = session.apply(action, Actor::Visitor, now, PAGE, [42; 16]);
            let d = session.decision().expect("a trusted config stores every decision").clone();

            // Never granted beyond what the visitor chose, nor beyond what the site uses.
            prop_assert!(d.granted.minus(want) == CategorySet::empty(), "granted {:?} beyond {:?}", d.granted, want);
            prop_assert!(d.granted.minus(session.config().category_set()) == CategorySet::empty());
            prop_assert!(d.services.iter().all(|s| want_services.contains(s)));
            prop_assert!(d.services.iter().all(|s| session.config().service_category(s).is_some_and(|c| !d.granted.contains(c))));

            // A refusal is stored and logged exactly like an acceptance.
            let (value, max_age) = effects.cookie.clone().expect("every decision writes the cookie");
            prop_assert_eq!(ConsentRecord::decode(&value), Ok(d.clone()));
            prop_assert!(max_age > 0);
            let log = effects.log.clone().expect("every decision is logged");
            let seq_field = format!("\"seq\":{}", d.seq);
            prop_assert!(log.contains(&seq_field));
            prop_assert!(effects.activate && effects.erase && effects.notify);
            prop_assert_eq!(effects.consent_mode, Some(d.granted));

            // seq only grows, one by one, under one consent id.
            prop_assert_eq!(d.seq, last_seq + 1);
            prop_assert!(consent_id.is_none_or(|id| id == d.consent_id));
            consent_id = Some(d.consent_id);
            last_seq = d.seq;

            // A withdrawal always erases what it takes back, and reloads when the site asks.
            let withdrawn = before.map_or(CategorySet::empty(), |b| b.minus(d.granted));
            if withdrawn != CategorySet::empty() {
                prop_assert!(session.refused().intersect(withdrawn) == withdrawn);
                prop_assert_eq!(effects.reload, session.config().reload_on_withdraw);
                // "Do not sell" keeps its own name (the US opt-out) when it takes targeting back.
                prop_assert!(matches!(method(&log), "withdraw" | "reject_all" | "accept_all" | "do_not_sell"), "{}", log);
            } else {
                prop_assert!(!effects.reload);
                prop_assert_ne!(method(&log), "withdraw");
            }

            // The GPC signal is never overridden by "Accept all".
            if gpc {
                prop_assert!(d.flags & FLAG_GPC != 0);
                if is_accept_all {
                    let refused = crumbs::gpc::refused_by_gpc(session.config());
                    prop_assert!(d.granted.intersect(refused) == CategorySet::empty());
                }
            }
            cookie = Some(value);
        }
    }

    #[test]
    fn a_config_with_errors_stores_and_allows_nothing(gpc in any::<bool>(), steps in prop::collection::vec(step(), 1..8)) {
        let (mut session, first) = start(r#"{"revision": "three"}"#, None, gpc, 1_800_000_000);
        prop_assert!(!session.trusted() && first.cookie.is_none() && first.log.is_none());
        for step in steps {
            if let Step::Act(action) = step {
                let e = session.apply(action, Actor::Visitor, 1_800_000_100, PAGE, [42; 16]);
                prop_assert!(e.cookie.is_none() && e.log.is_none() && !e.activate && !e.erase && !e.notify && !e.reload);
            }
            prop_assert!(session.decision().is_none());
            for c in [Category::Performance, Category::Functionality, Category::Targeting] {
                prop_assert!(!session.url_allowed(c));
            }
        }
    }
}
