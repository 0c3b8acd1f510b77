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
    // Consent managers: needed to ask and to honour the choice (each CMP's install docs).
    ("cookiebot.com", "", N, "Cookiebot"),
    ("cookiebot.eu", "", N, "Cookiebot"),
    ("cookielaw.org", "", N, "OneTrust"),
    ("onetrust.com", "", N, "OneTrust"),
    ("cookiepro.com", "", N, "OneTrust CookiePro"),
    ("usercentrics.eu", "", N, "Usercentrics"),
    ("usercentrics.com", "", N, "Usercentrics"),
    ("privacy-mgmt.com", "", N, "Sourcepoint"),
    ("privacy-center.org", "", N, "Didomi"),
    ("iubenda.com", "", N, "iubenda"),
    ("cdn-cookieyes.com", "", N, "CookieYes"),
    ("consentmanager.net", "", N, "consentmanager"),
    ("cookiehub.eu", "", N, "CookieHub"),
    ("cookiehub.net", "", N, "CookieHub"),
    ("trustarc.com", "", N, "TrustArc"),
    ("truste.com", "", N, "TrustArc"),
    ("cmp.quantcast.com", "", N, "Quantcast Choice"),
    ("cmp.inmobi.com", "", N, "InMobi Choice"),
    ("osano.com", "", N, "Osano"),
    ("termly.io", "", N, "Termly"),
    ("axept.io", "", N, "Axeptio"),
    ("cookie-script.com", "", N, "Cookie-Script"),
    ("cookiefirst.com", "", N, "CookieFirst"),
    ("cookieinformation.com", "", N, "Cookie Information"),
    ("civiccomputing.com", "", N, "Civic Cookie Control"),
    ("ketchcdn.com", "", N, "Ketch"),
    ("transcend-cdn.com", "", N, "Transcend"),
    ("securiti.ai", "", N, "Securiti"),
    ("js.hs-banner.com", "", N, "HubSpot cookie banner"),
    ("cdn.shopify.com", "/shopifycloud/consent-tracking-api/", N, "Shopify consent"),
    ("cdn.shopify.com", "/shopifycloud/privacy-banner/", N, "Shopify consent"),
    // Bot protection, captchas and fraud checks: they protect the site or form in use.
    ("datadome.co", "", N, "DataDome"),
    ("captcha-delivery.com", "", N, "DataDome"),
    ("perimeterx.net", "", N, "HUMAN (PerimeterX)"),
    ("px-cdn.net", "", N, "HUMAN (PerimeterX)"),
    ("px-cloud.net", "", N, "HUMAN (PerimeterX)"),
    ("pxchk.net", "", N, "HUMAN (PerimeterX)"),
    ("arkoselabs.com", "", N, "Arkose Labs"),
    ("funcaptcha.com", "", N, "Arkose Labs"),
    ("hcaptcha.com", "", N, "hCaptcha"),
    ("challenges.cloudflare.com", "", N, "Cloudflare Turnstile"),
    ("awswaf.com", "", N, "AWS WAF"),
    ("geetest.com", "", N, "GeeTest"),
    ("friendlycaptcha.com", "", N, "Friendly Captcha"),
    ("frcapi.com", "", N, "Friendly Captcha"),
    ("mtcaptcha.com", "", N, "MTCaptcha"),
    ("sift.com", "", N, "Sift"),
    ("siftscience.com", "", N, "Sift"),
    ("forter.com", "", N, "Forter"),
    ("riskified.com", "", N, "Riskified"),
    ("signifyd.com", "", N, "Signifyd"),
    // Payments: needed to pay (each provider's SDK docs).
    ("paypal.com", "", N, "PayPal"),
    ("paypalobjects.com", "", N, "PayPal"),
    ("pay.google.com", "", N, "Google Pay"),
    ("payments-amazon.com", "", N, "Amazon Pay"),
    ("applepay.cdn-apple.com", "", N, "Apple Pay"),
    ("braintreegateway.com", "", N, "Braintree"),
    ("braintree-api.com", "", N, "Braintree"),
    ("adyen.com", "", N, "Adyen"),
    ("checkout.com", "", N, "Checkout.com"),
    ("klarnacdn.net", "", N, "Klarna"),
    ("klarnaservices.com", "", N, "Klarna"),
    ("afterpay.com", "", N, "Afterpay"),
    ("clearpay.co.uk", "", N, "Clearpay"),
    ("mollie.com", "", N, "Mollie"),
    ("squarecdn.com", "", N, "Square"),
    ("squareup.com", "", N, "Square"),
    ("stripe.com", "", N, "Stripe"),
    ("stripe.network", "", N, "Stripe"),
    ("authorize.net", "", N, "Authorize.net"),
    ("razorpay.com", "", N, "Razorpay"),
    ("paddle.com", "", N, "Paddle"),
    ("recurly.com", "", N, "Recurly"),
    ("chargebee.com", "", N, "Chargebee"),
    ("worldpay.com", "", N, "Worldpay"),
    ("gocardless.com", "", N, "GoCardless"),
    // The site's own sign-in (identity providers' SDK docs).
    ("auth0.com", "", N, "Auth0"),
    ("okta.com", "", N, "Okta"),
    ("oktacdn.com", "", N, "Okta"),
    ("identity.netlify.com", "", N, "Netlify Identity"),
    ("clerk.accounts.dev", "", N, "Clerk"),
    ("amazoncognito.com", "", N, "Amazon Cognito"),
    // Shopify serves the shop's own theme and checkout from its CDN.
    ("cdn.shopify.com", "", N, "Shopify"),
    ("cdn.shopify.com", "/shopifycloud/boomerang/", P, "Shopify performance"),
    ("monorail-edge.shopifysvc.com", "", P, "Shopify analytics"),
    // Social sign-in buttons: a feature the visitor chooses (each provider's docs).
    ("accounts.google.com", "/gsi/", F, "Google Sign-In"),
    ("appleid.cdn-apple.com", "", F, "Sign in with Apple"),
    ("msauth.net", "", F, "Microsoft sign-in (MSAL)"),
    // Fonts: appearance; they send the visitor's address to the font service.
    ("fontawesome.com", "", F, "Font Awesome"),
    ("fonts.net", "", F, "Monotype Fonts"),
    ("typekit.net", "", F, "Adobe Fonts"),
    ("fonts.bunny.net", "", F, "Bunny Fonts"),
    ("cloud.typography.com", "", F, "Hoefler&Co. Cloud.typography"),
    // Maps, search, embedded forms, bookings, comments, chat, feedback and push notifications:
    // features the visitor uses (each vendor's embed docs).
    ("www.bing.com", "/api/maps/", F, "Bing Maps"),
    ("openstreetmap.org", "", F, "OpenStreetMap"),
    ("here.com", "", F, "HERE Maps"),
    ("api.mapbox.com", "", F, "Mapbox"),
    ("apple-mapkit.com", "", F, "Apple MapKit"),
    ("api.tomtom.com", "", F, "TomTom Maps"),
    ("cse.google.com", "", F, "Google Programmable Search"),
    ("swiftypecdn.com", "", F, "Swiftype search"),
    ("cloud.coveo.com", "", F, "Coveo search"),
    ("algolia.net", "", F, "Algolia search"),
    ("algolianet.com", "", F, "Algolia search"),
    ("insights.algolia.io", "", P, "Algolia Insights"),
    ("jotform.com", "", F, "Jotform"),
    ("cognitoforms.com", "", F, "Cognito Forms"),
    ("typeform.com", "", F, "Typeform"),
    ("tally.so", "", F, "Tally"),
    ("surveymonkey.com", "", F, "SurveyMonkey"),
    ("qualtrics.com", "", F, "Qualtrics"),
    ("medallia.com", "", F, "Medallia"),
    ("usersnap.com", "", F, "Usersnap"),
    ("marker.io", "", F, "Marker.io"),
    ("activehosted.com", "", F, "ActiveCampaign forms"),
    ("marketo.com", "/js/forms2/", F, "Marketo forms"),
    ("cal.com", "", F, "Cal.com"),
    ("simplybook.me", "", F, "SimplyBook.me"),
    ("opentable.com", "", F, "OpenTable"),
    ("opentable.co.uk", "", F, "OpenTable"),
    ("acuityscheduling.com", "", F, "Acuity Scheduling"),
    ("calendly.com", "", F, "Calendly"),
    ("meetings.hubspot.com", "", F, "HubSpot meetings"),
    ("static.hsappstatic.net", "/MeetingsEmbed/", F, "HubSpot meetings"),
    ("commento.io", "", F, "Commento"),
    ("cusdis.com", "", F, "Cusdis"),
    ("utteranc.es", "", F, "utterances"),
    ("hyvor.com", "", F, "Hyvor Talk"),
    ("giscus.app", "", F, "giscus"),
    ("disqus.com", "", F, "Disqus"),
    ("disquscdn.com", "", F, "Disqus"),
    ("helpscout.net", "", F, "Help Scout"),
    ("kustomerapp.com", "", F, "Kustomer"),
    ("landbot.io", "", F, "Landbot"),
    ("reamaze.com", "", F, "Re:amaze"),
    ("frontapp.com", "", F, "Front chat"),
    ("gorgias.chat", "", F, "Gorgias"),
    ("chaport.com", "", F, "Chaport"),
    ("qualified.com", "", F, "Qualified"),
    ("salesiq.zoho.com", "", F, "Zoho SalesIQ"),
    ("salesiq.zoho.eu", "", F, "Zoho SalesIQ"),
    ("zohopublic.com", "", F, "Zoho SalesIQ"),
    ("zohopublic.eu", "", F, "Zoho SalesIQ"),
    ("freshchat.com", "", F, "Freshchat"),
    ("widget.freshworks.com", "", F, "Freshdesk widget"),
    ("livechatinc.com", "", F, "LiveChat"),
    ("olark.com", "", F, "Olark"),
    ("tidio.co", "", F, "Tidio"),
    ("tidiochat.com", "", F, "Tidio"),
    ("userlike.com", "", F, "Userlike"),
    ("userlike-cdn-widgets.s3-eu-west-1.amazonaws.com", "", F, "Userlike"),
    ("smartsupp.com", "", F, "Smartsupp"),
    ("liveperson.net", "", F, "LivePerson"),
    ("lpsnmedia.net", "", F, "LivePerson"),
    ("chatra.io", "", F, "Chatra"),
    ("jivosite.com", "", F, "JivoChat"),
    ("izooto.com", "", F, "iZooto push"),
    ("webpushr.com", "", F, "Webpushr push"),
    ("onesignal.com", "", F, "OneSignal push"),
    ("pushengage.com", "", F, "PushEngage push"),
    // Video players that set no advertising cookies: functionality (each player's docs).
    ("wistia.com", "", F, "Wistia"),
    ("wistia.net", "", F, "Wistia"),
    ("vidyard.com", "", F, "Vidyard"),
    ("cloudflarestream.com", "", F, "Cloudflare Stream"),
    ("videodelivery.net", "", F, "Cloudflare Stream"),
    ("mediadelivery.net", "", F, "Bunny Stream"),
    ("players.brightcove.net", "", F, "Brightcove"),
    ("jwplayer.com", "", F, "JW Player"),
    ("jwplatform.com", "", F, "JW Player"),
    ("jwpcdn.com", "", F, "JW Player"),
    ("loom.com", "", F, "Loom"),
    // Standard players of ad-funded platforms: targeting.
    ("vimeo.com", "", T, "Vimeo"),
    ("dailymotion.com", "", T, "Dailymotion"),
    ("tiktok.com", "", T, "TikTok"),
    // Experiments, error monitoring and real-user monitoring: performance.
    ("launchdarkly.com", "", P, "LaunchDarkly"),
    ("growthbook.io", "", P, "GrowthBook"),
    ("featuregates.org", "", P, "Statsig"),
    ("statsig.com", "", P, "Statsig"),
    ("statsigapi.net", "", P, "Statsig"),
    ("lr-ingest.io", "", P, "LogRocket"),
    ("lr-in-prod.com", "", P, "LogRocket"),
    ("logrocket.io", "", P, "LogRocket"),
    ("logrocket.com", "", P, "LogRocket"),
    ("rollbar.com", "", P, "Rollbar"),
    ("sentry-cdn.com", "", P, "Sentry"),
    ("sentry.io", "", P, "Sentry"),
    ("datadoghq.com", "", P, "Datadog RUM"),
    ("datadoghq.eu", "", P, "Datadog RUM"),
    ("datadoghq-browser-agent.com", "", P, "Datadog RUM"),
    ("browser-intake-datadoghq.com", "", P, "Datadog RUM"),
    ("browser-intake-datadoghq.eu", "", P, "Datadog RUM"),
    ("dc.services.visualstudio.com", "", P, "Azure Application Insights"),
    ("js.monitor.azure.com", "", P, "Azure Application Insights"),
    ("applicationinsights.azure.com", "", P, "Azure Application Insights"),
    ("js-agent.newrelic.com", "", P, "New Relic"),
    ("nr-data.net", "", P, "New Relic"),
    ("bugsnag.com", "", P, "Bugsnag"),
    ("raygun.io", "", P, "Raygun"),
    ("speedcurve.com", "", P, "SpeedCurve"),
    ("simpleanalyticscdn.com", "", P, "Simple Analytics"),
    ("simpleanalytics.com", "", P, "Simple Analytics"),
    ("withcabin.com", "", P, "Cabin"),
    ("usefathom.com", "", P, "Fathom"),
    ("umami.is", "", P, "Umami"),
    ("gc.zgo.at", "", P, "GoatCounter"),
    ("goatcounter.com", "", P, "GoatCounter"),
    ("pirsch.io", "", P, "Pirsch"),
    ("cloudflareinsights.com", "", P, "Cloudflare Web Analytics"),
    ("segment.io", "", P, "Segment"),
    ("sc.omtrdc.net", "", P, "Adobe Analytics"),
    ("tt.omtrdc.net", "", P, "Adobe Target"),
    ("2o7.net", "", P, "Adobe Analytics"),
    // Tag-manager containers load any tag, so they need the strictest consent.
    ("adobedtm.com", "", T, "Adobe Experience Platform Launch"),
    ("tags.tiqcdn.com", "", T, "Tealium iQ"),
    ("tiqcdn.com", "", T, "Tealium"),
    ("ensighten.com", "", T, "Ensighten"),
    ("tagcommander.com", "", T, "Commanders Act"),
    ("cdn.segment.com", "", T, "Segment (loads its destinations)"),
    // Advertising, affiliates, account-based marketing and marketing automation: targeting.
    ("s.yimg.com", "/wi/", T, "Yahoo Advertising"),
    ("analytics.yahoo.com", "", T, "Yahoo Advertising"),
    ("analytics.twitter.com", "", T, "X (Twitter) ads"),
    ("t.co", "", T, "X (Twitter) ads"),
    ("ads-twitter.com", "", T, "X (Twitter) ads"),
    ("customer.io", "", T, "Customer.io"),
    ("getdrip.com", "", T, "Drip"),
    ("6sc.co", "", T, "6sense"),
    ("impactradius-event.com", "", T, "Impact"),
    ("impactcdn.com", "", T, "Impact"),
    ("zi-scripts.com", "", T, "ZoomInfo"),
    ("zoominfo.com", "", T, "ZoomInfo"),
    ("clearbitscripts.com", "", T, "Clearbit"),
    ("clearbitjs.com", "", T, "Clearbit"),
    ("lfeeder.com", "", T, "Leadfeeder"),
    ("tapfiliate.com", "", T, "Tapfiliate"),
    ("shareasale-analytics.com", "", T, "ShareASale"),
    ("shareasale.com", "", T, "ShareASale"),
    ("prf.hn", "", T, "Partnerize"),
    ("wdfl.co", "", T, "Rewardful"),
    ("getrewardful.com", "", T, "Rewardful"),
    ("byspotify.com", "", T, "Spotify Ad Analytics"),
    ("js.hscollectedforms.net", "", T, "HubSpot collected forms"),
    ("munchkin.marketo.net", "", T, "Marketo"),
    ("marketo.com", "", T, "Marketo"),
    ("pardot.com", "", T, "Pardot"),
    ("www.googletagservices.com", "", T, "Google Ad Manager"),
    ("adservice.google.com", "", T, "Google Ads"),
    ("www.google.com", "/pagead/", T, "Google Ads"),
    ("www.google.com", "/ads/", T, "Google Ads"),
    // Further vendors from their install docs.
    ("consensu.org", "", N, "IAB TCF CMP"),
    ("fundingchoicesmessages.google.com", "", N, "Google Privacy & messaging"),
    ("consentframework.com", "", N, "Sirdata CMP"),
    ("termsfeed.com", "", N, "TermsFeed"),
    ("uniconsent.com", "", N, "UniConsent"),
    ("optanon.blob.core.windows.net", "", N, "OneTrust"),
    ("cookiereports.com", "", N, "Cookie Reports"),
    ("paystack.co", "", N, "Paystack"),
    ("flutterwave.com", "", N, "Flutterwave"),
    ("zip.co", "", N, "Zip"),
    ("sezzle.com", "", N, "Sezzle"),
    ("affirm.com", "", N, "Affirm"),
    ("sumup.com", "", N, "SumUp"),
    ("ajax.cloudflare.com", "", N, "Cloudflare Rocket Loader"),
    ("widget.manychat.com", "", F, "ManyChat"),
    ("botpress.cloud", "", F, "Botpress"),
    ("trengo.com", "", F, "Trengo"),
    ("trengo.eu", "", F, "Trengo"),
    ("purechat.com", "", F, "Pure Chat"),
    ("zendesk.com", "", F, "Zendesk"),
    ("elfsight.com", "", F, "Elfsight widgets"),
    ("addtoany.com", "", T, "AddToAny share buttons"),
    ("sharethis.com", "", T, "ShareThis"),
    ("addthis.com", "", T, "AddThis"),
    ("maps.gstatic.com", "", F, "Google Maps"),
    ("api.maptiler.com", "", F, "MapTiler"),
    ("arcgis.com", "", F, "ArcGIS"),
    ("heapanalytics.com", "", P, "Heap"),
    ("mixpanel.com", "", P, "Mixpanel"),
    ("amplitude.com", "", P, "Amplitude"),
    ("posthog.com", "", P, "PostHog"),
    ("fullstory.com", "", P, "FullStory"),
    ("mouseflow.com", "", P, "Mouseflow"),
    ("contentsquare.net", "", P, "Contentsquare"),
    ("pendo.io", "", P, "Pendo"),
    ("smartlook.com", "", P, "Smartlook"),
    ("smartlook.cloud", "", P, "Smartlook"),
    ("crazyegg.com", "", P, "Crazy Egg"),
    ("luckyorange.com", "", P, "Lucky Orange"),
    ("luckyorange.net", "", P, "Lucky Orange"),
    ("inspectlet.com", "", P, "Inspectlet"),
    ("chartbeat.com", "", P, "Chartbeat"),
    ("chartbeat.net", "", P, "Chartbeat"),
    ("parsely.com", "", P, "Parse.ly"),
    ("optimizely.com", "", P, "Optimizely"),
    ("visualwebsiteoptimizer.com", "", P, "VWO"),
    ("vwo.com", "", P, "VWO"),
    ("convertexperiments.com", "", P, "Convert"),
    ("dynamicyield.com", "", P, "Dynamic Yield"),
    ("matomo.cloud", "", P, "Matomo Cloud"),
    ("stats.wp.com", "", P, "Jetpack Stats"),
    ("pixel.wp.com", "", P, "Jetpack Stats"),
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
    ("bootstrapcdn.com", "BootstrapCDN"),
    ("cdn.skypack.dev", "Skypack"),
    ("esm.sh", "esm.sh"),
    ("polyfill-fastly.io", "Polyfill (Fastly)"),
    ("cdnjs.com", "cdnjs"),
    ("jspm.io", "JSPM"),
    ("cdn.plot.ly", "Plotly"),
    ("code.highcharts.com", "Highcharts"),
    ("cdn.tailwindcss.com", "Tailwind CSS"),
    ("cdn.datatables.net", "DataTables"),
    ("cdn.ckeditor.com", "CKEditor"),
    ("cdn.tiny.cloud", "TinyMCE"),
    ("cdn.statically.io", "Statically"),
    ("cdn.ampproject.org", "AMP runtime"),
    ("ajax.microsoft.com", "Microsoft Ajax CDN"),
    ("cdn.staticfile.org", "Staticfile CDN"),
    ("rawcdn.githack.com", "githack"),
    ("cdn.socket.io", "Socket.IO CDN"),
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

