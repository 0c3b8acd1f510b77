//! Every string the banner shows, its English default, and the per-language lookup.

use crate::prelude::*;

/// One translatable string of the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// Banner heading.
    BannerTitle,
    /// Banner body text.
    BannerText,
    /// Link text to the privacy policy.
    PolicyLink,
    /// "Accept all" button.
    AcceptAll,
    /// "Reject all" button.
    RejectAll,
    /// Button that opens the category choices.
    Preferences,
    /// Heading of the category choices.
    PreferencesTitle,
    /// Button that stores the ticked categories.
    SaveChoices,
    /// Label beside the locked strictly-necessary switch.
    AlwaysOn,
    /// Category name: strictly necessary.
    NecessaryTitle,
    /// Category description: strictly necessary.
    NecessaryDescription,
    /// Category name: performance.
    PerformanceTitle,
    /// Category description: performance.
    PerformanceDescription,
    /// Category name: functionality.
    FunctionalityTitle,
    /// Category description: functionality.
    FunctionalityDescription,
    /// Category name: targeting.
    TargetingTitle,
    /// Category description: targeting.
    TargetingDescription,
    /// Cookie table column: cookie name.
    TableCookie,
    /// Cookie table column: provider.
    TableProvider,
    /// Cookie table column: purpose.
    TablePurpose,
    /// Cookie table column: expiry.
    TableExpires,
    /// Observed-cookies table column: category.
    TableCategory,
    /// Cookie table: a category with no cookies.
    TableNoCookies,
    /// Cookie table: heading for cookies no rule or declaration knows.
    TableUnclassified,
    /// Observed-cookies table heading.
    TableObserved,
    /// Button that closes the preferences without deciding.
    Close,
    /// Toggle that shows the cookies of one category.
    ShowCookies,
    /// The floating button that reopens the choices.
    SettingsButton,
    /// Notice shown when the browser's Global Privacy Control signal was honoured.
    GpcHonoured,
    /// Embed placeholder text; `{provider}` and `{category}` are replaced.
    EmbedBlocked,
    /// Embed placeholder button: load this one embed only.
    LoadOnce,
    /// Embed placeholder button: grant the embed's category.
    AlwaysAllow,
    /// Banner notice under the UK regime: the owner's own statistics and appearance cookies are on.
    UkDefaultsNotice,
    /// The UK banner's one-click objection (in place of "Reject all").
    TurnOffAll,
    /// Banner notice under the US opt-out regime: personal information may be sold or shared.
    UsOptOutNotice,
    /// The US opt-out link: refuses targeting.
    DoNotSell,
}

use crate::category::Category;

/// Every text's key by discriminant, computed at compile time: looking a key up does not
/// reach the English wording, which a module that shows few texts can then leave out.
const KEYS: [&str; Text::ALL.len()] = {
    let mut keys = [""; Text::ALL.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[Text::ALL[i] as usize] = Text::ALL[i].entry().0;
        i += 1;
    }
    keys
};

impl Text {
    /// Every text, in the order the config documents them.
    pub const ALL: [Text; 36] = [
        Text::BannerTitle,
        Text::BannerText,
        Text::PolicyLink,
        Text::AcceptAll,
        Text::RejectAll,
        Text::Preferences,
        Text::PreferencesTitle,
        Text::SaveChoices,
        Text::AlwaysOn,
        Text::NecessaryTitle,
        Text::NecessaryDescription,
        Text::PerformanceTitle,
        Text::PerformanceDescription,
        Text::FunctionalityTitle,
        Text::FunctionalityDescription,
        Text::TargetingTitle,
        Text::TargetingDescription,
        Text::TableCookie,
        Text::TableProvider,
        Text::TablePurpose,
        Text::TableExpires,
        Text::TableCategory,
        Text::TableNoCookies,
        Text::TableUnclassified,
        Text::TableObserved,
        Text::Close,
        Text::ShowCookies,
        Text::SettingsButton,
        Text::GpcHonoured,
        Text::EmbedBlocked,
        Text::LoadOnce,
        Text::AlwaysAllow,
        Text::UkDefaultsNotice,
        Text::TurnOffAll,
        Text::UsOptOutNotice,
        Text::DoNotSell,
    ];

