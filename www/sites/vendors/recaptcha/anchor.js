// Stand-in for reCAPTCHA's frame script (www.gstatic.com/recaptcha/releases/…/recaptcha__en.js),
// running inside the www.google.com anchor frame: it sets _GRECAPTCHA there, as Google
// documents ("provides risk analysis", 6 months).
document.cookie = '_GRECAPTCHA=' + Math.random().toString(36).slice(2) + '; Path=/recaptcha; Max-Age=15552000; SameSite=None; Secure';
