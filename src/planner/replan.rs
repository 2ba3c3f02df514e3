//! A re-plan (`fudao replan`): the published plan carried into the current inputs with the
//! fewest changes, and what changed, in the office's words.
//!
//! Decides, from the published plan file and the current inputs:
//! - **the two levels and the studios**: the published ones are kept while the rules still allow
//!   them (every college's mode matches its full-time counselors, every cluster reaches the
//!   threshold within the size and travel limits; every studio team keeps an eligible lead and its
//!   minimum size once the people who left are taken out); otherwise that stage is decided again
//!   and a note says why;
//! - **the sessions** ([`crate::planner::schedule::rebase`]): held before `today` or pinned, kept
//!   as they were; cancelled, dropped; the rest kept where the inputs still allow it, else moved
//!   to the nearest legal option;
//! - **identity**: a kept session keeps its id; a new one gets the next number after the highest
//!   ever given in the plan's line (`base.last_id`), so an id never names another session;
//! - **the changes** and the change penalty (README “Re-planning”):
//!   `penalty = moved·n_moved + venue_changed·n_venue + speaker_changed·n_speaker +
//!   dropped·n_dropped + added·n_added + person·n_people` with the `[replan]` weights, `n_people`
//!   the persons whose calendar (the sessions they attend, with date and slot) changes; the plan's
//!   objective gets the term `change = −penalty`. Each change comes with its reason and a notice
//!   sentence, in published date order.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use crate::domain::{Inputs, ReplanWeights, SpeakerNeed, eligibility};
use crate::planner::run::{Planned, Stages};
use crate::planner::schedule::rebase::{BaseSession, Rebase};
use crate::planner::schedule::{Resource, StudioTeam, Unit};
use crate::planner::{Deadline, ModelLog};
use crate::wire::{BaseOut, ChangeOut, PlanFile, SessionOut, SlotOut, ViolationOut, money};

/// What the office asks of a re-plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The published plan file, as given (recorded in `base.plan`).
    pub base_path: String,
    /// Its fingerprint.
    pub base_digest: String,
    /// The re-plan's day.
    pub today: NaiveDate,
    /// Sessions to keep exactly.
    pub pins: Vec<String>,
    /// Sessions cancelled.
    pub cancel: Vec<String>,
}

/// Why a re-plan cannot start (bad input: exit 2).
#[derive(Debug, Clone, PartialEq)]
pub enum ReplanError {
    /// The rules have no `[replan]` weights.
    NoWeights,
    /// Pinned or cancelled ids that the published plan does not have.
    UnknownSessions(Vec<String>),
    /// A session both pinned and cancelled.
    PinnedAndCancelled(Vec<String>),
    /// The published plan has no sessions (it was infeasible).
    EmptyBase,
    /// Sessions already held that the current inputs contradict (a fact cannot change): each
    /// as `id: what`, both languages.
    PastContradicted(Vec<String>),
}

impl std::fmt::Display for ReplanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoWeights => write!(
                f,
                "the rules have no [replan] section: add the change weights (moved, venue_changed, speaker_changed, dropped, added, person; see rules/jzmu.toml)\n规则文件缺少 [replan] 一节：请加上调整代价权重（见 rules/jzmu.toml）"
            ),
            Self::UnknownSessions(ids) => write!(
                f,
                "the published plan has no session {}: --pin and --cancel take ids from its `sessions`\n已发布计划中没有活动 {}：--pin 与 --cancel 应使用其 sessions 中的编号",
                ids.join(", "),
                ids.join("、")
            ),
            Self::PinnedAndCancelled(ids) => write!(
                f,
                "session {} is both pinned and cancelled: keep one of --pin / --cancel\n活动 {} 同时被固定和取消：请只保留 --pin 或 --cancel 之一",
                ids.join(", "),
                ids.join("、")
            ),
            Self::PastContradicted(list) => write!(
                f,
                "the inputs now contradict sessions already held (the past cannot change): restore these inputs, or re-plan from an earlier --today\n输入与已举行的活动矛盾（已发生的不能更改）：请恢复相应输入，或改用更早的 --today\n  {}",
                list.join("\n  ")
            ),
            Self::EmptyBase => write!(
                f,
                "the published plan has no sessions (it was infeasible): plan from scratch with `fudao plan`\n已发布计划没有任何活动（不可行）：请用 fudao plan 重新编制"
            ),
        }
    }
}

