//! Build step: the banner's stylesheet is compiled into the wasm, so it is minified here first,
//! by esbuild (the npm package the loader's build uses too); `www/crumbs/banner.css` and
//! `crumbs.css` stay the readable sources.

use std::{
    env, fs,
    io::Write,
    path::Path,
    process::{Command, Stdio},
};

/// `css` minified by esbuild (`node_modules/.bin/esbuild`, installed by `npm ci`).
fn minify_css(esbuild: &Path, css: &str) -> String {
    let mut child = Command::new(esbuild)
        .args(["--minify", "--loader=css", "--log-level=warning"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", esbuild.display()));
    // Written from a thread: esbuild may fill its output pipe before it has read all of its input.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = css.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("esbuild runs");
    writer.join().expect("the writer thread ends").expect("esbuild reads its input");
    assert!(out.status.success(), "esbuild could not minify the banner's CSS ({})", out.status);
    // Its closing newline would ride in the wasm.
    String::from_utf8(out.stdout).expect("esbuild writes UTF-8").trim_end().to_owned()
}

fn main() {
    // Only the browser builds carry the styles: the host's (the CLI, the server, the tests) need
    // no Node.
    if env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32") {
        return;
    }
    let esbuild = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/.bin/esbuild");
    println!("cargo:rerun-if-changed={}", esbuild.display());
    assert!(esbuild.exists(), "{} is missing: run npm ci (npm test and npm start do it for you)", esbuild.display());
    // The full core carries the second layer alone: the first, the banner's, comes from the
    // loader, which carries it for its first paint (scripts/build.mjs minifies it there).
    let src = "www/crumbs/crumbs.css";
    println!("cargo:rerun-if-changed={src}");
    let css = fs::read_to_string(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let out = Path::new(&env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    fs::write(out.join("crumbs.min.css"), minify_css(&esbuild, &css)).expect("OUT_DIR is writable");
}
