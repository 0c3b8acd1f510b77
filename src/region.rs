//! Regional rules: which regime a page view is under, and what it lets run before the visitor
//! decides.
//!
//! - **Opt-in** (the default; the EU's ePrivacy Directive and the UK's PECR before 2026):
//!   nothing but strictly necessary storage before the visitor agrees.
//! - **UK, Data (Use and Access) Act 2025** (s.112, amending PECR reg.6): storage for a site's
//!   own statistics and appearance may be set without consent, if the visitor is told and can
//!   object simply and free of charge. The site owner lists `performance` and/or
//!   `functionality` under `regions.uk.allowByDefault`; only first-party storage qualifies, so
//!   only gated scripts on the site's own hosts (inline, or on the page's host or under its
//!   `cookieDomain`) run by default: no third-party URL and no named service. Targeting never.
//! - **US opt-out** (CCPA/CPRA and the states that followed): what the owner lists under
//!   `regions.us.allowByDefault` runs by default, third parties included, until the visitor
//!   opts out ("Do not sell or share my personal information") or their browser sends the
//!   Global Privacy Control signal, which refuses targeting (`gpc.rs`).
//!
//! The region comes from the page (`data-region` on crumbs' tag, set by the site's server from
//! the visitor's location) or the config's `defaultRegion`; crumbs looks nothing up itself.

use crate::category::{Category, CategorySet};

/// Where the visitor is, as far as crumbs' rules go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Region {
    /// Anywhere without rules of its own here (the EU and EEA, and every other country): opt-in.
    #[default]
    Elsewhere,
    /// The United Kingdom.
    Uk,
    /// The United States.
    Us,
}

impl Region {
    /// Reads a `data-region` or `defaultRegion` value: `eu`, `uk`, `us`, or an ISO 3166-1
    /// alpha-2 country code in any case (`GB` is `uk`), optionally with an ISO 3166-2
    /// subdivision (`US-CA`, `GB-SCT`). `None` for anything else.
    pub fn parse(value: &str) -> Option<Region> {
        // No slice indexing: its panic path would bring number formatting into the decision module.
        let mut parts = value.as_bytes().split(|c| *c == b'-');
        let country = parts.next().unwrap_or_default();
        let subdivision = match (parts.next(), parts.next()) {
            (None, _) => true,
            (Some(s), None) => (1..=3).contains(&s.len()) && s.iter().all(u8::is_ascii_alphanumeric),
            _ => false,
        };
        let &[a, b] = country else { return None };
        if !subdivision || !a.is_ascii_alphabetic() || !b.is_ascii_alphabetic() {
            return None;
        }
        Some(match [a.to_ascii_lowercase(), b.to_ascii_lowercase()] {
            [b'u', b'k'] | [b'g', b'b'] => Region::Uk,
            [b'u', b's'] => Region::Us,
            _ => Region::Elsewhere,
        })
    }
}

/// The rules a decision is made under: what the consent log records with it (`regime`) and
/// the consent cookie keeps (a record made under one regime does not stand under another,
/// except an opt-in one, which is consent everywhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, PartialOrd, Ord)]
pub enum Regime {
    /// Nothing but strictly necessary before consent.
    #[default]
    OptIn,
    /// UK DUAA 2025: the owner's first-party statistics and appearance storage by default.
    UkDuaa,
    /// US opt-out: what the owner lists by default until the visitor opts out.
    UsOptOut,
}

impl Regime {
    /// Every regime, in the order of their cookie bits.
    pub const ALL: [Regime; 3] = [Regime::OptIn, Regime::UkDuaa, Regime::UsOptOut];

    /// The id on the wire (the consent log's `regime`).
    pub fn id(self) -> &'static str {
        match self {
            Regime::OptIn => "opt-in",
            Regime::UkDuaa => "uk-duaa",
            Regime::UsOptOut => "us-opt-out",
        }
    }

    /// Whether a record made under `made_under` stands under this regime.
    pub fn honours(self, made_under: Regime) -> bool {
        made_under == self || made_under == Regime::OptIn
    }
}

/// What the site owner allows by default in each region (`regions` in the config); empty sets
/// where it allows nothing. Never strictly necessary (always allowed), never targeting in the UK.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct RegionDefaults {
    /// `regions.uk.allowByDefault`.
    pub uk: CategorySet,
    /// `regions.us.allowByDefault`.
    pub us: CategorySet,
}

/// The regime of a page view and what it allows before any decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Rules {
    /// The regime decisions are made and logged under.
    pub regime: Regime,
    /// The categories allowed before a decision (empty under opt-in; never strictly necessary).
    pub defaults: CategorySet,
}

impl Rules {
    /// The rules for a region under the owner's `regions`: a region the owner allows nothing
    /// in is opt-in.
    pub fn for_region(region: Region, defaults: RegionDefaults) -> Rules {
        let (regime, defaults) = match region {
            Region::Uk => (Regime::UkDuaa, defaults.uk),
            Region::Us => (Regime::UsOptOut, defaults.us),
            Region::Elsewhere => (Regime::OptIn, CategorySet::empty()),
        };
        if defaults == CategorySet::empty() {
            Rules::default()
        } else {
            Rules { regime, defaults }
        }
    }

