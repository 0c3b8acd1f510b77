//! Which gated scripts may run: the `data-category` condition and its evaluation.

use crate::category::{Category, CategorySet};

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
    fn follows_the_decision() {
        let only_perf = Some(CategorySet::necessary_only().with(Category::Performance));
        assert!(Condition::Granted(Category::Performance).allows(only_perf));
        assert!(!Condition::Granted(Category::Targeting).allows(only_perf));
        assert!(Condition::Refused(Category::Targeting).allows(only_perf));
        assert!(!Condition::Refused(Category::Performance).allows(only_perf));
    }
}
