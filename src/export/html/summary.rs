//! The one-page summary for leadership (领导审阅摘要), first in the report and printable on one A4
//! page on its own: what the semester holds (sessions by platform, invited speakers by standing
//! with their names, study visits, the camp), who is covered and how much (hour targets met, hours
//! per person by group — min, median, max — and the required coverage), the money (allocated,
//! planned, execution per level), the two-level decision and the studios in one line each, and
//! what the plan could not do and why. Words only: solver terms, rule ids and scores are in the
//! appendix for auditors.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{esc, half, on_targets};
use crate::domain::SpeakerLevel;
use crate::export::{Lang, Names};

/// The platforms in the order the model names them.
const PLATFORM_ORDER: &[&str] = &["centralized", "studio", "meeting", "college", "camp"];

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        k if k % 2 == 1 => v[k / 2],
        k => (v[k / 2 - 1] + v[k / 2]) / 2.0,
    }
}

fn h(x: f64) -> String {
    if (x - x.round()).abs() < 0.05 {
        format!("{:.0}", x.round())
    } else {
        format!("{x:.1}")
    }
}

pub(super) fn summary(n: &Names, o: &mut String) {
    let plan = n.plan;
    let sc = &n.inputs.scenario;
    let r = &n.inputs.rules;
    let sep = n.t("；", "; ");
    let list = n.t("、", ", ");
    let _ = write!(
        o,
        "<section id=\"summary\" class=\"summary\">\n<h2>{}</h2>\n",
        esc(n.t("一页摘要（供领导审阅）", "One-page summary for leadership")),
    );

    // 1. what the semester holds
    let mut by_platform: BTreeMap<usize, (String, usize, f64)> = BTreeMap::new();
    for s in &plan.sessions {
        let k = PLATFORM_ORDER
            .iter()
            .position(|p| *p == s.platform)
            .unwrap_or(PLATFORM_ORDER.len());
        let e = by_platform
            .entry(k)
            .or_insert((n.platform(&s.platform), 0, 0.0));
        e.1 += 1;
        e.2 += s.hours * s.attendees.len() as f64;
    }
    let platforms: Vec<String> = by_platform
        .values()
        .map(|(name, k, ph)| match n.lang {
            Lang::Zh => format!("{name} {k} 场（{} 人·学时）", h(*ph)),
            Lang::En => format!("{name} {k} ({} person-hours)", h(*ph)),
        })
        .collect();
    let _ = write!(
        o,
        "<h3>{}</h3>\n<ul>\n<li><b>{}</b>{}</li>\n",
        esc(n.t("本学期安排", "What the semester holds")),
        esc(&match n.lang {
            Lang::Zh => format!("共 {} 场培训：", plan.sessions.len()),
            Lang::En => format!("{} sessions: ", plan.sessions.len()),
        }),
        esc(&platforms.join(sep)),
    );
    // invited speakers by standing, highest first
    let mut speakers: BTreeMap<(u8, &str), (String, usize)> = BTreeMap::new();
    for s in &plan.sessions {
        let Some(id) = s.speaker.as_deref() else {
            continue;
        };
        if let Some(x) = sc.speakers.iter().find(|x| x.id == id) {
            let rank = match x.level {
                SpeakerLevel::National => 0,
                SpeakerLevel::Provincial => 1,
                SpeakerLevel::Internal => 2,
            };
            speakers
                .entry((rank, x.id.as_str()))
                .or_insert_with(|| (n.speaker_standing(x), 0))
                .1 += 1;
        }
    }
    let mut levels: BTreeMap<u8, Vec<String>> = BTreeMap::new();
    for ((rank, _), (who, k)) in &speakers {
        levels.entry(*rank).or_default().push(if *k > 1 {
            match n.lang {
                Lang::Zh => format!("{who}（{k} 场）"),
                Lang::En => format!("{who} ({k} sessions)"),
            }
        } else {
            who.clone()
        });
    }
    if !speakers.is_empty() {
        let word = |rank: u8| match rank {
            0 => n.t("国家级", "national"),
            1 => n.t("省级", "provincial"),
            _ => n.t("校内", "internal"),
        };
        let parts: Vec<String> = levels
            .iter()
            .map(|(rank, who)| {
                format!(
                    "{} {}{}{}",
                    word(*rank),
                    who.len(),
                    n.t(" 位：", ": "),
                    who.join(list)
                )
            })
            .collect();
        let _ = writeln!(
            o,
            "<li><b>{}</b>{}</li>",
            esc(n.t("请进来（主讲）：", "Invited speakers: ")),
            esc(&parts.join(sep))
        );
    }
    let visits: Vec<String> = plan
        .sessions
        .iter()
        .filter_map(|s| {
            let id = s.speaker.as_deref()?;
            let v = sc.visits.iter().find(|x| x.id == id)?;
            Some(match n.lang {
                Lang::Zh => format!(
                    "{} {}（{}，{} 人）",
                    s.date,
                    v.name,
                    v.city,
                    s.attendees.len()
                ),
                Lang::En => format!(
                    "{} {} ({}, {} people)",
                    s.date,
                    v.name,
                    v.city,
                    s.attendees.len()
                ),
            })
        })
        .collect();
    if !visits.is_empty() {
        let _ = writeln!(
            o,
            "<li><b>{}</b>{}</li>",
            esc(n.t("走出去（考察学习）：", "Study visits: ")),
            esc(&visits.join(sep))
        );
    }
    let camps: Vec<String> = plan
        .sessions
        .iter()
        .filter(|s| s.platform == "camp")
        .map(|s| {
            let segs = if s.segments.is_empty() {
                String::new()
            } else {
                n.paren(&s.segments.join(list))
            };
            match n.lang {
                Lang::Zh => format!(
                    "{} {}，{} 人参加{segs}",
                    s.date,
                    n.kind(&s.kind),
                    s.attendees.len()
                ),
                Lang::En => format!(
                    "{} {}, {} people{segs}",
                    s.date,
                    n.kind(&s.kind),
                    s.attendees.len()
                ),
            }
        })
        .collect();
    if !camps.is_empty() {
        let _ = writeln!(
            o,
            "<li><b>{}</b>{}</li>",
            esc(n.t("一营（检验成效）：", "The camp: ")),
            esc(&camps.join(sep))
        );
    }
    o.push_str("</ul>\n");

    // 2. who is covered, how much
    let (on_target, with_targets) = on_targets(n);
    let required = n.required_cells();
    let met = required.iter().filter(|(g, d)| n.cell_met(g, d)).count();
    let _ = write!(
        o,
        "<h3>{}</h3>\n<p>{}</p>\n",
        esc(n.t("覆盖与学时", "Coverage and hours")),
        esc(&match n.lang {
            Lang::Zh => format!(
                "{} 人参训；{on_target}/{} 人达到学时目标；规则要求覆盖的 {} 个“群体 × 职责”中 {met} 个做到人人覆盖。",
                plan.people.len(),
                with_targets,
                required.len()
            ),
            Lang::En => format!(
                "{} people trained; {on_target} of {} on their hour targets; {met} of the {} required group × duty cells reach every member.",
                plan.people.len(),
                with_targets,
                required.len()
            ),
        })
    );
    let _ = write!(
        o,
        "<table class=\"compact\"><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        esc(n.t("群体", "group")),
        esc(n.t("人数", "people")),
        esc(n.t("最少学时", "min h")),
        esc(n.t("中位学时", "median h")),
        esc(n.t("最多学时", "max h")),
    );
    for g in &r.groups {
        let mut hours: Vec<f64> = plan
            .people
            .iter()
            .filter(|p| p.groups.contains(&g.id))
            .map(|p| n.sessions_of(&p.id).iter().map(|s| s.hours).sum())
            .collect();
        if hours.is_empty() {
            continue;
        }
        let k = hours.len();
        let med = median(&mut hours);
        let _ = write!(
            o,
            "<tr><td>{}</td><td class=\"num\">{k}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(n.t(&g.zh, &g.en)),
            h(hours[0]),
            h(med),
            h(hours[k - 1]),
        );
    }
    o.push_str("</tbody></table>\n");

    // 3. the money
    let mut by_level: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for f in &plan.budget.funds {
        let e = by_level.entry(f.level.as_str()).or_default();
        e.0 += f.allocated;
        e.1 += f.spent;
    }
    let (all_a, all_s) = by_level
        .values()
        .fold((0.0, 0.0), |(a, s), (x, y)| (a + x, s + y));
    let rate = |a: f64, s: f64| if a > 0.0 { s / a * 100.0 } else { 0.0 };
    let mut money: Vec<String> = vec![match n.lang {
        Lang::Zh => format!(
            "预算 {} 元，计划支出 {} 元，执行率 {:.1}%",
            n.money(all_a),
            n.money(all_s),
            rate(all_a, all_s)
        ),
        Lang::En => format!(
            "allocated {} yuan, planned {} yuan, {:.1} % executed",
            n.money(all_a),
            n.money(all_s),
            rate(all_a, all_s)
        ),
    }];
    for lv in ["school", "college"] {
        if let Some((a, s)) = by_level.get(lv) {
            money.push(match n.lang {
                Lang::Zh => format!(
                    "{} {} / {} 元（{:.1}%）",
                    n.level(lv),
                    n.money(*s),
                    n.money(*a),
                    rate(*a, *s)
                ),
                Lang::En => format!(
                    "{} {} of {} yuan ({:.1} %)",
                    n.level(lv),
                    n.money(*s),
                    n.money(*a),
                    rate(*a, *s)
                ),
            });
        }
    }
    if let Some(t) = r.budget.execution_target {
        let low: Vec<String> = plan
            .budget
            .funds
            .iter()
            .filter(|f| f.allocated > 0.0 && f.spent / f.allocated + 1e-9 < t)
            .map(|f| format!("{} {:.0}%", n.fund(&f.id), rate(f.allocated, f.spent)))
            .collect();
        if !low.is_empty() {
            money.push(match n.lang {
                Lang::Zh => format!("低于 {:.0}% 执行目标：{}", t * 100.0, low.join(list)),
                Lang::En => format!("below the {:.0} % target: {}", t * 100.0, low.join(list)),
            });
        }
    }
    let _ = write!(
        o,
        "<h3>{}</h3>\n<p>{}</p>\n",
        esc(n.t("经费", "Money")),
        esc(&money.join(sep))
    );

    // 4. the two levels and the studios, one line each
    let independent: Vec<&str> = plan
        .colleges
        .iter()
        .filter(|c| c.mode == "independent")
        .map(|c| c.name.as_str())
        .collect();
    let clusters: Vec<String> = plan
        .clusters
        .iter()
        .map(|cl| {
            let m: Vec<String> = cl.colleges.iter().map(|c| n.college(c)).collect();
            m.join(list)
        })
        .collect();
    let two = match n.lang {
        Lang::Zh => format!(
            "{} 个学院单独开展院级培训（{}）；其余学院组成 {} 个联合培训组：{}。",
            independent.len(),
            independent.join(list),
            clusters.len(),
            clusters
                .iter()
                .map(|c| format!("（{c}）"))
                .collect::<Vec<_>>()
                .join("")
        ),
        Lang::En => format!(
            "{} colleges train on their own ({}); the others form {} joint clusters: {}.",
            independent.len(),
            independent.join(list),
            clusters.len(),
            clusters
                .iter()
                .map(|c| format!("({c})"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    };
    let studios: Vec<String> = plan
        .studios
        .iter()
        .map(|st| {
            let duty = n.duty(Some(&st.duty));
            match (&st.lead, n.lang) {
                (Some(l), Lang::Zh) => format!(
                    "{duty}（负责人 {}，{} 人）",
                    n.person(l),
                    1 + st.backbone.len() + st.members.len()
                ),
                (Some(l), Lang::En) => format!(
                    "{duty} (lead {}, {} people)",
                    n.person(l),
                    1 + st.backbone.len() + st.members.len()
                ),
                (None, Lang::Zh) => format!("{duty}（暂无合格负责人）"),
                (None, Lang::En) => format!("{duty} (no qualified lead)"),
            }
        })
        .collect();
    let _ = write!(
        o,
        "<h3>{}</h3>\n<p><b>{}</b>{}</p>\n<p><b>{}</b>{}</p>\n",
        esc(n.t("两级培训与工作室", "Two levels and studios")),
        esc(n.t("两级：", "Two levels: ")),
        esc(&two),
        esc(&match n.lang {
            Lang::Zh => format!("工作室 {} 个：", studios.len()),
            Lang::En => format!("{} studios: ", studios.len()),
        }),
        esc(&studios.join(sep)),
    );

    // 5. what the plan could not do, and why
    let mut cannot: Vec<String> = Vec::new();
    for v in &plan.violations {
        let skip = v.rule == "budget.execution_target" // said with the money
            || (v.rule == "plan.placement" && v.message.contains("LP")) // an auditor's note
            || v.rule == "plan.time_limit";
        if !skip {
            cannot.push(half(n, &v.message).to_string());
        }
    }
    for l in &plan.limits {
        let (uz, ue) = l.unit();
        let what = match l.rule.as_str() {
            "budget.funds" => n.t("经费总额", "the fund"),
            "groups.max_hours_per_semester" => n.t(
                "每人每学期学时上限",
                "the hours cap per person and semester",
            ),
            "calendar.max_sessions_per_speaker" => {
                n.t("每位主讲人场次上限", "sessions per speaker")
            }
            _ => n.t("一条规则", "a rule"),
        };
        cannot.push(match n.lang {
            Lang::Zh => format!(
                "受{what}限制（{}），另有 {} 场值得安排的培训未能排入，如“{}”；放宽约 {}{uz}即可多排",
                half(n, &l.what),
                l.blocked,
                l.best,
                h(l.needs)
            ),
            Lang::En => format!(
                "{what} ({}) keeps {} worthwhile sessions out, e.g. “{}”; about {} {ue} more would let them in",
                half(n, &l.what),
                l.blocked,
                l.best,
                h(l.needs)
            ),
        });
    }
    let _ = writeln!(
        o,
        "<h3>{}</h3>",
        esc(n.t("未能做到的及原因", "What the plan could not do, and why"))
    );
    if cannot.is_empty() {
        let _ = writeln!(
            o,
            "<p class=\"ok\">{}</p>",
            esc(n.t(
                "无：全部要求均已满足。",
                "Nothing: every requirement is met."
            ))
        );
    } else {
        o.push_str("<ul>\n");
        for c in &cannot {
            let _ = writeln!(o, "<li>{}</li>", esc(c));
        }
        o.push_str("</ul>\n");
    }
    let _ = writeln!(
        o,
        "<p class=\"note\">{}</p>\n</section>",
        esc(n.t(
            "求解细节（目标函数各项、规则编号、评分）见文末“附录：供审计核对”。",
            "Solver details (objective terms, rule ids, scores) are in the appendix for auditors at the end."
        ))
    );
}
