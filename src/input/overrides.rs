//! Numeric values addressed by id, and how `--vary` replaces one before validation.
//!
//! Decides which ids exist and what they point at: every integer or float in the rules file or
//! the scenario, named by its TOML path (`two_level.independent_min`, `funds.total`); an entry of
//! an array of tables is named by its `id` (`session_kinds.theme_lecture.max_per_semester`,
//! `venues.sp_hall.capacity`) or, when its entries have no `id` (`[[travel]]`), by its 1-based
//! position (`travel.1.minutes`). The first segment decides the document: rules sections
//! ([`RULES_SECTIONS`]) or scenario sections ([`SCENARIO_SECTIONS`]); `meta` is in neither.
//!
//! An override is written into the parsed document (a [`DeTable`]) as a TOML literal, keeping the
//! original value's span, so that the normal deserialization and validation judge it and every
//! problem points at the line it replaces: an integer field given `4.5` is the usual “must be a
//! whole number” error, `two_level.independent_min = 0` the usual E011.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::input::diag::{Code, Diagnostic, Diags};
use crate::input::source::{FileId, Sources};
use crate::input::toml::Patched;

/// Top-level sections of a rules file (an id starting with one of these is a rule).
pub const RULES_SECTIONS: &[&str] = &[
    "duties",
    "roles",
    "groups",
    "title_levels",
    "session_kinds",
    "two_level",
    "studios",
    "budget",
    "calendar",
    "hour_targets",
    "coverage",
    "plan",
    "replan",
];

/// Top-level sections of a scenario file (an id starting with one of these is a scenario value).
pub const SCENARIO_SECTIONS: &[&str] = &[
    "semester",
    "campuses",
    "travel",
    "colleges",
    "venues",
    "speakers",
    "visits",
    "online_courses",
    "funds",
    "people",
];

/// Which document an id addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Doc {
    /// The rules file.
    Rules,
    /// The scenario file.
    Scenario,
}

/// The document an id belongs to, from its first segment; `None` when it names neither.
pub fn doc_of(id: &str) -> Option<Doc> {
    let first = id.split('.').next().unwrap_or("");
    if RULES_SECTIONS.contains(&first) {
        Some(Doc::Rules)
    } else if SCENARIO_SECTIONS.contains(&first) {
        Some(Doc::Scenario)
    } else {
        None
    }
}

/// One numeric value replaced before validation: `id = value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    id: String,
    value: f64,
    literal: String,
}

impl Override {
    /// Replace the value at `id` by `value` (a finite number).
    pub fn new(id: impl Into<String>, value: f64) -> Self {
        Self {
            id: id.into(),
            value,
            literal: literal(value),
        }
    }

    /// The id, e.g. `funds.total`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The new value.
    pub fn value(&self) -> f64 {
        self.value
    }

    /// The value as a TOML literal: a whole number is written as an integer (which an integer
    /// field accepts and a float field reads as that number), anything else as a float.
    pub fn literal(&self) -> &str {
        &self.literal
    }
}

/// A number as a TOML literal.
fn literal(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        // Debug prints the shortest text that reads back to the same f64 (`4.5`, `1e-7`).
        format!("{v:?}")
    }
}

/// A number in text for people: no trailing zeros, no exponent for ordinary values.
pub fn show(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.9}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A numeric value found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct NumericId {
    /// Its id, e.g. `venues.sp_hall.capacity`.
    pub id: String,
    /// Its value in the file.
    pub value: f64,
    /// Written as an integer in the file.
    pub integer: bool,
    /// Span of the value in the file.
    pub span: Range<usize>,
}

/// Why an override could not be applied.
#[derive(Debug, Clone, PartialEq)]
pub enum Miss {
    /// No value has this id.
    Unknown,
    /// The id names a value that is not a number (its TOML type, e.g. `boolean`).
    NotNumeric(&'static str),
    /// The id names a table; these are the numbers inside it.
    Table(Vec<String>),
}

/// The key an entry of an array of tables is addressed by: its `id`, else its 1-based position.
fn entry_key(item: &Spanned<DeValue<'_>>, i: usize) -> Option<String> {
    let t = item.get_ref().as_table()?;
    Some(
        t.get("id")
            .and_then(|v| v.get_ref().as_str().map(str::to_string))
            .unwrap_or_else(|| (i + 1).to_string()),
    )
}

fn number(v: &DeValue<'_>) -> Option<(f64, bool)> {
    if let Some(i) = v.as_integer() {
        return i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|x| (x as f64, true));
    }
    v.as_float()
        .and_then(|f| f.as_str().parse::<f64>().ok())
        .map(|x| (x, false))
}

