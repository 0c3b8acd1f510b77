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
    /// The list a vendor-base entry comes from (`None` for any other evidence).
    pub origin: Option<super::vendor_base::Origin>,
}

/// One rule a line: `host<TAB>path prefix<TAB>category initial<TAB>provider`, the initial `Z`
/// for a host that stores nothing; `host` matches itself and its subdomains (one string for the
/// reason `rules::RULES` is one, and like it compiled on the host only, into `rules.bin`).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) const RULES: &str = concat!(
    // Google: Analytics is performance; Ads, DoubleClick and AdSense are targeting.
    "google-analytics.com\t\tP\tGoogle Analytics\n",
    "analytics.google.com\t\tP\tGoogle Analytics\n",
    "googleadservices.com\t\tT\tGoogle Ads\n",
    "googlesyndication.com\t\tT\tGoogle AdSense\n",
    "doubleclick.net\t\tT\tGoogle (DoubleClick)\n",
    // reCAPTCHA protects forms from abuse: strictly necessary (Google reCAPTCHA docs).
    "www.google.com\t/recaptcha\tN\tGoogle reCAPTCHA\n",
    "www.gstatic.com\t/recaptcha\tN\tGoogle reCAPTCHA\n",
    "recaptcha.net\t\tN\tGoogle reCAPTCHA\n",
    // Maps and Fonts set no cookies but send the visitor's address to Google: functionality.
    "www.google.com\t/maps\tF\tGoogle Maps\n",
    "maps.google.com\t\tF\tGoogle Maps\n",
    "maps.googleapis.com\t\tF\tGoogle Maps\n",
    "fonts.googleapis.com\t\tF\tGoogle Fonts\n",
    "fonts.gstatic.com\t\tF\tGoogle Fonts\n",
    // YouTube embeds set advertising cookies; the privacy-enhanced domain does not until play.
    "youtube.com\t\tT\tYouTube\n",
    "youtu.be\t\tT\tYouTube\n",
    "youtube-nocookie.com\t\tF\tYouTube (privacy-enhanced)\n",
    "player.vimeo.com\t\tF\tVimeo\n",
    // Payments: fraud prevention is strictly necessary (Stripe docs).
    "js.stripe.com\t\tN\tStripe\n",
    "m.stripe.network\t\tN\tStripe\n",
    "m.stripe.com\t\tN\tStripe\n",
    // Live chat: functionality.
    "static.zdassets.com\t\tF\tZendesk\n",
    "v2.zopim.com\t\tF\tZendesk Chat (Zopim)\n",
    "embed.tawk.to\t\tF\tTawk.to\n",
    "client.crisp.chat\t\tF\tCrisp\n",
    "widget.intercom.io\t\tF\tIntercom\n",
    "js.intercomcdn.com\t\tF\tIntercom\n",
    "js.driftt.com\t\tF\tDrift\n",
    "js.usemessages.com\t\tF\tHubSpot chat\n",
    // HubSpot: the tracking code is analytics; forms are functionality; the ads pixel targets.
    "js.hs-scripts.com\t\tP\tHubSpot\n",
    "js.hs-analytics.net\t\tP\tHubSpot\n",
    "js.hsforms.net\t\tF\tHubSpot forms\n",
    "js.hsadspixel.net\t\tT\tHubSpot ads\n",
    // Regional hosts (js-eu1.…) and the endpoints the scripts call: HubSpot's "Install the
    // HubSpot tracking code" and "Embed forms" docs; forms.hsforms.com receives submissions.
    "hs-scripts.com\t\tP\tHubSpot\n",
    "hs-analytics.net\t\tP\tHubSpot\n",
    "track.hubspot.com\t\tP\tHubSpot\n",
    "hsforms.net\t\tF\tHubSpot forms\n",
    "hsforms.com\t\tF\tHubSpot forms\n",
    // Heat maps and analytics: performance.
    "static.hotjar.com\t\tP\tHotjar\n",
    "script.hotjar.com\t\tP\tHotjar\n",
    "clarity.ms\t\tP\tMicrosoft Clarity\n",
    "plausible.io\t\tP\tPlausible\n",
    // Social and advertising pixels: targeting.
    "connect.facebook.net\t\tT\tMeta\n",
    "www.facebook.com\t/tr\tT\tMeta\n",
    "bat.bing.com\t\tT\tMicrosoft Advertising\n",
    "snap.licdn.com\t\tT\tLinkedIn\n",
    "platform.linkedin.com\t\tT\tLinkedIn\n",
    "platform.twitter.com\t\tT\tX (Twitter)\n",
    "static.ads-twitter.com\t\tT\tX (Twitter)\n",
    "analytics.tiktok.com\t\tT\tTikTok\n",
    "chimpstatic.com\t\tT\tMailchimp\n",
    // Sign-up forms, comments, events and meetings embedded for the visitor: functionality.
    "list-manage.com\t\tF\tMailchimp forms\n",
    // Mailchimp's embedded-form code loads its validation script from this S3 path.
    "s3.amazonaws.com\t/downloads.mailchimp.com/\tF\tMailchimp forms\n",
    "gravatar.com\t\tF\tGravatar\n",
    "akismet.com\t\tN\tAkismet\n",
    "eventbrite.com\t\tF\tEventbrite\n",
    "eventbrite.co.uk\t\tF\tEventbrite\n",
    "zoom.us\t\tF\tZoom\n",
    // Public library CDNs: they serve files and store nothing on the visitor's device, so they
    // need no consent (each CDN's privacy statement); a site's jQuery or framework must not
    // wait for one. `Z`: strictly necessary, and stores nothing.
    "cdn.jsdelivr.net\t\tZ\tjsDelivr\n",
    "fastly.jsdelivr.net\t\tZ\tjsDelivr\n",
    "unpkg.com\t\tZ\tunpkg\n",
    "cdnjs.cloudflare.com\t\tZ\tcdnjs\n",
    "code.jquery.com\t\tZ\tjQuery CDN\n",
    "ajax.googleapis.com\t\tZ\tGoogle Hosted Libraries\n",
    "ajax.aspnetcdn.com\t\tZ\tASP.NET CDN\n",
    "bootstrapcdn.com\t\tZ\tBootstrapCDN\n",
    "cdn.skypack.dev\t\tZ\tSkypack\n",
    "esm.sh\t\tZ\tesm.sh\n",
    "polyfill-fastly.io\t\tZ\tPolyfill (Fastly)\n",
    "cdnjs.com\t\tZ\tcdnjs\n",
    "jspm.io\t\tZ\tJSPM\n",
    "cdn.plot.ly\t\tZ\tPlotly\n",
    "code.highcharts.com\t\tZ\tHighcharts\n",
    "cdn.tailwindcss.com\t\tZ\tTailwind CSS\n",
    "cdn.datatables.net\t\tZ\tDataTables\n",
    "cdn.ckeditor.com\t\tZ\tCKEditor\n",
    "cdn.tiny.cloud\t\tZ\tTinyMCE\n",
    "cdn.statically.io\t\tZ\tStatically\n",
    "cdn.ampproject.org\t\tZ\tAMP runtime\n",
    "ajax.microsoft.com\t\tZ\tMicrosoft Ajax CDN\n",
    "cdn.staticfile.org\t\tZ\tStaticfile CDN\n",
    "rawcdn.githack.com\t\tZ\tgithack\n",
    "cdn.socket.io\t\tZ\tSocket.IO CDN\n",
    // Consent managers: needed to ask and to honour the choice (each CMP's install docs).
    "cookiebot.com\t\tN\tCookiebot\n",
    "cookiebot.eu\t\tN\tCookiebot\n",
    "cookielaw.org\t\tN\tOneTrust\n",
    "onetrust.com\t\tN\tOneTrust\n",
    "cookiepro.com\t\tN\tOneTrust CookiePro\n",
    "usercentrics.eu\t\tN\tUsercentrics\n",
    "usercentrics.com\t\tN\tUsercentrics\n",
    "privacy-mgmt.com\t\tN\tSourcepoint\n",
    "privacy-center.org\t\tN\tDidomi\n",
    "iubenda.com\t\tN\tiubenda\n",
    "cdn-cookieyes.com\t\tN\tCookieYes\n",
    "consentmanager.net\t\tN\tconsentmanager\n",
    "cookiehub.eu\t\tN\tCookieHub\n",
    "cookiehub.net\t\tN\tCookieHub\n",
    "trustarc.com\t\tN\tTrustArc\n",
    "truste.com\t\tN\tTrustArc\n",
    "cmp.quantcast.com\t\tN\tQuantcast Choice\n",
    "cmp.inmobi.com\t\tN\tInMobi Choice\n",
    "osano.com\t\tN\tOsano\n",
    "termly.io\t\tN\tTermly\n",
    "axept.io\t\tN\tAxeptio\n",
    "cookie-script.com\t\tN\tCookie-Script\n",
    "cookiefirst.com\t\tN\tCookieFirst\n",
    "cookieinformation.com\t\tN\tCookie Information\n",
    "civiccomputing.com\t\tN\tCivic Cookie Control\n",
    "ketchcdn.com\t\tN\tKetch\n",
    "transcend-cdn.com\t\tN\tTranscend\n",
    "securiti.ai\t\tN\tSecuriti\n",
    "js.hs-banner.com\t\tN\tHubSpot cookie banner\n",
    "cdn.shopify.com\t/shopifycloud/consent-tracking-api/\tN\tShopify consent\n",
    "cdn.shopify.com\t/shopifycloud/privacy-banner/\tN\tShopify consent\n",
    // Bot protection, captchas and fraud checks: they protect the site or form in use.
    "datadome.co\t\tN\tDataDome\n",
    "captcha-delivery.com\t\tN\tDataDome\n",
    "perimeterx.net\t\tN\tHUMAN (PerimeterX)\n",
    "px-cdn.net\t\tN\tHUMAN (PerimeterX)\n",
    "px-cloud.net\t\tN\tHUMAN (PerimeterX)\n",
    "pxchk.net\t\tN\tHUMAN (PerimeterX)\n",
    "arkoselabs.com\t\tN\tArkose Labs\n",
    "funcaptcha.com\t\tN\tArkose Labs\n",
    "hcaptcha.com\t\tN\thCaptcha\n",
    "challenges.cloudflare.com\t\tN\tCloudflare Turnstile\n",
    "awswaf.com\t\tN\tAWS WAF\n",
    "geetest.com\t\tN\tGeeTest\n",
    "friendlycaptcha.com\t\tN\tFriendly Captcha\n",
    "frcapi.com\t\tN\tFriendly Captcha\n",
    "mtcaptcha.com\t\tN\tMTCaptcha\n",
    "sift.com\t\tN\tSift\n",
    "siftscience.com\t\tN\tSift\n",
    "forter.com\t\tN\tForter\n",
    "riskified.com\t\tN\tRiskified\n",
    "signifyd.com\t\tN\tSignifyd\n",
    // Payments: needed to pay (each provider's SDK docs).
    "paypal.com\t\tN\tPayPal\n",
    "paypalobjects.com\t\tN\tPayPal\n",
    "pay.google.com\t\tN\tGoogle Pay\n",
    "payments-amazon.com\t\tN\tAmazon Pay\n",
    "applepay.cdn-apple.com\t\tN\tApple Pay\n",
    "braintreegateway.com\t\tN\tBraintree\n",
    "braintree-api.com\t\tN\tBraintree\n",
    "adyen.com\t\tN\tAdyen\n",
    "checkout.com\t\tN\tCheckout.com\n",
    "klarnacdn.net\t\tN\tKlarna\n",
    "klarnaservices.com\t\tN\tKlarna\n",
    "afterpay.com\t\tN\tAfterpay\n",
    "clearpay.co.uk\t\tN\tClearpay\n",
    "mollie.com\t\tN\tMollie\n",
    "squarecdn.com\t\tN\tSquare\n",
    "squareup.com\t\tN\tSquare\n",
    "stripe.com\t\tN\tStripe\n",
    "stripe.network\t\tN\tStripe\n",
    "authorize.net\t\tN\tAuthorize.net\n",
    "razorpay.com\t\tN\tRazorpay\n",
    "paddle.com\t\tN\tPaddle\n",
    "recurly.com\t\tN\tRecurly\n",
    "chargebee.com\t\tN\tChargebee\n",
    "worldpay.com\t\tN\tWorldpay\n",
    "gocardless.com\t\tN\tGoCardless\n",
    // The site's own sign-in (identity providers' SDK docs).
    "auth0.com\t\tN\tAuth0\n",
    "okta.com\t\tN\tOkta\n",
    "oktacdn.com\t\tN\tOkta\n",
    "identity.netlify.com\t\tN\tNetlify Identity\n",
    "clerk.accounts.dev\t\tN\tClerk\n",
    "amazoncognito.com\t\tN\tAmazon Cognito\n",
    // Shopify serves the shop's own theme and checkout from its CDN.
    "cdn.shopify.com\t\tN\tShopify\n",
    "cdn.shopify.com\t/shopifycloud/boomerang/\tP\tShopify performance\n",
    "monorail-edge.shopifysvc.com\t\tP\tShopify analytics\n",
    // Social sign-in buttons: a feature the visitor chooses (each provider's docs).
    "accounts.google.com\t/gsi/\tF\tGoogle Sign-In\n",
    "appleid.cdn-apple.com\t\tF\tSign in with Apple\n",
    "msauth.net\t\tF\tMicrosoft sign-in (MSAL)\n",
    // Fonts: appearance; they send the visitor's address to the font service.
    "fontawesome.com\t\tF\tFont Awesome\n",
    "fonts.net\t\tF\tMonotype Fonts\n",
    "typekit.net\t\tF\tAdobe Fonts\n",
    "fonts.bunny.net\t\tF\tBunny Fonts\n",
    "cloud.typography.com\t\tF\tHoefler&Co. Cloud.typography\n",
    // Maps, search, embedded forms, bookings, comments, chat, feedback and push notifications:
    // features the visitor uses (each vendor's embed docs).
    "www.bing.com\t/api/maps/\tF\tBing Maps\n",
    "openstreetmap.org\t\tF\tOpenStreetMap\n",
    "here.com\t\tF\tHERE Maps\n",
    "api.mapbox.com\t\tF\tMapbox\n",
    "apple-mapkit.com\t\tF\tApple MapKit\n",
    "api.tomtom.com\t\tF\tTomTom Maps\n",
    "cse.google.com\t\tF\tGoogle Programmable Search\n",
    "swiftypecdn.com\t\tF\tSwiftype search\n",
    "cloud.coveo.com\t\tF\tCoveo search\n",
    "algolia.net\t\tF\tAlgolia search\n",
    "algolianet.com\t\tF\tAlgolia search\n",
    "insights.algolia.io\t\tP\tAlgolia Insights\n",
    "jotform.com\t\tF\tJotform\n",
    "cognitoforms.com\t\tF\tCognito Forms\n",
    "typeform.com\t\tF\tTypeform\n",
    "tally.so\t\tF\tTally\n",
    "surveymonkey.com\t\tF\tSurveyMonkey\n",
    "qualtrics.com\t\tF\tQualtrics\n",
    "medallia.com\t\tF\tMedallia\n",
    "usersnap.com\t\tF\tUsersnap\n",
    "marker.io\t\tF\tMarker.io\n",
    "activehosted.com\t\tF\tActiveCampaign forms\n",
    "marketo.com\t/js/forms2/\tF\tMarketo forms\n",
    "cal.com\t\tF\tCal.com\n",
    "simplybook.me\t\tF\tSimplyBook.me\n",
    "opentable.com\t\tF\tOpenTable\n",
    "opentable.co.uk\t\tF\tOpenTable\n",
    "acuityscheduling.com\t\tF\tAcuity Scheduling\n",
    "calendly.com\t\tF\tCalendly\n",
    "meetings.hubspot.com\t\tF\tHubSpot meetings\n",
    "static.hsappstatic.net\t/MeetingsEmbed/\tF\tHubSpot meetings\n",
    "commento.io\t\tF\tCommento\n",
    "cusdis.com\t\tF\tCusdis\n",
    "utteranc.es\t\tF\tutterances\n",
    "hyvor.com\t\tF\tHyvor Talk\n",
    "giscus.app\t\tF\tgiscus\n",
    "disqus.com\t\tF\tDisqus\n",
    "disquscdn.com\t\tF\tDisqus\n",
    "helpscout.net\t\tF\tHelp Scout\n",
    "kustomerapp.com\t\tF\tKustomer\n",
    "landbot.io\t\tF\tLandbot\n",
    "reamaze.com\t\tF\tRe:amaze\n",
    "frontapp.com\t\tF\tFront chat\n",
    "gorgias.chat\t\tF\tGorgias\n",
    "chaport.com\t\tF\tChaport\n",
    "qualified.com\t\tF\tQualified\n",
    "salesiq.zoho.com\t\tF\tZoho SalesIQ\n",
    "salesiq.zoho.eu\t\tF\tZoho SalesIQ\n",
    "zohopublic.com\t\tF\tZoho SalesIQ\n",
    "zohopublic.eu\t\tF\tZoho SalesIQ\n",
    "freshchat.com\t\tF\tFreshchat\n",
    "widget.freshworks.com\t\tF\tFreshdesk widget\n",
    "livechatinc.com\t\tF\tLiveChat\n",
    "olark.com\t\tF\tOlark\n",
    "tidio.co\t\tF\tTidio\n",
    "tidiochat.com\t\tF\tTidio\n",
    "userlike.com\t\tF\tUserlike\n",
    "userlike-cdn-widgets.s3-eu-west-1.amazonaws.com\t\tF\tUserlike\n",
    "smartsupp.com\t\tF\tSmartsupp\n",
    "liveperson.net\t\tF\tLivePerson\n",
    "lpsnmedia.net\t\tF\tLivePerson\n",
    "chatra.io\t\tF\tChatra\n",
    "jivosite.com\t\tF\tJivoChat\n",
    "izooto.com\t\tF\tiZooto push\n",
    "webpushr.com\t\tF\tWebpushr push\n",
    "onesignal.com\t\tF\tOneSignal push\n",
    "pushengage.com\t\tF\tPushEngage push\n",
    // Video players that set no advertising cookies: functionality (each player's docs).
    "wistia.com\t\tF\tWistia\n",
    "wistia.net\t\tF\tWistia\n",
    "vidyard.com\t\tF\tVidyard\n",
    "cloudflarestream.com\t\tF\tCloudflare Stream\n",
    "videodelivery.net\t\tF\tCloudflare Stream\n",
    "mediadelivery.net\t\tF\tBunny Stream\n",
    "players.brightcove.net\t\tF\tBrightcove\n",
    "jwplayer.com\t\tF\tJW Player\n",
    "jwplatform.com\t\tF\tJW Player\n",
    "jwpcdn.com\t\tF\tJW Player\n",
    "loom.com\t\tF\tLoom\n",
    // Standard players of ad-funded platforms: targeting.
    "vimeo.com\t\tT\tVimeo\n",
    "dailymotion.com\t\tT\tDailymotion\n",
    "tiktok.com\t\tT\tTikTok\n",
    // Experiments, error monitoring and real-user monitoring: performance.
    "launchdarkly.com\t\tP\tLaunchDarkly\n",
    "growthbook.io\t\tP\tGrowthBook\n",
    "featuregates.org\t\tP\tStatsig\n",
    "statsig.com\t\tP\tStatsig\n",
    "statsigapi.net\t\tP\tStatsig\n",
    "lr-ingest.io\t\tP\tLogRocket\n",
    "lr-in-prod.com\t\tP\tLogRocket\n",
    "logrocket.io\t\tP\tLogRocket\n",
    "logrocket.com\t\tP\tLogRocket\n",
    "rollbar.com\t\tP\tRollbar\n",
    "sentry-cdn.com\t\tP\tSentry\n",
    "sentry.io\t\tP\tSentry\n",
    "datadoghq.com\t\tP\tDatadog RUM\n",
    "datadoghq.eu\t\tP\tDatadog RUM\n",
    "datadoghq-browser-agent.com\t\tP\tDatadog RUM\n",
    "browser-intake-datadoghq.com\t\tP\tDatadog RUM\n",
    "browser-intake-datadoghq.eu\t\tP\tDatadog RUM\n",
    "dc.services.visualstudio.com\t\tP\tAzure Application Insights\n",
    "js.monitor.azure.com\t\tP\tAzure Application Insights\n",
    "applicationinsights.azure.com\t\tP\tAzure Application Insights\n",
    "js-agent.newrelic.com\t\tP\tNew Relic\n",
    "nr-data.net\t\tP\tNew Relic\n",
    "bugsnag.com\t\tP\tBugsnag\n",
    "raygun.io\t\tP\tRaygun\n",
    "speedcurve.com\t\tP\tSpeedCurve\n",
    "simpleanalyticscdn.com\t\tP\tSimple Analytics\n",
    "simpleanalytics.com\t\tP\tSimple Analytics\n",
    "withcabin.com\t\tP\tCabin\n",
    "usefathom.com\t\tP\tFathom\n",
    "umami.is\t\tP\tUmami\n",
    "gc.zgo.at\t\tP\tGoatCounter\n",
    "goatcounter.com\t\tP\tGoatCounter\n",
    "pirsch.io\t\tP\tPirsch\n",
    "cloudflareinsights.com\t\tP\tCloudflare Web Analytics\n",
    "segment.io\t\tP\tSegment\n",
    "sc.omtrdc.net\t\tP\tAdobe Analytics\n",
    "tt.omtrdc.net\t\tP\tAdobe Target\n",
    "2o7.net\t\tP\tAdobe Analytics\n",
    // Tag-manager containers load any tag, so they need the strictest consent.
    "adobedtm.com\t\tT\tAdobe Experience Platform Launch\n",
    "tags.tiqcdn.com\t\tT\tTealium iQ\n",
    "tiqcdn.com\t\tT\tTealium\n",
    "ensighten.com\t\tT\tEnsighten\n",
    "tagcommander.com\t\tT\tCommanders Act\n",
    // Its consent banner (TrustCommander) is deployed to the same CDN under /privacy/ (Commanders
    // Act Consent "hard-coded setup" docs): the consent manager itself, strictly necessary.
    "cdn.tagcommander.com\t/privacy/\tN\tCommanders Act TrustCommander\n",
    "cdn.segment.com\t\tT\tSegment (loads its destinations)\n",
    // Advertising, affiliates, account-based marketing and marketing automation: targeting.
    "s.yimg.com\t/wi/\tT\tYahoo Advertising\n",
    "analytics.yahoo.com\t\tT\tYahoo Advertising\n",
    "analytics.twitter.com\t\tT\tX (Twitter) ads\n",
    "t.co\t\tT\tX (Twitter) ads\n",
    "ads-twitter.com\t\tT\tX (Twitter) ads\n",
    "customer.io\t\tT\tCustomer.io\n",
    "getdrip.com\t\tT\tDrip\n",
    "6sc.co\t\tT\t6sense\n",
    "impactradius-event.com\t\tT\tImpact\n",
    "impactcdn.com\t\tT\tImpact\n",
    "zi-scripts.com\t\tT\tZoomInfo\n",
    "zoominfo.com\t\tT\tZoomInfo\n",
    "clearbitscripts.com\t\tT\tClearbit\n",
    "clearbitjs.com\t\tT\tClearbit\n",
    "lfeeder.com\t\tT\tLeadfeeder\n",
    "tapfiliate.com\t\tT\tTapfiliate\n",
    "shareasale-analytics.com\t\tT\tShareASale\n",
    "shareasale.com\t\tT\tShareASale\n",
    "prf.hn\t\tT\tPartnerize\n",
    "wdfl.co\t\tT\tRewardful\n",
    "getrewardful.com\t\tT\tRewardful\n",
    "byspotify.com\t\tT\tSpotify Ad Analytics\n",
    "js.hscollectedforms.net\t\tT\tHubSpot collected forms\n",
    "munchkin.marketo.net\t\tT\tMarketo\n",
    "marketo.com\t\tT\tMarketo\n",
    "pardot.com\t\tT\tPardot\n",
    "www.googletagservices.com\t\tT\tGoogle Ad Manager\n",
    "adservice.google.com\t\tT\tGoogle Ads\n",
    "www.google.com\t/pagead/\tT\tGoogle Ads\n",
    "www.google.com\t/ads/\tT\tGoogle Ads\n",
    // Further vendors from their install docs.
    "consensu.org\t\tN\tIAB TCF CMP\n",
    "fundingchoicesmessages.google.com\t\tN\tGoogle Privacy & messaging\n",
    "consentframework.com\t\tN\tSirdata CMP\n",
    "termsfeed.com\t\tN\tTermsFeed\n",
    "uniconsent.com\t\tN\tUniConsent\n",
    "optanon.blob.core.windows.net\t\tN\tOneTrust\n",
    "cookiereports.com\t\tN\tCookie Reports\n",
    "paystack.co\t\tN\tPaystack\n",
    "flutterwave.com\t\tN\tFlutterwave\n",
    "zip.co\t\tN\tZip\n",
    "sezzle.com\t\tN\tSezzle\n",
    "affirm.com\t\tN\tAffirm\n",
    "sumup.com\t\tN\tSumUp\n",
    "ajax.cloudflare.com\t\tN\tCloudflare Rocket Loader\n",
    "widget.manychat.com\t\tF\tManyChat\n",
    "botpress.cloud\t\tF\tBotpress\n",
    "trengo.com\t\tF\tTrengo\n",
    "trengo.eu\t\tF\tTrengo\n",
    "purechat.com\t\tF\tPure Chat\n",
    "zendesk.com\t\tF\tZendesk\n",
    "elfsight.com\t\tF\tElfsight widgets\n",
    "addtoany.com\t\tT\tAddToAny share buttons\n",
    "sharethis.com\t\tT\tShareThis\n",
    "addthis.com\t\tT\tAddThis\n",
    "maps.gstatic.com\t\tF\tGoogle Maps\n",
    "api.maptiler.com\t\tF\tMapTiler\n",
    "arcgis.com\t\tF\tArcGIS\n",
    "heapanalytics.com\t\tP\tHeap\n",
    "mixpanel.com\t\tP\tMixpanel\n",
    "amplitude.com\t\tP\tAmplitude\n",
    "posthog.com\t\tP\tPostHog\n",
    "fullstory.com\t\tP\tFullStory\n",
    "mouseflow.com\t\tP\tMouseflow\n",
    "contentsquare.net\t\tP\tContentsquare\n",
    "pendo.io\t\tP\tPendo\n",
    "smartlook.com\t\tP\tSmartlook\n",
    "smartlook.cloud\t\tP\tSmartlook\n",
    "crazyegg.com\t\tP\tCrazy Egg\n",
    "luckyorange.com\t\tP\tLucky Orange\n",
    "luckyorange.net\t\tP\tLucky Orange\n",
    "inspectlet.com\t\tP\tInspectlet\n",
    "chartbeat.com\t\tP\tChartbeat\n",
    "chartbeat.net\t\tP\tChartbeat\n",
    "parsely.com\t\tP\tParse.ly\n",
    "optimizely.com\t\tP\tOptimizely\n",
    "visualwebsiteoptimizer.com\t\tP\tVWO\n",
    "vwo.com\t\tP\tVWO\n",
    "convertexperiments.com\t\tP\tConvert\n",
    "dynamicyield.com\t\tP\tDynamic Yield\n",
    "matomo.cloud\t\tP\tMatomo Cloud\n",
    "stats.wp.com\t\tP\tJetpack Stats\n",
    "pixel.wp.com\t\tP\tJetpack Stats\n",
    // More analytics, replay, experimentation and monitoring hosts (each vendor's install docs:
    // Kissmetrics, Yandex Metrica, Baidu Tongji, counter.dev, Panelbear, Tinylytics, Splitbee,
    // Hotjar, Glassbox, Adobe Experience Platform Web SDK, Kameleoon, Split, Flagsmith, Request
    // Metrics, Adobe Edge Delivery RUM, Noibu, Lucky Orange, Snowplow).
    "kissmetrics.io\t\tP\tKissmetrics\n",
    "kissmetrics.com\t\tP\tKissmetrics\n",
    "mc.yandex.ru\t\tP\tYandex Metrica\n",
    "mc.yandex.com\t\tP\tYandex Metrica\n",
    "mc.yandex.by\t\tP\tYandex Metrica\n",
    "mc.yandex.kz\t\tP\tYandex Metrica\n",
    "mc.yandex.com.tr\t\tP\tYandex Metrica\n",
    "hm.baidu.com\t\tP\tBaidu Tongji\n",
    "counter.dev\t\tP\tcounter.dev\n",
    "panelbear.com\t\tP\tPanelbear\n",
    "tinylytics.app\t\tP\tTinylytics\n",
    "splitbee.io\t\tP\tSplitbee\n",
    "hotjar.io\t\tP\tHotjar\n",
    "hotjar.com\t\tP\tHotjar\n",
    "glassboxcdn.com\t\tP\tGlassbox\n",
    "glassbox.com\t\tP\tGlassbox\n",
    "adobedc.net\t\tP\tAdobe Experience Platform Web SDK\n",
    "kameleoon.io\t\tP\tKameleoon\n",
    "kameleoon.eu\t\tP\tKameleoon\n",
    "kameleoon.com\t\tP\tKameleoon\n",
    "split.io\t\tP\tSplit\n",
    "flagsmith.com\t\tP\tFlagsmith\n",
    "requestmetrics.com\t\tP\tRequest Metrics\n",
    "rum.hlx.page\t\tP\tAdobe Edge Delivery RUM\n",
    "noibu.com\t\tP\tNoibu\n",
    "d10lpsik1i8c69.cloudfront.net\t\tP\tLucky Orange\n",
    "d1fc8wv8zag5ca.cloudfront.net\t\tP\tSnowplow\n",
    "containers.piwik.pro\t\tT\tPiwik PRO Tag Manager\n",
    // Personalisation and marketing automation: targeting (Salesforce Interaction Studio,
    // Klaviyo, ActiveCampaign, MailerLite, Kit, GetResponse, Iterable, Omnisend, Attentive,
    // PayPal's marketing tag docs); their sign-up forms are functionality.
    "evgnet.com\t\tT\tSalesforce Interaction Studio\n",
    "klaviyo.com\t\tT\tKlaviyo\n",
    "app-us1.com\t\tT\tActiveCampaign\n",
    "mailerlite.com\t\tT\tMailerLite\n",
    "groot.mailerlite.com\t\tF\tMailerLite forms\n",
    "sibforms.com\t\tF\tBrevo forms\n",
    "convertkit.com\t\tT\tKit (ConvertKit)\n",
    "ck.page\t\tT\tKit (ConvertKit)\n",
    "kit.com\t\tT\tKit (ConvertKit)\n",
    "ga.getresponse.com\t\tT\tGetResponse\n",
    "iterable.com\t\tT\tIterable\n",
    "omnisrc.com\t\tT\tOmnisend\n",
    "omnisnippet1.com\t\tT\tOmnisend\n",
    "omnisend.com\t\tT\tOmnisend\n",
    "attn.tv\t\tT\tAttentive\n",
    "attentivemobile.com\t\tT\tAttentive\n",
    "www.paypal.com\t/tagmanager/\tT\tPayPal marketing tag\n",
    // HubSpot's CTAs, pop-up forms and CMS assets: features of the page (HubSpot docs).
    "hsappstatic.net\t\tF\tHubSpot\n",
    "js.hubspot.com\t\tF\tHubSpot CTAs\n",
    "hsleadflows.net\t\tF\tHubSpot pop-up forms\n",
    "hscta.net\t\tF\tHubSpot CTAs\n",
    "hscta.com\t\tF\tHubSpot CTAs\n",
    "no-cache.hubspot.com\t/cta/\tF\tHubSpot CTAs\n",
    // More chat, help-desk, accessibility and review widgets: features the visitor uses.
    "zdassets.com\t\tF\tZendesk\n",
    "livechat-files.com\t\tF\tLiveChat\n",
    "livechat.com\t\tF\tLiveChat\n",
    "jivo.ru\t\tF\tJivoChat\n",
    "jivo.com\t\tF\tJivoChat\n",
    "freshworks.com\t/widgets/\tF\tFreshdesk widget\n",
    "freshdesk.com\t\tF\tFreshdesk\n",
    "desk.zoho.com\t\tF\tZoho Desk\n",
    "desk.zoho.eu\t\tF\tZoho Desk\n",
    "gist.build\t\tF\tGist\n",
    "getgist.com\t\tF\tGist\n",
    "kommunicate.io\t\tF\tKommunicate\n",
    "helpcrunch.com\t\tF\tHelpCrunch\n",
    "small.chat\t\tF\tsmall.chat\n",
    "chatwoot.com\t\tF\tChatwoot\n",
    "3cx.com\t\tF\t3CX Live Chat\n",
    "socialintents.com\t\tF\tSocial Intents\n",
    "voiceflow.com\t\tF\tVoiceflow\n",
    "userway.org\t\tF\tUserWay\n",
    "acsbapp.com\t\tF\taccessiBe\n",
    "accessibe.com\t\tF\taccessiBe\n",
    "enable.co.il\t\tF\tEqualWeb\n",
    "equalweb.com\t\tF\tEqualWeb\n",
    "recite.me\t\tF\tRecite Me\n",
    "audioeye.com\t\tF\tAudioEye\n",
    "reviews.io\t\tF\tReviews.io\n",
    "reviews.co.uk\t\tF\tReviews.io\n",
    "judge.me\t\tF\tJudge.me\n",
    "okendo.io\t\tF\tOkendo\n",
    "stamped.io\t\tF\tStamped\n",
    // Fraud prevention and bot defence (Kasada, ThreatMetrix, iovation, MaxMind minFraud,
    // Fingerprint, Kount docs) and more payment SDKs (Klarna, PayFast, PayU, Stripe, Shop Pay).
    "kasada.io\t\tN\tKasada\n",
    "online-metrix.net\t\tN\tThreatMetrix\n",
    "iesnare.com\t\tN\tiovation\n",
    "iovation.com\t\tN\tiovation\n",
    "device.maxmind.com\t\tN\tMaxMind minFraud\n",
    "fpnpmcdn.net\t\tN\tFingerprint\n",
    "fpjs.io\t\tN\tFingerprint\n",
    "kaptcha.com\t\tN\tKount\n",
    "klarna.com\t\tN\tKlarna\n",
    "payfast.co.za\t\tN\tPayFast\n",
    "payu.com\t\tN\tPayU\n",
    "payu.in\t\tN\tPayU\n",
    "stripecdn.com\t\tN\tStripe\n",
    "pay.shopify.com\t\tN\tShop Pay\n",
    "shop.app\t\tN\tShop Pay\n",
    // More public library CDNs that serve files and store nothing.
    "d3js.org\t\tZ\tD3\n",
    "githack.com\t\tZ\tgithack\n",
    "cdn.redoc.ly\t\tZ\tRedoc\n",
    "bootcdn.net\t\tZ\tBootCDN\n",
    "bootcss.com\t\tZ\tBootCDN\n",
    "lib.baomitu.com\t\tZ\t360 CDN\n",
    // More font and icon-font services: appearance, with the visitor's address sent to them.
    "fonts.cdnfonts.com\t\tF\tCDNFonts\n",
    "fontshare.com\t\tF\tFontshare\n",
    "fonts.coollabs.io\t\tF\tcoollabs Fonts\n",
    "fonts.xz.style\t\tF\txz fonts\n",
    "fontslive.com\t\tF\tFontsLive\n",
    "materialdesignicons.com\t\tF\tMaterial Design Icons\n",
    "myfonts.com\t\tF\tMyFonts\n",
    "cdn.linearicons.com\t\tF\tLinearicons\n",
    "code.ionicframework.com\t\tF\tIonicons\n",
    // Ad networks, identity graphs and social embeds: targeting (Google ad traffic quality,
    // LiveRamp ATS, ID5, LiveIntent, Permutive, Quantcast, LinkedIn, X, Instagram, Threads,
    // Capterra, YouTube and Vimeo player assets).
    "adtrafficquality.google\t\tT\tGoogle ad traffic quality\n",
    "privacymanager.io\t\tT\tLiveRamp ATS\n",
    "gdpr.privacymanager.io\t\tN\tLiveRamp consent manager\n",
    "gdpr-wrapper.privacymanager.io\t\tN\tLiveRamp consent manager\n",
    "id5-sync.com\t\tT\tID5\n",
    "liadm.com\t\tT\tLiveIntent\n",
    "permutive.app\t\tT\tPermutive\n",
    "permutive.com\t\tT\tPermutive\n",
    "quantcount.com\t\tT\tQuantcast\n",
    "www.linkedin.com\t/px/\tT\tLinkedIn Insight Tag\n",
    "x.com\t\tT\tX (Twitter)\n",
    "instagram.com\t\tT\tInstagram\n",
    "threads.net\t\tT\tThreads\n",
    "ct.capterra.com\t\tT\tCapterra\n",
    "ytimg.com\t\tT\tYouTube\n",
    "vimeocdn.com\t\tT\tVimeo\n",
    // Consent managers (each CMP's install docs).
    "ketchjs.com\t\tN\tKetch\n",
    "cookieyes.com\t\tN\tCookieYes\n",
    "axeptio.eu\t\tN\tAxeptio\n",
    "enzuzo.com\t\tN\tEnzuzo\n",
    "gatekeeperconsent.com\t\tN\tGatekeeper Consent\n",
    "cookieconsent.com\t\tN\tCookie Consent (TermsFeed)\n",
    "secureprivacy.ai\t\tN\tSecure Privacy\n",
    "getterms.io\t\tN\tGetTerms\n",
    "sp-prod.net\t\tN\tSourcepoint\n",
    "trustcommander.net\t\tN\tCommanders Act TrustCommander\n",
    // Tag and customer-data platforms: the snippet loads destinations (targeting, like Segment's);
    // their event endpoints are analytics (Tealium, RudderStack, mParticle docs).
    "tealiumiq.com\t\tT\tTealium\n",
    "rudderlabs.com\t\tT\tRudderStack (loads its destinations)\n",
    "rudderstack.com\t\tP\tRudderStack\n",
    "cdn.mparticle.com\t\tT\tmParticle (loads its kits)\n",
    "mparticle.com\t\tP\tmParticle\n",
    // Embedded players, documents, designs, code, forms, surveys, feedback, bookings, tickets,
    // site search, push and changelog widgets: features the visitor uses (each vendor's embed docs).
    "embed.podcasts.apple.com\t\tF\tApple Podcasts\n",
    "zencdn.net\t\tZ\tVideo.js CDN\n",
    "cdn.plyr.io\t\tZ\tPlyr CDN\n",
    "sproutvideo.com\t\tF\tSproutVideo\n",
    "embed.ted.com\t\tF\tTED\n",
    "speakerdeck.com\t\tF\tSpeaker Deck\n",
    "canva.com\t\tF\tCanva\n",
    "calendar.google.com\t\tF\tGoogle Calendar\n",
    "www.google.com\t/calendar/\tF\tGoogle Calendar\n",
    "drive.google.com\t\tF\tGoogle Drive\n",
    "docs.google.com\t\tF\tGoogle Docs\n",
    "forms.gle\t\tF\tGoogle Forms\n",
    "apis.google.com\t\tF\tGoogle APIs\n",
    "onedrive.live.com\t\tF\tOneDrive\n",
    "forms.office.com\t\tF\tMicrosoft Forms\n",
    "figma.com\t\tF\tFigma\n",
    "codepen.io\t\tF\tCodePen\n",
    "jsfiddle.net\t\tF\tJSFiddle\n",
    "codesandbox.io\t\tF\tCodeSandbox\n",
    "issuu.com\t\tF\tIssuu\n",
    "sketchfab.com\t\tF\tSketchfab\n",
    "powr.io\t\tF\tPOWr\n",
    "jotfor.ms\t\tF\tJotform\n",
    "formstack.com\t\tF\tFormstack\n",
    "wufoo.com\t\tF\tWufoo\n",
    "paperform.co\t\tF\tPaperform\n",
    "fillout.com\t\tF\tFillout\n",
    "forms.zoho.com\t\tF\tZoho Forms\n",
    "forms.zoho.eu\t\tF\tZoho Forms\n",
    "forms.zohopublic.com\t\tF\tZoho Forms\n",
    "formsite.com\t\tF\tFormsite\n",
    "123formbuilder.com\t\tF\t123FormBuilder\n",
    "airtable.com\t\tF\tAirtable\n",
    "survicate.com\t\tF\tSurvicate\n",
    "delighted.com\t\tF\tDelighted\n",
    "d2yyd1h5u9mauk.cloudfront.net\t\tF\tDelighted\n",
    "medallia.eu\t\tF\tMedallia\n",
    "kampyle.com\t\tF\tMedallia\n",
    "usabilla.com\t\tF\tUsabilla\n",
    "surveys.hotjar.com\t\tF\tHotjar surveys\n",
    "userback.io\t\tF\tUserback\n",
    "doorbell.io\t\tF\tDoorbell\n",
    "feedback.fish\t\tF\tFeedback Fish\n",
    "canny.io\t\tF\tCanny\n",
    "zcal.co\t\tF\tzcal\n",
    "setmore.com\t\tF\tSetmore\n",
    "squarespacescheduling.com\t\tF\tSquarespace Scheduling\n",
    "oncehub.com\t\tF\tOnceHub\n",
    "appointy.com\t\tF\tAppointy\n",
    "vagaro.com\t\tF\tVagaro\n",
    "bookingkit.net\t\tF\tbookingkit\n",
    "fareharbor.com\t\tF\tFareHarbor\n",
    "checkfront.com\t\tF\tCheckfront\n",
    "resy.com\t\tF\tResy\n",
    "sevenrooms.com\t\tF\tSevenRooms\n",
    "thefork.com\t\tF\tTheFork\n",
    "tito.io\t\tF\tTito\n",
    "tickettailor.com\t\tF\tTicket Tailor\n",
    "lu.ma\t\tF\tLuma\n",
    "www.google.com\t/cse/\tF\tGoogle Programmable Search\n",
    "addsearch.com\t\tF\tAddSearch\n",
    "klevu.com\t\tF\tKlevu\n",
    "searchanise.com\t\tF\tSearchanise\n",
    "searchserverapi.com\t\tF\tSearchanise\n",
    "cludo.com\t\tF\tCludo\n",
    "sitesearch360.com\t\tF\tSite Search 360\n",
    "swiftype.com\t\tF\tSwiftype\n",
    "meilisearch.io\t\tF\tMeilisearch Cloud\n",
    "typesense.net\t\tF\tTypesense Cloud\n",
    "doofinder.com\t\tF\tDoofinder\n",
    "pushalert.co\t\tF\tPushAlert\n",
    "pushowl.com\t\tF\tPushOwl\n",
    "truepush.com\t\tF\tTruepush\n",
    "sendpulse.com\t/js/push/\tF\tSendPulse push\n",
    "aimtell.com\t\tF\tAimtell\n",
    "subscribers.com\t\tF\tSubscribers\n",
    "getbeamer.com\t\tF\tBeamer\n",
    "headwayapp.co\t\tF\tHeadway\n",
    "announcekit.app\t\tF\tAnnounceKit\n",
    // Sign-in services the site uses (Firebase Auth, Microsoft Entra ID, Azure AD B2C, Kinde,
    // Supabase Auth docs).
    "firebaseapp.com\t/__/auth/\tN\tFirebase Authentication\n",
    "identitytoolkit.googleapis.com\t\tN\tFirebase Authentication\n",
    "securetoken.googleapis.com\t\tN\tFirebase Authentication\n",
    "login.microsoftonline.com\t\tN\tMicrosoft Entra ID\n",
    "b2clogin.com\t\tN\tAzure AD B2C\n",
    "kinde.com\t\tN\tKinde\n",
    "supabase.co\t/auth/\tN\tSupabase Auth\n",
    // Site builders' and shop platforms' own asset hosts: the site is built from them (Wix,
    // Squarespace, Webflow, BigCommerce, WordPress.com and Jetpack docs); their analytics
    // beacons are performance.
    "parastorage.com\t\tN\tWix\n",
    "wixstatic.com\t\tN\tWix\n",
    "frog.wix.com\t\tP\tWix analytics\n",
    "static1.squarespace.com\t\tN\tSquarespace\n",
    "assets.squarespace.com\t\tN\tSquarespace\n",
    "squarespace-cdn.com\t\tN\tSquarespace\n",
    "website-files.com\t\tN\tWebflow\n",
    "uploads-ssl.webflow.com\t\tN\tWebflow\n",
    "cdn11.bigcommerce.com\t\tN\tBigCommerce\n",
    "checkout-sdk.bigcommerce.com\t\tN\tBigCommerce checkout\n",
    "c0.wp.com\t\tN\tWordPress.com CDN\n",
    "s0.wp.com\t\tN\tWordPress.com\n",
    "i0.wp.com\t\tN\tJetpack image CDN\n",
    "i1.wp.com\t\tN\tJetpack image CDN\n",
    "i2.wp.com\t\tN\tJetpack image CDN\n",
    "i3.wp.com\t\tN\tJetpack image CDN\n",
    "s.w.org\t\tN\tWordPress.org\n",
    // Hosted shops and checkouts: needed to buy (Ecwid, Snipcart, Lemon Squeezy, Foxy, Gumroad,
    // Shopify docs).
    "ecwid.com\t\tN\tEcwid\n",
    "snipcart.com\t\tN\tSnipcart\n",
    "lemonsqueezy.com\t\tN\tLemon Squeezy\n",
    "foxycart.com\t\tN\tFoxy\n",
    "gumroad.com\t\tN\tGumroad\n",
    "checkout.shopify.com\t\tN\tShopify checkout\n",
    // More ad, attribution and account-based-marketing hosts (Google IMA, Celtra, Sizmek, Vector,
    // RB2B, Podscribe, Nextdoor, Adobe Marketo Measure, Klaviyo, OptinMonster docs); review and
    // loyalty widgets are features (Loox, Smile.io docs).
    "imasdk.googleapis.com\t\tT\tGoogle Interactive Media Ads\n",
    "celtra.com\t\tT\tCeltra\n",
    "serving-sys.com\t\tT\tSizmek\n",
    "vector.co\t\tT\tVector\n",
    "rb2b.com\t\tT\tRB2B\n",
    "pdst.fm\t\tT\tPodscribe\n",
    "podscribe.com\t\tT\tPodscribe\n",
    "ads.nextdoor.com\t\tT\tNextdoor Ads\n",
    "bizible.com\t\tT\tAdobe Marketo Measure (Bizible)\n",
    "bizibly.com\t\tT\tAdobe Marketo Measure (Bizible)\n",
    "klclick.com\t\tT\tKlaviyo\n",
    "omappapi.com\t\tT\tOptinMonster\n",
    "loox.io\t\tF\tLoox\n",
    "smile.io\t\tF\tSmile.io\n",
    // Share buttons and social widgets: targeting, as the policy files them (LinkedIn, Tumblr,
    // Pocket, LINE, XING docs); Google's +1 and platform.js social buttons too.
    "www.linkedin.com\t/embed/\tT\tLinkedIn embed\n",
    "tumblr.com\t\tT\tTumblr\n",
    "widgets.getpocket.com\t\tT\tPocket button\n",
    "social-plugins.line.me\t\tT\tLINE social plugins\n",
    "line-scdn.net\t/r/web/social-plugin/\tT\tLINE social plugins\n",
    "xing.com\t\tT\tXING\n",
    "apis.google.com\t/js/plusone.js\tT\tGoogle +1 button\n",
    "apis.google.com\t/js/platform.js\tT\tGoogle social buttons\n",
    // More payment, 3-D Secure, bank-link and fraud-check hosts (Venmo, Amazon Pay, Square
    // sandbox, Zip, Worldline Ogone, Plaid, Trustly, SEON, Cardinal Commerce, Pandectes docs) and
    // captchas (Friendly Captcha EU, Yandex SmartCaptcha).
    "venmo.com\t\tN\tVenmo\n",
    "amazonpay.com\t\tN\tAmazon Pay\n",
    "squareupsandbox.com\t\tN\tSquare\n",
    "quadpay.com\t\tN\tZip (Quadpay)\n",
    "zipmoney.com.au\t\tN\tZip\n",
    "ogone.com\t\tN\tWorldline (Ogone)\n",
    "cdn.plaid.com\t\tN\tPlaid Link\n",
    "trustly.com\t\tN\tTrustly\n",
    "seon.io\t\tN\tSEON\n",
    "cardinalcommerce.com\t\tN\tCardinal Commerce 3-D Secure\n",
    "friendlycaptcha.eu\t\tN\tFriendly Captcha\n",
    "smartcaptcha.yandexcloud.net\t\tN\tYandex SmartCaptcha\n",
    "pandect.es\t\tN\tPandectes GDPR\n",
    // Headless CMS, media and image CDNs that serve the site's own content and store nothing
    // (Cloudinary, imgix, ImageKit, Sanity, Contentful, Storyblok, Prismic, Hygraph, Uploadcare,
    // Filestack docs) and more library CDNs (esm.run, amCharts, Quill, Babylon.js, A-Frame).
    "res.cloudinary.com\t\tZ\tCloudinary\n",
    "imgix.net\t\tZ\timgix\n",
    "ik.imagekit.io\t\tZ\tImageKit\n",
    "cdn.sanity.io\t\tZ\tSanity\n",
    "ctfassets.net\t\tZ\tContentful\n",
    "a.storyblok.com\t\tZ\tStoryblok\n",
    "images.prismic.io\t\tZ\tPrismic\n",
    "media.graphassets.com\t\tZ\tHygraph\n",
    "ucarecdn.com\t\tZ\tUploadcare\n",
    "cdn.filestackcontent.com\t\tZ\tFilestack\n",
    "esm.run\t\tZ\tjsDelivr (esm.run)\n",
    "cdn.amcharts.com\t\tZ\tamCharts\n",
    "cdn.quilljs.com\t\tZ\tQuill\n",
    "cdn.babylonjs.com\t\tZ\tBabylon.js\n",
    "aframe.io\t\tZ\tA-Frame\n",
    // More maps, store locators, comments and video players: features the visitor uses (Bing
    // Maps, Azure Maps, Wikimedia Maps, Stadia Maps, Geoapify, CARTO, Yandex Maps, MapQuest,
    // StoreRocket, Storepoint, Stockist, GraphComment, Viafoura, IntenseDebate, VideoPress,
    // Cloudinary player, Brightcove, Kaltura, Streamable, api.video, Vidalytics, IBM Video docs);
    // Dailymotion's CDN is its standard player's.
    "dev.virtualearth.net\t\tF\tBing Maps\n",
    "atlas.microsoft.com\t\tF\tAzure Maps\n",
    "maps.wikimedia.org\t\tF\tWikimedia Maps\n",
    "stadiamaps.com\t\tF\tStadia Maps\n",
    "api.geoapify.com\t\tF\tGeoapify\n",
    "basemaps.cartocdn.com\t\tF\tCARTO basemaps\n",
    "api-maps.yandex.ru\t\tF\tYandex Maps\n",
    "mapquestapi.com\t\tF\tMapQuest\n",
    "storerocket.io\t\tF\tStoreRocket\n",
    "storepoint.co\t\tF\tStorepoint\n",
    "stockist.co\t\tF\tStockist\n",
    "graphcomment.com\t\tF\tGraphComment\n",
    "viafoura.net\t\tF\tViafoura\n",
    "intensedebate.com\t\tF\tIntenseDebate\n",
    "videopress.com\t\tF\tVideoPress\n",
    "video.wordpress.com\t\tF\tVideoPress\n",
    "player.cloudinary.com\t\tF\tCloudinary video player\n",
    "edge.api.brightcove.com\t\tF\tBrightcove\n",
    "metrics.brightcove.com\t\tP\tBrightcove analytics\n",
    "cdnapisec.kaltura.com\t\tF\tKaltura\n",
    "streamable.com\t\tF\tStreamable\n",
    "embed.api.video\t\tF\tapi.video\n",
    "vidalytics.com\t\tF\tVidalytics\n",
    "video.ibm.com\t\tF\tIBM Video Streaming\n",
    "dmcdn.net\t\tT\tDailymotion\n",
    // More analytics, RUM and experimentation hosts (Snowplow, SessionCam, Clicktale,
    // Dynatrace Managed, Akamai mPulse, Instana, Splunk RUM, Blue Triangle, Crazy Egg, Unleash,
    // ConfigCat, Eppo, Webtrends, Mapp, etracker, Piano Analytics, Gainsight PX docs).
    "snplow.net\t\tP\tSnowplow\n",
    "sessioncam.com\t\tP\tSessionCam\n",
    "clicktale.net\t\tP\tClicktale\n",
    "dynatrace-managed.com\t\tP\tDynatrace\n",
    "akstat.io\t\tP\tAkamai mPulse\n",
    "eum.instana.io\t\tP\tInstana\n",
    "cdn.signalfx.com\t\tP\tSplunk RUM\n",
    "signalfx.com\t\tP\tSplunk RUM\n",
    "btttag.com\t\tP\tBlue Triangle\n",
    "dnn506yrbagrg.cloudfront.net\t\tP\tCrazy Egg\n",
    "unleash-hosted.com\t\tP\tUnleash\n",
    "configcat.com\t\tP\tConfigCat\n",
    "eppo.cloud\t\tP\tEppo\n",
    "webtrends.com\t\tP\tWebtrends\n",
    "wt-safetag.com\t\tP\tMapp\n",
    "wt-eu02.net\t\tP\tMapp\n",
    "code.etracker.com\t\tP\tetracker\n",
    "tag.aticdn.net\t\tP\tPiano Analytics\n",
    "xiti.com\t\tP\tPiano Analytics\n",
    "pa-cd.com\t\tP\tPiano Analytics\n",
    "aptrinsic.com\t\tP\tGainsight PX\n",
    // Referral, affiliate and retargeting programmes (Refersion, FirstPromoter, PartnerStack, Post
    // Affiliate Pro, LeadDyno, ReferralCandy, Friendbuy, Talkable, Mention Me, Extole, MNTN,
    // TVSquared docs).
    "refersion.com\t\tT\tRefersion\n",
    "firstpromoter.com\t\tT\tFirstPromoter\n",
    "partnerstack.com\t\tT\tPartnerStack\n",
    "partnerlinks.io\t\tT\tPartnerStack\n",
    "postaffiliatepro.com\t\tT\tPost Affiliate Pro\n",
    "leaddyno.com\t\tT\tLeadDyno\n",
    "referralcandy.com\t\tT\tReferralCandy\n",
    "fbot.me\t\tT\tFriendbuy\n",
    "talkable.com\t\tT\tTalkable\n",
    "mention-me.com\t\tT\tMention Me\n",
    "extole.io\t\tT\tExtole\n",
    "extole.com\t\tT\tExtole\n",
    "dx.mountain.com\t\tT\tMNTN\n",
    "tvsquared.com\t\tT\tTVSquared\n",
    // Regional payment gateways, BNPL and card-vaulting SDKs: needed to pay (each provider's
    // checkout or web SDK docs: Aplazame, PortOne, Nexi Easy (DIBS), Vipps, Nexi XPay,
    // Barclaycard ePDQ, GoPay, EBANX, VGS Collect, Opayo (Elavon), MultiSafepay, NICEPAY, Global
    // Payments (Realex), Cashfree, Mercado Pago, CCAvenue, Tpay, Paytm, Unzer, iyzico, GMO
    // Payment Gateway, easyCredit, PayZen (Lyra), PagSeguro, YooKassa).
    "aplazame.com\t\tN\tAplazame\n",
    "portone.io\t\tN\tPortOne\n",
    "dibspayment.eu\t\tN\tNexi Easy (DIBS)\n",
    "vipps.no\t\tN\tVipps\n",
    "nexi.it\t\tN\tNexi XPay\n",
    "ecommerce.barclaycard.co.uk\t\tN\tBarclaycard ePDQ\n",
    "gopay.com\t\tN\tGoPay\n",
    "ebanx.com\t\tN\tEBANX\n",
    "verygoodvault.com\t\tN\tVGS Collect\n",
    "opayo.eu.elavon.com\t\tN\tOpayo (Elavon)\n",
    "multisafepay.com\t\tN\tMultiSafepay\n",
    "nicepay.co.kr\t\tN\tNICEPAY\n",
    "realexpayments.com\t\tN\tGlobal Payments (Realex)\n",
    "cashfree.com\t\tN\tCashfree Payments\n",
    "mercadopago.com\t\tN\tMercado Pago\n",
    "ccavenue.com\t\tN\tCCAvenue\n",
    "tpay.com\t\tN\tTpay\n",
    "paytm.in\t\tN\tPaytm Payment Gateway\n",
    "unzer.com\t\tN\tUnzer\n",
    "iyzipay.com\t\tN\tiyzico\n",
    "mul-pay.jp\t\tN\tGMO Payment Gateway\n",
    "payment.easycredit.de\t\tN\teasyCredit\n",
    "payzen.eu\t\tN\tPayZen (Lyra)\n",
    "pagseguro.uol.com.br\t\tN\tPagSeguro\n",
    "yookassa.ru\t\tN\tYooKassa\n",
    // Consent managers (Didomi, tarteaucitron.io docs) and Bunny CDN's pull zones, which serve the
    // site's own files and store nothing.
    "didomi.io\t\tN\tDidomi\n",
    "tarteaucitron.io\t\tN\ttarteaucitron\n",
    "b-cdn.net\t\tZ\tBunny CDN\n",
    // Audience measurement, call tracking, RUM and A/B testing: performance (LiveInternet, Gemius,
    // Top.Mail.Ru, CallRail, Calltouch, Swetrix, Varify, Elastic APM, Sematext, Tealium's
    // collect endpoint docs).
    "counter.yadro.ru\t\tP\tLiveInternet\n",
    "hit.gemius.pl\t\tP\tGemius audience measurement\n",
    "top-fwz1.mail.ru\t\tP\tTop.Mail.Ru\n",
    "top.mail.ru\t\tP\tTop.Mail.Ru\n",
    "cdn.callrail.com\t\tP\tCallRail call tracking\n",
    "calltrk.com\t\tP\tCallRail call tracking\n",
    "calltouch.ru\t\tP\tCalltouch call tracking\n",
    "swetrix.com\t\tP\tSwetrix\n",
    "varify.io\t\tP\tVarify.io\n",
    "cdn.elastic.co\t/apm/\tP\tElastic APM RUM\n",
    "sematext.com\t\tP\tSematext Experience\n",
    "collect.tealiumiq.com\t\tP\tTealium Collect\n",
    // AMP's ad and analytics components (amp.dev component docs); the rest of the runtime is
    // the library CDN above.
    "cdn.ampproject.org\t/v0/amp-ad\tT\tAMP ads\n",
    "cdn.ampproject.org\t/v0/amp-auto-ads\tT\tAMP ads\n",
    "cdn.ampproject.org\t/v0/amp-sticky-ad\tT\tAMP ads\n",
    "cdn.ampproject.org\t/v0/amp-analytics\tP\tAMP analytics\n",
    // Push, chat, accessibility, search, surveys, feedback, reviews, jobs, maps, weather,
    // podcasts, sign-in, bookings, tickets and donations: features the visitor uses (each
    // vendor's embed docs).
    "gravitec.net\t\tF\tGravitec push\n",
    "batch.com\t\tF\tBatch push\n",
    "mopinion.com\t\tF\tMopinion feedback\n",
    "line-scdn.net\t/liff/\tF\tLINE Front-end Framework\n",
    "static.mailerlite.com\t/js/w/webforms\tF\tMailerLite forms\n",
    "www.gstatic.com\t/cast/\tF\tGoogle Cast\n",
    "api.map.baidu.com\t\tF\tBaidu Maps\n",
    "id.yandex.ru\t/sdk/\tF\tYandex ID sign-in\n",
    "openstreetmap.fr\t\tF\tOpenStreetMap France\n",
    "dapi.kakao.com\t/v2/maps/\tF\tKakao Maps\n",
    "kakaocdn.net\t/kakao_js_sdk/\tF\tKakao SDK\n",
    "embed.windy.com\t\tF\tWindy\n",
    "api.openweathermap.org\t\tF\tOpenWeather\n",
    "weatherwidget.io\t\tF\tweatherwidget.io\n",
    "meteoblue.com\t\tF\tmeteoblue widget\n",
    "channel.io\t\tF\tChannel Talk\n",
    "kindlycdn.com\t\tF\tKindly chat\n",
    "eye-able.com\t\tF\tEye-Able\n",
    "findify.io\t\tF\tFindify search\n",
    "formbricks.com\t\tF\tFormbricks\n",
    "refiner.io\t\tF\tRefiner surveys\n",
    "formspree.io\t\tF\tFormspree\n",
    "alchemer.com\t\tF\tAlchemer surveys\n",
    "alchemer.eu\t\tF\tAlchemer surveys\n",
    "webwinkelkeur.nl\t\tF\tWebwinkelKeur reviews\n",
    "ekomi.com\t\tF\teKomi reviews\n",
    "kiyoh.com\t\tF\tKiyOh reviews\n",
    "provenexpert.com\t\tF\tProvenExpert\n",
    "api.lever.co\t\tF\tLever job postings\n",
    "jobvite.com\t\tF\tJobvite careers\n",
    "workable.com\t\tF\tWorkable careers\n",
    "recruitee.com\t\tF\tRecruitee careers\n",
    "jobs.personio.de\t\tF\tPersonio careers\n",
    "smartrecruiters.com\t\tF\tSmartRecruiters careers\n",
    "idxbroker.com\t\tF\tIDX Broker listings\n",
    "cdn.weglot.com\t\tF\tWeglot\n",
    "player.simplecast.com\t\tF\tSimplecast player\n",
    "buzzsprout.com\t\tF\tBuzzsprout player\n",
    "telegram.org\t/js/telegram-widget.js\tF\tTelegram widget\n",
    "res.wx.qq.com\t/connect/\tF\tWeChat sign-in\n",
    "app.mews.com\t/distributor/\tF\tMews booking engine\n",
    "resmio.com\t\tF\tresmio reservations\n",
    "direct-book.com\t\tF\tSiteMinder booking engine\n",
    "reservations.travelclick.com\t\tF\tTravelClick booking engine\n",
    "outlook.office365.com\t/owa/calendar/\tF\tMicrosoft Bookings\n",
    "covermanager.com\t\tF\tCoverManager reservations\n",
    "exploretock.com\t\tF\tTock reservations\n",
    "bokun.io\t\tF\tBókun booking\n",
    "pretix.eu\t\tF\tpretix tickets\n",
    "weezevent.com\t\tF\tWeezevent tickets\n",
    "givelively.org\t\tF\tGive Lively donations\n",
    "twingle.de\t\tF\ttwingle donations\n",
    "fundraisingbox.com\t\tF\tFundraisingBox donations\n",
    "gofundme.com\t\tF\tGoFundMe widget\n",
    "helloasso.com\t\tF\tHelloAsso\n",
    // Ad networks, retargeting, affiliate networks, identity, lead capture and marketing
    // automation: targeting (Yandex Advertising Network, Sklik (imedia.cz), Weborama, RD Station,
    // SALESmanago, LINE Tag, edrone, uptain, vdo.ai, Dstillery, Booking.com and GetYourGuide
    // affiliate widgets, Sovendus, Leadoo, AdPlus, ConvertBox, Justuno, Enliple, Poptin, UID2,
    // Onet (Ringier Axel Springer), EmbedSocial, Zucks, moshimo, SalesViewer, Squeezely, ADCELL,
    // Kakao AdFit, Travelpayouts, Webgains, financeAds, Daisycon docs).
    "an.yandex.ru\t\tT\tYandex Advertising Network\n",
    "imedia.cz\t\tT\tSklik (Seznam)\n",
    "weborama.fr\t\tT\tWeborama\n",
    "d335luupugsy2.cloudfront.net\t\tT\tRD Station\n",
    "d335luupugsy2.cloudfront.net\t/js/rdstation-forms/\tF\tRD Station forms\n",
    "salesmanago.com\t\tT\tSALESmanago\n",
    "tr.line.me\t\tT\tLINE Tag\n",
    "d3bo67muzbfgtl.cloudfront.net\t\tT\tedrone\n",
    "uptain.de\t\tT\tuptain\n",
    "vdo.ai\t\tT\tvdo.ai\n",
    "dstillery.com\t\tT\tDstillery\n",
    "aff.bstatic.com\t\tT\tBooking.com affiliate widgets\n",
    "widget.getyourguide.com\t\tT\tGetYourGuide affiliate widgets\n",
    "sovendus.com\t\tT\tSovendus\n",
    "leadoo.com\t\tT\tLeadoo\n",
    "ad.plus\t\tT\tAdPlus\n",
    "convertbox.com\t\tT\tConvertBox\n",
    "justuno.com\t\tT\tJustuno\n",
    "megadata.co.kr\t\tT\tEnliple\n",
    "popt.in\t\tT\tPoptin\n",
    "uidapi.com\t\tT\tUnified ID 2.0\n",
    "csr.onet.pl\t\tT\tOnet ads\n",
    "lib.onet.pl\t/s.csr/\tT\tOnet ads\n",
    "embedsocial.com\t\tT\tEmbedSocial\n",
    "zucks.net.zimg.jp\t\tT\tZucks\n",
    "moshimo.com\t\tT\tmoshimo affiliate\n",
    "salesviewer.org\t\tT\tSalesViewer\n",
    "squeezely.tech\t\tT\tSqueezely\n",
    "adcell.com\t\tT\tADCELL\n",
    "daumcdn.net\t/kas/\tT\tKakao AdFit\n",
    "tp.media\t\tT\tTravelpayouts\n",
    "webgains.com\t\tT\tWebgains\n",
    "financeads.net\t\tT\tfinanceAds\n",
    "lt45.net\t\tT\tDaisycon\n",
    // More payment gateways, BNPL, wallets and card vaults across regions: needed to pay (each
    // provider's checkout or web SDK docs).
    "przelewy24.pl\t\tN\tPrzelewy24\n",
    "autopay.pl\t\tN\tAutopay (Blue Media)\n",
    "bm.pl\t\tN\tAutopay (Blue Media)\n",
    "buckaroo.nl\t\tN\tBuckaroo\n",
    "pay.nl\t\tN\tPay.nl\n",
    "pay1.de\t\tN\tPAYONE\n",
    "computop-paygate.com\t\tN\tComputop\n",
    "datatrans.com\t\tN\tDatatrans\n",
    "saferpay.com\t\tN\tWorldline Saferpay\n",
    "wallee.com\t\tN\twallee\n",
    "twint.ch\t\tN\tTWINT\n",
    "redsys.es\t\tN\tRedsys\n",
    "midtrans.com\t\tN\tMidtrans\n",
    "xendit.co\t\tN\tXendit\n",
    "paymongo.com\t\tN\tPayMongo\n",
    "omise.co\t\tN\tOmise\n",
    "2c2p.com\t\tN\t2C2P\n",
    "instamojo.com\t\tN\tInstamojo\n",
    "yoco.com\t\tN\tYoco\n",
    "peachpayments.com\t\tN\tPeach Payments\n",
    "safecharge.com\t\tN\tNuvei (SafeCharge)\n",
    "nuvei.com\t\tN\tNuvei\n",
    "paysera.com\t\tN\tPaysera\n",
    "montonio.com\t\tN\tMontonio\n",
    "ratepay.com\t\tN\tRatepay\n",
    "scalapay.com\t\tN\tScalapay\n",
    "getalma.eu\t\tN\tAlma\n",
    "tabby.ai\t\tN\tTabby\n",
    "tamara.co\t\tN\tTamara\n",
    "atome.sg\t\tN\tAtome\n",
    "paysafe.com\t\tN\tPaysafe\n",
    "ewaypayments.com\t\tN\tEway\n",
    "payrexx.com\t\tN\tPayrexx\n",
    "payplug.com\t\tN\tPayplug\n",
    "systempay.fr\t\tN\tSystempay\n",
    "hipay.com\t\tN\tHiPay\n",
    "fastspring.com\t\tN\tFastSpring\n",
    "2checkout.com\t\tN\t2Checkout (Verifone)\n",
    "satispay.com\t\tN\tSatispay\n",
    "yoomoney.ru\t\tN\tYooMoney\n",
    "cloudpayments.ru\t\tN\tCloudPayments\n",
    "robokassa.ru\t\tN\tRobokassa\n",
    "robokassa.com\t\tN\tRobokassa\n",
    "liqpay.ua\t\tN\tLiqPay\n",
    "wayforpay.com\t\tN\tWayForPay\n",
    "fondy.eu\t\tN\tFondy\n",
    "paytr.com\t\tN\tPayTR\n",
    "culqi.com\t\tN\tCulqi\n",
    "conekta.com\t\tN\tConekta\n",
    "conekta.io\t\tN\tConekta\n",
    "openpay.mx\t\tN\tOpenpay\n",
    "payulatam.com\t\tN\tPayU Latam\n",
    "pagar.me\t\tN\tPagar.me\n",
    "iugu.com\t\tN\tiugu\n",
    "wompi.co\t\tN\tWompi\n",
    "epayco.co\t\tN\tePayco\n",
    "epayco.com\t\tN\tePayco\n",
    "tosspayments.com\t\tN\tToss Payments\n",
    "inicis.com\t\tN\tKG Inicis\n",
    "paypay.ne.jp\t\tN\tPayPay\n",
    "komoju.com\t\tN\tKOMOJU\n",
    "paidy.com\t\tN\tPaidy\n",
    "veritrans.co.jp\t\tN\tVeritrans\n",
    "alipay.com\t\tN\tAlipay\n",
    "ozow.com\t\tN\tOzow\n",
    "heartlandportico.com\t\tN\tHeartland (Global Payments)\n",
    "convergepay.com\t\tN\tElavon Converge\n",
    "secure.nmi.com\t\tN\tNMI Collect.js\n",
    "bluesnap.com\t\tN\tBlueSnap\n",
    "checkout.clover.com\t\tN\tClover checkout\n",
    "helcim.com\t\tN\tHelcim\n",
    "moneris.com\t\tN\tMoneris\n",
    "cybersource.com\t\tN\tCybersource\n",
    "spreedly.com\t\tN\tSpreedly\n",
    "tokenex.com\t\tN\tTokenEx\n",
    "basistheory.com\t\tN\tBasis Theory\n",
    "evervault.com\t\tN\tEvervault\n",
    "mobilepay.dk\t\tN\tMobilePay\n",
    "vivapayments.com\t\tN\tViva Wallet\n",
    "vivawallet.com\t\tN\tViva Wallet\n",
    "payhere.lk\t\tN\tPayHere\n",
    "sagepay.com\t\tN\tOpayo (Sage Pay)\n",
    "opayo.co.uk\t\tN\tOpayo\n",
    "payfort.com\t\tN\tAmazon Payment Services (PayFort)\n",
    "hyperpay.com\t\tN\tHyperPay\n",
    "oppwa.com\t\tN\tACI / HyperPay (OPPWA)\n",
    "moyasar.com\t\tN\tMoyasar\n",
    "tap.company\t\tN\tTap Payments\n",
    "paymob.com\t\tN\tPaymob\n",
    "dlocal.com\t\tN\tdLocal\n",
    "payu.pl\t\tN\tPayU\n",
    "payu.cz\t\tN\tPayU\n",
    // More consent managers (Seers, Clym, Faktor, AppConsent, FastCMP, TRUENDO, Klaro, Crownpeak,
    // Consentmo docs).
    "seersco.com\t\tN\tSeers\n",
    "clym.io\t\tN\tClym\n",
    "faktor.io\t\tN\tFaktor CMP\n",
    "appconsent.io\t\tN\tAppConsent (SFBX)\n",
    "fastcmp.com\t\tN\tFastCMP\n",
    "truendo.com\t\tN\tTRUENDO\n",
    "kiprotect.com\t\tN\tKlaro (KIProtect)\n",
    "evidon.com\t\tN\tCrownpeak Universal Consent (Evidon)\n",
    "consentmo.com\t\tN\tConsentmo\n",
    // More captchas, bot managers and waiting rooms: they protect or admit the visit (Tencent
    // Captcha, Procaptcha, KeyCAPTCHA, Radware Bot Manager, Queue-it docs).
    "turing.captcha.qcloud.com\t\tN\tTencent Captcha\n",
    "captcha.qq.com\t\tN\tTencent Captcha\n",
    "prosopo.io\t\tN\tProsopo Procaptcha\n",
    "keycaptcha.com\t\tN\tKeyCAPTCHA\n",
    "perfdrive.com\t\tN\tRadware Bot Manager\n",
    "queue-it.net\t\tN\tQueue-it waiting room\n",
    // More audience measurement, call tracking, error monitoring, RUM, analytics and testing:
    // performance (each vendor's install docs).
    "imrworldwide.com\t\tP\tNielsen Digital Measurement\n",
    "acecounter.com\t\tP\tACE Counter\n",
    "ptengine.com\t\tP\tPtengine\n",
    "calltrackingmetrics.com\t\tP\tCallTrackingMetrics\n",
    "tctm.co\t\tP\tCallTrackingMetrics\n",
    "invocacdn.com\t\tP\tInvoca\n",
    "invoca.net\t\tP\tInvoca\n",
    "whatconverts.com\t\tP\tWhatConverts\n",
    "comagic.ru\t\tP\tCoMagic\n",
    "uiscom.ru\t\tP\tUIS call tracking\n",
    "ringostat.com\t\tP\tRingostat\n",
    "ringostat.net\t\tP\tRingostat\n",
    "callibri.ru\t\tP\tCallibri\n",
    "roistat.com\t\tP\tRoistat\n",
    "appsignal.com\t\tP\tAppSignal\n",
    "airbrake.io\t\tP\tAirbrake\n",
    "highlight.io\t\tP\tHighlight\n",
    "highlight.run\t\tP\tHighlight\n",
    "openreplay.com\t\tP\tOpenReplay\n",
    "histats.com\t\tP\tHistats\n",
    "usermaven.com\t\tP\tUsermaven\n",
    "omniconvert.com\t\tP\tOmniconvert\n",
    "devcycle.com\t\tP\tDevCycle\n",
    "litix.io\t\tP\tMux Data\n",
    "visitor-analytics.io\t\tP\tVisitor Analytics\n",
    // More careers, booking, reservation, donation, review, search, chat, accessibility, map,
    // podcast, video, form and survey embeds: features the visitor uses (each vendor's embed docs).
    "greenhouse.io\t\tF\tGreenhouse job board\n",
    "ashbyhq.com\t\tF\tAshby job board\n",
    "teamtailor.com\t\tF\tTeamtailor careers\n",
    "bamboohr.com\t\tF\tBambooHR careers\n",
    "applytojob.com\t\tF\tJazzHR careers\n",
    "breezy.hr\t\tF\tBreezy HR careers\n",
    "homerun.co\t\tF\tHomerun careers\n",
    "softgarden.io\t\tF\tsoftgarden careers\n",
    "icims.com\t\tF\tiCIMS careers\n",
    "jobylon.com\t\tF\tJobylon careers\n",
    "pinpointhq.com\t\tF\tPinpoint careers\n",
    "synxis.com\t\tF\tSynXis booking engine\n",
    "cloudbeds.com\t\tF\tCloudbeds booking engine\n",
    "littlehotelier.com\t\tF\tLittle Hotelier booking engine\n",
    "simplebooking.it\t\tF\tSimple Booking\n",
    "availpro.com\t\tF\tD-EDGE booking engine\n",
    "d-edge.com\t\tF\tD-EDGE booking engine\n",
    "guestcentric.com\t\tF\tGuestCentric booking engine\n",
    "bookassist.com\t\tF\tBookassist booking engine\n",
    "profitroom.com\t\tF\tProfitroom booking engine\n",
    "roiback.com\t\tF\tRoiback booking engine\n",
    "rfrb.net\t\tF\tRoiback booking engine\n",
    "mirai.com\t\tF\tMirai booking engine\n",
    "omnibees.com\t\tF\tOmnibees booking engine\n",
    "seekda.com\t\tF\tseekda booking engine\n",
    "beds24.com\t\tF\tBeds24 booking\n",
    "lodgify.com\t\tF\tLodgify booking\n",
    "smoobu.com\t\tF\tSmoobu booking\n",
    "quandoo.com\t\tF\tQuandoo reservations\n",
    "formitable.com\t\tF\tFormitable reservations\n",
    "zenchef.com\t\tF\tZenchef reservations\n",
    "eatapp.co\t\tF\tEat App reservations\n",
    "resdiary.com\t\tF\tResDiary reservations\n",
    "designmynight.com\t\tF\tDesignMyNight bookings\n",
    "humanitix.com\t\tF\tHumanitix tickets\n",
    "rezdy.com\t\tF\tRezdy bookings\n",
    "peek.com\t\tF\tPeek bookings\n",
    "xola.com\t\tF\tXola bookings\n",
    "trekksoft.com\t\tF\tTrekkSoft bookings\n",
    "regiondo.com\t\tF\tRegiondo bookings\n",
    "bookeo.com\t\tF\tBookeo bookings\n",
    "tidycal.com\t\tF\tTidyCal\n",
    "savvycal.com\t\tF\tSavvyCal\n",
    "doctolib.fr\t\tF\tDoctolib\n",
    "doctolib.de\t\tF\tDoctolib\n",
    "zocdoc.com\t\tF\tZocdoc\n",
    "booksy.com\t\tF\tBooksy\n",
    "fresha.com\t\tF\tFresha\n",
    "timify.com\t\tF\tTIMIFY\n",
    "mindbodyonline.com\t\tF\tMindbody widgets\n",
    "10to8.com\t\tF\t10to8\n",
    "appointlet.com\t\tF\tAppointlet\n",
    "bookings.zoho.com\t\tF\tZoho Bookings\n",
    "donorbox.org\t\tF\tDonorbox\n",
    "classy.org\t\tF\tClassy donations\n",
    "givebutter.com\t\tF\tGivebutter\n",
    "raisenow.io\t\tF\tRaiseNow\n",
    "raisenow.com\t\tF\tRaiseNow\n",
    "justgiving.com\t\tF\tJustGiving\n",
    "fundraiseup.com\t\tF\tFundraise Up\n",
    "betterplace.org\t\tF\tbetterplace.org\n",
    "every.org\t\tF\tEvery.org\n",
    "widgets.trustedshops.com\t\tF\tTrusted Shops\n",
    "powerreviews.com\t\tF\tPowerReviews\n",
    "avis-verifies.com\t\tF\tAvis Vérifiés\n",
    "shopvote.de\t\tF\tShopVote\n",
    "junip.co\t\tF\tJunip reviews\n",
    "trustindex.io\t\tF\tTrustindex\n",
    "birdeye.com\t\tF\tBirdeye reviews\n",
    "searchspring.net\t\tF\tSearchspring\n",
    "cnstrc.com\t\tF\tConstructor search\n",
    "expertrec.com\t\tF\tExpertrec search\n",
    "chatbase.co\t\tF\tChatbase\n",
    "richpanel.com\t\tF\tRichpanel\n",
    "comm100.io\t\tF\tComm100\n",
    "mypurecloud.com\t\tF\tGenesys Cloud messaging\n",
    "mypurecloud.de\t\tF\tGenesys Cloud messaging\n",
    "mypurecloud.ie\t\tF\tGenesys Cloud messaging\n",
    "gladly.com\t\tF\tGladly\n",
    "dixa.io\t\tF\tDixa\n",
    "ada.support\t\tF\tAda\n",
    "yellowmessenger.com\t\tF\tYellow.ai\n",
    "collect.chat\t\tF\tCollect.chat\n",
    "smooch.io\t\tF\tSunshine Conversations\n",
    "partner.talk.naver.com\t\tF\tNaver TalkTalk\n",
    "browsealoud.com\t\tF\tBrowsealoud\n",
    "essentialaccessibility.com\t\tF\teSSENTIAL Accessibility\n",
    "adally.com\t\tF\tAdally\n",
    "openapi.map.naver.com\t\tF\tNaver Maps\n",
    "oapi.map.naver.com\t\tF\tNaver Maps\n",
    "webapi.amap.com\t\tF\tAMap\n",
    "map.qq.com\t\tF\tTencent Maps\n",
    "maps.api.2gis.ru\t\tF\t2GIS\n",
    "api.mapy.cz\t\tF\tMapy.cz\n",
    "tile.thunderforest.com\t\tF\tThunderforest\n",
    "opentopomap.org\t\tF\tOpenTopoMap\n",
    "what3words.com\t\tF\twhat3words\n",
    "podbean.com\t\tF\tPodbean player\n",
    "libsyn.com\t\tF\tLibsyn player\n",
    "captivate.fm\t\tF\tCaptivate player\n",
    "transistor.fm\t\tF\tTransistor player\n",
    "spreaker.com\t\tF\tSpreaker player\n",
    "podigee.io\t\tF\tPodigee player\n",
    "ausha.co\t\tF\tAusha player\n",
    "audioboom.com\t\tF\tAudioboom player\n",
    "bandcamp.com\t\tF\tBandcamp player\n",
    "panopto.com\t\tF\tPanopto\n",
    "dacast.com\t\tF\tDacast\n",
    "stream.mux.com\t\tF\tMux video\n",
    "3qsdn.com\t\tF\t3Q video\n",
    "flowplayer.com\t\tF\tFlowplayer\n",
    "usebasin.com\t\tF\tBasin forms\n",
    "getform.io\t\tF\tGetform\n",
    "formcarry.com\t\tF\tFormcarry\n",
    "formsubmit.co\t\tF\tFormSubmit\n",
    "web3forms.com\t\tF\tWeb3Forms\n",
    "formkeep.com\t\tF\tFormKeep\n",
    "surveygizmo.com\t\tF\tAlchemer (SurveyGizmo)\n",
    "questionpro.com\t\tF\tQuestionPro\n",
    "getfeedback.com\t\tF\tGetFeedback\n",
    "qualaroo.com\t\tF\tQualaroo\n",
    "foresee.com\t\tF\tVerint ForeSee\n",
    // More pop-up and lead-capture tools, marketing automation, visitor identification, ad
    // networks, native ads, affiliate networks and video ads: targeting (each vendor's docs).
    "load.sumo.com\t\tT\tSumo\n",
    "privy.com\t\tT\tPrivy\n",
    "sleeknote.com\t\tT\tSleeknote\n",
    "optimonk.com\t\tT\tOptiMonk\n",
    "popupsmart.com\t\tT\tPopupsmart\n",
    "mailmunch.co\t\tT\tMailMunch\n",
    "moosend.com\t\tT\tMoosend\n",
    "exponea.com\t\tT\tBloomreach Engagement\n",
    "appboycdn.com\t\tT\tBraze\n",
    "useinsider.com\t\tT\tInsider\n",
    "wzrkt.com\t\tT\tCleverTap\n",
    "webengage.com\t\tT\tWebEngage\n",
    "moengage.com\t\tT\tMoEngage\n",
    "marketingautomation.services\t\tT\tSharpSpring\n",
    "exacttarget.com\t\tT\tSalesforce Marketing Cloud\n",
    "igodigital.com\t\tT\tSalesforce Marketing Cloud\n",
    "ontraport.com\t\tT\tOntraport\n",
    "leadinfo.net\t\tT\tLeadinfo\n",
    "albacross.com\t\tT\tAlbacross\n",
    "visitorqueue.com\t\tT\tVisitor Queue\n",
    "wiredminds.de\t\tT\tWiredMinds\n",
    "snitcher.com\t\tT\tSnitcher\n",
    "ml314.com\t\tT\tBombora\n",
    "target.my.com\t\tT\tVK Ads (myTarget)\n",
    "valuecommerce.ne.jp\t\tT\tValueCommerce\n",
    "afi-b.com\t\tT\tafb\n",
    "logly.co.jp\t\tT\tLOGLY\n",
    "gmossp-sp.jp\t\tT\tGMO SSP\n",
    "nend.net\t\tT\tnend\n",
    "belboon.de\t\tT\tbelboon\n",
    "emetriq.com\t\tT\temetriq\n",
    "zeotap.com\t\tT\tZeotap\n",
    "intelliad.de\t\tT\tintelliAd\n",
    "affilae.com\t\tT\tAffilae\n",
    "adnami.io\t\tT\tAdnami\n",
    "livewrapped.com\t\tT\tLivewrapped\n",
    "strossle.com\t\tT\tStrossle\n",
    "readpeak.com\t\tT\tReadPeak\n",
    "stay22.com\t\tT\tStay22\n",
    "widgets.skyscanner.net\t\tT\tSkyscanner affiliate widgets\n",
    "widgets.kiwi.com\t\tT\tKiwi.com affiliate widgets\n",
    "primis.tech\t\tT\tPrimis\n",
    "ex.co\t\tT\tEX.CO\n",
    "sklik.cz\t\tT\tSklik\n",
    // Site builders' asset hosts: the site is built from them (Jimdo, Square Online, Strikingly,
    // Tilda, GoDaddy docs); one more library CDN.
    "editmysite.com\t\tN\tSquare Online (Weebly)\n",
    "strikinglycdn.com\t\tN\tStrikingly\n",
    "static.tildacdn.com\t\tN\tTilda\n",
    "img1.wsimg.com\t\tN\tGoDaddy Website Builder\n",
    "staticfile.net\t\tZ\tStaticfile CDN\n",
);

