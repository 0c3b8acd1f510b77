//! Script and iframe URLs → category, by host, and by path or query where one host serves
//! several purposes. Rules follow each vendor's documentation; hosts match with subdomains.

use crate::prelude::*;

use super::{KnownTable, Source};
use crate::category::Category::{self, Functionality as F, Necessary as N, Performance as P, Targeting as T};
use crate::config::Config;

/// A URL's category (`None`: first party, not classifiable, or unknown), its provider and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlClassification {
    /// The category, if something knows the URL.
    pub category: Option<Category>,
    /// The vendor.
    pub provider: String,
    /// The evidence: declared (the config's `allowHosts`/`holdHosts`), rule, vendor, unknown,
    /// first-party or invalid.
    pub source: Source,
    /// The host or `host/path` that matched (for `--explain`).
    pub matched: String,
    /// The host stores nothing on the visitor's device (a public library CDN): it needs no
    /// consent.
    pub stores_nothing: bool,
}

/// `(host, path prefix, category, provider)`; `host` matches itself and its subdomains.
const RULES: &[(&str, &str, Category, &str)] = &[
    // Google: Analytics is performance; Ads, DoubleClick and AdSense are targeting.
    ("google-analytics.com", "", P, "Google Analytics"),
    ("analytics.google.com", "", P, "Google Analytics"),
    ("googleadservices.com", "", T, "Google Ads"),
    ("googlesyndication.com", "", T, "Google AdSense"),
    ("doubleclick.net", "", T, "Google (DoubleClick)"),
    // reCAPTCHA protects forms from abuse: strictly necessary (Google reCAPTCHA docs).
    ("www.google.com", "/recaptcha", N, "Google reCAPTCHA"),
    ("www.gstatic.com", "/recaptcha", N, "Google reCAPTCHA"),
    ("recaptcha.net", "", N, "Google reCAPTCHA"),
    // Maps and Fonts set no cookies but send the visitor's address to Google: functionality.
    ("www.google.com", "/maps", F, "Google Maps"),
    ("maps.google.com", "", F, "Google Maps"),
    ("maps.googleapis.com", "", F, "Google Maps"),
    ("fonts.googleapis.com", "", F, "Google Fonts"),
    ("fonts.gstatic.com", "", F, "Google Fonts"),
    // YouTube embeds set advertising cookies; the privacy-enhanced domain does not until play.
    ("youtube.com", "", T, "YouTube"),
    ("youtu.be", "", T, "YouTube"),
    ("youtube-nocookie.com", "", F, "YouTube (privacy-enhanced)"),
    ("player.vimeo.com", "", F, "Vimeo"),
    // Payments: fraud prevention is strictly necessary (Stripe docs).
    ("js.stripe.com", "", N, "Stripe"),
    ("m.stripe.network", "", N, "Stripe"),
    ("m.stripe.com", "", N, "Stripe"),
    // Live chat: functionality.
    ("static.zdassets.com", "", F, "Zendesk"),
    ("v2.zopim.com", "", F, "Zendesk Chat (Zopim)"),
    ("embed.tawk.to", "", F, "Tawk.to"),
    ("client.crisp.chat", "", F, "Crisp"),
    ("widget.intercom.io", "", F, "Intercom"),
    ("js.intercomcdn.com", "", F, "Intercom"),
    ("js.driftt.com", "", F, "Drift"),
    ("js.usemessages.com", "", F, "HubSpot chat"),
    // HubSpot: the tracking code is analytics; forms are functionality; the ads pixel targets.
    ("js.hs-scripts.com", "", P, "HubSpot"),
    ("js.hs-analytics.net", "", P, "HubSpot"),
    ("js.hsforms.net", "", F, "HubSpot forms"),
    ("js.hsadspixel.net", "", T, "HubSpot ads"),
    // Regional hosts (js-eu1.…) and the endpoints the scripts call: HubSpot's "Install the
    // HubSpot tracking code" and "Embed forms" docs; forms.hsforms.com receives submissions.
    ("hs-scripts.com", "", P, "HubSpot"),
    ("hs-analytics.net", "", P, "HubSpot"),
    ("track.hubspot.com", "", P, "HubSpot"),
    ("hsforms.net", "", F, "HubSpot forms"),
    ("hsforms.com", "", F, "HubSpot forms"),
    // Heat maps and analytics: performance.
    ("static.hotjar.com", "", P, "Hotjar"),
    ("script.hotjar.com", "", P, "Hotjar"),
    ("clarity.ms", "", P, "Microsoft Clarity"),
    ("plausible.io", "", P, "Plausible"),
    // Social and advertising pixels: targeting.
    ("connect.facebook.net", "", T, "Meta"),
    ("www.facebook.com", "/tr", T, "Meta"),
    ("bat.bing.com", "", T, "Microsoft Advertising"),
    ("snap.licdn.com", "", T, "LinkedIn"),
    ("platform.linkedin.com", "", T, "LinkedIn"),
    ("platform.twitter.com", "", T, "X (Twitter)"),
    ("static.ads-twitter.com", "", T, "X (Twitter)"),
    ("analytics.tiktok.com", "", T, "TikTok"),
    ("chimpstatic.com", "", T, "Mailchimp"),
    // Sign-up forms, comments, events and meetings embedded for the visitor: functionality.
    ("list-manage.com", "", F, "Mailchimp forms"),
    // Mailchimp's embedded-form code loads its validation script from this S3 path.
    ("s3.amazonaws.com", "/downloads.mailchimp.com/", F, "Mailchimp forms"),
    ("gravatar.com", "", F, "Gravatar"),
    ("akismet.com", "", N, "Akismet"),
    ("eventbrite.com", "", F, "Eventbrite"),
    ("eventbrite.co.uk", "", F, "Eventbrite"),
    ("zoom.us", "", F, "Zoom"),
];

