//! The browser shell: reads the page, asks the core what to do, renders and forwards events.
//!
//! Every export is called by the loader (`www/crumbs/loader.js`), which queues calls made
//! before the module is ready and maps them onto `window.crumbs`. The banner a first visit sees
//! is drawn before this module arrives by the small first-paint module (`first_paint.rs`, not
//! part of this module), whose host this one replaces.

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
mod table;
mod ui;

use crate::category::{Category, CategorySet};
use crate::config::{parse_config, Config};
use crate::consent::{ConsentRecord, Validity, COOKIE_NAME};
use crate::consent_log::{log_entry, Method};
use crate::prelude::*;
use core::cell::RefCell;
use core::sync::atomic::{AtomicBool, Ordering::Relaxed};
use dom::{document, error, warn};
use wasm_bindgen::prelude::*;

/// What crumbs knows about this page view.
pub struct Page {
    /// The validated config, or the defaults when it had errors.
    pub config: Config,
    /// Config problems, as `path: reason`; any of them means fail closed.
    pub errors: Vec<String>,
    /// The language texts are shown in.
    pub language: String,
    /// crumbs' shipped wording for that language (empty for English).
    pub shipped: Vec<(crate::texts::Text, String)>,
    /// The visitor's decision, or crumbs' automatic one from the GPC signal, if one applies.
    pub decision: Option<ConsentRecord>,
    /// Whether the browser sends the Global Privacy Control signal.
    pub gpc: bool,
}

impl Page {
    /// The page view as the loader's inputs describe it: the config (or the defaults, with the
    /// reasons), the language and its wording, and the stored decision, read only from a
    /// valid config.
    fn read(config: Option<String>, load_error: Option<String>, language_texts: Option<String>) -> Page {
        let (config, errors) = read_config(config, load_error);
        let language = page_language(&config);
        let shipped = language_texts.map(|t| crate::texts::parse_shipped(&t)).unwrap_or_default();
        let decision = if errors.is_empty() { stored_decision(&config) } else { None };
        Page { config, errors, language, shipped, decision, gpc: gpc_signal() }
    }

    /// `text` in this page view's language: the site's wording, else crumbs' shipped one, else
    /// English.
    pub fn text(&self, text: crate::texts::Text) -> &str {
        crate::texts::resolve(&self.config.texts, &self.shipped, &self.language, text)
    }

    /// Whether the visitor has decided (not only the automatic GPC record).
    fn visitor_decided(&self) -> bool {
        self.decision.as_ref().is_some_and(ConsentRecord::is_visitors)
    }

    /// Whether choices may be stored and gated scripts run: only with a valid config.
    fn trusted(&self) -> bool {
        self.errors.is_empty()
    }
}

/// What crumbs knows about this page view, once started.
static PAGE: Local<Option<Page>> = Local::new(None);

/// A page-lifetime global: what `thread_local!` gives with std, for the browser's one thread.
pub struct Local<T>(RefCell<T>);

// SAFETY: wasm32 in a page runs this module on one thread only.
unsafe impl<T> Sync for Local<T> {}

impl<T> Local<T> {
    /// A global holding `value`.
    pub const fn new(value: T) -> Self {
        Local(RefCell::new(value))
    }

    /// Runs `f` on the cell.
    pub fn with<R>(&self, f: impl FnOnce(&RefCell<T>) -> R) -> R {
        f(&self.0)
    }
}

/// Runs `f` on the page state. A call made while the state is in use (a page script reacting
/// synchronously to something crumbs does) gets `None` instead of a panic.
fn with_page<R>(f: impl FnOnce(&mut Page) -> R) -> Option<R> {
    PAGE.with(|p| p.try_borrow_mut().ok()?.as_mut().map(f))
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
    HOOKS.with(|h| *h.borrow_mut() = hooks.clone());
    DRAWN.store(false, Relaxed);
    let mut page = Page::read(config, load_error, language_texts);
    for e in &page.errors {
        let mut m = String::from("config error: ");
        m.push_str(e);
        error(&m);
    }
    if !page.trusted() {
        error("failing closed: no non-essential script will run until the config is fixed");
    }
    if page.trusted() && page.decision.is_none() && page.gpc {
        record_gpc_default(&mut page);
    }
    consent_mode::start(&hooks, &page.config);
    if page.trusted() {
        consent_log::start(page.config.endpoint.clone());
    }
    if let Some(d) = &page.decision {
        consent_mode::update(&page.config, d.granted);
    }
    label_held();
    // Strictly necessary scripts run without a decision; the rest wait for theirs.
    scripts::queue_allowed(page.decision.as_ref(), &page.config);
    PAGE.with(|p| *p.borrow_mut() = Some(page));
    scripts::run_queue();
    later(takeover_priority(), take_over_view);
}