    /// The key of this text in the config's `texts.<language>` object.
    pub const fn key(self) -> &'static str {
        KEYS[self as usize]
    }

    /// The built-in English wording (a `const fn`, so a table of a few texts' wording can be
    /// built at compile time without carrying all of them).
    pub const fn english(self) -> &'static str {
        self.entry().1
    }

    /// Looks a text up by its config key.
    pub fn from_key(key: &str) -> Option<Text> {
        Text::ALL.into_iter().find(|t| t.key() == key)
    }

    /// The title text of a category.
    pub fn category_title(c: Category) -> Text {
        match c {
            Category::Necessary => Text::NecessaryTitle,
            Category::Performance => Text::PerformanceTitle,
            Category::Functionality => Text::FunctionalityTitle,
            Category::Targeting => Text::TargetingTitle,
        }
    }

    /// The description text of a category.
    pub fn category_description(c: Category) -> Text {
        match c {
            Category::Necessary => Text::NecessaryDescription,
            Category::Performance => Text::PerformanceDescription,
            Category::Functionality => Text::FunctionalityDescription,
            Category::Targeting => Text::TargetingDescription,
        }
    }

    const fn entry(self) -> (&'static str, &'static str) {
        match self {
            Text::BannerTitle => ("bannerTitle", "We use cookies"),
            Text::BannerText => (
                "bannerText",
                "Some cookies are needed for this site to work. With your permission we would also use cookies that measure how the site is used, remember your choices and support our services. You can accept or reject them, or choose by category. You can change your mind at any time.",
            ),
            Text::PolicyLink => ("policyLink", "Read our cookie policy"),
            Text::AcceptAll => ("acceptAll", "Accept all"),
            Text::RejectAll => ("rejectAll", "Reject all"),
            Text::Preferences => ("preferences", "Choose cookies"),
            Text::PreferencesTitle => ("preferencesTitle", "Choose which cookies we may use"),
            Text::SaveChoices => ("saveChoices", "Save choices"),
            Text::AlwaysOn => ("alwaysOn", "Always on"),
            Text::NecessaryTitle => ("necessaryTitle", "Strictly necessary"),
            Text::NecessaryDescription => (
                "necessaryDescription",
                "Needed for the site to work, for example to keep you signed in or to remember this choice. They cannot be switched off.",
            ),
            Text::PerformanceTitle => ("performanceTitle", "Performance"),
            Text::PerformanceDescription => (
                "performanceDescription",
                "Count visits and show us how the site is used, so we can improve it.",
            ),
            Text::FunctionalityTitle => ("functionalityTitle", "Functionality"),
            Text::FunctionalityDescription => (
                "functionalityDescription",
                "Remember your choices and provide features such as live chat and embedded content.",
            ),
            Text::TargetingTitle => ("targetingTitle", "Targeting"),
            Text::TargetingDescription => (
                "targetingDescription",
                "Used by advertising and social media services to build a profile of your interests and show you relevant adverts on other sites.",
            ),
            Text::TableCookie => ("tableCookie", "Cookie"),
            Text::TableProvider => ("tableProvider", "Provider"),
            Text::TablePurpose => ("tablePurpose", "Purpose"),
            Text::TableExpires => ("tableExpires", "Expires"),
            Text::TableCategory => ("tableCategory", "Category"),
            Text::TableNoCookies => ("tableNoCookies", "No cookies used"),
            Text::TableUnclassified => ("tableUnclassified", "Unclassified"),
            Text::TableObserved => ("tableObserved", "Cookies in this browser"),
            Text::Close => ("close", "Close"),
            Text::ShowCookies => ("showCookies", "Show cookies"),
            Text::SettingsButton => ("settingsButton", "Cookie settings"),
            Text::GpcHonoured => (
                "gpcHonoured",
                "Your browser sent a Global Privacy Control signal, so we have switched off targeting cookies for you.",
            ),
            Text::EmbedBlocked => ("embedBlocked", "This {provider} content is blocked until you allow {category} cookies."),
            Text::LoadOnce => ("loadOnce", "Load once"),
            Text::AlwaysAllow => ("alwaysAllow", "Always allow"),
            Text::UkDefaultsNotice => (
                "ukDefaultsNotice",
                "Some of our own cookies, for statistics and for how the site looks, are on without asking first, as UK law allows. You can turn them off at any time.",
            ),
            Text::TurnOffAll => ("turnOffAll", "Turn all off"),
            Text::UsOptOutNotice => (
                "usOptOutNotice",
                "We and our partners may sell or share personal information collected through cookies for advertising. You can opt out at any time.",
            ),
            Text::DoNotSell => ("doNotSell", "Do not sell or share my personal information"),
        }
    }
}

