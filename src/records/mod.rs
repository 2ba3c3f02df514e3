//! The programme's record (“一营” closes the loop): what each semester planned and delivered, who
//! signed in, what the camp measured — kept in one SQLite file per programme
//! (`records/jzmu.sqlite`, named by a scenario's `[meta] records`) so that the next plan starts
//! from it ([`crate::domain::history`]).
//!
//! - [`store`]: the database (schema versions, migrations, one transaction per import);
//! - [`import`]: a plan, a sign-in sheet, a camp sheet, each checked whole before anything is written;
//! - [`person`]: one person's semesters, hours and camp results (`fudao history`).
//!
//! Scores are personal data: the record stays on this machine, and every export that carries
//! scores can leave them out (`--no-scores`).

pub mod import;
pub mod person;
pub mod store;

use std::path::{Path, PathBuf};

use crate::domain::Inputs;
use crate::input::diag::{Code, Diagnostic, Diags};
use crate::input::source::Sources;
use crate::wire::{PlanFile, RecordFile, SemesterRec};

pub use store::StoreError;

/// What an import did, for the terminal.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    /// The record file.
    pub db: PathBuf,
    /// The semester written.
    pub semester: String,
    /// Its name.
    pub semester_name: String,
    /// Lines of the summary (Chinese / English).
    pub lines: Vec<String>,
}