fn collect(prefix: &str, v: &Spanned<DeValue<'_>>, out: &mut Vec<NumericId>) {
    match v.get_ref() {
        DeValue::Table(t) => {
            for (k, val) in t.iter() {
                collect(&format!("{prefix}.{}", k.get_ref()), val, out);
            }
        }
        DeValue::Array(a) => {
            // Arrays of tables only: a list of plain numbers has no ids for its items.
            for (i, item) in a.iter().enumerate() {
                if let Some(key) = entry_key(item, i) {
                    collect(&format!("{prefix}.{key}"), item, out);
                }
            }
        }
        other => {
            if let Some((value, integer)) = number(other) {
                out.push(NumericId {
                    id: prefix.to_string(),
                    value,
                    integer,
                    span: v.span(),
                });
            }
        }
    }
}

/// Every numeric value of a document that belongs to `doc`, in file order.
pub fn numeric_ids(table: &DeTable<'_>, doc: Doc) -> Vec<NumericId> {
    let mut out = Vec::new();
    for (k, v) in table.iter() {
        let key: &str = k.get_ref();
        if doc_of(key) == Some(doc) {
            collect(key, v, &mut out);
        }
    }
    out.sort_by_key(|n| n.span.start);
    out
}

/// Find the value at `id` in `table`.
fn find_mut<'t, 'a>(table: &'t mut DeTable<'a>, id: &str) -> Option<&'t mut Spanned<DeValue<'a>>> {
    let mut parts = id.split('.');
    let first = parts.next()?;
    let mut cur = table.get_mut(first)?;
    for part in parts {
        cur = match cur.get_mut() {
            DeValue::Table(t) => t.get_mut(part)?,
            DeValue::Array(a) => {
                let pos = a
                    .iter()
                    .enumerate()
                    .position(|(i, item)| entry_key(item, i).as_deref() == Some(part))?;
                a.get_mut(pos)?
            }
            _ => return None,
        };
    }
    Some(cur)
}

/// Write `ov` into `table` (the document `ov`'s id belongs to). Returns the span of the value
/// replaced.
pub fn apply<'a>(table: &mut DeTable<'a>, ov: &'a Override) -> Result<Range<usize>, Miss> {
    let Some(slot) = find_mut(table, ov.id()) else {
        return Err(Miss::Unknown);
    };
    match slot.get_ref() {
        DeValue::Integer(_) | DeValue::Float(_) => {}
        DeValue::Table(_) | DeValue::Array(_) => {
            let mut inside = Vec::new();
            collect(ov.id(), slot, &mut inside);
            return Err(Miss::Table(inside.into_iter().map(|n| n.id).collect()));
        }
        other => return Err(Miss::NotNumeric(other.type_str())),
    }
    let span = slot.span();
    let value = DeValue::parse(ov.literal())
        .map_err(|_| Miss::NotNumeric("number"))?
        .into_inner();
    *slot = Spanned::new(span.clone(), value);
    Ok(span)
}

/// The valid ids of one document, grouped for a message: plain values as `id = value`, entries of
/// arrays of tables as `section.<id>.{field, …}` followed by the entry ids.
pub fn describe(ids: &[NumericId]) -> Vec<String> {
    // Lines in order of first appearance; an array section's pattern collects fields and ids.
    let mut lines: Vec<String> = Vec::new();
    let mut patterns: BTreeMap<String, (usize, Vec<String>, Vec<String>)> = BTreeMap::new();
    for n in ids {
        let parts: Vec<&str> = n.id.split('.').collect();
        // An id is an array entry's when its second segment is an entry key of an array section.
        let array = parts.len() >= 3 && is_array_section(parts[0]);
        if array {
            let field = parts[2..].join(".");
            let e = patterns.entry(parts[0].to_string()).or_insert_with(|| {
                lines.push(String::new());
                (lines.len() - 1, Vec::new(), Vec::new())
            });
            if !e.1.contains(&field) {
                e.1.push(field);
            }
            if !e.2.iter().any(|x| x == parts[1]) {
                e.2.push(parts[1].to_string());
            }
        } else {
            lines.push(format!("{} = {}", n.id, show(n.value)));
        }
    }
    for (section, (at, fields, entries)) in patterns {
        let what = if entries.iter().all(|e| e.parse::<usize>().is_ok()) {
            "<n>"
        } else {
            "<id>"
        };
        lines[at] = format!(
            "{section}.{what}.{{{}}}  ({what}: {})",
            fields.join(", "),
            entries.join(", ")
        );
    }
    lines
}

