//! The sweep as an SVG chart (no scripts): coverage and spending against the varied value.
//!
//! Decides the picture: two panels sharing the x axis (the first id with more than one value):
//! the top one shows the share of required group × duty cells met (and, for a single series, the
//! share of all cells with hours), the bottom one the money spent (and, for a single series, the
//! money allocated). Every combination of the other ids' values is one series (one line per
//! value of the second id in a 2-D grid). Infeasible points break the line and are marked with a
//! red × on the axis. Tick values are “nice” numbers (1, 2, 2.5 or 5 × 10^k).

use std::fmt::Write as _;

use super::Sweep;
use crate::export::escape::{Quotes, escape};
use crate::input::overrides::show;

const H: f64 = 740.0;
const LEFT: f64 = 96.0;
const PLOT_W: f64 = 620.0;
const PANEL_H: f64 = 230.0;
const TOP1: f64 = 116.0;
const TOP2: f64 = TOP1 + PANEL_H + 110.0;
const FONT: &str = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif";
const PALETTE: &[&str] = &[
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f", "#bcbd22",
];

/// Tick values covering `lo..=hi`: about five steps of 1, 2, 2.5 or 5 × 10^k.
pub fn nice_ticks(lo: f64, hi: f64) -> (Vec<f64>, f64) {
    let range = (hi - lo).abs();
    if range == 0.0 || !range.is_finite() {
        return (vec![lo], 1.0);
    }
    let raw = range / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw * 0.999)
        .unwrap_or(10.0 * mag);
    let first = (lo / step - 1e-9).ceil() * step;
    let mut ticks = Vec::new();
    let mut t = first;
    while t <= hi + step * 1e-9 {
        ticks.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        t += step;
    }
    (ticks, step)
}

fn tick_label(v: f64, step: f64) -> String {
    if step >= 1.0 || v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        let d = (-step.log10()).ceil().max(1.0) as usize;
        format!("{v:.d$}")
    }
}

struct Series {
    label: String,
    /// (x, point index) in x order.
    points: Vec<(f64, usize)>,
}

/// One panel's y values for a series: `None` where the point is infeasible.
type Getter<'a> = &'a dyn Fn(usize) -> Option<f64>;

struct Panel<'a> {
    top: f64,
    title: String,
    y_label: &'a str,
    y_min: f64,
    y_max: f64,
}

/// Approximate width in pixels of text at 12 px (CJK characters are twice as wide).
fn text_width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 6.8 } else { 12.5 })
        .sum()
}

