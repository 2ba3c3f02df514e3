//! Reading the TOML files into wire types, collecting every problem instead of stopping at the
//! first. (Reading a file from disk is [`crate::input::source::read_file`]; the CSV roster is
//! [`crate::input::roster::csv`].)
//!
//! A TOML file is parsed once (with syntax-error recovery); then each top-level section and each
//! entry of an array of tables is deserialized on its own, so a mistake in one entry does not hide
//! the mistakes in the others. Spans stay relative to the original file.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::input::diag::{Code, Diagnostic, Diags};
use crate::input::overrides::{self, Doc, Miss, NumericId, Override};
use crate::input::source::{FileId, SourceFile, Sources};
use crate::wire::{RulesFile, ScenarioFile};

/// Where a value sits, for messages: the section, the entry (by id when it has one) and the key.
#[derive(Debug, Clone, Default)]
struct Place {
    /// Key path for `= rule/key:`, e.g. `venues.capacity` or `two_level.weights.per_cluster`.
    key: String,
    /// The key's own name, e.g. `capacity`.
    leaf: Option<String>,
}

/// Every key inside a TOML item with the spans of the key and of its value, so that a serde error
/// (which knows only a span) can name the key it is about.
fn key_spans(
    prefix: &str,
    v: &Spanned<DeValue<'_>>,
    out: &mut Vec<(String, Range<usize>, Range<usize>)>,
) {
    match v.get_ref() {
        DeValue::Table(t) => {
            for (k, val) in t.iter() {
                let path = format!("{prefix}.{}", k.get_ref());
                out.push((path.clone(), k.span(), val.span()));
                key_spans(&path, val, out);
            }
        }
        DeValue::Array(a) => {
            for item in a.iter() {
                key_spans(prefix, item, out);
            }
        }
        _ => {}
    }
}

/// The key an error span inside `item` (an entry of `section`) is about.
fn place_of(section: &str, item: &Spanned<DeValue<'_>>, span: Option<Range<usize>>) -> Place {
    let mut keys = Vec::new();
    key_spans(section, item, &mut keys);
    let hit = span.and_then(|sp| {
        keys.iter()
            .filter(|(_, k, v)| {
                k.contains(&sp.start) || v.contains(&sp.start) || (*k == sp) || (*v == sp)
            })
            .min_by_key(|(_, _, v)| v.len())
    });
    match hit {
        Some((path, _, _)) => Place {
            key: path.clone(),
            leaf: path.rsplit('.').next().map(str::to_string),
        },
        None => Place {
            key: section.to_string(),
            leaf: None,
        },
    }
}

/// The names between backticks in a serde message, e.g. the keys of “expected one of `a`, `b`”.
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// The known name closest to a misspelt one, when it is close enough to be a typo (Levenshtein
/// distance in characters, not bytes).
fn did_you_mean<'k>(unknown: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::levenshtein(unknown, k), *k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(1) + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// What a serde type name means, in words for people: (English, Chinese, an example value).
fn expected_words(expected: &str) -> (String, String, &'static str) {
    let e = expected.trim();
    match e {
        "i64" | "i32" | "u32" | "u64" | "usize" | "an integer" => {
            ("a whole number".into(), "整数".into(), "50")
        }
        "f64" | "f32" | "a float" => ("a number".into(), "数字".into(), "150.0"),
        "a string" | "string" => (
            "text in double quotes".into(),
            "带英文双引号的文本".into(),
            "\"…\"",
        ),
        "a boolean" | "bool" => ("true or false".into(), "true 或 false".into(), "true"),
        "a sequence" => (
            "a list in brackets".into(),
            "方括号列表".into(),
            "[\"…\", \"…\"]",
        ),
        "a TOML datetime" => (
            "a date such as 2026-09-01".into(),
            "日期（如 2026-09-01）".into(),
            "2026-09-01",
        ),
        _ if e.starts_with("struct ") => ("a table".into(), "表（table）".into(), "{ … }"),
        _ => (e.to_string(), e.to_string(), "…"),
    }
}

