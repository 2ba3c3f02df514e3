//! What the programme's record says about this semester (“一营”, the loop back): the hours
//! past semesters of the same academic year already delivered, the needs the last camp found
//! (a person weak on a duty, a duty weak across a group), and who is due for national or
//! provincial training. Facts from the validated inputs and the record alone; every need
//! carries its reason in words.
//!
//! The record is read from the database by [`crate::records`] into [`RecordFile`]; only
//! semesters that end before this one starts count (re-planning a recorded semester does not
//! count it twice).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::{DutyIdx, GroupIdx, Inputs, Level, Per, PersonIdx, Platform};
use crate::wire::{RecordFile, SemesterRec};

/// What the record says, for this semester.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    /// The record read (`None`: the scenario names none, or the file does not exist yet).
    pub source: Option<Source>,
    /// Recorded semesters before this one, by start.
    pub semesters: Vec<PastSemester>,
    /// Per person of this semester (roster order; empty without a record).
    pub people: Vec<PersonPast>,
    /// Duties weak across a group in the last camp.
    pub groups: Vec<GroupNeed>,
    /// The last camp's results (for reports), when one was recorded.
    pub camp: Option<CampView>,
}

/// The record file read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Source {
    /// As named (relative to the working directory).
    pub path: String,
    /// Fingerprint of its content.
    pub digest: String,
    /// Whether the rules have a `[records]` section (without it only hours are counted).
    pub rules: bool,
}

/// A recorded semester before this one.
#[derive(Debug, Clone, PartialEq)]
pub struct PastSemester {
    /// Scenario id.
    pub id: String,
    /// Name.
    pub name: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// In this semester's academic year (its hours count toward yearly targets).
    pub this_year: bool,
    /// Sessions with a sign-in sheet imported, of all sessions.
    pub signed: (usize, usize),
    /// Has camp results.
    pub camp: bool,
}

/// One person's past, as it bears on this semester.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonPast {
    /// Hours delivered earlier this academic year, by level (school, college): signed in where a
    /// sheet was imported, else as planned.
    pub year_hours: [f64; 2],
    /// Of those, hours known only from a plan (no sign-in sheet).
    pub year_planned_only: f64,
    /// Earlier semesters of this academic year the person was on the staff.
    pub year_semesters: u32,
    /// Every recorded semester before this one the person was on the staff, oldest first.
    pub by_semester: Vec<SemesterHours>,
    /// Needs from the last camp (the person's own, then their groups'), by duty.
    pub needs: Vec<DutyNeed>,
    /// Due for national or provincial training (`records.external`), with the reason.
    pub external_due: Option<(String, String)>,
}

/// One person's hours in one recorded semester.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SemesterHours {
    /// Index into [`History::semesters`].
    pub semester: usize,
    /// Hours by level (school, college): signed in where a sheet was imported, else as planned.
    pub hours: [f64; 2],
    /// Of them, known only from the plan.
    pub planned_only: f64,
    /// Sessions signed as absent.
    pub missed: u32,
}

/// A duty a person needs, from the record.
#[derive(Debug, Clone, PartialEq)]
pub struct DutyNeed {
    /// The duty.
    pub duty: DutyIdx,
    /// How many times more an hour on it counts for the person.
    pub weight: f64,
    /// `None`: the person's own result; `Some(g)`: weak across group `g`.
    pub group: Option<GroupIdx>,
    /// Why, in Chinese (“2026—2027学年第一学期 训练营 案例研讨 58 分 → 校园危机事件应对 需加强”).
    pub zh: String,
    /// Why, in English.
    pub en: String,
    /// [`Self::zh`] without the scores (for exports made with `--no-scores`).
    pub plain_zh: String,
    /// [`Self::en`] without the scores.
    pub plain_en: String,
}

/// A duty weak across a group in the last camp.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupNeed {
    /// The group.
    pub group: GroupIdx,
    /// The duty.
    pub duty: DutyIdx,
    /// Members tested on the duty.
    pub tested: u32,
    /// Of them, weak.
    pub weak: u32,
    /// Their mean percent.
    pub mean: f64,
}

