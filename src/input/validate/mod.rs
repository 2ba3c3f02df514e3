//! From wire types to domain types: every semantic check, every problem collected.
//!
//! One file per section of the rules file and of the scenario file; each section's function
//! pushes a [`Diagnostic`] with file, line, column, what is wrong and what to do, and goes on.
//! The result is `Some` only when no problem was found anywhere.
//!
//! The rules, in the order they are checked: `duties.rs` (`[[duties]]`), `roles.rs`, `groups.rs`,
//! `title_levels.rs`, `session_kinds.rs`, `two_level.rs`, `studios.rs`, `budget.rs`,
//! `calendar.rs`, `targets.rs` (`[[hour_targets]]`, `[[coverage]]`), `plan.rs` and
//! `college_training.rs`. The scenario:
//! `semester.rs`, `places.rs` (`[[campuses]]`, `[[travel]]`, `[[colleges]]`, `[[venues]]`),
//! `speakers.rs` (`[[speakers]]`, `[[visits]]`, `[[online_courses]]`), `funds.rs` and
//! `people.rs`. Checks of single values (numbers, words, dates, references) are in `values.rs`;
//! the context they report into, and the indices of ids, are here.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{Rules, Scenario};
use crate::input::diag::{Code, Diagnostic, Diags};
use crate::input::source::{FileId, Sources};
use crate::wire::{self, SStr};

mod budget;
mod calendar;
mod college_training;
mod duties;
mod funds;
mod groups;
mod people;
mod places;
mod plan;
mod records;
mod roles;
mod semester;
mod session_kinds;
mod speakers;
mod studios;
mod targets;
mod title_levels;
mod two_level;
mod values;

/// Validation context: where diagnostics go and which file spans point into.
struct Cx<'a> {
    sources: &'a Sources,
    diags: &'a mut Diags,
    file: FileId,
    /// Ids of entries that failed to read; references to them are not reported again.
    broken: &'a BTreeSet<String>,
}

impl Cx<'_> {
    fn err(
        &mut self,
        code: Code,
        span: std::ops::Range<usize>,
        key: &str,
        en: String,
        zh: String,
        help: String,
    ) {
        let d = Diagnostic::new(code, en, zh)
            .key(key)
            .help(help)
            .at(self.sources, self.file, span);
        self.diags.push(d);
    }

    fn missing(&mut self, key: &str, en: String, zh: String, help: String) {
        let d = Diagnostic::new(Code::Missing, en, zh)
            .key(key)
            .help(help)
            .in_file(self.sources.path(self.file));
        self.diags.push(d);
    }
}

/// Ids (and accepted aliases such as Chinese names) to indices.
#[derive(Default)]
struct Index {
    map: BTreeMap<String, usize>,
    ids: Vec<String>,
    /// Each entry's id and the other names accepted for it, for the help of an unknown name.
    candidates: Vec<crate::input::suggest::Candidate>,
    /// The ids live in a file that could not be read (e.g. broken rules): references are not checked.
    unknown: bool,
}

impl Index {
    fn get(&self, k: &str) -> Option<usize> {
        self.map.get(k.trim()).copied()
    }
    fn push(&mut self, id: String, i: usize, aliases: Vec<&str>) {
        self.map.insert(id.clone(), i);
        let mut names = Vec::new();
        for a in aliases {
            let a = a.trim().to_string();
            self.map.entry(a.clone()).or_insert(i);
            if a != id && !names.contains(&a) {
                names.push(a);
            }
        }
        self.candidates
            .push(crate::input::suggest::Candidate::new(id.clone(), names));
        self.ids.push(id);
    }
    /// The help for an unknown `typed`: the nearest name, then the names one can type.
    fn help(&self, typed: &str, what_en: &str, what_zh: &str) -> String {
        crate::input::suggest::help(typed, what_en, what_zh, &self.candidates)
    }
}

/// Build an index of ids, reporting duplicates. `aliases` are extra names (e.g. Chinese) per entry.
fn index_ids<'x>(
    cx: &mut Cx<'_>,
    section: &str,
    ids: impl Iterator<Item = (&'x SStr, Vec<&'x str>)>,
) -> Index {
    let mut idx = Index::default();
    let mut first: BTreeMap<String, std::ops::Range<usize>> = BTreeMap::new();
    for (i, (id, aliases)) in ids.enumerate() {
        let name = id.get_ref().trim().to_string();
        if name.is_empty() {
            cx.err(
                Code::Missing,
                id.span(),
                &format!("{section}.id"),
                format!("empty id in `{section}`"),
                format!("`{section}` 中存在空的 id"),
                "give every entry a unique, non-empty id / 每一项都需要唯一且非空的 id".into(),
            );
            continue;
        }
        if let Some(prev) = first.get(&name) {
            let (line, _) = cx.sources.get(cx.file).line_col(prev.start);
            cx.err(
                Code::DuplicateId,
                id.span(),
                &format!("{section}.id"),
                format!("duplicate id `{name}` in `{section}` (first defined on line {line})"),
                format!("`{section}` 中 id“{name}”重复（首次定义于第 {line} 行）"),
                "rename one of them; ids must be unique / 请修改其中一个，id 必须唯一".into(),
            );
            continue;
        }
        first.insert(name.clone(), id.span());
        idx.push(name, i, aliases);
    }
    idx
}

/// Index ids already validated (those of the rules), with their aliases; nothing to report.
fn rule_index<'x>(items: impl Iterator<Item = (&'x str, Vec<&'x str>)>) -> Index {
    let mut idx = Index::default();
    for (i, (id, aliases)) in items.enumerate() {
        idx.push(id.to_string(), i, aliases);
    }
    idx
}