/// What serde found, in words for people (from serde's `Unexpected` display).
fn found_words(found: &str) -> (String, String) {
    let f = found.trim();
    if let Some(v) = f.strip_prefix("string ") {
        return (format!("the text {v}"), format!("文本 {v}"));
    }
    if let Some(v) = f.strip_prefix("integer ") {
        return (
            format!("the whole number {}", v.trim_matches('`')),
            format!("整数 {}", v.trim_matches('`')),
        );
    }
    if let Some(v) = f.strip_prefix("floating point ") {
        return (
            format!("the number {}", v.trim_matches('`')),
            format!("数字 {}", v.trim_matches('`')),
        );
    }
    if let Some(v) = f.strip_prefix("boolean ") {
        return (
            format!("the word {}", v.trim_matches('`')),
            format!("布尔值 {}", v.trim_matches('`')),
        );
    }
    match f {
        "sequence" => ("a list".into(), "列表".into()),
        "map" => ("a table".into(), "表（table）".into()),
        _ => (f.to_string(), f.to_string()),
    }
}

/// Turn a serde error from deserializing `item` (entry `within` of `section`) into a diagnostic
/// that names the key and the entry and keeps serde's own words as detail.
fn serde_diag(
    sources: &Sources,
    file: FileId,
    e: &toml::de::Error,
    section: &str,
    within: &str,
    within_zh: &str,
    item: &Spanned<DeValue<'_>>,
) -> Diagnostic {
    let msg = e.message().trim().to_string();
    let place = place_of(section, item, e.span());
    let fix = " / ";
    let d = if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let field = field.trim_matches('`');
        let valid = backticked(expected);
        let list = valid
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match did_you_mean(field, &valid) {
            Some(k) => format!(
                "did you mean `{k}`? Keys allowed here: {list}{fix}是否应为 `{k}`？请改正拼写或删除该字段"
            ),
            None if valid.is_empty() => {
                format!("remove `{field}`; this table takes no keys{fix}请删除该字段")
            }
            None => format!(
                "remove `{field}` or correct its spelling; keys allowed here: {list}{fix}请删除该字段或改正拼写"
            ),
        };
        let key = format!("{section}.{field}");
        Diagnostic::new(
            Code::UnknownKey,
            format!("unknown key `{field}` in {within}"),
            format!("{within_zh}中有未知字段 `{field}`"),
        )
        .key(key)
        .help(help)
    } else if let Some(rest) = msg.strip_prefix("missing field ") {
        let field = rest.trim().trim_matches('`');
        Diagnostic::new(
            Code::Missing,
            format!("{within} has no `{field}`, which is required"),
            format!("{within_zh}缺少必填字段 `{field}`"),
        )
        .key(format!("{}.{field}", place.key))
        .help(format!(
            "add `{field} = …` to {within}{fix}请在该条目中补充 `{field}`"
        ))
    } else if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        let (exp_en, exp_zh, example) = expected_words(expected);
        let (found_en, found_zh) = found_words(found);
        let leaf = place.leaf.clone().unwrap_or_else(|| section.to_string());
        let no_quotes = if found.starts_with("string ") && example != "\"…\"" {
            " without quotes"
        } else {
            ""
        };
        Diagnostic::new(
            Code::InvalidValue,
            format!("`{leaf}` in {within} must be {exp_en}, not {found_en} ({msg})"),
            format!("{within_zh}的 `{leaf}` 应为{exp_zh}，而不是{found_zh}"),
        )
        .key(place.key.clone())
        .help(format!(
            "write {exp_en}{no_quotes}, e.g. `{leaf} = {example}`{fix}请按示例填写：{leaf} = {example}"
        ))
    } else if msg.contains("did not match any variant of untagged enum DutySetIn") {
        let leaf = place.leaf.clone().unwrap_or_else(|| "duties".to_string());
        Diagnostic::new(
            Code::InvalidValue,
            format!("`{leaf}` in {within} must be \"all\" or a list of duty ids"),
            format!("{within_zh}的 `{leaf}` 应为 \"all\" 或职责 id 列表"),
        )
        .key(place.key.clone())
        .help(format!(
            "write `{leaf} = \"all\"` or `{leaf} = [\"ideology\", \"mental_health\"]`{fix}请写 \"all\" 或职责 id 列表"
        ))
    } else {
        let leaf = place.leaf.clone().unwrap_or_else(|| section.to_string());
        Diagnostic::new(
            Code::InvalidValue,
            format!("`{leaf}` in {within} is not valid: {msg}"),
            format!("{within_zh}的 `{leaf}` 取值无效：{msg}"),
        )
        .key(place.key.clone())
        .help(format!(
            "write the value in the form `{leaf}` expects (see README “File formats”){fix}请按 README 中的格式填写"
        ))
    };
    match e.span() {
        Some(span) => d.at(sources, file, span),
        None => d.in_file(sources.path(file)),
    }
}

