//! The banner as data: the elements, attributes and texts of the first layer, built without a
//! DOM. The full core draws this tree through web-sys, and the loader's first paint draws it
//! from templates the build writes from it (`loader_constants::banner_templates`), so the
//! banner a visitor sees first and the one the full core replaces it with cannot drift apart;
//! and the host tests can read it.

use crate::prelude::*;

use crate::config::Layout;
use crate::region::{Regime, Rules};
use crate::texts::Text;

/// An element: its tag, its attributes and its children, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    /// The tag name.
    pub tag: &'static str,
    /// Attributes, set as given (values are text, never markup).
    pub attrs: Vec<(&'static str, String)>,
    /// Child elements and text, in document order.
    pub children: Vec<Node>,
}

/// A child of an element.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A nested element.
    Element(Element),
    /// A text node (inserted as text, never parsed).
    Text(String),
}

impl Element {
    /// The element's text, its descendants' included.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for c in &self.children {
            match c {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => out.push_str(&e.text()),
            }
        }
        out
    }

    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }

    /// Every element in the subtree, this one first, in document order.
    pub fn descendants(&self) -> Vec<&Element> {
        let mut out = vec![self];
        for c in &self.children {
            if let Node::Element(e) = c {
                out.extend(e.descendants());
            }
        }
        out
    }
}

fn el(tag: &'static str, attrs: &[(&'static str, &str)], children: Vec<Node>) -> Node {
    Node::Element(Element { tag, attrs: attrs.iter().map(|(k, v)| (*k, (*v).to_string())).collect(), children })
}

fn text(s: &str) -> Node {
    Node::Text(s.to_string())
}

/// A button that stands for `action` (`data-action`), in one of crumbs' button classes.
pub fn button(action: &str, class: &str, label: &str) -> Element {
    let attrs = vec![("type", "button".into()), ("data-action", action.into()), ("class", class.into())];
    Element { tag: "button", attrs, children: vec![text(label)] }
}

/// Every text the banner shows.
pub const BANNER_TEXTS: [Text; 11] = [
    Text::BannerTitle,
    Text::BannerText,
    Text::PolicyLink,
    Text::GpcHonoured,
    Text::UkDefaultsNotice,
    Text::UsOptOutNotice,
    Text::AcceptAll,
    Text::RejectAll,
    Text::TurnOffAll,
    Text::Preferences,
    Text::DoNotSell,
];

/// What the banner depends on besides its texts.
pub struct BannerInput<'a> {
    /// Where the banner sits (also its CSS class).
    pub layout: Layout,
    /// The privacy policy the banner links to, if the config names one.
    pub policy_url: Option<&'a str>,
    /// Whether the browser sends the Global Privacy Control signal (the banner says it is honoured).
    pub gpc: bool,
    /// The language the texts are in.
    pub language: &'a str,
    /// The regional rules of this page view: what the banner must say runs by default.
    pub rules: Rules,
}

/// The `data-action` of the "Accept all" buttons.
pub const ACCEPT_ALL: &str = "accept-all";
/// The `data-action` of the "Reject all" buttons.
pub const REJECT_ALL: &str = "reject-all";
/// The `data-action` that opens the preferences.
pub const PREFERENCES: &str = "preferences";
/// The `data-action` of "Do not sell or share my personal information".
pub const DO_NOT_SELL: &str = "do-not-sell";
/// The banner's actions and the `window.crumbs` method each calls: the loader maps clicks on
/// the first paint's banner with this table.
pub const BANNER_ACTIONS: [(&str, &str); 4] =
    [(ACCEPT_ALL, "acceptAll"), (REJECT_ALL, "rejectAll"), (PREFERENCES, "showPreferences"), (DO_NOT_SELL, "doNotSell")];

/// What the regional rules change in the banner's wording: one rule for the banner and for
/// the texts a record says were shown (`consent_log::texts_shown`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegionalWording {
    /// The notice of what runs by default, if any.
    pub notice: Option<Text>,
    /// The label of the "reject all" button: under the UK regime it is the objection, "Turn all off".
    pub reject_all: Text,
    /// Whether "Do not sell or share my personal information" is offered: under the US opt-out
    /// regime with targeting on by default, unless the GPC signal already said so.
    pub do_not_sell: bool,
}

