//! The loader's constants, written from the Rust definitions they follow: `scripts/build.mjs`
//! runs `cargo run --example loader_constants` and hands each to esbuild as a `--define`, so
//! the loader never holds a copy of its own.

use crate::prelude::*;

use crate::category::{Category, CategorySet};
use crate::config::{Layout, Theme};
use crate::json::write_string;
use crate::texts::{self, Text};
use crate::view::{self, Element, Node};

/// Each constant's name in the loader's modules (`www/crumbs/loader/`) and its value as JSON.
pub fn loader_constants() -> Vec<(&'static str, String)> {
    let google = crate::consent_mode::google_consent(CategorySet::necessary_only());
    let microsoft = crate::consent_mode::microsoft_consent(CategorySet::necessary_only());
    let trees = banner_templates();
    let english = first_paint_texts(&trees).into_iter().map(|t| (t.key(), t.english()));
    vec![
        ("CONSENT_COOKIE", quoted(crate::consent::COOKIE_NAME)),
        ("WAITS", quoted(&waits_pattern())),
        ("GOOGLE_DEFAULT", object(google)),
        ("MICROSOFT_DEFAULT", object([microsoft])),
        ("BANNER_ACTIONS", object(crate::view::BANNER_ACTIONS)),
        ("LOG_QUEUE", quoted(crate::consent_log::QUEUE_KEY)),
        ("LOG_CONTENT_TYPE", quoted(crate::consent_log::POST_CONTENT_TYPE)),
        ("BANNER_ENGLISH", object(english)),
        ("BANNER_TREES", trees),
        ("TEXT_KEYS", array(Text::ALL.iter().map(|t| t.key()))),
        ("SHIPPED_LANGUAGES", array(texts::SHIPPED_LANGUAGES)),
        // An alias that must not reach a file maps to "" (no file), as `None` in Rust.
        ("LANGUAGE_ALIASES", object(texts::LANGUAGE_ALIASES.iter().map(|(a, to)| (*a, to.unwrap_or(""))))),
        ("RTL_LANGUAGES", array(texts::RTL_LANGUAGES)),
        // Each list's first id is its default.
        ("LAYOUTS", array(Layout::IDS.iter().map(|(id, _)| *id))),
        ("THEMES", array(Theme::IDS.iter().map(|(id, _)| *id))),
    ]
}

/// The texts the first paint's trees show: the opt-in banner's (regional banners are the full
/// core's to draw).
fn first_paint_texts(templates: &str) -> Vec<Text> {
    view::BANNER_TEXTS.into_iter().filter(|t| templates.contains(&format!("\\u0001{}\"", t.key()))).collect()
}

/// Marks a slot in a banner template: `\u{1}name`, filled by the loader's first paint with a
/// text (`name` a [`Text`] key) or one of [`SLOTS`].
const SLOT: char = '\u{1}';
/// The banner's slots that are not texts: the layout's class, the language, its direction and
/// the policy link.
pub const SLOTS: [&str; 4] = ["layout", "lang", "dir", "url"];

/// The first layer as the loader's first paint draws it, without a wasm module: the banner
/// [`view::banner`] builds, as JSON templates (`[tag, [name, value, …], child, …]`, a text as
/// a string) with slots where its inputs go. Four trees, one per combination of a policy link
/// (1) and the GPC note (2), so the loader decides nothing about the tree's shape.
pub fn banner_templates() -> String {
    let mut out = String::from("[");
    for i in 0..4 {
        if i > 0 {
            out.push(',');
        }
        write_template(&mut out, &template(i & 1 != 0, i & 2 != 0));
    }
    out.push(']');
    out
}

/// The banner with slots for its inputs: policy link `with_url`, GPC note `gpc`.
fn template(with_url: bool, gpc: bool) -> Element {
    let slot = |name: &str| format!("{SLOT}{name}");
    let (url, lang) = (slot("url"), slot("lang"));
    // Drawn in a layout whose id then becomes the slot, and in a language with no direction of
    // its own, whose `dir` becomes the slot.
    let layout = Layout::default();
    let input = view::BannerInput { layout, policy_url: with_url.then_some(url.as_str()), gpc, language: &lang, rules: Default::default() };
    let mut tree = view::banner(&input, |t| leak(slot(t.key())));
    mark_slots(&mut tree, layout.id());
    tree
}