/// Texts overridden by the site owner for one language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextOverrides {
    /// Language code as written in the config, e.g. `en` or `pt-BR`.
    pub language: String,
    /// The overridden strings.
    pub texts: Vec<(Text, String)>,
}

/// Languages crumbs ships wording for, by file name: English is built in; the others are small
/// files the loader fetches only when needed, `www/crumbs/lang/<code>.json`. The one list: the
/// loader asks the wasm for the file, and the tests check the folder against it.
pub const SHIPPED_LANGUAGES: [&str; 34] = [
    // The 24 official languages of the EU.
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl",
    "sv", //
    // Beyond the EU.
    "ar", "he", "tr", "uk", "ru", "nb", "zh-Hans", "ja", "ko", "pt-BR",
];

/// Tags that reach a shipped file under another code (`no`, Norwegian, is read as Bokmål), or
/// that must not reach their base language's (Traditional Chinese is not served Simplified).
pub(crate) const LANGUAGE_ALIASES: [(&str, Option<&str>); 6] =
    [("no", Some("nb")), ("zh", Some("zh-Hans")), ("zh-Hant", None), ("zh-TW", None), ("zh-HK", None), ("zh-MO", None)];

/// The shipped language (a code of [`SHIPPED_LANGUAGES`]) whose wording a tag reads: the tag
/// itself, else ever shorter prefixes of it (RFC 4647 lookup), so `pt-BR` gets `pt-BR`,
/// `pt-PT` gets `pt`, `zh-Hans-CN` and `zh-CN` get `zh-Hans`, and `nb-NO` and `no` get `nb`.
pub fn shipped_language(tag: &str) -> Option<&'static str> {
    // Bytes, not chars: the separators are ASCII, and a byte search keeps the wasm small.
    let mut prefix = tag.as_bytes();
    loop {
        if let Some(code) = SHIPPED_LANGUAGES.iter().find(|c| c.as_bytes().eq_ignore_ascii_case(prefix)) {
            return Some(code);
        }
        if let Some((_, to)) = LANGUAGE_ALIASES.iter().find(|(a, _)| a.as_bytes().eq_ignore_ascii_case(prefix)) {
            return *to;
        }
        prefix = &prefix[..prefix.iter().rposition(|b| *b == b'-' || *b == b'_')?];
    }
}

/// Languages written right to left.
pub(crate) const RTL_LANGUAGES: [&str; 5] = ["ar", "he", "fa", "ur", "yi"];

/// The base language of a tag, lower case: `pt` for `pt-BR`.
pub fn base_language(tag: &str) -> String {
    // A byte search (the separators are ASCII, so the slice is on a char boundary).
    let end = tag.bytes().position(|b| b == b'-' || b == b'_').unwrap_or(tag.len());
    tag.get(..end).unwrap_or(tag).to_ascii_lowercase()
}

/// The shipped language file with crumbs' wording for `language` (`"de"` for `lang/de.json`),
/// or nothing when that is English, which is built in, or a language crumbs does not ship.
pub fn language_file(language: &str) -> Option<String> {
    shipped_language(language).filter(|code| *code != "en").map(String::from)
}

