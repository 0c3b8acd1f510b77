//! The session: what one page view knows, and every decision it makes.
//!
//! The shell hands it what the page knows (the config, the consent cookie, the GPC signal, the
//! time, random bytes for a new consent id) and the visitor's actions; it answers with the new state and the
//! [`Effects`] the shell must carry out. Nothing here touches the page, so every rule about
//! what a choice grants, stores, logs, erases and reloads is tested on the host.

use crate::prelude::*;

use crate::activation::{verdict, Verdict};
use crate::category::{Category, CategorySet};
use crate::config::{parse_config, Config};
use crate::consent::{ConsentRecord, Validity, FLAG_AUTO, FLAG_GPC};
use crate::consent_log::{log_entry, Method};
use crate::region::Rules;

/// Who made an action: the visitor, by a trusted click or key on crumbs' own controls, or a
/// script (the JavaScript API, a synthetic `.click()`), whose decisions are logged as `api`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// A trusted event (`isTrusted`) on the banner, the preferences or an embed's placeholder.
    Visitor,
    /// Anything else.
    Script,
}

/// Something the visitor, or a page script through the API, does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// "Accept all": every category the site uses, minus what the GPC signal refuses.
    AcceptAll,
    /// "Reject all": strictly necessary only.
    RejectAll,
    /// The preferences' "Save": exactly these categories and services.
    Save {
        /// Categories ticked.
        categories: CategorySet,
        /// Services ticked on their own.
        services: Vec<String>,
    },
    /// `crumbs.accept([...])`: category ids and declared service ids.
    Accept(Vec<String>),
    /// An embed's "Always allow": one category or declared service on top of the current choice.
    AlwaysAllow(String),
    /// "Do not sell or share my personal information": what is in force, minus targeting.
    DoNotSell,
}

/// What the shell must do after a start or an action, in this order: write the cookie, update
/// Consent Mode, activate, send the log entry; then, once the scripts it started have loaded,
/// erase, tell the page and reload.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// The consent cookie to write: its value and Max-Age in seconds.
    pub cookie: Option<(String, u64)>,
    /// Consent Mode `update` with these granted categories.
    pub consent_mode: Option<CategorySet>,
    /// Activate the gated scripts and embeds the current decision allows.
    pub activate: bool,
    /// The consent-log entry to queue and send.
    pub log: Option<String>,
    /// Erase what [`Session::refused`] covers, now and at the re-checks.
    pub erase: bool,
    /// Dispatch `crumbs:consent` with the current decision.
    pub notify: bool,
    /// Reload the page: a withdrawal the site wants scripts already running to be gone for.
    pub reload: bool,
    /// Load the one embed an embed's "Load once" was clicked on (nothing else, nothing stored).
    pub load_embed: bool,
    /// What the site owner should read in the console.
    pub warnings: Vec<String>,
}

/// What an action asks for, and what the site owner should hear about it.
struct Choice {
    granted: CategorySet,
    services: Vec<String>,
    method: Method,
    warnings: Vec<String>,
}

/// One page view's consent state.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    config: Config,
    errors: Vec<String>,
    language: String,
    gpc: bool,
    rules: Rules,
    decision: Option<ConsentRecord>,
    /// What the banner shows this page view, as its records carry it ([`crate::consent_log::texts_shown`]).
    texts: String,
}

/// What the page knows when crumbs starts.
pub struct PageFacts<'a> {
    /// The config, or the defaults when it had errors.
    pub config: Config,
    /// Config problems, as `path: reason`; any of them means fail closed.
    pub errors: Vec<String>,
    /// The language texts are shown in (logged with each decision).
    pub language: String,
    /// The `crumbs_consent` cookie's value, if the page has one.
    pub cookie: Option<&'a str>,
    /// Whether the browser sends the Global Privacy Control signal.
    pub gpc: bool,
    /// crumbs' shipped wording for `language` (empty for English): what the banner's texts
    /// resolve from, after the site's own.
    pub shipped: &'a [(crate::texts::Text, String)],
    /// The regional rules of this page view (`Rules::choose`).
    pub rules: Rules,
}

