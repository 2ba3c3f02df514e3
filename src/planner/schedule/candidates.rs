//! Candidate sessions: every (kind, speaker/visit/course, duty, audience[, month, unit, studio])
//! the rules allow, with its estimated cost, and the counting rules that tie them together.

use std::collections::BTreeMap;

use super::{Context, Unit};
use crate::domain::{
    AudienceMode, DutyIdx, DutyMode, GroupIdx, KindIdx, Level, PersonIdx, SpeakerNeed,
};

/// What a session needs besides a venue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Resource {
    /// Nothing.
    None,
    /// A speaker (index into scenario speakers).
    Speaker(usize),
    /// A visit destination.
    Visit(usize),
    /// An online course.
    Course(usize),
}

/// Who attends.
#[derive(Debug, Clone, PartialEq)]
pub struct Audience {
    /// Labels for plan.json: group ids, `studio:DUTY` or `unit:ID`.
    pub label: Vec<String>,
    /// Attendees, sorted.
    pub people: Vec<PersonIdx>,
    /// Campuses a venue may be on (`None` = any).
    pub campuses: Option<Vec<usize>>,
    /// When a `choose_one` group attends in parts: which part this is.
    pub cohort: Option<Cohort>,
}

/// One part of a group too large for one session of its kind (`session_kinds.<kind>.max_attendees`,
/// the largest visit or venue): the group's members in the order of their training unit and
/// college (colleges together, so a cohort shares its college training and so the duties it still
/// lacks), cut into parts of nearly equal size. The selection then sends each cohort to the
/// sessions its members need.
#[derive(Debug, Clone, PartialEq)]
pub struct Cohort {
    /// The group split.
    pub group: GroupIdx,
    /// 1-based number of this part.
    pub no: usize,
    /// Parts of the group.
    pub of: usize,
    /// The most attendees per session.
    pub limit: u32,
    /// The rule that sets `limit`.
    pub limit_rule: String,
    /// Group members the kind cannot seat in a semester (its sessions × `limit` is less than the
    /// group); they were left out college by college in turn.
    pub left_out: usize,
}

/// A candidate session; `n` copies of it may be held, `0 <= n <= hi`.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Kind.
    pub kind: KindIdx,
    /// Speaker, visit or course.
    pub resource: Resource,
    /// Duty covered.
    pub duty: Option<DutyIdx>,
    /// Index into the audiences.
    pub audience: usize,
    /// Training unit (unit sessions).
    pub unit: Option<usize>,
    /// Studio team index (studio sessions).
    pub studio: Option<usize>,
    /// Calendar month index (per-month kinds).
    pub month: Option<usize>,
    /// Fund index (0 = school).
    pub fund: usize,
    /// Upper bound on copies.
    pub hi: u32,
    /// Estimated cost per copy (cheapest venue that fits).
    pub cost: f64,
    /// The venue-dependent part of `cost`: venue cost × slots plus the attendees' campus travel to
    /// it (see [`travel_cost`]).
    pub venue_cost: f64,
    /// The part of `cost` paid per attendee (the kind's per-attendee cost and a visit's or
    /// online course's cost per person), saved for each audience member who cannot come.
    pub per_attendee: f64,
    /// Hours per copy.
    pub hours: f64,
}

/// A counting rule: `lo <= Σ n_c <= hi` over `members`.
#[derive(Debug, Clone, PartialEq)]
pub struct CountRule {
    /// Rule id.
    pub rule: String,
    /// Candidate indices.
    pub members: Vec<usize>,
    /// Lower bound.
    pub lo: u32,
    /// Upper bound.
    pub hi: Option<u32>,
    /// What it is about, bilingual.
    pub what: String,
}

/// Everything built here.
pub struct Built {
    /// Candidates.
    pub list: Vec<Candidate>,
    /// Audiences.
    pub audiences: Vec<Audience>,
    /// Counting rules.
    pub rules: Vec<CountRule>,
    /// Home campus of each person.
    pub home: Vec<usize>,
}

