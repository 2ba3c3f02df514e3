//! Reading what happened into the record: a finished semester's plan, its sign-in sheets and the
//! camp's scores. Every row is checked against the recorded plan first (unknown person, session
//! not in the plan, duplicate line, a score above full marks …) and every problem is reported at
//! its sheet, row and column; only a sheet without problems is written, in one transaction.

use std::collections::BTreeMap;
use std::path::Path;

use crate::domain::Inputs;
use crate::input::diag::{Code, Diagnostic, Diags};
use crate::input::sheet::{self, Cell, Row, Table};
use crate::input::source::Sources;
use crate::wire::{CampRec, LabelRec, PersonRec, PlanFile, SemesterRec, SessionRec};

/// Headers accepted for each column of a sign-in sheet or a camp sheet (English key first).
pub const PERSON_ID: &[&str] = &["person", "id", "工号", "职工号", "人员编号"];
/// The person's name.
pub const PERSON_NAME: &[&str] = &["name", "姓名"];
/// A session's id in the plan.
pub const SESSION: &[&str] = &["session", "场次", "场次编号", "培训编号", "编号"];
/// A session's date.
pub const DATE: &[&str] = &["date", "日期", "培训日期"];
/// A session's kind (its id or Chinese name).
pub const KIND: &[&str] = &["kind", "培训类型", "类型", "培训项目", "培训名称"];
/// A session's slot (上午/下午).
pub const SLOT: &[&str] = &["slot", "时段"];
/// Whether the person signed in.
pub const PRESENT: &[&str] = &["present", "签到", "是否签到", "签到情况", "出席"];
/// A camp segment (环节).
pub const SEGMENT: &[&str] = &["segment", "环节", "测试环节"];
/// A question or case.
pub const ITEM: &[&str] = &["item", "题目", "案例", "题号", "试题"];
/// The duty an item tests.
pub const DUTY: &[&str] = &["duty", "职责", "所属职责", "考察职责"];
/// A score.
pub const SCORE: &[&str] = &["score", "得分", "成绩", "分数"];
/// Full marks.
pub const FULL: &[&str] = &["full", "满分"];

/// Words for “signed in” and “not there” in a 签到 cell (an empty cell is “not there”).
pub const PRESENT_WORDS: &[&str] = &[
    "√",
    "✓",
    "✔",
    "是",
    "已签到",
    "签到",
    "出席",
    "到",
    "已到",
    "1",
    "y",
    "yes",
    "true",
];
/// Words for “not there”.
pub const ABSENT_WORDS: &[&str] = &[
    "×",
    "✗",
    "否",
    "未签到",
    "缺席",
    "未到",
    "缺勤",
    "请假",
    "0",
    "n",
    "no",
    "false",
];

/// A semester's record from its plan: the plan's people and sessions, and the labels of the ids
/// it uses (from the semester's rules and scenario), so the record reads in words without them.
pub fn semester_of(inputs: &Inputs, plan: &PlanFile, plan_digest: &str) -> SemesterRec {
    let r = &inputs.rules;
    let sc = &inputs.scenario;
    let mut labels = Vec::new();
    let mut label = |what: &str, id: &str, zh: &str, en: &str| {
        labels.push(LabelRec {
            what: what.into(),
            id: id.into(),
            zh: zh.into(),
            en: en.into(),
        });
    };
    for d in &r.duties {
        label("duty", &d.id, &d.zh, &d.en);
    }
    for k in &r.session_kinds {
        label("kind", &k.id, &k.zh, &k.en);
        if k.platform == crate::domain::Platform::Camp {
            for s in &k.segments {
                label("segment", s, s, s);
            }
        }
    }
    for g in &r.groups {
        label("group", &g.id, &g.zh, &g.en);
    }
    for s in &r.calendar.slots {
        label("slot", &s.id, &s.zh, &s.id);
    }
    if let Some(rr) = &r.records {
        let fm = rr.full_marks.to_string();
        label("setting", "full_marks", &fm, &fm);
    }
    for c in &sc.colleges {
        label("college", &c.id, &c.name, &c.id);
    }
    for s in &sc.speakers {
        label("speaker", &s.id, &s.name, &s.id);
    }
    for v in &sc.visits {
        label("speaker", &v.id, &v.name, &v.id);
    }
    for o in &sc.online_courses {
        label("speaker", &o.id, &o.name, &o.id);
    }
    labels.sort_by(|a, b| (&a.what, &a.id).cmp(&(&b.what, &b.id)));
    labels.dedup_by(|a, b| a.what == b.what && a.id == b.id);
    SemesterRec {
        id: sc.id.clone(),
        name: sc.semester.name.clone(),
        start: sc.semester.start.to_string(),
        end: sc.semester.end.to_string(),
        plan_digest: plan_digest.to_string(),
        labels,
        people: plan
            .people
            .iter()
            .map(|p| PersonRec {
                id: p.id.clone(),
                name: p.name.clone(),
                college: p.college.clone(),
                groups: p.groups.clone(),
            })
            .collect(),
        sessions: plan
            .sessions
            .iter()
            .map(|s| SessionRec {
                id: s.id.clone(),
                kind: s.kind.clone(),
                level: s.level.clone(),
                date: s.date.clone(),
                slot: s.slot.clone(),
                duty: s.duty.clone(),
                hours: s.hours,
                speaker: s.speaker.clone(),
                planned: s.attendees.clone(),
                attendance: None,
            })
            .collect(),
        camp: Vec::new(),
    }
}