/// The config to use and its problems: the defaults, with the reasons, when it is missing,
/// could not be loaded or is invalid.
pub fn read_config(config: Option<&str>, load_error: Option<String>) -> (Config, Vec<String>) {
    match (config, load_error) {
        (_, Some(e)) => (Config::default(), vec![e]),
        (None, None) => (Config::default(), vec!["no config: add data-config=\"/crumbs.config.json\" to the crumbs script tag".into()]),
        (Some(text), None) => match parse_config(text) {
            Ok(c) => (c, vec![]),
            Err(errs) => (Config::default(), errs.iter().map(|e| e.to_string()).collect()),
        },
    }
}

impl Session {
    /// Starts a page view. A stored decision counts only when the config is valid and the
    /// record is intact, current and made under a regime this one honours; with the GPC signal
    /// and no decision, crumbs records an automatic one (method `gpc`) that refuses what the
    /// signal refuses. A config with errors has the opt-in rules, whatever the region.
    pub fn start(facts: PageFacts<'_>, now: u64, page: &str, random: [u8; 16]) -> (Session, Effects) {
        let PageFacts { config, errors, language, cookie, gpc, shipped, rules } = facts;
        let rules = if errors.is_empty() { rules } else { Rules::default() };
        let texts = crate::consent_log::texts_shown(&config, shipped, &language, gpc, rules);
        let decision = cookie
            .filter(|_| errors.is_empty())
            .and_then(|v| ConsentRecord::decode(v).ok())
            .filter(|r| r.validity(config.revision, config.consent_lifetime_days, now) == Validity::Valid && rules.regime.honours(r.regime));
        let mut session = Session { config, errors, language, gpc, rules, decision, texts };
        // Strictly necessary scripts run without a decision; the rest wait for theirs.
        let mut effects = Effects { activate: true, ..Effects::default() };
        if session.trusted() && session.decision.is_none() && gpc {
            let granted = crate::gpc::automatic_set(&session.config, session.rules);
            let mut record = ConsentRecord::new(granted, session.config.revision, now, random);
            record.flags = FLAG_GPC | FLAG_AUTO;
            record.regime = session.rules.regime;
            effects.cookie = Some(session.cookie_for(&record, now));
            effects.log = Some(session.entry(&record, Method::Gpc, page));
            session.decision = Some(record);
        }
        effects.consent_mode = session.decision.as_ref().map(|d| d.granted);
        (session, effects)
    }

    /// Applies an action: the next record, stored only under a valid config.
    pub fn apply(&mut self, action: Action, actor: Actor, now: u64, page: &str, random: [u8; 16]) -> Effects {
        let choice = self.choice(action);
        self.decide(choice, actor, now, page, random)
    }

    /// An embed's "Load once": that embed, on this page view only, so nothing is stored, logged
    /// or granted. Only the visitor's own click counts (a script's would load a third party no
    /// one agreed to), and only under a valid config (fail closed).
    pub fn load_once(&self, actor: Actor) -> Effects {
        let refused = |why: &str| Effects { warnings: vec![why.into()], ..Effects::default() };
        if !self.trusted() {
            return refused("the embed was not loaded because the config has errors");
        }
        if actor != Actor::Visitor {
            return refused("\"Load once\" loads an embed only on the visitor's own click");
        }
        Effects { load_embed: true, ..Effects::default() }
    }

