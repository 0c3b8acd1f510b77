//! crumbs: a cookie consent manager.
//!
//! Everything that decides lives in plain Rust modules that build and test on the host; the
//! `web` module (wasm32 only) renders that state into the page and forwards events back.
//! The decision module's build turns the `std` feature off: that wasm then has no std panic
//! machinery, and panics keep no message. The full core has std, which gloo needs.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

/// What the standard prelude gives, for the `no_std` browser builds.
#[allow(unused_imports)]
pub(crate) mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::format;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}

pub mod activation;
pub mod category;
pub mod classify;
pub mod config;
pub mod consent;
pub mod consent_log;
pub mod consent_mode;
pub mod cookie_table;
pub mod erasure;
pub mod gpc;
pub mod html;
pub mod json;
pub mod lean_str;
/// Build input for the loader, never shipped in a module.
#[cfg(feature = "std")]
pub mod loader_constants;
pub mod region;
pub mod session;
pub mod sort;
pub mod texts;

pub mod view;

/// The DOM shell of the full core (browser only).
#[cfg(all(target_arch = "wasm32", feature = "web"))]
pub mod web;

/// The decision module: a first visit's "Accept all" and "Reject all" without the full core,
/// as pure code with no imports (browser only).
#[cfg(all(target_arch = "wasm32", feature = "decide", not(feature = "web")))]
#[path = "web/decide.rs"]
mod decide;

/// The browser builds' own allocator (a few hundred bytes instead of dlmalloc's 8 KB), with
/// std too.
#[cfg(target_arch = "wasm32")]
mod allocator;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: allocator::SizeClasses = allocator::SizeClasses::new();

/// Without std a panic traps: the module's export throws, the loader's catch reports it and
/// nothing more runs (fail closed). No message is kept.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
