//! Plans people can use: the finished, checked plan ([`PlanFile`]) turned into files for the
//! student-affairs office — an HTML report to show leadership ([`html`]), calendar files for
//! phones ([`ics`]), an Excel workbook ([`xlsx`]) and CSV tables ([`csv`]) of the same rows
//! ([`tables`]); and per session, the notice sent to the colleges ([`notice`]) and the sign-in
//! sheet to print and read back with `fudao record attendance` ([`signin`]).
//!
//! Every export is a pure function of the inputs and the plan: no clock, no randomness, no
//! hash-map order, so the same plan gives byte-identical files run after run. Names come from the
//! inputs (people, venues, speakers, duties, kinds); ids in the plan that the inputs do not know
//! are shown as they are. [`all`] builds every file; [`write_atomically`] puts them into an output
//! folder so that nothing is ever half-written.

pub mod csv;
pub mod escape;
pub mod html;
pub mod ics;
pub mod notice;
pub mod signin;
pub mod tables;
pub mod xlsx;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::{Inputs, Person, SpeakerNeed};
use crate::wire::{PlanFile, SessionOut};

/// Language of labels (data — names of people, venues — stays as written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese labels (the default).
    #[default]
    Zh,
    /// English labels.
    En,
}

impl Lang {
    /// Pick the label for this language.
    pub fn pick<'s>(self, zh: &'s str, en: &'s str) -> &'s str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A file to write, relative to the output folder (`/`-separated, e.g. `ics/person-T0001.ics`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// Path relative to the output folder.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl OutFile {
    /// A file from text.
    pub fn text(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            bytes: text.into().into_bytes(),
        }
    }
}

/// An export that could not be built (a bug, not bad input: exit 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError(pub String);

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// Every export of a plan, in a fixed order: `report.html`, `plan.xlsx`, `csv/*.csv`,
/// `ics/group-*.ics`, `ics/person-*.ics`, `notices/*.html` (one per session, then `index.html`),
/// `signin/*.xlsx` and `signin/*.html` (one of each per session).
pub fn all(inputs: &Inputs, plan: &PlanFile, lang: Lang) -> Result<Vec<OutFile>, ExportError> {
    let names = Names::new(inputs, plan, lang);
    let mut out = vec![OutFile::text("report.html", html::report(&names))];
    let tables = tables::all(&names);
    out.push(OutFile {
        path: "plan.xlsx".into(),
        bytes: xlsx::workbook(&names, &tables)?,
    });
    for t in &tables {
        out.push(OutFile {
            path: format!("csv/{}.csv", t.stem),
            bytes: csv::table(t)?,
        });
    }
    for (name, text) in ics::calendars(&names) {
        out.push(OutFile::text(format!("ics/{name}"), text));
    }
    out.extend(notice::all(&names));
    out.extend(signin::all(&names)?);
    Ok(out)
}

/// [`all`] for a re-plan of `published`: the calendars update the published events (same `UID`,
/// higher `SEQUENCE`) and cancel the withdrawn ones ([`ics::calendars_replan`]).
pub fn all_replan(
    inputs: &Inputs,
    plan: &PlanFile,
    published: &PlanFile,
    lang: Lang,
) -> Result<Vec<OutFile>, ExportError> {
    let today = plan
        .base
        .as_ref()
        .and_then(|b| chrono::NaiveDate::parse_from_str(&b.today, "%Y-%m-%d").ok())
        .unwrap_or(inputs.scenario.semester.start);
    let names = Names::new(inputs, plan, lang);
    let mut out: Vec<OutFile> = all(inputs, plan, lang)?
        .into_iter()
        .filter(|f| !f.path.starts_with("ics/"))
        .collect();
    for (name, text) in ics::calendars_replan(&names, published, today) {
        out.push(OutFile::text(format!("ics/{name}"), text));
    }
    Ok(out)
}