    /// What an action asks for, before it is narrowed to what the site uses.
    fn choice(&self, action: Action) -> Choice {
        let mut warnings = vec![];
        let (granted, services, method) = match action {
            Action::AcceptAll => (crate::gpc::accept_all_set(&self.config, self.gpc), vec![], Method::AcceptAll),
            Action::RejectAll => (CategorySet::necessary_only(), vec![], Method::RejectAll),
            Action::Save { categories, services } => (categories, services, Method::Custom),
            Action::Accept(ids) => {
                let (set, services) = self.categories_and_services(ids, &mut warnings);
                (set, services, Method::Api)
            }
            Action::AlwaysAllow(id) => {
                // On top of what is in force (the regional defaults too, not just a decision).
                let mut set = self.standing();
                let mut services = self.visitors_decision().map_or(vec![], |d| d.services.clone());
                match Category::from_id(&id) {
                    Some(c) => set = set.with(c),
                    None => services.push(id),
                }
                (set, services, Method::Custom)
            }
            // An opt-out keeps what the visitor had (or the defaults) but targeting, and the
            // services of the categories left.
            Action::DoNotSell => {
                let services = self.decision.as_ref().map_or(vec![], |d| d.services.clone());
                let services = services.into_iter().filter(|s| self.config.service_category(s) != Some(Category::Targeting)).collect();
                (self.standing().without(Category::Targeting), services, Method::DoNotSell)
            }
        };
        Choice { granted, services, method, warnings }
    }

    /// Records a choice as the next decision.
    fn decide(&mut self, choice: Choice, actor: Actor, now: u64, page: &str, random: [u8; 16]) -> Effects {
        let Choice { granted, services, method: action, mut warnings } = choice;
        if !self.trusted() {
            warnings.push("the choice was not stored because the config has errors".into());
            return Effects { warnings, ..Effects::default() };
        }
        // Only categories this site uses can be granted.
        let granted = granted.with(Category::Necessary).intersect(self.config.category_set());
        let record = match &self.decision {
            Some(prev) => prev.next(granted, self.config.revision, now),
            None => ConsentRecord::new(granted, self.config.revision, now, random),
        };
        // Only declared services whose category is not granted as a whole are kept.
        let services = services.into_iter().filter(|s| self.config.service_category(s).is_some_and(|c| !granted.contains(c)));
        let mut record = record.with_services(services);
        if self.gpc {
            record.flags = FLAG_GPC;
        }
        record.regime = self.rules.regime;
        let before = self.visitors_decision().map(|d| d.granted);
        let withdrew = crate::consent_log::withdraws(before, granted);
        // Scripts the defaults started are running too: refusing them reloads as a withdrawal does.
        let stops_running = withdrew || crate::consent_log::withdraws(Some(self.standing()), granted);
        // Only the visitor's own gesture is logged as their click or withdrawal; the rest is the API.
        let method = if actor == Actor::Script { Method::Api } else { Method::for_decision(action, withdrew) };
        let effects = Effects {
            cookie: Some(self.cookie_for(&record, now)),
            consent_mode: Some(record.granted),
            activate: true,
            log: Some(self.entry(&record, method, page)),
            erase: true,
            notify: true,
            reload: stops_running && self.config.reload_on_withdraw,
            load_embed: false,
            warnings,
        };
        self.decision = Some(record);
        effects
    }

    /// Splits the API's ids into categories and declared services, warning about the rest.
    fn categories_and_services(&self, ids: Vec<String>, warnings: &mut Vec<String>) -> (CategorySet, Vec<String>) {
        let mut set = CategorySet::necessary_only();
        let mut services = vec![];
        for id in ids {
            match Category::from_id(&id) {
                Some(c) => set = set.with(c),
                None if self.config.service_category(&id).is_some() => services.push(id),
                None => {
                    let mut m = String::from("accept(): unknown category or service \"");
                    m.push_str(&id);
                    m.push('"');
                    warnings.push(m);
                }
            }
        }
        (set, services)
    }

    fn cookie_for(&self, record: &ConsentRecord, now: u64) -> (String, u64) {
        (record.encode(), record.max_age(self.config.consent_lifetime_days, now))
    }

    fn entry(&self, record: &ConsentRecord, method: Method, page: &str) -> String {
        log_entry(record, self.config.category_set(), method, &self.language, page, &self.texts)
    }

