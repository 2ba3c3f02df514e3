//! The record's database (the file format of [`crate::records`], read by [`crate::input::load`]
//! for the next plan): one SQLite file per programme (`records/jzmu.sqlite`), a versioned
//! schema applied by migrations, and every write in one transaction (an import that fails or is
//! killed midway leaves the previous state: SQLite's journal rolls it back).

use std::path::Path;

use rusqlite::{Connection, OpenFlags, Transaction, params};

use crate::input::diag::{Code, Diagnostic};
use crate::wire::{CampRec, LabelRec, PersonRec, RecordFile, SemesterRec, SessionRec};

/// The schema, one migration per version (`PRAGMA user_version` is the number applied).
const MIGRATIONS: &[&str] = &[
    // 1: semesters with their plans, sign-in sheets, camp scores, and the imports that wrote them
    "CREATE TABLE semesters (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, start TEXT NOT NULL, end_date TEXT NOT NULL,
        rules TEXT NOT NULL, plan_digest TEXT NOT NULL);
     CREATE TABLE labels (
        semester TEXT NOT NULL, what TEXT NOT NULL, id TEXT NOT NULL, zh TEXT NOT NULL,
        en TEXT NOT NULL, PRIMARY KEY (semester, what, id));
     CREATE TABLE people (
        semester TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, college TEXT,
        groups TEXT NOT NULL, PRIMARY KEY (semester, id));
     CREATE TABLE sessions (
        semester TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, level TEXT NOT NULL,
        date TEXT NOT NULL, slot TEXT NOT NULL, duty TEXT, hours REAL NOT NULL, speaker TEXT,
        PRIMARY KEY (semester, id));
     CREATE TABLE planned (
        semester TEXT NOT NULL, session TEXT NOT NULL, person TEXT NOT NULL,
        PRIMARY KEY (semester, session, person));
     CREATE TABLE attendance (
        semester TEXT NOT NULL, session TEXT NOT NULL, person TEXT NOT NULL,
        present INTEGER NOT NULL, import INTEGER NOT NULL,
        PRIMARY KEY (semester, session, person));
     CREATE TABLE camp (
        semester TEXT NOT NULL, person TEXT NOT NULL, segment TEXT NOT NULL, item TEXT NOT NULL,
        duty TEXT, score REAL NOT NULL, full REAL NOT NULL, import INTEGER NOT NULL,
        PRIMARY KEY (semester, person, segment, item));
     CREATE TABLE imports (
        id INTEGER PRIMARY KEY, what TEXT NOT NULL, file TEXT NOT NULL, digest TEXT NOT NULL,
        semester TEXT NOT NULL, rows INTEGER NOT NULL, at TEXT NOT NULL);",
];

/// The schema version this fudao writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// A problem with the database file (bad input: exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError {
    /// English.
    pub en: String,
    /// Chinese.
    pub zh: String,
    /// What to do.
    pub help: String,
}

impl StoreError {
    fn sql(path: &Path, e: &rusqlite::Error) -> Self {
        Self {
            en: format!("cannot use the record `{}`: {e}", path.display()),
            zh: format!("无法使用培训记录库“{}”", path.display()),
            help: "check that the file is a fudao record (made by `fudao record`), not open in another program, and on a writable disk / 请确认该文件由 fudao record 生成、未被其他程序占用且磁盘可写".into(),
        }
    }

    /// As a diagnostic of the file.
    pub fn diagnostic(&self, path: &Path) -> Diagnostic {
        Diagnostic::new(Code::Io, self.en.clone(), self.zh.clone())
            .key("meta.records")
            .help(self.help.clone())
            .in_file(path)
    }
}

/// An open record, for writing.
pub struct Db {
    conn: Connection,
    path: std::path::PathBuf,
}

fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

fn check_version(path: &Path, v: i64) -> Result<(), StoreError> {
    if v > VERSION {
        return Err(StoreError {
            en: format!(
                "the record `{}` has schema version {v}, newer than this fudao's {VERSION}",
                path.display()
            ),
            zh: format!("培训记录库“{}”由更新版本的 fudao 生成（结构版本 {v}）", path.display()),
            help: "use a fudao at least as new as the one that wrote it / 请使用不低于生成该文件的 fudao 版本".into(),
        });
    }
    Ok(())
}

/// Open (creating it and its folder when missing) and migrate the record at `path`.
pub fn open(path: &Path) -> Result<Db, StoreError> {
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
        && !dir.exists()
    {
        std::fs::create_dir_all(dir).map_err(|e| StoreError {
            en: format!("cannot create the folder `{}`: {e}", dir.display()),
            zh: format!("无法创建文件夹“{}”", dir.display()),
            help: "check the path and the disk's permissions / 请检查路径与磁盘权限".into(),
        })?;
    }
    let mut conn = Connection::open(path).map_err(|e| StoreError::sql(path, &e))?;
    let v = version(&conn).map_err(|e| StoreError::sql(path, &e))?;
    check_version(path, v)?;
    if v == 0 && has_foreign_tables(&conn).map_err(|e| StoreError::sql(path, &e))? {
        return Err(not_a_record(path));
    }
    for (i, m) in MIGRATIONS.iter().enumerate().skip(v as usize) {
        let tx = conn.transaction().map_err(|e| StoreError::sql(path, &e))?;
        tx.execute_batch(m)
            .and_then(|_| tx.pragma_update(None, "user_version", i as i64 + 1))
            .and_then(|_| tx.commit())
            .map_err(|e| StoreError::sql(path, &e))?;
    }
    Ok(Db {
        conn,
        path: path.to_path_buf(),
    })
}

