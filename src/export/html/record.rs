//! The record and the camp (“一营”): what the programme's record brought into this plan — the
//! last camp's results as a group × duty table (mean percent per cell, coloured by the rules'
//! score bands), the weakest duties and segments, the camp's recommendations (以赛促建 and studio
//! backbone), each person's needs with their reasons, the yearly hours done earlier in the
//! academic year, and who is due for national or provincial training.
//!
//! Personal scores appear only when the plan was made with them (`records.scores`); with
//! `--no-scores` the section keeps group means (aggregates) and names without scores.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{esc, half, hours_at};
use crate::export::Names;

/// Background and ink for a score band (lowest band first).
fn band_colour(band: usize, bands: usize) -> (&'static str, &'static str) {
    const LOW: (&str, &str) = ("#fee2e2", "#991b1b");
    const MID: (&str, &str) = ("#fef9c3", "#854d0e");
    const TOP: (&str, &str) = ("#dcfce7", "#166534");
    if bands <= 1 || band + 1 == bands {
        TOP
    } else if band == 0 {
        LOW
    } else {
        MID
    }
}

fn pct(x: f64) -> String {
    format!("{x:.0}%")
}

pub(super) fn record(n: &Names, o: &mut String) {
    let Some(rec) = n.plan.records.as_ref() else {
        return;
    };
    let r = &n.inputs.rules;
    let h = &n.inputs.history;
    let _ = write!(
        o,
        "<section id=\"record\">\n<h2>{}</h2>\n",
        esc(n.t("培训记录与训练营", "Record and camp")),
    );
    let read = match (&rec.file, h.semesters.is_empty()) {
        (None, _) => n
            .t(
                "尚无培训记录：本计划只按花名册排定。学期结束后用 fudao record 导入计划、签到表和训练营成绩，下学期的计划会据此计入已完成学时和训练营反映的薄弱职责。",
                "No record yet: this plan is made from the roster alone. After the semester, import the plan, the sign-in sheets and the camp results with fudao record; the next plan then counts the hours done and the duties the camp found weak.",
            )
            .to_string(),
        (Some(f), true) => format!(
            "{}{}",
            n.t("培训记录 ", "Record "),
            esc(f)
        ) + n.t("：尚无本学期之前的学期。", ": no semester before this one yet."),
        (Some(f), false) => {
            let names: Vec<String> = h
                .semesters
                .iter()
                .map(|s| {
                    let (a, b) = s.signed;
                    format!(
                        "{}（{}{}/{}{}）",
                        s.name,
                        n.t("签到 ", "signed in "),
                        a,
                        b,
                        if s.camp { n.t("，含训练营成绩", ", with camp results") } else { "" }
                    )
                })
                .collect();
            format!(
                "{}{}{}{}",
                n.t("本计划读取培训记录 ", "This plan read the record "),
                esc(f),
                n.t("：", ": "),
                esc(&names.join(n.t("；", "; ")))
            )
        }
    };
    let _ = writeln!(o, "<p class=\"note\">{read}</p>");
    if !rec.scores {
        let _ = writeln!(
            o,
            "<p class=\"note\">{}</p>",
            esc(n.t(
                "本报告以 --no-scores 生成：不含个人成绩，只列群体平均和姓名。",
                "Made with --no-scores: no personal scores, only group means and names."
            ))
        );
    }
    if let (Some(camp), Some(rr)) = (h.camp.as_ref(), r.records.as_ref()) {
        let sem = &h.semesters[camp.semester];
        let _ = writeln!(
            o,
            "<h3>{}{}</h3>",
            esc(&sem.name),
            esc(n.t(
                " 训练营结果（群体 × 职责，平均得分率）",
                " camp results (group × duty, mean percent)"
            ))
        );
        // the duties tested, in rule order
        let mut duties: Vec<usize> = camp.cells.iter().map(|c| c.1).collect();
        duties.sort_unstable();
        duties.dedup();
        let mut groups: Vec<usize> = camp.cells.iter().map(|c| c.0).collect();
        groups.sort_unstable();
        groups.dedup();
        let cell: BTreeMap<(usize, usize), (u32, f64, u32)> = camp
            .cells
            .iter()
            .map(|&(g, d, k, m, w)| ((g, d), (k, m, w)))
            .collect();
        o.push_str("<div class=\"scroll\"><table class=\"camp\"><thead><tr><th></th>");
        for &d in &duties {
            let _ = write!(o, "<th>{}</th>", esc(n.t(&r.duties[d].zh, &r.duties[d].en)));
        }
        o.push_str("</tr></thead><tbody>\n");
        for &g in &groups {
            let _ = write!(
                o,
                "<tr><th>{}</th>",
                esc(n.t(&r.groups[g].zh, &r.groups[g].en))
            );
            for &d in &duties {
                match cell.get(&(g, d)) {
                    Some(&(k, m, w)) => {
                        let band = rr.level_of(m);
                        let (bg, ink) = band_colour(band, rr.levels.len());
                        let l = &rr.levels[band];
                        let _ = write!(
                            o,
                            "<td class=\"num\" style=\"background:{bg};color:{ink}\"><b>{}</b> {}<br><small>{}{k}{}{w}</small></td>",
                            pct(m),
                            esc(n.t(&l.zh, &l.en)),
                            esc(n.t("测 ", "tested ")),
                            esc(n.t(" · 弱 ", " · weak ")),
                        );
                    }
                    None => o.push_str("<td class=\"num\">—</td>"),
                }
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody></table></div>\n");
        let bands: Vec<String> = rr
            .levels
            .iter()
            .map(|l| match l.below {
                Some(b) => format!("{} &lt; {b:.0}%", esc(n.t(&l.zh, &l.en))),
                None => esc(n.t(&l.zh, &l.en)),
            })
            .collect();
        let _ = writeln!(
            o,
            "<p class=\"note\">{}{}{}</p>",
            esc(n.t("档次：", "Bands: ")),
            bands.join(n.t("；", "; ")),
            esc(n.t(
                "。“测”为参加测评人数，“弱”为该职责处于最低档的人数。",
                ". “tested”: members tested; “weak”: of them, in the lowest band."
            ))
        );
        let weakest: Vec<String> = camp
            .duties
            .iter()
            .take(3)
            .map(|&(d, m)| format!("{} {}", n.t(&r.duties[d].zh, &r.duties[d].en), pct(m)))
            .collect();
        let segs: Vec<String> = camp
            .segments
            .iter()
            .map(|(s, m)| format!("{s} {}", pct(*m)))
            .collect();
        let _ = writeln!(
            o,
            "<ul><li>{}{}</li><li>{}{}</li>",
            esc(n.t("最弱的职责：", "Weakest duties: ")),
            esc(&weakest.join(n.t("；", "; "))),
            esc(n.t("各环节平均：", "Segments: ")),
            esc(&segs.join(n.t("；", "; "))),
        );
        let name = |i: usize| {
            let p = &camp.people[i];
            if rec.scores {
                format!("{}（{}）", p.name, pct(p.mean))
            } else {
                p.name.clone()
            }
        };
        if !camp.competition.is_empty() {
            let c: Vec<String> = camp.competition.iter().map(|&i| name(i)).collect();
            let _ = writeln!(
                o,
                "<li>{}{}</li>",
                esc(n.t(
                    "推荐参加省级辅导员素质能力大赛（以赛促建）：",
                    "Recommended for the provincial competition: "
                )),
                esc(&c.join("、"))
            );
        }
        if !camp.backbone.is_empty() {
            // per duty, in rule order: 职责：甲、乙
            let mut by_duty: BTreeMap<usize, Vec<String>> = BTreeMap::new();
            for &(d, i) in &camp.backbone {
                by_duty.entry(d).or_default().push(name(i));
            }
            let b: Vec<String> = by_duty
                .iter()
                .map(|(&d, who)| {
                    format!(
                        "{}：{}",
                        n.t(&r.duties[d].zh, &r.duties[d].en),
                        who.join("、")
                    )
                })
                .collect();
            let _ = writeln!(
                o,
                "<li>{}{}</li>",
                esc(n.t(
                    "推荐为工作室骨干（储备骨干力量）：",
                    "Recommended as studio backbone: "
                )),
                esc(&b.join(n.t("；", "; ")))
            );
        }
        o.push_str("</ul>\n");
    }
    if !rec.needs.is_empty() {
        // hours this semester on the needed duty
        let _ = writeln!(
            o,
            "<h3>{}</h3>\n<p class=\"note\">{}</p>",
            esc(n.t("训练营反映的薄弱职责（本学期加强）", "Duties the camp found weak (trained more this semester)")),
            esc(n.t(
                "这些人在该职责上每学时按权重多计，计划因此优先安排其参加该职责的培训。",
                "An hour on the duty counts the weight times more for these people, so the plan seats them in sessions on it first."
            ))
        );
        o.push_str("<div class=\"scroll\"><table><thead><tr>");
        for h in [
            n.t("姓名", "name"),
            n.t("学院", "college"),
            n.t("职责", "duty"),
            n.t("权重", "weight"),
            n.t("本学期该职责学时", "hours on it this semester"),
            n.t("原因", "why"),
        ] {
            let _ = write!(o, "<th>{}</th>", esc(h));
        }
        o.push_str("</tr></thead><tbody>\n");
        for need in &rec.needs {
            let got: f64 = n
                .sessions_of(&need.person)
                .iter()
                .filter(|s| s.duty.as_deref() == Some(need.duty.as_str()))
                .map(|s| s.hours)
                .sum();
            let college = n.person_college(&need.person);
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">×{}</td><td class=\"num {}\">{got:.0}</td><td>{}</td></tr>",
                esc(&n.person(&need.person)),
                esc(&college),
                esc(&n.duty(Some(&need.duty))),
                need.weight,
                if got > 0.0 { "ok" } else { "bad" },
                esc(half(n, &need.reason)),
            );
        }
        o.push_str("</tbody></table></div>\n");
    }
    if !rec.targets.is_empty() {
        let _ = writeln!(
            o,
            "<h3>{}</h3>\n<p class=\"note\">{}</p>",
            esc(n.t("学年学时：本学年之前学期已完成", "Yearly hours done earlier this academic year")),
            esc(n.t(
                "按学年计的学时目标扣除本学年之前学期已完成的学时；未导入签到表的学期按计划计。",
                "Yearly targets less the hours earlier semesters of the academic year delivered; a semester without sign-in sheets counts as planned."
            ))
        );
        let mut done = 0.0;
        let mut planned_only = 0.0;
        let mut met_before = 0usize;
        for t in &rec.targets {
            done += t.done;
            planned_only += t.planned_only;
            if t.hours <= 1e-9 {
                met_before += 1;
            }
        }
        let _ = writeln!(
            o,
            "<p>{}</p>",
            esc(&match n.lang {
                crate::export::Lang::Zh => format!(
                    "{} 人次的学年目标计入了已完成学时，共 {done:.0} 学时（其中仅按计划 {planned_only:.0} 学时）；{met_before} 人次本学年已完成，本学期不再要求。",
                    rec.targets.len()
                ),
                crate::export::Lang::En => format!(
                    "{} yearly targets count hours already done, {done:.0} h in all ({planned_only:.0} h as planned only); {met_before} are met for the year and ask nothing this semester.",
                    rec.targets.len()
                ),
            })
        );
    }
    history_table(n, o);
    if !rec.external_due.is_empty() {
        let _ = writeln!(
            o,
            "<h3>{}（{}）</h3>\n<ul class=\"cols\">",
            esc(n.t(
                "应安排省级以上培训",
                "Due for national or provincial training"
            )),
            rec.external_due.len()
        );
        for d in &rec.external_due {
            let _ = writeln!(
                o,
                "<li>{}：{}</li>",
                esc(&n.person(&d.person)),
                esc(half(n, &d.reason))
            );
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n");
}

/// 个人培训档案 and the year view: per person on the staff, their hours in every recorded
/// semester (school · college, sessions missed), each yearly target with the hours done earlier
/// in the academic year, the hours this semester must give and the hours it plans, and (with
/// scores) the last camp's mean percent. Folded (`<details>`): it is long.
fn history_table(n: &Names, o: &mut String) {
    let Some(rec) = n.plan.records.as_ref() else {
        return;
    };
    let h = &n.inputs.history;
    if h.semesters.is_empty() {
        return;
    }
    let r = &n.inputs.rules;
    let camp_mean: BTreeMap<&str, f64> = h
        .camp
        .as_ref()
        .filter(|_| rec.scores)
        .map(|c| c.people.iter().map(|p| (p.id.as_str(), p.mean)).collect())
        .unwrap_or_default();
    let _ = write!(
        o,
        "<details><summary><b>{}</b>（{}）</summary>\n<div class=\"scroll\"><table><thead><tr><th>{}</th><th>{}</th>",
        esc(n.t(
            "个人培训档案与学年学时",
            "Personal record and the year's hours"
        )),
        esc(n.t(
            "每人各学期学时、本学年学时目标完成情况",
            "hours per semester, yearly targets"
        )),
        esc(n.t("姓名", "name")),
        esc(n.t("学院", "college")),
    );
    for s in &h.semesters {
        let _ = write!(
            o,
            "<th class=\"num\">{}<br><small>{}</small></th>",
            esc(&s.name),
            esc(n.t("校级 · 院级 h（缺席）", "school · college h (missed)"))
        );
    }
    let _ = write!(
        o,
        "<th>{}<br><small>{}</small></th>",
        esc(n.t("学年学时目标", "yearly targets")),
        esc(n.t(
            "已完成 → 本学期应完成 / 本学期计划",
            "done → due this semester / planned"
        ))
    );
    if !camp_mean.is_empty() {
        let _ = write!(
            o,
            "<th class=\"num\">{}</th>",
            esc(n.t("训练营平均得分率", "camp mean"))
        );
    }
    o.push_str("</tr></thead><tbody>\n");
    for (p, past) in h.people.iter().enumerate() {
        let person = &n.inputs.scenario.people[p];
        if past.by_semester.is_empty() {
            continue;
        }
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td>",
            esc(&person.name),
            esc(&n.person_college(&person.id))
        );
        for k in 0..h.semesters.len() {
            match past.by_semester.iter().find(|x| x.semester == k) {
                Some(x) => {
                    let _ = write!(
                        o,
                        "<td class=\"num\">{:.0} · {:.0}{}{}</td>",
                        x.hours[0],
                        x.hours[1],
                        if x.missed > 0 {
                            format!("（{}）", x.missed)
                        } else {
                            String::new()
                        },
                        if x.planned_only > 0.0 { "*" } else { "" },
                    );
                }
                None => o.push_str("<td class=\"num\">—</td>"),
            }
        }
        let targets: Vec<String> = rec
            .targets
            .iter()
            .filter(|t| t.person == person.id)
            .map(|t| {
                let planned = r
                    .hour_targets
                    .iter()
                    .find(|x| x.id == t.target)
                    .map_or(0.0, |x| hours_at(n, &person.id, &x.levels));
                let ok = planned + 1e-9 >= t.hours;
                format!(
                    "<span class=\"{}\">{:.0} → {:.0} / {planned:.0}</span>",
                    if ok { "ok" } else { "bad" },
                    t.done,
                    t.hours
                )
            })
            .collect();
        let _ = write!(
            o,
            "<td>{}</td>",
            if targets.is_empty() {
                "—".to_string()
            } else {
                targets.join("<br>")
            }
        );
        if !camp_mean.is_empty() {
            match camp_mean.get(person.id.as_str()) {
                Some(m) => {
                    let _ = write!(o, "<td class=\"num\">{}</td>", pct(*m));
                }
                None => o.push_str("<td class=\"num\">—</td>"),
            }
        }
        o.push_str("</tr>\n");
    }
    let _ = writeln!(
        o,
        "</tbody></table></div><p class=\"note\">{}</p></details>",
        esc(n.t(
            "* 该学期未导入签到表，学时按计划计。括号内为签到表记为缺席的场次。",
            "* no sign-in sheet imported for the semester: hours as planned. In brackets: sessions signed as absent."
        ))
    );
}