    /// The config in force (the defaults when it had errors).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The config's problems, as `path: reason`.
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// The language of the banner and the log entries.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The decision in force: the visitor's, or crumbs' automatic one from the GPC signal.
    pub fn decision(&self) -> Option<&ConsentRecord> {
        self.decision.as_ref()
    }

    /// The visitor's own decision, if they made one.
    fn visitors_decision(&self) -> Option<&ConsentRecord> {
        self.decision.as_ref().filter(|d| d.is_visitors())
    }

    /// Whether the visitor has decided (not only the automatic GPC record).
    pub fn visitor_decided(&self) -> bool {
        self.visitors_decision().is_some()
    }

    /// Whether the browser sends the GPC signal.
    pub fn gpc(&self) -> bool {
        self.gpc
    }

    /// The regional rules of this page view.
    pub fn rules(&self) -> Rules {
        self.rules
    }

    /// What is in force: the decision's categories, else what the regional rules allow by
    /// default (strictly necessary alone under opt-in). The preferences start from it.
    pub fn standing(&self) -> CategorySet {
        self.decision.as_ref().map_or(self.rules.defaults.with(Category::Necessary), |d| d.granted)
    }

    /// What to do with a gated script now, from its `data-category`, `data-service` and, for
    /// an external one, its URL as the browser fetches it (absolute), on a page at `page_host`.
    /// Before a decision the regional defaults apply: under the UK regime only to the site's
    /// own scripts (inline or on its own hosts), never to a named service.
    pub fn script_verdict(&self, category: Option<&str>, service: Option<&str>, src: Option<&str>, page_host: &str) -> Verdict {
        let first_party = service.is_none() && src.is_none_or(|u| self.config.is_own_url(u, page_host));
        verdict(category, service, self.decision.as_ref(), self.rules.defaults_for(first_party), &self.config)
    }

    /// Whether choices may be stored and gated scripts run: only with a valid config.
    pub fn trusted(&self) -> bool {
        self.errors.is_empty()
    }

    /// Every category the site uses that is not in force (before any decision, everything
    /// but strictly necessary and the regional defaults): what erasure removes.
    pub fn refused(&self) -> CategorySet {
        self.config.category_set().minus(self.standing())
    }

    /// `crumbs.hasConsent(category)`: granted by the decision, or before one allowed by the
    /// regional defaults (the page's own code asks).
    pub fn has_consent(&self, category: Category) -> bool {
        self.standing().contains(category)
    }

    /// `crumbs.hasService(id)`: whether a declared service may run.
    pub fn has_service(&self, id: &str) -> bool {
        self.decision.as_ref().is_some_and(|d| d.allows_service(id, self.config.service_category(id)))
    }

    /// Whether a third-party URL of `category` may load now: granted, or before a decision
    /// allowed by default for third parties (the US opt-out regime; never the UK's).
    pub fn url_allowed(&self, category: Category) -> bool {
        category == Category::Necessary
            || (self.trusted()
                && match &self.decision {
                    Some(d) => d.granted.contains(category),
                    None => self.rules.allows_by_default(category, false),
                })
    }

    /// Whether `url` is crumbs' own consent log (the config's `endpoint`, or under it): the
    /// network guard must let the records through whatever the consent.
    pub fn is_consent_log(&self, url: &str) -> bool {
        self.config().endpoint.as_deref().is_some_and(|e| !e.is_empty() && url.starts_with(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::Regime;

    fn facts(config: &str, cookie: Option<&str>, gpc: bool) -> PageFacts<'static> {
        let (config, errors) = read_config(Some(config), None);
        let cookie = cookie.map(|c| &*String::leak(c.to_string()));
        PageFacts { config, errors, language: "en".into(), cookie, gpc, shipped: &[], rules: Rules::default() }
    }

    const PAGE: &str = "https://example.org/";

    const REGIONS: &str = r#"{"categories": [{"id": "performance"}, {"id": "functionality"},
        {"id": "targeting", "services": [{"id": "youtube", "name": "YouTube"}]}],
        "regions": {"uk": {"allowByDefault": ["performance", "functionality"]},
                    "us": {"allowByDefault": ["performance", "functionality", "targeting"]}}}"#;