/// Turn a TOML syntax error into a diagnostic with advice for the usual causes.
fn syntax_diag(sources: &Sources, file: FileId, e: &toml::de::Error) -> Diagnostic {
    let msg = e.message().trim().to_string();
    let line = e
        .span()
        .map(|sp| {
            let f = sources.get(file);
            f.line_text(f.line_col(sp.start).0).to_string()
        })
        .unwrap_or_default();
    let fullwidth = ['“', '”', '‘', '’', '，', '＝', '［', '］', '：'];
    let (advice_en, advice_zh): (String, String) = if line.contains(fullwidth) {
        (
            "this line has full-width (Chinese) punctuation such as “ ” ， ＝; TOML needs plain ASCII quotes \", commas , and =".into(),
            "该行含有中文全角标点（“ ” ， ＝ 等），TOML 只接受英文半角的引号、逗号和等号".into(),
        )
    } else if msg.starts_with("missing comma between array elements") {
        match e.span().and_then(|sp| unclosed_list_above(sources.get(file), sp.start)) {
            Some((n, text)) => (
                format!("the list opened on line {n} (`{text}`) is not closed with `]`, or two of its values need a comma between them"),
                format!("第 {n} 行的列表缺少右方括号 ]，或其中两个值之间缺少逗号"),
            ),
            None => (
                "a list `[...]` above is not closed with `]`, or two values in a list need a comma between them".into(),
                "上方的列表可能缺少右方括号 ]，或列表中两个值之间缺少逗号".into(),
            ),
        }
    } else if msg.starts_with("invalid basic string") || msg.starts_with("invalid literal string") {
        (
            "end the text with a closing `\"` on the same line".into(),
            "字符串缺少右引号，请在同一行末尾补上英文双引号 \"".into(),
        )
    } else if msg.starts_with("unclosed table") || msg.starts_with("unclosed array table") {
        (
            "close the section header with `]` (or `]]` for [[...]])".into(),
            "表头缺少右方括号，请补上 ] 或 ]]".into(),
        )
    } else if msg.starts_with("unclosed array") {
        (
            "close the list with `]`".into(),
            "列表缺少右方括号 ]".into(),
        )
    } else if msg.starts_with("unclosed inline table") {
        (
            "close the `{ ... }` on the same line with `}`".into(),
            "行内表缺少右花括号 }，须在同一行内结束".into(),
        )
    } else if msg.starts_with("string values must be quoted") {
        (
            "put text in double quotes, e.g. name = \"东校区\"".into(),
            "文本须加英文双引号，例如 name = \"东校区\"".into(),
        )
    } else if msg.starts_with("duplicate key") {
        let key = e
            .span()
            .and_then(|sp| sources.get(file).text.get(sp))
            .unwrap_or("")
            .to_string();
        (
            format!(
                "`{key}` is already defined above; each key or section may appear only once, so remove or rename the second one"
            ),
            format!("`{key}` 在上方已定义，同一字段或部分只能出现一次，请删除或改名"),
        )
    } else if msg.starts_with("invalid date") || msg.starts_with("invalid time") {
        (
            "write a real calendar date as YYYY-MM-DD, e.g. 2026-09-01".into(),
            "请填写真实存在的日期，格式为 年-月-日，例如 2026-09-01".into(),
        )
    } else {
        (
            "check this line against the TOML syntax (https://toml.io/cn/)".into(),
            "请对照 TOML 语法检查此行".into(),
        )
    };
    let d = Diagnostic::new(
        Code::Syntax,
        format!("TOML syntax error: {msg}"),
        format!("TOML 语法错误：{msg}"),
    )
    .help(format!(
        "{advice_en}; the rest of this file is checked once this is fixed / {advice_zh}；修正后才会检查本文件的其余内容"
    ));
    match e.span() {
        Some(span) => d.at(sources, file, span),
        None => d.in_file(sources.path(file)),
    }
}

