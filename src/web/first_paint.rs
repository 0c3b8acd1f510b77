//! The first paint: the small module a first visit gets inside the loader, before anything else
//! of crumbs. It takes the banner's settings from the config (leniently: the full core
//! validates), picks the language and draws the banner from the core's tree (`crate::view`).
//! Nothing is decided, stored or run here. A click on "Accept all" or "Reject all" goes to the
//! decision module (`web/decide.rs`, fetched once the banner is painted) where it can decide;
//! any other click goes to `window.crumbs`, whose calls the loader queues and which starts the
//! full core, which then replaces this banner.
//!
//! It is built without wasm-bindgen (`--features first-paint`, not `web`): its interface is
//! the exports below and five imports the loader implements (`www/crumbs/loader/first-paint.js`), so it
//! needs no generated glue. Nor does it carry a JSON reader: the loader parses the config and
//! the language file with `JSON.parse` and hands over their string members one by one, as
//! `config::banner_settings` walks them. Strings cross as UTF-8 (pointer, length) in this
//! module's memory.

use crate::allocator::raw_str;
use crate::config::Config;
use crate::prelude::*;
use crate::texts::{pick_language, site_or_shipped, Text};
use crate::view::{self, Element, Node};
use core::cell::UnsafeCell;

/// The English wording of the banner's texts, picked at compile time: the module carries
/// these and not crumbs' other English texts.
const ENGLISH: [(Text, &str); view::BANNER_TEXTS.len()] = {
    let mut out = [(Text::BannerTitle, ""); view::BANNER_TEXTS.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = (view::BANNER_TEXTS[i], view::BANNER_TEXTS[i].english());
        i += 1;
    }
    out
};

/// The banner's styles (minified by build.rs), applied as a constructable stylesheet.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/banner.min.css"));

#[link(wasm_import_module = "crumbs")]
extern "C" {
    /// Creates the isolated root: the host element (`data-theme`), its open shadow root with
    /// `css` adopted, and the click forwarding to `window.crumbs`.
    fn root(theme: *const u8, theme_len: usize, css: *const u8, css_len: usize);
    /// Appends a `<tag>` to element `parent` (0 is the root) and returns its id.
    fn element(parent: u32, tag: *const u8, tag_len: usize) -> u32;
    /// Sets an attribute of element `id`.
    fn attribute(id: u32, name: *const u8, name_len: usize, value: *const u8, value_len: usize);
    /// Appends a text node to element `id`.
    fn text(id: u32, text: *const u8, text_len: usize);
    /// Asks the loader for crumbs' shipped wording in language `code` (`lang/<code>.json`).
    fn language_file(code: *const u8, code_len: usize);
}

/// What the loader has handed over so far: the config's banner settings, crumbs' shipped
/// wording, and the language once picked.
struct Inputs {
    config: Config,
    shipped: Vec<(Text, String)>,
    language: String,
    /// The tag's `data-region`.
    region: String,
}

struct State(UnsafeCell<Option<Inputs>>);
// SAFETY: wasm32 in a page runs this module on one thread only.
unsafe impl Sync for State {}
static STATE: State = State(UnsafeCell::new(None));

/// The inputs, created on first use.
fn inputs() -> &'static mut Inputs {
    // SAFETY: one thread, and no export holds the reference across another export call.
    unsafe {
        (*STATE.0.get()).get_or_insert_with(|| Inputs { config: Config::default(), shipped: vec![], language: String::new(), region: String::new() })
    }
}

/// A top-level string member of the config, an item of `regions.<region>.allowByDefault` (as
/// `regions.<region>`), or the tag's `data-region` (handed over last).
///
/// # Safety
/// Each (pointer, length) pair must be a string written as `raw_str` describes.
#[no_mangle]
pub unsafe extern "C" fn fp_field(key: *const u8, key_len: usize, value: *const u8, value_len: usize) {
    let (key, value) = (raw_str(key, key_len), raw_str(value, value_len).into());
    let inputs = inputs();
    if key == "data-region" {
        inputs.region = value;
    } else {
        inputs.config.read_banner_field(key, value);
    }
}

/// A string member `texts.<language>.<key>` of the config.
///
/// # Safety
/// As `fp_field`.
#[no_mangle]
pub unsafe extern "C" fn fp_text(language: *const u8, language_len: usize, key: *const u8, key_len: usize, value: *const u8, value_len: usize) {
    inputs().config.read_banner_text(raw_str(language, language_len), raw_str(key, key_len), raw_str(value, value_len).into());
}

/// A string member of crumbs' shipped language file.
///
/// # Safety
/// As `fp_field`.
#[no_mangle]
pub unsafe extern "C" fn fp_shipped(key: *const u8, key_len: usize, value: *const u8, value_len: usize) {
    inputs().shipped.extend(crate::texts::known_text(raw_str(key, key_len), raw_str(value, value_len).into()));
}

/// Picks the language from the config, `<html lang>` and the browser's languages
/// (comma-separated), and asks for crumbs' wording in it if that is a file.
///
/// # Safety
/// As `fp_field`.
#[no_mangle]
pub unsafe extern "C" fn fp_language(html: *const u8, html_len: usize, browser: *const u8, browser_len: usize) {
    let inputs = inputs();
    let html = Some(raw_str(html, html_len)).filter(|h| !h.is_empty());
    // Split at an ASCII comma, each piece of the UTF-8 input is UTF-8 too.
    let browser: Vec<String> =
        raw_str(browser, browser_len).as_bytes().split(|&b| b == b',').map(|p| core::str::from_utf8_unchecked(p).into()).collect();
    inputs.language = pick_language(inputs.config.language.as_deref(), html, &browser, &inputs.config.texts);
    if let Some(code) = crate::texts::language_file(&inputs.language) {
        language_file(code.as_ptr(), code.len());
    }
}

/// Draws the banner; `gpc` is 1 when the browser sends the Global Privacy Control signal.
#[no_mangle]
pub extern "C" fn fp_draw(gpc: u32) {
    let Inputs { config, shipped, language, region } = inputs();
    // An unknown data-region is the opt-in default here too (the full core reports it).
    let rules = crate::region::Rules::choose(Some(region), config.default_region, config.region_defaults).unwrap_or_default();
    // As `texts::resolve`, with English from the banner's own table.
    let english = |text| ENGLISH.iter().find(|(t, _)| *t == text).map_or("", |(_, s)| *s);
    let t = |text: Text| site_or_shipped(&config.texts, shipped, language, text).unwrap_or_else(|| english(text));
    let input = view::BannerInput { layout: config.layout, policy_url: config.policy_url.as_deref(), gpc: gpc == 1, language, rules };
    let theme = config.theme.id();
    // SAFETY: the import only reads the two (pointer, length) pairs, during the call.
    unsafe { root(theme.as_ptr(), theme.len(), CSS.as_ptr(), CSS.len()) };
    draw(0, &view::banner(&input, t));
}

/// Appends `tree` to element `parent`, attributes first, then children in order.
fn draw(parent: u32, tree: &Element) {
    // SAFETY: the imports only read the (pointer, length) pairs they are given, during the call.
    unsafe {
        let id = element(parent, tree.tag.as_ptr(), tree.tag.len());
        for (name, value) in &tree.attrs {
            attribute(id, name.as_ptr(), name.len(), value.as_ptr(), value.len());
        }
        for child in &tree.children {
            match child {
                Node::Element(e) => draw(id, e),
                Node::Text(s) => text(id, s.as_ptr(), s.len()),
            }
        }
    }
}
