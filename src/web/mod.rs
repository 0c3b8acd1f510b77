//! The browser shell: reads the page, asks the core what to do, renders and forwards events.
//!
//! Every export is called by the loader (`www/crumbs/loader/`), which queues calls made
//! before the module is ready and maps them onto `window.crumbs`. The banner a first visit sees
//! is drawn before this module arrives by the loader's first paint
//! (`www/crumbs/loader/first-paint.js`), whose host this one replaces.

mod consent_log;
mod consent_mode;
mod cookies;
mod dom;
mod embeds;
mod erasure;
mod known;
mod rehearsal;
mod root;
mod scripts;
mod shell;
mod table;
mod ui;

use crate::category::{Category, CategorySet};
use crate::config::{parse_config, Config};
use crate::consent::{ConsentRecord, COOKIE_NAME};
use crate::prelude::*;
use crate::session::{read_config, Action, Actor, Effects, PageFacts, Session};
use dom::{document, error, warn};
use shell::shell;
use wasm_bindgen::prelude::*;

/// What crumbs knows about this page view: the session, which decides, and the wording it is
/// shown in.
pub struct Page {
    /// The consent state; every decision goes through it.
    pub session: Session,
    /// crumbs' shipped wording for the session's language (empty for English).
    pub shipped: Vec<(crate::texts::Text, String)>,
}

impl Page {
    /// `text` in this page view's language: the site's wording, else crumbs' shipped one, else
    /// English.
    pub fn text(&self, text: crate::texts::Text) -> &str {
        crate::texts::resolve(&self.config().texts, &self.shipped, self.language(), text)
    }

    /// The config in force.
    pub fn config(&self) -> &Config {
        self.session.config()
    }

    /// The decision in force.
    pub fn decision(&self) -> Option<&ConsentRecord> {
        self.session.decision()
    }

    /// The language texts are shown in.
    pub fn language(&self) -> &str {
        self.session.language()
    }

    /// Whether choices may be stored and gated scripts run: only with a valid config.
    pub fn trusted(&self) -> bool {
        self.session.trusted()
    }
}

/// Runs `f` on the page state. A call made while the state is in use (a page script reacting
/// synchronously to something crumbs does) gets `None` instead of a panic.
fn with_page<R>(f: impl FnOnce(&mut Page) -> R) -> Option<R> {
    shell(|s| s.page.try_borrow_mut().ok()?.as_mut().map(f))
}

fn now_secs() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

/// The shipped language file the loader should fetch before `start` (`"de"` for
/// `lang/de.json`), or nothing when the banner will be in English or in the site's own texts.
#[wasm_bindgen(js_name = languageFile)]
pub fn language_file(config: Option<String>) -> Option<String> {
    let config = config.and_then(|t| parse_config(&t).ok()).unwrap_or_default();
    crate::texts::language_file(&page_language(&config))
}