/// Write `files` into `dir` so that nothing is half-written: every file is first written in full
/// into a staging folder inside `dir`; only then are they moved into place. The folders (`ics/`,
/// `csv/`, `notices/`, `signin/`) are replaced whole (so calendars of people, and notices of
/// sessions, no longer in the plan disappear); other files are replaced one by one by rename.
/// When a write fails, `dir` keeps its previous files.
///
/// A run killed midway (`kill -9`, a power cut) is mended by the next one: it first clears what
/// dead runs left ([`recover_leftovers`]), putting back a folder that was moved away and not yet
/// replaced.
pub fn write_atomically(dir: &Path, files: &[OutFile]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    recover_leftovers(dir);
    let stage = dir.join(format!("{STAGING_PREFIX}{}", std::process::id()));
    if stage.exists() {
        std::fs::remove_dir_all(&stage)?;
    }
    let written = (|| -> std::io::Result<()> {
        for f in files {
            let rel = safe_relative(&f.path)?;
            let p = stage.join(rel);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&p, &f.bytes)?;
        }
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&stage);
        return Err(e);
    }
    // Move into place: folders whole, files one by one (each rename is atomic).
    let mut tops: Vec<String> = files
        .iter()
        .map(|f| f.path.split('/').next().unwrap_or("").to_string())
        .collect();
    tops.sort();
    tops.dedup();
    let moved = (|| -> std::io::Result<()> {
        for top in &tops {
            let from = stage.join(top);
            let to = dir.join(top);
            if from.is_dir() {
                // Named so that a run killed before the next rename is mended by the next run.
                let old = dir.join(format!(".{top}.old-{}", std::process::id()));
                if to.exists() {
                    std::fs::rename(&to, &old)?;
                }
                std::fs::rename(&from, &to)?;
                if old.exists() {
                    std::fs::remove_dir_all(&old)?;
                }
            } else {
                std::fs::rename(&from, &to)?;
            }
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&stage);
    moved
}

/// Name of the staging folder inside the output folder, followed by the writer's process id.
const STAGING_PREFIX: &str = ".fudao-staging-";

/// Without a way to ask whether a process lives, a leftover older than this is taken to be a
/// dead run's (a run's staging and swap folders live for seconds).
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// What a leftover in the output folder is: a staging folder, or a folder (`ics`, `csv`) moved
/// aside while its replacement was moved in; with the process id of the run that made it.
#[derive(Debug, PartialEq, Eq)]
enum Leftover<'a> {
    Staging(u32),
    Old { name: &'a str, pid: u32 },
}

/// Read an entry name of the output folder as a leftover: `.fudao-staging-PID` or
/// `.NAME.old-PID`.
fn leftover(entry: &str) -> Option<Leftover<'_>> {
    let pid = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if let Some(p) = entry.strip_prefix(STAGING_PREFIX) {
        return pid(p).map(Leftover::Staging);
    }
    let rest = entry.strip_prefix('.')?;
    let (name, p) = rest.rsplit_once(".old-")?;
    if name.is_empty() || name.starts_with('.') {
        return None;
    }
    Some(Leftover::Old { name, pid: pid(p)? })
}

/// Whether the run with process id `pid` that left `path` has ended. Our own id is an earlier
/// run's (this run has made nothing yet). On Linux, a process lives while `/proc/PID` exists (a
/// reused id keeps a leftover until a later run: the safe side); elsewhere, or without `/proc`,
/// a leftover counts as dead when it has not been touched for [`LEFTOVER_AGE`].
fn run_has_ended(pid: u32, path: &Path) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
        return !Path::new("/proc").join(pid.to_string()).exists();
    }
    std::fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > LEFTOVER_AGE)
}

/// Clear what runs killed midway left in `dir`: their staging folders are removed; a folder they
/// moved aside (`.ics.old-PID`) is put back when its place (`ics/`) is empty — the run was
/// killed between moving the old folder out and the new one in — and removed otherwise.
/// Leftovers of runs still going are not touched. Best effort: what cannot be cleared now is
/// left for the next run (the write itself does not depend on it).
pub fn recover_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    for entry in &names {
        let Some(kind) = leftover(entry) else {
            continue;
        };
        let path = dir.join(entry);
        let pid = match kind {
            Leftover::Staging(pid) | Leftover::Old { pid, .. } => pid,
        };
        if !run_has_ended(pid, &path) {
            continue;
        }
        if let Leftover::Old { name, .. } = kind {
            let place = dir.join(name);
            if std::fs::symlink_metadata(&place).is_err() && std::fs::rename(&path, &place).is_ok()
            {
                continue;
            }
        }
        let _ = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
    }
}