/// The valid ids of both documents as help text, grouped: rules, then scenario.
pub fn catalog(sources: &Sources, (rules, scenario): (Option<FileId>, FileId)) -> String {
    let mut out = String::from("ids that can be varied / 可以变化的编号:");
    let mut group = |what: &str, file: FileId, doc: Doc| {
        out.push_str(&format!(
            "\n      {what} ({}):",
            sources.path(file).display()
        ));
        let ids = crate::input::toml::numeric_ids(sources, file, doc);
        if ids.is_empty() {
            out.push_str("\n        (none / 无)");
        }
        for line in describe(&ids) {
            out.push_str("\n        ");
            out.push_str(&line);
        }
    };
    if let Some(r) = rules {
        group("rules / 规则", r, Doc::Rules);
    }
    group("scenario / 场景", scenario, Doc::Scenario);
    out
}

/// The ids that can be varied for a scenario (and its rules file, or `rules` instead), as text.
pub fn list(
    scenario: &std::path::Path,
    rules: Option<&std::path::Path>,
) -> Result<String, crate::input::diag::InputError> {
    let mut sources = Sources::default();
    let mut diags = Diags::default();
    let Some(s) = crate::input::source::read_file(
        &mut sources,
        &mut diags,
        scenario,
        "scenario file",
        "场景文件",
    ) else {
        return Err(crate::input::diag::InputError(diags));
    };
    let rules_path = match rules {
        Some(p) => Some(p.to_path_buf()),
        None => {
            let (t, _) = DeTable::parse_recoverable(&sources.get(s).text);
            t.get_ref()
                .get("meta")
                .and_then(|m| m.get_ref().as_table())
                .and_then(|m| m.get("rules"))
                .and_then(|r| r.get_ref().as_str())
                .map(|r| crate::input::source::relative_to(scenario, r))
        }
    };
    let r = rules_path.and_then(|p| {
        crate::input::source::read_file(&mut sources, &mut diags, &p, "rules file", "规则文件")
    });
    if !diags.is_empty() {
        return Err(crate::input::diag::InputError(diags));
    }
    Ok(catalog(&sources, (r, s)).replace("\n      ", "\n  ") + "\n")
}

/// Check what became of each override: an id that names no number is a problem listed with the
/// valid ids; a problem found in an overridden value says that `--vary` set it.
pub fn report(
    sources: &Sources,
    files: (Option<FileId>, FileId),
    list: &[Override],
    patched: &Patched,
    diags: &mut Diags,
) {
    // Problems at an overridden value name the override (validation saw the new value).
    for (ov, file, span) in &patched.applied {
        let f = sources.get(*file);
        let (line, column) = f.line_col(span.start);
        for d in &mut diags.items {
            let here =
                d.at.as_ref()
                    .is_some_and(|at| at.file == f.path && at.line == line && at.column == column);
            if here {
                d.en = format!(
                    "{} (value set by --vary: {} = {})",
                    d.en,
                    ov.id(),
                    show(ov.value())
                );
                d.zh = format!(
                    "{}（该值由 --vary 设为 {} = {}）",
                    d.zh,
                    ov.id(),
                    show(ov.value())
                );
                d.key.get_or_insert_with(|| ov.id().to_string());
            }
        }
    }
    let mut all: Vec<String> = Vec::new();
    if let Some(r) = files.0 {
        all.extend(
            crate::input::toml::numeric_ids(sources, r, Doc::Rules)
                .into_iter()
                .map(|n| n.id),
        );
    }
    all.extend(
        crate::input::toml::numeric_ids(sources, files.1, Doc::Scenario)
            .into_iter()
            .map(|n| n.id),
    );
    let candidates: Vec<crate::input::suggest::Candidate> = all
        .iter()
        .map(|k| crate::input::suggest::Candidate::new(k.clone(), Vec::<String>::new()))
        .collect();
    let suggest = |id: &str| -> String {
        crate::input::suggest::nearest(id, &candidates)
            .map(|(c, _)| {
                let k = &c.id;
                format!("did you mean `{k}`? / 是否应为 `{k}`？\n    ")
            })
            .unwrap_or_default()
    };
    let mut misses: Vec<(&Override, Miss)> =
        patched.missed.iter().map(|(o, m)| (o, m.clone())).collect();
    misses.extend(
        list.iter()
            .filter(|o| doc_of(o.id()).is_none())
            .map(|o| (o, Miss::Unknown)),
    );
    for (ov, miss) in misses {
        let id = ov.id();
        let d = match miss {
            Miss::Unknown => Diagnostic::new(
                Code::UnknownKey,
                format!("unknown id `{id}` given to --vary: no number in the rules or the scenario has this id"),
                format!("--vary 中的编号 `{id}` 不存在：规则和场景中没有这个数值"),
            )
            .help(format!("{}{}", suggest(id), catalog(sources, files))),
            Miss::NotNumeric(kind) => Diagnostic::new(
                Code::InvalidValue,
                format!("`{id}` is a {kind}, not a number; --vary changes numbers only"),
                format!("`{id}` 不是数值（而是 {kind}），--vary 只能改变数值"),
            )
            .help(catalog(sources, files)),
            Miss::Table(inside) => Diagnostic::new(
                Code::InvalidValue,
                format!("`{id}` is a table, not a number; --vary changes one number"),
                format!("`{id}` 是一个表，不是数值；--vary 每次改变一个数值"),
            )
            .help(if inside.is_empty() {
                catalog(sources, files)
            } else {
                format!(
                    "name one of the numbers inside it / 请指定其中的一个数值: {}",
                    inside.join(", ")
                )
            }),
        };
        diags.push(d.key(id));
    }
}