/// The last camp's results.
#[derive(Debug, Clone, PartialEq)]
pub struct CampView {
    /// Its semester (index into [`History::semesters`]).
    pub semester: usize,
    /// Per person tested, in record order.
    pub people: Vec<CampPerson>,
    /// Group × duty: (group, duty, members tested, mean percent, weak members).
    pub cells: Vec<(GroupIdx, DutyIdx, u32, f64, u32)>,
    /// Duties by mean percent over everyone tested, weakest first.
    pub duties: Vec<(DutyIdx, f64)>,
    /// Segments by mean percent, weakest first.
    pub segments: Vec<(String, f64)>,
    /// Recommended for the provincial competition (以赛促建): indices into `people`, best first.
    pub competition: Vec<usize>,
    /// Recommended as studio backbone (储备骨干力量): (duty, index into `people`), per duty.
    pub backbone: Vec<(DutyIdx, usize)>,
}

/// One person's camp results.
#[derive(Debug, Clone, PartialEq)]
pub struct CampPerson {
    /// Person id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Index in this semester's roster, when still on the staff.
    pub now: Option<PersonIdx>,
    /// Group ids at the camp.
    pub groups: Vec<String>,
    /// Percent per segment, in sheet order.
    pub segments: Vec<(String, f64)>,
    /// Percent per duty tested, with its band (`records.levels`).
    pub duties: Vec<(DutyIdx, f64, usize)>,
    /// Mean percent over the segments.
    pub mean: f64,
}

impl Inputs {
    /// The hours of `t` person `p` must reach this semester. A yearly target counts what earlier
    /// semesters of the academic year delivered: by the k-th semester of the year (k from 1) a
    /// person has `hours · k / plan.semesters_per_year`, so the year's last semester asks for
    /// exactly what remains; without a record that is `hours / semesters_per_year`.
    pub fn target_hours(&self, t: &crate::domain::HourTarget, p: PersonIdx) -> f64 {
        match t.per {
            Per::Semester => t.hours,
            Per::Year => {
                let spy = self.rules.plan.semesters_per_year.max(1);
                let past = self.history.people.get(p);
                let k = past.map_or(0, |x| x.year_semesters).min(spy - 1);
                let done: f64 = past.map_or(0.0, |x| {
                    t.levels.iter().map(|l| x.year_hours[level_index(*l)]).sum()
                });
                let share = t.hours * f64::from(k + 1) / f64::from(spy);
                round2((share - done).max(0.0))
            }
        }
    }

    /// [`Self::target_hours`] of a person by id (a person not on the roster: the semester share).
    pub fn target_hours_of(&self, t: &crate::domain::HourTarget, id: &str) -> f64 {
        match self.scenario.person(id) {
            Some(p) => self.target_hours(t, p),
            None => self.rules.semester_hours(t),
        }
    }

    /// How many times more person `p`'s hour on duty `d` counts, from the record's needs (1 when
    /// the record finds no need).
    pub fn need_weight(&self, p: PersonIdx, d: DutyIdx) -> f64 {
        self.history.people.get(p).map_or(1.0, |x| {
            x.needs
                .iter()
                .filter(|n| n.duty == d)
                .map(|n| n.weight)
                .fold(1.0, f64::max)
        })
    }
}