/// The fingerprint of a file's bytes (FNV-1a, 64 bits, hex).
pub fn digest(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The number in an id `S012` (0 when it has none).
fn number(id: &str) -> u32 {
    id.trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or(0)
}

/// Re-plan `base` under `inputs`.
pub fn replan(
    inputs: &Inputs,
    base: &PlanFile,
    opts: &Options,
    deadline: &Deadline,
) -> Result<Planned, ReplanError> {
    let weights = inputs.rules.replan.ok_or(ReplanError::NoWeights)?;
    if base.sessions.is_empty() {
        return Err(ReplanError::EmptyBase);
    }
    let known: BTreeSet<&str> = base.sessions.iter().map(|s| s.id.as_str()).collect();
    let unknown: Vec<String> = opts
        .pins
        .iter()
        .chain(&opts.cancel)
        .filter(|id| !known.contains(id.as_str()))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(ReplanError::UnknownSessions(unknown));
    }
    let both: Vec<String> = opts
        .pins
        .iter()
        .filter(|id| opts.cancel.contains(id))
        .cloned()
        .collect();
    if !both.is_empty() {
        return Err(ReplanError::PinnedAndCancelled(both));
    }

    let contradicted = past_contradicted(inputs, base, opts.today);
    if !contradicted.is_empty() {
        return Err(ReplanError::PastContradicted(contradicted));
    }
    let (stages, mut notes) = stages(inputs, base, opts.today, deadline);
    let people = crate::planner::run::people_out(inputs, &stages.profiles);
    if let Some(why) = &stages.blocked {
        // an earlier stage cannot be decided: the plain planner's infeasible result says why
        let mut p = crate::planner::run::run_with(inputs, deadline);
        if let Some(c) = p.conflicts.first_mut() {
            c.message = why.clone();
        }
        return Ok(p);
    }

    // the published sessions still wanted, resolved against the current inputs
    let cancelled: BTreeSet<&str> = opts.cancel.iter().map(String::as_str).collect();
    let pinned: BTreeSet<&str> = opts.pins.iter().map(String::as_str).collect();
    // a cancelled session of a kind the rules require (a count per month or semester, a unit
    // minimum, a session others follow) is held on another day instead; others are dropped
    let required = |s: &SessionOut| {
        inputs
            .rules
            .session_kinds
            .iter()
            .enumerate()
            .find(|(_, k)| k.id == s.kind)
            .is_some_and(|(i, k)| {
                k.required
                    || k.per_month.is_some()
                    || k.per_semester.is_some()
                    || k.per_unit_min.is_some()
                    || k.with_kind.is_some()
                    || inputs
                        .rules
                        .session_kinds
                        .iter()
                        .any(|f| f.with_kind == Some(i))
            })
    };
    let past = |s: &SessionOut| parse(&s.date).is_some_and(|d| d < opts.today);
    let kept: Vec<&SessionOut> = base
        .sessions
        .iter()
        .filter(|s| !cancelled.contains(s.id.as_str()) || past(s) || required(s))
        .collect();
    let rb = Rebase {
        today: opts.today,
        weights,
        sessions: kept
            .iter()
            .filter_map(|s| {
                let mut b = resolve(inputs, s, opts.today, &pinned)?;
                b.avoid = cancelled.contains(s.id.as_str()) && !past(s);
                Some(b)
            })
            .collect(),
    };
    let base_ids: Vec<String> = rb.sessions.iter().map(|b| b.id.clone()).collect();
    let mut planned = crate::planner::run::assemble_rebased(
        inputs,
        &stages,
        people,
        deadline,
        &ModelLog::off(),
        Some(rb),
    );
    if planned.file.status == "infeasible" {
        return Ok(planned);
    }

    // identity: kept sessions keep their ids, new ones continue the numbering
    let mut last = base.base.as_ref().map_or(0, |b| b.last_id).max(
        base.sessions
            .iter()
            .map(|s| number(&s.id))
            .max()
            .unwrap_or(0),
    );
    for (s, b) in planned.file.sessions.iter_mut().zip(&planned.bases) {
        s.id = match b {
            Some(i) => base_ids[*i].clone(),
            None => {
                last += 1;
                format!("S{last:03}")
            }
        };
    }
    let dropped: BTreeMap<String, String> = planned
        .dropped
        .iter()
        .map(|(i, why)| (base_ids[*i].clone(), why.clone()))
        .collect();
    let changes = changes(inputs, base, &planned.file, &opts.cancel, &dropped);
    // an event changed by this re-plan gets the next calendar SEQUENCE
    let changed: BTreeSet<&str> = changes.iter().map(|c| c.session.as_str()).collect();
    let published: BTreeMap<&str, u32> = base
        .sessions
        .iter()
        .map(|s| (s.id.as_str(), s.sequence))
        .collect();
    for s in &mut planned.file.sessions {
        s.sequence = published.get(s.id.as_str()).map_or(0, |&q| {
            if changed.contains(s.id.as_str()) {
                q + 1
            } else {
                q
            }
        });
    }
    let counts = counts(base, &planned.file, &changes);
    let penalty = money(penalty(&weights, &counts));
    let file = &mut planned.file;
    if changes.is_empty() && notes.is_empty() {
        // nothing changed: the published plan stands, with its status, gap, limits and notes
        file.status = base.status.clone();
        file.gap = base.gap;
        file.limits = base.limits.clone();
        file.violations = base.violations.clone();
    }
    if penalty > 0.0 {
        file.objective.terms.insert("change".into(), -penalty);
        file.objective.total = money(file.objective.terms.values().sum());
    }
    file.violations.append(&mut notes);
    file.base = Some(BaseOut {
        plan: opts.base_path.clone(),
        digest: opts.base_digest.clone(),
        today: opts.today.to_string(),
        pinned: opts.pins.clone(),
        cancelled: opts.cancel.clone(),
        last_id: last,
        changes,
        counts,
        penalty,
    });
    Ok(planned)
}

