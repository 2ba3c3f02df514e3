//! The sweep as an SVG chart (no scripts): the figures the varied value moves, against it.
//!
//! Decides the picture: up to [`MAX_PANELS`] panels sharing the x axis (the first id with more
//! than one value, labelled in words), one per figure of [`METRICS`] that changes between
//! feasible points, in the order that suits the varied id ([`order`]: for a two-level threshold,
//! joint colleges, clusters, college-level sessions and travel first; for money, coverage,
//! spending, sessions and invited experts first). When fewer than two figures move, the first of
//! that order fill the chart and the subtitle says nothing else changes. Every combination of
//! the other ids' values is one series (one line per value of the second id in a 2-D grid); the
//! spending panel of a single series also shows the money allocated, dashed. Infeasible points
//! break the line and are marked with a red × on the axis. Tick values are “nice” numbers (1, 2,
//! 2.5 or 5 × 10^k).

use std::fmt::Write as _;

use super::{PointResult, Sweep};
use crate::export::escape::{Quotes, escape};
use crate::input::overrides::show;

const LEFT: f64 = 96.0;
const PLOT_W: f64 = 620.0;
const PANEL_H: f64 = 170.0;
/// From one panel's top to the next one's.
const PANEL_STEP: f64 = PANEL_H + 92.0;
const TOP1: f64 = 116.0;
/// Panels drawn at most.
pub const MAX_PANELS: usize = 4;
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

/// One series' y values: `None` where the point is infeasible.
type Getter<'a> = &'a dyn Fn(usize) -> Option<f64>;

/// A figure of a point that a panel can show.
pub struct Metric {
    /// Key (stable, for tests and the HTML page).
    pub key: &'static str,
    /// Chinese title.
    pub zh: &'static str,
    /// English title.
    pub en: &'static str,
    /// Axis unit, bilingual.
    pub unit: &'static str,
    /// Shown as a share (0..1 read as %).
    pub percent: bool,
    /// The value at a point (`None` when infeasible).
    pub get: fn(&PointResult) -> Option<f64>,
}

fn spent(p: &PointResult) -> Option<f64> {
    p.feasible()
        .then_some(p.spend.school_spent + p.spend.college_spent)
}

/// Every figure a panel can show.
pub const METRICS: &[Metric] = &[
    Metric {
        key: "required_coverage",
        zh: "必修覆盖率",
        en: "required group × duty cells met",
        unit: "%",
        percent: true,
        get: |p| p.coverage.as_ref().map(|c| c.required_share),
    },
    Metric {
        key: "spent",
        zh: "经费支出",
        en: "money spent (school + college)",
        unit: "元 yuan",
        percent: false,
        get: spent,
    },
    Metric {
        key: "sessions",
        zh: "活动场次",
        en: "sessions held",
        unit: "场 sessions",
        percent: false,
        get: |p| p.feasible().then(|| p.sessions_total() as f64),
    },
    Metric {
        key: "invited_experts",
        zh: "省级及以上专家场次",
        en: "sessions by provincial or national speakers",
        unit: "场 sessions",
        percent: false,
        get: |p| {
            p.feasible().then(|| {
                ["provincial", "national"]
                    .iter()
                    .map(|k| p.speakers.get(*k).copied().unwrap_or(0) as f64)
                    .sum()
            })
        },
    },
    Metric {
        key: "hours_per_person",
        zh: "人均学时",
        en: "hours per person",
        unit: "学时 hours",
        percent: false,
        get: |p| p.hours_per_person,
    },
    Metric {
        key: "targets",
        zh: "达到学时目标的人数",
        en: "people at their hour targets",
        unit: "人 people",
        percent: false,
        get: |p| p.targets.map(|(met, _)| met as f64),
    },
    Metric {
        key: "execution",
        zh: "经费执行率",
        en: "share of the funds spent",
        unit: "%",
        percent: true,
        get: |p| p.execution,
    },
    Metric {
        key: "joint_colleges",
        zh: "联合培训的学院数",
        en: "colleges training jointly",
        unit: "所 colleges",
        percent: false,
        get: |p| {
            p.feasible()
                .then(|| p.joint.iter().map(|j| j.colleges.len()).sum::<usize>() as f64)
        },
    },
    Metric {
        key: "clusters",
        zh: "联合培训组数",
        en: "joint clusters",
        unit: "组 clusters",
        percent: false,
        get: |p| p.feasible().then_some(p.clusters as f64),
    },
    Metric {
        key: "college_sessions",
        zh: "院级培训场次",
        en: "college-level sessions",
        unit: "场 sessions",
        percent: false,
        get: |p| p.college_sessions.map(|n| n as f64),
    },
    Metric {
        key: "longest_travel",
        zh: "联合组内最长单程",
        en: "longest trip within a joint cluster",
        unit: "分钟 minutes",
        percent: false,
        get: |p| {
            p.feasible().then(|| {
                p.joint
                    .iter()
                    .map(|j| j.longest_minutes)
                    .fold(0.0, f64::max)
            })
        },
    },
    Metric {
        key: "independent_colleges",
        zh: "单独培训的学院数",
        en: "colleges training on their own",
        unit: "所 colleges",
        percent: false,
        get: |p| p.feasible().then_some(p.independent.len() as f64),
    },
    Metric {
        key: "any_coverage",
        zh: "有学时的组 × 职责格",
        en: "group × duty cells with hours",
        unit: "%",
        percent: true,
        get: |p| p.coverage.as_ref().map(|c| c.any_share),
    },
];