/// A host rule: host, path prefix, category, provider, and whether the host stores nothing.
pub(crate) type HostRule<'a> = (&'a str, &'a str, Category, &'a str, bool);

/// Every host rule in `rules` (the table's copy of [`RULES`]).
pub(crate) fn host_rules(rules: &str) -> impl Iterator<Item = HostRule<'_>> {
    rules.lines().filter_map(|l| {
        let mut f = l.split('\t');
        let (host, path, initial) = (f.next()?, f.next()?, f.next()?);
        let (category, stores_nothing) = if initial == "Z" { (N, true) } else { (super::rules::initial_category(initial)?, false) };
        Some((host, path, category, f.next()?, stores_nothing))
    })
}

/// The parts of an absolute http(s) URL crumbs looks at.
struct Parts<'a> {
    host: String,
    path: &'a str,
    query: &'a str,
}

impl Parts<'_> {
    /// The file name: the path after its last `/`.
    fn file(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or("")
    }
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
/// `GTM-` containers can load anything, so they need the strictest consent (targeting). A
/// server-side tagging container serves the same files from the site's own subdomain.
fn google_tag(parts: &Parts) -> Option<(Category, &'static str)> {
    let own = parts.path == "/gtm.js" || parts.path.starts_with("/gtag/js");
    if !host_matches(&parts.host, "googletagmanager.com") && !own {
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

/// Paths that say what a file is on any host, the site's own included: CMS plugins and modules
/// of consent managers, analytics, tag managers, payments, forms, chat and languages; self-hosted
/// analytics; Cloudflare's and Shopify's paths on the shop's own domain (each product's docs).
/// One rule a line, `path<TAB>category initial<TAB>provider`: `/…` is a path prefix, `*…` a
/// part of the path, anything else the file name after the last `/`, `…*` a file-name prefix.
/// `!` before a path marks a generic one (a framework's folder, a proxied endpoint): it decides
/// only when no vendor fact does. The first rule that matches wins, so a plugin's more specific
/// folder comes first. Host only, into `rules.bin`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) const ANY_HOST_PATHS: &str = concat!(
    // WordPress plugins (each plugin's wordpress.org page).
    "/wp-content/plugins/cookie-notice/\tN\tCookie Notice\n",
    "/wp-content/plugins/complianz-gdpr/\tN\tComplianz\n",
    "/wp-content/plugins/complianz-gdpr-premium/\tN\tComplianz\n",
    "/wp-content/plugins/cookie-law-info/\tN\tCookieYes (Cookie Law Info)\n",
    "/wp-content/plugins/gdpr-cookie-compliance/\tN\tGDPR Cookie Compliance\n",
    "/wp-content/plugins/borlabs-cookie/\tN\tBorlabs Cookie\n",
    "/wp-content/plugins/cookiebot/\tN\tCookiebot\n",
    "/wp-content/plugins/real-cookie-banner/\tN\tReal Cookie Banner\n",
    "/wp-content/plugins/iubenda-cookie-law-solution/\tN\tiubenda\n",
    "/wp-content/plugins/uk-cookie-consent/\tN\tTermly\n",
    "/wp-content/plugins/gdpr-cookie-consent/\tN\tWP Cookie Consent\n",
    "/wp-content/plugins/wp-gdpr-compliance/\tN\tCookie Information\n",
    "/wp-content/plugins/pressidium-cookie-consent/\tN\tPressidium Cookie Consent\n",
    "/wp-content/plugins/beautiful-and-responsive-cookie-consent/\tN\tBeautiful Cookie Consent\n",
    "/wp-content/plugins/cookie-bar/\tN\tCookie Bar\n",
    "/wp-content/plugins/eu-cookie-law/\tN\tEU Cookie Law\n",
    "/wp-content/plugins/cookie-script-com/\tN\tCookie-Script\n",
    "/wp-content/plugins/wordfence/\tN\tWordfence\n",
    "/wp-content/plugins/advanced-google-recaptcha/\tN\treCAPTCHA plugin\n",
    "/wp-content/plugins/google-captcha/\tN\treCAPTCHA plugin\n",
    "/wp-content/plugins/hcaptcha-for-forms-and-more/\tN\thCaptcha\n",
    "/wp-content/plugins/simple-cloudflare-turnstile/\tN\tCloudflare Turnstile\n",
    "/wp-content/plugins/woocommerce/assets/js/sourcebuster/\tP\tWooCommerce order attribution\n",
    "/wp-content/plugins/woocommerce/assets/js/frontend/order-attribution\tP\tWooCommerce order attribution\n",
    "/wp-content/plugins/woocommerce/\tN\tWooCommerce\n",
    "/wp-content/plugins/woocommerce-gateway-stripe/\tN\tStripe for WooCommerce\n",
    "/wp-content/plugins/woocommerce-payments/\tN\tWooPayments\n",
    "/wp-content/plugins/woocommerce-paypal-payments/\tN\tPayPal for WooCommerce\n",
    "/wp-content/plugins/klarna-payments-for-woocommerce/\tN\tKlarna for WooCommerce\n",
    "/wp-content/plugins/google-analytics-for-wordpress/\tP\tMonsterInsights\n",
    "/wp-content/plugins/google-analytics-dashboard-for-wp/\tP\tExactMetrics\n",
    "/wp-content/plugins/wp-statistics/\tP\tWP Statistics\n",
    "/wp-content/plugins/koko-analytics/\tP\tKoko Analytics\n",
    "/wp-content/plugins/independent-analytics/\tP\tIndependent Analytics\n",
    "/wp-content/plugins/burst-statistics/\tP\tBurst Statistics\n",
    "/wp-content/plugins/wp-slimstat/\tP\tSlimstat\n",
    "/wp-content/plugins/matomo/\tP\tMatomo for WordPress\n",
    "/wp-content/plugins/leadin/\tP\tHubSpot for WordPress\n",
    "/wp-content/plugins/duracelltomi-google-tag-manager/\tT\tGTM4WP\n",
    "/wp-content/plugins/pixelyoursite/\tT\tPixelYourSite\n",
    "/wp-content/plugins/official-facebook-pixel/\tT\tMeta Pixel for WordPress\n",
    "/wp-content/plugins/facebook-for-woocommerce/\tT\tMeta for WooCommerce\n",
    "/wp-content/plugins/pinterest-for-woocommerce/\tT\tPinterest for WooCommerce\n",
    "/wp-content/plugins/google-listings-and-ads/\tT\tGoogle for WooCommerce\n",
    "/wp-content/plugins/contact-form-7/\tF\tContact Form 7\n",
    "/wp-content/plugins/wpforms-lite/\tF\tWPForms\n",
    "/wp-content/plugins/wpforms/\tF\tWPForms\n",
    "/wp-content/plugins/gravityforms/\tF\tGravity Forms\n",
    "/wp-content/plugins/formidable/\tF\tFormidable Forms\n",
    "/wp-content/plugins/ninja-forms/\tF\tNinja Forms\n",
    "/wp-content/plugins/fluentform/\tF\tFluent Forms\n",
    "/wp-content/plugins/forminator/\tF\tForminator\n",
    "/wp-content/plugins/mailchimp-for-wp/\tF\tMC4WP\n",
    "/wp-content/plugins/mailpoet/\tF\tMailPoet\n",
    "/wp-content/plugins/polylang/\tF\tPolylang\n",
    "/wp-content/plugins/sitepress-multilingual-cms/\tF\tWPML\n",
    "/wp-content/plugins/translatepress-multilingual/\tF\tTranslatePress\n",
    "/wp-content/plugins/weglot/\tF\tWeglot\n",
    "/wp-content/plugins/gtranslate/\tF\tGTranslate\n",
    "/wp-content/plugins/tawkto-live-chat/\tF\tTawk.to\n",
    "/wp-content/plugins/wp-live-chat-support/\tF\t3CX Live Chat\n",
    "/wp-content/plugins/tidio-live-chat/\tF\tTidio\n",
    "/wp-content/plugins/crisp/\tF\tCrisp\n",
    "/wp-content/plugins/wpdiscuz/\tF\twpDiscuz\n",
    "/wp-content/plugins/disqus-comment-system/\tF\tDisqus\n",
    "/wp-content/plugins/wp-google-maps/\tF\tWP Go Maps\n",
    "/wp-content/plugins/wp-google-map-plugin/\tF\tWP Maps\n",
    "/wp-content/plugins/leaflet-map/\tF\tLeaflet Map\n",
    "/wp-content/plugins/onesignal-free-web-push-notifications/\tF\tOneSignal\n",
    "/wp-content/plugins/wordpress-seo/\tN\tYoast SEO\n",
    "/wp-content/plugins/elementor/\tN\tElementor\n",
    "/wp-content/plugins/elementor-pro/\tN\tElementor\n",
    // Caching and shop plugins the page is built with; store locators, lite video embeds, forms
    // and newsletters the visitor uses; analytics and ad pixels (each plugin's wordpress.org page).
    // OMGF keeps the Google Fonts it downloads in the site's own uploads: the site's own files.
    "/wp-content/uploads/omgf/\tN\tOMGF (Google Fonts hosted locally)\n",
    // Analytics plugins' own REST endpoints, before the core REST API's generic rule.
    "/wp-json/wp-statistics/\tP\tWP Statistics\n",
    "/wp-json/burst/\tP\tBurst Statistics\n",
    "/wp-json/iawp/\tP\tIndependent Analytics\n",
    "/wp-content/plugins/wp-rocket/\tN\tWP Rocket\n",
    "/wp-content/plugins/woo-variation-swatches/\tN\tVariation Swatches for WooCommerce\n",
    "/wp-content/plugins/wp-store-locator/\tF\tWP Store Locator\n",
    "/wp-content/plugins/wp-youtube-lyte/\tF\tWP YouTube Lyte\n",
    "/wp-content/plugins/caldera-forms/\tF\tCaldera Forms\n",
    "/wp-content/plugins/newsletter/\tF\tNewsletter\n",
    "/wp-content/plugins/google-site-kit/\tP\tSite Kit by Google\n",
    "/wp-content/plugins/instagram-feed/\tT\tSmash Balloon Instagram Feed\n",
    "/wp-content/plugins/woocommerce-google-adwords-conversion-tracking-tag/\tT\tPixel Manager for WooCommerce\n",
    // More plugins: security, caching, page builders, shops, payments and memberships the site
    // runs on; analytics; pixels, tag managers, pop-ups and social feeds; forms, chat, maps,
    // search, translation, bookings, reviews, accessibility, push, newsletters and donations
    // (each plugin's wordpress.org page).
    "/wp-content/plugins/really-simple-ssl/\tN\tReally Simple Security\n",
    "/wp-content/plugins/sucuri-scanner/\tN\tSucuri Security\n",
    "/wp-content/plugins/all-in-one-wp-security-and-firewall/\tN\tAll-In-One Security\n",
    "/wp-content/plugins/better-wp-security/\tN\tSolid Security\n",
    "/wp-content/plugins/limit-login-attempts-reloaded/\tN\tLimit Login Attempts Reloaded\n",
    "/wp-content/plugins/wp-2fa/\tN\tWP 2FA\n",
    "/wp-content/plugins/two-factor/\tN\tTwo Factor\n",
    "/wp-content/plugins/cleantalk-spam-protect/\tN\tCleanTalk Anti-Spam\n",
    "/wp-content/plugins/akismet/\tN\tAkismet\n",
    "/wp-content/plugins/antispam-bee/\tN\tAntispam Bee\n",
    "/wp-content/plugins/contact-form-7-honeypot/\tN\tHoneypot for Contact Form 7\n",
    "/wp-content/plugins/w3-total-cache/\tN\tW3 Total Cache\n",
    "/wp-content/plugins/wp-super-cache/\tN\tWP Super Cache\n",
    "/wp-content/plugins/litespeed-cache/\tN\tLiteSpeed Cache\n",
    "/wp-content/plugins/autoptimize/\tN\tAutoptimize\n",
    "/wp-content/plugins/wp-fastest-cache/\tN\tWP Fastest Cache\n",
    "/wp-content/plugins/perfmatters/\tN\tPerfmatters\n",
    "/wp-content/plugins/sg-cachepress/\tN\tSiteGround Speed Optimizer\n",
    "/wp-content/plugins/breeze/\tN\tBreeze\n",
    "/wp-content/plugins/wp-optimize/\tN\tWP-Optimize\n",
    "/wp-content/plugins/a3-lazy-load/\tN\ta3 Lazy Load\n",
    "/wp-content/plugins/ewww-image-optimizer/\tN\tEWWW Image Optimizer\n",
    "/wp-content/plugins/imagify/\tN\tImagify\n",
    "/wp-content/plugins/wp-smushit/\tN\tSmush\n",
    "/wp-content/plugins/shortpixel-image-optimiser/\tN\tShortPixel\n",
    "/wp-content/plugins/webp-express/\tN\tWebP Express\n",
    "/wp-content/plugins/beaver-builder-lite-version/\tN\tBeaver Builder\n",
    "/wp-content/plugins/bb-plugin/\tN\tBeaver Builder\n",
    "/wp-content/plugins/js_composer/\tN\tWPBakery Page Builder\n",
    "/wp-content/plugins/divi-builder/\tN\tDivi Builder\n",
    "/wp-content/plugins/siteorigin-panels/\tN\tSiteOrigin Page Builder\n",
    "/wp-content/plugins/kadence-blocks/\tN\tKadence Blocks\n",
    "/wp-content/plugins/generateblocks/\tN\tGenerateBlocks\n",
    "/wp-content/plugins/ultimate-addons-for-gutenberg/\tN\tSpectra\n",
    "/wp-content/plugins/stackable-ultimate-gutenberg-blocks/\tN\tStackable\n",
    "/wp-content/plugins/essential-addons-for-elementor-lite/\tN\tEssential Addons for Elementor\n",
    "/wp-content/plugins/revslider/\tN\tSlider Revolution\n",
    "/wp-content/plugins/LayerSlider/\tN\tLayerSlider\n",
    "/wp-content/plugins/smart-slider-3/\tN\tSmart Slider 3\n",
    "/wp-content/plugins/ml-slider/\tN\tMetaSlider\n",
    "/wp-content/plugins/advanced-custom-fields/\tN\tAdvanced Custom Fields\n",
    "/wp-content/plugins/easy-digital-downloads/\tN\tEasy Digital Downloads\n",
    "/wp-content/plugins/woocommerce-gateway-paypal-express-checkout/\tN\tPayPal for WooCommerce\n",
    "/wp-content/plugins/woo-stripe-payment/\tN\tPayment Plugins for Stripe WooCommerce\n",
    "/wp-content/plugins/mollie-payments-for-woocommerce/\tN\tMollie for WooCommerce\n",
    "/wp-content/plugins/woocommerce-square/\tN\tSquare for WooCommerce\n",
    "/wp-content/plugins/woocommerce-gateway-amazon-payments-advanced/\tN\tAmazon Pay for WooCommerce\n",
    "/wp-content/plugins/klarna-checkout-for-woocommerce/\tN\tKlarna Checkout for WooCommerce\n",
    "/wp-content/plugins/memberpress/\tN\tMemberPress\n",
    "/wp-content/plugins/paid-memberships-pro/\tN\tPaid Memberships Pro\n",
    "/wp-content/plugins/ultimate-member/\tN\tUltimate Member\n",
    "/wp-content/plugins/ga-google-analytics/\tP\tGA Google Analytics\n",
    "/wp-content/plugins/wp-analytify/\tP\tAnalytify\n",
    "/wp-content/plugins/wp-piwik/\tP\tConnect Matomo\n",
    "/wp-content/plugins/hotjar/\tP\tHotjar\n",
    "/wp-content/plugins/microsoft-clarity/\tP\tMicrosoft Clarity\n",
    "/wp-content/plugins/pixel-caffeine/\tT\tPixel Caffeine\n",
    "/wp-content/plugins/gtm-kit/\tT\tGTM Kit\n",
    "/wp-content/plugins/metronet-tag-manager/\tT\tMetronet Tag Manager\n",
    "/wp-content/plugins/facebook-conversion-pixel/\tT\tMeta pixel plugin\n",
    "/wp-content/plugins/pixelyoursite-pro/\tT\tPixelYourSite\n",
    "/wp-content/plugins/enhanced-e-commerce-for-woocommerce-store/\tT\tConversios\n",
    "/wp-content/plugins/tiktok-for-business/\tT\tTikTok for WooCommerce\n",
    "/wp-content/plugins/mailchimp-for-woocommerce/\tT\tMailchimp for WooCommerce\n",
    "/wp-content/plugins/klaviyo/\tT\tKlaviyo\n",
    "/wp-content/plugins/optinmonster/\tT\tOptinMonster\n",
    "/wp-content/plugins/thrive-leads/\tT\tThrive Leads\n",
    "/wp-content/plugins/custom-facebook-feed/\tT\tSmash Balloon Facebook Feed\n",
    "/wp-content/plugins/custom-twitter-feeds/\tT\tSmash Balloon Twitter Feed\n",
    "/wp-content/plugins/feeds-for-youtube/\tT\tSmash Balloon YouTube Feed\n",
    "/wp-content/plugins/social-warfare/\tT\tSocial Warfare\n",
    "/wp-content/plugins/add-to-any/\tT\tAddToAny\n",
    "/wp-content/plugins/addthis/\tT\tAddThis\n",
    "/wp-content/plugins/shareaholic/\tT\tShareaholic\n",
    "/wp-content/plugins/mashsharer/\tT\tMashShare\n",
    "/wp-content/plugins/everest-forms/\tF\tEverest Forms\n",
    "/wp-content/plugins/happyforms/\tF\tHappyforms\n",
    "/wp-content/plugins/weforms/\tF\tweForms\n",
    "/wp-content/plugins/quform/\tF\tQuform\n",
    "/wp-content/plugins/visual-form-builder/\tF\tVisual Form Builder\n",
    "/wp-content/plugins/contact-form-plugin/\tF\tContact Form by BestWebSoft\n",
    "/wp-content/plugins/si-contact-form/\tF\tFast Secure Contact Form\n",
    "/wp-content/plugins/click-to-chat-for-whatsapp/\tF\tClick to Chat\n",
    "/wp-content/plugins/creame-whatsapp-me/\tF\tJoinchat\n",
    "/wp-content/plugins/chaty/\tF\tChaty\n",
    "/wp-content/plugins/wp-live-chat-software-for-wordpress/\tF\tLiveChat\n",
    "/wp-content/plugins/smartsupp-live-chat/\tF\tSmartsupp\n",
    "/wp-content/plugins/google-maps-easy/\tF\tGoogle Maps Easy\n",
    "/wp-content/plugins/mappress-google-maps-for-wordpress/\tF\tMapPress Maps\n",
    "/wp-content/plugins/agile-store-locator/\tF\tAgile Store Locator\n",
    "/wp-content/plugins/osm/\tF\tOSM\n",
    "/wp-content/plugins/presto-player/\tF\tPresto Player\n",
    "/wp-content/plugins/relevanssi-live-ajax-search/\tF\tRelevanssi Live Ajax Search\n",
    "/wp-content/plugins/searchwp-live-ajax-search/\tF\tSearchWP Live Ajax Search\n",
    "/wp-content/plugins/ajax-search-lite/\tF\tAjax Search Lite\n",
    "/wp-content/plugins/ajax-search-pro/\tF\tAjax Search Pro\n",
    "/wp-content/plugins/add-search-to-menu/\tF\tIvory Search\n",
    "/wp-content/plugins/google-language-translator/\tF\tTranslate WordPress with GTranslate\n",
    "/wp-content/plugins/conveythis-translate/\tF\tConveyThis\n",
    "/wp-content/plugins/bookly-responsive-appointment-booking-tool/\tF\tBookly\n",
    "/wp-content/plugins/ameliabooking/\tF\tAmelia\n",
    "/wp-content/plugins/booking/\tF\tBooking Calendar\n",
    "/wp-content/plugins/simply-schedule-appointments/\tF\tSimply Schedule Appointments\n",
    "/wp-content/plugins/the-events-calendar/\tF\tThe Events Calendar\n",
    "/wp-content/plugins/events-manager/\tF\tEvents Manager\n",
    "/wp-content/plugins/modern-events-calendar-lite/\tF\tModern Events Calendar\n",
    "/wp-content/plugins/restaurant-reservations/\tF\tFive Star Restaurant Reservations\n",
    "/wp-content/plugins/motopress-hotel-booking/\tF\tMotoPress Hotel Booking\n",
    "/wp-content/plugins/woocommerce-bookings/\tF\tWooCommerce Bookings\n",
    "/wp-content/plugins/site-reviews/\tF\tSite Reviews\n",
    "/wp-content/plugins/customer-reviews-woocommerce/\tF\tCustomer Reviews for WooCommerce\n",
    "/wp-content/plugins/wp-customer-reviews/\tF\tWP Customer Reviews\n",
    "/wp-content/plugins/trustpilot-reviews/\tF\tTrustpilot Reviews\n",
    "/wp-content/plugins/judgeme-product-reviews-woocommerce/\tF\tJudge.me\n",
    "/wp-content/plugins/pojo-accessibility/\tF\tOne Click Accessibility\n",
    "/wp-content/plugins/wp-accessibility/\tF\tWP Accessibility\n",
    "/wp-content/plugins/userway-accessibility-widget/\tF\tUserWay\n",
    "/wp-content/plugins/pushengage/\tF\tPushEngage\n",
    "/wp-content/plugins/webpushr-web-push-notifications/\tF\tWebpushr\n",
    "/wp-content/plugins/mailster/\tF\tMailster\n",
    "/wp-content/plugins/newsletter-optin-box/\tF\tNoptin\n",
    "/wp-content/plugins/email-subscribers/\tF\tIcegram Express\n",
    "/wp-content/plugins/mailin/\tF\tBrevo\n",
    "/wp-content/plugins/give/\tF\tGiveWP\n",
    "/wp-content/plugins/charitable/\tF\tCharitable\n",
    "/wp-content/plugins/seamless-donations/\tF\tSeamless Donations\n",
    "!/wp-includes/\tN\tWordPress\n",
    // Drupal, Magento and PrestaShop modules (each module's docs).
    "*/eu_cookie_compliance/\tN\tEU Cookie Compliance (Drupal)\n",
    "*/modules/contrib/klaro/\tN\tKlaro (Drupal)\n",
    "*/modules/contrib/google_analytics/\tP\tGoogle Analytics (Drupal)\n",
    "*/modules/contrib/matomo/\tP\tMatomo (Drupal)\n",
    "*/modules/contrib/google_tag/\tT\tGoogle Tag (Drupal)\n",
    "*/Magento_GoogleAnalytics/\tP\tMagento Google Analytics\n",
    "*/Magento_GoogleTagManager/\tT\tMagento Google Tag Manager\n",
    "*/Magento_ReCaptcha\tN\tMagento reCAPTCHA\n",
    "*/Magento_Captcha/\tN\tMagento CAPTCHA\n",
    "*/Magento_Cookie/\tN\tMagento\n",
    "*/Magento_Checkout/\tN\tMagento\n",
    "*/Magento_Paypal/\tN\tMagento PayPal\n",
    "*/PayPal_Braintree/\tN\tBraintree for Magento\n",
    "*/StripeIntegration_Payments/\tN\tStripe for Magento\n",
    // More Drupal, Magento and PrestaShop modules (each module's page).
    "*/modules/contrib/cookies/\tN\tCOOKiES (Drupal)\n",
    "*/modules/contrib/captcha/\tN\tCAPTCHA (Drupal)\n",
    "*/modules/contrib/recaptcha/\tN\treCAPTCHA (Drupal)\n",
    "*/modules/contrib/honeypot/\tN\tHoneypot (Drupal)\n",
    "*/modules/contrib/commerce_stripe/\tN\tCommerce Stripe (Drupal)\n",
    "*/modules/contrib/commerce_paypal/\tN\tCommerce PayPal (Drupal)\n",
    "*/modules/contrib/commerce/\tN\tDrupal Commerce\n",
    "*/modules/contrib/webform/\tF\tWebform (Drupal)\n",
    "*/modules/contrib/geolocation/\tF\tGeolocation (Drupal)\n",
    "*/modules/contrib/leaflet/\tF\tLeaflet (Drupal)\n",
    "*/modules/contrib/search_api_autocomplete/\tF\tSearch API Autocomplete (Drupal)\n",
    "*/modules/contrib/hotjar/\tP\tHotjar (Drupal)\n",
    "*/modules/contrib/facebook_pixel/\tT\tFacebook Pixel (Drupal)\n",
    "*/modules/contrib/addtoany/\tT\tAddToAny (Drupal)\n",
    "*/Amasty_GdprCookie/\tN\tAmasty Cookie Consent (Magento)\n",
    "*/MSP_ReCaptcha/\tN\treCAPTCHA (Magento)\n",
    "*/Adyen_Payment/\tN\tAdyen for Magento\n",
    "*/Klarna_Kp/\tN\tKlarna for Magento\n",
    "*/Mollie_Payment/\tN\tMollie for Magento\n",
    "*/Amazon_Pay/\tN\tAmazon Pay for Magento\n",
    "*/Algolia_AlgoliaSearch/\tF\tAlgolia for Magento\n",
    "*/Magento_Newsletter/\tF\tMagento newsletter\n",
    "*/Magento_GoogleAdwords/\tT\tMagento Google Ads\n",
    "*/Klaviyo_Reclaim/\tT\tKlaviyo for Magento\n",
    "*/Dotdigitalgroup_Email/\tT\tDotdigital for Magento\n",
    "/modules/psgdpr/\tN\tPrestaShop GDPR\n",
    "/modules/ps_shoppingcart/\tN\tPrestaShop cart\n",
    "/modules/ps_wirepayment/\tN\tPrestaShop wire payment\n",
    "/modules/ps_checkpayment/\tN\tPrestaShop cheque payment\n",
    "/modules/mollie/\tN\tMollie for PrestaShop\n",
    "/modules/adyenofficial/\tN\tAdyen for PrestaShop\n",
    "/modules/payplug/\tN\tPayplug for PrestaShop\n",
    "/modules/przelewy24/\tN\tPrzelewy24 for PrestaShop\n",
    "/modules/ps_emailsubscription/\tF\tPrestaShop newsletter\n",
    "/modules/ps_searchbar/\tF\tPrestaShop search\n",
    "/modules/productcomments/\tF\tPrestaShop product comments\n",
    "/modules/ps_metrics/\tP\tPrestaShop Metrics\n",
    "/modules/ps_facebook/\tT\tPrestaShop Facebook\n",
    "/modules/ps_googleanalytics/\tP\tPrestaShop Google Analytics\n",
    "/modules/ps_checkout/\tN\tPrestaShop Checkout\n",
    "/modules/stripe_official/\tN\tStripe for PrestaShop\n",
    "/modules/paypal/\tN\tPayPal for PrestaShop\n",
    // TYPO3 extensions, Joomla components, PrestaShop modules and the Friendly Captcha widget
    // package, wherever they are served (each extension's docs).
    "*/ext/cookieman/\tN\tcookieman (TYPO3)\n",
    "*/ext/powermail/\tF\tpowermail (TYPO3)\n",
    "*/sysext/form/\tF\tTYPO3 Form\n",
    "*/com_convertforms/\tF\tConvert Forms (Joomla)\n",
    "/modules/lgcookieslaw/\tN\tEU Cookie Law (PrestaShop)\n",
    "*/ext/sg_cookie_optin/\tN\tsg_cookie_optin (TYPO3)\n",
    "*/ext/mindshape_cookie_consent/\tN\tmindshape Cookie Consent (TYPO3)\n",
    "*/com_rsform/\tF\tRSForm Pro (Joomla)\n",
    "*/com_breezingforms/\tF\tBreezingForms (Joomla)\n",
    "*/com_chronoforms\tF\tChronoForms (Joomla)\n",
    "*/com_acym/\tF\tAcyMailing (Joomla)\n",
    "*/com_jcomments/\tF\tJComments (Joomla)\n",
    "*/com_komento/\tF\tKomento (Joomla)\n",
    "*/com_jevents/\tF\tJEvents (Joomla)\n",
    "*/com_dpcalendar/\tF\tDPCalendar (Joomla)\n",
    "*/com_virtuemart/\tN\tVirtueMart (Joomla)\n",
    "*/com_hikashop/\tN\tHikaShop (Joomla)\n",
    "*/com_j2store/\tN\tJ2Store (Joomla)\n",
    "*/com_sppagebuilder/\tN\tSP Page Builder (Joomla)\n",
    "*/com_jce/\tN\tJCE editor (Joomla)\n",
    "*/friendly-challenge/\tN\tFriendly Captcha\n",
    // Cloudflare, Vercel, Shopify and HubSpot paths on the site's own domain.
    "/cdn-cgi/challenge-platform/\tN\tCloudflare\n",
    "/cdn-cgi/scripts/\tN\tCloudflare\n",
    "/cdn-cgi/l/email-protection\tN\tCloudflare\n",
    "/cdn-cgi/image/\tN\tCloudflare Images\n",
    "/cdn-cgi/rum\tP\tCloudflare Web Analytics\n",
    "/cdn-cgi/zaraz/\tT\tCloudflare Zaraz (tag manager)\n",
    "/_vercel/insights/\tP\tVercel Analytics\n",
    "/_vercel/speed-insights/\tP\tVercel Speed Insights\n",
    "/_vercel/image\tN\tVercel Image Optimization\n",
    // Bot defences that answer on the site's own domain (Imperva, F5 BIG-IP ASM, Akamai Bot
    // Manager docs).
    "/_Incapsula_Resource\tN\tImperva Incapsula\n",
    "/TSPD/\tN\tF5 BIG-IP bot defence\n",
    "/_sec/cp_challenge/\tN\tAkamai Bot Manager\n",
    // npm packages of analytics, experimentation, header-bidding and search vendors, on any npm
    // mirror (jsDelivr's /npm/…, unpkg): the package says more than the library CDN serving it.
    "*/prebid.js@\tT\tPrebid.js\n",
    "*/@growthbook/growthbook@\tP\tGrowthBook\n",
    "*/@statsig/\tP\tStatsig\n",
    "*/@jitsu/js@\tP\tJitsu\n",
    "*/@grafana/faro-\tP\tGrafana Faro\n",
    "*/@docsearch/js@\tF\tAlgolia DocSearch\n",
    "*/algoliasearch@\tF\tAlgolia search\n",
    "*/instantsearch.js@\tF\tAlgolia InstantSearch\n",
    "*/@meilisearch/instant-meilisearch\tF\tMeilisearch\n",
    "*/doofinder@\tF\tDoofinder\n",
    "*/posthog-js@\tP\tPostHog\n",
    "*/mixpanel-browser@\tP\tMixpanel\n",
    "*/@amplitude/analytics-browser\tP\tAmplitude\n",
    "*/@sentry/browser@\tP\tSentry\n",
    "*/@datadog/browser-rum\tP\tDatadog RUM\n",
    "*/@elastic/apm-rum\tP\tElastic APM RUM\n",
    "*/@openreplay/tracker\tP\tOpenReplay\n",
    "*/launchdarkly-js-client-sdk@\tP\tLaunchDarkly\n",
    "*/@algolia/\tF\tAlgolia search\n",
    // Klaviyo's Shopify app serves its onsite script from the app's theme extension folder.
    "*/klaviyo-email-marketing\tT\tKlaviyo (Shopify app)\n",
    "/cdn/shopifycloud/boomerang/\tP\tShopify performance\n",
    "/cdn/shopifycloud/consent-tracking-api/\tN\tShopify consent\n",
    "/cdn/shopifycloud/privacy-banner/\tN\tShopify consent\n",
    "/cdn/shopifycloud/\tN\tShopify\n",
    "/cdn/shop/\tN\tShopify\n",
    "/.well-known/shopify/monorail\tP\tShopify analytics\n",
    "/hs/scriptloader/\tP\tHubSpot\n",
    "!/b/ss/\tP\tAdobe Analytics\n",
    "!/_hcms/forms\tF\tHubSpot forms\n",
    "!/hs/hsstatic/\tN\tHubSpot CMS\n",
    "!/hs-fs/\tN\tHubSpot CMS\n",
    "!/api/census/RecordHit\tP\tSquarespace analytics\n",
    "!/g/collect\tP\tGoogle Analytics (first-party)\n",
    "!/api/event\tP\tPlausible (proxied)\n",
    "!/ingest/\tP\tPostHog (proxied)\n",
    // Sign-in endpoints of OpenID Connect servers (Keycloak, Okta custom domains).
    "!*/protocol/openid-connect/\tN\tOpenID Connect sign-in\n",
    "!/.well-known/openid-configuration\tN\tOpenID Connect sign-in\n",
    "!/oauth2/\tN\tOAuth sign-in\n",
    // Sign-in, member and upload endpoints of frameworks and CMSs (Auth0 Universal Login, Ghost
    // members, Rails Active Storage, Symfony, Devise, Craft CMS, Wix, Citrix Gateway docs).
    "!/u/login\tN\tAuth0 Universal Login\n",
    "!/members/api/\tN\tGhost members\n",
    "!/rails/active_storage/\tN\tRails Active Storage\n",
    "!/login_check\tN\tSymfony sign-in\n",
    "!/users/sign_in\tN\tDevise sign-in\n",
    "!/users/login\tN\tsign-in\n",
    "!*/auth/login\tN\tsign-in\n",
    "!/actions/users/\tN\tCraft CMS\n",
    "!/_api/v1/access-tokens\tN\tWix\n",
    "!/vpn/index.html\tN\tCitrix Gateway\n",
    "!/wp-admin/admin-ajax.php\tN\tWordPress\n",
    "!/wp-json/wp/v2/\tN\tWordPress REST API\n",
    "!/history/get_node_read_timestamps\tN\tDrupal\n",
    // Self-hosted analytics, tag managers and consent tools (each tool's install docs).
    "*/js/container_\tT\tMatomo Tag Manager\n",
    "!/pagefind/\tF\tPagefind search\n",
    "!/isso/\tF\tIsso comments\n",
    "!*/web/embed.js\tF\tRemark42 comments\n",
    "!/packs/js/sdk.js\tF\tChatwoot\n",
    "!/javascripts/embed.js\tF\tDiscourse comments\n",
    "!/livechat/rocketchat-livechat\tF\tRocket.Chat\n",
    "!/assets/chat/chat.min.js\tF\tZammad chat\n",
    // The site's own framework, theme and CMS core files (WordPress, Next.js, Nuxt, Drupal,
    // Joomla, TYPO3, Magento and the others named; each one's docs on where it serves its
    // assets): after every vendor path above.
    "!/wp-content/themes/\tN\tWordPress theme\n",
    "!/_next/static/\tN\tNext.js\n",
    "!/_nuxt/\tN\tNuxt\n",
    "!/core/misc/\tN\tDrupal\n",
    "!/core/assets/\tN\tDrupal\n",
    "!/sites/default/files/js/\tN\tDrupal\n",
    "!/media/system/js/\tN\tJoomla\n",
    "!/media/vendor/\tN\tJoomla\n",
    "!/typo3temp/assets/\tN\tTYPO3\n",
    "!*/webfonts/fa-\tN\tFont Awesome (self-hosted)\n",
    "!/_assets/\tN\tTYPO3\n",
    "!/static/admin/\tN\tDjango admin\n",
    "!/webjars/\tN\tWebJars\n",
    "!/build/assets/\tN\tLaravel (Vite)\n",
    "!/catalog/view/javascript/\tN\tOpenCart\n",
    "!/themes/classic/assets/\tN\tPrestaShop\n",
    "!/bundles/storefront/\tN\tShopware\n",
    "!*/js/storefront/\tN\tShopware\n",
    "!/widgets/checkout/\tN\tShopware\n",
    "!/static/frontend/\tN\tMagento\n",
    "!/_next/image\tN\tNext.js image optimisation\n",
    "!/_ipx/\tN\tNuxt Image\n",
    "!/_astro/\tN\tAstro\n",
    "!/_app/immutable/\tN\tSvelteKit\n",
    "!/_framework/\tN\tBlazor\n",
    "!/livewire/\tN\tLaravel Livewire\n",
    "!/cpresources/\tN\tCraft CMS\n",
    "!/core/modules/\tN\tDrupal\n",
    "!/typo3/sysext/\tN\tTYPO3\n",
    "!/media/jui/\tN\tJoomla\n",
    "!/etc.clientlibs/\tN\tAdobe Experience Manager\n",
    "!/content/dam/\tN\tAdobe Experience Manager\n",
    "!/-/media/\tN\tSitecore\n",
    "!/on/demandware.static/\tN\tSalesforce Commerce Cloud\n",
    "!/_ui/\tN\tSAP Commerce\n",
    "!/ghost/api/\tN\tGhost\n",
    "!*/++resource++\tN\tPlone\n",
    "!/lib/javascript.php\tN\tMoodle\n",
    "!/theme/yui_combo.php\tN\tMoodle\n",
    "!/static/version\tN\tMagento\n",
    "matomo.js\tP\tMatomo\n",
    "matomo.php\tP\tMatomo\n",
    "piwik.js\tP\tMatomo\n",
    "piwik.php\tP\tMatomo\n",
    "ppms.js\tP\tPiwik PRO\n",
    "ppms.php\tP\tPiwik PRO\n",
    "plausible.*\tP\tPlausible\n",
    "umami.js\tP\tUmami\n",
    "count.js\tP\tGoatCounter\n",
    "owa.tracker*\tP\tOpen Web Analytics\n",
    "sp.js\tP\tSnowplow\n",
    "AppMeasurement.js\tP\tAdobe Analytics\n",
    "VisitorAPI.js\tP\tAdobe Experience Cloud ID\n",
    "alloy.js\tP\tAdobe Experience Platform Web SDK\n",
    "alloy.min.js\tP\tAdobe Experience Platform Web SDK\n",
    "s_code.js\tP\tAdobe Analytics\n",
    "smarttag.js\tP\tPiano Analytics (AT Internet)\n",
    "emos2.js\tP\teconda\n",
    "emos3.js\tP\teconda\n",
    "launch-EN*\tT\tAdobe Experience Platform Tags\n",
    "satelliteLib-*\tT\tAdobe Dynamic Tag Management\n",
    "utag.js\tT\tTealium iQ\n",
    "utag.sync.js\tT\tTealium iQ\n",
    "mtc.js\tT\tMautic\n",
    "fbevents.js\tT\tMeta Pixel\n",
    "prebid*\tT\tPrebid.js\n",
    "mc-validate.js\tF\tMailchimp forms\n",
    "OneSignalSDKWorker.js\tF\tOneSignal\n",
    "OneSignalSDK*\tF\tOneSignal\n",
    "firebase-messaging-sw.js\tF\tFirebase Cloud Messaging\n",
    "webpushr-sw.js\tF\tWebpushr\n",
    "commento.js\tF\tCommento\n",
    "cusdis.*\tF\tCusdis\n",
    "klaro.js\tN\tKlaro\n",
    "klaro-no-css.js\tN\tKlaro\n",
    "tarteaucitron.js\tN\ttarteaucitron\n",
    "tarteaucitron.min.js\tN\ttarteaucitron\n",
    "cookieconsent*\tN\tCookieConsent\n",
    "otSDKStub.js\tN\tOneTrust\n",
    "otBannerSdk.js\tN\tOneTrust\n",
    "iubenda_cs.js\tN\tiubenda\n",
    "altcha*\tN\tALTCHA\n",
    "ScriptResource.axd\tN\tASP.NET\n",
    "WebResource.axd\tN\tASP.NET\n",
    "mtracking.gif\tT\tMautic\n",
);

/// Which [`ANY_HOST_PATHS`] rules a look-up tries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PathRules {
    /// Product paths: before host rules (a plugin's folder says more than the host serving it).
    Product,
    /// File names: after host rules (a vendor's file on a library CDN is still the CDN's).
    File,
    /// Generic paths (`!`): after every vendor fact.
    Generic,
}