/// Turns the layout's class and the direction into slots, in `e` and below.
fn mark_slots(e: &mut Element, layout: &str) {
    for (name, value) in e.attrs.iter_mut() {
        match *name {
            "class" if e.tag == "section" && value.ends_with(layout) => *value = value.replace(layout, &format!("{SLOT}layout")),
            "dir" => *value = format!("{SLOT}dir"),
            _ => {}
        }
    }
    for c in e.children.iter_mut() {
        if let Node::Element(child) = c {
            mark_slots(child, layout);
        }
    }
}

/// A text slot lives as long as the program (a build tool's, run once).
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn write_template(out: &mut String, e: &Element) {
    out.push('[');
    write_string(out, e.tag);
    out.push_str(",[");
    for (i, (name, value)) in e.attrs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, name);
        out.push(',');
        write_string(out, value);
    }
    out.push(']');
    for c in &e.children {
        out.push(',');
        match c {
            Node::Element(child) => write_template(out, child),
            Node::Text(t) => write_string(out, t),
        }
    }
    out.push(']');
}

fn array<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(quoted).collect();
    String::from("[") + &items.join(",") + "]"
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

    /// The loader's first paint, in Rust: a template with its slots filled (`values`), as
    /// `www/crumbs/loader/first-paint.js` draws it.
    fn fill(tree: &crate::json::Json, values: &dyn Fn(&str) -> String) -> Node {
        use crate::json::Json;
        let fill_str = |s: &str| -> String {
            let mut out = String::new();
            let mut rest = s;
            while let Some(at) = rest.find(SLOT) {
                out.push_str(&rest[..at]);
                let name_len = rest[at + 1..].find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len() - at - 1);
                out.push_str(&values(&rest[at + 1..at + 1 + name_len]));
                rest = &rest[at + 1 + name_len..];
            }
            out + rest
        };
        match tree {
            Json::String(s) => Node::Text(fill_str(s)),
            Json::Array(items) => {
                let (Json::String(tag), Json::Array(attrs)) = (&items[0], &items[1]) else { panic!("tag and attributes") };
                let attrs = attrs
                    .chunks(2)
                    .map(|kv| match kv {
                        [Json::String(k), Json::String(v)] => (leak(k.clone()), fill_str(v)),
                        _ => panic!("name, value"),
                    })
                    .collect();
                let children = items[2..].iter().map(|c| fill(c, values)).collect();
                Node::Element(Element { tag: leak(tag.clone()), attrs, children })
            }
            _ => panic!("unexpected {tree:?}"),
        }
    }

    #[test]
    fn the_banner_templates_fill_to_exactly_the_banner_the_core_draws() {
        let Ok(crate::json::Json::Array(trees)) = crate::json::parse(&banner_templates()) else { panic!("JSON array") };
        assert_eq!(trees.len(), 4);
        let words = |t: Text| if t == Text::AcceptAll { "Tout <b>accepter</b> \u{1}url" } else { t.english() };
        for (_, layout) in Layout::IDS {
            for language in ["en", "ar", "de-AT", "he"] {
                for (i, tree) in trees.iter().enumerate() {
                    let url = (i & 1 != 0).then_some("/privacy?a=1&b=\"x\"");
                    let input = view::BannerInput { layout, policy_url: url, gpc: i & 2 != 0, language, rules: Default::default() };
                    let values = |name: &str| -> String {
                        match name {
                            "layout" => layout.id().into(),
                            "lang" => language.into(),
                            "dir" => texts::direction(language).into(),
                            "url" => url.unwrap().into(),
                            key => words(Text::from_key(key).expect("a text key")).into(),
                        }
                    };
                    let Node::Element(filled) = fill(tree, &values) else { panic!("an element") };
                    assert_eq!(filled, view::banner(&input, words), "{layout:?} {language} tree {i}");
                }
            }
        }
        let c = loader_constants();
        let get = |name| c.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).unwrap();
        assert!(get("LAYOUTS").starts_with(&format!("[\"{}\"", Layout::default().id())), "the default first");
        assert!(get("THEMES").starts_with(&format!("[\"{}\"", Theme::default().id())), "the default first");
        for slot in SLOTS {
            assert!(Text::from_key(slot).is_none(), "{slot} is no text key");
        }
    }
}
