//! Reading files into wire types, collecting every problem instead of stopping at the first.
//!
//! A TOML file is parsed once (with syntax-error recovery); then each top-level section and each
//! entry of an array of tables is deserialized on its own, so a mistake in one entry does not hide
//! the mistakes in the others. Spans stay relative to the original file.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diag::{Code, Diagnostic, Diags};
use crate::source::{FileId, SourceFile, Sources};
use crate::wire::{PersonIn, RulesFile, ScenarioFile};

/// Read a file into the source set, or report why not.
pub fn read_file(
    sources: &mut Sources,
    diags: &mut Diags,
    path: &Path,
    what_en: &str,
    what_zh: &str,
) -> Option<FileId> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    // Excel on Windows often saves CSV in GBK; say so.
                    diags.push(
                        Diagnostic::new(
                            Code::Io,
                            format!("{what_en} is not UTF-8 text ({e})"),
                            format!("{what_zh}不是 UTF-8 编码的文本"),
                        )
                        .in_file(path)
                        .help("save the file as UTF-8 (in Excel/WPS: “CSV UTF-8”) / 请另存为 UTF-8 编码"),
                    );
                    return None;
                }
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            Some(sources.add(SourceFile::new(path, text)))
        }
        Err(e) => {
            diags.push(
                Diagnostic::new(
                    Code::Io,
                    format!("cannot read {what_en} `{}`: {e}", path.display()),
                    format!("无法读取{what_zh}“{}”", path.display()),
                )
                .in_file(path)
                .help("check the path; paths inside a scenario are relative to the scenario file / 请检查路径（场景文件中的路径相对于场景文件所在目录）"),
            );
            None
        }
    }
}

/// Turn a toml error into a diagnostic in `file`.
fn toml_diag(sources: &Sources, file: FileId, e: &toml::de::Error, path: &str) -> Diagnostic {
    let msg = e.message().trim().to_string();
    let (code, zh, help) = classify_serde_message(&msg);
    let mut d = Diagnostic::new(code, msg, zh);
    if !path.is_empty() {
        d = d.key(path);
    }
    if let Some(help) = help {
        d = d.help(help);
    }
    match e.span() {
        Some(span) => d.at(sources, file, span),
        None => d.in_file(sources.path(file)),
    }
}

fn classify_serde_message(msg: &str) -> (Code, String, Option<String>) {
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let field = rest.split(',').next().unwrap_or(rest);
        let expected = rest.split_once("expected ").map(|x| x.1).unwrap_or("");
        return (
            Code::UnknownKey,
            format!("未知字段 {field}"),
            Some(format!(
                "remove it or correct the spelling; valid keys: {expected} / 删除该字段或改正拼写"
            )),
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return (
            Code::Missing,
            format!("缺少必填字段 {rest}"),
            Some(format!("add {rest} / 请补充该字段")),
        );
    }
    if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
        return (
            Code::InvalidValue,
            format!("取值类型错误：{msg}"),
            Some("write the value in the form the key expects (see README “File formats”) / 请按 README 中的格式填写".into()),
        );
    }
    (
        Code::InvalidValue,
        format!("取值无效：{msg}"),
        Some("write the value in the form the key expects (see README “File formats”) / 请按 README 中的格式填写".into()),
    )
}

/// A parsed TOML document whose top-level items are handed out one by one.
struct Sections<'a> {
    sources: &'a Sources,
    file: FileId,
    table: DeTable<'a>,
    known: Vec<&'static str>,
}

impl<'a> Sections<'a> {
    fn new(sources: &'a Sources, file: FileId, diags: &mut Diags) -> Self {
        let text = &sources.get(file).text;
        let (table, errors) = DeTable::parse_recoverable(text);
        for e in &errors {
            let mut d = toml_diag(sources, file, e, "");
            d.code = Code::Syntax;
            diags.push(d);
        }
        Self {
            sources,
            file,
            table: table.into_inner(),
            known: Vec::new(),
        }
    }

