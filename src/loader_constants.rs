//! The loader's constants, written from the Rust definitions they follow: `scripts/build.mjs`
//! runs `cargo run --example loader_constants` and hands each to esbuild as a `--define`, so
//! the loader never holds a copy of its own.

use crate::prelude::*;

use crate::category::{Category, CategorySet};
use crate::json::write_string;

/// Each constant's name in the loader's modules (`www/crumbs/loader/`) and its value as JSON.
pub fn loader_constants() -> Vec<(&'static str, String)> {
    let google = crate::consent_mode::google_consent(CategorySet::necessary_only());
    let microsoft = crate::consent_mode::microsoft_consent(CategorySet::necessary_only());
    vec![
        ("CONSENT_COOKIE", quoted(crate::consent::COOKIE_NAME)),
        ("WAITS", quoted(&waits_pattern())),
        ("GOOGLE_DEFAULT", object(google)),
        ("MICROSOFT_DEFAULT", object([microsoft])),
        ("BANNER_ACTIONS", object(crate::view::BANNER_ACTIONS)),
        ("LOG_QUEUE", quoted(crate::consent_log::QUEUE_KEY)),
    ]
}

/// The constants as one JSON object, `{"NAME": <value>, …}`: what the example prints.
pub fn loader_constants_json() -> String {
    let members: Vec<String> = loader_constants().into_iter().map(|(name, value)| quoted(name) + ":" + &quoted(&value)).collect();
    String::from("{") + &members.join(",") + "}"
}

/// The pattern of a `data-category` condition that waits for a decision (see
/// `crate::activation::Condition`): a refusal (`!targeting`), or a category other than
/// strictly necessary.
fn waits_pattern() -> String {
    let waiting: Vec<&str> = Category::ALL.iter().filter(|c| **c != Category::Necessary).map(|c| c.id()).collect();
    String::from("^\\s*(!|(") + &waiting.join("|") + ")\\s*$)"
}

fn quoted(s: &str) -> String {
    let mut out = String::new();
    write_string(&mut out, s);
    out
}

fn object<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    crate::json::write_string_object(&mut out, pairs);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Condition;

    #[test]
    fn waits_matches_exactly_the_conditions_that_wait_for_a_decision() {
        assert_eq!(waits_pattern(), "^\\s*(!|(performance|functionality|targeting)\\s*$)");
        // The same judgement in Rust: a known condition that does not allow before a decision.
        for attr in ["performance", " targeting ", "!performance", "necessary", " necessary"] {
            let waits = Condition::parse(attr).is_some_and(|c| !c.allows(None));
            let by_pattern = attr.trim_start().starts_with('!') || ["performance", "functionality", "targeting"].contains(&attr.trim());
            assert_eq!(waits, by_pattern, "{attr}");
        }
    }

    #[test]
    fn writes_every_constant() {
        let c = loader_constants();
        let get = |name| c.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str()).unwrap();
        assert_eq!(get("CONSENT_COOKIE"), "\"crumbs_consent\"");
        assert_eq!(get("MICROSOFT_DEFAULT"), "{\"ad_storage\":\"denied\"}");
        assert_eq!(
            get("BANNER_ACTIONS"),
            "{\"accept-all\":\"acceptAll\",\"reject-all\":\"rejectAll\",\"preferences\":\"showPreferences\",\"do-not-sell\":\"doNotSell\"}"
        );
        let google = get("GOOGLE_DEFAULT");
        assert!(google.contains("\"security_storage\":\"granted\"") && google.contains("\"ad_user_data\":\"denied\""), "{google}");
    }
}
