//! The overview's charts, drawn as SVG here (no charting library, nothing inline to run): colours
//! come from classes in admin.css, so the page's style-src 'self' holds. Each chart has a title
//! and a description, and the same numbers are in a table beside it.

use super::html::esc;
use std::fmt::Write;

/// One stacked bar: its label and its segments' values, in the order of the series.
pub struct Bar {
    /// Shown under the bar (and in its tooltip title).
    pub label: String,
    /// One value per series.
    pub values: Vec<u64>,
}

/// Bars of counts stacked by series (decisions per day by method). `series` are (class, name).
pub fn stacked_bars(title: &str, desc: &str, series: &[(&str, &str)], bars: &[Bar]) -> String {
    let (w, h, left, bottom) = (640.0_f64, 240.0_f64, 40.0_f64, 28.0_f64);
    let max = bars.iter().map(|b| b.values.iter().sum::<u64>()).max().unwrap_or(0).max(1);
    let slot = (w - left) / bars.len().max(1) as f64;
    let bar_w = (slot * 0.8).max(1.0);
    let plot_h = h - bottom - 8.0;
    let mut svg = format!(
        "<svg class=\"chart days\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" focusable=\"false\">\
         <title id=\"{id}-t\">{t}</title><desc id=\"{id}-d\">{d}</desc>",
        id = "days",
        t = esc(title),
        d = esc(desc)
    );
    // Axis: 0 and the maximum.
    let _ = write!(svg, "<line class=\"axis\" x1=\"{left}\" y1=\"{y}\" x2=\"{w}\" y2=\"{y}\"/>", y = 8.0 + plot_h);
    let _ = write!(svg, "<text class=\"tick\" x=\"{x}\" y=\"{y}\" text-anchor=\"end\">0</text>", x = left - 4.0, y = 8.0 + plot_h);
    let _ = write!(svg, "<text class=\"tick\" x=\"{x}\" y=\"16\" text-anchor=\"end\">{max}</text>", x = left - 4.0);
    let every = (bars.len() / 6).max(1);
    for (i, b) in bars.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar_w) / 2.0;
        let mut y = 8.0 + plot_h;
        for (v, (class, name)) in b.values.iter().zip(series) {
            if *v == 0 {
                continue;
            }
            let bh = plot_h * *v as f64 / max as f64;
            y -= bh;
            let _ = write!(
                svg,
                "<rect class=\"{class}\" x=\"{x:.2}\" y=\"{y:.2}\" width=\"{bar_w:.2}\" height=\"{bh:.2}\"><title>{} {}: {v}</title></rect>",
                esc(&b.label),
                esc(name)
            );
        }
        if i % every == 0 {
            let _ = write!(
                svg,
                "<text class=\"tick\" x=\"{cx:.2}\" y=\"{ty}\" text-anchor=\"middle\">{}</text>",
                esc(b.label.get(5..).unwrap_or(&b.label)),
                cx = x + bar_w / 2.0,
                ty = h - 10.0
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars of rates in 0..=1 (acceptance per category), each labelled with its percentage.
pub fn rate_bars(title: &str, desc: &str, rows: &[(String, Option<f64>)]) -> String {
    // Narrow, so that it stays legible when a phone scales it down.
    let (w, row_h, left) = (320.0_f64, 32.0_f64, 104.0_f64);
    let h = row_h * rows.len() as f64 + 8.0;
    let mut svg = format!(
        "<svg class=\"chart rates\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"cats-t cats-d\" focusable=\"false\">\
         <title id=\"cats-t\">{}</title><desc id=\"cats-d\">{}</desc>",
        esc(title),
        esc(desc)
    );
    let plot_w = w - left - 52.0;
    for (i, (name, rate)) in rows.iter().enumerate() {
        let y = 4.0 + row_h * i as f64;
        let _ = write!(svg, "<text class=\"label\" x=\"{x}\" y=\"{ty}\" text-anchor=\"end\">{}</text>", esc(name), x = left - 6.0, ty = y + 18.0);
        let _ = write!(svg, "<rect class=\"track\" x=\"{left}\" y=\"{y}\" width=\"{plot_w}\" height=\"24\"/>");
        if let Some(r) = rate {
            let _ = write!(svg, "<rect class=\"rate\" x=\"{left}\" y=\"{y}\" width=\"{:.2}\" height=\"24\"/>", plot_w * r.clamp(0.0, 1.0));
        }
        let text = rate.map_or("no data".to_string(), super::overview::percent);
        let _ = write!(svg, "<text class=\"label\" x=\"{x}\" y=\"{ty}\">{text}</text>", x = left + plot_w + 6.0, ty = y + 18.0);
    }
    svg.push_str("</svg>");
    svg
}