/// The chart of a sweep.
pub fn chart(s: &Sweep) -> String {
    let counts: Vec<usize> = s.grid.varies.iter().map(|v| v.count()).collect();
    let xk = counts.iter().position(|&c| c >= 2).unwrap_or(0);
    let x_id = s.grid.varies[xk].id.as_str();
    // Series: every combination of the other ids, in grid order.
    let stride: usize = counts[xk + 1..].iter().product();
    let mut series: Vec<Series> = Vec::new();
    for base in (0..s.points.len()).filter(|i| (i / stride).is_multiple_of(counts[xk])) {
        let idx: Vec<usize> = (0..counts[xk]).map(|j| base + j * stride).collect();
        let label = s
            .grid
            .varies
            .iter()
            .enumerate()
            .filter(|(m, v)| *m != xk && v.count() > 1)
            .map(|(m, v)| format!("{} = {}", v.id, show(s.grid.points[base][m])))
            .collect::<Vec<_>>()
            .join(", ");
        series.push(Series {
            label,
            points: idx.iter().map(|&i| (s.grid.points[i][xk], i)).collect(),
        });
    }
    let fixed = s
        .grid
        .varies
        .iter()
        .filter(|v| v.count() == 1 && v.id != x_id)
        .map(|v| format!("{} = {}", v.id, show(v.from)))
        .collect::<Vec<_>>()
        .join(", ");
    let single = series.len() == 1;
    let xs: Vec<f64> = s.grid.points.iter().map(|p| p[xk]).collect();
    let (x_lo, x_hi) = xs
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    let (x_lo, x_hi) = if x_lo == x_hi {
        let pad = (x_lo.abs() * 0.1).max(1.0);
        (x_lo - pad, x_hi + pad)
    } else {
        (x_lo, x_hi)
    };
    let plot_w = PLOT_W;
    let px = |x: f64| LEFT + (x - x_lo) / (x_hi - x_lo) * plot_w;
    // The legend's column is as wide as its longest label.
    let longest = series
        .iter()
        .map(|s| text_width(&s.label))
        .fold(text_width("支出 spent (school + college)"), f64::max);
    let right = (longest + 80.0).max(260.0);
    let w_total = (LEFT + plot_w + right).ceil();

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w_total}" height="{H}" viewBox="0 0 {w_total} {H}" font-family="{FONT}" font-size="12">"#
    );
    let _ = writeln!(
        out,
        r##"<rect width="{w_total}" height="{H}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        out,
        r#"<text x="{LEFT}" y="30" font-size="18" font-weight="bold">假设分析 What-if: {} — {} 个方案 points</text>"#,
        escape(&s.scenario, Quotes::Double),
        s.points.len()
    );
    let _ = writeln!(
        out,
        r##"<text x="{LEFT}" y="54" font-size="13" fill="#444">覆盖率与经费随 {x} 变化</text>"##,
        x = escape(x_id, Quotes::Double)
    );
    let en = if fixed.is_empty() {
        format!(
            "coverage and spending against {}",
            escape(x_id, Quotes::Double)
        )
    } else {
        format!(
            "coverage and spending against {}; fixed 固定: {}",
            escape(x_id, Quotes::Double),
            escape(&fixed, Quotes::Double)
        )
    };
    let _ = writeln!(
        out,
        r##"<text x="{LEFT}" y="72" font-size="13" fill="#444">{en}</text>"##
    );

    let spend_max = s
        .points
        .iter()
        .map(|p| {
            let spent = p.spend.school_spent + p.spend.college_spent;
            if single {
                spent.max(p.spend.school_allocated + p.spend.college_allocated)
            } else {
                spent
            }
        })
        .fold(0.0, f64::max);
    let (yt, ystep) = nice_ticks(
        0.0,
        if spend_max > 0.0 {
            spend_max * 1.05
        } else {
            1.0
        },
    );
    let spend_top = yt.last().copied().unwrap_or(1.0);
    let spend_top = if spend_top < spend_max {
        spend_top + ystep
    } else {
        spend_top
    };
    // Coverage from a round 10 % below the lowest share shown, so small changes stay visible.
    let cov_min = s
        .points
        .iter()
        .filter_map(|p| p.coverage.as_ref())
        .flat_map(|c| [c.required_share, c.any_share])
        .fold(1.0, f64::min)
        * 100.0;
    let cov_lo = ((cov_min - 5.0) / 10.0).floor().clamp(0.0, 9.0) * 10.0;
    let panels = [
        Panel {
            top: TOP1,
            title: "覆盖率 Coverage".into(),
            y_label: "覆盖率 share of cells (%)",
            y_min: cov_lo,
            y_max: 100.0,
        },
        Panel {
            top: TOP2,
            title: "经费 Spending".into(),
            y_label: "元 yuan",
            y_min: 0.0,
            y_max: spend_top,
        },
    ];
    let (xt, xstep) = nice_ticks(x_lo, x_hi);
    for panel in &panels {
        let py = |y: f64| {
            panel.top + PANEL_H - (y - panel.y_min) / (panel.y_max - panel.y_min) * PANEL_H
        };
        let bottom = panel.top + PANEL_H;
        let _ = writeln!(
            out,
            r#"<text x="{LEFT}" y="{}" font-size="14" font-weight="bold">{}</text>"#,
            panel.top - 12.0,
            panel.title
        );
        // grid and y ticks
        let (ticks, step) = nice_ticks(panel.y_min, panel.y_max);
        for t in &ticks {
            let y = py(*t);
            let _ = writeln!(
                out,
                r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e3e3e3"/>"##,
                LEFT + plot_w
            );
            let _ = writeln!(
                out,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
                LEFT - 8.0,
                y + 4.0,
                tick_label(*t, step)
            );
        }
        // x ticks
        for t in &xt {
            let x = px(*t);
            let _ = writeln!(
                out,
                r##"<line x1="{x:.1}" y1="{bottom:.1}" x2="{x:.1}" y2="{:.1}" stroke="#333"/>"##,
                bottom + 5.0
            );
            let _ = writeln!(
                out,
                r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                bottom + 19.0,
                tick_label(*t, xstep)
            );
        }
        // axes
        let _ = writeln!(
            out,
            r##"<path d="M{LEFT},{} V{bottom:.1} H{:.1}" fill="none" stroke="#333"/>"##,
            panel.top,
            LEFT + plot_w
        );
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            LEFT + plot_w / 2.0,
            bottom + 40.0,
            escape(x_id, Quotes::Double)
        );
        let _ = writeln!(
            out,
            r#"<text transform="translate({:.1},{:.1}) rotate(-90)" text-anchor="middle">{}</text>"#,
            LEFT - 66.0,
            panel.top + PANEL_H / 2.0,
            panel.y_label
        );
    }

    // Lines.
    let mut legend: Vec<(String, String, bool, f64)> = Vec::new();
    let pts = &s.points;
    let req = |i: usize| pts[i].coverage.as_ref().map(|c| c.required_share * 100.0);
    let any = |i: usize| pts[i].coverage.as_ref().map(|c| c.any_share * 100.0);
    let spent = |i: usize| {
        pts[i]
            .feasible()
            .then(|| pts[i].spend.school_spent + pts[i].spend.college_spent)
    };
    let allocated = |i: usize| Some(pts[i].spend.school_allocated + pts[i].spend.college_allocated);
    let draw = |out: &mut String,
                ser: &Series,
                panel: &Panel<'_>,
                get: Getter<'_>,
                (color, width): (&str, f64),
                dashed: bool| {
        let py = |y: f64| {
            panel.top + PANEL_H - (y - panel.y_min) / (panel.y_max - panel.y_min) * PANEL_H
        };
        let mut d = String::new();
        let mut pen_down = false;
        for &(x, i) in &ser.points {
            match get(i) {
                Some(y) => {
                    let _ = write!(
                        d,
                        "{}{:.1},{:.1} ",
                        if pen_down { "L" } else { "M" },
                        px(x),
                        py(y)
                    );
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        if !d.is_empty() {
            let dash = if dashed {
                r#" stroke-dasharray="6 4""#
            } else {
                ""
            };
            let _ = writeln!(
                out,
                r#"<path d="{}" fill="none" stroke="{color}" stroke-width="{width:.1}"{dash}/>"#,
                d.trim_end()
            );
        }
        if ser.points.len() <= 60 {
            for &(x, i) in &ser.points {
                if let Some(y) = get(i) {
                    let fill = if dashed { "#ffffff" } else { color };
                    let _ = writeln!(
                        out,
                        r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{fill}" stroke="{color}" stroke-width="1.5"/>"#,
                        px(x),
                        py(y)
                    );
                }
            }
        }
    };
    if single {
        let ser = &series[0];
        draw(&mut out, ser, &panels[0], &req, (PALETTE[0], 2.0), false);
        draw(&mut out, ser, &panels[0], &any, (PALETTE[0], 2.0), true);
        draw(&mut out, ser, &panels[1], &spent, (PALETTE[3], 2.0), false);
        draw(
            &mut out,
            ser,
            &panels[1],
            &allocated,
            ("#7f7f7f", 2.0),
            true,
        );
        legend.push((
            PALETTE[0].into(),
            "必修覆盖 required cells met".into(),
            false,
            2.0,
        ));
        legend.push((
            PALETTE[0].into(),
            "有学时 cells with hours".into(),
            true,
            2.0,
        ));
        legend.push((
            PALETTE[3].into(),
            "支出 spent (school + college)".into(),
            false,
            2.0,
        ));
        legend.push(("#7f7f7f".into(), "经费 allocated".into(), true, 2.0));
    } else {
        // Earlier series are drawn wider, so a line hidden under an equal one still shows.
        let n = series.len() as f64;
        for (j, ser) in series.iter().enumerate() {
            let color = PALETTE[j % PALETTE.len()];
            let width = 2.0 + 3.0 * (n - 1.0 - j as f64) / n;
            draw(&mut out, ser, &panels[0], &req, (color, width), false);
            draw(&mut out, ser, &panels[0], &any, (color, width), true);
            draw(&mut out, ser, &panels[1], &spent, (color, width), false);
            legend.push((color.into(), ser.label.clone(), false, width));
        }
    }
    // Infeasible points: a red × on each panel's x axis.
    let mut any_infeasible = false;
    for (i, p) in pts.iter().enumerate() {
        if p.feasible() {
            continue;
        }
        any_infeasible = true;
        let x = px(s.grid.points[i][xk]);
        for panel in &panels {
            let y = panel.top + PANEL_H;
            let _ = writeln!(
                out,
                r##"<path d="M{:.1},{:.1} L{:.1},{:.1} M{:.1},{:.1} L{:.1},{:.1}" stroke="#d62728" stroke-width="2.5"/>"##,
                x - 5.0,
                y - 5.0,
                x + 5.0,
                y + 5.0,
                x - 5.0,
                y + 5.0,
                x + 5.0,
                y - 5.0
            );
        }
    }

    // Legend.
    let lx = LEFT + plot_w + 34.0;
    let mut ly = TOP1 + 4.0;
    let _ = writeln!(
        out,
        r#"<text x="{lx}" y="{ly}" font-weight="bold">图例 Legend</text>"#
    );
    ly += 22.0;
    if !single {
        for (dx, line) in [
            (0.0, "实线 solid: 必修覆盖 required cells met,"),
            (14.0, "支出 spent (school + college)"),
            (0.0, "虚线 dashed: 有学时 cells with hours"),
        ] {
            let _ = writeln!(
                out,
                r##"<text x="{:.1}" y="{ly}" fill="#444">{line}</text>"##,
                lx + dx
            );
            ly += 18.0;
        }
        ly += 6.0;
    }
    let shown = legend.len().min(14);
    for (color, label, dashed, width) in &legend[..shown] {
        let dash = if *dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = writeln!(
            out,
            r#"<line x1="{lx}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="{width:.1}"{dash}/>"#,
            ly - 4.0,
            lx + 26.0,
            ly - 4.0
        );
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{ly:.1}">{}</text>"#,
            lx + 34.0,
            escape(label, Quotes::Double)
        );
        ly += 20.0;
    }
    if legend.len() > shown {
        let _ = writeln!(
            out,
            r#"<text x="{lx}" y="{ly:.1}">… +{} more 条</text>"#,
            legend.len() - shown
        );
        ly += 20.0;
    }
    if any_infeasible {
        let _ = writeln!(
            out,
            r##"<path d="M{:.1},{:.1} L{:.1},{:.1} M{:.1},{:.1} L{:.1},{:.1}" stroke="#d62728" stroke-width="2.5"/>"##,
            lx + 8.0,
            ly - 9.0,
            lx + 18.0,
            ly + 1.0,
            lx + 8.0,
            ly + 1.0,
            lx + 18.0,
            ly - 9.0
        );
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{ly:.1}">不可行 infeasible</text>"#,
            lx + 34.0
        );
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_nice() {
        let (t, s) = nice_ticks(150_000.0, 400_000.0);
        assert_eq!(s, 50_000.0);
        assert_eq!(t.first().copied(), Some(150_000.0));
        assert_eq!(t.last().copied(), Some(400_000.0));
        let (t, s) = nice_ticks(0.5, 0.7);
        assert!((s - 0.05).abs() < 1e-12, "{s}");
        assert_eq!(t.len(), 5);
        assert_eq!(tick_label(0.55, 0.05), "0.55");
    }
}