/// Problems of a plan that cannot be recorded for `inputs`' semester: a plan of another
/// scenario (people or dates it does not have), or one without a feasible status.
pub fn plan_problems(inputs: &Inputs, plan: &PlanFile, path: &Path) -> Vec<Diagnostic> {
    let sc = &inputs.scenario;
    let mut out = Vec::new();
    if plan.status == "infeasible" {
        out.push(
            Diagnostic::new(
                Code::Inconsistent,
                "the plan is infeasible: there is nothing it delivered to record",
                "该计划不可行，没有可记录的培训",
            )
            .help("record the plan the semester actually followed / 请记录本学期实际执行的计划")
            .in_file(path),
        );
    }
    let index = sc.person_index();
    let unknown: Vec<&str> = plan
        .people
        .iter()
        .map(|p| p.id.as_str())
        .filter(|id| !index.contains_key(id))
        .collect();
    if !unknown.is_empty() {
        out.push(
            Diagnostic::new(
                Code::UnknownRef,
                format!(
                    "the plan names {} people the scenario `{}` does not have ({})",
                    unknown.len(),
                    sc.id,
                    unknown[..unknown.len().min(5)].join(", ")
                ),
                format!("计划中有 {} 人不在场景“{}”的名单中", unknown.len(), sc.name),
            )
            .help("give the scenario the plan was made from: --scenario FILE / 请用 --scenario 指定生成该计划的场景文件")
            .in_file(path),
        );
    }
    let outside: Vec<&str> = plan
        .sessions
        .iter()
        .filter(|s| {
            chrono::NaiveDate::parse_from_str(&s.date, "%Y-%m-%d")
                .map_or(true, |d| d < sc.semester.start || d > sc.semester.end)
        })
        .map(|s| s.id.as_str())
        .collect();
    if !outside.is_empty() {
        out.push(
            Diagnostic::new(
                Code::Inconsistent,
                format!(
                    "{} sessions of the plan fall outside the semester {} .. {} ({})",
                    outside.len(),
                    sc.semester.start,
                    sc.semester.end,
                    outside[..outside.len().min(5)].join(", ")
                ),
                format!("计划中有 {} 场培训不在本学期日期范围内", outside.len()),
            )
            .help("give the scenario the plan was made from: --scenario FILE / 请用 --scenario 指定生成该计划的场景文件")
            .in_file(path),
        );
    }
    out
}

/// What a sign-in sheet says: per session, who signed in.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attendance {
    /// Per session id (plan order), (person id, present).
    pub sessions: Vec<(String, Vec<(String, bool)>)>,
    /// Rows read.
    pub rows: usize,
    /// Signed in (person-sessions).
    pub present: usize,
    /// People signed in who were not on the session's plan (walk-ins), as (session, person).
    pub unplanned: Vec<(String, String)>,
    /// People on a covered session's plan with no line (counted as absent).
    pub unlisted: usize,
}

