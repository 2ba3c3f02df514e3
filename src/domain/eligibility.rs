//! Studio-role eligibility (工作室负责人 / 骨干力量): who may lead or be backbone, and the gap for
//! everyone else.
//!
//! Lead: “具备10年以上辅导员工作经历、职称一般在副高以上、具备荣誉称号” — years, title level and
//! honor from `[studios.lead]`; the title condition may be waived (`title_waivable`) at a cost.
//! Backbone: “具备3年以上辅导员工作经历” from `[studios.backbone]`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Person, Rules};

/// The outcome for one person and one studio role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Meets every condition.
    Eligible,
    /// Meets every condition but the waivable title condition.
    WithWaiver,
    /// Misses at least one hard condition.
    Ineligible,
}

/// A condition met or missed, with its rule id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule id, e.g. `studios.lead.min_years_as_counselor`.
    pub rule: String,
    /// Whether the condition holds.
    pub met: bool,
    /// English.
    pub en: String,
    /// Chinese.
    pub zh: String,
}

/// Eligibility of one person for one studio role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Eligibility {
    /// The verdict.
    pub verdict: Verdict,
    /// Every condition, met or not.
    pub findings: Vec<Finding>,
}

impl Eligibility {
    /// The conditions missed (the gap).
    pub fn gaps(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.met)
    }

    /// How far from eligible: number of missed hard conditions (the waived title counts half).
    pub fn distance(&self) -> u32 {
        self.findings.iter().filter(|f| !f.met).count() as u32
    }

    /// English summary of the gaps or the reasons.
    pub fn summary_en(&self) -> String {
        let v: Vec<&str> = match self.verdict {
            Verdict::Eligible => self.findings.iter().map(|f| f.en.as_str()).collect(),
            _ => self.gaps().map(|f| f.en.as_str()).collect(),
        };
        v.join("; ")
    }

    /// Chinese summary of the gaps or the reasons.
    pub fn summary_zh(&self) -> String {
        let v: Vec<&str> = match self.verdict {
            Verdict::Eligible => self.findings.iter().map(|f| f.zh.as_str()).collect(),
            _ => self.gaps().map(|f| f.zh.as_str()).collect(),
        };
        v.join("；")
    }
}

fn role_finding(rules: &Rules, p: &Person, roles: &[usize], rule: &str) -> Finding {
    let role = &rules.roles[p.role];
    let met = roles.contains(&p.role);
    let names: Vec<&str> = roles.iter().map(|&r| rules.roles[r].zh.as_str()).collect();
    Finding {
        rule: rule.to_string(),
        met,
        en: if met {
            format!("role {}", role.zh)
        } else {
            format!("role {} is not one of {}", role.zh, names.join("/"))
        },
        zh: if met {
            format!("岗位：{}", role.zh)
        } else {
            format!("岗位“{}”不在{}之列", role.zh, names.join("/"))
        },
    }
}

fn years_finding(p: &Person, at: NaiveDate, min: u32, rule: &str) -> Finding {
    let years = p.years_as_counselor(at);
    let met = years >= min;
    Finding {
        rule: rule.to_string(),
        met,
        en: if met {
            format!("{years} years as counselor >= {min}")
        } else {
            format!("{years} years of {min}")
        },
        zh: if met {
            format!("辅导员工作 {years} 年（≥ {min}）")
        } else {
            format!("辅导员工作 {years} 年，不足 {min} 年")
        },
    }
}

/// Eligibility to lead a studio.
pub fn lead(rules: &Rules, p: &Person, at: NaiveDate) -> Eligibility {
    let lr = &rules.studios.lead;
    let mut findings = vec![
        role_finding(rules, p, &lr.roles, "studios.lead.roles"),
        years_finding(
            p,
            at,
            lr.min_years_as_counselor,
            "studios.lead.min_years_as_counselor",
        ),
    ];
    let need = &rules.title_levels[lr.min_title_level];
    let have = p.title_level.map(|l| &rules.title_levels[l]);
    let title_met = have.is_some_and(|h| h.rank >= need.rank);
    let title_text = if p.title.is_empty() {
        "no title".to_string()
    } else {
        p.title.clone()
    };
    let title_zh = if p.title.is_empty() {
        "无职称".to_string()
    } else {
        p.title.clone()
    };
    findings.push(Finding {
        rule: "studios.lead.min_title_level".into(),
        met: title_met,
        en: match (title_met, have) {
            (true, Some(h)) => format!("title {title_text} ({}) >= {}", h.zh, need.zh),
            (false, Some(h)) => format!("title {title_text} ({}) below {}", h.zh, need.zh),
            _ => format!("{title_text}, below {}", need.zh),
        },
        zh: match (title_met, have) {
            (true, Some(h)) => format!("职称 {title_zh}（{}，≥ {}）", h.zh, need.zh),
            (false, Some(h)) => format!("职称 {title_zh}（{}）低于{}", h.zh, need.zh),
            _ => format!("{title_zh}，低于{}", need.zh),
        },
    });
    if lr.honor_required {
        let met = !p.honors.is_empty();
        findings.push(Finding {
            rule: "studios.lead.honor_required".into(),
            met,
            en: if met {
                format!("honor: {}", p.honors.join(", "))
            } else {
                "no honor".into()
            },
            zh: if met {
                format!("荣誉：{}", p.honors.join("、"))
            } else {
                "无荣誉称号".into()
            },
        });
    }
    if let Some(f) = member_role_finding(rules, p) {
        findings.push(f);
    }
    let hard_missed = findings
        .iter()
        .any(|f| !(f.met || f.rule == "studios.lead.min_title_level" && lr.title_waivable));
    let verdict = if hard_missed {
        Verdict::Ineligible
    } else if !title_met {
        Verdict::WithWaiver
    } else {
        Verdict::Eligible
    };
    Eligibility { verdict, findings }
}