    fn value(&mut self, key: &'static str) -> Option<Spanned<DeValue<'a>>> {
        self.known.push(key);
        self.table.remove(key)
    }

    fn de<T: DeserializeOwned>(
        &self,
        v: Spanned<DeValue<'a>>,
        path: &str,
        diags: &mut Diags,
    ) -> Option<T> {
        match T::deserialize(ValueDeserializer::from(v)) {
            Ok(t) => Some(t),
            Err(e) => {
                diags.push(toml_diag(self.sources, self.file, &e, path));
                None
            }
        }
    }

    /// A `[table]` section that must be present.
    fn table<T: DeserializeOwned>(&mut self, key: &'static str, diags: &mut Diags) -> Option<T> {
        match self.value(key) {
            Some(v) => self.de(v, key, diags),
            None => {
                diags.push(
                    Diagnostic::new(
                        Code::Missing,
                        format!("missing section [{key}]"),
                        format!("缺少 [{key}] 部分"),
                    )
                    .key(key)
                    .help(format!(
                        "add a [{key}] section (see README “File formats”) / 请添加 [{key}]"
                    ))
                    .in_file(self.sources.path(self.file)),
                );
                None
            }
        }
    }

    /// A `[table]` section that may be absent.
    fn opt_table<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
        diags: &mut Diags,
    ) -> Option<T> {
        let v = self.value(key)?;
        self.de(v, key, diags)
    }

    /// A `[[array]]` of tables; each entry is read on its own. Entries that fail are left out, but
    /// their ids (when readable) are returned so that references to them do not cascade.
    fn array<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
        diags: &mut Diags,
        broken_ids: &mut Vec<String>,
    ) -> Vec<T> {
        let Some(v) = self.value(key) else {
            return Vec::new();
        };
        let span = v.span();
        match v.into_inner() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.into_iter().enumerate() {
                    let id = item
                        .get_ref()
                        .as_table()
                        .and_then(|t| t.get("id"))
                        .and_then(|v| v.get_ref().as_str().map(str::to_string));
                    match self.de(item, &format!("{key}[{i}]"), diags) {
                        Some(t) => out.push(t),
                        None => broken_ids.extend(id),
                    }
                }
                out
            }
            _ => {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        format!("`{key}` must be an array of tables ([[{key}]])"),
                        format!("`{key}` 应为表数组（[[{key}]]）"),
                    )
                    .key(key)
                    .help(format!("write each entry under its own [[{key}]] header / 每一项写在单独的 [[{key}]] 标题下"))
                    .at(self.sources, self.file, span),
                );
                Vec::new()
            }
        }
    }

    /// Report every top-level key nobody asked for.
    fn finish(self, diags: &mut Diags) {
        let expected = self
            .known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        for (k, _) in self.table.iter() {
            let name: &str = k.get_ref();
            diags.push(
                Diagnostic::new(
                    Code::UnknownKey,
                    format!("unknown top-level key `{name}`"),
                    format!("未知的顶层字段 `{name}`"),
                )
                .help(format!(
                    "remove it or correct the spelling; valid keys: {expected} / 删除该字段或改正拼写"
                ))
                .at(self.sources, self.file, k.span()),
            );
        }
    }
}

/// Read a rules file into its wire form. `broken_ids` collects ids of entries that failed to read.
pub fn rules_file(
    sources: &Sources,
    file: FileId,
    diags: &mut Diags,
    broken_ids: &mut Vec<String>,
) -> RulesFile {
    let mut s = Sections::new(sources, file, diags);
    let r = RulesFile {
        meta: s.table("meta", diags),
        duties: s.array("duties", diags, broken_ids),
        roles: s.array("roles", diags, broken_ids),
        groups: s.array("groups", diags, broken_ids),
        title_levels: s.array("title_levels", diags, broken_ids),
        session_kinds: s.array("session_kinds", diags, broken_ids),
        two_level: s.table("two_level", diags),
        studios: s.table("studios", diags),
        budget: s.table("budget", diags),
        calendar: s.table("calendar", diags),
        hour_targets: s.array("hour_targets", diags, broken_ids),
        coverage: s.array("coverage", diags, broken_ids),
        plan: s.table("plan", diags),
    };
    s.finish(diags);
    r
}