/// Resolving a person's cells against a recorded semester.
struct People<'a> {
    by_id: BTreeMap<&'a str, &'a PersonRec>,
    by_name: BTreeMap<&'a str, Vec<&'a PersonRec>>,
}

impl<'a> People<'a> {
    fn new(s: &'a SemesterRec) -> Self {
        let mut by_name: BTreeMap<&str, Vec<&PersonRec>> = BTreeMap::new();
        for p in &s.people {
            by_name.entry(p.name.as_str()).or_default().push(p);
        }
        Self {
            by_id: s.people.iter().map(|p| (p.id.as_str(), p)).collect(),
            by_name,
        }
    }

    /// The person of a row, or the problem (at the cell).
    #[allow(clippy::result_large_err)] // one diagnostic per bad row, collected; not a hot path
    fn find(
        &self,
        s: &SemesterRec,
        row: &Row,
        (id_col, name_col): (Option<usize>, Option<usize>),
        at: &dyn Fn(Diagnostic, &Cell) -> Diagnostic,
    ) -> Result<&'a PersonRec, Diagnostic> {
        let id = row.get(id_col);
        let name = row.get(name_col);
        match (id, name) {
            (Some(c), name) => {
                let Some(p) = self.by_id.get(c.text.as_str()) else {
                    let d = Diagnostic::new(
                        Code::UnknownRef,
                        format!("unknown person `{}`: not on the staff of {}", c.text, s.id),
                        format!("工号“{}”不在{}的人员名单中", c.text, s.name),
                    )
                    .key("records.person")
                    .help("write the 工号 as in the roster; a person hired later is not in this semester's plan / 请填写名单中的工号");
                    return Err(at(d, c));
                };
                if let Some(n) = name
                    && n.text != p.name
                {
                    let d = Diagnostic::new(
                        Code::Inconsistent,
                        format!("工号 {} is {}, not {}", p.id, p.name, n.text),
                        format!("工号 {} 对应的是{}，不是{}", p.id, p.name, n.text),
                    )
                    .key("records.person")
                    .help("correct the 工号 or the 姓名 / 请更正工号或姓名");
                    return Err(at(d, n));
                }
                Ok(p)
            }
            (None, Some(n)) => match self.by_name.get(n.text.as_str()).map(Vec::as_slice) {
                Some([p]) => Ok(p),
                Some(many) => {
                    let who: Vec<String> = many
                        .iter()
                        .map(|p| format!("{}（{}）", p.id, p.college.as_deref().unwrap_or("-")))
                        .collect();
                    let d = Diagnostic::new(
                        Code::Inconsistent,
                        format!(
                            "{} people are named {}: {}",
                            many.len(),
                            n.text,
                            who.join(", ")
                        ),
                        format!("有 {} 人同名“{}”：{}", many.len(), n.text, who.join("、")),
                    )
                    .key("records.person")
                    .help("add a 工号 column to tell them apart / 请增加“工号”列以区分");
                    Err(at(d, n))
                }
                None => {
                    let d = Diagnostic::new(
                        Code::UnknownRef,
                        format!("unknown person `{}`: not on the staff of {}", n.text, s.id),
                        format!("“{}”不在{}的人员名单中", n.text, s.name),
                    )
                    .key("records.person")
                    .help("write the name as in the roster, or add a 工号 column / 请按名单填写姓名，或增加“工号”列");
                    Err(at(d, n))
                }
            },
            (None, None) => {
                let d = Diagnostic::new(
                    Code::Missing,
                    "the row names no person (工号 and 姓名 are empty)",
                    "此行未填写工号或姓名",
                )
                .key("records.person")
                .help("fill in the 工号 or the 姓名 / 请填写工号或姓名");
                Err(d)
            }
        }
    }
}

fn missing_columns(sources: &Sources, t: &Table, what: &str, cols: &[(&str, &str)]) -> Diagnostic {
    let names: Vec<String> = cols.iter().map(|(zh, en)| format!("{zh} ({en})")).collect();
    Diagnostic::new(
        Code::Missing,
        format!("the {what} has none of the columns {}", names.join(" / ")),
        format!(
            "缺少列：{}",
            cols.iter().map(|c| c.0).collect::<Vec<_>>().join(" 或 ")
        ),
    )
    .help(format!(
        "add a column headed {} to the header row / 请在标题行添加该列",
        cols[0].0
    ))
    .at(sources, t.file, t.header_span())
}

