//! Studio reports: the `studios` key of plan.json, the JSON of `fudao studios --format json`, and
//! the table for people (Chinese names as in the data, bilingual headings).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::domain::eligibility::{Finding, RuleChange, Verdict};
use crate::domain::{Inputs, PersonIdx};
pub use crate::planner::studios::out::{lead_reason, plan_studios};
use crate::planner::studios::out::{num, pid};
use crate::planner::studios::{Cause, ModelSize, Place, Staffing, Team, Unstaffed};
use crate::report::table::Table;
use crate::wire::ObjectiveOut;

/// A person on a team, with what a reader needs to judge the choice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamMemberJson {
    /// Person id.
    pub id: String,
    /// Name as in the roster.
    pub name: String,
    /// `lead` | `backbone` | `member`.
    pub studio_role: String,
    /// College id, `null` for school-level staff.
    pub college: Option<String>,
    /// College name (`（校级）` for school-level staff).
    pub college_name: String,
    /// Roster role id.
    pub role: String,
    /// Full years as a counselor at the semester's first day.
    pub years: u32,
    /// Title as written.
    pub title: String,
    /// Title level (Chinese), empty when none.
    pub title_level: String,
    /// The studio's duty is among the person's specialties.
    pub specialty_match: bool,
    /// In `studios.new_counselor_group`.
    pub new_counselor: bool,
}

/// Another person who could have led.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlternativeJson {
    /// Person id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Objective value as this studio's lead (college spread aside).
    pub value: f64,
    /// Would need the title waiver.
    pub title_waiver: bool,
    /// Where the person is instead, e.g. `research:lead`.
    pub placed: Vec<String>,
}

/// What leading without the chosen lead would cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegretJson {
    /// Studios that could no longer be staffed.
    pub staffed_lost: usize,
    /// Objective total lost.
    pub total_lost: f64,
    /// Who would lead this studio instead.
    pub next_lead: Option<String>,
}

/// Why the lead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadChoiceJson {
    /// The lead conditions and how each is met (or waived).
    pub conditions: Vec<Finding>,
    /// Objective value of the lead in this studio (college spread aside).
    pub value: f64,
    /// Others who may lead, best value first.
    pub alternatives: Vec<AlternativeJson>,
    /// The best staffing without this lead here.
    pub regret: Option<RegretJson>,
}

/// A studio in the `fudao studios` JSON: the plan file's keys plus details.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudioJson {
    /// Duty id.
    pub duty: String,
    /// Duty, Chinese.
    pub duty_zh: String,
    /// Lead person id, `null` when unstaffed.
    pub lead: Option<String>,
    /// Backbone person ids.
    pub backbone: Vec<String>,
    /// Other member person ids.
    pub members: Vec<String>,
    /// The lead's title condition is waived.
    pub title_waived: bool,
    /// Why this lead, or why unstaffed.
    pub reason: String,
    /// Everyone on the team, lead first.
    pub team: Vec<TeamMemberJson>,
    /// This studio's objective terms.
    pub terms: BTreeMap<String, f64>,
    /// Why the lead, in detail.
    pub lead_choice: Option<LeadChoiceJson>,
}

/// A person who misses the lead conditions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearJson {
    /// Person id.
    pub id: String,
    /// Name.
    pub name: String,
    /// College name.
    pub college_name: String,
    /// Full years as a counselor.
    pub years: u32,
    /// Title as written.
    pub title: String,
    /// Conditions missed.
    pub missing: Vec<Finding>,
    /// Rule changes that would make the person eligible.
    pub fixes: Vec<RuleChange>,
}

/// A rule change and its effect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestionJson {
    /// The changes, all needed.
    pub changes: Vec<RuleChange>,
    /// Person ids who would become eligible to lead.
    pub makes_eligible: Vec<String>,
    /// Studios that could be staffed with the change.
    pub staffed_with: Option<usize>,
}

