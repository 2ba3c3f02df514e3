//! Sweeps cut into shards that run anywhere and merge back into the single-machine sweep.
//!
//! Decides: which points shard `K/N` plans (every `N`-th point of the grid from the `K`-th:
//! points next to each other differ most in cost — a tight fund against a loose one — so
//! round-robin spreads the cost evenly); what a shard file holds (the grid, the scenario as
//! given, a fingerprint of the files read, and each planned point's result with its grid index —
//! everything the outputs are made from, so a merge needs no input files); and when shards do
//! not belong together (another grid, other inputs, another `N`, a shard missing or given twice):
//! a merge error that says which file and what to do, never a partial sweep.

use serde::{Deserialize, Serialize};

use super::{Grid, Names, PointResult, Sweep, Vary, marginal};

/// The format tag of shard files (a merge refuses anything else).
pub const FORMAT: &str = "fudao-whatif-shard/1";

/// One shard of a sweep: the `k`-th of `n` (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// Which shard, 1 ≤ k ≤ n.
    pub k: usize,
    /// How many shards.
    pub n: usize,
}

impl Shard {
    /// Read `K/N` (1 ≤ K ≤ N ≤ [`super::MAX_POINTS`]).
    pub fn parse(s: &str) -> Result<Self, String> {
        let usage = |why: &str, zh: &str| {
            format!(
                "{why}; write K/N with 1 ≤ K ≤ N, e.g. 2/3 / {zh}；应写为 K/N（1 ≤ K ≤ N），如 2/3"
            )
        };
        let Some((k, n)) = s.split_once('/') else {
            return Err(usage("no `/` between K and N", "K 与 N 之间缺少 /"));
        };
        let (Ok(k), Ok(n)) = (k.trim().parse::<usize>(), n.trim().parse::<usize>()) else {
            return Err(usage("K and N must be whole numbers", "K 和 N 须为正整数"));
        };
        if k == 0 || n == 0 || k > n {
            return Err(usage("K must be between 1 and N", "K 须在 1 到 N 之间"));
        }
        if n > super::MAX_POINTS {
            return Err(usage(
                &format!("at most {} shards", super::MAX_POINTS),
                &format!("最多 {} 个分片", super::MAX_POINTS),
            ));
        }
        Ok(Self { k, n })
    }

    /// The grid indices this shard plans, ascending: `k − 1`, `k − 1 + n`, …
    pub fn indices(self, points: usize) -> Vec<usize> {
        (self.k - 1..points).step_by(self.n).collect()
    }
}

/// What `fudao whatif … --shard K/N` writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardFile {
    /// [`FORMAT`].
    pub format: String,
    /// The scenario path as given to the sweep.
    pub scenario: String,
    /// [`crate::input::source::Sources::digest`] of the files read.
    pub inputs: String,
    /// The varied ids and ranges.
    pub varies: Vec<Vary>,
    /// Which shard.
    pub shard: Shard,
    /// Group and kind names (for the outputs' headers).
    pub names: Names,
    /// Each planned point: its grid index and result, ascending.
    pub points: Vec<(usize, PointResult)>,
}

impl ShardFile {
    /// The shard file's text: pretty JSON, one newline at the end.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self).map(|s| s + "\n")
    }
}

/// Why shards do not merge (exit 2).
#[derive(Debug, Clone, PartialEq)]
pub struct MergeError(pub String);

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MergeError {}

/// Read a shard file's text (`name` for messages).
pub fn read(name: &str, text: &str) -> Result<ShardFile, MergeError> {
    let file: ShardFile = serde_json::from_str(text).map_err(|e| {
        MergeError(format!(
            "error: {name}: not a what-if shard file ({e}); shard files are written by `fudao whatif … --shard K/N -o FILE`\n错误: {name}：不是假设分析分片文件（{e}）；分片文件由 `fudao whatif … --shard K/N -o 文件` 写出\n"
        ))
    })?;
    if file.format != FORMAT {
        return Err(MergeError(format!(
            "error: {name}: shard format `{}`, this fudao reads `{FORMAT}`; re-run the shard with this version\n错误: {name}：分片格式为“{}”，本版本读取“{FORMAT}”，请用本版本重新运行该分片\n",
            file.format, file.format
        )));
    }
    Ok(file)
}