fn parse(d: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}

/// Sessions held before `today` that the current inputs contradict: an unknown kind, slot,
/// venue or speaker, a speaker's or visit's date removed, a venue closed on the day.
fn past_contradicted(inputs: &Inputs, base: &PlanFile, today: NaiveDate) -> Vec<String> {
    let sc = &inputs.scenario;
    let r = &inputs.rules;
    let mut out = Vec::new();
    for s in &base.sessions {
        let Some(date) = parse(&s.date).filter(|d| *d < today) else {
            continue;
        };
        let mut why: Vec<String> = Vec::new();
        if !r.session_kinds.iter().any(|k| k.id == s.kind) {
            why.push(format!(
                "活动类别 {} 已不在规则中 / kind {} is no longer in the rules",
                s.kind, s.kind
            ));
        }
        if !r.calendar.slots.iter().any(|x| x.id == s.slot) {
            why.push(format!(
                "时段 {} 已不在规则中 / slot {} is no longer in the rules",
                s.slot, s.slot
            ));
        }
        if let Some(v) = &s.venue {
            match sc.venues.iter().find(|x| &x.id == v) {
                None => why.push(format!(
                    "场地 {v} 已不在场景中 / venue {v} is no longer in the scenario"
                )),
                Some(x) => {
                    if let Some(c) = x.blocked_on(date) {
                        why.push(format!(
                            "{}在 {date} 不可用（{}） / {} is closed on {date} ({})",
                            x.name, c.name, x.name, c.name
                        ));
                    }
                }
            }
        }
        if let Some(sp) = &s.speaker {
            let dates = sc
                .speakers
                .iter()
                .find(|x| &x.id == sp)
                .map(|x| (&x.name, Some(&x.dates)))
                .or_else(|| {
                    sc.visits
                        .iter()
                        .find(|x| &x.id == sp)
                        .map(|x| (&x.name, Some(&x.dates)))
                })
                .or_else(|| {
                    sc.online_courses
                        .iter()
                        .find(|x| &x.id == sp)
                        .map(|x| (&x.name, None))
                });
            match dates {
                None => why.push(format!(
                    "{sp} 已不在场景中 / {sp} is no longer in the scenario"
                )),
                Some((name, Some(d))) if !d.contains(&date) => why.push(format!(
                    "{name}的日期已不含 {date} / {name}'s dates no longer include {date}"
                )),
                _ => {}
            }
        }
        if !why.is_empty() {
            out.push(format!("{} ({}): {}", s.id, s.date, why.join("; ")));
        }
    }
    out
}

/// A published session against the current inputs (`None` when its kind or date is unknown).
fn resolve(
    inputs: &Inputs,
    s: &SessionOut,
    today: NaiveDate,
    pinned: &BTreeSet<&str>,
) -> Option<BaseSession> {
    let r = &inputs.rules;
    let sc = &inputs.scenario;
    let kind = r.session_kinds.iter().position(|k| k.id == s.kind)?;
    let date = parse(&s.date)?;
    let slot = r.calendar.slots.iter().position(|x| x.id == s.slot)?;
    let resource = match (r.session_kinds[kind].speaker, &s.speaker) {
        (SpeakerNeed::None, _) => Some(Resource::None),
        (SpeakerNeed::Visit, Some(id)) => sc
            .visits
            .iter()
            .position(|v| &v.id == id)
            .map(Resource::Visit),
        (SpeakerNeed::Online, Some(id)) => sc
            .online_courses
            .iter()
            .position(|v| &v.id == id)
            .map(Resource::Course),
        (_, Some(id)) => sc
            .speakers
            .iter()
            .position(|v| &v.id == id)
            .map(Resource::Speaker),
        (_, None) => Some(Resource::None),
    };
    Some(BaseSession {
        id: s.id.clone(),
        kind,
        duty: s.duty.as_ref().and_then(|d| r.duty(d)),
        audience: s.audience.clone(),
        cohort: s.cohort.map(|c| c.no as usize),
        resource,
        date,
        slot,
        venue: s
            .venue
            .as_ref()
            .and_then(|v| sc.venues.iter().position(|x| &x.id == v)),
        fixed: date < today || pinned.contains(s.id.as_str()),
        avoid: false,
    })
}

