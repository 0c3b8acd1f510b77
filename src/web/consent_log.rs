//! Delivery of consent-log entries to the site's endpoint.
//!
//! Every entry goes into a queue in `localStorage` first, so a closed tab or a dead endpoint
//! loses nothing: the queue is sent with `fetch` + `keepalive`, retried with backoff and
//! jitter, handed to `sendBeacon` on `pagehide`, and resent on the next page view. An entry
//! leaves the queue only when the server confirmed it (the server is idempotent on consent id
//! and sequence, so a beacon or retry that arrives twice is stored once).

use crate::prelude::*;

use super::dom::{error, warn};
use super::shell::{shell, Shell};
use crate::consent_log::{batch_body, queue_drop_delivered, queue_entries, queue_push, retry_delay_ms, Settled, MAX_BATCH_RECORDS, QUEUE_KEY};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The consent log's endpoint and delivery state.
pub struct Delivery {
    endpoint: Option<String>,
    in_flight: bool,
    attempt: u32,
    retry_pending: bool,
    /// After a batch was refused for one of its entries: send one at a time.
    one_by_one: bool,
    /// Used when `localStorage` is unavailable (blocked storage, some private modes).
    memory_queue: String,
}

impl Delivery {
    /// No endpoint yet, nothing sent.
    pub const fn new() -> Delivery {
        Delivery { endpoint: None, in_flight: false, attempt: 0, retry_pending: false, one_by_one: false, memory_queue: String::new() }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load_queue() -> String {
    storage().and_then(|s| s.get_item(QUEUE_KEY).ok().flatten()).unwrap_or_else(|| shell(|Shell { delivery: d, .. }| d.borrow().memory_queue.clone()))
}

fn save_queue(q: &str) {
    let stored = storage().is_some_and(|s| if q.is_empty() { s.remove_item(QUEUE_KEY).is_ok() } else { s.set_item(QUEUE_KEY, q).is_ok() });
    shell(|Shell { delivery: d, .. }| d.borrow_mut().memory_queue = if stored { String::new() } else { q.to_string() });
}

/// Sets the endpoint and arms the beacon. What earlier page views left undelivered is sent by
/// the first [`flush`] (the start calls it in a later task of its own).
pub fn start(endpoint: Option<String>) {
    let Some(endpoint) = endpoint else { return };
    shell(|Shell { delivery: d, .. }| d.borrow_mut().endpoint = Some(endpoint));
    if let Some(w) = web_sys::window() {
        gloo_events::EventListener::new(&w, "pagehide", |_| send_beacon()).forget();
    }
}

/// Queues one entry and tries to deliver it now.
pub fn record(entry: &str) {
    if shell(|Shell { delivery: d, .. }| d.borrow().endpoint.is_none()) {
        return;
    }
    save_queue(&queue_push(&load_queue(), entry));
    flush();
}

fn endpoint() -> Option<String> {
    shell(|Shell { delivery: d, .. }| d.borrow().endpoint.clone())
}

/// Sends the oldest queued entries in one POST, unless a request or a retry is already pending.
pub fn flush() {
    let Some(url) = endpoint() else { return };
    let (busy, most) = shell(|Shell { delivery: d, .. }| {
        let d = d.borrow();
        (d.in_flight || d.retry_pending, if d.one_by_one { 1 } else { MAX_BATCH_RECORDS })
    });
    let queue = load_queue();
    let (body, count) = batch_body(&queue, most);
    if busy || count == 0 {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    // keepalive lets the request outlive the page (web-sys has no setter for it yet).
    let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &JsValue::TRUE);
    init.set_body(&JsValue::from_str(&body));
    let headers = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&headers, &"Content-Type".into(), &crate::consent_log::POST_CONTENT_TYPE.into());
    init.set_headers(&headers);
    shell(|Shell { delivery: d, .. }| d.borrow_mut().in_flight = true);
    let on_response = Closure::once(move |resp: JsValue| {
        let status = resp.dyn_into::<web_sys::Response>().map(|r| r.status()).unwrap_or(0);
        settle(status, count);
    });
    let on_failure = Closure::once(move |_e: JsValue| settle(0, count));
    let _ = window.fetch_with_str_and_init(&url, &init).then2(&on_response, &on_failure);
    // Exactly one of the two runs; both are freed with the page.
    on_response.forget();
    on_failure.forget();
}

/// Handles the outcome of a POST that carried the first `count` entries (`status` 0: network error).
fn settle(status: u16, count: usize) {
    shell(|Shell { delivery: d, .. }| d.borrow_mut().in_flight = false);
    match crate::consent_log::settle(status, count) {
        Settled::Delivered => {
            save_queue(&queue_drop_delivered(&load_queue(), count));
            shell(|Shell { delivery: d, .. }| d.borrow_mut().attempt = 0);
            flush();
        }
        Settled::OneByOne => {
            shell(|Shell { delivery: d, .. }| d.borrow_mut().one_by_one = true);
            flush();
        }
        Settled::Refused => {
            let mut m = String::from("the consent log refused a record for good, with HTTP ");
            crate::consent::push_dec(&mut m, status as u64);
            error(&m);
            save_queue(&queue_drop_delivered(&load_queue(), count));
            flush();
        }
        Settled::Retry => schedule_retry(),
    }
}

fn schedule_retry() {
    let attempt = shell(|Shell { delivery: d, .. }| {
        let mut d = d.borrow_mut();
        d.retry_pending = true;
        d.attempt += 1;
        d.attempt - 1
    });
    if attempt == 0 {
        warn("the consent log is unreachable; decisions are kept and will be resent");
    }
    let delay = retry_delay_ms(attempt, js_sys::Math::random());
    gloo_timers::callback::Timeout::new(delay, || {
        shell(|Shell { delivery: d, .. }| d.borrow_mut().retry_pending = false);
        flush();
    })
    .forget();
}

/// On `pagehide`, hands everything still queued to the browser, which sends it even as the
/// page goes away. The queue is kept: only a confirmed POST removes entries.
fn send_beacon() {
    let Some(url) = endpoint() else { return };
    let queue = load_queue();
    if queue_entries(&queue).next().is_none() {
        return;
    }
    let (body, _) = batch_body(&queue, MAX_BATCH_RECORDS);
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().send_beacon_with_opt_str(&url, Some(&body));
    }
}
