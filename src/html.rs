//! Text made safe for HTML: the one escaper for every page crumbs writes as markup (the policy
//! table's `--html`, the scanner's report, the consent log's dashboard).

use crate::prelude::*;

/// Text made safe for HTML element content and quoted attribute values. Control characters
/// other than newline and tab become U+FFFD, so page data cannot smuggle them into a report.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_and_control_characters() {
        assert_eq!(escape_html("<img src=x onerror='a()'>&\""), "&lt;img src=x onerror=&#39;a()&#39;&gt;&amp;&quot;");
        assert_eq!(escape_html("a\u{0}b\nc\td"), "a\u{FFFD}b\nc\td");
    }
}