/// Starts crumbs on the page: `config` is the config text, `load_error` why it could not be
/// had, `language_texts` the shipped language file `language_file` asked for, `hooks` what
/// the loader prepared (`{gtag, googleDefaultSent, microsoftDefaultSent, dist, later, ready}`).
///
/// The takeover runs in short tasks, not one long one (at 4× CPU throttling that one took
/// 70–120 ms, enough to delay a click or a frame noticeably). This call does what decides: the
/// page state, the consent signals and the scripts the stored decision allows, which so start
/// first; when it returns the API works. The view, the policy tables, embeds and erasure follow
/// in tasks of their own, then `hooks.ready()`; the known-cookie table is fetched last.
/// Without `hooks.later` (the browser tests) it all runs in this call.
#[wasm_bindgen]
pub fn start(config: Option<String>, load_error: Option<String>, language_texts: Option<String>, hooks: JsValue) {
    shell(|s| {
        *s.hooks.borrow_mut() = hooks.clone();
        s.drawn.set(false);
    });
    let (config, mut errors) = read_config(config.as_deref(), load_error);
    let address = page_address();
    errors.extend(config.cookie_domain_error(crate::config::host_of(&address)));
    // The region the site's server named on the tag (`data-region`), else the config's default.
    let region = hook("region").as_string();
    let rules = crate::region::Rules::choose(region.as_deref(), config.default_region, config.region_defaults).unwrap_or_else(|| {
        error(&crate::region::unknown_region_error(region.as_deref().unwrap_or_default()));
        crate::region::Rules::default()
    });
    let language = page_language(&config);
    let shipped = language_texts.map(|t| crate::texts::parse_shipped(&t)).unwrap_or_default();
    let cookie = cookies::read_cookie(COOKIE_NAME);
    let facts = PageFacts { config, errors, language, cookie: cookie.as_deref(), gpc: gpc_signal(), shipped: &shipped, rules };
    let (session, effects) = Session::start(facts, now_secs(), &address, random_bytes());
    let page = Page { session, shipped };
    for e in page.session.errors() {
        let mut m = String::from("config error: ");
        m.push_str(e);
        error(&m);
    }
    if !page.trusted() {
        error("failing closed: no non-essential script will run until the config is fixed");
    }
    consent_mode::start(&hooks, page.config());
    if page.trusted() {
        consent_log::start(page.config().endpoint.clone());
    }
    label_held();
    carry_out(&page, &effects);
    if let Some(entry) = &effects.log {
        consent_log::record(entry);
    }
    shell(|s| *s.page.borrow_mut() = Some(page));
    scripts::run_queue();
    later(takeover_priority(), take_over_view);
}

/// The effects that come before the scripts they allow run: the cookie, Consent Mode, the
/// warnings, and the queue of gated scripts (run by [`scripts::run_queue`] once no state is
/// borrowed).
fn carry_out(page: &Page, effects: &Effects) {
    if let Some((value, max_age)) = &effects.cookie {
        cookies::write_consent_cookie(value, *max_age, page.config().cookie_domain.as_deref());
    }
    if let Some(granted) = effects.consent_mode {
        consent_mode::update(page.config(), granted);
    }
    for w in &effects.warnings {
        warn(w);
    }
    if effects.activate {
        scripts::queue_allowed(&page.session);
    }
}

/// The takeover's second task: the first paint's banner (or none) becomes the full core's
/// view, unless a call the loader replayed has drawn one already.
fn take_over_view() {
    with_page(|page| {
        if !shell(|s| s.drawn.get()) {
            render(page, resting_view(page));
        }
    });
    later(takeover_priority(), finish_start);
}

/// The takeover's last task: policy tables, embeds, erasure and the consent log's resend; then
/// crumbs is ready, and the known-cookie table (not needed for any of it) is fetched.
fn finish_start() {
    let trusted = with_page(|page| {
        table::render_tables(page);
        embeds::apply(page);
        if page.trusted() {
            erasure::erase_and_recheck(page);
            // What earlier page views left undelivered.
            consent_log::flush();
        }
        page.trusted()
    });
    // From here the full core hears the page's "Do not sell" links itself (the loader passes
    // on only the clicks that come before).
    let options = gloo_events::EventListenerOptions::enable_prevent_default();
    gloo_events::EventListener::new_with_options(&document(), "click", options, ui::on_do_not_sell_link).forget();
    match hook("dist").as_string().filter(|_| trusted == Some(true)) {
        // `crumbs.ready` waits for the table: until then a URL only crumbs' rules or the vendor
        // facts know would be judged unknown (the network guard asks `allowsUrl` at ready).
        // Parsed in the response's task; what that changes on the page follows in the next.
        Some(dist) => known::load(&dist, || {
            signal_ready();
            later(takeover_priority(), table_loaded)
        }),
        None => signal_ready(),
    }
}