    /// A page view of `config` in `region` (a `data-region` value), with a stored cookie and GPC.
    fn in_region(config: &str, region: &str, cookie: Option<&str>, gpc: bool) -> (Session, Effects) {
        let mut f = facts(config, cookie, gpc);
        f.rules = Rules::choose(Some(region), f.config.default_region, f.config.region_defaults).unwrap();
        Session::start(f, 1_000, PAGE, [7; 16])
    }

    fn verdict_of(s: &Session, category: &str, src: Option<&str>) -> Verdict {
        s.script_verdict(Some(category), None, src, "example.org")
    }

    #[test]
    fn opt_in_stays_the_default_everywhere_the_owner_allows_nothing() {
        for region in ["eu", "FR", "jp", "uk", "us"] {
            let (s, e) = in_region("{}", region, None, false);
            assert_eq!(s.rules(), Rules::default(), "{region}");
            assert_eq!(e, Effects { activate: true, ..Effects::default() });
            assert_eq!(verdict_of(&s, "performance", None), Verdict::Wait);
            assert!(!s.url_allowed(Category::Targeting) && !s.has_consent(Category::Performance));
        }
        let (s, _) = in_region(REGIONS, "de", None, false);
        assert_eq!((s.rules(), s.standing()), (Rules::default(), CategorySet::necessary_only()));
    }

    #[test]
    fn uk_defaults_run_the_sites_own_statistics_and_appearance_before_any_click() {
        let (mut s, e) = in_region(REGIONS, "GB", None, false);
        assert_eq!(s.rules().regime, Regime::UkDuaa);
        assert!(e.cookie.is_none() && e.log.is_none(), "nothing is stored or logged: no one decided");
        assert_eq!(verdict_of(&s, "performance", None), Verdict::Run, "inline");
        assert_eq!(verdict_of(&s, "performance", Some("https://example.org/stats.js")), Verdict::Run);
        assert_eq!(verdict_of(&s, "functionality", Some("/theme.js")), Verdict::Run);
        assert_eq!(verdict_of(&s, "performance", Some("https://stats.vendor.example/s.js")), Verdict::Wait, "a third party's never");
        assert_eq!(verdict_of(&s, "targeting", None), Verdict::Wait, "targeting never");
        assert_eq!(s.script_verdict(None, Some("youtube"), None, "example.org"), Verdict::Wait);
        assert!(!s.url_allowed(Category::Performance), "no third-party URL by default");
        assert!(s.has_consent(Category::Performance) && !s.refused().contains(Category::Performance));
        // The objection: one click, logged under the regime, erases and stops the defaults.
        let e = s.apply(Action::RejectAll, Actor::Visitor, 1_001, PAGE, [7; 16]);
        assert!(e.erase && s.refused().contains(Category::Performance));
        let log = e.log.unwrap();
        assert!(log.contains("\"method\":\"reject_all\"") && log.contains(",\"regime\":\"uk-duaa\""), "{log}");
        assert_eq!(verdict_of(&s, "performance", None), Verdict::Wait);
        let (cookie, _) = e.cookie.unwrap();
        let (back, _) = in_region(REGIONS, "uk", Some(&cookie), false);
        assert_eq!(verdict_of(&back, "performance", None), Verdict::Wait, "the objection stands on the next page");
    }