/// Months that require `per_month` sessions of a kind.
pub fn counted_months(cx: &Context<'_>, kind: KindIdx) -> Vec<usize> {
    let k = &cx.inputs.rules.session_kinds[kind];
    (0..cx.calendar.months.len())
        .filter(|&m| {
            cx.calendar.days.iter().filter(|d| d.month == m).count()
                >= k.per_month_min_days as usize
        })
        .collect()
}

/// Number of sessions a kind must have in total, when the rules fix it.
fn fixed_count(cx: &Context<'_>, kind: KindIdx) -> Option<u32> {
    let k = &cx.inputs.rules.session_kinds[kind];
    if let Some(p) = k.per_month {
        return Some(p * counted_months(cx, kind).len() as u32);
    }
    k.per_semester
}

fn unit_people(cx: &Context<'_>, unit: &Unit) -> Vec<PersonIdx> {
    cx.inputs
        .scenario
        .people
        .iter()
        .enumerate()
        .filter(|(_, p)| p.college.is_some_and(|c| unit.colleges.contains(&c)))
        .map(|(i, _)| i)
        .collect()
}

/// The most attendees one session of a `choose_one` kind can seat, and the rule that sets it: the
/// kind's `max_attendees`, or the largest visit (`visits.max_attendees`) or venue
/// (`venues.capacity`) its sessions could use; `None` when nothing limits it (online courses).
fn seat_limit(
    cx: &Context<'_>,
    ki: KindIdx,
    resources: &[(Resource, Vec<DutyIdx>, u32)],
) -> Option<(u32, String)> {
    let sc = &cx.inputs.scenario;
    let k = &cx.inputs.rules.session_kinds[ki];
    let mut best: Option<(u32, String)> = k
        .max_attendees
        .map(|m| (m, format!("session_kinds.{}.max_attendees", k.id)));
    let mut tighten = |m: u32, rule: &str| {
        if best.as_ref().is_none_or(|b| m < b.0) {
            best = Some((m, rule.to_string()));
        }
    };
    let visits = resources.iter().filter_map(|r| match r.0 {
        Resource::Visit(v) => Some(sc.visits[v].max_attendees),
        _ => None,
    });
    if let Some(m) = visits.max() {
        tighten(m, "visits.max_attendees");
    }
    if resources
        .iter()
        .any(|r| matches!(r.0, Resource::None | Resource::Speaker(_)))
        && let Some(m) = sc.venues.iter().map(|v| v.capacity).max()
    {
        tighten(m, "venues.capacity");
    }
    best
}

/// A `choose_one` kind's audiences from group `g`: the whole group when one session seats it,
/// else cohorts ([`Cohort`]). A kind that holds at most `m` sessions a semester gets at most `m`
/// cohorts; members beyond those seats are left out college by college in turn.
fn cohorts(
    cx: &Context<'_>,
    ki: KindIdx,
    g: GroupIdx,
    people: Vec<PersonIdx>,
    limit: Option<(u32, String)>,
) -> Vec<(Vec<PersonIdx>, Option<Cohort>)> {
    // (a limit of 0 seats nobody: the candidates' own capacity checks leave such sessions out)
    let Some((limit, limit_rule)) = limit.filter(|l| l.0 > 0 && people.len() > l.0 as usize) else {
        return vec![(people, None)];
    };
    let sc = &cx.inputs.scenario;
    let k = &cx.inputs.rules.session_kinds[ki];
    // the order: training unit, college, roster
    let unit_of = |p: PersonIdx| -> (usize, usize) {
        sc.people[p].college.map_or((usize::MAX, usize::MAX), |c| {
            let u = cx
                .units
                .iter()
                .position(|u| u.colleges.contains(&c))
                .unwrap_or(usize::MAX);
            (u, c)
        })
    };
    let mut people = people;
    people.sort_by_key(|&p| (unit_of(p), p));
    let want = people.len().div_ceil(limit as usize);
    let most = k.max_per_semester.map_or(want, |m| (m as usize).max(1));
    let of = want.min(most);
    let seats = of * limit as usize;
    let left_out = people.len().saturating_sub(seats);
    if left_out > 0 {
        // take the colleges in turn, one member each, until the seats are full
        let mut by_college: BTreeMap<(usize, usize), std::collections::VecDeque<PersonIdx>> =
            BTreeMap::new();
        for &p in &people {
            by_college.entry(unit_of(p)).or_default().push_back(p);
        }
        let mut taken = Vec::with_capacity(seats);
        while taken.len() < seats {
            for q in by_college.values_mut() {
                if taken.len() < seats
                    && let Some(p) = q.pop_front()
                {
                    taken.push(p);
                }
            }
        }
        taken.sort_by_key(|&p| (unit_of(p), p));
        people = taken;
    }
    let n = people.len();
    let mut out = Vec::with_capacity(of);
    let mut at = 0;
    for no in 0..of {
        let size = n / of + usize::from(no < n % of);
        out.push((
            people[at..at + size].to_vec(),
            Some(Cohort {
                group: g,
                no: no + 1,
                of,
                limit,
                limit_rule: limit_rule.clone(),
                left_out,
            }),
        ));
        at += size;
    }
    out
}