/// Whether a language is written right to left.
pub fn is_rtl(tag: &str) -> bool {
    RTL_LANGUAGES.contains(&base_language(tag).as_str())
}

/// The `dir` attribute for text in a language: `rtl` or `ltr`.
pub fn direction(tag: &str) -> &'static str {
    if is_rtl(tag) {
        "rtl"
    } else {
        "ltr"
    }
}

/// Picks the banner language: the config's, else the page's `<html lang>`, else the first of
/// the browser's languages crumbs has wording for, else English. A config or page language
/// is honoured even without shipped wording (the site may supply it in `texts`).
pub fn pick_language(config: Option<&str>, html: Option<&str>, browser: &[String], overridden: &[TextOverrides]) -> String {
    let known = |tag: &str| {
        let base = base_language(tag);
        shipped_language(tag).is_some() || overridden.iter().any(|o| base_language(&o.language) == base)
    };
    let valid = |t: &&str| crate::config::is_language_tag(t);
    if let Some(c) = config.filter(valid) {
        return c.to_string();
    }
    if let Some(h) = html.filter(valid).filter(|h| known(h)) {
        return h.to_string();
    }
    browser.iter().map(String::as_str).filter(valid).find(|b| known(b)).unwrap_or("en").to_string()
}

/// Resolves a text: the site's override for `language`, then for its base language (`pt` for
/// `pt-BR`), then crumbs' shipped wording for the language (`shipped`), then English.
pub fn resolve<'a>(overrides: &'a [TextOverrides], shipped: &'a [(Text, String)], language: &str, text: Text) -> &'a str {
    site_or_shipped(overrides, shipped, language, text).unwrap_or_else(|| text.english())
}

/// The site's or crumbs' shipped wording of a text, as [`resolve`] looks for it before English.
pub fn site_or_shipped<'a>(overrides: &'a [TextOverrides], shipped: &'a [(Text, String)], language: &str, text: Text) -> Option<&'a str> {
    let base = base_language(language);
    for lang in [language, base.as_str()] {
        if let Some(o) = overrides.iter().find(|o| o.language.eq_ignore_ascii_case(lang)) {
            if let Some((_, s)) = o.texts.iter().find(|(t, _)| *t == text) {
                return Some(s);
            }
        }
    }
    shipped.iter().find(|(t, _)| *t == text).map(|(_, s)| s.as_str())
}

/// Reads a shipped language file (`{"acceptAll": "…", …}`); unknown keys and non-strings
/// are skipped, so a damaged file degrades to English string by string.
pub fn parse_shipped(text: &str) -> Vec<(Text, String)> {
    let Ok(crate::json::Json::Object(members)) = crate::json::parse(text) else { return vec![] };
    members
        .into_iter()
        .filter_map(|(k, v)| match v {
            crate::json::Json::String(s) => known_text(&k, s),
            _ => None,
        })
        .collect()
}

