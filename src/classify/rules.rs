//! crumbs' own rules, written from vendors' cookie documentation. They come before the Open
//! Cookie Database, whose `Functional` column mixes strictly necessary cookies with
//! functionality ones, and fix the cookies real sites set most. `*` ends a prefix.

use crate::category::Category::{self, Functionality as F, Necessary as N, Performance as P, Targeting as T};

/// `(name or prefix*, category, provider)`.
pub const RULES: &[(&str, Category, &str)] = &[
    // Consent records: needed to honour the visitor's choice (ICO guidance; each CMP's docs).
    ("crumbs_consent", N, "crumbs"),
    ("CookieConsent", N, "Cookiebot"),
    ("cc_cookie", N, "CookieConsent"),
    ("OptanonConsent", N, "OneTrust"),
    ("OptanonAlertBoxClosed", N, "OneTrust"),
    ("euconsent-v2", N, "IAB TCF"),
    ("euconsent", N, "IAB TCF"),
    ("klaro", N, "Klaro"),
    ("tarteaucitron", N, "tarteaucitron"),
    ("cookieyes-consent", N, "CookieYes"),
    ("CookieScriptConsent", N, "Cookie-Script"),
    ("_tracking_consent", N, "Shopify"),
    // Framework session and anti-forgery cookies: the site cannot work without them.
    ("ASP.NET_SessionId", N, "ASP.NET"),
    (".AspNetCore.Session", N, "ASP.NET Core"),
    (".AspNetCore.Antiforgery.*", N, "ASP.NET Core"),
    (".AspNetCore.Cookies", N, "ASP.NET Core"),
    ("__RequestVerificationToken", N, "ASP.NET"),
    ("PHPSESSID", N, "PHP"),
    ("JSESSIONID", N, "Java servlet container"),
    ("laravel_session", N, "Laravel"),
    ("XSRF-TOKEN", N, "Laravel / Angular"),
    ("connect.sid", N, "Express"),
    ("sessionid", N, "Django"),
    ("csrftoken", N, "Django"),
    ("_session_id", N, "Ruby on Rails"),
    ("ci_session", N, "CodeIgniter"),
    ("CFID", N, "ColdFusion"),
    ("CFTOKEN", N, "ColdFusion"),
    ("wordpress_logged_in_*", N, "WordPress"),
    ("wordpress_sec_*", N, "WordPress"),
    ("wordpress_test_cookie", N, "WordPress"),
    ("secure_customer_sig", N, "Shopify"),
    ("cart_sig", N, "Shopify"),
    ("keep_alive", N, "Shopify"),
    // Load balancing, bot and fraud protection (Cloudflare, AWS, F5, Stripe, Google reCAPTCHA docs).
    ("__cf_bm", N, "Cloudflare"),
    ("cf_clearance", N, "Cloudflare"),
    ("__cfduid", N, "Cloudflare"),
    ("__cflb", N, "Cloudflare"),
    ("_cfuvid", N, "Cloudflare"),
    ("AWSALB", N, "Amazon Web Services"),
    ("AWSALBCORS", N, "Amazon Web Services"),
    ("AWSALBTG", N, "Amazon Web Services"),
    ("AWSALBTGCORS", N, "Amazon Web Services"),
    ("BIGipServer*", N, "F5 BIG-IP"),
    ("__stripe_mid", N, "Stripe"),
    ("__stripe_sid", N, "Stripe"),
    ("_GRECAPTCHA", N, "Google reCAPTCHA"),
    // Preferences and live chat: functionality (WordPress, Polylang, Zendesk, Tawk, Crisp, Intercom, Drift docs).
    ("wp-settings-*", F, "WordPress"),
    ("pll_language", F, "Polylang"),
    ("wp_lang", F, "WordPress"),
    // WordPress "Cookies" (developer docs): set only when a commenter ticks "Save my name, email,
    // and website"; they fill in the next comment form — convenience, not necessity. The Open
    // Cookie Database files them under Functional, which crumbs would read as necessary.
    ("comment_author_*", F, "WordPress"),
    // Mailchimp pop-up sign-up forms (Mailchimp "About pop-up signup forms"): remember that the
    // visitor closed the pop-up or signed up.
    ("MCPopupClosed", F, "Mailchimp"),
    ("MCPopupSubscribed", F, "Mailchimp"),
    ("localization", F, "Shopify"),
    ("__zlcmid", F, "Zendesk Chat (Zopim)"),
    ("__zlcprivacy", F, "Zendesk Chat (Zopim)"),
    ("__tawkuuid", F, "Tawk.to"),
    ("TawkConnectionTime", F, "Tawk.to"),
    ("twk_*", F, "Tawk.to"),
    ("crisp-client*", F, "Crisp"),
    ("intercom-id-*", F, "Intercom"),
    ("intercom-session-*", F, "Intercom"),
    ("intercom-device-id-*", F, "Intercom"),
    ("driftt_aid", F, "Drift"),
    ("drift_aid", F, "Drift"),
    ("messagesUtk", F, "HubSpot"),
    // Analytics, heat maps and A/B testing: performance (Google Analytics cookie usage,
    // Hotjar, Microsoft Clarity, HubSpot, Matomo, VWO, Optimizely, Shopify docs).
    ("_ga", P, "Google Analytics"),
    ("_ga_*", P, "Google Analytics"),
    ("_gid", P, "Google Analytics"),
    ("_gat", P, "Google Analytics"),
    ("_gat_*", P, "Google Analytics"),
    ("_gaexp", P, "Google Optimize"),
    ("_hjSessionUser_*", P, "Hotjar"),
    ("_hjSession_*", P, "Hotjar"),
    ("_hjid", P, "Hotjar"),
    ("_hjAbsoluteSessionInProgress", P, "Hotjar"),
    ("_hjFirstSeen", P, "Hotjar"),
    ("_hjIncludedInSessionSample*", P, "Hotjar"),
    ("_hjIncludedInPageviewSample", P, "Hotjar"),
    ("_hjTLDTest", P, "Hotjar"),
    ("_hjRecordingEnabled", P, "Hotjar"),
    ("_clck", P, "Microsoft Clarity"),
    ("_clsk", P, "Microsoft Clarity"),
    ("CLID", P, "Microsoft Clarity"),
    ("__hstc", P, "HubSpot"),
    ("hubspotutk", P, "HubSpot"),
    ("__hssc", P, "HubSpot"),
    ("__hssrc", P, "HubSpot"),
    ("_pk_id.*", P, "Matomo"),
    ("_pk_ses.*", P, "Matomo"),
    ("_vwo_uuid*", P, "VWO"),
    ("_vwo_ds", P, "VWO"),
    ("_vis_opt_*", P, "VWO"),
    ("optimizelyEndUserId", P, "Optimizely"),
    ("_shopify_y", P, "Shopify"),
    ("_shopify_s", P, "Shopify"),
    ("vuid", P, "Vimeo"),
    // Advertising and cross-site tracking: targeting (Google Ads, Meta, Microsoft UET,
    // LinkedIn Insight Tag, YouTube, TikTok docs).
    ("_gcl_au", T, "Google Ads"),
    ("_gcl_aw", T, "Google Ads"),
    ("_gcl_dc", T, "Google Ads"),
    ("_gac_*", T, "Google Ads"),
    ("IDE", T, "Google (DoubleClick)"),
    ("test_cookie", T, "Google (DoubleClick)"),
    ("NID", T, "Google"),
    ("_fbp", T, "Meta"),
    ("_fbc", T, "Meta"),
    ("fr", T, "Meta"),
    ("_uetsid", T, "Microsoft Advertising"),
    ("_uetvid", T, "Microsoft Advertising"),
    ("MUID", T, "Microsoft Advertising"),
    ("li_sugr", T, "LinkedIn"),
    ("bcookie", T, "LinkedIn"),
    ("lidc", T, "LinkedIn"),
    ("UserMatchHistory", T, "LinkedIn"),
    ("AnalyticsSyncHistory", T, "LinkedIn"),
    ("li_fat_id", T, "LinkedIn"),
    ("YSC", T, "YouTube"),
    ("VISITOR_INFO1_LIVE", T, "YouTube"),
    ("VISITOR_PRIVACY_METADATA", T, "YouTube"),
    ("_ttp", T, "TikTok"),
];

