//! Diagnostics for bad input: what is wrong, where (file, line, column), and what to do.
//!
//! Every check collects into a [`Diags`] list instead of stopping at the first problem, so one run
//! shows every problem. Messages are bilingual (English, then Chinese).

use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::input::source::{FileId, Sources};

/// The kind of problem, with a stable code users can search for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A file could not be read.
    Io,
    /// TOML or CSV syntax error.
    Syntax,
    /// A key the format does not know.
    UnknownKey,
    /// A value of the wrong type or form.
    InvalidValue,
    /// A required key or section is missing.
    Missing,
    /// Two entries share an id.
    DuplicateId,
    /// A reference to an id that is not defined.
    UnknownRef,
    /// A date that is not a plain date or lies outside the semester.
    BadDate,
    /// A range whose end comes before its start.
    EndBeforeStart,
    /// An amount below zero.
    Negative,
    /// A number outside its allowed range.
    OutOfRange,
    /// A title that is not on the ladder.
    UnknownTitle,
    /// Rules that contradict each other.
    Inconsistent,
}

impl Code {
    /// Stable code, e.g. `E007`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "E001",
            Code::Syntax => "E002",
            Code::UnknownKey => "E003",
            Code::InvalidValue => "E004",
            Code::Missing => "E005",
            Code::DuplicateId => "E006",
            Code::UnknownRef => "E007",
            Code::BadDate => "E008",
            Code::EndBeforeStart => "E009",
            Code::Negative => "E010",
            Code::OutOfRange => "E011",
            Code::UnknownTitle => "E012",
            Code::Inconsistent => "E013",
        }
    }
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// Terminal columns to underline (CJK characters count two).
    pub width: usize,
    /// The source line.
    pub snippet: String,
}

/// A cell of a spreadsheet (a roster read from Excel): where a problem is when the file is a
/// workbook rather than text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Sheet name.
    pub sheet: String,
    /// 1-based row, as Excel numbers it.
    pub row: u32,
    /// 0-based column (0 is `A`).
    pub col: u32,
}

impl Cell {
    /// Excel's letters for a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
    pub fn column_letters(col: u32) -> String {
        let mut n = col + 1;
        let mut out = Vec::new();
        while n > 0 {
            let r = (n - 1) % 26;
            out.push(char::from(b'A' + r as u8));
            n = (n - 1) / 26;
        }
        out.iter().rev().collect()
    }

    /// `staff.xlsx 工作表 Sheet1 第 12 行 C 列 / sheet Sheet1, row 12, column C`.
    pub fn describe(&self, file: &std::path::Path) -> String {
        let c = Self::column_letters(self.col);
        format!(
            "{} 工作表 {} 第 {} 行 {c} 列 / sheet {}, row {}, column {c}",
            file.display(),
            self.sheet,
            self.row,
            self.sheet,
            self.row
        )
    }
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Kind of problem.
    pub code: Code,
    /// Rule id or input path involved, e.g. `two_level.independent_min` or `colleges[3].campus`.
    pub key: Option<String>,
    /// What is wrong, in English.
    pub en: String,
    /// What is wrong, in Chinese.
    pub zh: String,
    /// What to do about it.
    pub help: Option<String>,
    /// Where it is; `None` for problems of a whole file.
    pub at: Option<Location>,
    /// The file when there is no exact location.
    pub file: Option<PathBuf>,
    /// The spreadsheet cell, when the file is a workbook (then `at` shows the row's values).
    pub cell: Option<Cell>,
}

impl Diagnostic {
    /// A new problem without location.
    pub fn new(code: Code, en: impl Into<String>, zh: impl Into<String>) -> Self {
        Self {
            code,
            key: None,
            en: en.into(),
            zh: zh.into(),
            help: None,
            at: None,
            file: None,
            cell: None,
        }
    }

    /// Attach the advice.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attach the rule or input key.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Attach a location from a span in a file.
    pub fn at(mut self, sources: &Sources, file: FileId, span: Range<usize>) -> Self {
        let f = sources.get(file);
        let (line, column) = f.line_col(span.start);
        let snippet = f.line_text(line).to_string();
        // Underline the first line of the span, in terminal columns (CJK characters are two wide).
        let width = f
            .text
            .get(span.clone())
            .map(|s| s.lines().next().unwrap_or("").width())
            .unwrap_or(1)
            .max(1);
        self.file = Some(f.path.clone());
        self.cell = f.cell_at(span.start).map(|(sheet, row, col)| Cell {
            sheet: sheet.to_string(),
            row,
            col,
        });
        self.at = Some(Location {
            file: f.path.clone(),
            line,
            column,
            width,
            snippet,
        });
        self
    }

    /// Attach a whole file.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Render for a terminal, rustc style.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "error[{}]: {}", self.code.as_str(), self.en);
        let _ = writeln!(out, "      错误: {}", self.zh);
        if let Some(at) = &self.at {
            let num = at.line.to_string();
            let pad = " ".repeat(num.len());
            match &self.cell {
                Some(cell) => {
                    let _ = writeln!(out, "{pad}--> {}", cell.describe(&at.file));
                }
                None => {
                    let _ = writeln!(
                        out,
                        "{pad}--> {}:{}:{}",
                        at.file.display(),
                        at.line,
                        at.column
                    );
                }
            }
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{num} | {}", at.snippet);
            // Pad to the column in terminal cells, keeping tabs so the caret lines up.
            let lead: String = at
                .snippet
                .chars()
                .take(at.column - 1)
                .map(|c| {
                    if c == '\t' {
                        "\t".to_string()
                    } else {
                        " ".repeat(c.width().unwrap_or(0))
                    }
                })
                .collect();
            let _ = writeln!(out, "{pad} | {lead}{}", "^".repeat(at.width));
        } else if let Some(file) = &self.file {
            let _ = writeln!(out, "  --> {}", file.display());
        }
        if let Some(key) = &self.key {
            let _ = writeln!(out, "  = rule/key: {key}");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        out
    }
}

/// A list of problems collected across a whole run.
#[derive(Debug, Clone, Default)]
pub struct Diags {
    /// The problems, in the order found.
    pub items: Vec<Diagnostic>,
}

impl Diags {
    /// Add a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// No problems.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Number of problems.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Sort by file, line and column, so the report reads top to bottom.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            let ka = (
                a.file.clone(),
                a.at.as_ref().map(|l| (l.line, l.column)),
                a.code,
            );
            let kb = (
                b.file.clone(),
                b.at.as_ref().map(|l| (l.line, l.column)),
                b.code,
            );
            ka.cmp(&kb)
        });
        self.items.dedup();
    }

    /// Render every problem and a closing count.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in &self.items {
            out.push_str(&d.render());
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{} problem(s) found; nothing was written. 共发现 {} 处问题，未写出任何文件。",
            self.items.len(),
            self.items.len()
        );
        out
    }
}

/// The error of a run: bad input (exit 2) with every problem listed.
#[derive(Debug, Clone)]
pub struct InputError(pub Diags);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.render())
    }
}

impl std::error::Error for InputError {}