/// The loader's `hooks.ready()`: `crumbs.ready` resolves and `crumbs:ready` is dispatched.
fn signal_ready() {
    if let Ok(ready) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(hook("ready")) {
        let _ = ready.call1(&JsValue::UNDEFINED, &JsValue::UNDEFINED);
    }
}

/// The loader's `hooks[name]` (see `start`).
pub(crate) fn hook(name: &str) -> JsValue {
    js_sys::Reflect::get(&shell(|s| s.hooks.borrow().clone()), &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// How soon a task crumbs posts runs, among the page's own.
#[derive(Clone, Copy)]
enum Priority {
    /// In turn with the page's tasks.
    Normal,
    /// After the page's other work: what no one waits for while the visitor decides, so that
    /// the scripts a click allowed run first (once decided, after they have loaded: `post`).
    Background,
}

/// `Background` while the banner waits for the visitor (the takeover's remaining tasks may
/// meet their click), else `Normal`.
fn takeover_priority() -> Priority {
    match with_page(|p| p.session.visitor_decided()) {
        Some(false) => Priority::Background,
        _ => Priority::Normal,
    }
}

/// Runs `f` in a task of its own through the loader's `later` (a scheduled task, at
/// `priority`, or a posted message), so the browser can handle input and draw a frame in
/// between; without it, now.
fn later(priority: Priority, f: impl FnOnce() + 'static) {
    post(priority, Box::new(f));
}

/// [`later`], boxed. A background task that comes while the scripts the visitor's decision
/// started are still loading waits for them: at the browser's lowest priority it still ran
/// before their responses were handled (traced), and so held them back.
fn post(priority: Priority, f: Box<dyn FnOnce()>) {
    let Ok(later) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(hook("later")) else { return f() };
    let _ = match priority {
        Priority::Normal => later.call1(&JsValue::UNDEFINED, &Closure::once_into_js(f)),
        Priority::Background => {
            let f = Closure::once_into_js(move || {
                if with_page(|p| p.session.visitor_decided()) == Some(true) && scripts::loading() {
                    // Then in turn with the page's tasks: they have waited enough.
                    scripts::after_loaded(Box::new(move || post(Priority::Normal, f)));
                } else {
                    f();
                }
            });
            later.call2(&JsValue::UNDEFINED, &f, &"background".into())
        }
    };
}

/// Shows `view`: every view the full core draws goes through here.
fn render(page: &Page, view: ui::View) {
    shell(|s| s.drawn.set(true));
    ui::render(page, view);
}

/// With the known-cookie table in: report unknown cookies, erase classified refused ones, and
/// show observed cookies in `data-crumbs-table="observed"` tables.
fn table_loaded() {
    with_page(|p| {
        known::report_unclassified(p.config());
        erasure::erase(p);
        table::render_tables(p);
    });
    adopt_held();
}

/// What shows with no dialog open: the banner until the visitor decides, then the settled view.
fn resting_view(page: &Page) -> ui::View {
    if page.session.visitor_decided() {
        settled_view(page)
    } else {
        ui::View::Banner
    }
}

/// What stays on screen once the visitor has decided.
fn settled_view(page: &Page) -> ui::View {
    if page.config().settings_button && page.trusted() {
        ui::View::SettingsButton
    } else {
        ui::View::Nothing
    }
}

/// `navigator.globalPrivacyControl` (not in web-sys yet, so read by name).
fn gpc_signal() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"globalPrivacyControl".into()).ok())
        .is_some_and(|v| v.as_bool() == Some(true))
}

/// The config's language, else `<html lang>`, else the browser's, else English.
fn page_language(config: &Config) -> String {
    let html = document().document_element().and_then(|e| e.get_attribute("lang"));
    let browser: Vec<String> =
        web_sys::window().map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect()).unwrap_or_default();
    crate::texts::pick_language(config.language.as_deref(), html.as_deref(), &browser, &config.texts)
}