/// A relative path without `..`, absolute parts or empty components.
fn safe_relative(p: &str) -> std::io::Result<&Path> {
    let ok = !p.is_empty()
        && p.split('/')
            .all(|c| !c.is_empty() && c != "." && c != ".." && !c.contains('\\'));
    if ok {
        Ok(Path::new(p))
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("refusing to write outside the output folder: {p}"),
        ))
    }
}

/// A file name part made from an id: letters, digits (any script), `-`, `_` and `.` are kept,
/// anything else becomes `_`.
pub fn file_safe(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with('.') {
        format!("_{s}")
    } else {
        s
    }
}

pub use crate::domain::zh_numeral;

/// Names for the ids of a plan, from the inputs, in one language; and the facts every export needs
/// (session times, locations, who attends what).
pub struct Names<'a> {
    /// The inputs.
    pub inputs: &'a Inputs,
    /// The plan.
    pub plan: &'a PlanFile,
    /// Label language.
    pub lang: Lang,
    people: BTreeMap<&'a str, &'a Person>,
    /// Per person id, the plan's sessions they attend, in plan order.
    by_person: BTreeMap<&'a str, Vec<&'a SessionOut>>,
}

impl<'a> Names<'a> {
    /// Index the inputs and the plan.
    pub fn new(inputs: &'a Inputs, plan: &'a PlanFile, lang: Lang) -> Self {
        let people = inputs
            .scenario
            .people
            .iter()
            .map(|p| (p.id.as_str(), p))
            .collect();
        let mut by_person: BTreeMap<&str, Vec<&SessionOut>> = BTreeMap::new();
        for s in &plan.sessions {
            for a in &s.attendees {
                by_person.entry(a.as_str()).or_default().push(s);
            }
        }
        Self {
            inputs,
            plan,
            lang,
            people,
            by_person,
        }
    }