/// Paths that say what a file is on any host, the site's own included: consent plugins,
/// self-hosted analytics and Cloudflare's challenge and beacon scripts (each product's docs).
/// `(path prefix, or file name after the last '/', category, provider)`.
const ANY_HOST_PATHS: &[(&str, Category, &str)] = &[
    ("/wp-content/plugins/cookie-notice/", N, "Cookie Notice"),
    ("/wp-content/plugins/complianz-gdpr/", N, "Complianz"),
    ("/wp-content/plugins/cookie-law-info/", N, "CookieYes (Cookie Law Info)"),
    ("/wp-content/plugins/gdpr-cookie-compliance/", N, "GDPR Cookie Compliance"),
    ("/wp-content/plugins/borlabs-cookie/", N, "Borlabs Cookie"),
    ("/wp-content/plugins/cookiebot/", N, "Cookiebot"),
    ("/cdn-cgi/challenge-platform/", N, "Cloudflare"),
    ("/cdn-cgi/scripts/", N, "Cloudflare"),
    ("/cdn-cgi/rum", P, "Cloudflare Web Analytics"),
    ("/_vercel/insights/", P, "Vercel Analytics"),
    ("matomo.js", P, "Matomo"),
    ("matomo.php", P, "Matomo"),
    ("piwik.js", P, "Matomo"),
    ("piwik.php", P, "Matomo"),
    ("mtc.js", T, "Mautic"),
];