/// The nearest line above `offset` that opens a list it does not close, e.g. `dates = [2026-11-04`
/// (1-based line number and its text). Brackets inside quotes and comments are ignored.
fn unclosed_list_above(f: &SourceFile, offset: usize) -> Option<(usize, String)> {
    let (err_line, _) = f.line_col(offset);
    let mut depth: i32 = 0;
    for n in (1..err_line).rev() {
        let text = f.line_text(n);
        let trimmed = text.trim_start();
        if trimmed.starts_with('[') && depth == 0 && !trimmed.contains('=') {
            // a table header: the list must have been opened after it
            return None;
        }
        let mut in_str = false;
        for c in text.chars() {
            match c {
                '"' => in_str = !in_str,
                '#' if !in_str => break,
                '[' if !in_str => depth += 1,
                ']' if !in_str => depth -= 1,
                _ => {}
            }
        }
        if depth > 0 {
            return Some((n, text.trim().to_string()));
        }
    }
    None
}

/// A parsed TOML document whose top-level items are handed out one by one.
struct Sections<'a> {
    sources: &'a Sources,
    file: FileId,
    table: DeTable<'a>,
    known: Vec<&'static str>,
    /// Required sections that are absent; reported by [`Sections::finish`] unless an unknown
    /// section is a misspelling of one (then that is the one problem to report).
    missing: Vec<&'static str>,
    /// The file has a syntax error: its parse is partial, so problems found in it would be
    /// guesses. They are not reported; the syntax error is.
    syntax_error: bool,
}

impl<'a> Sections<'a> {
    fn new(sources: &'a Sources, file: FileId, diags: &mut Diags) -> Self {
        let text = &sources.get(file).text;
        let (table, errors) = DeTable::parse_recoverable(text);
        // Only the first syntax error is reliable: after it the parser guesses, and one missing
        // bracket can produce dozens of follow-on errors.
        if let Some(e) = errors.first() {
            diags.push(syntax_diag(sources, file, e));
        }
        Self {
            sources,
            file,
            table: table.into_inner(),
            known: Vec::new(),
            missing: Vec::new(),
            syntax_error: !errors.is_empty(),
        }
    }

    /// Write the overrides of `doc` into the parsed document (before any section is read), noting
    /// which were applied where and which name no number. A file with a syntax error is not
    /// patched: its parse is partial.
    fn patch(&mut self, doc: Doc, list: &'a [Override], out: &mut Patched) {
        if self.syntax_error {
            return;
        }
        for ov in list
            .iter()
            .filter(|o| overrides::doc_of(o.id()) == Some(doc))
        {
            match overrides::apply(&mut self.table, ov) {
                Ok(span) => out.applied.push((ov.clone(), self.file, span)),
                Err(miss) => out.missed.push((ov.clone(), miss)),
            }
        }
    }

    fn report(&self, diags: &mut Diags, d: Diagnostic) {
        if !self.syntax_error {
            diags.push(d);
        }
    }

