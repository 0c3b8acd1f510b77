//! Everything the full core keeps between the loader's calls, in one value: the page view's
//! session and what each part of the shell holds for the page's lifetime. Each part is a cell
//! of its own, so one part's work never meets another's borrow (a page script may react
//! synchronously to what crumbs does, and call back in).

use crate::classify::KnownTable;
use crate::prelude::*;
use core::cell::{Cell, RefCell};
use core::mem::ManuallyDrop;
use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, Element, HtmlElement};

/// The shell's state (see the module).
pub struct Shell {
    /// What crumbs knows about this page view, once started.
    pub page: RefCell<Option<super::Page>>,
    /// What the loader handed to `start`.
    pub hooks: RefCell<JsValue>,
    /// Whether the full core has drawn a view yet on this page view.
    pub drawn: Cell<bool>,
    /// What the loader prepared for Google's and Microsoft's consent signals.
    pub consent_mode: RefCell<Option<super::consent_mode::Hooks>>,
    /// The consent log's endpoint and delivery state.
    pub delivery: RefCell<super::consent_log::Delivery>,
    /// The known-vendor table, once loaded.
    pub known_table: RefCell<Option<KnownTable>>,
    /// Whether the table has loaded or failed to: until then an unknown URL may be one the
    /// table knows, so held elements wait for it.
    pub table_settled: Cell<bool>,
    /// The unknown cookies found so far.
    pub unclassified: RefCell<Vec<String>>,
    /// Where focus was before a dialog took it, to give it back on close.
    pub return_focus: RefCell<Option<HtmlElement>>,
    /// crumbs' one stylesheet, shared by every shadow root it creates.
    pub sheet: RefCell<Option<CssStyleSheet>>,
    /// Gated scripts the decision allows, in document order, for the loader to release.
    pub script_queue: RefCell<Vec<Element>>,
}

impl Shell {
    /// Nothing started yet. `const`, so the thread-local needs no lazy initialisation.
    const fn new() -> Shell {
        Shell {
            page: RefCell::new(None),
            hooks: RefCell::new(JsValue::UNDEFINED),
            drawn: Cell::new(false),
            consent_mode: RefCell::new(None),
            delivery: RefCell::new(super::consent_log::Delivery::new()),
            known_table: RefCell::new(None),
            table_settled: Cell::new(false),
            unclassified: RefCell::new(Vec::new()),
            return_focus: RefCell::new(None),
            sheet: RefCell::new(None),
            script_queue: RefCell::new(Vec::new()),
        }
    }
}

std::thread_local! {
    // Never dropped: it lives as long as the page, so no destructor is registered for it.
    static SHELL: ManuallyDrop<Shell> = const { ManuallyDrop::new(Shell::new()) };
}

/// Runs `f` on the shell's state. It is never destroyed, so the access cannot fail; `try_with`
/// keeps `with`'s panic message and std's panic printing out of the wasm.
pub fn shell<R>(f: impl FnOnce(&Shell) -> R) -> R {
    SHELL.try_with(|s| f(s)).unwrap_or_else(|_| core::arch::wasm32::unreachable())
}