/// Public library CDNs: they serve files and store nothing on the visitor's device, so they need
/// no consent (each CDN's privacy statement); a site's jQuery or framework must not wait for one.
const STORES_NOTHING: &[(&str, &str)] = &[
    ("cdn.jsdelivr.net", "jsDelivr"),
    ("fastly.jsdelivr.net", "jsDelivr"),
    ("unpkg.com", "unpkg"),
    ("cdnjs.cloudflare.com", "cdnjs"),
    ("code.jquery.com", "jQuery CDN"),
    ("ajax.googleapis.com", "Google Hosted Libraries"),
    ("ajax.aspnetcdn.com", "ASP.NET CDN"),
    ("stackpath.bootstrapcdn.com", "BootstrapCDN"),
    ("maxcdn.bootstrapcdn.com", "BootstrapCDN"),
    ("cdn.skypack.dev", "Skypack"),
    ("esm.sh", "esm.sh"),
    ("polyfill-fastly.io", "Polyfill (Fastly)"),
    ("cdnjs.com", "cdnjs"),
];

/// The parts of an absolute http(s) URL crumbs looks at.
struct Parts<'a> {
    host: String,
    path: &'a str,
    query: &'a str,
}

/// Parses by hand (no URL crate in the core): `Err` names why a URL is not classifiable.
fn parse(url: &str) -> Result<Option<Parts<'_>>, &'static str> {
    let url = url.trim();
    if url.is_empty() {
        return Err("empty");
    }
    let rest = if let Some(r) = url.strip_prefix("//") {
        r
    } else if let Some((scheme, r)) = url.split_once(':').filter(|(s, _)| !s.contains(['/', '?', '#'])) {
        match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" => r.strip_prefix("//").ok_or("no host")?,
            _ => return Err("not an http(s) URL"),
        }
    } else {
        return Ok(None); // relative: the site's own
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at_checked(end).unwrap_or((rest, ""));
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("no valid host");
    }
    let tail = after.split('#').next().unwrap_or("");
    let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
    Ok(Some(Parts { host: host.trim_end_matches('.').to_ascii_lowercase(), path, query }))
}

