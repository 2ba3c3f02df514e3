//! The record in words: one person's history (`fudao history`), the last camp's results and what
//! the record brings into a plan (needs with their reasons, yearly hours done, who is due for
//! national or provincial training).

use crate::domain::{Inputs, RecordsRules};
use crate::records::person::PersonHistory;
use crate::report::table::Table;

fn num(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.1}")
    }
}

/// `fudao history PERSON`: semesters, hours by level and duty, camp results (unless `scores` is
/// false), and the academic years' totals.
pub fn person_text(h: &PersonHistory, rules: Option<&RecordsRules>, scores: bool) -> String {
    let mut o = format!(
        "{}（{}）培训记录 / training record of {} ({})\n\n",
        h.name, h.id, h.name, h.id
    );
    let mut t = Table::new([
        "学期 semester",
        "学院 college",
        "群体 groups",
        "场次 sessions",
        "校级 school h",
        "院级 college h",
        "缺席 missed",
        "仅按计划 planned only h",
    ])
    .right(&[3, 4, 5, 6, 7]);
    for s in &h.semesters {
        t.row([
            s.name.clone(),
            s.college.clone(),
            s.groups.join("、"),
            s.sessions.to_string(),
            num(s.school),
            num(s.college_hours),
            s.missed.to_string(),
            num(s.planned_only),
        ]);
    }
    o.push_str(&t.render());
    if h.semesters.iter().any(|s| s.planned_only > 0.0) {
        o.push_str("“仅按计划”：该学期未导入签到表，学时按计划计 / “planned only”: no sign-in sheet was imported, hours are as planned\n");
    }
    if !h.years.is_empty() {
        o.push_str("\n学年合计 / per academic year\n");
        let mut t = Table::new(["学年 year", "校级 school h", "院级 college h"]).right(&[1, 2]);
        for (y, a, b) in &h.years {
            t.row([format!("{y}—{}", y + 1), num(*a), num(*b)]);
        }
        o.push_str(&t.render());
    }
    for s in &h.semesters {
        if !s.duties.is_empty() {
            let d: Vec<String> = s
                .duties
                .iter()
                .map(|(d, x)| format!("{d} {}", num(*x)))
                .collect();
            o.push_str(&format!(
                "\n{} 各职责学时 / hours by duty: {}\n",
                s.name,
                d.join("；")
            ));
        }
    }
    for s in h.semesters.iter().filter(|s| !s.camp.is_empty()) {
        if !scores {
            o.push_str(&format!(
                "\n{} 训练营成绩已记录（--no-scores：不显示）/ camp results recorded (not shown: --no-scores)\n",
                s.name
            ));
            continue;
        }
        o.push_str(&format!(
            "\n{} 训练营成绩 / camp results  [含个人成绩，请勿外传 / personal scores]\n",
            s.name
        ));
        let mut t = Table::new([
            "环节 segment",
            "题目 item",
            "职责 duty",
            "得分 score",
            "档次 level",
        ])
        .right(&[3]);
        for (seg, item, duty, score, full) in &s.camp {
            let pct = 100.0 * score / full;
            let level = rules.map_or(String::new(), |r| r.levels[r.level_of(pct)].zh.clone());
            t.row([
                seg.clone(),
                item.clone(),
                duty.clone(),
                format!("{}/{}", num(*score), num(*full)),
                level,
            ]);
        }
        o.push_str(&t.render());
    }
    o
}