/// Validate a rules file. Returns `None` (with diagnostics) when anything is wrong.
pub fn rules(
    sources: &Sources,
    file: FileId,
    w: &wire::RulesFile,
    broken: &BTreeSet<String>,
    diags: &mut Diags,
) -> Option<Rules> {
    let before = diags.len();
    let r = rules_lenient(sources, file, w, broken, diags);
    if diags.len() > before {
        return None;
    }
    r
}

/// Validate a rules file, reporting every problem, and return the rules whenever every section
/// could be read, even when some values were wrong (those are replaced by their nearest valid
/// value). Only for checking a scenario against: never plan with rules that had problems.
pub fn rules_lenient(
    sources: &Sources,
    file: FileId,
    w: &wire::RulesFile,
    broken: &BTreeSet<String>,
    diags: &mut Diags,
) -> Option<Rules> {
    let mut cx = Cx {
        sources,
        diags,
        file,
        broken,
    };
    let cx = &mut cx;

    let (duty_idx, duties) = duties::duties(cx, &w.duties);
    let (role_idx, roles) = roles::roles(cx, &w.roles);
    let (group_idx, groups) = groups::groups(cx, &w.groups, &role_idx);
    let (level_idx, title_levels) = title_levels::title_levels(cx, &w.title_levels);
    let session_kinds = session_kinds::session_kinds(cx, &w.session_kinds, &group_idx);
    let two_level = w
        .two_level
        .as_ref()
        .map(|t| two_level::two_level_rules(cx, t));
    let studios = w
        .studios
        .as_ref()
        .map(|s| studios::studio_rules(cx, s, &duty_idx, &role_idx, &group_idx, &level_idx));
    let budget = w.budget.as_ref().map(|b| budget::budget_rules(cx, b));
    let calendar = w.calendar.as_ref().map(|c| calendar::calendar_rules(cx, c));
    let hour_targets = targets::hour_targets(cx, &w.hour_targets, &group_idx);
    let coverage = targets::coverage(cx, &w.coverage, &group_idx, &duty_idx, &duties);
    let plan = w.plan.as_ref().map(|p| plan::plan_weights(cx, p));
    let replan = w.replan.as_ref().map(|r| plan::replan_weights(cx, r));
    let records = w
        .records
        .as_ref()
        .map(|r| records::records_rules(cx, r, &duty_idx, &group_idx));
    let college_training =
        college_training::college_training_rules(cx, w.college_training.as_ref(), &duty_idx);

    let meta = w.meta.as_ref()?;
    Some(Rules {
        id: meta.id.get_ref().clone(),
        name: meta.name.clone(),
        duties,
        roles,
        groups,
        title_levels,
        session_kinds,
        two_level: two_level?,
        college_training,
        studios: studios?,
        budget: budget?,
        calendar: calendar?,
        hour_targets,
        coverage,
        plan: plan?,
        replan,
        records,
    })
}

/// Validate a scenario against validated rules. `people_file` is where the people's spans point.
pub fn scenario(
    sources: &Sources,
    file: FileId,
    w: &wire::ScenarioFile,
    rules: &Rules,
    broken: &BTreeSet<String>,
    diags: &mut Diags,
) -> Option<Scenario> {
    scenario_with(sources, file, w, Some(rules), broken, diags)
}

/// Validate a scenario; without `rules` (when the rules file could not be read), every check that
/// does not need them still runs (dates, ids, campuses, colleges, money), so one run still lists
/// the scenario's own problems. The result is `Some` only with rules and without problems.
pub fn scenario_with(
    sources: &Sources,
    file: FileId,
    w: &wire::ScenarioFile,
    rules: Option<&Rules>,
    broken: &BTreeSet<String>,
    diags: &mut Diags,
) -> Option<Scenario> {
    let before = diags.len();
    let mut cx = Cx {
        sources,
        diags,
        file,
        broken,
    };
    let cx = &mut cx;

    let semester = w.semester.as_ref().and_then(|s| semester::semester(cx, s));
    let (campus_idx, campuses) = places::campuses(cx, &w.campuses);
    let (travel_minutes, travel_cost) = places::travel(cx, &w.travel, &campus_idx, &campuses);
    let duty_idx = match rules {
        Some(r) => rule_index(
            r.duties
                .iter()
                .map(|d| (d.id.as_str(), vec![d.zh.as_str()])),
        ),
        None => Index {
            unknown: true,
            ..Index::default()
        },
    };
    let sem = semester.as_ref();
    let (college_idx, colleges) = places::colleges(cx, &w.colleges, &campus_idx, &duty_idx, sem);
    let venues = places::venues(cx, &w.venues, &campus_idx, sem);
    let speakers = speakers::speakers(cx, &w.speakers, &duty_idx, sem);
    let visits = speakers::visits(cx, &w.visits, &duty_idx, sem);
    let online_courses = speakers::online_courses(cx, &w.online_courses, &duty_idx, sem);
    let funds_total = funds::funds_total(cx, w.funds.as_ref());
    let people = people::people(cx, w, rules, &college_idx, &duty_idx, sem);

    if cx.diags.len() > before {
        return None;
    }
    let meta = w.meta.as_ref()?;
    rules?;
    Some(Scenario {
        id: meta.id.get_ref().clone(),
        name: meta.name.clone(),
        semester: semester?,
        campuses,
        travel_minutes,
        travel_cost,
        colleges,
        venues,
        speakers,
        visits,
        online_courses,
        funds_total,
        people,
    })
}