/// An unstaffed studio, explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnstaffedJson {
    /// Duty id.
    pub duty: String,
    /// Duty, Chinese.
    pub duty_zh: String,
    /// `no_eligible_lead` | `leads_exhausted` | `team_rules`.
    pub cause: Cause,
    /// English.
    pub en: String,
    /// Chinese.
    pub zh: String,
    /// Nearest lead candidates and what each lacks.
    pub candidates: Vec<NearJson>,
    /// Rule changes that would help.
    pub changes: Vec<SuggestionJson>,
}

/// Someone who may lead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateJson {
    /// Person id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `eligible` | `with_waiver`.
    pub verdict: Verdict,
    /// Full years.
    pub years: u32,
    /// Title as written.
    pub title: String,
    /// Every condition.
    pub findings: Vec<Finding>,
}

/// `fudao studios --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudiosJson {
    /// `optimal` | `feasible` | `infeasible`.
    pub status: String,
    /// Objective total and named terms.
    pub objective: ObjectiveOut,
    /// Studios staffed.
    pub staffed: usize,
    /// Studios asked for (`studios.duties`).
    pub studio_count: usize,
    /// One per duty, in `studios.duties` order.
    pub studios: Vec<StudioJson>,
    /// Unstaffed studios with their explanations.
    pub unstaffed: Vec<UnstaffedJson>,
    /// Everyone who may lead, with the findings.
    pub lead_candidates: Vec<CandidateJson>,
    /// The main model's size.
    pub model: ModelSize,
}

fn college_name(inputs: &Inputs, p: PersonIdx) -> String {
    inputs.scenario.people[p].college.map_or_else(
        || "（校级）".to_string(),
        |c| inputs.scenario.colleges[c].name.clone(),
    )
}

fn place_word(p: Place) -> &'static str {
    match p {
        Place::Lead => "lead",
        Place::Backbone => "backbone",
        Place::Member => "member",
    }
}

fn place_zh(p: Place) -> &'static str {
    match p {
        Place::Lead => "负责人",
        Place::Backbone => "骨干",
        Place::Member => "成员",
    }
}

fn terms_map(t: &crate::planner::studios::Terms) -> BTreeMap<String, f64> {
    t.named().iter().map(|&(k, v)| (k.to_string(), v)).collect()
}

fn team_json(inputs: &Inputs, st: &Staffing, s: usize, team: &Team) -> Vec<TeamMemberJson> {
    let rules = &inputs.rules;
    let duty = st.instance.duties[s];
    let roles = std::iter::once((team.lead, Place::Lead))
        .chain(team.backbone.iter().map(|&p| (p, Place::Backbone)))
        .chain(team.members.iter().map(|&p| (p, Place::Member)));
    roles
        .map(|(p, place)| {
            let person = &inputs.scenario.people[p];
            let f = &st.instance.people[p];
            TeamMemberJson {
                id: person.id.clone(),
                name: person.name.clone(),
                studio_role: place_word(place).to_string(),
                college: person
                    .college
                    .map(|c| inputs.scenario.colleges[c].id.clone()),
                college_name: college_name(inputs, p),
                role: rules.roles[person.role].id.clone(),
                years: f.years,
                title: person.title.clone(),
                title_level: person
                    .title_level
                    .map(|l| rules.title_levels[l].zh.clone())
                    .unwrap_or_default(),
                specialty_match: f.specialties.contains(&duty),
                new_counselor: f.new,
            }
        })
        .collect()
}

fn unstaffed_json(inputs: &Inputs, u: &Unstaffed) -> UnstaffedJson {
    let d = &inputs.rules.duties[u.duty];
    UnstaffedJson {
        duty: d.id.clone(),
        duty_zh: d.zh.clone(),
        cause: u.cause,
        en: u.full_en(inputs),
        zh: u.full_zh(inputs),
        candidates: u
            .candidates
            .iter()
            .map(|n| NearJson {
                id: pid(inputs, n.person),
                name: inputs.scenario.people[n.person].name.clone(),
                college_name: college_name(inputs, n.person),
                years: n.years,
                title: inputs.scenario.people[n.person].title.clone(),
                missing: n.missing.clone(),
                fixes: n.fixes.clone(),
            })
            .collect(),
        changes: u
            .changes
            .iter()
            .map(|c| SuggestionJson {
                changes: c.changes.clone(),
                makes_eligible: c.makes_eligible.iter().map(|&p| pid(inputs, p)).collect(),
                staffed_with: c.staffed_with,
            })
            .collect(),
    }
}