impl RegionalWording {
    /// The wording under `rules`, with or without the GPC signal.
    pub fn of(rules: Rules, gpc: bool) -> RegionalWording {
        let sells = rules.regime == Regime::UsOptOut && rules.defaults.contains(crate::category::Category::Targeting) && !gpc;
        match rules.regime {
            Regime::UkDuaa => RegionalWording { notice: Some(Text::UkDefaultsNotice), reject_all: Text::TurnOffAll, do_not_sell: false },
            _ => RegionalWording { notice: sells.then_some(Text::UsOptOutNotice), reject_all: Text::RejectAll, do_not_sell: sells },
        }
    }
}

/// The first layer: title, text with the policy link, the GPC note when the signal is sent, and
/// "accept all", "reject all" and "preferences". Accept and reject share one class, so they
/// look exactly alike: rejecting is as easy as accepting. Under the UK regime a notice says
/// what is on by default and "reject all" is the objection ("Turn all off"); under the US
/// opt-out regime with targeting on by default, a notice and "Do not sell or share my personal
/// information" (unless the GPC signal already said so).
pub fn banner<'a>(input: &BannerInput<'a>, t: impl Fn(Text) -> &'a str) -> Element {
    let mut class = String::from("banner ");
    class.push_str(input.layout.id());
    let mut paragraph = vec![text(t(Text::BannerText))];
    if let Some(url) = input.policy_url {
        paragraph.push(text(" "));
        paragraph.push(el("a", &[("href", url)], vec![text(t(Text::PolicyLink))]));
    }
    let mut children = vec![el("h2", &[("id", "crumbs-title")], vec![text(t(Text::BannerTitle))]), el("p", &[("id", "crumbs-text")], paragraph)];
    if input.gpc {
        children.push(el("p", &[("class", "gpc"), ("data-crumbs", "gpc")], vec![text(t(Text::GpcHonoured))]));
    }
    let regional = RegionalWording::of(input.rules, input.gpc);
    if let Some(notice) = regional.notice {
        children.push(el("p", &[("class", "region"), ("data-crumbs", "region")], vec![text(t(notice))]));
    }
    let mut buttons = vec![
        Node::Element(button(ACCEPT_ALL, "choice", t(Text::AcceptAll))),
        Node::Element(button(REJECT_ALL, "choice", t(regional.reject_all))),
        Node::Element(button(PREFERENCES, "secondary", t(Text::Preferences))),
    ];
    if regional.do_not_sell {
        buttons.push(Node::Element(button(DO_NOT_SELL, "secondary", t(Text::DoNotSell))));
    }
    children.push(el("div", &[("class", "buttons")], buttons));
    Element {
        tag: "section",
        attrs: vec![
            ("class", class),
            ("data-crumbs", "banner".into()),
            ("role", "dialog".into()),
            ("aria-labelledby", "crumbs-title".into()),
            ("aria-describedby", "crumbs-text".into()),
            ("tabindex", "-1".into()),
            ("lang", input.language.into()),
            ("dir", crate::texts::direction(input.language).into()),
        ],
        children,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(t: Text) -> &'static str {
        t.english()
    }

    fn input<'a>(policy_url: Option<&'a str>, gpc: bool, language: &'static str) -> BannerInput<'a> {
        BannerInput { layout: Layout::BoxCorner, policy_url, gpc, language, rules: Rules::default() }
    }

    fn in_regime(regime: Regime, defaults: &[crate::category::Category], gpc: bool) -> Element {
        let rules = Rules { regime, defaults: defaults.iter().copied().collect() };
        banner(&BannerInput { rules, ..input(None, gpc, "en") }, english)
    }

    fn with_action<'a>(b: &'a Element, action: &str) -> &'a Element {
        b.descendants().into_iter().find(|e| e.attr("data-action") == Some(action)).expect(action)
    }

    #[test]
    fn banner_texts_lists_every_text_the_banner_shows() {
        use crate::category::Category::{Performance, Targeting};
        let asked = core::cell::RefCell::new(vec![]);
        for (regime, gpc) in [(Regime::OptIn, true), (Regime::UkDuaa, false), (Regime::UsOptOut, false)] {
            let rules = Rules { regime, defaults: [Performance, Targeting].into_iter().collect() };
            banner(&BannerInput { rules, ..input(Some("/p"), gpc, "en") }, |t| {
                asked.borrow_mut().push(t);
                t.english()
            });
        }
        let mut asked = asked.into_inner();
        asked.sort_by_key(|t| t.key());
        asked.dedup();
        let mut listed = BANNER_TEXTS.to_vec();
        listed.sort_by_key(|t| t.key());
        assert_eq!(asked, listed);
    }

    #[test]
    fn reject_is_as_easy_as_accept() {
        let b = banner(&input(None, false, "en"), english);
        let (accept, reject) = (with_action(&b, "accept-all"), with_action(&b, "reject-all"));
        assert_eq!(accept.tag, "button");
        assert_eq!(reject.tag, "button");
        assert_eq!(accept.attr("class"), reject.attr("class"), "same look");
        assert_eq!(accept.text(), "Accept all");
        assert_eq!(reject.text(), "Reject all");
        assert_eq!(with_action(&b, "preferences").text(), Text::Preferences.english());
    }

    #[test]
    fn a_labelled_dialog_in_the_layout_and_language() {
        let b = banner(&input(None, false, "he"), english);
        assert_eq!(b.attr("role"), Some("dialog"));
        assert_eq!(b.attr("class"), Some("banner box-corner"));
        assert_eq!(b.attr("lang"), Some("he"));
        assert_eq!(b.attr("dir"), Some("rtl"));
        let ids: Vec<_> = b.descendants().iter().filter_map(|e| e.attr("id")).collect();
        assert!(ids.contains(&b.attr("aria-labelledby").unwrap()));
        assert!(ids.contains(&b.attr("aria-describedby").unwrap()));
        assert_eq!(banner(&input(None, false, "en-GB"), english).attr("dir"), Some("ltr"));
    }

    #[test]
    fn policy_link_only_with_a_url() {
        let without = banner(&input(None, false, "en"), english);
        assert!(without.descendants().iter().all(|e| e.tag != "a"));
        let with = banner(&input(Some("/privacy?x=<b>"), false, "en"), english);
        let a = with.descendants().into_iter().find(|e| e.tag == "a").unwrap();
        assert_eq!(a.attr("href"), Some("/privacy?x=<b>"), "kept as text");
        assert_eq!(a.text(), Text::PolicyLink.english());
    }

    #[test]
    fn the_uk_banner_says_what_is_on_and_objects_in_one_click() {
        use crate::category::Category::Performance;
        let b = in_regime(Regime::UkDuaa, &[Performance], false);
        let notice = b.descendants().into_iter().find(|e| e.attr("data-crumbs") == Some("region")).expect("the notice");
        assert_eq!(notice.text(), Text::UkDefaultsNotice.english());
        let (accept, object) = (with_action(&b, ACCEPT_ALL), with_action(&b, REJECT_ALL));
        assert_eq!((object.text().as_str(), object.attr("class")), ("Turn all off", accept.attr("class")), "as easy as accepting");
        assert!(b.descendants().iter().all(|e| e.attr("data-action") != Some(DO_NOT_SELL)));
        let plain = banner(&input(None, false, "en"), english);
        assert!(plain.descendants().iter().all(|e| e.attr("data-crumbs") != Some("region")), "opt-in: unchanged");
        assert_eq!(with_action(&plain, REJECT_ALL).text(), "Reject all");
    }

    #[test]
    fn the_us_banner_offers_do_not_sell_while_targeting_is_on_by_default() {
        use crate::category::Category::{Performance, Targeting};
        let b = in_regime(Regime::UsOptOut, &[Performance, Targeting], false);
        assert_eq!(with_action(&b, DO_NOT_SELL).text(), "Do not sell or share my personal information");
        assert!(b.text().contains(Text::UsOptOutNotice.english()));
        let honoured = in_regime(Regime::UsOptOut, &[Performance, Targeting], true);
        assert!(honoured.descendants().iter().all(|e| e.attr("data-action") != Some(DO_NOT_SELL)), "the signal said so already");
        let no_sale = in_regime(Regime::UsOptOut, &[Performance], false);
        assert!(no_sale.descendants().iter().all(|e| e.attr("data-crumbs") != Some("region")));
    }

    #[test]
    fn gpc_note_only_with_the_signal() {
        let gpc = |on| banner(&input(None, on, "en"), english).descendants().iter().any(|e| e.attr("data-crumbs") == Some("gpc"));
        assert!(gpc(true));
        assert!(!gpc(false));
    }

    #[test]
    fn texts_come_from_the_resolver_as_text() {
        let b = banner(&input(None, false, "en"), |t| if t == Text::BannerTitle { "<script>x</script>" } else { "." });
        let title = b.descendants().into_iter().find(|e| e.tag == "h2").unwrap();
        assert_eq!(title.children, vec![Node::Text("<script>x</script>".into())]);
    }
}