/// The metrics in the order that suits varied id `id` (keys of [`METRICS`]).
pub fn order(id: &str) -> &'static [&'static str] {
    if id.starts_with("two_level.") {
        &[
            "joint_colleges",
            "clusters",
            "college_sessions",
            "longest_travel",
            "independent_colleges",
            "sessions",
            "spent",
            "required_coverage",
            "hours_per_person",
            "targets",
            "execution",
            "invited_experts",
            "any_coverage",
        ]
    } else {
        &[
            "required_coverage",
            "spent",
            "sessions",
            "invited_experts",
            "hours_per_person",
            "targets",
            "execution",
            "college_sessions",
            "joint_colleges",
            "clusters",
            "longest_travel",
            "independent_colleges",
            "any_coverage",
        ]
    }
}

fn metric(key: &str) -> &'static Metric {
    METRICS
        .iter()
        .find(|m| m.key == key)
        .expect("a key of METRICS")
}

/// Whether `m` takes more than one value among the feasible points.
fn moves(m: &Metric, points: &[PointResult]) -> bool {
    let vals: Vec<f64> = points.iter().filter_map(|p| (m.get)(p)).collect();
    vals.iter()
        .any(|v| (v - vals[0]).abs() > 1e-9 * vals[0].abs().max(1.0))
}

/// The panels of a sweep's chart: the figures that move, in the varied id's order, at most
/// [`MAX_PANELS`]; padded from the same order to two when fewer move. The flag says whether the
/// panel's figure moves.
pub fn panels(x_id: &str, points: &[PointResult]) -> Vec<(&'static Metric, bool)> {
    let ord = order(x_id);
    let mut out: Vec<(&'static Metric, bool)> = ord
        .iter()
        .map(|k| metric(k))
        .filter(|m| moves(m, points))
        .take(MAX_PANELS)
        .map(|m| (m, true))
        .collect();
    for k in ord {
        if out.len() >= 2 {
            break;
        }
        let m = metric(k);
        if !out.iter().any(|(o, _)| o.key == m.key) {
            out.push((m, false));
        }
    }
    out
}

struct Panel {
    top: f64,
    title: String,
    y_label: &'static str,
    y_min: f64,
    y_max: f64,
    percent: bool,
}

/// Approximate width in pixels of text at 12 px (CJK characters are twice as wide).
fn text_width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 6.8 } else { 12.5 })
        .sum()
}

