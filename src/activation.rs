//! Which gated scripts may run: the `data-category` condition and its evaluation.

use crate::category::{Category, CategorySet};
use crate::config::Config;
use crate::consent::ConsentRecord;

/// What to do with a gated element now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Activate it.
    Run,
    /// Keep it inert; a later decision may allow it.
    Wait,
    /// Its attributes name no known category or service: it never runs.
    Never,
}

/// Decides a gated element from its `data-category` and optional `data-service` attributes.
/// A service runs when it was allowed on its own or its category is granted; the service's
/// category comes from the config, else from `data-category`. Before any decision, what
/// `defaults` holds runs too (the regional rules' defaults for this element:
/// `Session::script_verdict`); a decision replaces them.
pub fn verdict(
    category_attr: Option<&str>,
    service_attr: Option<&str>,
    decision: Option<&ConsentRecord>,
    defaults: CategorySet,
    config: &Config,
) -> Verdict {
    let condition = category_attr.and_then(Condition::parse);
    if let Some(service) = service_attr.map(str::trim).filter(|s| !s.is_empty()) {
        let category = config.service_category(service).or(match condition {
            Some(Condition::Granted(c)) => Some(c),
            _ => None,
        });
        let known = category.is_some();
        return match decision {
            _ if category == Some(Category::Necessary) => Verdict::Run,
            Some(d) if d.allows_service(service, category) => Verdict::Run,
            None if category.is_some_and(|c| defaults.contains(c)) => Verdict::Run,
            _ if known || config.categories.iter().any(|c| c.services.iter().any(|s| s.id == service)) => Verdict::Wait,
            _ => Verdict::Never,
        };
    }
    match condition {
        None => Verdict::Never,
        Some(Condition::Granted(c)) if decision.is_none() && defaults.contains(c) => Verdict::Run,
        Some(c) if c.allows(decision.map(|d| d.granted)) => Verdict::Run,
        Some(_) => Verdict::Wait,
    }
}

/// The condition written in a gated element's `data-category` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    /// `data-category="performance"`: runs once the category is granted.
    Granted(Category),
    /// `data-category="!targeting"`: runs only once a decision refused the category.
    Refused(Category),
}

impl Condition {
    /// Parses an attribute value; `None` for anything unknown, which never runs (fail closed).
    pub fn parse(attr: &str) -> Option<Condition> {
        let attr = attr.trim();
        match attr.strip_prefix('!') {
            Some(rest) => Category::from_id(rest.trim()).map(Condition::Refused),
            None => Category::from_id(attr).map(Condition::Granted),
        }
    }

    /// Whether the element may run, given the decision (`None`: the visitor has not decided).
    pub fn allows(self, decision: Option<CategorySet>) -> bool {
        match (self, decision) {
            (Condition::Granted(Category::Necessary), _) => true,
            (_, None) => false,
            (Condition::Granted(c), Some(granted)) => granted.contains(c),
            (Condition::Refused(c), Some(granted)) => !granted.contains(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_conditions() {
        assert_eq!(Condition::parse("performance"), Some(Condition::Granted(Category::Performance)));
        assert_eq!(Condition::parse(" !targeting "), Some(Condition::Refused(Category::Targeting)));
        assert_eq!(Condition::parse("tracking"), None);
        assert_eq!(Condition::parse("!"), None);
        assert_eq!(Condition::parse(""), None);
    }

    #[test]
    fn nothing_runs_before_a_decision() {
        for c in Category::ALL.into_iter().skip(1) {
            assert!(!Condition::Granted(c).allows(None));
            assert!(!Condition::Refused(c).allows(None));
        }
        assert!(Condition::Granted(Category::Necessary).allows(None));
    }

    #[test]
    fn services_run_alone_or_with_their_category() {
        let config =
            crate::config::parse_config(r#"{"categories": [{"id": "targeting", "services": [{"id": "youtube", "name": "YouTube"}]}]}"#).unwrap();
        let none = ConsentRecord::new(CategorySet::necessary_only(), 1, 0, [0; 16]);
        let yt = none.clone().with_services(["youtube".to_string()]);
        let all = ConsentRecord::new(CategorySet::all(), 1, 0, [0; 16]);
        let v = |cat, svc, d| verdict(cat, svc, d, CategorySet::necessary_only(), &config);
        assert_eq!(v(None, Some("youtube"), None), Verdict::Wait);
        assert_eq!(v(None, Some("youtube"), Some(&none)), Verdict::Wait);
        assert_eq!(v(None, Some("youtube"), Some(&yt)), Verdict::Run);
        assert_eq!(v(None, Some("youtube"), Some(&all)), Verdict::Run);
        // An undeclared service needs a category to be judged by.
        assert_eq!(v(None, Some("vimeo"), Some(&all)), Verdict::Never);
        assert_eq!(v(Some("functionality"), Some("vimeo"), Some(&all)), Verdict::Run);
        assert_eq!(v(Some("functionality"), Some("vimeo"), Some(&none)), Verdict::Wait);
        assert_eq!(v(Some("performance"), None, Some(&yt)), Verdict::Wait);
        assert_eq!(v(Some("bogus"), None, Some(&all)), Verdict::Never);
        assert_eq!(v(Some("!targeting"), None, Some(&yt)), Verdict::Run);
    }

    #[test]
    fn defaults_run_before_a_decision_and_a_decision_replaces_them() {
        let config =
            crate::config::parse_config(r#"{"categories": [{"id": "targeting", "services": [{"id": "youtube", "name": "YouTube"}]}]}"#).unwrap();
        let perf = CategorySet::necessary_only().with(Category::Performance);
        let none = ConsentRecord::new(CategorySet::necessary_only(), 1, 0, [0; 16]);
        assert_eq!(verdict(Some("performance"), None, None, perf, &config), Verdict::Run);
        assert_eq!(verdict(Some("performance"), None, Some(&none), perf, &config), Verdict::Wait, "an objection ends the default");
        assert_eq!(verdict(Some("functionality"), None, None, perf, &config), Verdict::Wait);
        assert_eq!(verdict(Some("!performance"), None, None, perf, &config), Verdict::Wait, "a refusal needs a decision");
        assert_eq!(verdict(None, Some("youtube"), None, perf.with(Category::Targeting), &config), Verdict::Run);
        assert_eq!(verdict(None, Some("youtube"), None, perf, &config), Verdict::Wait);
    }

    #[test]
    fn follows_the_decision() {
        let only_perf = Some(CategorySet::necessary_only().with(Category::Performance));
        assert!(Condition::Granted(Category::Performance).allows(only_perf));
        assert!(!Condition::Granted(Category::Targeting).allows(only_perf));
        assert!(Condition::Refused(Category::Targeting).allows(only_perf));
        assert!(!Condition::Refused(Category::Performance).allows(only_perf));
    }
}
