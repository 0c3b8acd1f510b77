//! crumbs: a cookie consent manager.
//!
//! Everything that decides lives in plain Rust modules that build and test on the host; the
//! `web` module (wasm32 only) renders that state into the page and forwards events back.

pub mod category;
pub mod classify;
pub mod config;
pub mod gpc;
pub mod consent;
pub mod consent_log;
pub mod consent_mode;
pub mod cookie_table;
pub mod erasure;
pub mod activation;
pub mod json;
pub mod sort;
pub mod texts;

/// The DOM shell (browser only).
#[cfg(target_arch = "wasm32")]
pub mod web;