fn digest_bytes(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn one(d: Diagnostic) -> Diags {
    let mut ds = Diags::default();
    ds.push(d);
    ds
}

fn store_err(e: StoreError, db: &Path) -> Diags {
    one(e.diagnostic(db))
}

/// The record file to use: `--db`, else the scenario's `[meta] records`.
pub fn db_path(db: Option<&Path>, named: Option<&Path>) -> Result<PathBuf, Diags> {
    match (db, named) {
        (Some(p), _) | (None, Some(p)) => Ok(p.to_path_buf()),
        (None, None) => Err(one(
            Diagnostic::new(
                Code::Missing,
                "no record file: the scenario names none and --db is not given",
                "未指定培训记录库：场景文件未设置 records，也未给出 --db",
            )
            .key("meta.records")
            .help("add `records = \"../records/NAME.sqlite\"` to the scenario's [meta], or pass --db FILE / 请在场景 [meta] 中加入 records = \"../records/学校.sqlite\"，或使用 --db 指定"),
        )),
    }
}

/// The recorded semester a sheet belongs to: `--semester`, else the newest recorded.
pub fn semester<'a>(
    rec: &'a RecordFile,
    id: Option<&str>,
    db: &Path,
) -> Result<&'a SemesterRec, Diags> {
    let known = || {
        rec.semesters
            .iter()
            .rev()
            .map(|s| format!("{} ({})", s.id, s.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match id {
        Some(id) => rec.semesters.iter().find(|s| s.id == id).ok_or_else(|| {
            one(Diagnostic::new(
                Code::UnknownRef,
                format!("the record `{}` has no semester `{id}`", db.display()),
                format!("培训记录库中没有学期“{id}”"),
            )
            .help(format!("use a recorded semester: {} / 请使用已记录的学期", known())))
        }),
        None => rec.semesters.last().ok_or_else(|| {
            one(Diagnostic::new(
                Code::Missing,
                format!("the record `{}` holds no semester yet", db.display()),
                "培训记录库中还没有任何学期".to_string(),
            )
            .help("record the semester's plan first: fudao record plan PLAN.json --scenario SCENARIO / 请先用 fudao record plan 记录该学期的计划"))
        }),
    }
}

/// Record a finished semester's plan (`inputs`: the scenario it was made from).
pub fn record_plan(db: &Path, inputs: &Inputs, plan_path: &Path) -> Result<Done, Diags> {
    let bytes = std::fs::read(plan_path).map_err(|e| {
        one(Diagnostic::new(
            Code::Io,
            format!("cannot read the plan `{}`: {e}", plan_path.display()),
            format!("无法读取计划文件“{}”", plan_path.display()),
        )
        .help("check the path / 请检查路径")
        .in_file(plan_path))
    })?;
    let plan: PlanFile = serde_json::from_slice(&bytes).map_err(|e| {
        one(Diagnostic::new(
            Code::Syntax,
            format!("`{}` is not a fudao plan.json: {e}", plan_path.display()),
            format!("“{}”不是 fudao 生成的 plan.json", plan_path.display()),
        )
        .help("record the plan.json that `fudao plan` or `fudao replan` wrote / 请使用 fudao plan 生成的 plan.json")
        .in_file(plan_path))
    })?;
    let problems = import::plan_problems(inputs, &plan, plan_path);
    if !problems.is_empty() {
        let mut ds = Diags::default();
        for d in problems {
            ds.push(d);
        }
        return Err(ds);
    }
    let sem = import::semester_of(inputs, &plan, &digest_bytes(&bytes));
    let mut store = store::open(db).map_err(|e| store_err(e, db))?;
    let before = store.read().map_err(|e| store_err(e, db))?;
    // sign-in sheets already recorded for sessions this plan no longer has
    if let Some(old) = before.semesters.iter().find(|s| s.id == sem.id) {
        let gone: Vec<&str> = old
            .sessions
            .iter()
            .filter(|x| x.attendance.is_some() && !sem.sessions.iter().any(|y| y.id == x.id))
            .map(|x| x.id.as_str())
            .collect();
        if !gone.is_empty() {
            return Err(one(Diagnostic::new(
                Code::Inconsistent,
                format!(
                    "sign-in sheets are recorded for {} sessions this plan does not have ({})",
                    gone.len(),
                    gone.join(", ")
                ),
                format!("已记录签到的 {} 场培训不在此计划中（{}）", gone.len(), gone.join("、")),
            )
            .help("record the plan the semester actually followed (the latest re-plan) / 请记录本学期实际执行的计划（最新的调整版）")
            .in_file(plan_path)));
        }
    }
    store
        .write(
            &store::Write::Plan(&sem),
            &plan_path.display().to_string(),
            &sem.plan_digest,
        )
        .map_err(|e| store_err(e, db))?;
    let hours: f64 = sem
        .sessions
        .iter()
        .map(|x| x.hours * x.planned.len() as f64)
        .sum();
    Ok(Done {
        db: db.to_path_buf(),
        semester: sem.id.clone(),
        semester_name: sem.name.clone(),
        lines: vec![format!(
            "已记录计划：{} 场培训，{} 人，计划学时 {hours} 人·学时（未导入签到前按计划计）/ recorded the plan: {} sessions, {} people, {hours} person-hours as planned",
            sem.sessions.len(),
            sem.people.len(),
            sem.sessions.len(),
            sem.people.len()
        )],
    })
}

/// Record a sign-in sheet for a recorded semester.
pub fn record_attendance(
    db: &Path,
    sheet: &Path,
    semester_id: Option<&str>,
    sheet_name: Option<&str>,
) -> Result<Done, Diags> {
    // an existing record only: a sheet is recorded against a recorded plan
    store::read(db).map_err(|e| store_err(e, db))?;
    let mut store = store::open(db).map_err(|e| store_err(e, db))?;
    let rec = store.read().map_err(|e| store_err(e, db))?;
    let sem = semester(&rec, semester_id, db)?;
    let mut sources = Sources::default();
    let att = import::attendance(&mut sources, sheet, sheet_name, sem)?;
    let bytes = std::fs::read(sheet).unwrap_or_default();
    store
        .write(
            &store::Write::Attendance {
                semester: &sem.id,
                sessions: &att.sessions,
            },
            &sheet.display().to_string(),
            &digest_bytes(&bytes),
        )
        .map_err(|e| store_err(e, db))?;
    let absent = att.rows - att.present + att.unlisted;
    let mut lines = vec![format!(
        "已记录签到：{} 场培训，出席 {} 人次，未到 {absent} 人次 / recorded sign-in for {} sessions: {} present, {absent} absent",
        att.sessions.len(),
        att.present,
        att.sessions.len(),
        att.present
    )];
    if att.unlisted > 0 {
        lines.push(format!(
            "其中 {} 人次在计划名单中但签到表无此人，按未到计 / {} planned attendees with no line are counted absent",
            att.unlisted, att.unlisted
        ));
    }
    if !att.unplanned.is_empty() {
        lines.push(format!(
            "{} 人次不在该场计划名单中（临时参加），按出席计 / {} signed in without being planned (walk-ins), counted present",
            att.unplanned.len(),
            att.unplanned.len()
        ));
    }
    Ok(Done {
        db: db.to_path_buf(),
        semester: sem.id.clone(),
        semester_name: sem.name.clone(),
        lines,
    })
}

/// Record a camp sheet for a recorded semester.
pub fn record_camp(
    db: &Path,
    sheet: &Path,
    semester_id: Option<&str>,
    sheet_name: Option<&str>,
) -> Result<Done, Diags> {
    // an existing record only: a sheet is recorded against a recorded plan
    store::read(db).map_err(|e| store_err(e, db))?;
    let mut store = store::open(db).map_err(|e| store_err(e, db))?;
    let rec = store.read().map_err(|e| store_err(e, db))?;
    let sem = semester(&rec, semester_id, db)?;
    let mut sources = Sources::default();
    let camp = import::camp(&mut sources, sheet, sheet_name, sem)?;
    let bytes = std::fs::read(sheet).unwrap_or_default();
    store
        .write(
            &store::Write::Camp {
                semester: &sem.id,
                scores: &camp.scores,
            },
            &sheet.display().to_string(),
            &digest_bytes(&bytes),
        )
        .map_err(|e| store_err(e, db))?;
    Ok(Done {
        db: db.to_path_buf(),
        semester: sem.id.clone(),
        semester_name: sem.name.clone(),
        lines: vec![format!(
            "已记录训练营成绩：{} 人，{} 项成绩 / recorded camp results: {} people, {} scores",
            camp.people,
            camp.scores.len(),
            camp.people,
            camp.scores.len()
        )],
    })
}

/// Read the record for `fudao history` (it must exist).
pub fn read(db: &Path) -> Result<RecordFile, Diags> {
    store::read(db).map_err(|e| store_err(e, db))
}