    /// A label in the chosen language.
    pub fn t<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(zh, en)
    }

    /// The sessions a person attends.
    pub fn sessions_of(&self, person: &str) -> &[&'a SessionOut] {
        self.by_person.get(person).map_or(&[], Vec::as_slice)
    }

    /// A session kind's name.
    pub fn kind(&self, id: &str) -> String {
        let r = &self.inputs.rules;
        r.kind(id).map_or(id.to_string(), |k| {
            let k = &r.session_kinds[k];
            self.t(&k.zh, &k.en).to_string()
        })
    }

    /// A duty's name; `—` for none.
    pub fn duty(&self, id: Option<&str>) -> String {
        let r = &self.inputs.rules;
        match id {
            None => self.t("综合（全部职责）", "all duties").to_string(),
            Some(id) => r.duty(id).map_or(id.to_string(), |d| {
                let d = &r.duties[d];
                self.t(&d.zh, &d.en).to_string()
            }),
        }
    }

    /// A duty's number in the MoE list (1–9), when known.
    pub fn duty_no(&self, id: &str) -> Option<u32> {
        let r = &self.inputs.rules;
        r.duty(id).map(|d| r.duties[d].no)
    }

    /// A group's name.
    pub fn group(&self, id: &str) -> String {
        let r = &self.inputs.rules;
        r.group(id).map_or(id.to_string(), |g| {
            let g = &r.groups[g];
            self.t(&g.zh, &g.en).to_string()
        })
    }

    /// A college's name.
    pub fn college(&self, id: &str) -> String {
        let sc = &self.inputs.scenario;
        sc.college(id)
            .map_or(id.to_string(), |c| sc.colleges[c].name.clone())
    }

    /// A campus's name.
    pub fn campus(&self, id: &str) -> String {
        let sc = &self.inputs.scenario;
        sc.campuses
            .iter()
            .find(|c| c.id == id)
            .map_or(id.to_string(), |c| c.name.clone())
    }

    /// A training unit's name: an independent college, or a joint cluster with its colleges.
    pub fn unit(&self, id: &str) -> String {
        if let Some(k) = self.plan.clusters.iter().position(|c| c.id == id) {
            let cl = &self.plan.clusters[k];
            let members: Vec<String> = cl.colleges.iter().map(|c| self.college(c)).collect();
            return match self.lang {
                Lang::Zh => format!("联合培训组{}（{}）", zh_numeral(k + 1), members.join("、")),
                Lang::En => format!("joint cluster {} ({})", k + 1, members.join(", ")),
            };
        }
        self.college(id)
    }

    /// One audience label (`all_counselors`, `studio:ideology`, `unit:c01`) in words.
    pub fn audience_label(&self, label: &str) -> String {
        if let Some(d) = label.strip_prefix("studio:") {
            match self.lang {
                Lang::Zh => format!("{}工作室", self.duty(Some(d))),
                Lang::En => format!("{} studio", self.duty(Some(d))),
            }
        } else if let Some(u) = label.strip_prefix("unit:") {
            self.unit(u)
        } else {
            self.group(label)
        }
    }

    /// A session's audience in words.
    pub fn audience(&self, s: &SessionOut) -> String {
        let all: Vec<String> = s.audience.iter().map(|a| self.audience_label(a)).collect();
        let all = all.join(self.t("、", ", "));
        match (s.cohort, self.lang) {
            (Some(c), Lang::Zh) => format!("{all}·第{}组（共{}组）", c.no, c.of),
            (Some(c), Lang::En) => format!("{all}, part {} of {}", c.no, c.of),
            (None, _) => all,
        }
    }

    /// A person's name (the id when unknown).
    pub fn person(&self, id: &str) -> String {
        self.people
            .get(id)
            .map_or(id.to_string(), |p| p.name.clone())
    }

    /// A person's college name (or the school-level office).
    pub fn person_college(&self, id: &str) -> String {
        match self.people.get(id).and_then(|p| p.college) {
            Some(c) => self.inputs.scenario.colleges[c].name.clone(),
            None => self.t("校级部门", "school office").to_string(),
        }
    }

    /// A fund's name: the school fund, a college's, or a cluster's.
    pub fn fund(&self, id: &str) -> String {
        if id == "school" {
            return self.t("校级专项经费", "school fund").to_string();
        }
        self.unit(id)
    }

    /// What kind of resource a session's `speaker` is.
    fn need(&self, s: &SessionOut) -> SpeakerNeed {
        let r = &self.inputs.rules;
        r.kind(&s.kind)
            .map_or(SpeakerNeed::None, |k| r.session_kinds[k].speaker)
    }

    /// The speaker's name, the visit's host or the online course's name (empty when none).
    pub fn speaker(&self, s: &SessionOut) -> String {
        let sc = &self.inputs.scenario;
        let Some(id) = s.speaker.as_deref() else {
            return String::new();
        };
        if let Some(x) = sc.speakers.iter().find(|x| x.id == id) {
            return x.name.clone();
        }
        if let Some(v) = sc.visits.iter().find(|x| x.id == id) {
            return v.name.clone();
        }
        if let Some(c) = sc.online_courses.iter().find(|x| x.id == id) {
            return format!("{}{}", c.name, self.paren(&c.provider));
        }
        id.to_string()
    }

    /// A speaker with their standing (“王明（省级·辽宁省高校辅导员年度人物）”): the level, then the
    /// note the scenario gives.
    pub fn speaker_standing(&self, x: &crate::domain::Speaker) -> String {
        let level = match (x.level, self.lang) {
            (l, Lang::Zh) => l.zh(),
            (crate::domain::SpeakerLevel::Internal, Lang::En) => "internal",
            (crate::domain::SpeakerLevel::Provincial, Lang::En) => "provincial",
            (crate::domain::SpeakerLevel::National, Lang::En) => "national",
        };
        if x.note.trim().is_empty() {
            format!("{}{}", x.name, self.paren(level))
        } else {
            format!(
                "{}{}",
                x.name,
                self.paren(&format!("{level}·{}", x.note.trim()))
            )
        }
    }

    /// A session's speaker with standing, when it is an invited speaker; else [`Self::speaker`].
    pub fn speaker_with_standing(&self, s: &SessionOut) -> String {
        let sc = &self.inputs.scenario;
        match s
            .speaker
            .as_deref()
            .and_then(|id| sc.speakers.iter().find(|x| x.id == id))
        {
            Some(x) => self.speaker_standing(x),
            None => self.speaker(s),
        }
    }

    /// What the speaker column means for this session: speaker, host or course.
    pub fn speaker_role(&self, s: &SessionOut) -> &'static str {
        match self.need(s) {
            SpeakerNeed::Visit => self.t("考察单位", "host"),
            SpeakerNeed::Online => self.t("课程", "course"),
            _ => self.t("主讲", "speaker"),
        }
    }

    /// Where a session happens: the venue; online (线上) for a course; the host and city of a visit.
    pub fn location(&self, s: &SessionOut) -> String {
        let sc = &self.inputs.scenario;
        if let Some(v) = s.venue.as_deref() {
            return sc
                .venues
                .iter()
                .find(|x| x.id == v)
                .map_or(v.to_string(), |x| x.name.clone());
        }
        let id = s.speaker.as_deref().unwrap_or("");
        if let Some(v) = sc.visits.iter().find(|x| x.id == id) {
            return format!("{}{}{}", v.name, self.t("，", ", "), v.city);
        }
        if let Some(c) = sc.online_courses.iter().find(|x| x.id == id) {
            return format!("{} · {}", self.t("线上", "online"), c.provider);
        }
        match self.need(s) {
            SpeakerNeed::Online => self.t("线上", "online").to_string(),
            _ => self.t("待定", "to be announced").to_string(),
        }
    }

    /// The session's date.
    pub fn date(&self, s: &SessionOut) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&s.date, "%Y-%m-%d").ok()
    }

    /// Start and end (China Standard Time, wall clock) from the rules' slots: the first slot's start
    /// to the last slot's end.
    pub fn times(&self, s: &SessionOut) -> Option<(NaiveDateTime, NaiveDateTime)> {
        let d = self.date(s)?;
        let slots = &self.inputs.rules.calendar.slots;
        let slot = |id: &str| slots.iter().find(|x| x.id == id);
        let first = slot(&s.slot)?;
        let last = s.slots.last().and_then(|l| slot(l)).unwrap_or(first);
        Some((d.and_time(first.start), d.and_time(last.end)))
    }

    /// The slots' names, e.g. `上午` or `上午、下午`.
    pub fn slot_names(&self, s: &SessionOut) -> String {
        let slots = &self.inputs.rules.calendar.slots;
        let ids: Vec<&str> = if s.slots.is_empty() {
            vec![s.slot.as_str()]
        } else {
            s.slots.iter().map(String::as_str).collect()
        };
        ids.iter()
            .map(|id| {
                slots
                    .iter()
                    .find(|x| x.id == *id)
                    .map_or(id.to_string(), |x| self.t(&x.zh, &x.id).to_string())
            })
            .collect::<Vec<_>>()
            .join(self.t("、", "+"))
    }

    /// `08:30–11:30`.
    pub fn time_range(&self, s: &SessionOut) -> String {
        self.times(s).map_or(String::new(), |(a, b)| {
            format!("{}–{}", a.format("%H:%M"), b.format("%H:%M"))
        })
    }

    /// A platform word in words.
    pub fn platform(&self, p: &str) -> String {
        let (zh, en) = match p {
            "centralized" => ("集中培训", "centralized training"),
            "studio" => ("辅导员工作室", "counselor studio"),
            "meeting" => ("月度交流例会", "monthly meeting"),
            "college" => ("院级培训", "college-level training"),
            "camp" => ("训练营", "camp"),
            other => (other, other),
        };
        self.t(zh, en).to_string()
    }

    /// `school` / `college` in words.
    pub fn level(&self, l: &str) -> String {
        match l {
            "school" => self.t("校级", "school"),
            "college" => self.t("院级", "college"),
            other => other,
        }
        .to_string()
    }

    /// An hour target in words (“全体辅导员 校级、院级 每学年 32 学时”); the id when unknown.
    pub fn target(&self, id: &str) -> String {
        let r = &self.inputs.rules;
        let Some(t) = r.hour_targets.iter().find(|t| t.id == id) else {
            return id.to_string();
        };
        let levels: Vec<String> = t.levels.iter().map(|l| self.level(l.as_str())).collect();
        let g = &r.groups[t.group];
        let year = t.per == crate::domain::Per::Year;
        match self.lang {
            Lang::Zh => format!(
                "{} {}学时 {} {} 学时",
                g.zh,
                levels.join("、"),
                if year { "每学年" } else { "每学期" },
                t.hours
            ),
            Lang::En => format!(
                "{} {} hours, {} h per {}",
                g.en,
                levels.join(" and "),
                t.hours,
                if year { "year" } else { "semester" }
            ),
        }
    }

    /// The plan's status in words.
    pub fn status(&self) -> String {
        match self.plan.status.as_str() {
            "optimal" => self.t("最优（已证明）", "optimal (proven)").to_string(),
            "feasible" => self.t("可行", "feasible").to_string(),
            "infeasible" => self.t("无可行方案", "infeasible").to_string(),
            other => other.to_string(),
        }
    }

    /// A weekday's short name (Monday = 0).
    pub fn weekday(&self, d: NaiveDate) -> &'static str {
        use chrono::Datelike;
        let i = d.weekday().num_days_from_monday() as usize;
        match self.lang {
            Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i],
            Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
        }
    }

    /// A fixed instant derived from the inputs, for “created” stamps: midnight China Standard Time
    /// at the start of the semester.
    pub fn stamp(&self) -> NaiveDateTime {
        self.inputs.scenario.semester.start.and_time(NaiveTime::MIN)
    }

    /// The members of a group, from the plan's profiles (`people[].groups`).
    pub fn members(&self, group: &str) -> Vec<&'a str> {
        self.plan
            .people
            .iter()
            .filter(|p| p.groups.iter().any(|g| g == group))
            .map(|p| p.id.as_str())
            .collect()
    }

    /// The (group, duty) cells the rules require (`[[coverage]]`), as ids.
    pub fn required_cells(&self) -> Vec<(String, String)> {
        let r = &self.inputs.rules;
        let mut out: Vec<(String, String)> = r
            .coverage
            .iter()
            .flat_map(|c| {
                c.duties
                    .iter()
                    .map(move |&d| (r.groups[c.group].id.clone(), r.duties[d].id.clone()))
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Whether every member of `group` attends at least one session on `duty` (the coverage rule).
    pub fn cell_met(&self, group: &str, duty: &str) -> bool {
        self.members(group).iter().all(|p| {
            self.sessions_of(p)
                .iter()
                .any(|s| s.duty.as_deref() == Some(duty))
        })
    }

    /// A colon: `：` in Chinese, `: ` in English.
    pub fn colon(&self) -> &'static str {
        self.t("：", ": ")
    }

    /// Text in parentheses: `（…）` in Chinese, ` (…)` in English.
    pub fn paren(&self, s: &str) -> String {
        match self.lang {
            Lang::Zh => format!("（{s}）"),
            Lang::En => format!(" ({s})"),
        }
    }

    /// Money as `1,234.50`.
    pub fn money(&self, x: f64) -> String {
        money_text(x)
    }
}

/// Money with two decimals and thousands separators: `150090.0` → `150,090.00`.
pub fn money_text(x: f64) -> String {
    let s = format!("{:.2}", x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if x < 0.0 && format!("{:.2}", x.abs()) != "0.00" {
        "-"
    } else {
        ""
    };
    format!("{sign}{grouped}.{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 23, 99, 100]
            .iter()
            .map(|&k| zh_numeral(k))
            .collect();
        assert_eq!(
            got,
            ["一", "九", "十", "十一", "二十", "二十三", "九十九", "100"]
        );
    }

    #[test]
    fn leftovers_are_told_by_name() {
        assert_eq!(leftover(".fudao-staging-123"), Some(Leftover::Staging(123)));
        assert_eq!(
            leftover(".ics.old-4194305"),
            Some(Leftover::Old {
                name: "ics",
                pid: 4194305
            })
        );
        assert_eq!(leftover(".fudao-staging-"), None);
        assert_eq!(leftover(".ics.old-12x"), None);
        assert_eq!(leftover(".old-12"), None);
        assert_eq!(leftover("ics"), None);
        assert_eq!(leftover(".plan.json.1a2b.tmp"), None);
    }

    #[test]
    fn money_is_grouped() {
        assert_eq!(money_text(150090.0), "150,090.00");
        assert_eq!(money_text(999.5), "999.50");
        assert_eq!(money_text(-1779.7), "-1,779.70");
        assert_eq!(money_text(-0.001), "0.00");
        assert_eq!(money_text(1_000_000.0), "1,000,000.00");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_safe("T0001"), "T0001");
        assert_eq!(file_safe("../x"), "_.._x");
        assert_eq!(file_safe("a/b c"), "a_b_c");
        assert_eq!(file_safe("张三"), "张三");
        assert_eq!(file_safe(""), "_");
    }

    #[test]
    fn staging_refuses_escapes() {
        assert!(safe_relative("../x").is_err());
        assert!(safe_relative("/abs").is_err());
        assert!(safe_relative("ics/a.ics").is_ok());
    }
}