/// The first [`ANY_HOST_PATHS`] rule of that kind that fits.
fn any_host_path<'a>(parts: &Parts, kind: PathRules, rules: &'a str) -> Option<(Category, &'a str, &'a str)> {
    let file = parts.file();
    rules.lines().find_map(|l| {
        let mut f = l.split('\t');
        let (p, initial, provider) = (f.next()?, f.next()?, f.next()?);
        let (p, generic) = p.strip_prefix('!').map_or((p, false), |g| (g, true));
        let path_kind = if generic { PathRules::Generic } else { PathRules::Product };
        let hit = if let Some(part) = p.strip_prefix('*') {
            kind == path_kind && crate::lean_str::contains(parts.path, part)
        } else if p.starts_with('/') {
            kind == path_kind && parts.path.starts_with(p)
        } else if let Some(prefix) = p.strip_suffix('*') {
            kind == PathRules::File && file.starts_with(prefix)
        } else {
            kind == PathRules::File && file == p
        };
        Some((super::rules::initial_category(initial)?, provider, p)).filter(|_| hit)
    })
}

/// URLs whose query or file says more than their host: Vimeo's player sets no tracking cookie
/// with `dnt=1`; a Matomo Tag Manager container (`container_*.js`) loads any tag; a
/// `sentry_key` is a Sentry error report, wherever Sentry is hosted; Matomo's opt-out frame
/// records the visitor's refusal.
fn by_query_or_file(parts: &Parts) -> Option<(Category, &'static str)> {
    if host_matches(&parts.host, "player.vimeo.com") {
        return Some(if query_param(parts.query, "dnt") == Some("1") { (F, "Vimeo (do not track)") } else { (T, "Vimeo") });
    }
    if query_param(parts.query, "sentry_key").is_some() {
        return Some((P, "Sentry"));
    }
    if query_param(parts.query, "module") == Some("CoreAdminHome") && query_param(parts.query, "action") == Some("optOut") {
        return Some((N, "Matomo opt-out"));
    }
    (host_matches(&parts.host, "matomo.cloud") && parts.file().starts_with("container_")).then_some((T, "Matomo Tag Manager"))
}