fn level_index(l: Level) -> usize {
    match l {
        Level::School => 0,
        Level::College => 1,
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A score as people write it: `58` of 100, else `29/50`.
fn score_words(score: f64, full: f64) -> String {
    let n = |x: f64| {
        if x.fract() == 0.0 {
            format!("{}", x as i64)
        } else {
            format!("{x:.1}")
        }
    };
    if (full - 100.0).abs() < 1e-9 {
        n(score)
    } else {
        format!("{}/{}", n(score), n(full))
    }
}

/// What the record says about `inputs`' semester (`rec`: `None` when there is no record yet;
/// the roster's own facts, such as the last national or provincial training, still count).
pub fn derive(inputs: &Inputs, rec: Option<&RecordFile>) -> History {
    let empty = RecordFile::default();
    let source = rec.map(|r| Source {
        path: r.path.clone(),
        digest: r.digest.clone(),
        rules: inputs.rules.records.is_some(),
    });
    let rec = rec.unwrap_or(&empty);
    let rules = &inputs.rules;
    let sc = &inputs.scenario;
    let start = sc.semester.start;
    let rr = rules.records.as_ref();
    let year_of = |d: NaiveDate| match rr {
        Some(r) => r.academic_year(d),
        // without [records], a year is the semester pair that starts in one calendar year's
        // second half and the next one's first half is not known: count only this calendar year
        None => d.year(),
    };
    let mut past: Vec<(&SemesterRec, PastSemester)> = rec
        .semesters
        .iter()
        .filter(|s| s.id != sc.id)
        .filter_map(|s| {
            let (a, b) = (date(&s.start)?, date(&s.end)?);
            (b < start).then(|| {
                let signed = s.sessions.iter().filter(|x| x.attendance.is_some()).count();
                (
                    s,
                    PastSemester {
                        id: s.id.clone(),
                        name: s.name.clone(),
                        start: a,
                        end: b,
                        this_year: year_of(a) == year_of(start),
                        signed: (signed, s.sessions.len()),
                        camp: s.has_camp(),
                    },
                )
            })
        })
        .collect();
    past.sort_by_key(|(_, p)| (p.start, p.id.clone()));
    let index = sc.person_index();
    let mut people = vec![PersonPast::default(); sc.people.len()];
    for (s, _) in past.iter().filter(|(_, p)| p.this_year) {
        for p in &s.people {
            if let Some(&i) = index.get(p.id.as_str()) {
                people[i].year_semesters += 1;
            }
        }
        for x in &s.sessions {
            let li = if x.level == "college" { 1 } else { 0 };
            let came: Vec<&str> = match &x.attendance {
                Some(a) => a
                    .iter()
                    .filter(|(_, here)| *here)
                    .map(|(p, _)| p.as_str())
                    .collect(),
                None => x.planned.iter().map(String::as_str).collect(),
            };
            for p in came {
                if let Some(&i) = index.get(p) {
                    people[i].year_hours[li] += x.hours;
                    if x.attendance.is_none() {
                        people[i].year_planned_only += x.hours;
                    }
                }
            }
        }
    }
    for (k, (s, _)) in past.iter().enumerate() {
        let mut row: BTreeMap<usize, SemesterHours> = BTreeMap::new();
        for p in &s.people {
            if let Some(&i) = index.get(p.id.as_str()) {
                row.entry(i).or_insert(SemesterHours {
                    semester: k,
                    ..SemesterHours::default()
                });
            }
        }
        for x in &s.sessions {
            let li = usize::from(x.level == "college");
            let marks: Vec<(&str, bool)> = match &x.attendance {
                Some(a) => a.iter().map(|(p, here)| (p.as_str(), *here)).collect(),
                None => x.planned.iter().map(|p| (p.as_str(), true)).collect(),
            };
            for (p, here) in marks {
                let Some(r) = index.get(p).and_then(|i| row.get_mut(i)) else {
                    continue;
                };
                if !here {
                    r.missed += 1;
                    continue;
                }
                r.hours[li] += x.hours;
                if x.attendance.is_none() {
                    r.planned_only += x.hours;
                }
            }
        }
        for (i, mut r) in row {
            r.hours = r.hours.map(round2);
            r.planned_only = round2(r.planned_only);
            people[i].by_semester.push(r);
        }
    }
    for p in &mut people {
        p.year_hours = p.year_hours.map(round2);
        p.year_planned_only = round2(p.year_planned_only);
    }
    let semesters: Vec<PastSemester> = past.iter().map(|(_, p)| p.clone()).collect();
    let mut h = History {
        source,
        semesters,
        people,
        groups: Vec::new(),
        camp: None,
    };
    if let Some(rr) = rr {
        let last_camp = past.iter().rposition(|(s, _)| s.has_camp());
        if let Some(k) = last_camp {
            camp(inputs, rr, past[k].0, k, &mut h);
        }
        if let Some(ext) = &rr.external {
            external(inputs, ext, &mut h);
        }
    }
    h
}

/// The last camp: per person and duty, bands and needs; per group and duty, group needs; the
/// recommendations.
fn camp(
    inputs: &Inputs,
    rr: &crate::domain::RecordsRules,
    s: &SemesterRec,
    k: usize,
    h: &mut History,
) {
    let rules = &inputs.rules;
    let sc = &inputs.scenario;
    let index = sc.person_index();
    let camp_zh = rules
        .session_kinds
        .iter()
        .find(|k| k.platform == Platform::Camp)
        .map_or("训练营", |k| k.zh.as_str());
    // person id → (segment → (sum %, n)), (duty → list of (percent, segment, item, score, full))
    type Item<'a> = (f64, &'a str, &'a str, f64, f64);
    let mut order: Vec<&str> = Vec::new();
    let mut seg: BTreeMap<&str, Vec<(&str, f64, f64)>> = BTreeMap::new();
    let mut duty: BTreeMap<&str, BTreeMap<DutyIdx, Vec<Item<'_>>>> = BTreeMap::new();
    for c in &s.camp {
        if !seg.contains_key(c.person.as_str()) {
            order.push(&c.person);
        }
        let full = if c.full > 0.0 { c.full } else { rr.full_marks };
        let pct = 100.0 * c.score / full;
        seg.entry(&c.person)
            .or_default()
            .push((&c.segment, c.score, full));
        let duties: Vec<DutyIdx> = match c.duty.as_deref().and_then(|d| rules.duty(d)) {
            Some(d) => vec![d],
            None => rr.segment_duties(&c.segment).to_vec(),
        };
        for d in duties {
            duty.entry(&c.person)
                .or_default()
                .entry(d)
                .or_default()
                .push((pct, &c.segment, &c.item, c.score, full));
        }
    }
    let recorded: BTreeMap<&str, &crate::wire::PersonRec> =
        s.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut campers = Vec::new();
    for id in order {
        // segments: sum of scores over sum of full marks, per segment in sheet order
        let mut segs: Vec<(String, f64, f64)> = Vec::new();
        for (name, score, full) in &seg[id] {
            match segs.iter_mut().find(|(n, ..)| n == name) {
                Some(x) => {
                    x.1 += score;
                    x.2 += full;
                }
                None => segs.push((name.to_string(), *score, *full)),
            }
        }
        let segments: Vec<(String, f64)> = segs
            .into_iter()
            .map(|(n, sc, f)| (n, round2(100.0 * sc / f)))
            .collect();
        let mean = round2(segments.iter().map(|x| x.1).sum::<f64>() / segments.len() as f64);
        let now = index.get(id).copied();
        let mut duties = Vec::new();
        for (&d, items) in duty.get(id).into_iter().flatten() {
            let pct = round2(items.iter().map(|x| x.0).sum::<f64>() / items.len() as f64);
            let band = rr.level_of(pct);
            duties.push((d, pct, band));
            let level = &rr.levels[band];
            if let Some(p) = now
                && level.weight > 1.0
            {
                let worst = items
                    .iter()
                    .min_by(|a, b| a.0.total_cmp(&b.0))
                    .expect("a duty has an item");
                let what = if worst.2.is_empty() {
                    worst.1.to_string()
                } else {
                    format!("{}（{}）", worst.1, worst.2)
                };
                let more = if items.len() > 1 {
                    format!(" 等 {} 项，平均 {pct} 分", items.len())
                } else {
                    String::new()
                };
                let more_en = if items.len() > 1 {
                    format!(" ({} items, mean {pct} %)", items.len())
                } else {
                    String::new()
                };
                let score = score_words(worst.3, worst.4);
                h.people[p].needs.push(DutyNeed {
                    duty: d,
                    weight: level.weight,
                    group: None,
                    zh: format!(
                        "{} {camp_zh} {what} {score} 分{more} → {} {}",
                        s.name, rules.duties[d].zh, level.zh
                    ),
                    en: format!(
                        "{} camp: {what} {score}{more_en} → {} {}",
                        s.id, rules.duties[d].id, level.en
                    ),
                    plain_zh: format!(
                        "{} {camp_zh} {what} → {} {}",
                        s.name, rules.duties[d].zh, level.zh
                    ),
                    plain_en: format!(
                        "{} camp: {what} → {} {}",
                        s.id, rules.duties[d].id, level.en
                    ),
                });
            }
        }
        campers.push(CampPerson {
            id: id.to_string(),
            name: recorded
                .get(id)
                .map_or_else(|| id.to_string(), |p| p.name.clone()),
            now,
            groups: recorded.get(id).map_or_else(Vec::new, |p| p.groups.clone()),
            segments,
            duties,
            mean,
        });
    }
    // group × duty, by the groups people were in at the camp
    let weak_band = |band: usize| rr.levels[band].weight > 1.0;
    let mut cells = Vec::new();
    for (g, grp) in rules.groups.iter().enumerate() {
        for d in 0..rules.duties.len() {
            let vals: Vec<(f64, usize)> = campers
                .iter()
                .filter(|c| c.groups.contains(&grp.id))
                .filter_map(|c| c.duties.iter().find(|x| x.0 == d).map(|x| (x.1, x.2)))
                .collect();
            if vals.is_empty() {
                continue;
            }
            let tested = vals.len() as u32;
            let weak = vals.iter().filter(|v| weak_band(v.1)).count() as u32;
            let mean = round2(vals.iter().map(|v| v.0).sum::<f64>() / f64::from(tested));
            cells.push((g, d, tested, mean, weak));
            if tested >= rr.group_min_tested
                && f64::from(weak) >= rr.group_weak_share * f64::from(tested)
                && weak > 0
                && rr.group_weight > 1.0
            {
                h.groups.push(GroupNeed {
                    group: g,
                    duty: d,
                    tested,
                    weak,
                    mean,
                });
            }
        }
    }
    let profiles = crate::domain::profile::classify(inputs);
    let weak_zh = rr
        .levels
        .iter()
        .find(|l| l.weight > 1.0)
        .map_or("需加强", |l| l.zh.as_str());
    for gn in &h.groups {
        let g = &rules.groups[gn.group];
        let d = &rules.duties[gn.duty];
        for p in profiles.members(gn.group) {
            // one need per person and duty: their own result first, else the first group's
            if h.people[p].needs.iter().any(|n| n.duty == gn.duty) {
                continue;
            }
            h.people[p].needs.push(DutyNeed {
                duty: gn.duty,
                weight: rr.group_weight,
                group: Some(gn.group),
                zh: format!(
                    "{} {camp_zh}：{} {} 人中 {} 人 {} {weak_zh}（平均 {} 分）→ 该群体全员加强",
                    s.name, g.zh, gn.tested, gn.weak, d.zh, gn.mean
                ),
                en: format!(
                    "{} camp: {} of {} {} weak on {} (mean {} %) → the whole group",
                    s.id, gn.weak, gn.tested, g.id, d.id, gn.mean
                ),
                plain_zh: format!(
                    "{} {camp_zh}：{} {} 人中 {} 人 {} {weak_zh} → 该群体全员加强",
                    s.name, g.zh, gn.tested, gn.weak, d.zh
                ),
                plain_en: format!(
                    "{} camp: {} of {} {} weak on {} → the whole group",
                    s.id, gn.weak, gn.tested, g.id, d.id
                ),
            });
        }
    }
    for p in &mut h.people {
        p.needs.sort_by_key(|n| (n.duty, n.group.is_some()));
    }
    // summaries
    let mut duties: Vec<(DutyIdx, f64)> = (0..rules.duties.len())
        .filter_map(|d| {
            let v: Vec<f64> = campers
                .iter()
                .filter_map(|c| c.duties.iter().find(|x| x.0 == d).map(|x| x.1))
                .collect();
            (!v.is_empty()).then(|| (d, round2(v.iter().sum::<f64>() / v.len() as f64)))
        })
        .collect();
    duties.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut seg_names: Vec<String> = Vec::new();
    for c in &campers {
        for (n, _) in &c.segments {
            if !seg_names.contains(n) {
                seg_names.push(n.clone());
            }
        }
    }
    let mut segments: Vec<(String, f64)> = seg_names
        .into_iter()
        .map(|n| {
            let v: Vec<f64> = campers
                .iter()
                .filter_map(|c| c.segments.iter().find(|x| x.0 == n).map(|x| x.1))
                .collect();
            let m = round2(v.iter().sum::<f64>() / v.len() as f64);
            (n, m)
        })
        .collect();
    segments.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    // recommendations: still on the staff, a counselor, at least recommend_min
    let counselor = |c: &CampPerson| {
        c.now
            .is_some_and(|p| rules.roles[sc.people[p].role].is_counselor)
    };
    let mut best: Vec<usize> = (0..campers.len())
        .filter(|&i| counselor(&campers[i]) && campers[i].mean >= rr.recommend_min)
        .collect();
    best.sort_by(|&a, &b| {
        campers[b]
            .mean
            .total_cmp(&campers[a].mean)
            .then(campers[a].id.cmp(&campers[b].id))
    });
    best.truncate(rr.recommend_count as usize);
    let at = sc.semester.start;
    let mut backbone = Vec::new();
    for d in 0..rules.duties.len() {
        let mut cands: Vec<(usize, f64)> = (0..campers.len())
            .filter_map(|i| {
                let c = &campers[i];
                let p = c.now?;
                let pct = c.duties.iter().find(|x| x.0 == d)?.1;
                let eligible = crate::domain::eligibility::backbone(rules, &sc.people[p], at)
                    .gaps()
                    .count()
                    == 0;
                (eligible && pct >= rr.recommend_min).then_some((i, pct))
            })
            .collect();
        cands.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(campers[a.0].id.cmp(&campers[b.0].id))
        });
        for (i, _) in cands.into_iter().take(rr.recommend_count as usize) {
            backbone.push((d, i));
        }
    }
    h.camp = Some(CampView {
        semester: k,
        people: campers,
        cells,
        duties,
        segments,
        competition: best,
        backbone,
    });
}