/// Build everything, counting rules included.
pub fn build_all(cx: &Context<'_>) -> Built {
    let rules = &cx.inputs.rules;
    let sc = &cx.inputs.scenario;
    let home: Vec<usize> = sc
        .people
        .iter()
        .map(|p| p.college.map_or(0, |c| sc.colleges[c].campus))
        .collect();
    let usable = |dates: &[chrono::NaiveDate]| -> u32 {
        dates
            .iter()
            .filter(|d| cx.calendar.days.iter().any(|x| x.date == **d))
            .count() as u32
    };

    let mut audiences: Vec<Audience> = Vec::new();
    type AudKey = (Vec<String>, Vec<PersonIdx>, Option<(usize, usize)>);
    let mut aud_index: BTreeMap<AudKey, usize> = BTreeMap::new();
    fn audience(
        audiences: &mut Vec<Audience>,
        index: &mut BTreeMap<AudKey, usize>,
        label: Vec<String>,
        mut people: Vec<PersonIdx>,
        campuses: Option<Vec<usize>>,
        cohort: Option<Cohort>,
    ) -> usize {
        people.sort_unstable();
        people.dedup();
        let key = (
            label.clone(),
            people.clone(),
            cohort.as_ref().map(|c| (c.no, c.of)),
        );
        *index.entry(key).or_insert_with(|| {
            audiences.push(Audience {
                label,
                people,
                campuses,
                cohort,
            });
            audiences.len() - 1
        })
    }

    let mut list: Vec<Candidate> = Vec::new();
    let mut count_rules: Vec<CountRule> = Vec::new();
    let mut resource_use: BTreeMap<Resource, Vec<usize>> = BTreeMap::new();

    for (ki, k) in rules.session_kinds.iter().enumerate() {
        // resources with their duties and capacity
        let resources: Vec<(Resource, Vec<DutyIdx>, u32)> = match k.speaker {
            SpeakerNeed::None => vec![(Resource::None, Vec::new(), u32::MAX)],
            SpeakerNeed::RoleModel | SpeakerNeed::Expert => sc
                .speakers
                .iter()
                .enumerate()
                .filter(|(_, s)| s.role_model == (k.speaker == SpeakerNeed::RoleModel))
                .filter(|(_, s)| k.min_speaker_level.is_none_or(|min| s.level >= min))
                .map(|(i, s)| (Resource::Speaker(i), s.duties.clone(), usable(&s.dates)))
                .filter(|r| r.2 > 0)
                .collect(),
            SpeakerNeed::Visit => sc
                .visits
                .iter()
                .enumerate()
                .map(|(i, v)| (Resource::Visit(i), v.duties.clone(), usable(&v.dates)))
                .filter(|r| r.2 > 0)
                .collect(),
            SpeakerNeed::Online => sc
                .online_courses
                .iter()
                .enumerate()
                .map(|(i, c)| (Resource::Course(i), c.duties.clone(), 1))
                .collect(),
        };
        // audiences of this kind: (audience idx, unit, studio)
        let mut auds: Vec<(usize, Option<usize>, Option<usize>)> = Vec::new();
        match k.audience_mode {
            AudienceMode::All => {
                let people: Vec<PersonIdx> = k
                    .audience
                    .iter()
                    .flat_map(|&g| cx.profiles.members(g))
                    .collect();
                let label = k
                    .audience
                    .iter()
                    .map(|&g| rules.groups[g].id.clone())
                    .collect();
                auds.push((
                    audience(&mut audiences, &mut aud_index, label, people, None, None),
                    None,
                    None,
                ));
            }
            AudienceMode::ChooseOne => {
                let limit = seat_limit(cx, ki, &resources);
                for &g in &k.audience {
                    let people = cx.profiles.members(g);
                    if people.is_empty() {
                        continue;
                    }
                    for (part, cohort) in cohorts(cx, ki, g, people, limit.clone()) {
                        auds.push((
                            audience(
                                &mut audiences,
                                &mut aud_index,
                                vec![rules.groups[g].id.clone()],
                                part,
                                None,
                                cohort,
                            ),
                            None,
                            None,
                        ));
                    }
                }
            }
            AudienceMode::Studio => {
                for (si, st) in cx.studios.iter().enumerate() {
                    let label = vec![format!("studio:{}", rules.duties[st.duty].id)];
                    auds.push((
                        audience(
                            &mut audiences,
                            &mut aud_index,
                            label,
                            st.people.clone(),
                            None,
                            None,
                        ),
                        None,
                        Some(si),
                    ));
                }
            }
            AudienceMode::Unit => {
                for (ui, u) in cx.units.iter().enumerate() {
                    let label = vec![format!("unit:{}", u.id)];
                    let people = unit_people(cx, u);
                    auds.push((
                        audience(
                            &mut audiences,
                            &mut aud_index,
                            label,
                            people,
                            Some(u.campuses.clone()),
                            None,
                        ),
                        Some(ui),
                        None,
                    ));
                }
            }
        }
        let months: Vec<Option<usize>> = if k.per_month.is_some() && k.with_kind.is_none() {
            counted_months(cx, ki).into_iter().map(Some).collect()
        } else {
            vec![None]
        };
        let with_count = k.with_kind.and_then(|w| fixed_count(cx, w));
        let kind_start = list.len();
        for &(a, unit, studio) in &auds {
            let aud = &audiences[a];
            let n = aud.people.len();
            for (res, res_duties, cap) in &resources {
                if let Resource::Visit(v) = res
                    && n > sc.visits[*v].max_attendees as usize
                {
                    continue;
                }
                let duties: Vec<Option<DutyIdx>> = match k.duty_mode {
                    DutyMode::Choose => (0..rules.duties.len()).map(Some).collect(),
                    DutyMode::Studio => vec![studio.map(|s| cx.studios[s].duty)],
                    DutyMode::Speaker => res_duties.iter().map(|&d| Some(d)).collect(),
                    DutyMode::None => vec![None],
                };
                // venue estimate
                let needs_venue = matches!(res, Resource::None | Resource::Speaker(_));
                let venue_cost = if needs_venue {
                    // the venue that fits with the least weighted cost + travel; placement keeps
                    // to venues no dearer than this
                    let w = &rules.plan;
                    let best = sc
                        .venues
                        .iter()
                        .filter(|v| v.capacity as usize >= n)
                        .filter(|v| {
                            aud.campuses
                                .as_ref()
                                .is_none_or(|cs| cs.contains(&v.campus))
                        })
                        .map(|v| {
                            let travel: f64 = aud
                                .people
                                .iter()
                                .map(|&p| travel_minutes(cx, home[p], v.campus))
                                .sum();
                            let fare: f64 = aud
                                .people
                                .iter()
                                .map(|&p| travel_cost(cx, home[p], v.campus))
                                .sum();
                            let vc = v.cost * f64::from(k.slots) + fare;
                            (w.cost_weight * vc + w.travel_weight * travel, vc)
                        })
                        .fold(None, |acc: Option<(f64, f64)>, x| match acc {
                            Some(a) if a <= x => Some(a),
                            _ => Some(x),
                        });
                    match best {
                        Some((_, vc)) => vc,
                        None => continue,
                    }
                } else {
                    0.0
                };
                let per_person = match res {
                    Resource::Visit(v) => sc.visits[*v].cost_per_person,
                    Resource::Course(c) => sc.online_courses[*c].cost_per_person,
                    _ => 0.0,
                };
                let fee = match res {
                    Resource::Speaker(s) => sc.speakers[*s].fee,
                    _ => 0.0,
                };
                let cost =
                    k.fixed_cost + (k.per_attendee_cost + per_person) * n as f64 + fee + venue_cost;
                let fund = match (k.level, unit) {
                    (Level::College, Some(u)) => 1 + u,
                    _ => 0,
                };
                for &month in &months {
                    for &duty in &duties {
                        let hi = match (with_count, k.per_month, k.per_semester) {
                            (Some(w), _, _) => w,
                            (None, Some(p), _) => p,
                            (None, None, Some(p)) => p,
                            _ => k
                                .per_unit_max
                                .or(k.max_per_semester)
                                .unwrap_or(*cap)
                                .min(*cap),
                        }
                        .min(*cap);
                        let idx = list.len();
                        list.push(Candidate {
                            kind: ki,
                            resource: *res,
                            duty,
                            audience: a,
                            unit,
                            studio,
                            month,
                            fund,
                            hi,
                            cost,
                            venue_cost,
                            per_attendee: k.per_attendee_cost + per_person,
                            hours: k.hours,
                        });
                        if !matches!(res, Resource::None) {
                            resource_use.entry(*res).or_default().push(idx);
                        }
                    }
                }
            }
        }
        let members: Vec<usize> = (kind_start..list.len()).collect();
        let name = format!("{}（{}）", k.zh, k.id);
        // counting rules of this kind
        if k.with_kind.is_some() {
            if let Some(w) = with_count {
                for st in 0..cx.studios.len().max(1) {
                    let m: Vec<usize> = members
                        .iter()
                        .copied()
                        .filter(|&c| list[c].studio == Some(st) || list[c].studio.is_none())
                        .collect();
                    if m.is_empty() {
                        continue;
                    }
                    count_rules.push(CountRule {
                        rule: format!("session_kinds.{}.with_kind", k.id),
                        members: m,
                        lo: w,
                        hi: Some(w),
                        what: format!(
                            "{name} 每次随例会举行 one per {} ({w})",
                            k.with_kind
                                .map_or("", |w| rules.session_kinds[w].id.as_str())
                        ),
                    });
                }
            }
        } else if let Some(p) = k.per_month {
            for &month in &months {
                let m: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&c| list[c].month == month)
                    .collect();
                let (y, mo) = month.map_or((0, 0), |m| cx.calendar.months[m]);
                count_rules.push(CountRule {
                    rule: format!("session_kinds.{}.per_month", k.id),
                    members: m,
                    lo: p,
                    hi: Some(p),
                    what: format!("{name} {y}年{mo}月 {p} 次 / {p} in {y}-{mo:02}"),
                });
            }
        } else if let Some(p) = k.per_semester {
            count_rules.push(CountRule {
                rule: format!("session_kinds.{}.per_semester", k.id),
                members: members.clone(),
                lo: p,
                hi: Some(p),
                what: format!("{name} 每学期 {p} 次 / {p} per semester"),
            });
        }
        if k.per_unit_min.is_some() || k.per_unit_max.is_some() {
            let (lo, hi) = (k.per_unit_min.unwrap_or(0), k.per_unit_max);
            let rule = if k.per_unit_min.is_some() {
                "per_unit_min"
            } else {
                "per_unit_max"
            };
            for (ui, u) in cx.units.iter().enumerate() {
                let m: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&c| list[c].unit == Some(ui))
                    .collect();
                count_rules.push(CountRule {
                    rule: format!("session_kinds.{}.{rule}", k.id),
                    members: m,
                    lo,
                    hi,
                    what: format!(
                        "{name} {} 每学期 {lo}–{} 次 / {lo}–{} per unit",
                        u.id,
                        hi.map_or("∞".into(), |h| h.to_string()),
                        hi.map_or("∞".into(), |h| h.to_string())
                    ),
                });
            }
        }
        if let Some(mx) = k.per_unit_duty_max {
            for (ui, u) in cx.units.iter().enumerate() {
                for (d, duty) in rules.duties.iter().enumerate() {
                    let m: Vec<usize> = members
                        .iter()
                        .copied()
                        .filter(|&c| list[c].unit == Some(ui) && list[c].duty == Some(d))
                        .collect();
                    if m.len() as u32 <= mx && m.iter().all(|&c| list[c].hi <= mx) {
                        continue;
                    }
                    count_rules.push(CountRule {
                        rule: format!("session_kinds.{}.per_unit_duty_max", k.id),
                        members: m,
                        lo: 0,
                        hi: Some(mx),
                        what: format!(
                            "{name} {} 同一职责“{}”至多 {mx} 次 / at most {mx} on {} per unit",
                            u.id, duty.zh, duty.id
                        ),
                    });
                }
            }
        }
        if let Some(mx) = k.max_per_semester {
            count_rules.push(CountRule {
                rule: format!("session_kinds.{}.max_per_semester", k.id),
                members: members.clone(),
                lo: 0,
                hi: Some(mx),
                what: format!("{name} 每学期至多 {mx} 次 / at most {mx}"),
            });
        }
        if k.required
            && k.per_month.is_none()
            && k.per_semester.is_none()
            && k.per_unit_min.is_none()
            && k.with_kind.is_none()
        {
            count_rules.push(CountRule {
                rule: format!("session_kinds.{}.required", k.id),
                members: members.clone(),
                lo: 1,
                hi: None,
                what: format!("{name} 必须举行 / must be held"),
            });
        }
    }
    // a unit repeats a duty only when one of its colleges asked for it
    // (`college_training.max_sessions_per_duty`, raised by the colleges' themes)
    if rules.college_training.max_sessions_per_duty.is_some() {
        let unit_kind =
            |c: &Candidate| rules.session_kinds[c.kind].audience_mode == AudienceMode::Unit;
        for (ui, u) in cx.units.iter().enumerate() {
            let colleges = u.colleges.iter().map(|&c| &sc.colleges[c]);
            for (d, duty) in rules.duties.iter().enumerate() {
                let Some(mx) = rules.college_training.allowance(colleges.clone(), d) else {
                    continue;
                };
                let m: Vec<usize> = (0..list.len())
                    .filter(|&c| {
                        unit_kind(&list[c]) && list[c].unit == Some(ui) && list[c].duty == Some(d)
                    })
                    .collect();
                if m.iter().map(|&c| list[c].hi).sum::<u32>() <= mx {
                    continue;
                }
                count_rules.push(CountRule {
                    rule: "college_training.max_sessions_per_duty".into(),
                    members: m,
                    lo: 0,
                    hi: Some(mx),
                    what: format!(
                        "{} 的学院培训同一职责“{}”至多 {mx} 次 / at most {mx} unit sessions on {}",
                        u.name(sc),
                        duty.zh,
                        duty.id
                    ),
                });
            }
        }
    }
    // a college's own themes are trained: its unit holds a session on each, as many as it lists
    // the duty (`colleges.themes`)
    {
        let unit_kind =
            |c: &Candidate| rules.session_kinds[c.kind].audience_mode == AudienceMode::Unit;
        for (ui, u) in cx.units.iter().enumerate() {
            for (d, duty) in rules.duties.iter().enumerate() {
                let asked = u
                    .colleges
                    .iter()
                    .map(|&c| sc.colleges[c].themes.iter().filter(|&&t| t == d).count() as u32)
                    .max()
                    .unwrap_or(0);
                if asked == 0 {
                    continue;
                }
                let m: Vec<usize> = (0..list.len())
                    .filter(|&c| {
                        unit_kind(&list[c]) && list[c].unit == Some(ui) && list[c].duty == Some(d)
                    })
                    .collect();
                let askers: Vec<&str> = u
                    .colleges
                    .iter()
                    .filter(|&&c| sc.colleges[c].themes.contains(&d))
                    .map(|&c| sc.colleges[c].name.as_str())
                    .collect();
                count_rules.push(CountRule {
                    rule: "colleges.themes".into(),
                    lo: asked.min(m.iter().map(|&c| list[c].hi).sum()),
                    members: m,
                    hi: None,
                    what: format!(
                        "{}自选主题“{}”至少 {asked} 次 / the college's own theme {}, at least {asked}",
                        askers.join("、"),
                        duty.zh,
                        duty.id
                    ),
                });
            }
        }
    }
    parallel_venues(cx, &mut list, &audiences);
    // resource capacity: a speaker or visit on at most one session per available date; an online
    // course taken at most once per audience
    for (res, members) in &resource_use {
        match res {
            Resource::Speaker(s) => {
                let dates = usable(&sc.speakers[*s].dates);
                match rules.calendar.max_sessions_per_speaker {
                    Some(mx) if mx < dates => count_rules.push(CountRule {
                        rule: "calendar.max_sessions_per_speaker".into(),
                        members: members.clone(),
                        lo: 0,
                        hi: Some(mx),
                        what: format!(
                            "主讲人 {} 每学期至多 {mx} 场 / at most {mx} sessions per speaker",
                            sc.speakers[*s].name
                        ),
                    }),
                    _ => count_rules.push(CountRule {
                        rule: "speakers.dates".into(),
                        members: members.clone(),
                        lo: 0,
                        hi: Some(dates),
                        what: format!("主讲人 {} 可用日期 / available dates", sc.speakers[*s].name),
                    }),
                }
            }
            Resource::Visit(v) => count_rules.push(CountRule {
                rule: "visits.dates".into(),
                members: members.clone(),
                lo: 0,
                hi: Some(usable(&sc.visits[*v].dates)),
                what: format!("考察点 {} 可接待日期 / dates", sc.visits[*v].name),
            }),
            Resource::Course(c) => {
                let mut by_aud: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
                for &m in members {
                    by_aud.entry(list[m].audience).or_default().push(m);
                }
                for (_, m) in by_aud {
                    count_rules.push(CountRule {
                        rule: "online_courses.once".into(),
                        members: m,
                        lo: 0,
                        hi: Some(1),
                        what: format!(
                            "线上课程 {} 每个群体一次 / once per audience",
                            sc.online_courses[*c].name
                        ),
                    });
                }
            }
            Resource::None => {}
        }
    }
    Built {
        list,
        audiences,
        rules: count_rules,
        home,
    }
}