/// `key: text` as a text crumbs knows, unless the key is unknown or the text blank.
pub fn known_text(key: &str, text: String) -> Option<(Text, String)> {
    Some((Text::from_key(key)?, text)).filter(|(_, s)| !s.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_language_is_the_lowercased_first_subtag() {
        for (tag, base) in [("pt-BR", "pt"), ("zh_Hant", "zh"), ("EN", "en"), ("de", "de"), ("é-x", "é"), ("", "")] {
            assert_eq!(base_language(tag), base, "{tag}");
        }
    }

    #[test]
    fn language_file_only_for_shipped_languages_but_english() {
        assert_eq!(language_file("de-AT").as_deref(), Some("de"));
        assert_eq!(language_file("PT-br").as_deref(), Some("pt-BR"));
        assert_eq!(language_file("en-GB"), None, "English is built in");
        assert_eq!(language_file("cy"), None, "not shipped");
    }

    #[test]
    fn region_and_script_subtags_reach_the_right_file() {
        for (tag, file) in [
            ("pt-BR", Some("pt-BR")),
            ("pt-br", Some("pt-BR")),
            ("pt-PT", Some("pt")),
            ("pt", Some("pt")),
            ("zh-Hans", Some("zh-Hans")),
            ("zh-Hans-CN", Some("zh-Hans")),
            ("zh-CN", Some("zh-Hans")),
            ("zh_SG", Some("zh-Hans")),
            ("zh", Some("zh-Hans")),
            ("zh-Hant", None),
            ("zh-Hant-TW", None),
            ("zh-TW", None),
            ("zh-HK", None),
            ("nb-NO", Some("nb")),
            ("no", Some("nb")),
            ("no-NO", Some("nb")),
            ("de-CH", Some("de")),
            ("ga-IE", Some("ga")),
            ("en-US", None),
            ("xx", None),
            ("", None),
            ("-", None),
        ] {
            assert_eq!(language_file(tag).as_deref(), file, "{tag}");
        }
        assert_eq!(shipped_language("en-US"), Some("en"));
    }

    #[test]
    fn keys_are_unique_and_round_trip() {
        for t in Text::ALL {
            assert_eq!(Text::from_key(t.key()), Some(t));
            assert!(!t.english().is_empty());
        }
    }

    #[test]
    fn resolves_with_fallback() {
        let o = vec![
            TextOverrides { language: "pt".into(), texts: vec![(Text::AcceptAll, "Aceitar tudo".into())] },
            TextOverrides { language: "pt-BR".into(), texts: vec![(Text::RejectAll, "Rejeitar".into())] },
        ];
        let shipped = parse_shipped(r#"{"bannerTitle": "Cookies", "acceptAll": "Aceitar", "bogus": "x", "rejectAll": 3}"#);
        assert_eq!(shipped.len(), 2);
        assert_eq!(resolve(&o, &shipped, "pt-BR", Text::RejectAll), "Rejeitar");
        assert_eq!(resolve(&o, &shipped, "pt-BR", Text::AcceptAll), "Aceitar tudo");
        assert_eq!(resolve(&o, &shipped, "pt-BR", Text::BannerTitle), "Cookies");
        assert_eq!(resolve(&o, &[], "pt-BR", Text::BannerTitle), "We use cookies");
        assert_eq!(resolve(&o, &[], "de", Text::AcceptAll), "Accept all");
        assert!(parse_shipped("not json").is_empty());
    }

    #[test]
    fn picks_the_language() {
        let b = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(pick_language(Some("de"), Some("fr"), &b(&["es"]), &[]), "de");
        assert_eq!(pick_language(None, Some("fr-CA"), &b(&["es"]), &[]), "fr-CA");
        // A page language without wording gives way to the browser's.
        assert_eq!(pick_language(None, Some("xx"), &b(&["cy", "nl-BE"]), &[]), "nl-BE");
        assert_eq!(pick_language(None, None, &b(&["cy"]), &[]), "en");
        assert_eq!(pick_language(None, Some("bad tag!"), &[], &[]), "en");
        let cy = vec![TextOverrides { language: "cy".into(), texts: vec![] }];
        assert_eq!(pick_language(None, Some("cy"), &[], &cy), "cy");
        assert!(is_rtl("ar-EG") && is_rtl("he") && !is_rtl("en"));
        // Region subtags: the visitor's own variant when shipped, else the base; unknown ones
        // give way to the next known language, and then to English.
        assert_eq!(pick_language(None, None, &b(&["pt-BR", "en"]), &[]), "pt-BR");
        assert_eq!(pick_language(None, Some("zh-TW"), &b(&["zh-CN"]), &[]), "zh-CN");
        assert_eq!(pick_language(None, None, &b(&["zh-Hant-TW", "xx"]), &[]), "en");
        assert_eq!(pick_language(Some("nb-NO"), Some("fr"), &b(&["es"]), &[]), "nb-NO");
    }
}