    /// The rules of a page view: its `data-region` (`tag`, when the site's server set one),
    /// else the config's `defaultRegion`. `None` for a `data-region` crumbs does not know: the
    /// caller reports it and uses the opt-in default (fail closed).
    pub fn choose(tag: Option<&str>, default_region: Region, defaults: RegionDefaults) -> Option<Rules> {
        let region = match tag.map(str::trim_ascii).filter(|t| !t.is_empty()) {
            Some(t) => Region::parse(t)?,
            None => default_region,
        };
        Some(Rules::for_region(region, defaults))
    }

    /// Whether, before any decision, something of `category` may run; `first_party`: whether
    /// it is the site's own (an inline gated script, or one on the site's own hosts). Under the
    /// UK regime only first-party storage qualifies.
    pub fn allows_by_default(self, category: Category, first_party: bool) -> bool {
        category == Category::Necessary || (self.defaults.contains(category) && (first_party || self.regime == Regime::UsOptOut))
    }

    /// The categories allowed before a decision for something first-party or not.
    pub fn defaults_for(self, first_party: bool) -> CategorySet {
        Category::ALL.into_iter().filter(|c| self.allows_by_default(*c, first_party)).collect()
    }

    /// Whether anything beyond strictly necessary runs before a decision: then the full core
    /// starts at once (the decision module leaves such a page view to it).
    pub fn allows_anything(self) -> bool {
        self.defaults != CategorySet::empty()
    }
}

/// The console error for a `data-region` crumbs does not know.
pub fn unknown_region_error(value: &str) -> crate::prelude::String {
    let mut m = crate::prelude::String::from("data-region ");
    crate::json::write_string(&mut m, value);
    m.push_str(" is not a region crumbs knows (expected eu, uk, us or an ISO 3166 country code such as FR or US-CA): using the opt-in default, nothing but strictly necessary runs before the visitor decides");
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: RegionDefaults = RegionDefaults { uk: CategorySet::empty(), us: CategorySet::empty() };

    fn defaults() -> RegionDefaults {
        let stats = CategorySet::empty().with(Category::Performance).with(Category::Functionality);
        RegionDefaults { uk: stats, us: stats.with(Category::Targeting) }
    }

    #[test]
    fn region_values_are_eu_uk_us_and_iso_codes() {
        for (value, region) in [
            ("uk", Region::Uk),
            ("GB", Region::Uk),
            ("gb-sct", Region::Uk),
            ("us", Region::Us),
            ("US-CA", Region::Us),
            ("eu", Region::Elsewhere),
            ("FR", Region::Elsewhere),
            ("de-BY", Region::Elsewhere),
            ("jp", Region::Elsewhere),
        ] {
            assert_eq!(Region::parse(value), Some(region), "{value}");
        }
        for bad in ["", "usa", "united-kingdom", "u", "u1", "us-", "us-cali", "g b", "ée", "🇬🇧"] {
            assert_eq!(Region::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_region_the_owner_allows_nothing_in_is_opt_in() {
        for region in [Region::Elsewhere, Region::Uk, Region::Us] {
            assert_eq!(Rules::for_region(region, BOTH), Rules::default());
        }
        assert_eq!(Rules::for_region(Region::Elsewhere, defaults()), Rules::default(), "the EU default never changes");
        assert_eq!(Rules::for_region(Region::Uk, defaults()).regime, Regime::UkDuaa);
        assert_eq!(Rules::for_region(Region::Us, defaults()).regime, Regime::UsOptOut);
    }

    #[test]
    fn the_tag_wins_over_the_default_and_an_unknown_tag_is_refused() {
        let d = defaults();
        assert_eq!(Rules::choose(Some("us"), Region::Uk, d).unwrap().regime, Regime::UsOptOut);
        assert_eq!(Rules::choose(None, Region::Uk, d).unwrap().regime, Regime::UkDuaa);
        assert_eq!(Rules::choose(Some(" "), Region::Us, d).unwrap().regime, Regime::UsOptOut, "an empty attribute is none");
        assert_eq!(Rules::choose(Some("FR"), Region::Us, d).unwrap(), Rules::default());
        assert_eq!(Rules::choose(Some("mars"), Region::Us, d), None);
        assert!(unknown_region_error("mars").starts_with("data-region \"mars\" is not a region crumbs knows"));
    }

    #[test]
    fn uk_defaults_are_first_party_only_and_us_defaults_are_not() {
        let uk = Rules::for_region(Region::Uk, defaults());
        assert!(uk.allows_by_default(Category::Performance, true) && uk.allows_by_default(Category::Functionality, true));
        assert!(!uk.allows_by_default(Category::Performance, false), "a third party's statistics never qualify");
        assert!(!uk.allows_by_default(Category::Targeting, true));
        assert!(uk.allows_by_default(Category::Necessary, false));
        let us = Rules::for_region(Region::Us, defaults());
        assert!(us.allows_by_default(Category::Targeting, false));
        assert_eq!(us.defaults_for(false), CategorySet::all());
        assert_eq!(Rules::default().defaults_for(true), CategorySet::necessary_only());
        assert!(!Rules::default().allows_anything() && uk.allows_anything());
    }

    #[test]
    fn an_opt_in_record_stands_everywhere_and_others_only_where_made() {
        for r in Regime::ALL {
            assert!(r.honours(Regime::OptIn) && r.honours(r));
        }
        assert!(!Regime::OptIn.honours(Regime::UkDuaa) && !Regime::OptIn.honours(Regime::UsOptOut));
        assert!(!Regime::UkDuaa.honours(Regime::UsOptOut) && !Regime::UsOptOut.honours(Regime::UkDuaa));
    }
}