/// Sections that are arrays of tables.
fn is_array_section(s: &str) -> bool {
    matches!(
        s,
        "duties"
            | "roles"
            | "groups"
            | "title_levels"
            | "session_kinds"
            | "hour_targets"
            | "coverage"
            | "campuses"
            | "travel"
            | "colleges"
            | "venues"
            | "speakers"
            | "visits"
            | "online_courses"
            | "people"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"
[two_level]
independent_min = 6
max_travel_minutes = 40.0
unreachable = "guest"

[two_level.weights]
per_cluster = 30.0

[[session_kinds]]
id = "camp"
hours = 6.0
slots = 2

[[travel]]
from = "a"
to = "b"
minutes = 20
"#;

    #[test]
    fn lists_numbers_by_path_and_entry() {
        let t = DeTable::parse(DOC).expect("valid").into_inner();
        let ids: Vec<String> = numeric_ids(&t, Doc::Rules)
            .into_iter()
            .map(|n| n.id)
            .collect();
        assert_eq!(
            ids,
            [
                "two_level.independent_min",
                "two_level.max_travel_minutes",
                "two_level.weights.per_cluster",
                "session_kinds.camp.hours",
                "session_kinds.camp.slots"
            ]
        );
        let sc: Vec<String> = numeric_ids(&t, Doc::Scenario)
            .into_iter()
            .map(|n| n.id)
            .collect();
        assert_eq!(sc, ["travel.1.minutes"]);
    }

    #[test]
    fn replaces_in_place_and_keeps_the_span() {
        let mut t = DeTable::parse(DOC).expect("valid").into_inner();
        let before = numeric_ids(&t, Doc::Rules);
        let ov = Override::new("session_kinds.camp.hours", 4.5);
        let span = apply(&mut t, &ov).expect("applied");
        let after = numeric_ids(&t, Doc::Rules);
        let h = after
            .iter()
            .find(|n| n.id == "session_kinds.camp.hours")
            .expect("still there");
        assert_eq!((h.value, h.integer), (4.5, false));
        assert_eq!(h.span, span);
        assert_eq!(before.len(), after.len());
    }

    #[test]
    fn misses_are_told_apart() {
        let mut t = DeTable::parse(DOC).expect("valid").into_inner();
        let unknown = Override::new("two_level.independent_mn", 1.0);
        assert_eq!(apply(&mut t, &unknown), Err(Miss::Unknown));
        let text = Override::new("two_level.unreachable", 1.0);
        assert_eq!(apply(&mut t, &text), Err(Miss::NotNumeric("string")));
        let table = Override::new("two_level.weights", 1.0);
        assert_eq!(
            apply(&mut t, &table),
            Err(Miss::Table(vec!["two_level.weights.per_cluster".into()]))
        );
    }

    #[test]
    fn literals_read_back() {
        assert_eq!(literal(6.0), "6");
        assert_eq!(literal(4.5), "4.5");
        assert_eq!(literal(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(show(0.55), "0.55");
        assert_eq!(show(260000.0), "260000");
    }
}