/// The host of an absolute http(s) URL, lower case (`None` for relative or invalid URLs).
pub fn url_host(url: &str) -> Option<String> {
    parse(url).ok().flatten().map(|p| p.host)
}

fn host_matches(host: &str, rule: &str) -> bool {
    host == rule || host.strip_suffix(rule).is_some_and(|p| p.ends_with('.'))
}

/// The value of a query parameter.
fn query_param<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query.split('&').find_map(|kv| kv.split_once('=').filter(|(k, _)| *k == key).map(|(_, v)| v))
}

/// Google's tag URLs serve Analytics and Ads alike: the tag id says which.
/// `G-` is a GA4 property (performance); `AW-`/`DC-` are Ads/Floodlight (targeting); `GT-` and
/// `GTM-` containers can load anything, so they need the strictest consent (targeting).
fn google_tag(parts: &Parts) -> Option<(Category, &'static str)> {
    if !host_matches(&parts.host, "googletagmanager.com") {
        return None;
    }
    let id = query_param(parts.query, "id").unwrap_or("");
    Some(if id.starts_with("G-") || id.starts_with("UA-") {
        (P, "Google Analytics")
    } else if id.starts_with("AW-") || id.starts_with("DC-") {
        (T, "Google Ads")
    } else {
        (T, "Google Tag Manager")
    })
}