/// Eligibility to be a studio's backbone member.
pub fn backbone(rules: &Rules, p: &Person, at: NaiveDate) -> Eligibility {
    let br = &rules.studios.backbone;
    let mut findings = vec![
        role_finding(rules, p, &br.roles, "studios.backbone.roles"),
        years_finding(
            p,
            at,
            br.min_years_as_counselor,
            "studios.backbone.min_years_as_counselor",
        ),
    ];
    findings.extend(member_role_finding(rules, p));
    let verdict = if findings.iter().all(|f| f.met) {
        Verdict::Eligible
    } else {
        Verdict::Ineligible
    };
    Eligibility { verdict, findings }
}

/// A studio role needs a team role too: someone whose role is not in `studios.member_roles` cannot be
/// on any studio team. Only reported when missed (the role finding already names the role).
fn member_role_finding(rules: &Rules, p: &Person) -> Option<Finding> {
    let roles = &rules.studios.member_roles;
    if roles.contains(&p.role) {
        return None;
    }
    let role = &rules.roles[p.role];
    let names: Vec<&str> = roles.iter().map(|&r| rules.roles[r].zh.as_str()).collect();
    Some(Finding {
        rule: "studios.member_roles".into(),
        met: false,
        en: format!(
            "role {} may not be on a studio team ({})",
            role.zh,
            names.join("/")
        ),
        zh: format!(
            "岗位“{}”不在工作室成员岗位（{}）之列",
            role.zh,
            names.join("/")
        ),
    })
}

/// A change to the rules file that would turn a missed condition into a met one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RuleChange {
    /// Rule id to change, e.g. `studios.lead.min_years_as_counselor`.
    pub rule: String,
    /// The new value as it would be written in the rules file, e.g. `8` or `true`.
    pub value: String,
    /// English, e.g. “lower studios.lead.min_years_as_counselor to 8”.
    pub en: String,
    /// Chinese.
    pub zh: String,
}

/// The rule changes that, together, would make `p` eligible to lead a studio (with the title
/// waived when the rules allow it). Empty when `p` is already eligible or eligible with a waiver.
/// One change per missed condition, in the order of the findings.
pub fn lead_fixes(rules: &Rules, p: &Person, at: NaiveDate) -> Vec<RuleChange> {
    let e = lead(rules, p, at);
    if e.verdict != Verdict::Ineligible {
        return Vec::new();
    }
    let lr = &rules.studios.lead;
    let role = &rules.roles[p.role];
    let mut out = Vec::new();
    for f in e.gaps() {
        match f.rule.as_str() {
            "studios.lead.roles" => out.push(add_role(
                &lr.roles,
                rules,
                role_id(rules, p),
                "studios.lead.roles",
                &role.zh,
            )),
            "studios.member_roles" => out.push(add_role(
                &rules.studios.member_roles,
                rules,
                role_id(rules, p),
                "studios.member_roles",
                &role.zh,
            )),
            "studios.lead.min_years_as_counselor" => {
                let y = p.years_as_counselor(at);
                out.push(RuleChange {
                    rule: f.rule.clone(),
                    value: y.to_string(),
                    en: format!("lower studios.lead.min_years_as_counselor to {y}"),
                    zh: format!("将 studios.lead.min_years_as_counselor 降为 {y}"),
                });
            }
            "studios.lead.min_title_level" if !lr.title_waivable => {
                let alt_en = p.title_level.map(|l| {
                    let lvl = &rules.title_levels[l];
                    format!(
                        " (or lower studios.lead.min_title_level to \"{}\" ({}))",
                        lvl.id, lvl.zh
                    )
                });
                let alt_zh = p.title_level.map(|l| {
                    let lvl = &rules.title_levels[l];
                    format!(
                        "（或将 studios.lead.min_title_level 降为 \"{}\"（{}））",
                        lvl.id, lvl.zh
                    )
                });
                out.push(RuleChange {
                    rule: "studios.lead.title_waivable".into(),
                    value: "true".into(),
                    en: format!(
                        "set studios.lead.title_waivable = true{}",
                        alt_en.unwrap_or_default()
                    ),
                    zh: format!(
                        "设 studios.lead.title_waivable = true，允许豁免职称条件{}",
                        alt_zh.unwrap_or_default()
                    ),
                });
            }
            "studios.lead.honor_required" => out.push(RuleChange {
                rule: f.rule.clone(),
                value: "false".into(),
                en: "set studios.lead.honor_required = false".into(),
                zh: "设 studios.lead.honor_required = false，不再要求荣誉称号".into(),
            }),
            _ => {}
        }
    }
    out
}

fn role_id<'r>(rules: &'r Rules, p: &Person) -> &'r str {
    rules.roles[p.role].id.as_str()
}

fn add_role(list: &[usize], rules: &Rules, id: &str, rule: &str, zh: &str) -> RuleChange {
    let mut ids: Vec<&str> = list.iter().map(|&r| rules.roles[r].id.as_str()).collect();
    ids.push(id);
    let value = format!(
        "[{}]",
        ids.iter()
            .map(|i| format!("\"{i}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    RuleChange {
        rule: rule.to_string(),
        en: format!("add \"{id}\" to {rule}"),
        zh: format!("在 {rule} 中加入 \"{id}\"（{zh}）"),
        value,
    }
}
