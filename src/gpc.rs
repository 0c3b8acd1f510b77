//! Global Privacy Control: which categories the browser's "do not sell or share" signal
//! refuses on the visitor's behalf.
//!
//! With the signal on, crumbs records an automatic decision (method `gpc`) that refuses those
//! categories, still shows the banner for the rest, says the signal was honoured, and makes
//! "Accept all" leave them refused. Only an explicit choice of the category itself (its switch,
//! or `crumbs.accept([...])`) grants it.

use crate::category::{Category, CategorySet};
use crate::config::Config;
use crate::region::{Regime, Rules};

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

/// What crumbs' automatic decision from the signal grants: under the US opt-out regime, what
/// runs by default minus what the signal refuses ("do not sell or share"); anywhere else
/// nothing but strictly necessary (under the UK regime the signal also counts as an objection
/// to the defaults).
pub fn automatic_set(config: &Config, rules: Rules) -> CategorySet {
    match rules.regime {
        Regime::UsOptOut => rules.defaults.minus(refused_by_gpc(config)).intersect(config.category_set()).with(Category::Necessary),
        _ => CategorySet::necessary_only(),
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

    #[test]
    fn the_automatic_decision_keeps_the_us_defaults_but_what_the_signal_refuses() {
        let c = parse_config(r#"{"regions": {"us": {"allowByDefault": ["performance", "targeting"]}, "uk": {"allowByDefault": ["performance"]}}}"#)
            .unwrap();
        let rules = |region| Rules::for_region(region, c.region_defaults);
        let perf = CategorySet::necessary_only().with(Category::Performance);
        assert_eq!(automatic_set(&c, rules(crate::region::Region::Us)), perf, "do not sell or share: targeting refused");
        assert_eq!(automatic_set(&c, rules(crate::region::Region::Uk)), CategorySet::necessary_only(), "an objection in the UK");
        assert_eq!(automatic_set(&c, Rules::default()), CategorySet::necessary_only());
        let strict = parse_config(r#"{"gpcRefusesPerformance": true, "regions": {"us": {"allowByDefault": ["performance", "targeting"]}}}"#).unwrap();
        assert_eq!(automatic_set(&strict, Rules::for_region(crate::region::Region::Us, strict.region_defaults)), CategorySet::necessary_only());
    }
}