/// The rule for a cookie name: an exact rule, else the longest matching prefix rule; with the
/// rule as written.
pub fn rule_for(name: &str) -> Option<(Category, &'static str, &'static str)> {
    let exact = RULES.iter().find(|(n, _, _)| !n.ends_with('*') && *n == name);
    let prefix = || RULES.iter().filter(|(n, _, _)| n.strip_suffix('*').is_some_and(|pre| name.starts_with(pre))).max_by_key(|(n, _, _)| n.len());
    exact.or_else(prefix).map(|(n, c, p)| (*c, *p, *n))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cookies of the three reference sites (www/sites/) that crumbs' own rules decide.
    #[test]
    fn reference_site_cookies() {
        let cat = |n: &str| rule_for(n).map(|(c, _, _)| c);
        for n in [
            "wordpress_test_cookie",
            "wordpress_logged_in_0f1e",
            "wordpress_sec_0f1e",
            "_GRECAPTCHA",
            "__stripe_mid",
            "__stripe_sid",
            "ASP.NET_SessionId",
            "__cfduid",
        ] {
            assert_eq!(cat(n), Some(N), "{n}");
        }
        for n in ["_ga", "_ga_IMI2024CX", "_gid", "_gat", "__hstc", "hubspotutk", "__hssc", "__hssrc"] {
            assert_eq!(cat(n), Some(P), "{n}");
        }
        for n in ["comment_author_0f1e", "comment_author_email_0f1e", "comment_author_url_0f1e", "__zlcmid", "MCPopupClosed"] {
            assert_eq!(cat(n), Some(F), "{n}");
        }
        for n in ["YSC", "VISITOR_INFO1_LIVE"] {
            assert_eq!(cat(n), Some(T), "{n}");
        }
        assert_eq!(rule_for("comment_author_email_0f1e").map(|(_, p, r)| (p, r)), Some(("WordPress", "comment_author_*")));
    }
}