/// Read a sign-in sheet against recorded semester `s`. Every problem at once; `Err` when any.
///
/// Each row names its session by a 场次编号 column, or by 日期 (with 培训类型 and 时段 when the day
/// has several); a sheet with neither column names one session for all its rows in a caption
/// above the header, `场次编号：S001`, as the sign-in sheets `fudao plan` writes do. Rows with no
/// 工号, 姓名 or 签到 (the blank numbered rows for walk-ins) are skipped; other columns (序号,
/// 学院, 备注) are not read.
pub fn attendance(
    sources: &mut Sources,
    path: &Path,
    sheet_name: Option<&str>,
    s: &SemesterRec,
) -> Result<Attendance, Diags> {
    let mut diags = Diags::default();
    let Some(t) = sheet::read(
        sources,
        &mut diags,
        path,
        sheet_name,
        ("sign-in sheet", "签到表"),
    ) else {
        return Err(diags);
    };
    let sources: &Sources = sources;
    let at = |d: Diagnostic, c: &Cell| d.at(sources, t.file, c.span.clone());
    let col = |names: &[&str]| t.column(names);
    let (c_id, c_name) = (col(PERSON_ID), col(PERSON_NAME));
    let (c_session, c_date, c_kind, c_slot) = (col(SESSION), col(DATE), col(KIND), col(SLOT));
    let c_present = col(PRESENT);
    if c_id.is_none() && c_name.is_none() {
        diags.push(missing_columns(
            sources,
            &t,
            "sign-in sheet",
            &[("工号", "id"), ("姓名", "name")],
        ));
    }
    // a sheet of one session (as `fudao plan` writes them) names it once, above the header
    let sheet_session = if c_session.is_none() && c_date.is_none() {
        t.caption(SESSION)
    } else {
        None
    };
    if c_session.is_none() && c_date.is_none() && sheet_session.is_none() {
        diags.push(missing_columns(
            sources,
            &t,
            "sign-in sheet",
            &[("场次编号", "session"), ("日期", "date")],
        ));
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let people = People::new(s);
    let by_id: BTreeMap<&str, &SessionRec> =
        s.sessions.iter().map(|x| (x.id.as_str(), x)).collect();
    let sheet_session: Option<&SessionRec> = match &sheet_session {
        None => None,
        Some((id, c)) => match by_id.get(id.as_str()) {
            Some(x) => Some(*x),
            None => {
                diags.push(at(
                    Diagnostic::new(
                        Code::UnknownRef,
                        format!("session `{id}` is not in the plan of {}", s.id),
                        format!("场次“{id}”不在{}的计划中", s.name),
                    )
                    .key("records.session")
                    .help("write the session id as in plan.json or the calendar (S001 …) after 场次编号： / 请在“场次编号：”后填写计划中的场次编号"),
                    c,
                ));
                return Err(diags);
            }
        },
    };
    let kind_words =
        |x: &SessionRec| -> Vec<String> { vec![x.kind.clone(), s.zh("kind", &x.kind).to_string()] };
    let mut seen: BTreeMap<(String, String), u32> = BTreeMap::new();
    let mut out: BTreeMap<String, Vec<(String, bool)>> = BTreeMap::new();
    let mut att = Attendance::default();
    for row in &t.rows {
        // a blank numbered row for walk-ins (序号 only, or 学院/备注): nobody, nothing to record
        let blank = [c_id, c_name, c_present, c_session, c_date]
            .iter()
            .all(|c| row.get(*c).is_none());
        if blank {
            continue;
        }
        let person = match people.find(s, row, (c_id, c_name), &at) {
            Ok(p) => p,
            Err(d) => {
                diags.push(if d.at.is_none() && d.cell.is_none() {
                    d.at(sources, t.file, row.span.clone())
                } else {
                    d
                });
                continue;
            }
        };
        // the session: by id, else by date (and kind, slot, and the person's plan), else the one
        // the sheet's caption names
        let session: Result<&SessionRec, Diagnostic> = if let Some(x) = sheet_session {
            Ok(x)
        } else if let Some(c) = row.get(c_session) {
            by_id.get(c.text.as_str()).copied().ok_or_else(|| {
                at(
                    Diagnostic::new(
                        Code::UnknownRef,
                        format!("session `{}` is not in the plan of {}", c.text, s.id),
                        format!("场次“{}”不在{}的计划中", c.text, s.name),
                    )
                    .key("records.session")
                    .help("write the session id as in plan.json or the calendar (S001 …), or use 日期 and 培训类型 / 请填写计划中的场次编号，或改填日期与培训类型"),
                    c,
                )
            })
        } else if let Some(c) = row.get(c_date) {
            let date = normalize_date(&c.text);
            let on_day: Vec<&SessionRec> = s.sessions.iter().filter(|x| x.date == date).collect();
            let kind = row.get(c_kind);
            let slot = row.get(c_slot);
            let fits: Vec<&SessionRec> = on_day
                .iter()
                .copied()
                .filter(|x| {
                    kind.is_none_or(|k| {
                        kind_words(x).iter().any(|w| {
                            w == &k.text || (!k.text.is_empty() && w.contains(k.text.as_str()))
                        })
                    })
                })
                .filter(|x| {
                    slot.is_none_or(|sl| x.slot == sl.text || s.zh("slot", &x.slot) == sl.text)
                })
                .collect();
            let mine: Vec<&SessionRec> = fits
                .iter()
                .copied()
                .filter(|x| x.planned.iter().any(|p| p == &person.id))
                .collect();
            match (fits.as_slice(), mine.as_slice()) {
                ([x], _) | (_, [x]) => Ok(*x),
                ([], _) => Err(at(
                    Diagnostic::new(
                        Code::UnknownRef,
                        if on_day.is_empty() {
                            format!("no session of the plan of {} is on `{}`", s.id, c.text)
                        } else {
                            format!("no session of that kind on `{}`", c.text)
                        },
                        if on_day.is_empty() {
                            format!("{}的计划中 {} 没有培训", s.name, c.text)
                        } else {
                            format!("{} 没有该类型的培训", c.text)
                        },
                    )
                    .key("records.session")
                    .help(if on_day.is_empty() {
                        "check the date (2026-10-12), or use 场次编号 / 请核对日期，或改填场次编号".to_string()
                    } else {
                        format!(
                            "that day has: {} / 当天的培训如上",
                            on_day
                                .iter()
                                .map(|x| format!("{} {} {}", x.id, s.zh("kind", &x.kind), s.zh("slot", &x.slot)))
                                .collect::<Vec<_>>()
                                .join("; ")
                        )
                    }),
                    c,
                )),
                (many, _) => Err(at(
                    Diagnostic::new(
                        Code::Inconsistent,
                        format!("{} sessions fit `{}`", many.len(), c.text),
                        format!("{} 有 {} 场培训符合", c.text, many.len()),
                    )
                    .key("records.session")
                    .help(format!(
                        "add 培训类型, 时段 or 场次编号 to tell them apart: {} / 请补充培训类型、时段或场次编号",
                        many.iter()
                            .map(|x| format!("{} {} {}", x.id, s.zh("kind", &x.kind), s.zh("slot", &x.slot)))
                            .collect::<Vec<_>>()
                            .join("; ")
                    )),
                    c,
                )),
            }
        } else {
            Err(Diagnostic::new(
                Code::Missing,
                "the row names no session (场次编号 and 日期 are empty)",
                "此行未填写场次编号或日期",
            )
            .key("records.session")
            .help("fill in the session id or the date / 请填写场次编号或日期")
            .at(sources, t.file, row.span.clone()))
        };
        let session = match session {
            Ok(x) => x,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let present = match row.get(c_present) {
            None if c_present.is_some() => false,
            None => true,
            Some(c) => {
                let w = c.text.to_lowercase();
                if PRESENT_WORDS.contains(&w.as_str()) || w == person.name {
                    true
                } else if ABSENT_WORDS.contains(&w.as_str()) {
                    false
                } else {
                    diags.push(at(
                        Diagnostic::new(
                            Code::InvalidValue,
                            format!("`{}` is not a sign-in mark", c.text),
                            format!("签到栏“{}”无法识别", c.text),
                        )
                        .key("records.present")
                        .help(format!(
                            "write one of {} for signed in, {} (or leave it empty) for not there / 请填写 √ 表示已签到，× 或留空表示未到",
                            PRESENT_WORDS[..6].join(" "),
                            ABSENT_WORDS[..6].join(" ")
                        )),
                        c,
                    ));
                    continue;
                }
            }
        };
        let key = (session.id.clone(), person.id.clone());
        if let Some(first) = seen.get(&key) {
            let cell = row.get(c_id).or(row.get(c_name)).or(row.cells.first());
            let d = Diagnostic::new(
                Code::DuplicateId,
                format!(
                    "{} ({}) is listed twice for session {} (first on row {first})",
                    person.name, person.id, session.id
                ),
                format!(
                    "{}（{}）在场次 {} 中重复出现（首次在第 {first} 行）",
                    person.name, person.id, session.id
                ),
            )
            .key("records.duplicate")
            .help("keep one line per person and session / 每人每场只保留一行");
            diags.push(match cell {
                Some(c) => at(d, c),
                None => d.at(sources, t.file, row.span.clone()),
            });
            continue;
        }
        seen.insert(key, row.number);
        att.rows += 1;
        if present {
            att.present += 1;
            if !session.planned.contains(&person.id) {
                att.unplanned.push((session.id.clone(), person.id.clone()));
            }
        }
        out.entry(session.id.clone())
            .or_default()
            .push((person.id.clone(), present));
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    for x in &s.sessions {
        if let Some(list) = out.remove(&x.id) {
            att.unlisted += x
                .planned
                .iter()
                .filter(|p| !list.iter().any(|(q, _)| q == *p))
                .count();
            att.sessions.push((x.id.clone(), list));
        }
    }
    Ok(att)
}

fn normalize_date(s: &str) -> String {
    let t = s
        .trim()
        .replace(['/', '.', '年', '月'], "-")
        .replace('日', "");
    let parts: Vec<&str> = t.split('-').collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        format!("{}-{:0>2}-{:0>2}", parts[0], parts[1], parts[2])
    } else {
        t
    }
}

/// What a camp sheet says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Camp {
    /// The scores.
    pub scores: Vec<CampRec>,
    /// People scored.
    pub people: usize,
}

/// One camp item of a row: (segment cell or header, item, duty, score cell, full marks).
type Item<'c> = (String, String, Option<String>, &'c Cell, Option<f64>);