fn has_foreign_tables(conn: &Connection) -> rusqlite::Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

fn not_a_record(path: &Path) -> StoreError {
    StoreError {
        en: format!("`{}` is a database, but not a fudao record", path.display()),
        zh: format!("“{}”不是 fudao 培训记录库", path.display()),
        help: "name another file: `fudao record` creates the record when the file does not exist / 请换一个文件名：文件不存在时 fudao record 会新建".into(),
    }
}

/// Read the record at `path` (read-only; the file must exist).
pub fn read(path: &Path) -> Result<RecordFile, StoreError> {
    if !path.exists() {
        return Err(StoreError {
            en: format!("the record `{}` does not exist", path.display()),
            zh: format!("培训记录库“{}”不存在", path.display()),
            help: "record a finished semester first: fudao record plan PLAN.json --db FILE / 请先用 fudao record plan 记录已完成学期的计划".into(),
        });
    }
    // read-write without create where allowed: an import killed midway leaves a hot journal,
    // which only a writer can roll back; read-only media are read as they are
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .or_else(|_| Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY))
        .map_err(|e| StoreError::sql(path, &e))?;
    let v = version(&conn).map_err(|e| StoreError::sql(path, &e))?;
    check_version(path, v)?;
    if v == 0 {
        return Err(not_a_record(path));
    }
    read_conn(&conn, path).map_err(|e| StoreError::sql(path, &e))
}

