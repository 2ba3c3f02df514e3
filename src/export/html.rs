//! The plan as one self-contained HTML page to show leadership (`report.html`).
//!
//! It opens offline in any browser and makes no network request: styles are inline, there is no
//! script, no web font and no image file; the two charts (the coverage heat map and the budget
//! bars) are SVG drawn here. Sections, charts first so the first screen tells the story: the
//! status and objective terms with key figures; the coverage heat map (group × duty, hours per
//! member, cells the rules require outlined green when every member is covered, red when not);
//! the budget per fund (allocated and spent); the semester calendar (weeks × weekdays, every
//! session with time, kind, duty, audience and place); the two levels (independent colleges and joint clusters) and the studios with their members'
//! names; an index of people with each person's sessions and hour targets; soft rules bent.
//!
//! Every piece of text from the data goes through [`esc`], so a name such as `<script>` shows as
//! text. Labels are Chinese by default, English with [`Lang::En`](super::Lang::En).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::{Lang, Names};
use crate::domain::calendar::{Calendar, DayStatus, day_status};
use crate::wire::SessionOut;

/// Escape text for HTML and SVG (element content and quoted attribute values).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The Chinese or the English half of a bilingual reason (`中文 / English`).
fn half<'s>(n: &Names, s: &'s str) -> &'s str {
    match s.split_once(" / ") {
        Some((zh, en)) => n.lang.pick(zh, en).trim(),
        None => s,
    }
}

/// Platform colours: (class suffix, accent, background).
const PLATFORMS: &[(&str, &str, &str)] = &[
    ("meeting", "#b45309", "#fef3c7"),
    ("centralized", "#1d4ed8", "#dbeafe"),
    ("studio", "#6d28d9", "#ede9fe"),
    ("college", "#047857", "#d1fae5"),
    ("camp", "#be123c", "#ffe4e6"),
];