/// The earlier stages of a re-plan: the published ones while the rules allow them.
fn stages(
    inputs: &Inputs,
    base: &PlanFile,
    today: NaiveDate,
    deadline: &Deadline,
) -> (Stages, Vec<ViolationOut>) {
    let mut fresh = crate::planner::run::stages_with(inputs, deadline);
    let mut notes = Vec::new();
    if fresh.blocked.is_some() {
        return (fresh, notes);
    }
    // two levels: the same arrangement decided again, or the published one if still allowed
    let members = |cl: &[crate::wire::ClusterOut]| -> BTreeSet<Vec<String>> {
        cl.iter().map(|c| c.colleges.clone()).collect()
    };
    if members(&fresh.clusters) != members(&base.clusters) {
        match published_units(inputs, base) {
            Ok(units) => {
                fresh.units = units;
                fresh.colleges = base.colleges.clone();
                fresh.clusters = base.clusters.clone();
                let ft = inputs.full_time_counselors();
                for c in &mut fresh.colleges {
                    if let Some(i) = inputs.scenario.colleges.iter().position(|x| x.id == c.id) {
                        c.full_time_counselors = ft[i];
                    }
                }
            }
            Err(why) => notes.push(ViolationOut {
                rule: "replan.two_level".into(),
                message: format!(
                    "已发布的联合培训安排不再符合规则，已重新划分：{} / the published joint-training arrangement no longer meets the rules and was decided again: {}",
                    why.0, why.1
                ),
            }),
        }
    }
    // studios: the published teams without the people who left, while still valid
    // (checked even when staffing again gives the same teams: a lead who leaves before the
    // semester ends is still on the teams the stage draws from the semester's first day)
    {
        match published_teams(inputs, base, today) {
            Ok((teams, out, mut repaired)) => {
                fresh.studios = teams;
                fresh.studios_out = out;
                notes.append(&mut repaired);
                // the published plan's unstaffed studios are the ones still unstaffed
                fresh.unstaffed = base
                    .violations
                    .iter()
                    .filter(|v| v.rule == "studios.unstaffed")
                    .cloned()
                    .collect();
            }
            Err(why) => notes.push(ViolationOut {
                rule: "replan.studios".into(),
                message: format!(
                    "已发布的工作室团队不再符合规则，已重新配置：{} / the published studio teams no longer meet the rules and were staffed again: {}",
                    why.0, why.1
                ),
            }),
        }
    }
    (fresh, notes)
}

type Why = (String, String);

/// Studio teams as the schedule takes them, as plan.json writes them, and the repairs made.
type Teams = (
    Vec<StudioTeam>,
    Vec<crate::wire::StudioOut>,
    Vec<ViolationOut>,
);

