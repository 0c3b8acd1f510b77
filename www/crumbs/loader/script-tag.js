// The script tag this file runs from, read before anything else: document.currentScript names it
// only while the script runs (never in a callback). main.js makes this module run first.
export var tag = document.currentScript;
