//! Consent signals for ad platforms: Google Consent Mode v2 and Microsoft UET consent mode.
//!
//! Mapping (Google's consent types):
//! performance → `analytics_storage`; targeting → `ad_storage`, `ad_user_data`,
//! `ad_personalization`; functionality → `functionality_storage`, `personalization_storage`;
//! necessary → `security_storage` (always granted).

use crate::prelude::*;

use crate::category::{Category, CategorySet};

/// Google's consent types and the category each follows.
pub const GOOGLE_TYPES: [(&str, Category); 7] = [
    ("ad_storage", Category::Targeting),
    ("ad_user_data", Category::Targeting),
    ("ad_personalization", Category::Targeting),
    ("analytics_storage", Category::Performance),
    ("functionality_storage", Category::Functionality),
    ("personalization_storage", Category::Functionality),
    ("security_storage", Category::Necessary),
];

/// `"granted"` or `"denied"` for every Google consent type under a decision.
pub fn google_consent(granted: CategorySet) -> Vec<(&'static str, &'static str)> {
    GOOGLE_TYPES.iter().map(|(t, c)| (*t, if granted.contains(*c) { "granted" } else { "denied" })).collect()
}

/// Microsoft UET's one consent type, `ad_storage`, follows targeting.
pub fn microsoft_consent(granted: CategorySet) -> (&'static str, &'static str) {
    ("ad_storage", if granted.contains(Category::Targeting) { "granted" } else { "denied" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_denies_all_but_security() {
        let d = google_consent(CategorySet::necessary_only());
        assert!(d.iter().all(|(t, v)| (*t == "security_storage") == (*v == "granted")), "{d:?}");
        assert_eq!(microsoft_consent(CategorySet::necessary_only()), ("ad_storage", "denied"));
    }

    #[test]
    fn follows_categories() {
        let d = google_consent(CategorySet::necessary_only().with(Category::Performance));
        assert!(d.contains(&("analytics_storage", "granted")) && d.contains(&("ad_storage", "denied")));
        let all = google_consent(CategorySet::all());
        assert!(all.iter().all(|(_, v)| *v == "granted"));
        assert_eq!(microsoft_consent(CategorySet::all()), ("ad_storage", "granted"));
    }
}