/// The published training units, if the rules still allow them.
fn published_units(inputs: &Inputs, base: &PlanFile) -> Result<Vec<Unit>, Why> {
    let sc = &inputs.scenario;
    let tl = &inputs.rules.two_level;
    let ft = inputs.full_time_counselors();
    let idx = |id: &str| sc.colleges.iter().position(|c| c.id == id);
    if base.colleges.len() != sc.colleges.len()
        || base.colleges.iter().any(|c| idx(&c.id).is_none())
    {
        return Err((
            "学院名单已变化".into(),
            "the list of colleges changed".into(),
        ));
    }
    for c in &base.colleges {
        let i = idx(&c.id).unwrap_or(0);
        let alone = tl.trains_on_its_own(ft[i]);
        if alone != (c.mode == "independent") {
            return Err((
                format!(
                    "{} 现有 {} 名专职辅导员，按 two_level.independent_min = {} 应{}",
                    sc.colleges[i].name,
                    ft[i],
                    tl.independent_min,
                    if alone {
                        "单独培训"
                    } else {
                        "联合培训"
                    }
                ),
                format!(
                    "{} now has {} full-time counselors and two_level.independent_min = {} makes it {}",
                    sc.colleges[i].name,
                    ft[i],
                    tl.independent_min,
                    if alone { "independent" } else { "joint" }
                ),
            ));
        }
    }
    let campuses = |cs: &[usize]| {
        let mut v: Vec<usize> = cs.iter().map(|&c| sc.colleges[c].campus).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut units = Vec::new();
    for c in base.colleges.iter().filter(|c| c.mode == "independent") {
        let i = idx(&c.id).unwrap_or(0);
        let mut cs = vec![i];
        cs.extend(
            base.colleges
                .iter()
                .filter(|g| g.mode == "guest" && g.guest_of.as_deref() == Some(c.id.as_str()))
                .filter_map(|g| idx(&g.id)),
        );
        units.push(Unit {
            id: c.id.clone(),
            campuses: campuses(&cs),
            colleges: cs,
        });
    }
    for cl in &base.clusters {
        let cs: Vec<usize> = cl.colleges.iter().filter_map(|id| idx(id)).collect();
        let total: u32 = cs.iter().map(|&c| ft[c]).sum();
        let far = cs.iter().enumerate().any(|(k, &a)| {
            cs[k + 1..].iter().any(|&b| {
                let (ca, cb) = (sc.colleges[a].campus, sc.colleges[b].campus);
                ca != cb && sc.travel_minutes[ca][cb].is_none_or(|m| m > tl.max_travel_minutes)
            })
        });
        if total < tl.independent_min || cs.len() as u32 > tl.max_cluster_colleges || far {
            return Err((
                format!(
                    "联合组 {}（{}）已不满足人数、规模或路程要求",
                    cl.id,
                    cl.colleges.join("、")
                ),
                format!(
                    "cluster {} ({}) no longer meets the threshold, size or travel rules",
                    cl.id,
                    cl.colleges.join(", ")
                ),
            ));
        }
        units.push(Unit {
            id: cl.id.clone(),
            campuses: campuses(&cs),
            colleges: cs,
        });
    }
    Ok(units)
}

/// The published studio teams without the people who left, if still valid.
fn published_teams(inputs: &Inputs, base: &PlanFile, today: NaiveDate) -> Result<Teams, Why> {
    let sc = &inputs.scenario;
    let rules = &inputs.rules;
    let mut notes = Vec::new();
    let present = |id: &str| {
        sc.people
            .iter()
            .position(|p| p.id == id)
            .filter(|&p| sc.people[p].left.is_none_or(|l| l >= today))
    };
    let mut teams = Vec::new();
    let mut out = Vec::new();
    for s in &base.studios {
        let Some(duty) = rules.duty(&s.duty) else {
            return Err((
                format!("职责 {} 已不在规则中", s.duty),
                format!("duty {} is no longer in the rules", s.duty),
            ));
        };
        let mut o = s.clone();
        o.backbone.retain(|id| present(id).is_some());
        o.members.retain(|id| present(id).is_some());
        let Some(lead_id) = &s.lead else {
            out.push(o);
            continue;
        };
        // the lead, or — when the lead left or is no longer eligible — the smallest repair: the
        // team's most senior backbone member (then member) eligible to lead takes over
        let at = sc.semester.start;
        let able = |p: usize| {
            let v = eligibility::lead(rules, &sc.people[p], at).verdict;
            (v == eligibility::Verdict::Eligible
                || v == eligibility::Verdict::WithWaiver && rules.studios.lead.title_waivable)
                .then_some(v)
        };
        // a lead must stay to the semester's end
        let stays = |p: usize| sc.people[p].left.is_none_or(|l| l >= sc.semester.end);
        let gone = match present(lead_id) {
            None => Some(("已离开".to_string(), "has left".to_string())),
            Some(p) if !stays(p) => Some((
                format!("将于 {} 离岗", sc.people[p].left.unwrap_or(today)),
                format!("leaves on {}", sc.people[p].left.unwrap_or(today)),
            )),
            Some(p) if able(p).is_none() => {
                let el = eligibility::lead(rules, &sc.people[p], at);
                Some((
                    format!("不再符合条件（{}）", el.summary_zh()),
                    format!("is no longer eligible ({})", el.summary_en()),
                ))
            }
            Some(_) => None,
        };
        let lead = match gone {
            None => present(lead_id).unwrap_or(0),
            Some((why_zh, why_en)) => {
                let mut pool: Vec<(bool, std::cmp::Reverse<u32>, String, usize)> = o
                    .backbone
                    .iter()
                    .map(|id| (false, id))
                    .chain(o.members.iter().map(|id| (true, id)))
                    .filter_map(|(member, id)| {
                        let p = present(id).filter(|&p| stays(p))?;
                        let v = able(p)?;
                        Some((
                            member || v == eligibility::Verdict::WithWaiver,
                            std::cmp::Reverse(sc.people[p].years_as_counselor(at)),
                            id.clone(),
                            p,
                        ))
                    })
                    .collect();
                pool.sort();
                let Some((_, _, new_id, p)) = pool.into_iter().next() else {
                    return Err((
                        format!(
                            "工作室（{}）负责人 {lead_id} {why_zh}，团队中无人符合负责人条件",
                            s.duty
                        ),
                        format!(
                            "the lead {lead_id} of studio {} {why_en} and nobody on the team can lead it",
                            s.duty
                        ),
                    ));
                };
                let waived = able(p) == Some(eligibility::Verdict::WithWaiver);
                o.backbone.retain(|x| x != &new_id);
                o.members.retain(|x| x != &new_id);
                o.lead = Some(new_id.clone());
                o.title_waived = waived;
                let old_name = sc
                    .people
                    .iter()
                    .find(|x| &x.id == lead_id)
                    .map_or(lead_id.clone(), |x| x.name.clone());
                let dz = &rules.duties[duty].zh;
                let text = format!(
                    "{dz}工作室原负责人{old_name}{why_zh}，由团队中的{}接任 / the lead {old_name} of the {} studio {why_en}; {} of its team takes over",
                    sc.people[p].name, rules.duties[duty].en, sc.people[p].name
                );
                o.reason = text.clone();
                notes.push(ViolationOut {
                    rule: "replan.studios".into(),
                    message: text,
                });
                p
            }
        };
        let size = 1 + o.backbone.len() + o.members.len();
        if (size as u32) < rules.studios.min_size
            || (o.backbone.len() as u32) < rules.studios.min_backbone
        {
            return Err((
                format!(
                    "工作室（{}）人员离开后不足 {} 人或骨干不足",
                    s.duty, rules.studios.min_size
                ),
                format!(
                    "studio {} falls below {} people or its backbone minimum once the people who left are out",
                    s.duty, rules.studios.min_size
                ),
            ));
        }
        let mut people: Vec<usize> = vec![lead];
        people.extend(
            o.backbone
                .iter()
                .chain(&o.members)
                .filter_map(|id| present(id)),
        );
        teams.push(StudioTeam { duty, people });
        out.push(o);
    }
    Ok((teams, out, notes))
}

fn slot_of(s: &SessionOut) -> SlotOut {
    SlotOut {
        date: s.date.clone(),
        slot: s.slot.clone(),
        venue: s.venue.clone(),
        speaker: s.speaker.clone(),
    }
}

/// `10 月 22 日上午`.
fn when_zh(inputs: &Inputs, date: &str, slot: &str) -> String {
    let d = parse(date);
    let slot = inputs
        .rules
        .calendar
        .slots
        .iter()
        .find(|x| x.id == slot)
        .map_or(slot.to_string(), |x| x.zh.clone());
    match d {
        Some(d) => format!("{}月{}日{slot}", d.month(), d.day()),
        None => format!("{date} {slot}"),
    }
}

fn when_en(date: &str, slot: &str) -> String {
    format!("{date} ({slot})")
}

/// The kind's English name, and the speaker's name: `theme lecture (邓天翼)`.
fn what_en(inputs: &Inputs, s: &SessionOut) -> String {
    let kind = inputs
        .rules
        .session_kinds
        .iter()
        .find(|k| k.id == s.kind)
        .map_or(s.kind.clone(), |k| k.en.clone());
    match &s.speaker {
        Some(sp) => format!("{kind} ({})", speaker_name(inputs, sp)),
        None => kind,
    }
}

fn speaker_name(inputs: &Inputs, id: &str) -> String {
    let sc = &inputs.scenario;
    sc.speakers
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.name.clone())
        .or_else(|| {
            sc.visits
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.name.clone())
        })
        .or_else(|| {
            sc.online_courses
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.name.clone())
        })
        .unwrap_or_else(|| id.to_string())
}

