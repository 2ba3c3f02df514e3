//! Readable summaries of validated inputs (`fudao check`) and of the five-group profiles
//! (`fudao classify`).

use std::fmt::Write as _;

use crate::domain::Inputs;
use crate::domain::eligibility::{self, Verdict};
use crate::domain::profile::Profiles;
pub use crate::planner::run::people_out;
use crate::report::table::Table;

/// `fudao classify --format table`: one row per person, then counts per group.
pub fn classify_table(inputs: &Inputs, profiles: &Profiles) -> String {
    let sc = &inputs.scenario;
    let rules = &inputs.rules;
    let mut t = Table::new([
        "工号 id",
        "姓名 name",
        "学院 college",
        "岗位 role",
        "群体 groups",
        "依据 reasons",
    ]);
    for pr in &profiles.people {
        let p = &sc.people[pr.person];
        let groups: Vec<&str> = pr
            .groups
            .iter()
            .map(|&g| rules.groups[g].zh.as_str())
            .collect();
        let reasons: Vec<String> = pr.reasons.iter().map(|r| r.zh.clone()).collect();
        t.row([
            p.id.clone(),
            p.name.clone(),
            p.college
                .map_or("（校级）".to_string(), |c| sc.colleges[c].name.clone()),
            rules.roles[p.role].zh.clone(),
            if groups.is_empty() {
                "—".to_string()
            } else {
                groups.join("、")
            },
            reasons.join(" | "),
        ]);
    }
    let mut out = t.render();
    out.push('\n');
    out.push_str(&group_counts(inputs, profiles));
    out
}

fn group_counts(inputs: &Inputs, profiles: &Profiles) -> String {
    let rules = &inputs.rules;
    let mut t = Table::new(["群体 group", "id", "人数 people"]).right(&[2]);
    for (g, gr) in rules.groups.iter().enumerate() {
        t.row([
            format!("{} {}", gr.zh, gr.en),
            gr.id.clone(),
            profiles.members(g).len().to_string(),
        ]);
    }
    let none = profiles.unassigned();
    t.row([
        "不属于任何群体 in no group".to_string(),
        "—".to_string(),
        none.len().to_string(),
    ]);
    let mut out = t.render();
    if !none.is_empty() {
        let names: Vec<String> = none
            .iter()
            .map(|&p| {
                format!(
                    "{}（{}）",
                    inputs.scenario.people[p].name, inputs.scenario.people[p].id
                )
            })
            .collect();
        let _ = writeln!(out, "不属于任何群体 / in no group: {}", names.join("、"));
    }
    out
}

/// `fudao check`: what was read, colleges against the threshold, groups, studio-lead candidates.
pub fn check_summary(inputs: &Inputs, profiles: &Profiles, files: &[String]) -> String {
    let sc = &inputs.scenario;
    let rules = &inputs.rules;
    let at = sc.semester.start;
    let mut out = String::new();
    let _ = writeln!(out, "输入有效 inputs are valid: {}", files.join(", "));
    let _ = writeln!(
        out,
        "{} — {}（{} 至 {}）; rules 规则: {}",
        sc.name, sc.semester.name, sc.semester.start, sc.semester.end, rules.name
    );
    let _ = writeln!(
        out,
        "{} campuses 校区, {} colleges 学院, {} staff 人员, {} speakers 主讲人, {} venues 场地, {} visits 考察点, {} online courses 线上课程, fund 经费 {:.2} 元\n",
        sc.campuses.len(),
        sc.colleges.len(),
        sc.people.len(),
        sc.speakers.len(),
        sc.venues.len(),
        sc.visits.len(),
        sc.online_courses.len(),
        sc.funds_total
    );

    let min = rules.two_level.independent_min;
    let ft = inputs.full_time_counselors();
    let mut t = Table::new([
        "学院 college",
        "id",
        "校区 campus",
        "专职辅导员 full-time",
        "判定 decision (two_level.independent_min)",
    ])
    .right(&[3]);
    for (c, col) in sc.colleges.iter().enumerate() {
        let verdict = if rules.two_level.trains_on_its_own(ft[c]) {
            format!("可单独培训 independent ({} >= {min})", ft[c])
        } else {
            format!("需联合培训 joint ({} < {min})", ft[c])
        };
        t.row([
            col.name.clone(),
            col.id.clone(),
            sc.campuses[col.campus].name.clone(),
            ft[c].to_string(),
            verdict,
        ]);
    }
    let indep = ft
        .iter()
        .filter(|&&n| rules.two_level.trains_on_its_own(n))
        .count();
    t.row([
        "合计 total".to_string(),
        String::new(),
        String::new(),
        ft.iter().sum::<u32>().to_string(),
        format!("{indep} independent, {} joint", ft.len() - indep),
    ]);
    out.push_str("两级 Two levels — full-time counselors per college\n");
    out.push_str(&t.render());
    out.push('\n');

    out.push_str("五类 Five groups\n");
    out.push_str(&group_counts(inputs, profiles));
    out.push('\n');

    out.push_str(
        "工作室负责人候选 Studio-lead candidates per duty (eligible / with title waiver)\n",
    );
    let mut t = Table::new([
        "职责 duty",
        "合格 eligible",
        "需豁免职称 waiver",
        "候选人 candidates",
    ])
    .right(&[1, 2]);
    for &d in &rules.studios.duties {
        let duty = &rules.duties[d];
        let mut el = Vec::new();
        let mut wv = Vec::new();
        for p in &sc.people {
            if !p.specialties.contains(&d) {
                continue;
            }
            match eligibility::lead(rules, p, at).verdict {
                Verdict::Eligible => el.push(p.name.clone()),
                Verdict::WithWaiver => wv.push(format!("{}*", p.name)),
                Verdict::Ineligible => {}
            }
        }
        let names: Vec<String> = el.iter().chain(&wv).cloned().collect();
        t.row([
            format!("{}. {}", duty.no, duty.zh),
            el.len().to_string(),
            wv.len().to_string(),
            if names.is_empty() {
                "—（无 none; see `fudao studios`）".to_string()
            } else {
                names.join("、")
            },
        ]);
    }
    out.push_str(&t.render());
    out.push_str("(candidates are people whose specialties include the duty; * = title condition waived 职称条件豁免)\n");
    out
}