/// Carries out a visitor's action: the session decides; the cookie, Consent Mode and the
/// scripts it allows come first, so the visitor's click reaches them soonest; the log entry
/// (never lost to a page left at once) and the banner follow in the same task; embeds,
/// erasure, the `crumbs:consent` event and a reload once those scripts have loaded.
fn act(action: Action, actor: Actor) {
    let (now, address) = (now_secs(), page_address());
    let Some((effects, record)) = with_page(|page| {
        let effects = page.session.apply(action, actor, now, &address, random_bytes());
        carry_out(page, &effects);
        (effects, page.decision().cloned())
    }) else {
        return;
    };
    scripts::run_queue();
    with_page(|page| {
        if let Some(entry) = &effects.log {
            consent_log::record(entry);
        }
        render(page, settled_view(page));
    });
    root::restore_focus();
    // The rest can wait for the scripts the choice started: a task of its own, after them.
    later(Priority::Background, move || {
        let detail = with_page(|page| {
            if effects.activate {
                embeds::apply(page);
            }
            if effects.erase {
                erasure::erase_and_recheck(page);
            }
            record.as_ref().filter(|_| effects.notify).map(|r| consent_object(r, page.config().category_set()))
        });
        if let Some(detail) = detail.flatten() {
            dispatch("crumbs:consent", &detail);
        }
        if effects.reload {
            // The consent-log entry is already queued in localStorage and is sent on the next view.
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    });
}

/// Origin and path of this page: what the consent log records (no query, no fragment).
fn page_address() -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let mut s = loc.origin().unwrap_or_default();
    s.push_str(&loc.pathname().unwrap_or_default());
    s
}

fn random_bytes() -> [u8; 16] {
    let mut b = [0u8; 16];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut b);
    }
    b
}

fn dispatch(name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = document().dispatch_event(&ev);
    }
}

/// The record as the plain object `getConsent()` returns and events carry: the summary's JSON
/// (`ConsentSummary::to_json`, tested to be its serde shape, as the decision module hands it
/// over), parsed by the browser. serde-wasm-bindgen's `to_value` cost 1.7 KB brotli for it.
fn consent_object(r: &ConsentRecord, used: CategorySet) -> JsValue {
    js_sys::JSON::parse(&r.summary(used).to_json()).unwrap_or(JsValue::NULL)
}

/// `crumbs.show()`: shows the banner again.
#[wasm_bindgen]
pub fn show() {
    with_page(|p| render(p, ui::View::Banner));
}

/// `crumbs.showPreferences()`: shows the banner with the category choices open.
#[wasm_bindgen(js_name = showPreferences)]
pub fn show_preferences() {
    root::remember_focus();
    with_page(|p| render(p, ui::View::Preferences));
}

/// Closes the preferences without deciding: back to the banner if there is no decision yet.
fn close_preferences() {
    with_page(|p| render(p, resting_view(p)));
    root::restore_focus();
}

/// Who made an event: the visitor only when the browser says so (`isTrusted`).
fn actor_of(e: &web_sys::Event) -> Actor {
    if e.is_trusted() {
        Actor::Visitor
    } else {
        Actor::Script
    }
}

/// `crumbs.acceptAll()`: logged as the API, whoever's button called it.
#[wasm_bindgen(js_name = acceptAll)]
pub fn accept_all() {
    act(Action::AcceptAll, Actor::Script);
}

/// `crumbs.rejectAll()`.
#[wasm_bindgen(js_name = rejectAll)]
pub fn reject_all() {
    act(Action::RejectAll, Actor::Script);
}

/// `crumbs.doNotSell()`: "Do not sell or share my personal information", which refuses
/// targeting and keeps the rest of what is in force (any `data-crumbs-do-not-sell` link, and
/// the banner's button under the US opt-out regime).
#[wasm_bindgen(js_name = doNotSell)]
pub fn do_not_sell() {
    act(Action::DoNotSell, Actor::Script);
}