fn venue_name(inputs: &Inputs, id: &Option<String>) -> String {
    match id {
        Some(v) => inputs
            .scenario
            .venues
            .iter()
            .find(|x| &x.id == v)
            .map_or(v.clone(), |x| x.name.clone()),
        None => "线上或校外 online or off campus".into(),
    }
}

fn person_name(inputs: &Inputs, id: &str) -> String {
    inputs
        .scenario
        .people
        .iter()
        .find(|p| p.id == id)
        .map_or(id.to_string(), |p| p.name.clone())
}

/// What the session is, for a notice: `专家专题培训（主讲：宋晓梅）`.
fn what_zh(inputs: &Inputs, s: &SessionOut) -> String {
    let kind = inputs
        .rules
        .session_kinds
        .iter()
        .find(|k| k.id == s.kind)
        .map_or(s.kind.clone(), |k| k.zh.clone());
    match &s.speaker {
        Some(sp) => format!("{kind}（{}）", speaker_name(inputs, sp)),
        None => kind,
    }
}

/// Why a published session could not stay where it was, from the inputs alone.
fn why_moved(inputs: &Inputs, b: &SessionOut) -> (String, String) {
    let sc = &inputs.scenario;
    let rules = &inputs.rules;
    if let Some(leader) = rules
        .session_kinds
        .iter()
        .find(|k| k.id == b.kind)
        .and_then(|k| k.with_kind)
    {
        let l = &rules.session_kinds[leader];
        return (
            format!("紧随{}举行，随之调整", l.zh),
            format!("it follows the {}, which changed", l.en),
        );
    }
    let Some(date) = parse(&b.date) else {
        return ("原日期无法识别".into(), "its date does not read".into());
    };
    if let Some(sp) = &b.speaker {
        if let Some(s) = sc.speakers.iter().find(|s| &s.id == sp)
            && !s.dates.contains(&date)
        {
            return (
                format!(
                    "主讲人{}不能于{}月{}日到场",
                    s.name,
                    date.month(),
                    date.day()
                ),
                format!("the speaker {} cannot come on {date}", s.name),
            );
        }
        if let Some(v) = sc.visits.iter().find(|s| &s.id == sp)
            && !v.dates.contains(&date)
        {
            return (
                format!(
                    "考察单位{}不能于{}月{}日接待",
                    v.name,
                    date.month(),
                    date.day()
                ),
                format!("{} cannot receive visitors on {date}", v.name),
            );
        }
    }
    if let Some(v) = &b.venue {
        match sc.venues.iter().find(|x| &x.id == v) {
            None => {
                return (
                    format!("场地 {v} 已不可用"),
                    format!("the venue {v} is no longer available"),
                );
            }
            Some(x) => {
                if let Some(r) = x.blocked_on(date) {
                    return (
                        format!(
                            "{}在 {} 至 {} 期间不可用（{}）",
                            x.name, r.start, r.end, r.name
                        ),
                        format!(
                            "{} is closed from {} to {} ({})",
                            x.name, r.start, r.end, r.name
                        ),
                    );
                }
            }
        }
    }
    let usable = crate::domain::calendar::Calendar::new(&sc.semester, &inputs.rules.calendar)
        .days
        .iter()
        .any(|d| d.date == date);
    if !usable {
        return (
            format!("{}月{}日已不能安排活动", date.month(), date.day()),
            format!("{date} can no longer hold sessions"),
        );
    }
    (
        "原时段与调整后的其他活动或参训人员的安排冲突".into(),
        "its slot clashes with another change or with its attendees' other sessions".into(),
    )
}