    fn value(&mut self, key: &'static str) -> Option<Spanned<DeValue<'a>>> {
        self.known.push(key);
        self.table.remove(key)
    }

    fn de<T: DeserializeOwned>(
        &self,
        v: Spanned<DeValue<'a>>,
        section: &str,
        (within, within_zh): (&str, &str),
        diags: &mut Diags,
    ) -> Option<T> {
        match T::deserialize(ValueDeserializer::from(v.clone())) {
            Ok(t) => Some(t),
            Err(e) => {
                let d = serde_diag(self.sources, self.file, &e, section, within, within_zh, &v);
                self.report(diags, d);
                None
            }
        }
    }

    /// A `[table]` section that must be present.
    fn table<T: DeserializeOwned>(&mut self, key: &'static str, diags: &mut Diags) -> Option<T> {
        match self.value(key) {
            Some(v) => {
                let within = format!("[{key}]");
                self.de(v, key, (&within, &within), diags)
            }
            None => {
                self.missing.push(key);
                None
            }
        }
    }

    /// A `[table]` section that may be absent.
    fn optional_table<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
        diags: &mut Diags,
    ) -> Option<T> {
        let v = self.value(key)?;
        let within = format!("[{key}]");
        self.de(v, key, (&within, &within), diags)
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
                    // Name the entry by its id when it has one, else by its position (1-based).
                    let (within, within_zh) = match &id {
                        Some(id) => (format!("[[{key}]] `{id}`"), format!("[[{key}]]“{id}”")),
                        None => (
                            format!("[[{key}]] entry #{}", i + 1),
                            format!("第 {} 个 [[{key}]]", i + 1),
                        ),
                    };
                    match self.de(item, key, (&within, &within_zh), diags) {
                        Some(t) => out.push(t),
                        None => broken_ids.extend(id),
                    }
                }
                out
            }
            _ => {
                let d = Diagnostic::new(
                    Code::InvalidValue,
                    format!("`{key}` must be an array of tables ([[{key}]])"),
                    format!("`{key}` 应为表数组（[[{key}]]）"),
                )
                .key(key)
                .help(format!("write each entry under its own [[{key}]] header / 每一项写在单独的 [[{key}]] 标题下"))
                .at(self.sources, self.file, span);
                self.report(diags, d);
                Vec::new()
            }
        }
    }

    /// Report every top-level key nobody asked for, and every required section not found.
    fn finish(self, diags: &mut Diags) {
        let misspelt: Vec<&str> = self
            .table
            .iter()
            .filter_map(|(k, _)| did_you_mean(k.get_ref(), &self.known))
            .collect();
        for &key in &self.missing {
            if misspelt.contains(&key) {
                continue;
            }
            let d = Diagnostic::new(
                Code::Missing,
                format!("missing section [{key}]"),
                format!("缺少 [{key}] 部分"),
            )
            .key(key)
            .help(format!(
                "add a [{key}] section (see README “File formats”) / 请添加 [{key}]"
            ))
            .in_file(self.sources.path(self.file));
            self.report(diags, d);
        }
        let expected = self
            .known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        for (k, v) in self.table.iter() {
            let name: &str = k.get_ref();
            let (what_en, what_zh, shown) = if v.get_ref().is_table() {
                ("section", "部分", format!("[{name}]"))
            } else if v
                .get_ref()
                .as_array()
                .is_some_and(|a| a.iter().all(|x| x.get_ref().is_table()))
            {
                ("section", "部分", format!("[[{name}]]"))
            } else {
                ("top-level key", "顶层字段", format!("`{name}`"))
            };
            let help = match did_you_mean(name, &self.known) {
                Some(m) if self.missing.contains(&m) => format!(
                    "did you mean [{m}]? That section is required and missing; correct the spelling / 是否应为 [{m}]？该部分为必填且缺失，请改正拼写"
                ),
                Some(m) => format!(
                    "did you mean `{m}`? Allowed here: {expected} / 是否应为 `{m}`？请改正拼写"
                ),
                None => format!(
                    "remove it or correct the spelling; allowed here: {expected} / 删除该{what_zh}或改正拼写"
                ),
            };
            let d = Diagnostic::new(
                Code::UnknownKey,
                format!("unknown {what_en} {shown}"),
                format!("未知的{what_zh} {shown}"),
            )
            .key(name)
            .help(help)
            .at(self.sources, self.file, k.span());
            self.report(diags, d);
        }
    }
}