/// Merge shards (`(name, file)`, any order) into the sweep they are parts of: the same grid,
/// inputs and `N` in every file, every shard `1..=N` exactly once, every point planned once.
pub fn merge(files: Vec<(String, ShardFile)>) -> Result<Sweep, MergeError> {
    let Some((first_name, first)) = files.first() else {
        return Err(MergeError(
            "error: give the shard files to merge\n错误: 请给出要合并的分片文件\n".into(),
        ));
    };
    let grid = Grid::new(first.varies.clone()).map_err(|e| MergeError(e.0))?;
    let n = first.shard.n;
    let mut by_k: Vec<Option<&str>> = vec![None; n];
    let mut points: Vec<Option<PointResult>> = vec![None; grid.points.len()];
    for (name, f) in &files {
        let differs = |what: &str, zh: &str| {
            MergeError(format!(
                "error: {name} and {first_name} are shards of different sweeps: {what} differ; merge the shards of one sweep (same scenario files, --vary and N)\n错误: {name} 与 {first_name} 不是同一次分析的分片：{zh}不同；请合并同一次分析（相同输入文件、--vary 和 N）的分片\n"
            ))
        };
        if f.inputs != first.inputs {
            return Err(differs("the input files", "输入文件"));
        }
        if f.varies != first.varies {
            return Err(differs("the --vary ranges", "--vary 范围"));
        }
        if f.shard.n != n {
            return Err(differs("the shard counts N", "分片数 N"));
        }
        if f.names != first.names || f.scenario != first.scenario {
            return Err(differs("the scenario", "方案文件"));
        }
        let k = f.shard.k;
        if k == 0 || k > n {
            return Err(MergeError(format!(
                "error: {name}: shard {k}/{n} is out of range\n错误: {name}：分片 {k}/{n} 超出范围\n"
            )));
        }
        if let Some(other) = by_k[k - 1] {
            return Err(MergeError(format!(
                "error: {name} and {other} are both shard {k}/{n}; give each shard once\n错误: {name} 与 {other} 都是分片 {k}/{n}，每个分片只给一次\n"
            )));
        }
        by_k[k - 1] = Some(name);
        let want = f.shard.indices(grid.points.len());
        let got: Vec<usize> = f.points.iter().map(|(i, _)| *i).collect();
        if got != want {
            return Err(MergeError(format!(
                "error: {name}: shard {k}/{n} holds other points than that shard plans; re-run it\n错误: {name}：分片 {k}/{n} 所含方案与该分片应有的不符，请重新运行\n"
            )));
        }
        for (i, p) in &f.points {
            if p.values != grid.points[*i] {
                return Err(MergeError(format!(
                    "error: {name}: point {} does not have the values of the grid; re-run the shard\n错误: {name}：第 {} 个方案的取值与网格不符，请重新运行该分片\n",
                    i + 1,
                    i + 1
                )));
            }
            points[*i] = Some(p.clone());
        }
    }
    let missing: Vec<String> = by_k
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_none())
        .map(|(k, _)| format!("{}/{n}", k + 1))
        .collect();
    if !missing.is_empty() {
        return Err(MergeError(format!(
            "error: shards missing: {}; run them (`--shard K/N`) and merge all {n}\n错误: 缺少分片 {}；请运行这些分片（--shard K/N）后合并全部 {n} 个\n",
            missing.join(", "),
            missing.join("、")
        )));
    }
    let points: Vec<PointResult> = points.into_iter().flatten().collect();
    let lines = marginal::analyse(&grid, &first.names, &points);
    Ok(Sweep {
        scenario: first.scenario.clone(),
        grid,
        names: first.names.clone(),
        points,
        lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_grid() {
        for n in 1..=7 {
            let mut all: Vec<usize> = (1..=n).flat_map(|k| Shard { k, n }.indices(20)).collect();
            all.sort_unstable();
            assert_eq!(all, (0..20).collect::<Vec<_>>(), "n = {n}");
        }
        assert_eq!(Shard { k: 2, n: 3 }.indices(8), [1, 4, 7]);
        assert!(Shard { k: 5, n: 5 }.indices(3).is_empty());
    }

    #[test]
    fn shard_arguments_read_and_reject() {
        assert_eq!(Shard::parse("2/3"), Ok(Shard { k: 2, n: 3 }));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "-1/2"] {
            let e = Shard::parse(bad).expect_err(bad);
            assert!(e.contains("K/N"), "{bad}: {e}");
        }
    }
}