/// Classifies a script or iframe URL. `page_host`, when given, makes same-host URLs first party.
/// Order of evidence: the config's `allowHosts`/`holdHosts`, crumbs' own rules, the vendor
/// knowledge base (`table`).
pub fn classify_url(url: &str, page_host: Option<&str>, config: &Config, table: &KnownTable) -> UrlClassification {
    let none = |source| UrlClassification { category: None, provider: String::new(), source, matched: String::new(), stores_nothing: false };
    let parts = match parse(url) {
        Err(_) => return none(Source::Invalid),
        Ok(None) => return none(Source::FirstParty),
        Ok(Some(p)) => p,
    };
    if page_host.is_some_and(|h| h.eq_ignore_ascii_case(&parts.host)) {
        return none(Source::FirstParty);
    }
    let hit = |c: Category, provider: &str, source, matched: &str, stores_nothing| UrlClassification {
        category: Some(c),
        provider: provider.to_string(),
        source,
        matched: matched.to_string(),
        stores_nothing,
    };
    if let Some((c, host)) = config.host_override(&parts.host) {
        return hit(c, "", Source::Declared, host, false);
    }
    if let Some((c, p)) = google_tag(&parts) {
        return hit(c, p, Source::Rule, "googletagmanager.com", false);
    }
    if let Some((h, p)) = STORES_NOTHING.iter().find(|(h, _)| host_matches(&parts.host, h)) {
        return hit(N, p, Source::Rule, h, true);
    }
    let rule = RULES
        .iter()
        .filter(|(h, path, _, _)| host_matches(&parts.host, h) && parts.path.starts_with(path))
        .max_by_key(|(h, path, _, _)| (h.len(), path.len()));
    if let Some((h, _, c, p)) = rule {
        return hit(*c, p, Source::Rule, h, false);
    }
    match table.lookup_host(&parts.host, parts.path) {
        Some(k) => hit(k.category, k.provider, Source::Vendor, k.matched, k.stores_nothing),
        None => none(Source::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(url: &str, page_host: Option<&str>) -> UrlClassification {
        classify_url(url, page_host, &Config::default(), &KnownTable::empty())
    }

    fn cat(url: &str) -> Option<Category> {
        classify(url, Some("example.org")).category
    }

    #[test]
    fn google_tags_by_id() {
        assert_eq!(cat("https://www.googletagmanager.com/gtag/js?id=G-ABC123"), Some(P));
        assert_eq!(cat("https://www.googletagmanager.com/gtag/js?l=dataLayer&id=AW-99"), Some(T));
        assert_eq!(cat("https://www.googletagmanager.com/gtm.js?id=GTM-XYZ"), Some(T));
        assert_eq!(cat("https://www.google-analytics.com/analytics.js"), Some(P));
    }

    #[test]
    fn one_host_several_purposes() {
        assert_eq!(cat("https://www.youtube.com/embed/abc"), Some(T));
        assert_eq!(cat("https://www.youtube-nocookie.com/embed/abc"), Some(F));
        assert_eq!(cat("https://www.google.com/recaptcha/api.js"), Some(N));
        assert_eq!(cat("https://www.google.com/maps/embed?pb=1"), Some(F));
        assert_eq!(cat("https://www.google.com/search?q=x"), None);
        assert_eq!(cat("https://js.stripe.com/v3/"), Some(N));
        assert_eq!(cat("https://v2.zopim.com/?key"), Some(F));
        assert_eq!(cat("https://connect.facebook.net/en_US/fbevents.js"), Some(T));
        assert_eq!(cat("//static.hotjar.com/c/hotjar-1.js?sv=6"), Some(P));
        assert_eq!(cat("HTTPS://User@JS.Stripe.com:443/v3"), Some(N));
    }

    #[test]
    fn reference_site_vendors() {
        assert_eq!(cat("https://js-eu1.hs-scripts.com/4812345.js"), Some(P));
        assert_eq!(cat("https://js.hs-analytics.net/analytics/1700000000000/4812345.js"), Some(P));
        assert_eq!(cat("https://track.hubspot.com/__ptq.gif?a=1"), Some(P));
        assert_eq!(cat("https://js-eu1.hsforms.net/forms/embed/4812345.js"), Some(F));
        assert_eq!(cat("https://forms.hsforms.com/submissions/v3/integration/submit/1/abc"), Some(F));
        assert_eq!(cat("https://s3.amazonaws.com/downloads.mailchimp.com/js/mc-validate.js"), Some(F));
        assert_eq!(cat("https://s3.amazonaws.com/some-other-bucket/x.js"), None);
        assert_eq!(cat("https://us21.list-manage.com/subscribe/post-json?c=cb"), Some(F));
        assert_eq!(cat("https://m.stripe.com/6"), Some(N));
        assert_eq!(cat("https://www.eventbrite.co.uk/static/widgets/eb_widgets.js"), Some(F));
        assert_eq!(cat("https://secure.gravatar.com/avatar/abc"), Some(F));
        assert_eq!(cat("https://fonts.gstatic.com/s/lato/v24/x.woff2"), Some(F));
    }

    #[test]
    fn subdomains_match_but_lookalikes_do_not() {
        assert_eq!(cat("https://stats.g.doubleclick.net/x"), Some(T));
        assert_eq!(cat("https://evildoubleclick.net/x"), None);
        assert_eq!(cat("https://doubleclick.net.evil.example/x"), None);
    }

    #[test]
    fn first_party_and_invalid() {
        assert_eq!(classify("/js/app.js", None).source, Source::FirstParty);
        assert_eq!(classify("https://example.org/a.js", Some("example.org")).source, Source::FirstParty);
        for bad in ["javascript:alert(1)", "data:text/javascript,1", "", "https://", "http:///x", "blob:https://x/1"] {
            assert_eq!(classify(bad, None).source, Source::Invalid, "{bad}");
        }
        assert_eq!(classify("https://cdn.unknown.example/x.js", None).source, Source::Unknown);
        assert_eq!(url_host("HTTPS://u@Maps.Example.org:8443/x?y").as_deref(), Some("maps.example.org"));
        assert_eq!(url_host("/relative"), None);
    }
}