/// `crumbs.accept(["performance", "youtube", …])`: grants exactly these categories and
/// services (a declared service id grants that service alone).
#[wasm_bindgen]
pub fn accept(ids: Vec<String>) {
    act(Action::Accept(ids), Actor::Script);
}

/// Adds one category or declared service to the current choice (an embed's "Always allow").
fn grant_more(id: &str, actor: Actor) {
    act(Action::AlwaysAllow(id.to_string()), actor);
}

/// Stores the categories and services ticked in the preferences.
fn save_choices(categories: Vec<Category>, services: Vec<String>, actor: Actor) {
    act(Action::Save { categories: categories.into_iter().collect(), services }, actor);
}

/// `crumbs.getConsent()`: the current decision, or `null`.
#[wasm_bindgen(js_name = getConsent)]
pub fn get_consent() -> JsValue {
    with_page(|p| p.decision().map(|d| consent_object(d, p.config().category_set()))).flatten().unwrap_or(JsValue::NULL)
}

/// `crumbs.hasConsent("performance")`.
#[wasm_bindgen(js_name = hasConsent)]
pub fn has_consent(category: &str) -> bool {
    let Some(c) = Category::from_id(category) else { return false };
    with_page(|p| p.session.has_consent(c)).unwrap_or(c == Category::Necessary)
}

/// `crumbs.hasService("youtube")`: whether a declared service may run.
#[wasm_bindgen(js_name = hasService)]
pub fn has_service(id: &str) -> bool {
    with_page(|p| p.session.has_service(id)).unwrap_or(false)
}

/// Called by the pre-blocker for every third-party script or iframe: may it load now?
/// `undefined` (held, and judged again) while the classification data is still coming, unless
/// the consent allows every category: a URL only crumbs' rules or the vendor facts know would
/// be judged unknown until then.
#[wasm_bindgen(js_name = urlAllowed)]
pub fn url_allowed(url: &str) -> Option<bool> {
    // A call made while the state is in use (a page's gtag inserting a script) still lets
    // strictly necessary URLs through.
    with_page(|p| {
        if p.session.is_consent_log(url) {
            return Some(true);
        }
        // What every category may load needs no table to judge.
        if !known::table_coming(p.trusted()) || Category::ALL.iter().all(|c| p.session.url_allowed(*c)) {
            return Some(p.session.url_allowed(known::url_category(url, p.config())));
        }
        None
    })
    .unwrap_or_else(|| Some(known::url_category(url, &crate::config::Config::default()) == Category::Necessary))
}

/// Called by the pre-blocker after it held something: classify what it held, then release
/// what the consent allows and put placeholders on held iframes.
#[wasm_bindgen(js_name = adoptHeld)]
pub fn adopt_held() {
    label_held();
    with_page(|p| {
        if p.trusted() {
            scripts::queue_allowed(&p.session);
        }
        embeds::apply(p);
    });
    scripts::run_queue();
}

/// Gives every held element without a category the one its URL needs, once the known-vendor
/// table has settled (before, an unknown URL may be one it knows).
fn label_held() {
    if !known::table_settled() {
        return;
    }
    for el in dom::select_all("[data-crumbs-held]:not([data-category])") {
        let url = el.get_attribute("data-src").unwrap_or_default();
        if let Some(c) = with_page(|p| known::url_category(&url, p.config())) {
            let _ = el.set_attribute("data-category", c.id());
        }
    }
}

/// `crumbs.unclassified()`: cookies on the page that no declaration, rule or table knows.
#[wasm_bindgen]
pub fn unclassified() -> Vec<String> {
    known::unclassified()
}

/// `crumbs.errors()`: the config errors, as `path: reason` strings.
#[wasm_bindgen]
pub fn errors() -> Vec<String> {
    with_page(|p| p.session.errors().to_vec()).unwrap_or_default()
}
