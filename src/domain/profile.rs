//! Five-group profiles (五类, “为每位成员精准画像”): which groups each person belongs to, and why.
//!
//! Decided from the rules' `[[groups]]` conditions (role, years as counselor, months since hire),
//! counted at the semester's first day. A person may be in several groups; staff who fit no group
//! are kept and listed with the reason.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Group, GroupIdx, Inputs, Person, PersonIdx, Rules};

/// Why a person is (or is not) in a group, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Group id.
    pub group: String,
    /// English.
    pub en: String,
    /// Chinese.
    pub zh: String,
}

/// One person's profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The person.
    pub person: PersonIdx,
    /// Groups, in rules order.
    pub groups: Vec<GroupIdx>,
    /// One reason per group; for people in no group, why not.
    pub reasons: Vec<Reason>,
}

/// Every person's profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profiles {
    /// One per person, in roster order.
    pub people: Vec<Profile>,
}

impl Profiles {
    /// A person's semester load cap in hours (`groups.max_hours_per_semester`): the largest cap
    /// among the person's groups that set one (a new counselor, also in “all counselors”, may be
    /// given the new counselors' larger cap); `None` when no group of theirs sets one.
    pub fn hour_cap(&self, rules: &Rules, p: PersonIdx) -> Option<f64> {
        self.people[p]
            .groups
            .iter()
            .filter_map(|&g| rules.groups[g].max_hours_per_semester)
            .reduce(f64::max)
    }

    /// Members of a group, in roster order.
    pub fn members(&self, g: GroupIdx) -> Vec<PersonIdx> {
        self.people
            .iter()
            .filter(|p| p.groups.contains(&g))
            .map(|p| p.person)
            .collect()
    }

    /// Whether a person is in a group.
    pub fn is_in(&self, p: PersonIdx, g: GroupIdx) -> bool {
        self.people[p].groups.contains(&g)
    }

    /// People in no group.
    pub fn unassigned(&self) -> Vec<PersonIdx> {
        self.people
            .iter()
            .filter(|p| p.groups.is_empty())
            .map(|p| p.person)
            .collect()
    }
}

/// The words added to a reason that counts years as a counselor when the roster gave only the
/// year and month (任辅导员时间 `2019.07`): `（任辅导员时间只写到月（2019-07），按 1 日计）`;
/// empty otherwise.
fn month_only_note(p: &Person) -> (String, String) {
    match p.counselor_since {
        Some(d) if p.counselor_since_month_only => {
            let ym = d.format("%Y-%m");
            (
                format!(" (counselor-since date gives only the month ({ym}); taken as the 1st)"),
                format!("（任辅导员时间只写到月（{ym}），按 1 日计）"),
            )
        }
        _ => (String::new(), String::new()),
    }
}

/// Decide whether `p` is in `g` at date `at`: `Ok(reason)` or `Err(why not)`.
pub fn membership(rules: &Rules, g: &Group, p: &Person, at: NaiveDate) -> Result<Reason, Reason> {
    let role = &rules.roles[p.role];
    let mut en = Vec::new();
    let mut zh = Vec::new();
    let fail = |en: String, zh: String| Reason {
        group: g.id.clone(),
        en,
        zh,
    };
    if !g.roles.contains(&p.role) {
        let wanted: Vec<&str> = g
            .roles
            .iter()
            .map(|&r| rules.roles[r].zh.as_str())
            .collect();
        return Err(fail(
            format!("role {} is not one of {}", role.zh, wanted.join("/")),
            format!("岗位“{}”不属于{}", role.zh, wanted.join("/")),
        ));
    }
    en.push(format!("role {}", role.zh));
    zh.push(format!("岗位：{}", role.zh));
    let years = p.years_as_counselor(at);
    // When the roster gave only year and month, every reason that counts the years says so.
    let (month_en, month_zh) = month_only_note(p);
    if let Some(min) = g.min_years_as_counselor {
        if years < min {
            return Err(fail(
                format!("{years} years as counselor, fewer than {min}{month_en}"),
                format!("辅导员工作 {years} 年，不足 {min} 年{month_zh}"),
            ));
        }
        let since = p.counselor_since.map(|d| d.to_string()).unwrap_or_default();
        en.push(format!(
            "counselor since {since}, {years} years >= {min}{month_en}"
        ));
        zh.push(format!(
            "{since} 起从事辅导员工作，{years} 年（≥ {min}）{month_zh}"
        ));
    }
    if let Some(max) = g.max_years_as_counselor {
        if years > max {
            return Err(fail(
                format!("{years} years as counselor, more than {max}{month_en}"),
                format!("辅导员工作 {years} 年，超过 {max} 年{month_zh}"),
            ));
        }
        en.push(format!("{years} years as counselor <= {max}{month_en}"));
        zh.push(format!("辅导员工作 {years} 年（≤ {max}）{month_zh}"));
    }
    if let Some(max) = g.max_months_since_hire {
        let months = p.months_since_hire(at);
        if months > max as i32 {
            return Err(fail(
                format!(
                    "hired {}, {months} months before the semester, more than {max}",
                    p.hired
                ),
                format!(
                    "{} 入职，距学期开始 {months} 个月，超过 {max} 个月",
                    p.hired
                ),
            ));
        }
        let when = if months >= 0 {
            format!("{months} months before the semester")
        } else {
            format!("{} months after the semester starts", -months)
        };
        let when_zh = if months >= 0 {
            format!("距学期开始 {months} 个月")
        } else {
            format!("学期开始后 {} 个月", -months)
        };
        en.push(format!("hired {}, {when}, within {max}", p.hired));
        zh.push(format!("{} 入职，{when_zh}（≤ {max}）", p.hired));
    }
    Ok(Reason {
        group: g.id.clone(),
        en: en.join("; "),
        zh: zh.join("；"),
    })
}

/// Profile every person of the scenario.
pub fn classify(inputs: &Inputs) -> Profiles {
    let rules = &inputs.rules;
    let at = inputs.scenario.semester.start;
    let people = inputs
        .scenario
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut groups = Vec::new();
            let mut reasons = Vec::new();
            let mut misses = Vec::new();
            for (gi, g) in rules.groups.iter().enumerate() {
                match membership(rules, g, p, at) {
                    Ok(r) => {
                        groups.push(gi);
                        reasons.push(r);
                    }
                    Err(r) => misses.push(r),
                }
            }
            if groups.is_empty() {
                let en: Vec<String> = misses
                    .iter()
                    .map(|r| format!("{}: {}", r.group, r.en))
                    .collect();
                let zh: Vec<String> = misses
                    .iter()
                    .map(|r| {
                        let g = rules
                            .group(&r.group)
                            .map_or("", |g| rules.groups[g].zh.as_str());
                        format!("{g}：{}", r.zh)
                    })
                    .collect();
                reasons.push(Reason {
                    group: String::new(),
                    en: format!("fits no group — {}", en.join("; ")),
                    zh: format!("不属于任何群体——{}", zh.join("；")),
                });
            }
            Profile {
                person: i,
                groups,
                reasons,
            }
        })
        .collect();
    Profiles { people }
}
