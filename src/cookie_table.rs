//! The cookie table a policy page shows: one section per ICC category, rows from the config's
//! declarations. The browser renders it as DOM, the CLI as Markdown or HTML.

use crate::html::escape_html;
use crate::prelude::*;

use crate::category::Category;
use crate::config::Config;
use crate::texts::{resolve, Text};

/// One section of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableSection {
    /// The category.
    pub category: Category,
    /// Its title, in the table's language.
    pub title: String,
    /// Rows: cookie, provider, purpose, expires. Empty means "no cookies used".
    pub rows: Vec<[String; 4]>,
}

/// The whole table, with its column headings and the empty-category wording.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieTable {
    /// Column headings.
    pub columns: [String; 4],
    /// What an empty section says.
    pub no_cookies: String,
    /// All four categories, in ICC order.
    pub sections: Vec<TableSection>,
}

/// The table for `config`, in `language` (with `shipped` wording for it, if any).
pub fn cookie_table(config: &Config, shipped: &[(Text, String)], language: &str) -> CookieTable {
    let t = |text| resolve(&config.texts, shipped, language, text).to_string();
    CookieTable {
        columns: [Text::TableCookie, Text::TableProvider, Text::TablePurpose, Text::TableExpires].map(t),
        no_cookies: t(Text::TableNoCookies),
        sections: Category::ALL
            .into_iter()
            .map(|category| TableSection {
                category,
                title: t(Text::category_title(category)),
                rows: config
                    .categories
                    .iter()
                    .filter(|c| c.category == category)
                    .flat_map(|c| &c.cookies)
                    .map(|d| [d.display_name(), d.provider.clone(), d.purpose.clone(), d.expiry.clone()])
                    .collect(),
            })
            .collect(),
    }
}

/// Cookies seen in the browser, classified: `[name, category title or "Unclassified", provider]`,
/// sorted by name.
pub fn observed_rows(
    config: &Config,
    db: &crate::classify::KnownTable,
    shipped: &[(Text, String)],
    language: &str,
    live: &[&str],
) -> Vec<[String; 3]> {
    let t = |text| resolve(&config.texts, shipped, language, text).to_string();
    let mut rows: Vec<[String; 3]> = live
        .iter()
        .map(|n| {
            let c = crate::classify::classify_cookie(n, None, config, db);
            let category = c.category.map_or_else(|| t(Text::TableUnclassified), |c| t(Text::category_title(c)));
            [n.to_string(), category, c.provider]
        })
        .collect();
    crate::sort::sort_dedup(&mut rows);
    rows
}

/// Escapes text for a Markdown table cell.
fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

impl CookieTable {
    /// The table as HTML: one `<table>` per category, every string escaped.
    pub fn to_html(&self) -> String {
        let mut s = String::new();
        for sec in &self.sections {
            s.push_str(&format!("<table class=\"crumbs-table\" data-category=\"{}\">\n", sec.category.id()));
            s.push_str(&format!("<caption>{}</caption>\n<thead><tr>", escape_html(&sec.title)));
            for c in &self.columns {
                s.push_str(&format!("<th scope=\"col\">{}</th>", escape_html(c)));
            }
            s.push_str("</tr></thead>\n<tbody>\n");
            if sec.rows.is_empty() {
                s.push_str(&format!("<tr><td colspan=\"4\">{}</td></tr>\n", escape_html(&self.no_cookies)));
            }
            for row in &sec.rows {
                s.push_str("<tr>");
                for cell in row {
                    s.push_str(&format!("<td>{}</td>", escape_html(cell)));
                }
                s.push_str("</tr>\n");
            }
            s.push_str("</tbody>\n</table>\n");
        }
        s
    }

    /// The table as Markdown: a heading and a table per category.
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        for sec in &self.sections {
            s.push_str(&format!("### {}\n\n", escape_markdown(&sec.title)));
            if sec.rows.is_empty() {
                s.push_str(&format!("{}\n\n", escape_markdown(&self.no_cookies)));
                continue;
            }
            let cols: Vec<String> = self.columns.iter().map(|c| escape_markdown(c)).collect();
            s.push_str(&format!("| {} |\n|{}\n", cols.join(" | "), " --- |".repeat(4)));
            for row in &sec.rows {
                let cells: Vec<String> = row.iter().map(|c| escape_markdown(c)).collect();
                s.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            s.push('\n');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;

    #[test]
    fn observed_cookies_are_classified_or_unclassified() {
        let c = parse_config("{}").unwrap();
        let rows = observed_rows(&c, &crate::classify::KnownTable::empty().with_own_rules(), &[], "en", &["zzz", "_ga"]);
        assert_eq!(
            rows,
            vec![["_ga".to_string(), "Performance".into(), "Google Analytics".into()], ["zzz".into(), "Unclassified".into(), String::new()]]
        );
    }

    #[test]
    fn four_sections_and_escaping() {
        let c = parse_config(
            r#"{"categories": [{"id": "performance", "cookies": [
                {"name": "_ga_*", "provider": "<b>G</b> & co", "purpose": "a | b", "expiry": "2 years"}]}]}"#,
        )
        .unwrap();
        let t = cookie_table(&c, &[], "en");
        assert_eq!(
            t.sections.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(),
            ["Strictly necessary", "Performance", "Functionality", "Targeting"]
        );
        assert_eq!(t.sections[1].rows, vec![["_ga_*".to_string(), "<b>G</b> & co".into(), "a | b".into(), "2 years".into()]]);
        let html = t.to_html();
        assert!(html.contains("<td>&lt;b&gt;G&lt;/b&gt; &amp; co</td>") && !html.contains("<b>"));
        assert_eq!(html.matches("No cookies used").count(), 3);
        let md = t.to_markdown();
        assert!(md.contains("| \\_ga\\_\\* | \\<b\\>G\\</b\\> & co | a \\| b | 2 years |"), "{md}");
    }
}