/// The y range of a panel: from 0 (a share: from a round 10 % below the lowest value shown, so
/// small changes stay visible) to a nice value above the highest.
fn y_range(m: &Metric, points: &[PointResult], allocated: bool) -> (f64, f64) {
    let vals: Vec<f64> = points
        .iter()
        .filter_map(|p| (m.get)(p))
        .chain(
            points
                .iter()
                .filter(|_| allocated)
                .map(|p| p.spend.school_allocated + p.spend.college_allocated),
        )
        .collect();
    if m.percent {
        let lo = vals.iter().copied().fold(1.0, f64::min) * 100.0;
        let hi = vals.iter().copied().fold(0.0, f64::max) * 100.0;
        let lo = ((lo - 5.0) / 10.0).floor().clamp(0.0, 9.0) * 10.0;
        return (
            lo,
            if hi > 100.0 {
                (hi / 10.0).ceil() * 10.0
            } else {
                100.0
            },
        );
    }
    let max = vals.iter().copied().fold(0.0, f64::max);
    let (ticks, step) = nice_ticks(0.0, if max > 0.0 { max * 1.05 } else { 1.0 });
    let top = ticks.last().copied().unwrap_or(1.0);
    (0.0, if top < max { top + step } else { top })
}

/// The chart of a sweep.
pub fn chart(s: &Sweep) -> String {
    let counts: Vec<usize> = s.grid.varies.iter().map(|v| v.count()).collect();
    let xk = counts.iter().position(|&c| c >= 2).unwrap_or(0);
    let x_id = s.grid.varies[xk].id.as_str();
    let x_words = s.names.varied(x_id);
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
            .map(|(m, v)| {
                format!(
                    "{} = {}",
                    s.names.varied_zh(&v.id),
                    show(s.grid.points[base][m])
                )
            })
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
        .map(|v| format!("{} = {}", s.names.varied_zh(&v.id), show(v.from)))
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
    let chosen = panels(x_id, &s.points);
    let moving = chosen.iter().filter(|(_, m)| *m).count();
    // The legend's column is as wide as its longest label.
    let longest = series
        .iter()
        .map(|s| text_width(&s.label))
        .fold(text_width("经费总额 allocated (dashed 虚线)"), f64::max);
    let has_legend = !single
        || chosen.iter().any(|(m, _)| m.key == "spent")
        || s.points.iter().any(|p| !p.feasible());
    let right = if has_legend {
        (longest + 80.0).max(260.0)
    } else {
        40.0
    };
    // the title needs its width too
    let title_w = LEFT
        + 18.0 / 12.0
            * text_width(&format!(
                "假设分析 What-if: {} — 00 个方案 points",
                s.names.scenario
            ))
        + 20.0;
    let w_total = (LEFT + plot_w + right).max(title_w).ceil();
    let h = (TOP1 + chosen.len() as f64 * PANEL_STEP).ceil();

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w_total}" height="{h}" viewBox="0 0 {w_total} {h}" font-family="{FONT}" font-size="12">"#
    );
    let _ = writeln!(
        out,
        r##"<rect width="{w_total}" height="{h}" fill="#ffffff"/>"##
    );
    let title = if s.names.scenario.is_empty() {
        &s.scenario
    } else {
        &s.names.scenario
    };
    let _ = writeln!(
        out,
        r#"<text x="{LEFT}" y="30" font-size="18" font-weight="bold">假设分析 What-if: {} — {} 个方案 points</text>"#,
        escape(title, Quotes::Double),
        s.points.len()
    );
    let still = if moving < chosen.len() {
        "；其余指标不随之变化"
    } else {
        ""
    };
    let still_en = if moving < chosen.len() {
        "; nothing else changes"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        r##"<text x="{LEFT}" y="54" font-size="13" fill="#444">随{}变化的指标{still}</text>"##,
        escape(&s.names.varied_zh(x_id), Quotes::Double)
    );
    let en = if fixed.is_empty() {
        format!(
            "what changes with {}{still_en}",
            escape(&s.names.varied_en(x_id), Quotes::Double)
        )
    } else {
        format!(
            "what changes with {}{still_en}; fixed 固定: {}",
            escape(&s.names.varied_en(x_id), Quotes::Double),
            escape(&fixed, Quotes::Double)
        )
    };
    let _ = writeln!(
        out,
        r##"<text x="{LEFT}" y="72" font-size="13" fill="#444">{en}</text>"##
    );

    let panels: Vec<Panel> = chosen
        .iter()
        .enumerate()
        .map(|(j, (m, moves))| {
            let (y_min, y_max) = y_range(m, &s.points, single && m.key == "spent");
            Panel {
                top: TOP1 + j as f64 * PANEL_STEP,
                title: format!(
                    "{} {}{}",
                    m.zh,
                    m.en,
                    if *moves { "" } else { "（不变 unchanged）" }
                ),
                y_label: m.unit,
                y_min,
                y_max,
                percent: m.percent,
            }
        })
        .collect();
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
            escape(&x_words, Quotes::Double)
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
    let allocated = |i: usize| Some(pts[i].spend.school_allocated + pts[i].spend.college_allocated);
    let draw = |out: &mut String,
                ser: &Series,
                panel: &Panel,
                get: Getter<'_>,
                (color, width): (&str, f64),
                dashed: bool| {
        let scale = if panel.percent { 100.0 } else { 1.0 };
        let py = |y: f64| {
            panel.top + PANEL_H - (y * scale - panel.y_min) / (panel.y_max - panel.y_min) * PANEL_H
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
    // Earlier series are drawn wider, so a line hidden under an equal one still shows.
    let n = series.len() as f64;
    for (j, ser) in series.iter().enumerate() {
        let color = PALETTE[j % PALETTE.len()];
        let width = if single {
            2.0
        } else {
            2.0 + 3.0 * (n - 1.0 - j as f64) / n
        };
        for ((m, _), panel) in chosen.iter().zip(&panels) {
            let get = |i: usize| (m.get)(&pts[i]);
            draw(&mut out, ser, panel, &get, (color, width), false);
            if single && m.key == "spent" {
                draw(&mut out, ser, panel, &allocated, ("#7f7f7f", 2.0), true);
            }
        }
        if !single {
            legend.push((color.into(), ser.label.clone(), false, width));
        }
    }
    if single && chosen.iter().any(|(m, _)| m.key == "spent") {
        legend.push((PALETTE[0].into(), "经费支出 spent".into(), false, 2.0));
        legend.push((
            "#7f7f7f".into(),
            "经费总额 allocated (dashed 虚线)".into(),
            true,
            2.0,
        ));
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
    if legend.is_empty() && !any_infeasible {
        out.push_str("</svg>\n");
        return out;
    }
    let lx = LEFT + plot_w + 34.0;
    let mut ly = TOP1 + 4.0;
    let _ = writeln!(
        out,
        r#"<text x="{lx}" y="{ly}" font-weight="bold">图例 Legend</text>"#
    );
    ly += 22.0;
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

    fn point(clusters: usize, sessions: usize) -> PointResult {
        PointResult {
            status: "optimal".into(),
            objective: Some(1.0),
            clusters,
            sessions: [("college_training".to_string(), sessions)].into(),
            ..PointResult::default()
        }
    }

    #[test]
    fn panels_show_what_moves_in_the_order_of_the_varied_id() {
        let pts = vec![point(1, 10), point(2, 10), point(3, 12)];
        let keys = |x: &str| -> Vec<(&str, bool)> {
            panels(x, &pts).iter().map(|(m, v)| (m.key, *v)).collect()
        };
        // a threshold puts the clusters first; sessions move too
        assert_eq!(
            keys("two_level.independent_min"),
            vec![("clusters", true), ("sessions", true)]
        );
        // money puts sessions before clusters
        assert_eq!(
            keys("funds.total"),
            vec![("sessions", true), ("clusters", true)]
        );
        // nothing moves: the first two of the order, marked unchanged
        let flat = vec![point(1, 10), point(1, 10)];
        let got: Vec<(&str, bool)> = panels("funds.total", &flat)
            .iter()
            .map(|(m, v)| (m.key, *v))
            .collect();
        assert_eq!(got, vec![("required_coverage", false), ("spent", false)]);
        // an infeasible point does not make a figure move
        let mut with_gap = vec![point(1, 10), point(1, 10)];
        with_gap.push(PointResult::default());
        assert!(panels("funds.total", &with_gap).iter().all(|(_, v)| !v));
        // at most MAX_PANELS
        let many: Vec<PointResult> = (0..3)
            .map(|i| {
                let mut p = point(i, 10 + i);
                p.hours_per_person = Some(i as f64);
                p.targets = Some((i, 9));
                p.execution = Some(0.1 * i as f64);
                p
            })
            .collect();
        assert_eq!(panels("funds.total", &many).len(), MAX_PANELS);
    }

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