/// Products a site hosts itself on a subdomain named after them (`plausible.example.org`,
/// `matomo.example.org`, `chat.…` is not one: only product names), as their install docs
/// suggest; and first-party collection names the vendors document (`smetrics.` for Adobe
/// Analytics, `consent.`/`cmp.` for a consent manager's custom domain). The last resort, after
/// every vendor fact: `label<TAB>category initial<TAB>provider`. Host only, into `rules.bin`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) const SELF_HOSTED: &str = concat!(
    "plausible\tP\tPlausible (self-hosted)\n",
    "umami\tP\tUmami (self-hosted)\n",
    "matomo\tP\tMatomo (self-hosted)\n",
    "piwik\tP\tMatomo (self-hosted)\n",
    "posthog\tP\tPostHog (self-hosted)\n",
    "goatcounter\tP\tGoatCounter (self-hosted)\n",
    "ackee\tP\tAckee (self-hosted)\n",
    "shynet\tP\tShynet (self-hosted)\n",
    "countly\tP\tCountly (self-hosted)\n",
    "openreplay\tP\tOpenReplay (self-hosted)\n",
    "sentry\tP\tSentry (self-hosted)\n",
    "glitchtip\tP\tGlitchTip (self-hosted)\n",
    "unleash\tP\tUnleash (self-hosted)\n",
    "growthbook\tP\tGrowthBook (self-hosted)\n",
    "flagsmith\tP\tFlagsmith (self-hosted)\n",
    "smetrics\tP\tAdobe Analytics (first-party)\n",
    "metrics\tP\tAdobe Analytics (first-party)\n",
    "sgtm\tT\tserver-side Google Tag Manager\n",
    "mautic\tT\tMautic (self-hosted)\n",
    "chatwoot\tF\tChatwoot (self-hosted)\n",
    "rocketchat\tF\tRocket.Chat (self-hosted)\n",
    "isso\tF\tIsso (self-hosted)\n",
    "remark42\tF\tRemark42 (self-hosted)\n",
    "commento\tF\tCommento (self-hosted)\n",
    "jitsi\tF\tJitsi Meet (self-hosted)\n",
    "keycloak\tN\tKeycloak (self-hosted)\n",
    "authentik\tN\tauthentik (self-hosted)\n",
    "consent\tN\tconsent manager (custom domain)\n",
    "cmp\tN\tconsent manager (custom domain)\n",
);