/// Read a camp sheet against recorded semester `s`: either one row per person and item
/// (环节, optional 题目 and 职责, 得分, optional 满分) or one row per person with a column per
/// segment (a header `案例研讨（校园危机事件应对）` names the duty the segment's score belongs
/// to). Without a 满分 column, an item's full marks are the rules' `records.full_marks` as
/// recorded with the semester's plan.
pub fn camp(
    sources: &mut Sources,
    path: &Path,
    sheet_name: Option<&str>,
    s: &SemesterRec,
) -> Result<Camp, Diags> {
    let full_marks: Option<f64> = s
        .labels
        .iter()
        .find(|l| l.what == "setting" && l.id == "full_marks")
        .and_then(|l| l.zh.parse().ok());
    let mut diags = Diags::default();
    let Some(t) = sheet::read(
        sources,
        &mut diags,
        path,
        sheet_name,
        ("camp sheet", "训练营成绩表"),
    ) else {
        return Err(diags);
    };
    let sources: &Sources = sources;
    let at = |d: Diagnostic, c: &Cell| d.at(sources, t.file, c.span.clone());
    let col = |names: &[&str]| t.column(names);
    let (c_id, c_name) = (col(PERSON_ID), col(PERSON_NAME));
    if c_id.is_none() && c_name.is_none() {
        diags.push(missing_columns(
            sources,
            &t,
            "camp sheet",
            &[("工号", "id"), ("姓名", "name")],
        ));
    }
    let segments: Vec<&str> = s
        .labels
        .iter()
        .filter(|l| l.what == "segment")
        .map(|l| l.id.as_str())
        .collect();
    let duty_of = |text: &str| -> Option<String> {
        let t = text.trim();
        s.labels
            .iter()
            .find(|l| l.what == "duty" && (l.id == t || l.zh == t))
            .map(|l| l.id.clone())
    };
    let duty_help = || {
        format!(
            "write a duty as in the rules: {} / 请填写规则中的职责名称",
            s.labels
                .iter()
                .filter(|l| l.what == "duty")
                .map(|l| l.zh.as_str())
                .collect::<Vec<_>>()
                .join("、")
        )
    };
    let (c_seg, c_item, c_duty, c_score, c_full) =
        (col(SEGMENT), col(ITEM), col(DUTY), col(SCORE), col(FULL));
    // wide: columns named after segments (optionally with the duty in parentheses)
    let mut wide: Vec<(usize, String, Option<String>)> = Vec::new();
    if c_seg.is_none() {
        for (i, h) in t.header.iter().enumerate() {
            let text = h.text.trim();
            let base = crate::domain::title_base(text);
            let inner = text
                .strip_prefix(base)
                .map(|r| r.trim_matches(|c| "（）() ".contains(c)).to_string())
                .unwrap_or_default();
            let known = segments.contains(&base) || (segments.is_empty() && c_score.is_none());
            let is_person = [c_id, c_name].contains(&Some(i));
            if known && !is_person && !base.is_empty() {
                let duty = if inner.is_empty() {
                    None
                } else {
                    match duty_of(&inner) {
                        Some(d) => Some(d),
                        None => {
                            diags.push(at(
                                Diagnostic::new(
                                    Code::UnknownRef,
                                    format!("unknown duty `{inner}` in the header `{text}`"),
                                    format!("标题“{text}”中的职责“{inner}”未知"),
                                )
                                .key("records.duty")
                                .help(duty_help()),
                                h,
                            ));
                            None
                        }
                    }
                };
                wide.push((i, base.to_string(), duty));
            }
        }
        if wide.is_empty() {
            diags.push(missing_columns(
                sources,
                &t,
                "camp sheet",
                &[("环节", "segment"), ("得分", "score")],
            ));
            diags.items.last_mut().expect("just pushed").help = Some(format!(
                "either one row per item with 环节 and 得分 columns, or one column per segment headed {} / 每行一项（环节、得分列），或每个环节一列",
                if segments.is_empty() {
                    "基础知识测试 …".to_string()
                } else {
                    segments.join("、")
                }
            ));
        }
    } else if c_score.is_none() {
        diags.push(missing_columns(
            sources,
            &t,
            "camp sheet",
            &[("得分", "score")],
        ));
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let people = People::new(s);
    let number = |c: &Cell, what: (&str, &str), diags: &mut Diags| -> Option<f64> {
        match c.text.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Some(v),
            _ => {
                diags.push(at(
                    Diagnostic::new(
                        Code::InvalidValue,
                        format!("`{}` is not a {} (a number of 0 or more)", c.text, what.0),
                        format!("{}“{}”不是不小于 0 的数", what.1, c.text),
                    )
                    .key("records.score")
                    .help("write the number only, e.g. 58 / 请只填写数字，例如 58"),
                    c,
                ));
                None
            }
        }
    };
    let mut seen: BTreeMap<(String, String, String), u32> = BTreeMap::new();
    let mut out = Camp::default();
    let mut who: Vec<String> = Vec::new();
    for row in &t.rows {
        let person = match people.find(s, row, (c_id, c_name), &at) {
            Ok(p) => p,
            Err(d) => {
                diags.push(if d.at.is_none() && d.cell.is_none() {
                    d.at(sources, t.file, row.span.clone())
                } else {
                    d
                });
                continue;
            }
        };
        let mut items: Vec<Item<'_>> = Vec::new();
        if wide.is_empty() {
            let Some(seg) = row.get(c_seg) else {
                diags.push(
                    Diagnostic::new(
                        Code::Missing,
                        "the row has no 环节 (segment)",
                        "此行未填写环节",
                    )
                    .key("records.segment")
                    .help("fill in the segment, e.g. 案例研讨 / 请填写环节，例如 案例研讨")
                    .at(sources, t.file, row.span.clone()),
                );
                continue;
            };
            if !segments.is_empty() && !segments.contains(&seg.text.as_str()) {
                diags.push(at(
                    Diagnostic::new(
                        Code::UnknownRef,
                        format!("unknown camp segment `{}`", seg.text),
                        format!("训练营没有“{}”环节", seg.text),
                    )
                    .key("records.segment")
                    .help(format!(
                        "use one of: {} / 请使用训练营的环节名称",
                        segments.join("、")
                    )),
                    seg,
                ));
                continue;
            }
            let duty = match row.get(c_duty) {
                Some(c) => match duty_of(&c.text) {
                    Some(d) => Some(d),
                    None => {
                        diags.push(at(
                            Diagnostic::new(
                                Code::UnknownRef,
                                format!("unknown duty `{}`", c.text),
                                format!("未知的职责“{}”", c.text),
                            )
                            .key("records.duty")
                            .help(duty_help()),
                            c,
                        ));
                        continue;
                    }
                },
                None => None,
            };
            let Some(score) = row.get(c_score) else {
                diags.push(
                    Diagnostic::new(Code::Missing, "the row has no 得分 (score)", "此行未填写得分")
                        .key("records.score")
                        .help("fill in the score, or delete the row if the person was not tested / 请填写得分；未参加测试请删除此行")
                        .at(sources, t.file, row.span.clone()),
                );
                continue;
            };
            let full = match row.get(c_full) {
                Some(c) => match number(c, ("full mark", "满分"), &mut diags) {
                    Some(v) if v > 0.0 => Some(v),
                    _ => continue,
                },
                None => None,
            };
            let item = row.get(c_item).map(|c| c.text.clone()).unwrap_or_default();
            items.push((seg.text.clone(), item, duty, score, full));
        } else {
            for (i, seg, duty) in &wide {
                if let Some(c) = row.get(Some(*i)) {
                    items.push((seg.clone(), String::new(), duty.clone(), c, None));
                }
            }
        }
        for (seg, item, duty, cell, full) in items {
            let Some(score) = number(cell, ("score", "得分"), &mut diags) else {
                continue;
            };
            let Some(full) = full.or(full_marks) else {
                diags.push(at(
                    Diagnostic::new(
                        Code::Missing,
                        "no full marks: the sheet has no 满分 column and the semester's rules set no records.full_marks",
                        "无法确定满分：成绩表没有“满分”列，该学期规则也未设置 records.full_marks",
                    )
                    .key("records.full_marks")
                    .help("add a 满分 column / 请增加“满分”列"),
                    cell,
                ));
                continue;
            };
            if score > full + 1e-9 {
                diags.push(at(
                    Diagnostic::new(
                        Code::OutOfRange,
                        format!("score {score} is above the full marks {full}"),
                        format!("得分 {score} 高于满分 {full}"),
                    )
                    .key("records.score")
                    .help("correct the score, or give the item's 满分 in a column / 请更正得分，或增加“满分”列"),
                    cell,
                ));
                continue;
            }
            let key = (person.id.clone(), seg.clone(), item.clone());
            if let Some(first) = seen.get(&key) {
                diags.push(at(
                    Diagnostic::new(
                        Code::DuplicateId,
                        format!(
                            "{} ({}) has a second score for {seg}{} (first on row {first})",
                            person.name,
                            person.id,
                            if item.is_empty() { String::new() } else { format!(" {item}") }
                        ),
                        format!("{}（{}）的{seg}{}成绩重复（首次在第 {first} 行）", person.name, person.id, item),
                    )
                    .key("records.duplicate")
                    .help("keep one score per person, segment and item (add a 题目 column for several items) / 每人每环节每题只保留一个成绩"),
                    cell,
                ));
                continue;
            }
            seen.insert(key, row.number);
            if !who.contains(&person.id) {
                who.push(person.id.clone());
            }
            out.scores.push(CampRec {
                person: person.id.clone(),
                segment: seg,
                item,
                duty,
                score,
                full,
            });
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    out.people = who.len();
    Ok(out)
}
