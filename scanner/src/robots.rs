//! robots.txt: the group for `crumbs` (else `*`), `Allow`/`Disallow` with `*` and `$`, the
//! longest matching rule winning and `Allow` winning ties (RFC 9309).

/// The rules that apply to the scanner.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Robots {
    /// `(allow, pattern)`.
    rules: Vec<(bool, String)>,
}

/// One group: the agents it names, then its `(allow, pattern)` rules.
type Group = (Vec<String>, Vec<(bool, String)>);

/// The user-agent token the scanner answers to.
const AGENT: &str = "crumbs";

impl Robots {
    /// Parses robots.txt text; anything unreadable is ignored, as crawlers do.
    pub fn parse(text: &str) -> Robots {
        // Groups: the agents named, then their rules.
        let mut groups: Vec<Group> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else { continue };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Vec::new()));
                    }
                    in_agents = true;
                    if let Some(g) = groups.last_mut() {
                        g.0.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    // An empty Disallow allows everything: no rule.
                    if let (Some(g), false) = (groups.last_mut(), value.is_empty()) {
                        g.1.push((key == "allow", value.to_string()));
                    }
                }
                _ => {}
            }
        }
        let pick = |agent: &str| groups.iter().filter(|g| g.0.iter().any(|a| a == agent)).flat_map(|g| g.1.clone()).collect::<Vec<_>>();
        let mine = pick(AGENT);
        Robots { rules: if mine.is_empty() && !groups.iter().any(|g| g.0.iter().any(|a| a == AGENT)) { pick("*") } else { mine } }
    }

    /// Whether a path (with its query) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        self.rules.iter().filter(|(_, p)| matches(p, path)).max_by_key(|(allow, p)| (p.len(), *allow)).is_none_or(|(allow, _)| *allow)
    }
}

/// Whether a robots pattern (`*` any run, `$` the end) matches the start of `path`.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let Some(first) = parts.first() else { return true };
    let Some(mut rest) = path.strip_prefix(first) else { return false };
    for (i, part) in parts.iter().enumerate().skip(1) {
        let last = i == parts.len() - 1;
        if last && anchored {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    !anchored || rest.is_empty() || (parts.len() > 1 && parts.last() == Some(&""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_precedence() {
        let r = Robots::parse("User-agent: *\nDisallow: /private/\nAllow: /private/ok.html\nDisallow: /*.pdf$\n\nUser-agent: other\nDisallow: /\n");
        assert!(r.allows("/"));
        assert!(!r.allows("/private/x.html"));
        assert!(r.allows("/private/ok.html"), "the longer Allow wins");
        assert!(!r.allows("/docs/a.pdf"));
        assert!(r.allows("/docs/a.pdf?x=1"), "$ anchors the end");
    }

    #[test]
    fn own_group_wins_and_empty_disallow_allows() {
        let r = Robots::parse("User-agent: *\nDisallow: /\n\nUser-agent: crumbs\nDisallow:\n");
        assert!(r.allows("/anything"));
        let r = Robots::parse("User-agent: Crumbs\nUser-agent: x\nDisallow: /a\n# comment\nUser-agent: *\nDisallow: /\n");
        assert!(!r.allows("/a/b"));
        assert!(r.allows("/b"));
        assert!(Robots::parse("garbage\n\0\n").allows("/"));
    }
}