/// Every change between the published plan and the re-plan, in published date order (added
/// sessions at their new date).
fn changes(
    inputs: &Inputs,
    base: &PlanFile,
    plan: &PlanFile,
    cancelled: &[String],
    dropped: &BTreeMap<String, String>,
) -> Vec<ChangeOut> {
    let new: BTreeMap<&str, &SessionOut> =
        plan.sessions.iter().map(|s| (s.id.as_str(), s)).collect();
    let old: BTreeSet<&str> = base.sessions.iter().map(|s| s.id.as_str()).collect();
    let mut out: Vec<(String, String, ChangeOut)> = Vec::new();
    for b in &base.sessions {
        let key = (b.date.clone(), b.slot.clone());
        let was = when_zh(inputs, &b.date, &b.slot);
        let what = what_zh(inputs, b);
        let Some(n) = new.get(b.id.as_str()) else {
            let (why_zh, why_en) = if cancelled.contains(&b.id) {
                (
                    "办公室取消".to_string(),
                    "cancelled by the office".to_string(),
                )
            } else if let Some(w) = dropped.get(&b.id) {
                match w.split_once(" / ") {
                    Some((z, e)) => (z.to_string(), e.to_string()),
                    None => (w.clone(), w.clone()),
                }
            } else {
                (
                    "已无合适的时间与场地".into(),
                    "no legal date and venue is left for it".into(),
                )
            };
            out.push((
                key.0,
                key.1,
                ChangeOut {
                    session: b.id.clone(),
                    what: vec!["dropped".into()],
                    before: Some(slot_of(b)),
                    after: None,
                    joined: Vec::new(),
                    left: b.attendees.clone(),
                    why: format!("{why_zh} / {why_en}"),
                    zh: format!("原定{was}的{what}取消，因{why_zh}。"),
                    en: format!(
                        "The {} of {} is cancelled: {why_en}.",
                        what_en(inputs, b),
                        when_en(&b.date, &b.slot)
                    ),
                },
            ));
            continue;
        };
        let mut what_changed = Vec::new();
        if n.date != b.date || n.slot != b.slot {
            what_changed.push("moved".to_string());
        }
        if n.venue != b.venue {
            what_changed.push("venue_changed".into());
        }
        if n.speaker != b.speaker {
            what_changed.push("speaker_changed".into());
        }
        let bs: BTreeSet<&String> = b.attendees.iter().collect();
        let ns: BTreeSet<&String> = n.attendees.iter().collect();
        let joined: Vec<String> = ns.difference(&bs).map(|s| (*s).clone()).collect();
        let left: Vec<String> = bs.difference(&ns).map(|s| (*s).clone()).collect();
        if what_changed.is_empty() && joined.is_empty() && left.is_empty() {
            continue;
        }
        let (why_zh, why_en) = if cancelled.contains(&b.id) && !what_changed.is_empty() {
            (
                "办公室取消了原定时间，而规则要求举办此活动，故另行安排".to_string(),
                "the office cancelled it on its date and the rules require it, so it is held on another day"
                    .to_string(),
            )
        } else if what_changed.is_empty() {
            (
                "参训人员的入职、离岗或请假".to_string(),
                "people hired, leaving or away".to_string(),
            )
        } else {
            why_moved(inputs, b)
        };
        let mut zh = String::new();
        let mut en = String::new();
        if what_changed.is_empty() {
            let names = |ids: &[String]| {
                ids.iter()
                    .map(|i| person_name(inputs, i))
                    .collect::<Vec<_>>()
                    .join("、")
            };
            let mut parts = Vec::new();
            if !joined.is_empty() {
                parts.push(format!("新增{}", names(&joined)));
            }
            if !left.is_empty() {
                parts.push(format!("{}不再参加", names(&left)));
            }
            zh.push_str(&format!(
                "{was}的{what}参训人员调整：{}。",
                parts.join("，")
            ));
            en.push_str(&format!(
                "The {} of {}: {} join, {} no longer attend.",
                what_en(inputs, n),
                when_en(&n.date, &n.slot),
                joined.len(),
                left.len()
            ));
            what_changed.push("attendees".into());
        } else {
            let now = when_zh(inputs, &n.date, &n.slot);
            let mut after = Vec::new();
            if n.date != b.date || n.slot != b.slot {
                after.push(format!("改至{now}"));
            }
            if n.venue != b.venue {
                after.push(format!("地点改为{}", venue_name(inputs, &n.venue)));
            }
            if n.speaker != b.speaker {
                after.push(format!(
                    "主讲改为{}",
                    n.speaker
                        .as_deref()
                        .map_or("—".to_string(), |s| speaker_name(inputs, s))
                ));
            }
            zh.push_str(&format!(
                "原定{was}在{}举行的{what}{}，因{why_zh}。",
                venue_name(inputs, &b.venue),
                after.join("，")
            ));
            let mut after_en = Vec::new();
            if n.date != b.date || n.slot != b.slot {
                after_en.push(format!("moves to {}", when_en(&n.date, &n.slot)));
            }
            if n.venue != b.venue {
                after_en.push(format!("is held in {}", venue_name(inputs, &n.venue)));
            }
            if n.speaker != b.speaker {
                after_en.push(format!(
                    "is given by {}",
                    n.speaker
                        .as_deref()
                        .map_or("—".to_string(), |s| speaker_name(inputs, s))
                ));
            }
            en.push_str(&format!(
                "The {} of {} in {} {}: {why_en}.",
                what_en(inputs, b),
                when_en(&b.date, &b.slot),
                venue_name(inputs, &b.venue),
                after_en.join(" and ")
            ));
        }
        out.push((
            key.0,
            key.1,
            ChangeOut {
                session: b.id.clone(),
                what: what_changed,
                before: Some(slot_of(b)),
                after: Some(slot_of(n)),
                joined,
                left,
                why: format!("{why_zh} / {why_en}"),
                zh,
                en,
            },
        ));
    }
    for n in plan
        .sessions
        .iter()
        .filter(|s| !old.contains(s.id.as_str()))
    {
        let now = when_zh(inputs, &n.date, &n.slot);
        out.push((
            n.date.clone(),
            n.slot.clone(),
            ChangeOut {
                session: n.id.clone(),
                what: vec!["added".into()],
                before: None,
                after: Some(slot_of(n)),
                joined: n.attendees.clone(),
                left: Vec::new(),
                why: "随调整后的活动一同举办 / held with a session that changed".into(),
                zh: format!(
                    "新增{now}在{}举行的{}。",
                    venue_name(inputs, &n.venue),
                    what_zh(inputs, n)
                ),
                en: format!(
                    "New: the {} of {} in {}.",
                    what_en(inputs, n),
                    when_en(&n.date, &n.slot),
                    venue_name(inputs, &n.venue)
                ),
            },
        ));
    }
    out.sort_by(|a, b| (&a.0, &a.1, &a.2.session).cmp(&(&b.0, &b.1, &b.2.session)));
    out.into_iter().map(|(_, _, c)| c).collect()
}