    #[test]
    fn refusing_running_defaults_reloads_when_the_site_asks() {
        let config = REGIONS.replacen('{', r#"{"reloadOnWithdraw": true, "#, 1);
        let (mut s, _) = in_region(&config, "uk", None, false);
        assert!(s.apply(Action::RejectAll, Actor::Visitor, 1_001, PAGE, [7; 16]).reload);
        let (mut s, _) = in_region(&config, "eu", None, false);
        assert!(!s.apply(Action::RejectAll, Actor::Visitor, 1_001, PAGE, [7; 16]).reload, "nothing ran to stop");
    }

    #[test]
    fn us_runs_by_default_until_the_visitor_or_gpc_opts_out() {
        let (mut s, e) = in_region(REGIONS, "US-CA", None, false);
        assert_eq!(s.rules().regime, Regime::UsOptOut);
        assert!(e.log.is_none());
        assert_eq!(verdict_of(&s, "targeting", Some("https://ads.vendor.example/a.js")), Verdict::Run);
        assert_eq!(s.script_verdict(None, Some("youtube"), None, "example.org"), Verdict::Run);
        assert!(s.url_allowed(Category::Targeting));
        let e = s.apply(Action::DoNotSell, Actor::Visitor, 1_001, PAGE, [7; 16]);
        assert_eq!(s.decision().unwrap().granted, CategorySet::all().without(Category::Targeting));
        let log = e.log.unwrap();
        assert!(log.contains(",\"regime\":\"us-opt-out\"") && log.contains("\"method\":\"do_not_sell\"") && e.erase, "{log}");
        // What the banner showed: the notice and the opt-out, in the record.
        assert!(log.contains("\"usOptOutNotice\":") && log.contains("\"doNotSell\":"), "{log}");
        assert!(!s.url_allowed(Category::Targeting) && s.url_allowed(Category::Performance));
        assert_eq!(s.script_verdict(None, Some("youtube"), None, "example.org"), Verdict::Wait);
        // The browser's signal: targeting refused on the visitor's behalf, logged as gpc.
        let (g, e) = in_region(REGIONS, "us", None, true);
        let log = e.log.unwrap();
        assert!(
            log.contains("\"method\":\"gpc\"") && log.contains("\"refused\":[\"targeting\"]") && log.contains("\"regime\":\"us-opt-out\""),
            "{log}"
        );
        assert!(!g.url_allowed(Category::Targeting) && g.url_allowed(Category::Performance) && !g.visitor_decided());
        // Under the UK regime the signal is an objection to the defaults.
        let (u, e) = in_region(REGIONS, "uk", None, true);
        assert!(e.log.unwrap().contains("\"regime\":\"uk-duaa\""));
        assert_eq!(verdict_of(&u, "performance", None), Verdict::Wait);
    }

    #[test]
    fn a_decision_stands_under_its_own_regime_and_an_opt_in_one_everywhere() {
        let cookie = |region| {
            let (mut s, _) = in_region(REGIONS, region, None, false);
            s.apply(Action::AcceptAll, Actor::Visitor, 1_000, PAGE, [7; 16]).cookie.unwrap().0
        };
        let (eu, uk, us) = (cookie("eu"), cookie("uk"), cookie("us"));
        for (value, region, stands) in
            [(&eu, "uk", true), (&eu, "us", true), (&uk, "uk", true), (&uk, "eu", false), (&uk, "us", false), (&us, "eu", false), (&us, "uk", false)]
        {
            let (s, _) = in_region(REGIONS, region, Some(value), false);
            assert_eq!(s.visitor_decided(), stands, "{value} in {region}");
        }
    }

    #[test]
    fn a_bad_config_has_the_opt_in_rules() {
        let mut f = facts(r#"{"revision": "x"}"#, None, false);
        f.rules = Rules { regime: Regime::UsOptOut, defaults: CategorySet::all() };
        let (s, _) = Session::start(f, 1_000, PAGE, [7; 16]);
        assert_eq!(s.rules(), Rules::default());
        assert!(!s.url_allowed(Category::Targeting) && verdict_of(&s, "performance", None) == Verdict::Wait);
    }

    #[test]
    fn every_record_carries_the_texts_the_banner_showed() {
        let (mut s, auto) = Session::start(facts("{}", None, true), 1_000, PAGE, [3; 16]);
        let auto = auto.log.unwrap();
        assert!(auto.contains(r#""texts":{"bannerTitle":"We use cookies","#) && auto.contains(r#""gpcHonoured":"#), "{auto}");
        let clicked = s.apply(Action::RejectAll, Actor::Visitor, 1_001, PAGE, [3; 16]).log.unwrap();
        assert_eq!(clicked.split_once(",\"texts\":").unwrap().1, auto.split_once(",\"texts\":").unwrap().1, "one version per page view");
        // In the visitor's language, from crumbs' shipped wording.
        let shipped = crate::texts::parse_shipped(r#"{"acceptAll": "Alle akzeptieren"}"#);
        let (config, errors) = read_config(Some("{}"), None);
        let de = PageFacts { config, errors, language: "de".into(), cookie: None, gpc: false, shipped: &shipped, rules: Rules::default() };
        let (mut s, _) = Session::start(de, 1_000, PAGE, [4; 16]);
        let e = s.apply(Action::AcceptAll, Actor::Visitor, 1_001, PAGE, [4; 16]).log.unwrap();
        assert!(e.contains(r#""acceptAll":"Alle akzeptieren""#) && !e.contains("gpcHonoured"), "{e}");
    }

    #[test]
    fn load_once_loads_on_the_visitors_click_alone_and_stores_nothing() {
        let (mut s, _) = Session::start(facts("{}", None, false), 1_700_000_000, "https://a.example/", [1; 16]);
        let once = s.load_once(Actor::Visitor);
        assert_eq!(once, Effects { load_embed: true, ..Effects::default() });
        assert!(!s.load_once(Actor::Script).load_embed, "a script's click loads nothing");
        assert_eq!(s.decision(), None);
        let (broken, _) = Session::start(facts("{\"revision\": -1}", None, false), 1_700_000_000, "https://a.example/", [1; 16]);
        assert!(!broken.load_once(Actor::Visitor).load_embed, "fail closed on a bad config");
        let _ = s.apply(Action::RejectAll, Actor::Visitor, 1_700_000_000, "https://a.example/", [1; 16]);
        assert!(s.load_once(Actor::Visitor).load_embed, "after a refusal the visitor may still load one embed");
    }

    #[test]
    fn a_first_visit_runs_only_necessary_and_stores_nothing() {
        let (s, e) = Session::start(facts("{}", None, false), 1_000, PAGE, [7; 16]);
        assert_eq!(e, Effects { activate: true, ..Effects::default() });
        assert!(s.decision().is_none());
        assert!(s.has_consent(Category::Necessary) && !s.has_consent(Category::Performance));
    }

    #[test]
    fn gpc_without_a_decision_records_an_automatic_refusal() {
        let (s, e) = Session::start(facts("{}", None, true), 1_000, PAGE, [7; 16]);
        let d = s.decision().unwrap();
        assert_eq!(d.granted, CategorySet::necessary_only());
        assert!(!s.visitor_decided());
        assert!(e.log.as_deref().unwrap().contains("\"method\":\"gpc\""));
        assert_eq!(e.cookie.as_ref().unwrap().0, d.encode());
    }

    #[test]
    fn a_scripts_decision_is_logged_as_the_api_not_as_the_visitors_click() {
        for (actor, method) in [(Actor::Visitor, "accept_all"), (Actor::Script, "api")] {
            let (mut s, _) = Session::start(facts("{}", None, false), 1_000, PAGE, [7; 16]);
            let e = s.apply(Action::AcceptAll, actor, 1_001, PAGE, [7; 16]);
            assert!(e.log.unwrap().contains(&format!("\"method\":\"{method}\"")), "{actor:?}");
        }
        let (mut s, _) = Session::start(facts("{}", None, false), 1_000, PAGE, [7; 16]);
        s.apply(Action::AcceptAll, Actor::Visitor, 1_001, PAGE, [7; 16]);
        let e = s.apply(Action::RejectAll, Actor::Script, 1_002, PAGE, [7; 16]);
        assert!(e.log.unwrap().contains("\"method\":\"api\""), "a script's withdrawal too");
    }

    #[test]
    fn a_bad_config_fails_closed() {
        let (mut s, e) = Session::start(facts(r#"{"revision": "x"}"#, None, true), 1_000, PAGE, [7; 16]);
        assert!(!s.trusted() && e.cookie.is_none() && e.log.is_none());
        let e = s.apply(Action::AcceptAll, Actor::Visitor, 1_001, PAGE, [7; 16]);
        assert!(e.cookie.is_none() && e.log.is_none() && !e.activate && !e.notify);
        assert_eq!(e.warnings.len(), 1);
        assert!(!s.url_allowed(Category::Targeting));
    }

    #[test]
    fn a_stored_decision_is_read_back_and_a_withdrawal_reloads_when_asked() {
        let config = r#"{"reloadOnWithdraw": true}"#;
        let (mut s, _) = Session::start(facts(config, None, false), 1_000, PAGE, [7; 16]);
        let e = s.apply(Action::AcceptAll, Actor::Visitor, 1_000, PAGE, [7; 16]);
        let (cookie, _) = e.cookie.unwrap();
        let (mut s, e) = Session::start(facts(config, Some(&cookie), false), 1_010, PAGE, [8; 16]);
        assert_eq!(e.consent_mode, Some(CategorySet::all()));
        let e = s.apply(
            Action::Save { categories: CategorySet::necessary_only().with(Category::Performance), services: vec![] },
            Actor::Visitor,
            1_020,
            PAGE,
            [9; 16],
        );
        assert!(e.reload && e.erase);
        assert!(e.log.unwrap().contains("\"method\":\"withdraw\""));
        assert_eq!(s.decision().unwrap().seq, 2);
    }

    #[test]
    fn the_api_warns_about_unknown_ids_and_keeps_declared_services() {
        let config = r#"{"categories": [{"id": "necessary"}, {"id": "targeting", "services": [{"id": "youtube", "name": "YouTube"}]}]}"#;
        let (mut s, _) = Session::start(facts(config, None, false), 1_000, PAGE, [7; 16]);
        let e = s.apply(Action::Accept(vec!["youtube".into(), "nope".into()]), Actor::Visitor, 1_000, PAGE, [7; 16]);
        assert_eq!(e.warnings, vec![String::from("accept(): unknown category or service \"nope\"")]);
        assert!(s.has_service("youtube") && !s.has_consent(Category::Targeting));
        let e = s.apply(Action::AlwaysAllow("targeting".into()), Actor::Visitor, 1_001, PAGE, [7; 16]);
        assert!(e.warnings.is_empty() && s.has_consent(Category::Targeting));
        // Granted as a whole, the service is no longer kept on its own.
        assert!(s.decision().unwrap().services.is_empty());
    }

    #[test]
    fn the_consent_log_is_known_by_its_endpoint_and_nothing_else() {
        let (s, _) = Session::start(
            facts(r#"{"revision":1,"endpoint":"https://log.example/v1/consents","categories":[{"id":"necessary"}]}"#, None, false),
            0,
            "https://site.example/",
            [0; 16],
        );
        assert!(s.is_consent_log("https://log.example/v1/consents"));
        assert!(!s.is_consent_log("https://log.example/v1/other"));
        assert!(!s.is_consent_log("https://tracker.example/?u=https://log.example/v1/consents"));
        let (none, _) =
            Session::start(facts(r#"{"revision":1,"categories":[{"id":"necessary"}]}"#, None, false), 0, "https://site.example/", [0; 16]);
        assert!(!none.is_consent_log(""));
    }
}