/// `records.external`: who is due for national or provincial training.
fn external(inputs: &Inputs, ext: &crate::domain::ExternalRule, h: &mut History) {
    let sc = &inputs.scenario;
    let profiles = crate::domain::profile::classify(inputs);
    let end = sc.semester.end;
    for (i, p) in sc.people.iter().enumerate() {
        if !ext.groups.iter().any(|&g| profiles.is_in(i, g)) {
            continue;
        }
        let (from, since_zh, since_en) = match p.last_external {
            Some(d) => (
                d,
                format!("最近一次省级以上培训为 {d}"),
                format!("last national or provincial training {d}"),
            ),
            None => {
                let d = p.counselor_since.unwrap_or(p.hired);
                (
                    d,
                    format!("自 {d} 从事学工以来未参加省级以上培训"),
                    format!("no national or provincial training since starting on {d}"),
                )
            }
        };
        let due = from
            .with_year(from.year() + ext.every_years as i32)
            .unwrap_or(from + chrono::Duration::days(365 * i64::from(ext.every_years)));
        if due <= end {
            h.people[i].external_due = Some((
                format!("{since_zh}，已满 {} 年 → 优先推荐参加", ext.every_years),
                format!(
                    "{since_en}: {} years by {end} → recommend first",
                    ext.every_years
                ),
            ));
        }
    }
}