/// Read a scenario file into its wire form (people from `[[people]]`; see [`roster_csv`]).
pub fn scenario_file(
    sources: &Sources,
    file: FileId,
    diags: &mut Diags,
    broken_ids: &mut Vec<String>,
) -> ScenarioFile {
    let mut s = Sections::new(sources, file, diags);
    let sc = ScenarioFile {
        meta: s.table("meta", diags),
        semester: s.table("semester", diags),
        campuses: s.array("campuses", diags, broken_ids),
        travel: s.array("travel", diags, broken_ids),
        colleges: s.array("colleges", diags, broken_ids),
        venues: s.array("venues", diags, broken_ids),
        speakers: s.array("speakers", diags, broken_ids),
        visits: s.array("visits", diags, broken_ids),
        online_courses: s.array("online_courses", diags, broken_ids),
        funds: s.opt_table("funds", diags),
        people: s.array("people", diags, broken_ids),
        people_file: file,
    };
    s.finish(diags);
    sc
}

/// Columns of a roster and the headers accepted for each (English key first, then Chinese).
pub const ROSTER_COLUMNS: &[(&str, &[&str])] = &[
    ("id", &["id", "工号", "编号"]),
    ("name", &["name", "姓名"]),
    ("college", &["college", "学院", "所在学院", "单位"]),
    ("role", &["role", "岗位", "角色", "身份"]),
    ("hired", &["hired", "入职日期", "入职时间"]),
    (
        "counselor_since",
        &["counselor_since", "从事辅导员工作时间", "辅导员工作起始"],
    ),
    ("title", &["title", "职称"]),
    ("honors", &["honors", "荣誉称号", "荣誉"]),
    ("specialties", &["specialties", "专业特长", "特长"]),
];

/// Separators accepted inside a list cell (honors, specialties).
const LIST_SEPARATORS: &[char] = &['；', ';', '、', '，', ',', '|'];

/// Read a CSV roster (UTF-8, optional BOM; Chinese or English headers) into person rows.
/// Each cell's span points into the CSV text, so errors carry line and column.
pub fn roster_csv(sources: &Sources, file: FileId, diags: &mut Diags) -> Vec<PersonIn> {
    let text = &sources.get(file).text;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = rdr.byte_records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            diags.push(csv_error(sources, file, &e));
            return Vec::new();
        }
        None => {
            diags.push(
                Diagnostic::new(Code::Missing, "the roster is empty", "名单文件为空")
                    .help("the first row holds the headers: 工号,姓名,学院,岗位,入职日期,从事辅导员工作时间,职称,荣誉称号,专业特长")
                    .in_file(sources.path(file)),
            );
            return Vec::new();
        }
    };
    let header_start = header.position().map_or(0, |p| p.byte() as usize);
    let mut col_of: Vec<Option<usize>> = vec![None; ROSTER_COLUMNS.len()];
    for (i, cell) in header.iter().enumerate() {
        let name = String::from_utf8_lossy(cell).trim().to_string();
        let found = ROSTER_COLUMNS
            .iter()
            .position(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(&name)));
        match found {
            Some(c) => col_of[c] = Some(i),
            None if name.is_empty() => {}
            None => {
                let span = cell_span(&header, header_start, i);
                diags.push(
                    Diagnostic::new(
                        Code::UnknownKey,
                        format!("unknown roster column `{name}`"),
                        format!("未知的名单列“{name}”"),
                    )
                    .help(format!(
                        "use one of: {} / 请使用上述列名之一",
                        ROSTER_COLUMNS
                            .iter()
                            .map(|(k, n)| format!("{k} ({})", n[1]))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                    .at(sources, file, span),
                );
            }
        }
    }
    let mut missing = false;
    for (c, (key, names)) in ROSTER_COLUMNS.iter().enumerate() {
        let required = matches!(*key, "id" | "name" | "role" | "hired");
        if required && col_of[c].is_none() {
            missing = true;
            diags.push(
                Diagnostic::new(
                    Code::Missing,
                    format!("the roster has no `{key}` column"),
                    format!("名单缺少“{}”列", names[1]),
                )
                .help(format!(
                    "add a column headed `{}` or `{key}` / 请添加该列",
                    names[1]
                ))
                .at(sources, file, header_start..header_start + 1),
            );
        }
    }
    if missing {
        return Vec::new();
    }
    let mut people = Vec::new();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                diags.push(csv_error(sources, file, &e));
                continue;
            }
        };
        if rec.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let start = rec.position().map_or(0, |p| p.byte() as usize);
        let cell = |c: usize| -> Option<Spanned<String>> {
            let i = col_of[c]?;
            let raw = rec.get(i)?;
            let s = String::from_utf8_lossy(raw).trim().to_string();
            if s.is_empty() {
                return None;
            }
            Some(Spanned::new(cell_span(&rec, start, i), s))
        };
        let row_span = start..start + 1;
        let req = |c: usize, diags: &mut Diags| -> Spanned<String> {
            cell(c).unwrap_or_else(|| {
                let (key, names) = ROSTER_COLUMNS[c];
                diags.push(
                    Diagnostic::new(
                        Code::Missing,
                        format!("empty `{key}` cell"),
                        format!("“{}”为空", names[1]),
                    )
                    .help(format!(
                        "fill in {} for this row / 请填写此行的{}",
                        key, names[1]
                    ))
                    .at(sources, file, row_span.clone()),
                );
                Spanned::new(row_span.clone(), String::new())
            })
        };
        let date = |c: usize, diags: &mut Diags| -> Option<Spanned<toml::value::Datetime>> {
            let s = cell(c)?;
            let norm = s.get_ref().replace(['/', '.'], "-");
            let norm = normalize_date(&norm);
            match norm.parse::<toml::value::Datetime>() {
                Ok(d) => Some(Spanned::new(s.span(), d)),
                Err(_) => {
                    diags.push(
                        Diagnostic::new(
                            Code::BadDate,
                            format!("`{}` is not a date", s.get_ref()),
                            format!("“{}”不是日期", s.get_ref()),
                        )
                        .help("write dates as 2016-09-01 (or 2016/9/1) / 日期请写成 2016-09-01")
                        .at(sources, file, s.span()),
                    );
                    None
                }
            }
        };
        let list = |c: usize| -> Vec<Spanned<String>> {
            let Some(s) = cell(c) else { return Vec::new() };
            let base = s.span().start;
            let text = s.get_ref();
            let mut out = Vec::new();
            let mut off = 0;
            for part in text.split(LIST_SEPARATORS) {
                let trimmed = part.trim();
                if !trimmed.is_empty() {
                    let lead = part.len() - part.trim_start().len();
                    let a = base + off + lead;
                    out.push(Spanned::new(a..a + trimmed.len(), trimmed.to_string()));
                }
                off += part.len()
                    + text[off + part.len()..]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8);
            }
            out
        };
        let id = req(0, diags);
        let name = req(1, diags);
        let role = req(3, diags);
        let hired = match date(4, diags) {
            Some(d) => d,
            None => {
                if cell(4).is_none() {
                    let _ = req(4, diags);
                }
                continue;
            }
        };
        people.push(PersonIn {
            id,
            name,
            college: cell(2),
            role,
            hired,
            counselor_since: date(5, diags),
            title: cell(6),
            honors: list(7),
            specialties: list(8),
        });
    }
    people
}

