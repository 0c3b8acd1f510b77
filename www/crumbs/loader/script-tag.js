// The script tag this file runs from, read before anything else: document.currentScript names it
// only while the script runs (never in a callback). main.js makes this module run first.
export var tag = document.currentScript;
// crumbs' folder, resolved by hand (the tag's src is absolute): URL is only needed to judge page URLs.
export var here = tag.src.replace(/[?#].*/, '').replace(/[^/]*$/, '');