impl History {
    /// The plan file's `records` key (`scores`: whether reasons may carry camp scores).
    pub fn to_wire(&self, inputs: &Inputs, scores: bool) -> Option<crate::wire::RecordsOut> {
        use crate::wire::{DueOut, NeedOut, RecordsOut, TargetOut};
        if self.source.is_none() && inputs.rules.records.is_none() {
            return None;
        }
        let rules = &inputs.rules;
        let sc = &inputs.scenario;
        let mut out = RecordsOut {
            file: self.source.as_ref().map(|s| s.path.clone()),
            digest: self.source.as_ref().map(|s| s.digest.clone()),
            semesters: self.semesters.iter().map(|s| s.id.clone()).collect(),
            scores,
            ..RecordsOut::default()
        };
        let profiles = crate::domain::profile::classify(inputs);
        for (p, past) in self.people.iter().enumerate() {
            let id = &sc.people[p].id;
            for n in &past.needs {
                let (zh, en) = if scores {
                    (&n.zh, &n.en)
                } else {
                    (&n.plain_zh, &n.plain_en)
                };
                out.needs.push(NeedOut {
                    person: id.clone(),
                    duty: rules.duties[n.duty].id.clone(),
                    weight: n.weight,
                    group: n.group.map(|g| rules.groups[g].id.clone()),
                    reason: format!("{zh} / {en}"),
                });
            }
            for t in rules.hour_targets.iter().filter(|t| t.per == Per::Year) {
                if !profiles.is_in(p, t.group)
                    || (past.year_semesters == 0 && past.year_hours == [0.0; 2])
                {
                    continue;
                }
                let done: f64 = t
                    .levels
                    .iter()
                    .map(|l| past.year_hours[level_index(*l)])
                    .sum();
                out.targets.push(TargetOut {
                    person: id.clone(),
                    target: t.id.clone(),
                    done: round2(done),
                    planned_only: past.year_planned_only,
                    hours: inputs.target_hours(t, p),
                });
            }
        }
        let mut due: Vec<(PersonIdx, &(String, String))> = self
            .people
            .iter()
            .enumerate()
            .filter_map(|(p, x)| x.external_due.as_ref().map(|d| (p, d)))
            .collect();
        let since = |p: PersonIdx| {
            let x = &sc.people[p];
            x.last_external.or(x.counselor_since).unwrap_or(x.hired)
        };
        due.sort_by_key(|&(p, _)| (since(p), p));
        out.external_due = due
            .into_iter()
            .map(|(p, (zh, en))| DueOut {
                person: sc.people[p].id.clone(),
                reason: format!("{zh} / {en}"),
            })
            .collect();
        Some(out)
    }
}