/// One-way travel minutes between campuses; a pair without a `[[travel]]` entry counts as the
/// longest known trip.
pub fn travel_minutes(cx: &Context<'_>, a: usize, b: usize) -> f64 {
    let t = &cx.inputs.scenario.travel_minutes;
    t[a][b].unwrap_or_else(|| t.iter().flatten().flatten().fold(0.0_f64, |m, &x| m.max(x)))
}

/// Campus travel fare of one attendee to a session on campus `b` from campus `a`: there and back,
/// `2 × travel.cost_per_person` (0 on the same campus or without a `[[travel]]` entry).
pub fn travel_cost(cx: &Context<'_>, a: usize, b: usize) -> f64 {
    2.0 * cx.inputs.scenario.travel_cost[a][b]
}

/// Sessions that follow another kind (studio exchanges after the monthly meeting) all meet in the
/// same slot, so each needs its own venue: estimate their venue costs with distinct venues, the
/// largest team first taking the cheapest room that holds it.
fn parallel_venues(cx: &Context<'_>, list: &mut [Candidate], audiences: &[Audience]) {
    let rules = &cx.inputs.rules;
    let venues = &cx.inputs.scenario.venues;
    for (ki, k) in rules.session_kinds.iter().enumerate() {
        if k.with_kind.is_none() {
            continue;
        }
        let mut idx: Vec<usize> = (0..list.len())
            .filter(|&c| list[c].kind == ki && matches!(list[c].resource, Resource::None))
            .collect();
        idx.sort_by_key(|&c| {
            (
                std::cmp::Reverse(audiences[list[c].audience].people.len()),
                c,
            )
        });
        let mut taken = vec![false; venues.len()];
        for c in idx {
            let n = audiences[list[c].audience].people.len();
            let pick = (0..venues.len())
                .filter(|&v| !taken[v] && venues[v].capacity as usize >= n)
                .min_by(|&a, &b| venues[a].cost.total_cmp(&venues[b].cost).then(a.cmp(&b)));
            if let Some(v) = pick {
                taken[v] = true;
                let vc = venues[v].cost * f64::from(k.slots);
                list[c].cost += vc - list[c].venue_cost;
                list[c].venue_cost = vc;
            }
        }
    }
}
