//! Calendar days (UTC) for the dashboard's date ranges: `YYYY-MM-DD`, both ends included.

use time::{Date, Month, OffsetDateTime};

/// The longest range the overview draws.
pub const MAX_DAYS: i64 = 400;

/// A day from `YYYY-MM-DD`.
pub fn parse(s: &str) -> Option<Date> {
    let mut p = s.trim().splitn(3, '-');
    let (y, m, d) = (p.next()?, p.next()?, p.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    Date::from_calendar_date(y.parse().ok()?, Month::try_from(m.parse::<u8>().ok()?).ok()?, d.parse().ok()?).ok()
}

/// `YYYY-MM-DD`.
pub fn show(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

/// Midnight UTC at the start of `d`, Unix seconds.
pub fn start(d: Date) -> i64 {
    d.midnight().assume_utc().unix_timestamp()
}

/// The day (UTC) of a Unix time.
pub fn of(secs: i64) -> Option<Date> {
    OffsetDateTime::from_unix_timestamp(secs).ok().map(|t| t.date())
}

/// The range a form asked for, or the last 30 days up to `today`; an error names the field.
pub fn range(q: &std::collections::HashMap<String, String>, today: Date) -> Result<(Date, Date), String> {
    let get = |k: &str, default: Date| match q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(v) => parse(v).ok_or(format!("{k}: expected a date such as 2026-11-22")),
    };
    let to = get("to", today)?;
    let from = get("from", to - time::Duration::days(29))?;
    let days = (to - from).whole_days() + 1;
    if days < 1 {
        return Err("from: must not be after to".into());
    }
    if days > MAX_DAYS {
        return Err(format!("the range may span at most {MAX_DAYS} days"));
    }
    Ok((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_ranges() {
        let d = parse("2026-02-28").unwrap();
        assert_eq!(show(d), "2026-02-28");
        assert_eq!(parse("2026-02-29"), None);
        assert_eq!(parse("2026-2-28"), None);
        assert_eq!(of(start(d) + 86_399), Some(d));
        let q = |f: &str, t: &str| [("from".to_string(), f.to_string()), ("to".to_string(), t.to_string())].into_iter().collect();
        assert_eq!(range(&q("2026-02-01", "2026-02-28"), d).unwrap(), (parse("2026-02-01").unwrap(), d));
        assert!(range(&q("2026-03-01", "2026-02-28"), d).is_err());
        assert!(range(&q("2020-01-01", "2026-02-28"), d).unwrap_err().contains("at most"));
        assert_eq!(range(&Default::default(), d).unwrap().0, parse("2026-01-30").unwrap());
    }
}
