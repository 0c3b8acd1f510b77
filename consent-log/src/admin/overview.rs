//! The overview: decisions per day by how they were made (accept all, reject all, custom, GPC,
//! other), and the acceptance rate of each optional category, over a range of decision days.
//! Only `ok` records count; flagged ones (conflict, gap, late) may be forged and are counted apart.

use super::chart::{self, Bar};
use super::html::esc;
use super::{days, SignedIn};
use crate::server::{now, with_reader, AppState};
use crate::store::Decided;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use crumbs::category::Category;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;
use time::Date;

/// How decisions are grouped, with the chart's class for each.
pub const KINDS: [(&str, &str); 5] =
    [("accept", "Accept all"), ("reject", "Reject all"), ("custom", "Custom"), ("gpc", "GPC"), ("other", "Other (API, withdrawal, do not sell)")];

/// Which of [`KINDS`] a record's `method` is.
fn kind_of(method: &str) -> usize {
    match method {
        "accept_all" => 0,
        "reject_all" => 1,
        "custom" => 2,
        "gpc" => 3,
        _ => 4,
    }
}

/// The optional categories, whose acceptance is measured.
fn optional() -> impl Iterator<Item = Category> {
    Category::ALL.into_iter().filter(|c| *c != Category::Necessary)
}

/// The fields of a stored record the overview reads besides its decision time (borrowed where the JSON has no escapes:
/// the overview reads every record of its range).
#[derive(serde::Deserialize)]
struct Decision<'a> {
    #[serde(borrow)]
    method: Cow<'a, str>,
    #[serde(borrow)]
    granted: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    refused: Vec<Cow<'a, str>>,
}

/// What the overview counts.
#[derive(Debug, Default, PartialEq)]
pub struct Counts {
    /// Per day from the range's first: decisions per kind.
    pub days: Vec<[u64; 5]>,
    /// Per optional category: (granted, refused).
    pub categories: Vec<(u64, u64)>,
    /// Flagged records in the range, not counted above.
    pub flagged: u64,
}

impl Counts {
    /// Empty counts for a range of `n` days.
    pub fn new(n: usize) -> Counts {
        Counts { days: vec![[0; 5]; n], categories: vec![(0, 0); optional().count()], flagged: 0 }
    }

    /// Counts one record into its decision day of the range starting at `first`.
    pub fn add(&mut self, row: &Decided, first: Date) {
        let Ok(d) = serde_json::from_str::<Decision>(&row.payload) else { return };
        if row.status != "ok" {
            self.flagged += 1;
            return;
        }
        let Some(i) = days::of(row.decided_at).map(|day| (day - first).whole_days()).filter(|i| *i >= 0 && (*i as usize) < self.days.len()) else {
            return;
        };
        self.days[i as usize][kind_of(&d.method)] += 1;
        for (n, c) in optional().enumerate() {
            if d.granted.iter().any(|g| g == c.id()) {
                self.categories[n].0 += 1;
            } else if d.refused.iter().any(|r| r == c.id()) {
                self.categories[n].1 += 1;
            }
        }
    }

    /// Every decision counted.
    pub fn total(&self) -> u64 {
        self.days.iter().flatten().sum()
    }
}

/// A share as the page shows it: one decimal.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn share(n: u64, of: u64) -> String {
    if of == 0 {
        "–".into()
    } else {
        percent(n as f64 / of as f64)
    }
}

/// Counts the range's records in one streamed pass (constant memory for any range).
fn count(store: &mut crate::store::Store, from: Date, to: Date) -> Result<Counts, crate::store::StoreError> {
    let n = (to - from).whole_days() as usize + 1;
    let mut counts = Counts::new(n);
    let (start, end) = (days::start(from), days::start(to) + 86_400);
    store.each_decided(start, end, &mut |r| counts.add(&r, from))?;
    Ok(counts)
}