const CSS: &str = r#"
:root{--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--navy:#1f3a5f;--red:#b91c1c;--bg:#f8fafc}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif}
header.hero{background:linear-gradient(120deg,#1f3a5f,#27507f);color:#fff;padding:28px 40px 22px;border-bottom:5px solid var(--red)}
.eyebrow{font-size:13px;letter-spacing:.08em;opacity:.85}
h1{margin:6px 0 4px;font-size:26px;font-weight:700}
.sub{opacity:.9;font-size:14px}
.badge{display:inline-block;margin-top:10px;padding:3px 12px;border-radius:999px;font-size:13px;font-weight:600;background:#dcfce7;color:#166534}
.badge.feasible{background:#fef9c3;color:#854d0e}.badge.infeasible{background:#fee2e2;color:#991b1b}
nav{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:8px 40px;display:flex;gap:18px;flex-wrap:wrap}
nav a{color:var(--navy);text-decoration:none;font-weight:600;font-size:14px}
main{padding:8px 40px 40px;max-width:1600px}
section{margin-top:26px}
h2{font-size:19px;margin:0 0 10px;padding-left:10px;border-left:4px solid var(--red)}
h3{font-size:15px;margin:14px 0 6px}
p.note{color:var(--muted);margin:4px 0 10px;font-size:13px}
.kpis{display:grid;grid-template-columns:repeat(6,minmax(0,1fr));gap:12px}
.kpi{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.kpi .v{font-size:24px;font-weight:700;color:var(--navy)}
.kpi .l{color:var(--muted);font-size:12px}
.two{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 16px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f1f5f9;font-weight:600;font-size:13px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.legend{display:flex;gap:14px;flex-wrap:wrap;font-size:12px;color:var(--muted);margin:6px 0 10px}
.sw{display:inline-block;width:12px;height:12px;border-radius:3px;vertical-align:-2px;margin-right:4px}
table.cal,table.ppl{table-layout:fixed}
table.cal th{text-align:center}
table.cal td{padding:4px;height:46px}
table.cal col.wk{width:6.5%}table.cal col.wd{width:16.3%}table.cal col.we{width:5.5%}
td.wk{background:#f1f5f9;font-weight:600;font-size:12px;text-align:center;vertical-align:middle}
td.wk small{display:block;color:var(--muted);font-weight:400}
.dn{font-size:11px;color:var(--muted)}
.tag{font-size:11px;border-radius:4px;padding:0 4px;margin-left:4px}
td.hol{background:#fff1f2}td.hol .tag{background:#fecdd3;color:#9f1239}
td.exam{background:repeating-linear-gradient(45deg,#f8fafc,#f8fafc 6px,#eef2f7 6px,#eef2f7 12px)}td.exam .tag{background:#e2e8f0;color:#334155}
td.wkend{background:#fafafa}td.out{background:#f1f5f9}
td.mk .tag{background:#dbeafe;color:#1e40af}
.ev{border-left:4px solid;border-radius:5px;padding:3px 6px;margin-top:4px;font-size:11.5px;line-height:1.35;overflow:hidden}
.ev .h{display:flex;justify-content:space-between;font-weight:600}
.ev .h .id{font-weight:400;color:var(--muted)}
.ev .k{font-weight:600}
.ev .a,.ev .v{color:#334155;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.ev .sub{border-top:1px dashed rgba(15,23,42,.15);margin-top:3px;padding-top:2px}
.ev .sub .d{font-weight:600}
.chips{display:flex;flex-wrap:wrap;gap:3px}
.chip{display:inline-block;border-radius:4px;padding:0 5px;font-size:11.5px;text-decoration:none;color:var(--ink);border:1px solid transparent;white-space:nowrap}
.grp{background:#f1f5f9;border-color:var(--line)}
.ok{color:#15803d;font-weight:600}.bad{color:#b91c1c;font-weight:600}
.studios{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:12px}
.studio h3{margin:0 0 4px;font-size:14px}
.studio .no{color:var(--red);font-weight:700;margin-right:4px}
.studio dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:2px 10px;font-size:13px}
.studio dt{color:var(--muted)}
.studio dd{margin:0}
.why{color:var(--muted);font-size:12px;margin-top:6px}
svg{display:block;max-width:100%;height:auto;background:#fff;border:1px solid var(--line);border-radius:10px}
svg text{font-family:inherit}
footer{color:var(--muted);font-size:12px;padding:20px 40px;border-top:1px solid var(--line)}
@media print{nav{display:none}body{background:#fff}section{break-inside:avoid-page}header.hero{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"#;

/// The whole report.
pub fn report(n: &Names) -> String {
    let sc = &n.inputs.scenario;
    let mut o = String::with_capacity(512 * 1024);
    let lang = match n.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"fudao {}\">\n<title>{} — {}</title>\n<style>{CSS}",
        env!("CARGO_PKG_VERSION"),
        esc(&sc.name),
        esc(n.t("学期培训计划", "semester training plan")),
    );
    for (p, accent, bg) in PLATFORMS {
        let _ = write!(
            o,
            ".p-{p}{{border-color:{accent};background:{bg}}}.sw.p-{p}{{background:{accent}}}"
        );
    }
    o.push_str("</style>\n</head>\n<body>\n");
    hero(n, &mut o);
    let _ = write!(
        o,
        "<nav>{}</nav>\n<main>\n",
        [
            ("overview", n.t("概况", "Overview")),
            ("coverage", n.t("职责覆盖", "Coverage")),
            ("budget", n.t("经费", "Budget")),
            ("calendar", n.t("校历日程", "Calendar")),
            ("two-level", n.t("两级培训", "Two levels")),
            ("studios", n.t("辅导员工作室", "Studios")),
            ("people", n.t("人员索引", "People")),
            ("bent", n.t("软约束", "Soft rules")),
        ]
        .iter()
        .map(|(id, l)| format!("<a href=\"#{id}\">{}</a>", esc(l)))
        .collect::<String>()
    );
    overview(n, &mut o);
    coverage(n, &mut o);
    budget(n, &mut o);
    calendar(n, &mut o);
    two_level(n, &mut o);
    studios(n, &mut o);
    people(n, &mut o);
    bent(n, &mut o);
    let _ = write!(
        o,
        "</main>\n<footer>{} · {} <code>{}</code> · {} <code>{}</code></footer>\n</body>\n</html>\n",
        esc(n.t(
            "由 fudao 生成；本页离线可用，不加载任何外部资源",
            "Generated by fudao; this page works offline and loads nothing from elsewhere"
        )),
        esc(n.t("场景", "scenario")),
        esc(&sc.id),
        esc(n.t("规则", "rules")),
        esc(&n.inputs.rules.id),
    );
    o
}

fn hero(n: &Names, o: &mut String) {
    let sc = &n.inputs.scenario;
    let gap = n
        .plan
        .gap
        .map(|g| n.paren(&format!("gap ≤ {g:.2}")))
        .unwrap_or_default();
    let _ = write!(
        o,
        "<header class=\"hero\">\n<div class=\"eyebrow\">{}</div>\n<h1>{}</h1>\n\
         <div class=\"sub\">{} · {} {} {} · {}</div>\n\
         <span class=\"badge {}\">{}{}{}{}</span>\n</header>\n",
        esc(n.t(
            "学工队伍培训学期计划 · 九维五类三体两级一营",
            "Counselor-training semester plan · nine duties, five groups, three platforms, two levels, one camp"
        )),
        esc(&sc.name),
        esc(&sc.semester.name),
        sc.semester.start,
        esc(n.t("至", "to")),
        sc.semester.end,
        esc(&n.inputs.rules.name),
        esc(&n.plan.status),
        esc(n.t("方案状态", "Status")),
        n.colon(),
        esc(&n.status()),
        esc(&gap),
    );
}

/// Hours a person has attended at the given levels.
fn hours_at(n: &Names, person: &str, levels: &[crate::domain::Level]) -> f64 {
    n.sessions_of(person)
        .iter()
        .filter(|s| levels.iter().any(|l| l.as_str() == s.level))
        .map(|s| s.hours)
        .sum()
}

/// The hour targets that apply to a person: (target id, hours needed, hours attended).
fn targets_of(n: &Names, person: &crate::wire::PersonOut) -> Vec<(String, f64, f64)> {
    let r = &n.inputs.rules;
    r.hour_targets
        .iter()
        .filter(|t| person.groups.iter().any(|g| *g == r.groups[t.group].id))
        .map(|t| {
            (
                t.id.clone(),
                r.semester_hours(t),
                hours_at(n, &person.id, &t.levels),
            )
        })
        .collect()
}

fn overview(n: &Names, o: &mut String) {
    let plan = n.plan;
    let attendances: usize = plan.sessions.iter().map(|s| s.attendees.len()).sum();
    let person_hours: f64 = plan
        .sessions
        .iter()
        .map(|s| s.hours * s.attendees.len() as f64)
        .sum();
    let people = plan.people.len().max(1);
    let allocated: f64 = plan.budget.funds.iter().map(|f| f.allocated).sum();
    let spent: f64 = plan.budget.funds.iter().map(|f| f.spent).sum();
    let required = n.required_cells();
    let met = required.iter().filter(|(g, d)| n.cell_met(g, d)).count();
    let with_targets: Vec<_> = plan
        .people
        .iter()
        .map(|p| targets_of(n, p))
        .filter(|t| !t.is_empty())
        .collect();
    let on_target = with_targets
        .iter()
        .filter(|t| t.iter().all(|(_, need, got)| got + 1e-9 >= *need))
        .count();
    let pct = if allocated > 0.0 {
        spent / allocated * 100.0
    } else {
        0.0
    };
    let kpis = [
        (plan.sessions.len().to_string(), n.t("培训场次", "sessions")),
        (attendances.to_string(), n.t("参训人次", "attendances")),
        (
            format!("{:.1}", person_hours / people as f64),
            n.t("人均学时", "hours per person"),
        ),
        (
            format!("{pct:.1}%"),
            n.t("经费执行率（支出/预算）", "budget used (spent/allocated)"),
        ),
        (
            format!("{met}/{}", required.len()),
            n.t("覆盖要求达成（群体×职责）", "required coverage cells met"),
        ),
        (
            format!("{on_target}/{}", with_targets.len()),
            n.t("学时目标达成（人）", "people on their hour targets"),
        ),
    ];
    let _ = write!(
        o,
        "<section id=\"overview\">\n<h2>{}</h2>\n<div class=\"kpis\">",
        esc(n.t("概况", "Overview"))
    );
    for (v, l) in kpis {
        let _ = write!(
            o,
            "<div class=\"kpi\"><div class=\"v\">{}</div><div class=\"l\">{}</div></div>",
            esc(&v),
            esc(l)
        );
    }
    o.push_str("</div>\n<div class=\"two\" style=\"margin-top:14px\">\n");

    // objective terms
    let _ = write!(
        o,
        "<div class=\"card\"><h3>{}</h3><table><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        esc(n.t("目标函数（越大越好）", "Objective (higher is better)")),
        esc(n.t("项", "term")),
        esc(n.t("含义", "meaning")),
        esc(n.t("取值", "value")),
    );
    for (k, v) in &plan.objective.terms {
        let meaning = match k.as_str() {
            "hours" => n.t(
                "参训学时（人·学时，按职责优先级加权）",
                "person-hours of training, weighted by duty priority",
            ),
            "coverage" => n.t("群体×职责覆盖的价值", "value of group × duty cells covered"),
            "cost" => n.t("培训费用（负项）", "cost of the sessions (negative)"),
            "travel" => n.t(
                "跨校区交通时间（负项）",
                "travel between campuses (negative)",
            ),
            "spacing" => n.t(
                "同一周过于集中（负项）",
                "sessions bunched in one week (negative)",
            ),
            _ => "",
        };
        let _ = write!(
            o,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{}</td></tr>",
            esc(k),
            esc(meaning),
            esc(&n.money(*v))
        );
    }
    let _ = writeln!(
        o,
        "<tr><th colspan=\"2\">{}</th><th class=\"num\">{}</th></tr></tbody></table></div>",
        esc(n.t("合计", "total")),
        esc(&n.money(plan.objective.total))
    );

    // sessions by kind
    let mut by_kind: BTreeMap<usize, (String, &str, usize, f64, f64)> = BTreeMap::new();
    for s in &plan.sessions {
        let order = n
            .inputs
            .rules
            .kind(&s.kind)
            .unwrap_or(usize::MAX / 2 + by_kind.len());
        let e = by_kind
            .entry(order)
            .or_insert((n.kind(&s.kind), s.platform.as_str(), 0, 0.0, 0.0));
        e.2 += 1;
        e.3 += s.hours * s.attendees.len() as f64;
        e.4 += s.cost;
    }
    let _ = write!(
        o,
        "<div class=\"card\"><h3>{}</h3><table><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        esc(n.t("各类培训", "Sessions by kind")),
        esc(n.t("类型", "kind")),
        esc(n.t("场次", "sessions")),
        esc(n.t("人·学时", "person-hours")),
        esc(n.t("费用（元）", "cost (yuan)")),
    );
    for (name, platform, count, ph, cost) in by_kind.values() {
        let _ = write!(
            o,
            "<tr><td><span class=\"sw p-{}\"></span>{}</td><td class=\"num\">{count}</td><td class=\"num\">{ph:.0}</td><td class=\"num\">{}</td></tr>",
            esc(platform),
            esc(name),
            esc(&n.money(*cost))
        );
    }
    o.push_str("</tbody></table></div>\n</div>\n</section>\n");
}

fn platform_legend(n: &Names, o: &mut String) {
    o.push_str("<div class=\"legend\">");
    for (p, _, _) in PLATFORMS {
        let _ = write!(
            o,
            "<span><span class=\"sw p-{p}\"></span>{}</span>",
            esc(&n.platform(p))
        );
    }
    o.push_str("</div>\n");
}

/// The full one-line description of a session (tooltips).
fn session_title(n: &Names, s: &SessionOut) -> String {
    format!(
        "{} {} {} · {} · {} · {} · {}",
        s.id,
        s.date,
        n.time_range(s),
        n.kind(&s.kind),
        n.duty(s.duty.as_deref()),
        audience_with_count(n, s),
        n.location(s)
    )
}

/// `全体辅导员（112人）`.
fn audience_with_count(n: &Names, s: &SessionOut) -> String {
    match n.lang {
        Lang::Zh => format!("{}（{}人）", n.audience(s), s.attendees.len()),
        Lang::En => format!("{} ({})", n.audience(s), s.attendees.len()),
    }
}

/// One session as a card: time and id, kind, duty, audience, place.
fn event(n: &Names, s: &SessionOut, o: &mut String) {
    let _ = write!(
        o,
        "<div class=\"ev p-{}\" id=\"{}\" title=\"{}\"><div class=\"h\"><span>{}</span><span class=\"id\">{}</span></div>\
         <div class=\"k\">{}</div><div class=\"d\">{}</div><div class=\"a\">{}{}{}</div><div class=\"v\">{}{}{}</div></div>",
        esc(&s.platform),
        esc(&s.id),
        esc(&session_title(n, s)),
        esc(&n.time_range(s)),
        esc(&s.id),
        esc(&n.kind(&s.kind)),
        esc(&n.duty(s.duty.as_deref())),
        esc(n.t("对象", "for")),
        n.colon(),
        esc(&audience_with_count(n, s)),
        esc(n.t("地点", "at")),
        n.colon(),
        esc(&n.location(s)),
    );
}

/// Studio sessions held at the same time (one per studio, after the monthly meeting) as one card
/// with a line pair per session: duty and audience (the studio), and place.
fn studio_group(n: &Names, group: &[&SessionOut], o: &mut String) {
    let Some(first) = group.first() else {
        return;
    };
    let _ = write!(
        o,
        "<div class=\"ev p-{}\"><div class=\"h\"><span>{}</span><span class=\"id\">{}</span></div><div class=\"k\">{}</div>",
        esc(&first.platform),
        esc(&n.time_range(first)),
        esc(&match n.lang {
            Lang::Zh => format!("{} 场", group.len()),
            Lang::En => format!("{} sessions", group.len()),
        }),
        esc(&n.kind(&first.kind)),
    );
    for s in group {
        let _ = write!(
            o,
            "<div class=\"sub\" id=\"{}\" title=\"{}\"><div class=\"h\"><span class=\"d\">{}</span><span class=\"id\">{}</span></div><div class=\"v\">{} · <span class=\"a\">{}</span></div></div>",
            esc(&s.id),
            esc(&session_title(n, s)),
            esc(&n.duty(s.duty.as_deref())),
            esc(&s.id),
            esc(&n.location(s)),
            esc(&match n.lang {
                Lang::Zh => format!("本工作室 {} 人", s.attendees.len()),
                Lang::En => format!("its {} members", s.attendees.len()),
            }),
        );
    }
    o.push_str("</div>");
}

/// A day's sessions: studio sessions sharing kind and slot are grouped, the rest one card each.
fn day_sessions(n: &Names, sessions: &[&SessionOut], o: &mut String) {
    let mut i = 0;
    while i < sessions.len() {
        let s = sessions[i];
        let mut j = i + 1;
        if s.platform == "studio" {
            while j < sessions.len()
                && sessions[j].platform == "studio"
                && sessions[j].kind == s.kind
                && sessions[j].slots == s.slots
            {
                j += 1;
            }
        }
        if j - i > 1 {
            studio_group(n, &sessions[i..j], o);
        } else {
            event(n, s, o);
        }
        i = j;
    }
}

fn calendar(n: &Names, o: &mut String) {
    let sc = &n.inputs.scenario;
    let cal = Calendar::new(&sc.semester, &n.inputs.rules.calendar);
    let slot_order = |s: &SessionOut| {
        n.inputs
            .rules
            .calendar
            .slots
            .iter()
            .position(|x| x.id == s.slot)
            .unwrap_or(usize::MAX)
    };
    let mut by_day: BTreeMap<NaiveDate, Vec<&SessionOut>> = BTreeMap::new();
    let mut undated = Vec::new();
    for s in &n.plan.sessions {
        match n.date(s) {
            Some(d) => by_day.entry(d).or_default().push(s),
            None => undated.push(s),
        }
    }
    for v in by_day.values_mut() {
        v.sort_by_key(|s| (slot_order(s), s.id.clone()));
    }
    let _ = write!(
        o,
        "<section id=\"calendar\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(n.t("校历日程（周次 × 星期）", "Semester calendar (weeks × weekdays)")),
        esc(n.t(
            "每场培训：时间、编号、类型、职责、对象、地点。颜色表示平台；粉色为法定节假日，斜纹为考试周。",
            "Each session: time, id, kind, duty, audience, place. Colour shows the platform; pink days are public holidays, hatched days exam weeks."
        )),
    );
    platform_legend(n, o);
    let _ = write!(
        o,
        "<table class=\"cal\"><colgroup><col class=\"wk\">{}</colgroup><thead><tr><th>{}</th>",
        "<col class=\"wd\">".repeat(5) + &"<col class=\"we\">".repeat(2),
        esc(n.t("周次", "week"))
    );
    let monday = cal.first_monday;
    for i in 0..7 {
        let d = monday + chrono::Days::new(i);
        let _ = write!(o, "<th>{}</th>", esc(n.weekday(d)));
    }
    o.push_str("</tr></thead><tbody>\n");
    let mut week_start = monday;
    let mut week = 0;
    while week_start <= sc.semester.end {
        let sunday = week_start + chrono::Days::new(6);
        let _ = write!(
            o,
            "<tr><td class=\"wk\">{}<small>{}–{}</small></td>",
            esc(&match n.lang {
                Lang::Zh => format!("第{}周", week + 1),
                Lang::En => format!("Week {}", week + 1),
            }),
            week_start.format("%m/%d"),
            sunday.format("%m/%d"),
        );
        for i in 0..7 {
            let d = week_start + chrono::Days::new(i);
            let status = day_status(&sc.semester, d);
            let (class, tag) = match &status {
                DayStatus::Holiday(h) => ("hol", h.clone()),
                DayStatus::ExamWeek(e) => ("exam", e.clone()),
                DayStatus::MakeupWorkday => ("mk", n.t("调休上班", "make-up workday").to_string()),
                DayStatus::Weekend => ("wkend", String::new()),
                DayStatus::OutsideSemester => ("out", String::new()),
                DayStatus::Workday => ("", String::new()),
            };
            let _ = write!(
                o,
                "<td class=\"{class}\"><span class=\"dn\">{}/{}</span>",
                d.month(),
                d.day()
            );
            if !tag.is_empty() {
                let _ = write!(o, "<span class=\"tag\">{}</span>", esc(&tag));
            }
            day_sessions(n, by_day.get(&d).map_or(&[][..], Vec::as_slice), o);
            o.push_str("</td>");
        }
        o.push_str("</tr>\n");
        week_start = week_start + chrono::Days::new(7);
        week += 1;
    }
    o.push_str("</tbody></table>\n");
    // Sessions outside the grid (dates before the first week or unreadable): listed, never lost.
    let outside: Vec<&SessionOut> = by_day
        .iter()
        .filter(|(d, _)| **d < monday || **d > sc.semester.end + chrono::Days::new(6))
        .flat_map(|(_, v)| v.iter().copied())
        .chain(undated)
        .collect();
    if !outside.is_empty() {
        let _ = write!(
            o,
            "<h3>{}</h3>",
            esc(n.t("学期之外的日程", "Sessions outside the semester"))
        );
        for s in outside {
            event(n, s, o);
        }
    }
    o.push_str("</section>\n");
}

/// Break a label into lines of at most `units` (a CJK character counts two, others one); at most
/// `max_lines` lines, the last one shortened with `…`.
fn wrap(s: &str, units: usize, max_lines: usize) -> Vec<String> {
    let width = |c: char| if c.is_ascii() { 1 } else { 2 };
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut used = 0;
    // words for Latin text, characters for CJK
    let mut tokens: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in s.chars() {
        if c.is_ascii() && c != ' ' {
            word.push(c);
        } else {
            if !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            tokens.push(c.to_string());
        }
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    for t in tokens {
        let w: usize = t.chars().map(width).sum();
        if used + w > units && !cur.is_empty() {
            lines.push(cur.trim().to_string());
            cur = String::new();
            used = 0;
            if t == " " {
                continue;
            }
        }
        cur.push_str(&t);
        used += w;
    }
    if !cur.trim().is_empty() {
        lines.push(cur.trim().to_string());
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

fn coverage(n: &Names, o: &mut String) {
    let r = &n.inputs.rules;
    let required = n.required_cells();
    let hours: BTreeMap<(&str, &str), f64> = n
        .plan
        .coverage
        .iter()
        .map(|c| ((c.group.as_str(), c.duty.as_str()), c.hours))
        .collect();
    let max = hours.values().copied().fold(0.0_f64, f64::max).max(1e-9);
    // room on the left for the longest group name (13 px text: about 13 px per CJK character)
    let text_w = |s: &str| {
        s.chars()
            .map(|c| if c.is_ascii() { 7.5 } else { 13.5 })
            .sum::<f64>()
    };
    let left = r
        .groups
        .iter()
        .map(|g| text_w(n.t(&g.zh, &g.en)))
        .fold(110.0, f64::max)
        + 24.0;
    let (top, cw, ch) = (78.0, 112.0, 50.0);
    let width = left + cw * r.duties.len() as f64 + 20.0;
    let height = top + ch * r.groups.len() as f64 + 56.0;
    let _ = write!(
        o,
        "<section id=\"coverage\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(n.t("职责覆盖热力图（群体 × 职责，人均学时）", "Coverage heat map (group × duty, hours per member)")),
        esc(n.t(
            "颜色越深，人均学时越多。粗框为规则 [[coverage]] 要求覆盖的格子：绿色“达标”表示该群体人人至少参加一次该职责的培训，红色“未达标”表示仍有人未覆盖。",
            "Darker means more hours per member. Outlined cells are required by the rules' [[coverage]]: green “met” when every member of the group attends at least one session on the duty, red “not met” otherwise."
        )),
    );
    let _ = write!(
        o,
        "<svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" role=\"img\" aria-label=\"{}\">",
        esc(n.t("职责覆盖热力图", "coverage heat map"))
    );
    for (j, d) in r.duties.iter().enumerate() {
        let x = left + cw * j as f64 + cw / 2.0;
        let name = n.t(&d.zh, &d.en);
        let lines = wrap(name, if n.lang == Lang::Zh { 12 } else { 17 }, 3);
        let _ = write!(
            o,
            "<text x=\"{x}\" y=\"18\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"700\" fill=\"#b91c1c\">{}</text>",
            d.no
        );
        for (k, l) in lines.iter().enumerate() {
            let _ = write!(
                o,
                "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#0f172a\">{}</text>",
                34 + 14 * k,
                esc(l)
            );
        }
    }
    for (i, g) in r.groups.iter().enumerate() {
        let y = top + ch * i as f64;
        let members = n.members(&g.id).len();
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" font-weight=\"600\" fill=\"#0f172a\">{}</text>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\" fill=\"#64748b\">{}</text>",
            left - 10.0,
            y + ch / 2.0 - 2.0,
            esc(n.t(&g.zh, &g.en)),
            left - 10.0,
            y + ch / 2.0 + 13.0,
            esc(&match n.lang {
                Lang::Zh => format!("{members} 人"),
                Lang::En => format!("{members} people"),
            }),
        );
        for (j, d) in r.duties.iter().enumerate() {
            let x = left + cw * j as f64;
            let h = hours.get(&(g.id.as_str(), d.id.as_str())).copied();
            let t = h.unwrap_or(0.0) / max;
            let fill = if h.unwrap_or(0.0) <= 0.0 {
                "#f1f5f9".to_string()
            } else {
                blend((0xe0, 0xf2, 0xfe), (0x1e, 0x3a, 0x8a), 0.12 + 0.88 * t)
            };
            let ink = if t > 0.5 { "#ffffff" } else { "#0f172a" };
            let req = required.contains(&(g.id.clone(), d.id.clone()));
            let met = req && n.cell_met(&g.id, &d.id);
            let _ = write!(
                o,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"2\"><title>{}</title></rect>",
                x + 1.0,
                y + 1.0,
                cw - 2.0,
                ch - 2.0,
                esc(&format!(
                    "{} × {}: {}",
                    n.t(&g.zh, &g.en),
                    n.t(&d.zh, &d.en),
                    h.map_or("—".to_string(), |h| format!("{h:.2}"))
                )),
            );
            let shown = match h {
                Some(h) if h > 0.0 => format!("{h:.1}"),
                Some(_) => "0".to_string(),
                None => "—".to_string(),
            };
            let label_y = if req {
                y + ch / 2.0 - 1.0
            } else {
                y + ch / 2.0 + 5.0
            };
            let _ = write!(
                o,
                "<text x=\"{}\" y=\"{label_y}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"600\" fill=\"{ink}\">{}</text>",
                x + cw / 2.0,
                esc(&shown)
            );
            if req {
                let (stroke, word) = if met {
                    ("#16a34a", n.t("✓ 达标", "✓ met"))
                } else {
                    ("#dc2626", n.t("✗ 未达标", "✗ not met"))
                };
                let _ = write!(
                    o,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"3\"/>\
                     <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" fill=\"{}\">{}</text>",
                    x + 2.5,
                    y + 2.5,
                    cw - 5.0,
                    ch - 5.0,
                    x + cw / 2.0,
                    y + ch / 2.0 + 14.0,
                    if t > 0.5 { "#ffffff" } else { stroke },
                    esc(word)
                );
            }
        }
    }
    // legend
    let ly = top + ch * r.groups.len() as f64 + 22.0;
    for k in 0..6 {
        let t = k as f64 / 5.0;
        let _ = write!(
            o,
            "<rect x=\"{}\" y=\"{ly}\" width=\"34\" height=\"14\" fill=\"{}\"/>",
            left + 34.0 * k as f64,
            if k == 0 {
                "#f1f5f9".to_string()
            } else {
                blend((0xe0, 0xf2, 0xfe), (0x1e, 0x3a, 0x8a), 0.12 + 0.88 * t)
            }
        );
    }
    let _ = write!(
        o,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#64748b\">0 → {max:.1} {}</text>",
        left + 34.0 * 6.0 + 8.0,
        ly + 11.0,
        esc(n.t("人均学时", "hours per member"))
    );
    o.push_str("</svg>\n</section>\n");
}

/// Linear blend of two colours, `t` in 0..=1.
fn blend(a: (u8, u8, u8), b: (u8, u8, u8), t: f64) -> String {
    let t = t.clamp(0.0, 1.0);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(a.0, b.0),
        mix(a.1, b.1),
        mix(a.2, b.2)
    )
}

fn budget(n: &Names, o: &mut String) {
    let funds = &n.plan.budget.funds;
    let allocated: f64 = funds.iter().map(|f| f.allocated).sum();
    let spent: f64 = funds.iter().map(|f| f.spent).sum();
    let _ = write!(
        o,
        "<section id=\"budget\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(n.t(
            "经费（校院两级专项经费）",
            "Budget (school and college funds)"
        )),
        esc(&match n.lang {
            Lang::Zh => format!(
                "预算合计 {} 元，计划支出 {} 元，结余 {} 元。浅色条为预算，深色条为支出；校级与院级分别按各自比例尺绘制。",
                n.money(allocated),
                n.money(spent),
                n.money(allocated - spent)
            ),
            Lang::En => format!(
                "Allocated {} yuan in total, planned spending {} yuan, {} yuan left. Light bars are allocations, dark bars spending; school and college funds each have their own scale.",
                n.money(allocated),
                n.money(spent),
                n.money(allocated - spent)
            ),
        }),
    );
    let school: Vec<_> = funds.iter().filter(|f| f.level == "school").collect();
    let college: Vec<_> = funds.iter().filter(|f| f.level != "school").collect();
    for (title, list) in [
        (n.t("校级经费", "School fund"), school),
        (
            n.t(
                "院级经费（学院与联合培训组）",
                "College funds (colleges and joint clusters)",
            ),
            college,
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(o, "<h3>{}</h3>", esc(title));
        let (label_w, bar_w, row_h) = (330.0, 620.0, 30.0);
        let width = label_w + bar_w + 250.0;
        let height = row_h * list.len() as f64 + 16.0;
        let scale = list
            .iter()
            .map(|f| f.allocated.max(f.spent))
            .fold(0.0_f64, f64::max)
            .max(1e-9);
        let _ = write!(
            o,
            "<svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" role=\"img\" aria-label=\"{}\">",
            esc(title)
        );
        for (i, f) in list.iter().enumerate() {
            let y = 8.0 + row_h * i as f64;
            let wa = bar_w * f.allocated / scale;
            let ws = bar_w * f.spent / scale;
            let over = f.spent > f.allocated + 0.005;
            let label = wrap(&n.fund(&f.id), 44, 1).join("");
            let used = if f.allocated > 0.0 {
                format!("{:.0}%", f.spent / f.allocated * 100.0)
            } else {
                "—".into()
            };
            let _ = write!(
                o,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\" fill=\"#0f172a\">{}<title>{}</title></text>\
                 <rect x=\"{label_w}\" y=\"{}\" width=\"{wa:.1}\" height=\"18\" rx=\"3\" fill=\"#cbd5e1\"><title>{}</title></rect>\
                 <rect x=\"{label_w}\" y=\"{}\" width=\"{ws:.1}\" height=\"10\" rx=\"2\" fill=\"{}\"><title>{}</title></rect>\
                 <text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#0f172a\">{} / {} {}{}</text>",
                label_w - 10.0,
                y + 14.0,
                esc(&label),
                esc(&n.fund(&f.id)),
                y + 2.0,
                esc(&format!(
                    "{}: {}",
                    n.t("预算", "allocated"),
                    n.money(f.allocated)
                )),
                y + 6.0,
                if over { "#dc2626" } else { "#1e3a8a" },
                esc(&format!("{}: {}", n.t("支出", "spent"), n.money(f.spent))),
                label_w + wa.max(ws) + 8.0,
                y + 14.0,
                esc(&n.money(f.spent)),
                esc(&n.money(f.allocated)),
                esc(n.t("元", "yuan")),
                esc(&n.paren(&used)),
            );
        }
        o.push_str("</svg>\n");
    }
    let _ = write!(
        o,
        "<div class=\"legend\"><span><span class=\"sw\" style=\"background:#cbd5e1\"></span>{}</span><span><span class=\"sw\" style=\"background:#1e3a8a\"></span>{}</span></div>\n</section>\n",
        esc(n.t("预算", "allocated")),
        esc(n.t("支出", "spent"))
    );
}

fn two_level(n: &Names, o: &mut String) {
    let plan = n.plan;
    let _ = write!(
        o,
        "<section id=\"two-level\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(n.t(
            "两级培训：单独培训的学院与联合培训组",
            "Two levels: independent colleges and joint clusters"
        )),
        esc(&match n.lang {
            Lang::Zh => format!(
                "专职辅导员不少于 {} 人的学院单独设计开展院级培训；不足 {} 人的学院联合设计开展培训。",
                n.inputs.rules.two_level.independent_min, n.inputs.rules.two_level.independent_min
            ),
            Lang::En => format!(
                "Colleges with at least {} full-time counselors design and run their own training; smaller colleges train jointly.",
                n.inputs.rules.two_level.independent_min
            ),
        }),
    );
    let _ = write!(
        o,
        "<div class=\"two\"><div class=\"card\"><h3>{}</h3><table><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        esc(n.t("单独培训的学院", "Independent colleges")),
        esc(n.t("学院", "college")),
        esc(n.t("校区", "campus")),
        esc(n.t("专职辅导员", "full-time counselors")),
    );
    for c in plan.colleges.iter().filter(|c| c.mode == "independent") {
        let guests: Vec<String> = plan
            .colleges
            .iter()
            .filter(|g| g.guest_of.as_deref() == Some(c.id.as_str()))
            .map(|g| g.name.clone())
            .collect();
        let extra = if guests.is_empty() {
            String::new()
        } else {
            format!(
                "<br><small>{}{}{}</small>",
                esc(n.t("随训学院", "guests")),
                n.colon(),
                esc(&guests.join(n.t("、", ", ")))
            )
        };
        let _ = write!(
            o,
            "<tr><td>{}{extra}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            esc(&c.name),
            esc(&n.campus(&c.campus)),
            c.full_time_counselors
        );
    }
    let _ = write!(
        o,
        "</tbody></table></div><div class=\"card\"><h3>{}</h3><table><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        esc(n.t("联合培训组", "Joint clusters")),
        esc(n.t("组", "cluster")),
        esc(n.t("学院（专职辅导员数）", "colleges (full-time counselors)")),
        esc(n.t("合计", "total")),
    );
    for cl in &plan.clusters {
        let members: Vec<String> = cl
            .colleges
            .iter()
            .map(|id| {
                let ftc = plan
                    .colleges
                    .iter()
                    .find(|c| &c.id == id)
                    .map_or(0, |c| c.full_time_counselors);
                format!("{}{}", n.college(id), n.paren(&ftc.to_string()))
            })
            .collect();
        let _ = write!(
            o,
            "<tr><td><b>{}</b></td><td>{}<div class=\"why\">{}</div></td><td class=\"num\">{}</td></tr>",
            esc(&cl.id),
            esc(&members.join(n.t("、", ", "))),
            esc(half(n, &cl.reason)),
            cl.full_time_counselors
        );
    }
    if plan.clusters.is_empty() {
        let _ = write!(
            o,
            "<tr><td colspan=\"3\">{}</td></tr>",
            esc(n.t(
                "无（所有学院均单独培训）",
                "none (every college trains on its own)"
            ))
        );
    }
    o.push_str("</tbody></table></div></div>\n</section>\n");
}

fn studios(n: &Names, o: &mut String) {
    let _ = write!(
        o,
        "<section id=\"studios\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n<div class=\"studios\">",
        esc(n.t("辅导员工作室（一职责一工作室）", "Counselor studios (one per duty)")),
        esc(n.t(
            "负责人：从事辅导员工作 10 年以上、副高级以上职称、具备荣誉称号；骨干：3 年以上。",
            "Lead: 10+ years as a counselor, associate-senior title or above, an honorary title; backbone: 3+ years."
        )),
    );
    let who = |id: &str| format!("{}{}", n.person(id), n.paren(&n.person_college(id)));
    for st in &n.plan.studios {
        let no = n
            .duty_no(&st.duty)
            .map(|x| x.to_string())
            .unwrap_or_default();
        let _ = write!(
            o,
            "<div class=\"card studio\"><h3><span class=\"no\">{}</span>{}</h3><dl>",
            esc(&no),
            esc(&n.duty(Some(&st.duty)))
        );
        match &st.lead {
            Some(lead) => {
                let waived = if st.title_waived {
                    format!(
                        " <span class=\"tag\" style=\"background:#fef3c7\">{}</span>",
                        esc(n.t("职称破格", "title waived"))
                    )
                } else {
                    String::new()
                };
                let _ = write!(
                    o,
                    "<dt>{}</dt><dd><b>{}</b>{waived}</dd>",
                    esc(n.t("负责人", "lead")),
                    esc(&who(lead))
                );
                let names = |ids: &[String]| {
                    if ids.is_empty() {
                        "—".to_string()
                    } else {
                        ids.iter()
                            .map(|p| n.person(p))
                            .collect::<Vec<_>>()
                            .join(n.t("、", ", "))
                    }
                };
                let _ = write!(
                    o,
                    "<dt>{}{}</dt><dd>{}</dd><dt>{}{}</dt><dd>{}</dd>",
                    esc(n.t("骨干", "backbone")),
                    esc(&n.paren(&st.backbone.len().to_string())),
                    esc(&names(&st.backbone)),
                    esc(n.t("成员", "members")),
                    esc(&n.paren(&st.members.len().to_string())),
                    esc(&names(&st.members)),
                );
            }
            None => {
                let _ = write!(
                    o,
                    "<dt>{}</dt><dd class=\"bad\">{}</dd>",
                    esc(n.t("负责人", "lead")),
                    esc(n.t("未组建", "unstaffed"))
                );
            }
        }
        let _ = write!(
            o,
            "</dl><div class=\"why\">{}</div></div>",
            esc(half(n, &st.reason))
        );
    }
    o.push_str("</div>\n</section>\n");
}

fn people(n: &Names, o: &mut String) {
    let _ = write!(
        o,
        "<section id=\"people\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(n.t("人员索引", "People")),
        esc(n.t(
            "每人参加的培训（日期 · 平台，点击跳到校历中的该场次）及学时目标完成情况。",
            "Each person's sessions (date · platform; click to jump to the session in the calendar) and hour targets."
        )),
    );
    platform_legend(n, o);
    let _ = writeln!(
        o,
        "<table class=\"ppl\"><colgroup><col style=\"width:8%\"><col style=\"width:10%\"><col style=\"width:9%\"><col style=\"width:4%\"><col style=\"width:4%\"><col style=\"width:7%\"><col></colgroup>\
         <thead><tr><th>{}</th><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(n.t("姓名（工号）", "name (id)")),
        esc(n.t("学院", "college")),
        esc(n.t("类别", "groups")),
        esc(n.t("场次", "sessions")),
        esc(n.t("学时", "hours")),
        esc(n.t("学时目标", "hour targets")),
        esc(n.t("参加的培训", "sessions attended")),
    );
    for p in &n.plan.people {
        let sessions = n.sessions_of(&p.id);
        let hours: f64 = sessions.iter().map(|s| s.hours).sum();
        let groups: String = p
            .groups
            .iter()
            .map(|g| format!("<span class=\"chip grp\">{}</span>", esc(&n.group(g))))
            .collect();
        let targets = targets_of(n, p);
        let target_cell = if targets.is_empty() {
            "—".to_string()
        } else {
            targets
                .iter()
                .map(|(id, need, got)| {
                    let ok = got + 1e-9 >= *need;
                    format!(
                        "<span class=\"{}\" title=\"{}\">{} {got:.0}/{need:.0}</span>",
                        if ok { "ok" } else { "bad" },
                        esc(id),
                        if ok { "✓" } else { "✗" }
                    )
                })
                .collect::<Vec<_>>()
                .join("<br>")
        };
        let chips: String = sessions
            .iter()
            .map(|s| {
                let short = n
                    .date(s)
                    .map_or(s.date.clone(), |d| format!("{}/{}", d.month(), d.day()));
                format!(
                    "<a class=\"chip p-{}\" href=\"#{}\">{} {}</a>",
                    esc(&s.platform),
                    esc(&s.id),
                    esc(&short),
                    esc(&platform_short(n, &s.platform)),
                )
            })
            .collect();
        let _ = writeln!(
            o,
            "<tr id=\"person-{}\"><td><b>{}</b><br><small>{}</small></td><td>{}</td><td><div class=\"chips\">{groups}</div></td><td class=\"num\">{}</td><td class=\"num\">{hours:.0}</td><td>{target_cell}</td><td><div class=\"chips\">{chips}</div></td></tr>",
            esc(&p.id),
            esc(&p.name),
            esc(&p.id),
            esc(&n.person_college(&p.id)),
            sessions.len(),
        );
    }
    o.push_str("</tbody></table>\n</section>\n");
}

/// A platform in one or two characters, for the people index.
fn platform_short(n: &Names, p: &str) -> String {
    let (zh, en) = match p {
        "centralized" => ("集中", "central"),
        "studio" => ("工作室", "studio"),
        "meeting" => ("例会", "meeting"),
        "college" => ("院级", "college"),
        "camp" => ("训练营", "camp"),
        other => (other, other),
    };
    n.t(zh, en).to_string()
}

fn bent(n: &Names, o: &mut String) {
    let _ = write!(
        o,
        "<section id=\"bent\">\n<h2>{}</h2>\n",
        esc(n.t("放宽的软约束", "Soft rules bent"))
    );
    if n.plan.violations.is_empty() {
        let _ = write!(
            o,
            "<p class=\"ok\">{}</p>",
            esc(n.t(
                "无：本方案满足全部规则。",
                "None: the plan keeps every rule."
            ))
        );
    } else {
        let _ = write!(
            o,
            "<table><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(n.t("规则", "rule")),
            esc(n.t("说明", "what happened"))
        );
        for v in &n.plan.violations {
            let _ = write!(
                o,
                "<tr><td><code>{}</code></td><td>{}</td></tr>",
                esc(&v.rule),
                esc(half(n, &v.message))
            );
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn wraps_cjk_and_words() {
        assert_eq!(
            wrap("思想理论教育和价值引领", 12, 3),
            vec!["思想理论教育", "和价值引领"]
        );
        assert_eq!(
            wrap("Campus crisis response", 10, 3),
            vec!["Campus", "crisis", "response"]
        );
        assert_eq!(wrap("一二三四五六七八九十", 4, 2), vec!["一二", "三四…"]);
    }

    #[test]
    fn blends_colours() {
        assert_eq!(blend((0, 0, 0), (255, 255, 255), 0.0), "#000000");
        assert_eq!(blend((0, 0, 0), (255, 255, 255), 1.0), "#ffffff");
    }
}
