//! The sweep as one self-contained HTML page (`--format html`, or `-o sweep.html`): the findings
//! in words, the chart, what each step changes, every point's figures and what binds there, and
//! which colleges train together at each point. Like the plan's report it opens offline, makes
//! no request and runs no script; every text from the data is escaped. Tables scroll sideways on
//! a phone instead of squeezing.

use std::fmt::Write as _;

use super::{Sweep, marginal, svg};
use crate::export::escape::esc;
use crate::input::overrides::show;

const CSS: &str = "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif;margin:0;color:#1f2937;background:#f8fafc}\
main{max-width:1100px;margin:0 auto;padding:16px}\
h1{font-size:1.4rem;margin:.4em 0}h2{font-size:1.1rem;margin:1.4em 0 .5em;border-bottom:2px solid #1d4ed8;padding-bottom:.2em}\
p.sub{color:#4b5563;margin:.2em 0}.en{color:#6b7280;font-size:.9em}\
ul.findings li{margin:.3em 0}\
.chart{background:#fff;border:1px solid #e5e7eb;border-radius:6px}.chart svg{display:block;width:100%;height:auto}\
.scroll{overflow-x:auto}table{border-collapse:collapse;background:#fff;font-size:.9rem;min-width:100%}\
th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eff6ff;white-space:nowrap}\
td.num{text-align:right;white-space:nowrap}tr.bad td{background:#fef2f2}\
@media print{body{background:#fff}.chart,.scroll{overflow:visible}}";

fn num_cell(o: &mut String, v: String) {
    let _ = write!(o, "<td class=\"num\">{}</td>", esc(&v));
}

/// The page.
pub fn page(s: &Sweep) -> String {
    let title = if s.names.scenario.is_empty() {
        s.scenario.clone()
    } else {
        s.names.scenario.clone()
    };
    let mut o = String::with_capacity(64 * 1024);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"fudao {}\">\n<title>假设分析 What-if — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&title)
    );
    let _ = writeln!(o, "<h1>假设分析 What-if：{}</h1>", esc(&title));
    for v in &s.grid.varies {
        let range = if v.count() == 1 {
            show(v.from)
        } else {
            format!(
                "{} … {}，步长 step {}",
                show(v.from),
                show(v.to),
                show(v.step)
            )
        };
        let _ = writeln!(
            o,
            "<p class=\"sub\">{}：{}　<span class=\"en\">{} ({})</span></p>",
            esc(&s.names.varied_zh(&v.id)),
            esc(&range),
            esc(&s.names.varied_en(&v.id)),
            esc(&v.id)
        );
    }
    let _ = writeln!(o, "<p class=\"sub\">{} 个方案 points</p>", s.points.len());

    // Findings.
    let _ = writeln!(o, "<h2>结论 Findings</h2>\n<ul class=\"findings\">");
    for l in &s.lines {
        let _ = writeln!(
            o,
            "<li>{}<br><span class=\"en\">{}</span></li>",
            esc(&l.zh),
            esc(&l.en)
        );
    }
    let _ = writeln!(o, "</ul>");

    // Chart.
    let _ = writeln!(
        o,
        "<h2>图 Chart</h2>\n<div class=\"chart\">\n{}</div>",
        svg::chart(s)
    );

    // Steps.
    let _ = writeln!(
        o,
        "<h2>每步变化 What each step changes</h2>\n<div class=\"scroll\"><table>\n<tr><th>从 from</th><th>到 to</th><th>变化 change</th></tr>"
    );
    for l in &s.lines {
        for st in &l.steps {
            let _ = write!(o, "<tr>");
            num_cell(&mut o, show(st.from));
            num_cell(&mut o, show(st.to));
            let _ = writeln!(
                o,
                "<td>{}<br><span class=\"en\">{}</span></td></tr>",
                esc(&st.zh),
                esc(&st.en)
            );
        }
    }
    let _ = writeln!(o, "</table></div>");

    // Points.
    let _ = write!(
        o,
        "<h2>各方案 Points</h2>\n<div class=\"scroll\"><table>\n<tr>"
    );
    for v in &s.grid.varies {
        let _ = write!(o, "<th>{}</th>", esc(&s.names.varied_zh(&v.id)));
    }
    for h in [
        "状态 status",
        "场次 sessions",
        "省级及以上专家 invited experts",
        "人均学时 hours per person",
        "达标人数 at targets",
        "必修覆盖 required cells",
        "经费支出 spent",
        "执行率 execution",
        "起限制作用的规则 what binds",
    ] {
        let _ = write!(o, "<th>{h}</th>");
    }
    let _ = writeln!(o, "</tr>");
    for p in &s.points {
        let _ = write!(
            o,
            "<tr{}>",
            if p.feasible() { "" } else { " class=\"bad\"" }
        );
        for v in &p.values {
            num_cell(&mut o, show(*v));
        }
        let _ = write!(o, "<td>{}</td>", esc(&p.status));
        if !p.feasible() {
            let why = p
                .explanation
                .as_deref()
                .or(p.reason.as_deref())
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "<td colspan=\"8\">{}</td></tr>",
                esc(why).replace('\n', "<br>")
            );
            continue;
        }
        num_cell(&mut o, p.sessions_total().to_string());
        num_cell(
            &mut o,
            (p.speakers.get("national").copied().unwrap_or(0)
                + p.speakers.get("provincial").copied().unwrap_or(0))
            .to_string(),
        );
        num_cell(
            &mut o,
            p.hours_per_person.map_or("—".into(), |h| format!("{h:.1}")),
        );
        num_cell(
            &mut o,
            p.targets
                .map_or("—".into(), |(m, of)| format!("{m} / {of}")),
        );
        num_cell(
            &mut o,
            p.coverage.as_ref().map_or("—".into(), |c| {
                format!("{} / {}", c.required_met, c.required_cells)
            }),
        );
        num_cell(
            &mut o,
            format!("{:.0}", p.spend.school_spent + p.spend.college_spent),
        );
        num_cell(
            &mut o,
            p.execution
                .map_or("—".into(), |e| format!("{:.1} %", e * 100.0)),
        );
        let binds = marginal::limit_words(p).map_or_else(|| "—".to_string(), |(zh, _)| zh);
        let _ = writeln!(o, "<td>{}</td></tr>", esc(&binds));
    }
    let _ = writeln!(o, "</table></div>");

    // Two levels.
    let _ = write!(
        o,
        "<h2>两级培训 Who trains with whom</h2>\n<div class=\"scroll\"><table>\n<tr>"
    );
    for v in &s.grid.varies {
        let _ = write!(o, "<th>{}</th>", esc(&s.names.varied_zh(&v.id)));
    }
    let _ = writeln!(
        o,
        "<th>单独培训 on their own</th><th>联合培训组 joint clusters (最长单程 longest trip)</th></tr>"
    );
    for p in s.points.iter().filter(|p| p.feasible()) {
        let _ = write!(o, "<tr>");
        for v in &p.values {
            num_cell(&mut o, show(*v));
        }
        let joint = p
            .joint
            .iter()
            .map(|j| {
                esc(&format!(
                    "{}（{} 人，{} 分钟）",
                    j.label(),
                    j.full_time_counselors,
                    show(j.longest_minutes)
                ))
            })
            .collect::<Vec<_>>()
            .join("<br>");
        let _ = writeln!(
            o,
            "<td>{}</td><td>{}</td></tr>",
            esc(&p.independent.join("、")),
            joint
        );
    }
    let _ = writeln!(o, "</table></div>\n</main>\n</body>\n</html>");
    o
}