pub(crate) async fn page(who: SignedIn, State(state): State<Arc<AppState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let today = days::of(now()).unwrap_or(Date::MIN);
    let (from, to, error) = match days::range(&q, today) {
        Ok((f, t)) => (f, t, None),
        Err(e) => (today - time::Duration::days(29), today, Some(e)),
    };
    let counts = match with_reader(&state, move |s| count(s, from, to)).await {
        Ok(c) => c,
        Err(e) => return super::unavailable(&who, "/admin/", &e),
    };
    let mut body = String::new();
    if let Some(e) = &error {
        let _ = write!(body, "<p role=\"alert\" class=\"notice bad\">{}</p>", esc(e));
    }
    let _ = write!(
        body,
        "<form method=\"get\" action=\"/admin/\" class=\"range\"><label for=\"from\">From</label><input id=\"from\" name=\"from\" type=\"date\" value=\"{}\">\
         <label for=\"to\">To</label><input id=\"to\" name=\"to\" type=\"date\" value=\"{}\"><button type=\"submit\">Show</button></form>",
        days::show(from),
        days::show(to)
    );
    let total = counts.total();
    let _ = write!(
        body,
        "<p class=\"summary\"><span id=\"total\">{total}</span> decisions from {} to {} (UTC, by decision time); \
         <span id=\"flagged\">{}</span> flagged records not counted.</p>",
        days::show(from),
        days::show(to),
        counts.flagged
    );
    // Decisions per day.
    let bars: Vec<Bar> =
        counts.days.iter().enumerate().map(|(i, v)| Bar { label: days::show(from + time::Duration::days(i as i64)), values: v.to_vec() }).collect();
    let legend: String = KINDS.iter().map(|(class, name)| format!("<li><span class=\"swatch {class}\"></span>{name}</li>")).collect();
    let _ = write!(
        body,
        "<section aria-labelledby=\"per-day\"><h2 id=\"per-day\">Decisions per day</h2><figure><div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Decisions per day, chart\" data-scroll-end>{}</div><ul class=\"legend\">{legend}</ul></figure>",
        chart::stacked_bars(
            "Decisions per day",
            "Stacked bars: each day's decisions by how they were made; the table below has the numbers.",
            &KINDS,
            &bars
        )
    );
    let mut sums = [0u64; 5];
    let head: String = KINDS.iter().map(|(_, n)| format!("<th scope=\"col\">{n}</th>")).collect();
    let _ = write!(body, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Decisions per day, table\"><table id=\"days\"><thead><tr><th scope=\"col\">Day</th><th scope=\"col\">Decisions</th>{head}</tr></thead><tbody>");
    for (bar, v) in bars.iter().zip(&counts.days) {
        let n: u64 = v.iter().sum();
        if n == 0 {
            continue;
        }
        for (s, x) in sums.iter_mut().zip(v) {
            *s += x;
        }
        let cells: String = v.iter().map(|x| format!("<td>{}</td>", share(*x, n))).collect();
        let _ = write!(body, "<tr><th scope=\"row\">{}</th><td>{n}</td>{cells}</tr>", bar.label);
    }
    let cells: String = sums.iter().map(|x| format!("<td>{}</td>", share(*x, total))).collect();
    let _ = write!(body, "</tbody><tfoot><tr><th scope=\"row\">All days</th><td>{total}</td>{cells}</tr></tfoot></table></div></section>");
    // Acceptance per category.
    let rates: Vec<(String, Option<f64>)> =
        optional().zip(&counts.categories).map(|(c, (g, r))| (title(c).to_string(), (g + r > 0).then(|| *g as f64 / (g + r) as f64))).collect();
    let _ = write!(
        body,
        "<section aria-labelledby=\"per-cat\"><h2 id=\"per-cat\">Acceptance by category</h2><figure>{}</figure>",
        chart::rate_bars("Acceptance by category", "The share of decisions that granted each optional category.", &rates)
    );
    let _ = write!(body, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Acceptance by category, table\"><table id=\"categories\"><thead><tr><th scope=\"col\">Category</th><th scope=\"col\">Granted</th><th scope=\"col\">Refused</th><th scope=\"col\">Acceptance</th></tr></thead><tbody>");
    for (c, (g, r)) in optional().zip(&counts.categories) {
        let _ = write!(body, "<tr><th scope=\"row\">{}</th><td>{g}</td><td>{r}</td><td>{}</td></tr>", title(c), share(*g, g + r));
    }
    body.push_str("</tbody></table></div></section>");
    let status = if error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    who.page(status, "Overview", "/admin/", &body)
}

/// A category's name on the dashboard.
fn title(c: Category) -> &'static str {
    match c {
        Category::Necessary => "Strictly necessary",
        Category::Performance => "Performance",
        Category::Functionality => "Functionality",
        Category::Targeting => "Targeting",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(status: &str, decided: &str, method: &str, granted: &[&str], refused: &[&str]) -> Decided {
        let p = serde_json::json!({"decidedAt": decided, "method": method, "granted": granted, "refused": refused});
        let decided_at = crate::record::parse_rfc3339_utc(decided).unwrap();
        Decided { id: 1, decided_at, status: status.into(), payload: p.to_string() }
    }

    #[test]
    fn counts_ok_records_by_day_kind_and_category() {
        let first = days::parse("2026-11-20").unwrap();
        let mut c = Counts::new(2);
        c.add(&row("ok", "2026-11-20T10:00:00Z", "accept_all", &["necessary", "performance", "functionality", "targeting"], &[]), first);
        c.add(&row("ok", "2026-11-21T23:59:59Z", "reject_all", &["necessary"], &["performance", "functionality", "targeting"]), first);
        c.add(&row("ok", "2026-11-21T00:00:00Z", "gpc", &["necessary", "functionality"], &["performance", "targeting"]), first);
        c.add(&row("conflict", "2026-11-21T00:00:00Z", "accept_all", &["necessary"], &[]), first);
        c.add(&row("ok", "2026-11-22T00:00:00Z", "accept_all", &["necessary"], &[]), first);
        assert_eq!(c.days, vec![[1, 0, 0, 0, 0], [0, 1, 0, 1, 0]]);
        assert_eq!(c.categories, vec![(1, 2), (2, 1), (1, 2)]);
        assert_eq!((c.flagged, c.total()), (1, 3));
        assert_eq!((share(1, 3), share(0, 0), percent(0.125)), ("33.3%".into(), "–".into(), "12.5%".into()));
    }
}
