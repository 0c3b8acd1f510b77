//! What each vendor's cookies and requests are for, in crumbs' own words:
//! `data/vendor-purposes.tsv`, compiled into the `crumbs` command (this crate is never in the
//! browser build). The draft config takes a vendor's sentence when the site declares none.

/// The data file: `names<TAB>purpose` lines, `#` comments.
const TSV: &str = include_str!("../../data/vendor-purposes.tsv");

/// A provider name as the file matches it: lower case letters and digits only.
fn key(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The entries: each line's names and purpose.
fn entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    TSV.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).filter_map(|l| l.split_once('\t'))
}

/// crumbs' sentence for a provider the classifier named: by its name, else by its name without
/// a trailing "(…)" ("Segment (loads its destinations)" is Segment). `None` for a vendor the
/// file does not describe.
pub fn purpose(provider: &str) -> Option<&'static str> {
    let find = |k: &str| entries().find(|(names, _)| names.split('|').any(|n| key(n) == k)).map(|(_, p)| p);
    let k = key(provider);
    if k.is_empty() {
        return None;
    }
    find(&k).or_else(|| {
        let base = provider.trim_end().strip_suffix(')').and_then(|p| p.rsplit_once('(')).map(|(b, _)| key(b))?;
        (!base.is_empty()).then_some(()).and_then(|_| find(&base))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_well_formed() {
        let mut seen = std::collections::HashSet::new();
        let mut count = 0;
        for line in TSV.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let (names, purpose) = line.split_once('\t').unwrap_or_else(|| panic!("no TAB: {line}"));
            assert!(!purpose.contains('\t'), "one purpose a line: {line}");
            let capital = purpose.chars().next().is_some_and(char::is_uppercase) || names.split('|').any(|n| purpose.starts_with(n));
            assert!(capital && purpose.ends_with('.'), "one sentence: {purpose}");
            assert!(purpose.len() <= 240, "one sentence, not a paragraph: {purpose}");
            for n in names.split('|') {
                assert!(!n.trim().is_empty() && seen.insert(key(n)), "a name once, in one entry: {n}");
            }
            count += 1;
        }
        assert!(count >= 60, "{count} vendors");
    }

    #[test]
    fn looked_up_by_the_names_the_classifier_gives() {
        assert!(purpose("Google Analytics").is_some_and(|p| p.starts_with("Google Analytics counts visits")));
        assert_eq!(purpose("google analytics"), purpose("Google Analytics (Universal)"));
        // A trailing "(…)" that is not a name of its own falls back to the vendor.
        assert_eq!(purpose("Segment (loads its destinations)"), purpose("Segment"));
        // One that is a name of its own keeps its own sentence.
        assert_ne!(purpose("YouTube (privacy-enhanced)"), purpose("YouTube"));
        assert_eq!(purpose("Pinterest Pixel"), purpose("Pinterest"));
        assert_eq!(purpose("Nobody We Know"), None);
        assert_eq!(purpose(""), None);
        assert_eq!(purpose("()"), None);
    }

    /// The sentences are crumbs' own: none shares a run of six words with a description in the
    /// Open Cookie Database (the one data file crumbs has that carries descriptions).
    #[test]
    fn no_sentence_is_copied_from_the_open_cookie_database() {
        let words = |s: &str| -> Vec<String> { s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect() };
        let csv = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/open-cookie-database/open-cookie-database.csv")).unwrap();
        let mut shingles = std::collections::HashSet::new();
        for w in csv.lines().map(words) {
            for s in w.windows(6) {
                shingles.insert(s.join(" "));
            }
        }
        for (_, p) in entries() {
            for s in words(p).windows(6) {
                assert!(!shingles.contains(&s.join(" ")), "{p:?} shares {:?} with the Open Cookie Database", s.join(" "));
            }
        }
    }
}
