//! Global Privacy Control: which categories the browser's "do not sell or share" signal
//! refuses on the visitor's behalf.
//!
//! With the signal on, crumbs records an automatic decision (method `gpc`) that refuses those
//! categories, still shows the banner for the rest, says the signal was honoured, and makes
//! "Accept all" leave them refused. Only an explicit choice of the category itself (its switch,
//! or `crumbs.accept([...])`) grants it.

use crate::category::{Category, CategorySet};
use crate::config::Config;

/// The categories the signal refuses under this config: targeting, and performance when the
/// site owner says so.
pub fn refused_by_gpc(config: &Config) -> CategorySet {
    let mut s = CategorySet::empty().with(Category::Targeting);
    if config.gpc_refuses_performance {
        s = s.with(Category::Performance);
    }
    s
}

/// What "Accept all" grants: every category the site uses, minus what the signal refuses.
pub fn accept_all_set(config: &Config, gpc: bool) -> CategorySet {
    let all = config.category_set();
    if gpc {
        all.minus(refused_by_gpc(config))
    } else {
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;

    #[test]
    fn signal_refuses_targeting_and_optionally_performance() {
        let plain = parse_config("{}").unwrap();
        assert_eq!(accept_all_set(&plain, false), CategorySet::all());
        assert_eq!(accept_all_set(&plain, true), CategorySet::all().without(Category::Targeting));
        let strict = parse_config(r#"{"gpcRefusesPerformance": true}"#).unwrap();
        assert_eq!(accept_all_set(&strict, true), CategorySet::necessary_only().with(Category::Functionality));
    }
}