/// The takeover's second task: the first paint's banner (or none) becomes the full core's
/// view, unless a call the loader replayed has drawn one already.
fn take_over_view() {
    with_page(|page| {
        if !DRAWN.load(Relaxed) {
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
    if let Ok(ready) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(hook("ready")) {
        let _ = ready.call1(&JsValue::UNDEFINED, &JsValue::UNDEFINED);
    }
    if let Some(dist) = hook("dist").as_string().filter(|_| trusted == Some(true)) {
        // Parsed in the response's task; what that changes on the page follows in the next.
        known::load(&dist, || later(takeover_priority(), table_loaded));
    }
}

/// What the loader handed to `start`.
static HOOKS: Local<JsValue> = Local::new(JsValue::UNDEFINED);

/// The loader's `hooks[name]` (see `start`).
fn hook(name: &str) -> JsValue {
    js_sys::Reflect::get(&HOOKS.with(|h| h.borrow().clone()), &name.into()).unwrap_or(JsValue::UNDEFINED)
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
    match with_page(|p| p.visitor_decided()) {
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
                if with_page(|p| p.visitor_decided()) == Some(true) && scripts::loading() {
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

/// Whether the full core has drawn a view yet on this page view.
static DRAWN: AtomicBool = AtomicBool::new(false);

/// Shows `view`: every view the full core draws goes through here.
fn render(page: &Page, view: ui::View) {
    DRAWN.store(true, Relaxed);
    ui::render(page, view);
}

/// The config to use and its problems: the defaults, with the reasons, when it is missing,
/// could not be loaded or is invalid.
fn read_config(config: Option<String>, load_error: Option<String>) -> (Config, Vec<String>) {
    match (config, load_error) {
        (_, Some(e)) => (Config::default(), vec![e]),
        (None, None) => (Config::default(), vec!["no config: add data-config=\"/crumbs.config.json\" to the crumbs script tag".into()]),
        (Some(text), None) => match parse_config(&text) {
            Ok(c) => (c, vec![]),
            Err(errs) => (Config::default(), errs.iter().map(|e| e.to_string()).collect()),
        },
    }
}

/// With the known-cookie table in: report unknown cookies, erase classified refused ones, and
/// show observed cookies in `data-crumbs-table="observed"` tables.
fn table_loaded() {
    with_page(|p| {
        known::report_unclassified(&p.config);
        erasure::erase(p);
        table::render_tables(p);
    });
}

/// What shows with no dialog open: the banner until the visitor decides, then the settled view.
fn resting_view(page: &Page) -> ui::View {
    if page.visitor_decided() {
        settled_view(page)
    } else {
        ui::View::Banner
    }
}

/// What stays on screen once the visitor has decided.
fn settled_view(page: &Page) -> ui::View {
    if page.config.settings_button && page.trusted() {
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

/// Refuses what the GPC signal refuses before the visitor chooses: stored and logged as an
/// automatic decision (method `gpc`), which still leaves the banner up for the rest.
fn record_gpc_default(page: &mut Page) {
    let now = now_secs();
    let mut record = ConsentRecord::new(CategorySet::necessary_only(), page.config.revision, now, random_bytes());
    record.flags = crate::consent::FLAG_GPC | crate::consent::FLAG_AUTO;
    store(page, &record, Method::Gpc, now);
    page.decision = Some(record);
}

/// Writes the consent cookie and queues the consent-log entry of a decision.
fn store(page: &Page, record: &ConsentRecord, method: Method, now: u64) {
    write_consent_cookie(page, record, now);
    log_decision(page, record, method);
}

/// Writes the consent cookie of a decision.
fn write_consent_cookie(page: &Page, record: &ConsentRecord, now: u64) {
    let max_age = record.max_age(page.config.consent_lifetime_days, now);
    cookies::write_cookie(COOKIE_NAME, &record.encode(), max_age);
}

/// Queues the consent-log entry of a decision.
fn log_decision(page: &Page, record: &ConsentRecord, method: Method) {
    consent_log::record(&log_entry(record, page.config.category_set(), method, &page.language, &page_address()));
}

/// The consent stored in the cookie, if it is intact and still applies.
fn stored_decision(config: &Config) -> Option<ConsentRecord> {
    let value = cookies::read_cookie(COOKIE_NAME)?;
    let record = ConsentRecord::decode(&value).ok()?;
    (record.validity(config.revision, config.consent_lifetime_days, now_secs()) == Validity::Valid).then_some(record)
}

/// The config's language, else `<html lang>`, else the browser's, else English.
fn page_language(config: &Config) -> String {
    let html = document().document_element().and_then(|e| e.get_attribute("lang"));
    let browser: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default();
    crate::texts::pick_language(config.language.as_deref(), html.as_deref(), &browser, &config.texts)
}

/// Records a decision: stores it, runs what it allows, closes the banner, tells the page. The
/// allowed scripts are started first, so the visitor's click reaches them soonest; the log
/// entry (never lost to a page left at once) and the banner follow in the same task; embeds,
/// erasure and the `crumbs:consent` event in the next.
fn decide(granted: CategorySet, services: Vec<String>, action: Method) {
    let Some((record, method, trusted, reload)) = with_page(|page| {
        let granted = granted.with(Category::Necessary);
        // Only categories this site uses can be granted.
        let granted = granted.intersect(page.config.category_set());
        let now = now_secs();
        let record = match &page.decision {
            Some(prev) => prev.next(granted, page.config.revision, now),
            None => ConsentRecord::new(granted, page.config.revision, now, random_bytes()),
        };
        // Only declared services whose category is not granted as a whole are kept.
        let services = services.into_iter().filter(|s| page.config.service_category(s).is_some_and(|c| !granted.contains(c)));
        let mut record = record.with_services(services);
        if page.gpc {
            record.flags = crate::consent::FLAG_GPC;
        }
        let before = page.decision.as_ref().filter(|d| d.is_visitors()).map(|d| d.granted);
        // A category granted before and refused now: its scripts may already be running.
        let withdrew = before.is_some_and(|b| b.iter().any(|c| !granted.contains(c)));
        if page.trusted() {
            write_consent_cookie(page, &record, now);
            page.decision = Some(record.clone());
            consent_mode::update(&page.config, record.granted);
            scripts::queue_allowed(page.decision.as_ref(), &page.config);
        } else {
            warn("the choice was not stored because the config has errors");
        }
        let reload = withdrew && page.trusted() && page.config.reload_on_withdraw;
        (record, Method::for_decision(action, before, granted), page.trusted(), reload)
    }) else {
        return;
    };
    if trusted {
        scripts::run_queue();
    }
    with_page(|page| {
        if trusted {
            log_decision(page, &record, method);
        }
        render(page, settled_view(page));
    });
    root::restore_focus();
    // The rest can wait for the scripts the choice started: a task of its own, after them.
    later(Priority::Background, move || {
        let Some(detail) = with_page(|page| {
            if trusted {
                embeds::apply(page);
                erasure::erase_and_recheck(page);
            }
            consent_object(&record, page.config.category_set())
        }) else {
            return;
        };
        if trusted {
            dispatch("crumbs:consent", &detail);
        }
        if reload {
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

/// The record as the plain object `getConsent()` returns and events carry.
fn consent_object(r: &ConsentRecord, used: CategorySet) -> JsValue {
    let o = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&o, &k.into(), &v);
    };
    let (granted, refused) = r.granted_and_refused(used);
    let ids = |set: CategorySet| set.iter().map(|c| JsValue::from_str(c.id())).collect::<js_sys::Array>();
    set("consentId", r.consent_id_string().into());
    set("seq", r.seq.into());
    set("revision", r.revision.into());
    set("decidedAt", js_sys::Date::new(&((r.decided_at as f64) * 1000.0).into()).to_iso_string().into());
    set("granted", ids(granted).into());
    set("refused", ids(refused).into());
    set("services", r.services.iter().map(|s| JsValue::from_str(s)).collect::<js_sys::Array>().into());
    set("gpc", (r.flags & crate::consent::FLAG_GPC != 0).into());
    set("byVisitor", r.is_visitors().into());
    o.into()
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

/// `crumbs.acceptAll()`.
#[wasm_bindgen(js_name = acceptAll)]
pub fn accept_all() {
    // With the GPC signal on, "Accept all" leaves what the signal refuses refused.
    let Some(set) = with_page(|p| crate::gpc::accept_all_set(&p.config, p.gpc)) else { return };
    decide(set, vec![], Method::AcceptAll);
}

/// `crumbs.rejectAll()`.
#[wasm_bindgen(js_name = rejectAll)]
pub fn reject_all() {
    decide(CategorySet::necessary_only(), vec![], Method::RejectAll);
}

/// `crumbs.accept(["performance", "youtube", …])`: grants exactly these categories and
/// services (a declared service id grants that service alone).
#[wasm_bindgen]
pub fn accept(ids: Vec<String>) {
    let mut set = CategorySet::necessary_only();
    let mut services = vec![];
    for id in ids {
        match Category::from_id(&id) {
            Some(c) => set = set.with(c),
            None if with_page(|p| p.config.service_category(&id).is_some()).unwrap_or(false) => services.push(id),
            None => {
                let mut m = String::from("accept(): unknown category or service \"");
                m.push_str(&id);
                m.push('"');
                warn(&m);
            }
        }
    }
    decide(set, services, Method::Api);
}

/// Adds one category or declared service to the current choice (an embed's "Always allow").
fn grant_more(id: &str) {
    let Some((mut set, mut services)) = with_page(|p| match &p.decision {
        Some(d) if d.is_visitors() => (d.granted, d.services.clone()),
        _ => (CategorySet::necessary_only(), vec![]),
    }) else {
        return;
    };
    match Category::from_id(id) {
        Some(c) => set = set.with(c),
        None => services.push(id.to_string()),
    }
    decide(set, services, Method::Custom);
}

/// Stores the categories and services ticked in the preferences.
fn save_choices(categories: Vec<Category>, services: Vec<String>) {
    decide(categories.into_iter().collect(), services, Method::Custom);
}

/// `crumbs.getConsent()`: the current decision, or `null`.
#[wasm_bindgen(js_name = getConsent)]
pub fn get_consent() -> JsValue {
    with_page(|p| p.decision.as_ref().map(|d| consent_object(d, p.config.category_set()))).flatten().unwrap_or(JsValue::NULL)
}

/// `crumbs.hasConsent("performance")`.
#[wasm_bindgen(js_name = hasConsent)]
pub fn has_consent(category: &str) -> bool {
    let Some(c) = Category::from_id(category) else { return false };
    c == Category::Necessary || with_page(|p| p.decision.as_ref().is_some_and(|d| d.granted.contains(c))).unwrap_or(false)
}

/// `crumbs.hasService("youtube")`: whether a declared service may run.
#[wasm_bindgen(js_name = hasService)]
pub fn has_service(id: &str) -> bool {
    with_page(|p| p.decision.as_ref().is_some_and(|d| d.allows_service(id, p.config.service_category(id)))).unwrap_or(false)
}

/// The category a third-party URL needs: the URL classifier's, and for a URL it does not
/// know, targeting — an unknown third party needs the strictest consent.
fn url_category(url: &str) -> Category {
    let host = web_sys::window().and_then(|w| w.location().hostname().ok());
    crate::classify::urls::classify_url(url, host.as_deref()).category.unwrap_or(Category::Targeting)
}

/// Called by the pre-blocker for every third-party script or iframe: may it load now?
#[wasm_bindgen(js_name = urlAllowed)]
pub fn url_allowed(url: &str) -> bool {
    let c = url_category(url);
    c == Category::Necessary
        || with_page(|p| p.trusted() && p.decision.as_ref().is_some_and(|d| d.granted.contains(c))).unwrap_or(false)
}

/// Called by the pre-blocker after it held something: classify what it held, then release
/// what the consent allows and put placeholders on held iframes.
#[wasm_bindgen(js_name = adoptHeld)]
pub fn adopt_held() {
    label_held();
    with_page(|p| {
        if p.trusted() {
            scripts::queue_allowed(p.decision.as_ref(), &p.config);
        }
        embeds::apply(p);
    });
    scripts::run_queue();
}

/// Gives every held element without a category the one its URL needs.
fn label_held() {
    let Ok(list) = document().query_selector_all("[data-crumbs-held]:not([data-category])") else { return };
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok()) else { continue };
        let c = url_category(&el.get_attribute("data-src").unwrap_or_default());
        let _ = el.set_attribute("data-category", c.id());
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
    with_page(|p| p.errors.clone()).unwrap_or_default()
}
