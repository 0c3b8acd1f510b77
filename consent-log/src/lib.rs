//! The crumbs consent log: validates consent records from the browser, stores them durably in
//! SQLite with a tamper-evident hash chain, and proves and exports them for the site owner.

pub mod record;
pub mod store;