/// What the record brings into this semester's plan (for plan.txt): the record read, yearly
/// hours counted, needs with reasons, people due for national or provincial training.
pub fn plan_section(inputs: &Inputs, plan: &crate::wire::PlanFile) -> String {
    let h = &inputs.history;
    let sc = &inputs.scenario;
    let rules = &inputs.rules;
    let mut o = String::new();
    let Some(w) = &plan.records else {
        return o;
    };
    // hours each person attends on each duty in this plan
    let mut got: std::collections::BTreeMap<(&str, &str), f64> = Default::default();
    for s in &plan.sessions {
        if let Some(d) = &s.duty {
            for a in &s.attendees {
                *got.entry((a.as_str(), d.as_str())).or_default() += s.hours;
            }
        }
    }
    o.push_str("\n培训记录 / the programme's record\n");
    match (&w.file, h.semesters.is_empty()) {
        (None, _) => {
            o.push_str("  尚无培训记录（首个学期，或记录库文件尚不存在）/ no record yet\n")
        }
        (Some(f), true) => o.push_str(&format!(
            "  {f}：本学期之前没有已记录的学期 / no earlier semester recorded\n"
        )),
        (Some(f), false) => {
            let names: Vec<String> = h
                .semesters
                .iter()
                .map(|s| {
                    let signed = if s.signed.0 == 0 {
                        "未导入签到，按计划计".to_string()
                    } else {
                        format!("签到 {}/{} 场", s.signed.0, s.signed.1)
                    };
                    format!(
                        "{}（{signed}{}）",
                        s.name,
                        if s.camp { "，含训练营成绩" } else { "" }
                    )
                })
                .collect();
            o.push_str(&format!("  {f}：{}\n", names.join("；")));
        }
    }
    let name = |id: &str| {
        sc.person(id)
            .map_or_else(|| id.to_string(), |p| sc.people[p].name.clone())
    };
    if !w.targets.is_empty() {
        o.push_str("  学年学时目标（扣除本学年已完成）/ yearly targets, less what this year already gave:\n");
        for t in rules
            .hour_targets
            .iter()
            .filter(|t| t.per == crate::domain::Per::Year)
        {
            let mine: Vec<_> = w.targets.iter().filter(|x| x.target == t.id).collect();
            if mine.is_empty() {
                continue;
            }
            let done: Vec<f64> = mine.iter().map(|x| x.done).collect();
            let need: Vec<f64> = mine.iter().map(|x| x.hours).collect();
            let lo = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
            o.push_str(&format!(
                "    {}：全年 {} 学时，{} 人已完成 {}–{} 学时，本学期需 {}–{} 学时 / {}: {} h a year, {} people have {}–{} h, this semester needs {}–{} h\n",
                t.id,
                num(t.hours),
                mine.len(),
                num(lo(&done)),
                num(hi(&done)),
                num(lo(&need)),
                num(hi(&need)),
                t.id,
                num(t.hours),
                mine.len(),
                num(lo(&done)),
                num(hi(&done)),
                num(lo(&need)),
                num(hi(&need)),
            ));
        }
    }
    if !w.needs.is_empty() {
        let met = w
            .needs
            .iter()
            .filter(|n| got.contains_key(&(n.person.as_str(), n.duty.as_str())))
            .count();
        o.push_str(&format!(
            "  来自训练营的需求 {} 项，本计划安排了对应职责培训的 {met} 项 / {} needs from the camp, {met} met with training on the duty:\n",
            w.needs.len(),
            w.needs.len()
        ));
        let mut t = Table::new([
            "姓名 name",
            "职责 duty",
            "权重 weight",
            "本学期 h",
            "原因 reason",
        ])
        .right(&[2, 3]);
        // a group's need: one line for all its members
        let mut groups: Vec<(&str, &str, &str, f64, usize, usize)> = Vec::new();
        for n in w.needs.iter().filter(|n| n.group.is_some()) {
            let g = n.group.as_deref().unwrap_or_default();
            let met = usize::from(got.contains_key(&(n.person.as_str(), n.duty.as_str())));
            match groups.iter_mut().find(|x| x.0 == g && x.1 == n.duty) {
                Some(x) => {
                    x.4 += 1;
                    x.5 += met;
                }
                None => groups.push((
                    g,
                    &n.duty,
                    n.reason.split(" / ").next().unwrap_or(&n.reason),
                    n.weight,
                    1,
                    met,
                )),
            }
        }
        for (_, duty, reason, weight, members, met) in &groups {
            let d = rules
                .duty(duty)
                .map_or(*duty, |d| rules.duties[d].zh.as_str());
            o.push_str(&format!(
                "    {reason}：{members} 人 {d} ×{}，本计划 {met} 人安排了该职责培训 / {members} people, {met} trained on it\n",
                num(*weight)
            ));
        }
        for n in w.needs.iter().filter(|n| n.group.is_none()) {
            let d = rules
                .duty(&n.duty)
                .map_or(n.duty.as_str(), |d| rules.duties[d].zh.as_str());
            let reason = n
                .reason
                .split(" / ")
                .next()
                .unwrap_or(&n.reason)
                .to_string();
            let h = got
                .get(&(n.person.as_str(), n.duty.as_str()))
                .copied()
                .unwrap_or(0.0);
            t.row([
                name(&n.person),
                d.to_string(),
                format!("×{}", num(n.weight)),
                num(h),
                reason,
            ]);
        }
        for line in t.render().lines() {
            o.push_str("    ");
            o.push_str(line);
            o.push('\n');
        }
    }
    if !w.external_due.is_empty() {
        o.push_str(&format!(
            "  优先推荐参加省级以上培训 {} 人 / {} due for national or provincial training:\n",
            w.external_due.len(),
            w.external_due.len()
        ));
        for d in &w.external_due {
            o.push_str(&format!(
                "    {}：{}\n",
                name(&d.person),
                d.reason.split(" / ").next().unwrap_or(&d.reason)
            ));
        }
    }
    o
}