/// `2016-9-1` → `2016-09-01`.
fn normalize_date(s: &str) -> String {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() == 3 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        format!("{}-{:0>2}-{:0>2}", parts[0], parts[1], parts[2])
    } else {
        s.to_string()
    }
}

/// Byte span of field `i` of a record that starts at `start` in the file (exact for unquoted cells).
fn cell_span(rec: &csv::ByteRecord, start: usize, i: usize) -> std::ops::Range<usize> {
    let r = rec.range(i).unwrap_or(0..0);
    // Quoted cells shift by the quote characters; count the quotes before this field.
    let quotes = (0..i)
        .filter_map(|j| rec.get(j))
        .filter(|f| f.contains(&b',') || f.contains(&b'"'))
        .count()
        * 2;
    (start + r.start + i + quotes)..(start + r.end + i + quotes)
}

fn csv_error(sources: &Sources, file: FileId, e: &csv::Error) -> Diagnostic {
    let d = Diagnostic::new(
        Code::Syntax,
        format!("CSV error: {e}"),
        "CSV 格式错误".to_string(),
    )
    .help("check quotes and separators in this row / 请检查此行的引号和分隔符");
    match e.position() {
        Some(p) => {
            let b = p.byte() as usize;
            d.at(sources, file, b..b + 1)
        }
        None => d.in_file(sources.path(file)),
    }
}

/// Resolve a path written inside `base_file` relative to that file's directory.
pub fn relative_to(base_file: &Path, p: &str) -> PathBuf {
    let p = Path::new(p);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base_file.parent().unwrap_or(Path::new(".")).join(p)
    }
}