/// The [`SELF_HOSTED`] rule for a host's subdomain labels (not its registrable name).
fn self_hosted<'a>(host: &str, rules: &'a str) -> Option<(Category, &'a str, &'a str)> {
    let labels: Vec<&str> = host.split('.').collect();
    let sub = &labels[..labels.len().saturating_sub(2)];
    rules.lines().find_map(|l| {
        let mut f = l.split('\t');
        let (label, initial, provider) = (f.next()?, f.next()?, f.next()?);
        sub.contains(&label).then_some(())?;
        Some((super::rules::initial_category(initial)?, provider, label))
    })
}

/// Classifies a script or iframe URL. `page_host`, when given, makes same-host URLs first party.
/// Order of evidence: the config's `allowHosts`/`holdHosts`, crumbs' own rules (the ones written
/// as code here, then the lists `table` carries), the vendor knowledge base (`table`).
pub fn classify_url(url: &str, page_host: Option<&str>, config: &Config, table: &KnownTable) -> UrlClassification {
    let none =
        |source| UrlClassification { category: None, provider: String::new(), source, matched: String::new(), stores_nothing: false, origin: None };
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
        origin: None,
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
    let own = table.rules();
    if let Some((c, p, path)) = any_host_path(&parts, PathRules::Product, own.paths()) {
        return hit(c, p, Source::Rule, path, false);
    }
    let rule = host_rules(own.hosts())
        .filter(|(h, path, _, _, _)| host_matches(&parts.host, h) && parts.path.starts_with(path))
        .max_by_key(|(h, path, _, _, _)| (h.len(), path.len()));
    if let Some((h, _, c, p, stores_nothing)) = rule {
        return hit(c, p, Source::Rule, h, stores_nothing);
    }
    if let Some((c, p, file)) = any_host_path(&parts, PathRules::File, own.paths()) {
        return hit(c, p, Source::Rule, file, false);
    }
    match table.lookup_host(&parts.host, parts.path) {
        Some(k) => UrlClassification { origin: Some(k.origin), ..hit(k.category, k.provider, Source::Vendor, k.matched, k.stores_nothing) },
        None => match any_host_path(&parts, PathRules::Generic, own.paths()).or_else(|| self_hosted(&parts.host, own.self_hosted())) {
            Some((c, p, matched)) => hit(c, p, Source::Rule, matched, false),
            None => none(Source::Unknown),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(url: &str, page_host: Option<&str>) -> UrlClassification {
        classify_url(url, page_host, &Config::default(), &KnownTable::empty().with_own_rules())
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
        // A consent banner on its tag manager's CDN is the consent manager, not the container.
        assert_eq!(cat("https://cdn.tagcommander.com/privacy/4821/privacy_v2_3.js"), Some(N));
        assert_eq!(cat("https://cdn.tagcommander.com/4821/tc_Site_1.js"), Some(T));
        assert_eq!(cat("https://cdn.ampproject.org/v0/amp-ad-0.1.js"), Some(T));
        assert_eq!(cat("https://cdn.ampproject.org/v0/amp-consent-0.1.js"), Some(N));
        // An npm package names its vendor on any mirror; other packages stay the CDN's.
        assert_eq!(cat("https://cdn.jsdelivr.net/npm/prebid.js@9.10.0/dist/prebid.js"), Some(T));
        assert_eq!(cat("https://unpkg.com/posthog-js@1.0.0/dist/array.js"), Some(P));
        assert!(classify("https://cdn.jsdelivr.net/npm/jquery@3.7.1/dist/jquery.min.js", None).stores_nothing);
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
    fn paths_files_and_self_hosted_products_on_any_host() {
        let c = |u: &str| {
            let r = classify(u, Some("example.org"));
            (r.category, r.provider)
        };
        let p = |u: &str| c(u).1;
        // A plugin's folder, wherever it is served from; its more specific folder first.
        assert_eq!(cat("https://shop.example/wp-content/plugins/woocommerce/assets/js/frontend/cart.js"), Some(N));
        assert_eq!(cat("https://shop.example/wp-content/plugins/woocommerce/assets/js/sourcebuster/sourcebuster.min.js"), Some(P));
        assert_eq!(cat("https://shop.example/sites/all/modules/eu_cookie_compliance/js/x.js"), Some(N), "a part of the path");
        assert_eq!(cat("https://shop.example/static/version1/frontend/A/b/en_GB/Magento_GoogleTagManager/js/gtm.js"), Some(T));
        assert_eq!(cat("https://shop.example/static/version1/frontend/A/b/en_GB/requirejs/require.js"), Some(N));
        assert_eq!(cat("https://connect.facebook.net/_next/static/x.js"), Some(T), "a generic path yields to a vendor host");
        assert_eq!(cat("https://blog.example/wp-json/wp/v2/pages?slug=about"), Some(N), "WordPress core's REST API");
        assert_eq!(cat("https://blog.example/wp-json/wp-statistics/v2/hit"), Some(P), "an analytics plugin's endpoint is not the core's");
        // File names decide only where no host rule does: a vendor's file on a library CDN is the CDN's.
        assert_eq!(cat("https://t.example/sp.js"), Some(P));
        assert!(classify("https://cdn.jsdelivr.net/npm/@snowplow/javascript-tracker/dist/sp.js", None).stores_nothing);
        assert_eq!(p("https://ads.example/js/prebid8.26.0.js"), "Prebid.js", "a file-name prefix");
        // Server-side tagging serves Google's files from the site's own subdomain.
        assert_eq!(cat("https://sst.example/gtag/js?id=G-ABC"), Some(P));
        assert_eq!(cat("https://sst.example/gtm.js?id=GTM-ABC"), Some(T));
        assert_eq!(cat("https://errors.example/api/2/envelope/?sentry_key=abc"), Some(P));
        assert_eq!(cat("https://stats.example/index.php?module=CoreAdminHome&action=optOut"), Some(N));
        // A product named by its subdomain, never by the site's own name.
        assert_eq!(c("https://plausible.example.org.uk/js/script.js"), (Some(P), "Plausible (self-hosted)".into()));
        assert_eq!(cat("https://chatwoot.example.com/packs/js/sdk.js"), Some(F));
        assert_eq!(classify("https://plausible.example/js/script.js", None).source, Source::Unknown);
        assert_eq!(classify("https://www.example.net/js/app.js", None).source, Source::Unknown);
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