/// `fudao studios --format json`.
pub fn json(inputs: &Inputs, st: &Staffing) -> StudiosJson {
    let rules = &inputs.rules;
    let plan = plan_studios(inputs, st);
    let studios = plan
        .into_iter()
        .enumerate()
        .map(|(s, out)| {
            let studio = &st.studios[s];
            let team = studio
                .team
                .as_ref()
                .map_or_else(Vec::new, |t| team_json(inputs, st, s, t));
            let lead_choice = match (&studio.team, &studio.choice) {
                (Some(t), Some(c)) => Some(LeadChoiceJson {
                    conditions: st.instance.people[t.lead].lead.findings.clone(),
                    value: c.value,
                    alternatives: c
                        .alternatives
                        .iter()
                        .map(|a| AlternativeJson {
                            id: pid(inputs, a.person),
                            name: inputs.scenario.people[a.person].name.clone(),
                            value: a.value,
                            title_waiver: a.waiver,
                            placed: a
                                .placed
                                .iter()
                                .map(|&(s2, pl)| {
                                    format!(
                                        "{}:{}",
                                        rules.duties[st.instance.duties[s2]].id,
                                        place_word(pl)
                                    )
                                })
                                .collect(),
                        })
                        .collect(),
                    regret: c.regret.as_ref().map(|r| RegretJson {
                        staffed_lost: r.staffed_lost,
                        total_lost: r.total_lost,
                        next_lead: r.next_lead.map(|p| pid(inputs, p)),
                    }),
                }),
                _ => None,
            };
            StudioJson {
                duty: out.duty,
                duty_zh: rules.duties[studio.duty].zh.clone(),
                lead: out.lead,
                backbone: out.backbone,
                members: out.members,
                title_waived: out.title_waived,
                reason: out.reason,
                team,
                terms: terms_map(&studio.terms),
                lead_choice,
            }
        })
        .collect();
    StudiosJson {
        status: st.status.as_str().to_string(),
        objective: st.terms.to_out(),
        staffed: st.staffed,
        studio_count: st.studios.len(),
        studios,
        unstaffed: st
            .unstaffed
            .iter()
            .map(|u| unstaffed_json(inputs, u))
            .collect(),
        lead_candidates: st
            .instance
            .people
            .iter()
            .filter(|f| f.can_lead())
            .map(|f| CandidateJson {
                id: pid(inputs, f.person),
                name: inputs.scenario.people[f.person].name.clone(),
                verdict: f.lead.verdict,
                years: f.years,
                title: inputs.scenario.people[f.person].title.clone(),
                findings: f.lead.findings.clone(),
            })
            .collect(),
        model: st.model,
    }
}

fn status_line(st: &Staffing) -> String {
    let s = match st.status {
        crate::planner::studios::Status::Optimal => "optimal 最优（已证明 proven）",
        crate::planner::studios::Status::Feasible => {
            "feasible 可行（未证明最优 optimality not proven）"
        }
        crate::planner::studios::Status::Infeasible => {
            "infeasible 无法组建任何工作室 (no studio can be staffed)"
        }
    };
    format!(
        "状态 status: {s} · 已组建 staffed {}/{} · 模型 model: {} 变量 variables ({} binary), {} 约束 constraints",
        st.staffed,
        st.studios.len(),
        st.model.variables,
        st.model.binaries,
        st.model.constraints
    )
}