fn read_conn(conn: &Connection, path: &Path) -> rusqlite::Result<RecordFile> {
    let mut semesters: Vec<SemesterRec> = conn
        .prepare("SELECT id, name, start, end_date, plan_digest FROM semesters ORDER BY start, id")?
        .query_map([], |r| {
            Ok(SemesterRec {
                id: r.get(0)?,
                name: r.get(1)?,
                start: r.get(2)?,
                end: r.get(3)?,
                plan_digest: r.get(4)?,
                ..SemesterRec::default()
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for s in &mut semesters {
        s.labels = conn
            .prepare("SELECT what, id, zh, en FROM labels WHERE semester = ?1 ORDER BY what, id")?
            .query_map([&s.id], |r| {
                Ok(LabelRec {
                    what: r.get(0)?,
                    id: r.get(1)?,
                    zh: r.get(2)?,
                    en: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        s.people = conn
            .prepare(
                "SELECT id, name, college, groups FROM people WHERE semester = ?1 ORDER BY rowid",
            )?
            .query_map([&s.id], |r| {
                let groups: String = r.get(3)?;
                Ok(PersonRec {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    college: r.get(2)?,
                    groups: groups
                        .split(',')
                        .filter(|g| !g.is_empty())
                        .map(str::to_string)
                        .collect(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        s.sessions = conn
            .prepare("SELECT id, kind, level, date, slot, duty, hours, speaker FROM sessions WHERE semester = ?1 ORDER BY date, slot, id")?
            .query_map([&s.id], |r| {
                Ok(SessionRec {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    level: r.get(2)?,
                    date: r.get(3)?,
                    slot: r.get(4)?,
                    duty: r.get(5)?,
                    hours: r.get(6)?,
                    speaker: r.get(7)?,
                    ..SessionRec::default()
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for x in &mut s.sessions {
            x.planned = conn
                .prepare("SELECT person FROM planned WHERE semester = ?1 AND session = ?2 ORDER BY rowid")?
                .query_map([&s.id, &x.id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let signed: Vec<(String, bool)> = conn
                .prepare("SELECT person, present FROM attendance WHERE semester = ?1 AND session = ?2 ORDER BY person")?
                .query_map([&s.id, &x.id], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)))?
                .collect::<rusqlite::Result<_>>()?;
            x.attendance = (!signed.is_empty()).then_some(signed);
        }
        s.camp = conn
            .prepare("SELECT person, segment, item, duty, score, full FROM camp WHERE semester = ?1 ORDER BY import, rowid")?
            .query_map([&s.id], |r| {
                Ok(CampRec {
                    person: r.get(0)?,
                    segment: r.get(1)?,
                    item: r.get(2)?,
                    duty: r.get(3)?,
                    score: r.get(4)?,
                    full: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    let mut rec = RecordFile {
        path: path.display().to_string(),
        digest: String::new(),
        semesters,
    };
    rec.digest = digest(&rec);
    Ok(rec)
}

/// FNV-1a of the record's content (semesters, sessions, sheets, scores; not import times).
fn digest(rec: &RecordFile) -> String {
    let bytes = serde_json::to_vec(&rec.semesters).unwrap_or_default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// One import's rows, written in one transaction.
pub enum Write<'a> {
    /// A semester's plan (replaces an earlier record of the same semester's plan; its sign-in
    /// sheets and camp scores stay).
    Plan(&'a SemesterRec),
    /// Sign-in sheets: per session, who signed in (replaces what an earlier sheet said about
    /// these sessions).
    Attendance {
        /// Semester id.
        semester: &'a str,
        /// Sessions the sheet covers, with (person, present).
        sessions: &'a [(String, Vec<(String, bool)>)],
    },
    /// Camp scores (replace earlier scores of the same person, segment and item).
    Camp {
        /// Semester id.
        semester: &'a str,
        /// Scores.
        scores: &'a [CampRec],
    },
}

impl Db {
    /// The record as it stands.
    pub fn read(&self) -> Result<RecordFile, StoreError> {
        read_conn(&self.conn, &self.path).map_err(|e| StoreError::sql(&self.path, &e))
    }

    /// Write one import (`file`: the sheet or plan, as named; `file_digest`: its bytes' digest)
    /// in one transaction: all of it or nothing.
    pub fn write(
        &mut self,
        w: &Write<'_>,
        file: &str,
        file_digest: &str,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| StoreError::sql(&path, &e))?;
        apply(&tx, w, file, file_digest).map_err(|e| StoreError::sql(&path, &e))?;
        // test hook: hold the transaction open so a test can kill the import midway
        if let Some(ms) = std::env::var("FUDAO_IMPORT_PAUSE_MS")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
        {
            eprintln!("fudao: import written, pausing {ms} ms before commit");
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
        tx.commit().map_err(|e| StoreError::sql(&path, &e))
    }
}

fn apply(
    tx: &Transaction<'_>,
    w: &Write<'_>,
    file: &str,
    file_digest: &str,
) -> rusqlite::Result<()> {
    let (what, semester, rows) = match w {
        Write::Plan(s) => ("plan", s.id.as_str(), s.sessions.len()),
        Write::Attendance { semester, sessions } => (
            "attendance",
            *semester,
            sessions.iter().map(|s| s.1.len()).sum(),
        ),
        Write::Camp { semester, scores } => ("camp", *semester, scores.len()),
    };
    tx.execute(
        "INSERT INTO imports (what, file, digest, semester, rows, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            what,
            file,
            file_digest,
            semester,
            rows as i64,
            chrono::Utc::now().to_rfc3339()
        ],
    )?;
    let import = tx.last_insert_rowid();
    match w {
        Write::Plan(s) => {
            for t in ["labels", "people", "sessions", "planned"] {
                tx.execute(&format!("DELETE FROM {t} WHERE semester = ?1"), [&s.id])?;
            }
            tx.execute("DELETE FROM semesters WHERE id = ?1", [&s.id])?;
            tx.execute(
                "INSERT INTO semesters (id, name, start, end_date, rules, plan_digest) VALUES (?1, ?2, ?3, ?4, '', ?5)",
                params![s.id, s.name, s.start, s.end, s.plan_digest],
            )?;
            let mut st = tx.prepare("INSERT INTO labels VALUES (?1, ?2, ?3, ?4, ?5)")?;
            for l in &s.labels {
                st.execute(params![s.id, l.what, l.id, l.zh, l.en])?;
            }
            let mut st = tx.prepare("INSERT INTO people VALUES (?1, ?2, ?3, ?4, ?5)")?;
            for p in &s.people {
                st.execute(params![s.id, p.id, p.name, p.college, p.groups.join(",")])?;
            }
            let mut st =
                tx.prepare("INSERT INTO sessions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
            let mut pl = tx.prepare("INSERT OR IGNORE INTO planned VALUES (?1, ?2, ?3)")?;
            for x in &s.sessions {
                st.execute(params![
                    s.id, x.id, x.kind, x.level, x.date, x.slot, x.duty, x.hours, x.speaker
                ])?;
                for p in &x.planned {
                    pl.execute(params![s.id, x.id, p])?;
                }
            }
        }
        Write::Attendance { semester, sessions } => {
            let mut del =
                tx.prepare("DELETE FROM attendance WHERE semester = ?1 AND session = ?2")?;
            let mut ins = tx.prepare("INSERT INTO attendance VALUES (?1, ?2, ?3, ?4, ?5)")?;
            for (session, people) in sessions.iter() {
                del.execute(params![semester, session])?;
                for (p, here) in people {
                    ins.execute(params![semester, session, p, i64::from(*here), import])?;
                }
            }
        }
        Write::Camp { semester, scores } => {
            let mut ins =
                tx.prepare("INSERT OR REPLACE INTO camp VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
            for c in scores.iter() {
                ins.execute(params![
                    semester, c.person, c.segment, c.item, c.duty, c.score, c.full, import
                ])?;
            }
        }
    }
    Ok(())
}

/// The semester ids recorded, newest first (for `--semester` defaults and help).
pub fn semester_ids(rec: &RecordFile) -> Vec<String> {
    rec.semesters.iter().rev().map(|s| s.id.clone()).collect()
}