fn any_host_path(parts: &Parts) -> Option<(Category, &'static str, &'static str)> {
    let file = parts.path.rsplit('/').next().unwrap_or("");
    ANY_HOST_PATHS.iter().find(|(p, _, _)| if p.starts_with('/') { parts.path.starts_with(p) } else { file == *p }).map(|(p, c, v)| (*c, *v, *p))
}

/// URLs whose query or file says more than their host: Vimeo's player sets no tracking cookie
/// with `dnt=1`; a Matomo Tag Manager container (`container_*.js`) loads any tag.
fn by_query_or_file(parts: &Parts) -> Option<(Category, &'static str)> {
    if host_matches(&parts.host, "player.vimeo.com") {
        return Some(if query_param(parts.query, "dnt") == Some("1") { (F, "Vimeo (do not track)") } else { (T, "Vimeo") });
    }
    let file = parts.path.rsplit('/').next().unwrap_or("");
    (host_matches(&parts.host, "matomo.cloud") && file.starts_with("container_")).then_some((T, "Matomo Tag Manager"))
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
    if let Some((c, p)) = by_query_or_file(&parts) {
        return hit(c, p, Source::Rule, &parts.host, false);
    }
    if let Some((c, p, path)) = any_host_path(&parts) {
        return hit(c, p, Source::Rule, path, false);
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