/// How many of each change, and the people whose calendar changes.
fn counts(base: &PlanFile, plan: &PlanFile, changes: &[ChangeOut]) -> BTreeMap<String, u32> {
    let mut m: BTreeMap<String, u32> = [
        "moved",
        "venue_changed",
        "speaker_changed",
        "dropped",
        "added",
        "people",
    ]
    .iter()
    .map(|k| (k.to_string(), 0))
    .collect();
    for c in changes {
        for w in &c.what {
            if let Some(n) = m.get_mut(w.as_str()) {
                *n += 1;
            }
        }
    }
    m.insert("people".into(), people_changed(base, plan));
    m
}

/// Persons whose calendar — the sessions they attend, each with its date and slot — differs.
pub fn people_changed(base: &PlanFile, plan: &PlanFile) -> u32 {
    type Calendars<'a> = BTreeMap<&'a str, BTreeSet<(&'a str, &'a str, &'a str)>>;
    fn calendars(p: &PlanFile) -> Calendars<'_> {
        let mut m: Calendars<'_> = BTreeMap::new();
        for s in &p.sessions {
            for a in &s.attendees {
                m.entry(a.as_str()).or_default().insert((
                    s.id.as_str(),
                    s.date.as_str(),
                    s.slot.as_str(),
                ));
            }
        }
        m
    }
    let (a, b) = (calendars(base), calendars(plan));
    let everyone: BTreeSet<&str> = a.keys().chain(b.keys()).copied().collect();
    everyone
        .into_iter()
        .filter(|p| a.get(p) != b.get(p))
        .count() as u32
}

/// The change penalty of `counts` under `w`.
pub fn penalty(w: &ReplanWeights, counts: &BTreeMap<String, u32>) -> f64 {
    let n = |k: &str| f64::from(counts.get(k).copied().unwrap_or(0));
    w.moved * n("moved")
        + w.venue_changed * n("venue_changed")
        + w.speaker_changed * n("speaker_changed")
        + w.dropped * n("dropped")
        + w.added * n("added")
        + w.person * n("people")
}
