//! Input files held in memory, so that byte spans can be turned into line and column; reading them
//! ([`read_file`], [`read_file_at`]) and resolving the paths one file names ([`relative_to`]).

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::input::diag::{Code, Diagnostic, Diags};
pub use crate::wire::FileId;

/// One input file's text and line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as the user gave it (or as derived from another file).
    pub path: PathBuf,
    /// Full text.
    pub text: String,
    line_starts: Vec<usize>,
    /// For a roster read from a spreadsheet: which cell each span of `text` shows.
    cells: Option<CellMap>,
}

/// Where the cells of one spreadsheet sheet sit in a [`SourceFile`]'s text: the text shows the
/// sheet one row per line (line `n` is row `n`), and each cell's byte range is recorded here, so
/// that a span found by validation turns back into sheet, row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellMap {
    /// Sheet name.
    pub sheet: String,
    /// `(byte range in the text, 1-based row, 0-based column)`, sorted by range start.
    pub cells: Vec<(std::ops::Range<usize>, u32, u32)>,
}

impl CellMap {
    /// The cell at or just before byte `offset` (a zero-length empty cell owns its position).
    pub fn cell_at(&self, offset: usize) -> Option<(u32, u32)> {
        let i = self.cells.partition_point(|(r, _, _)| r.start <= offset);
        let (_, row, col) = self.cells.get(i.checked_sub(1)?)?;
        Some((*row, *col))
    }
}

impl SourceFile {
    /// Index a file's text.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            path: path.into(),
            text,
            line_starts,
            cells: None,
        }
    }

    /// A sheet of a spreadsheet shown as text (one row per line), with the cell of every span.
    pub fn with_cells(path: impl Into<PathBuf>, text: String, cells: CellMap) -> Self {
        Self {
            cells: Some(cells),
            ..Self::new(path, text)
        }
    }

    /// For a sheet shown as text: the sheet name, 1-based row and 0-based column at `offset`.
    pub fn cell_at(&self, offset: usize) -> Option<(&str, u32, u32)> {
        let m = self.cells.as_ref()?;
        let (row, col) = m.cell_at(offset)?;
        Some((m.sheet.as_str(), row, col))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }
}

/// Every file read for one run.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Add a file and return its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() - 1)
    }

    /// A file by id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// The path of a file by id.
    pub fn path(&self, id: FileId) -> &Path {
        &self.files[id.0].path
    }

    /// A fingerprint of what was read (FNV-1a, 64 bits, over every file's text in reading
    /// order, not over the paths): equal on two machines that read the same files from different
    /// places, different when any file differs. Sixteen hex digits.
    pub fn digest(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for f in &self.files {
            for b in f.text.bytes().chain((f.text.len() as u64).to_le_bytes()) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }
}

/// Read a file into the source set, or report why not.
pub fn read_file(
    sources: &mut Sources,
    diags: &mut Diags,
    path: &Path,
    what_en: &str,
    what_zh: &str,
) -> Option<FileId> {
    read_file_at(sources, diags, path, what_en, what_zh, None)
}

/// Read a file named at `named_at` (the span of its path in another file, e.g. `rules = "..."` in
/// a scenario): when it cannot be read, the problem points at the place that names it.
pub fn read_file_at(
    sources: &mut Sources,
    diags: &mut Diags,
    path: &Path,
    what_en: &str,
    what_zh: &str,
    named_at: Option<(FileId, Range<usize>)>,
) -> Option<FileId> {
    let place = |d: Diagnostic, sources: &Sources| match &named_at {
        Some((f, span)) => d.at(sources, *f, span.clone()),
        None => d.in_file(path),
    };
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    // Excel on Windows often saves CSV in GBK; say so.
                    let d = Diagnostic::new(
                        Code::Io,
                        format!("{what_en} `{}` is not UTF-8 text ({e})", path.display()),
                        format!("{what_zh}“{}”不是 UTF-8 编码的文本", path.display()),
                    )
                    .help("save the file as UTF-8 (in Excel/WPS: “CSV UTF-8”) / 请另存为 UTF-8 编码（Excel/WPS 中选择“CSV UTF-8”）");
                    diags.push(place(d, sources));
                    return None;
                }
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            Some(sources.add(SourceFile::new(path, text)))
        }
        Err(e) => {
            let d = Diagnostic::new(
                Code::Io,
                format!("cannot read {what_en} `{}`: {e}", path.display()),
                format!("无法读取{what_zh}“{}”", path.display()),
            )
            .help(if named_at.is_some() {
                "check the path; paths inside a scenario are relative to the scenario file / 请检查路径（场景文件中的路径相对于场景文件所在目录）"
            } else {
                "check the path; paths on the command line are relative to the current directory / 请检查路径（命令行中的路径相对于当前目录）"
            });
            diags.push(place(d, sources));
            None
        }
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