/// Overrides written into a document before it was read ([`rules_file_with`],
/// [`scenario_file_with`]).
#[derive(Debug, Clone, Default)]
pub struct Patched {
    /// Applied: the override, the file and the span of the value it replaced.
    pub applied: Vec<(Override, FileId, Range<usize>)>,
    /// Not applied, and why.
    pub missed: Vec<(Override, Miss)>,
}

/// Every numeric value of a rules or scenario file, by id (see [`crate::input::overrides`]).
pub fn numeric_ids(sources: &Sources, file: FileId, doc: Doc) -> Vec<NumericId> {
    let (table, _) = DeTable::parse_recoverable(&sources.get(file).text);
    overrides::numeric_ids(table.get_ref(), doc)
}

/// Read a rules file into its wire form. `broken_ids` collects ids of entries that failed to read.
pub fn rules_file(
    sources: &Sources,
    file: FileId,
    diags: &mut Diags,
    broken_ids: &mut Vec<String>,
) -> RulesFile {
    rules_file_with(
        sources,
        file,
        diags,
        broken_ids,
        &[],
        &mut Patched::default(),
    )
}

/// [`rules_file`] with rule values replaced first (`whatif --vary`); overrides of scenario ids
/// are ignored here.
pub fn rules_file_with<'a>(
    sources: &'a Sources,
    file: FileId,
    diags: &mut Diags,
    broken_ids: &mut Vec<String>,
    list: &'a [Override],
    patched: &mut Patched,
) -> RulesFile {
    let mut s = Sections::new(sources, file, diags);
    s.patch(Doc::Rules, list, patched);
    let r = RulesFile {
        meta: s.table("meta", diags),
        duties: s.array("duties", diags, broken_ids),
        roles: s.array("roles", diags, broken_ids),
        groups: s.array("groups", diags, broken_ids),
        title_levels: s.array("title_levels", diags, broken_ids),
        session_kinds: s.array("session_kinds", diags, broken_ids),
        two_level: s.table("two_level", diags),
        college_training: s.optional_table("college_training", diags),
        studios: s.table("studios", diags),
        budget: s.table("budget", diags),
        calendar: s.table("calendar", diags),
        hour_targets: s.array("hour_targets", diags, broken_ids),
        coverage: s.array("coverage", diags, broken_ids),
        plan: s.table("plan", diags),
        replan: s.optional_table("replan", diags),
        records: s.optional_table("records", diags),
    };
    s.finish(diags);
    r
}

/// Read a scenario file into its wire form (people from `[[people]]`; a roster file is read by
/// [`crate::input::roster`]).
pub fn scenario_file(
    sources: &Sources,
    file: FileId,
    diags: &mut Diags,
    broken_ids: &mut Vec<String>,
) -> ScenarioFile {
    scenario_file_with(
        sources,
        file,
        diags,
        broken_ids,
        &[],
        &mut Patched::default(),
    )
}

/// [`scenario_file`] with scenario values replaced first (`whatif --vary`); overrides of rule
/// ids are ignored here.
pub fn scenario_file_with<'a>(
    sources: &'a Sources,
    file: FileId,
    diags: &mut Diags,
    broken_ids: &mut Vec<String>,
    list: &'a [Override],
    patched: &mut Patched,
) -> ScenarioFile {
    let mut s = Sections::new(sources, file, diags);
    s.patch(Doc::Scenario, list, patched);
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
        funds: s.table("funds", diags),
        people: s.array("people", diags, broken_ids),
        people_file: file,
    };
    s.finish(diags);
    sc
}