/// `fudao studios --format table`.
pub fn table(inputs: &Inputs, st: &Staffing) -> String {
    let rules = &inputs.rules;
    let waivable = rules.studios.lead.title_waivable;
    let sc = &inputs.scenario;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "辅导员工作室 Counselor studios — {}（{}）",
        sc.name, sc.semester.name
    );
    let _ = writeln!(out, "{}", status_line(st));
    let terms: Vec<String> = st
        .terms
        .named()
        .iter()
        .map(|(k, v)| format!("{k} {}", num(*v)))
        .collect();
    let _ = writeln!(
        out,
        "目标 objective = {}: {}\n",
        num(st.terms.total()),
        terms.join(" + ")
    );

    for (s, studio) in st.studios.iter().enumerate() {
        let duty = &rules.duties[studio.duty];
        let _ = write!(out, "[{}] {} {} ({})", s + 1, duty.zh, duty.en, duty.id);
        let Some(team) = &studio.team else {
            let _ = writeln!(out, " — 未组建 UNSTAFFED (see below 见下文)\n");
            continue;
        };
        let lead = &sc.people[team.lead];
        let _ = writeln!(
            out,
            " — 负责人 lead: {}（{}）{}",
            lead.name,
            lead.id,
            if team.waived {
                " *职称条件豁免 title waived"
            } else {
                ""
            }
        );
        let _ = writeln!(out, "  依据 why: {}", lead_reason(inputs, st, s));
        if let Some(c) = &studio.choice
            && !c.alternatives.is_empty()
        {
            let alts: Vec<String> = c
                .alternatives
                .iter()
                .map(|a| {
                    let at: Vec<String> = a
                        .placed
                        .iter()
                        .map(|&(s2, pl)| {
                            format!(
                                "{}{}",
                                rules.duties[st.instance.duties[s2]].zh,
                                place_zh(pl)
                            )
                        })
                        .collect();
                    format!(
                        "{} {}{}（{}）",
                        sc.people[a.person].name,
                        num(a.value),
                        if a.waiver { "*" } else { "" },
                        if at.is_empty() {
                            "未安排 unplaced".to_string()
                        } else {
                            at.join("、")
                        }
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "  其他可任负责人 other possible leads (value here 本室贡献): {}",
                alts.join("；")
            );
        }
        let mut t = Table::new([
            "角色 role",
            "工号 id",
            "姓名 name",
            "学院 college",
            "岗位 post",
            "年限 years",
            "职称 title",
            "专长匹配 match",
        ])
        .right(&[5]);
        for m in team_json(inputs, st, s, team) {
            let place = match m.studio_role.as_str() {
                "lead" => "负责人 lead",
                "backbone" => "骨干 backbone",
                _ => {
                    if m.new_counselor {
                        "成员 member（新入职 new）"
                    } else {
                        "成员 member"
                    }
                }
            };
            let role_zh = rules
                .roles
                .iter()
                .find(|r| r.id == m.role)
                .map_or(m.role.clone(), |r| r.zh.clone());
            t.row([
                place.to_string(),
                m.id,
                m.name,
                m.college_name,
                role_zh,
                m.years.to_string(),
                if m.title.is_empty() {
                    "—".to_string()
                } else {
                    m.title
                },
                if m.specialty_match {
                    "✓".to_string()
                } else {
                    String::new()
                },
            ]);
        }
        for line in t.render().lines() {
            let _ = writeln!(out, "  {line}");
        }
        let sub: Vec<String> = studio
            .terms
            .named()
            .iter()
            .filter(|(_, v)| *v != 0.0)
            .map(|(k, v)| format!("{k} {}", num(*v)))
            .collect();
        let _ = writeln!(
            out,
            "  {} 人 people, {} 骨干 backbone · 小计 subtotal {}: {}\n",
            team.size(),
            team.backbone.len(),
            num(studio.terms.total()),
            sub.join(" + ")
        );
    }

    if !st.unstaffed.is_empty() {
        let _ = writeln!(out, "未组建的工作室 Unstaffed studios");
        // Studios unstaffed for the same reason are listed together, the reason once.
        let mut groups: Vec<(&Unstaffed, Vec<String>)> = Vec::new();
        for u in &st.unstaffed {
            let d = &rules.duties[u.duty];
            let label = format!("{}（{}）", d.zh, d.id);
            match groups
                .iter_mut()
                .find(|(g, _)| g.en == u.en && g.cause == u.cause)
            {
                Some((_, v)) => v.push(label),
                None => groups.push((u, vec![label])),
            }
        }
        for (u, duties) in groups {
            let j = unstaffed_json(inputs, u);
            let _ = writeln!(
                out,
                "- {} 未组建 unstaffed: {}\n  原因 why: {}\n  {}",
                duties.len(),
                duties.join("、"),
                u.zh,
                u.en
            );
            if !j.candidates.is_empty() {
                let mut t = Table::new([
                    "工号 id",
                    "姓名 name",
                    "学院 college",
                    "年限 years",
                    "职称 title",
                    "差距 missing",
                    "规则调整 fix",
                ])
                .right(&[3]);
                for n in &j.candidates {
                    t.row([
                        n.id.clone(),
                        n.name.clone(),
                        n.college_name.clone(),
                        n.years.to_string(),
                        if n.title.is_empty() {
                            "—".to_string()
                        } else {
                            n.title.clone()
                        },
                        n.missing
                            .iter()
                            .map(|f| {
                                if waivable && f.rule == "studios.lead.min_title_level" {
                                    format!("{} (waivable 可豁免)", f.en)
                                } else {
                                    f.en.clone()
                                }
                            })
                            .collect::<Vec<_>>()
                            .join("; "),
                        n.fixes
                            .iter()
                            .map(|f| f.en.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ]);
                }
                let _ = writeln!(out, "  最接近的负责人人选 nearest lead candidates:");
                for line in t.render().lines() {
                    let _ = writeln!(out, "  {line}");
                }
            }
            for c in &j.changes {
                let ch: Vec<&str> = c.changes.iter().map(|x| x.en.as_str()).collect();
                let chz: Vec<&str> = c.changes.iter().map(|x| x.zh.as_str()).collect();
                let who = if c.makes_eligible.is_empty() {
                    String::new()
                } else {
                    let names: Vec<String> = c
                        .makes_eligible
                        .iter()
                        .filter_map(|id| sc.person(id).map(|p| sc.people[p].name.clone()))
                        .collect();
                    format!("，使 {} 符合条件 (makes eligible)", names.join("、"))
                };
                let with = c
                    .staffed_with
                    .map(|k| format!("，可组建 {k}/{} 个 (studios staffed)", st.studios.len()))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  调整建议 rule change: {}（{}）{who}{with}",
                    ch.join(" + "),
                    chz.join("；")
                );
            }
        }
        out.push('\n');
    }

    let _ = writeln!(
        out,
        "可任负责人 Who may lead (studios.lead; * = 需豁免职称 title waiver)"
    );
    let mut t = Table::new([
        "工号 id",
        "姓名 name",
        "学院 college",
        "年限 years",
        "职称 title",
        "荣誉 honors",
        "任职 placed",
    ])
    .right(&[3]);
    for f in st.instance.people.iter().filter(|f| f.can_lead()) {
        let p = &sc.people[f.person];
        let placed: Vec<String> = crate::planner::studios::placements(
            &st.studios
                .iter()
                .map(|x| x.team.clone())
                .collect::<Vec<_>>(),
            f.person,
        )
        .into_iter()
        .map(|(s2, pl)| {
            format!(
                "{}{}",
                rules.duties[st.instance.duties[s2]].zh,
                place_zh(pl)
            )
        })
        .collect();
        t.row([
            p.id.clone(),
            format!("{}{}", p.name, if f.needs_waiver() { "*" } else { "" }),
            college_name(inputs, f.person),
            f.years.to_string(),
            if p.title.is_empty() {
                "—".to_string()
            } else {
                p.title.clone()
            },
            p.honors.join("、"),
            if placed.is_empty() {
                "—".to_string()
            } else {
                placed.join("、")
            },
        ]);
    }
    out.push_str(&t.render());
    out
}
