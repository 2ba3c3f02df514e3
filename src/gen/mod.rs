//! Synthetic scenarios for scale tests (`fudao gen --colleges N --staff M --seed S`).
//!
//! [`generate`] writes one self-contained scenario TOML (staff inline as `[[people]]`) for a
//! fictional medical university with `N` colleges and `M` student-affairs staff, shaped like the
//! bundled example `scenarios/jzmu-2026-fall.toml` (the ideas are ported from
//! `tools/make_scenarios.py`):
//!
//! - the 2026 fall semester with the bundled calendar facts (2026-08-31..2027-01-22, 中秋/国庆/元旦,
//!   make-up workdays 2026-09-20 and 2026-10-10, exam weeks 2027-01-11..2027-01-22);
//! - `min(ceil(N/25)+1, 5)` campuses (never more than `N/2`), travel between every pair;
//! - staff split as in the bundled roster: one deputy secretary per college (while that stays
//!   within a fifth of the staff), ~10% cadres, ~7% part-time counselors, the rest (~70%)
//!   full-time counselors, ~13% of whom are newly hired;
//! - ~40% of colleges are small (2–5 full-time counselors) and come in groups of 2–3 on one
//!   campus whose counts add up to at least 6, so every campus's small colleges can train jointly;
//!   the other colleges have 6 or more (6–12 at the bundled scale, more when `M` is larger);
//! - for each of the nine duties at least two eligible studio leads (≥ 10 years as counselor,
//!   副高级 or 正高级, an honor) with that duty among their specialties;
//! - speakers (at least 12; every duty taught by two experts and one role model), 3 study visits,
//!   8 online courses covering every duty, venues on every campus and a fund of 3000 yuan per head.
//!
//! The generator targets the duty, role and title ids of `rules/jzmu.toml`. Output depends only
//! on `(N, M, S)` and the rules path: a small seeded PRNG ([`SplitMix64`]) and ordered
//! collections make it byte-identical from run to run. When `M` is too small for the realistic
//! shape (fewer than about eight staff per college), the file is still valid and the
//! [`Summary::notes`] say which guarantee was relaxed.

use std::collections::HashSet;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Most colleges `fudao gen` accepts.
pub const MAX_COLLEGES: u32 = 500;
/// Most staff `fudao gen` accepts.
pub const MAX_STAFF: u32 = 20_000;
/// The rules path written into `[meta]` when none is given (right for files in `scenarios/`).
pub const DEFAULT_RULES: &str = "../rules/jzmu.toml";

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenOptions {
    /// Number of colleges, `1..=500`.
    pub colleges: u32,
    /// Number of staff, `colleges..=20000`.
    pub staff: u32,
    /// Seed of the pseudo-random choices.
    pub seed: u64,
    /// Rules path written verbatim into `[meta] rules` (relative to the scenario file, or absolute).
    pub rules: String,
}

impl GenOptions {
    /// Options with the default rules path [`DEFAULT_RULES`].
    pub fn new(colleges: u32, staff: u32, seed: u64) -> Self {
        Self {
            colleges,
            staff,
            seed,
            rules: DEFAULT_RULES.to_string(),
        }
    }

    /// The default output file name, `gen-<N>-<M>-<S>.toml`.
    pub fn file_name(&self) -> String {
        format!("gen-{}-{}-{}.toml", self.colleges, self.staff, self.seed)
    }
}

/// Bad arguments to [`generate`]: what is wrong (English and Chinese) and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenError {
    /// What is wrong, in English.
    pub en: String,
    /// What is wrong, in Chinese.
    pub zh: String,
    /// What to do about it (bilingual).
    pub help: String,
}

impl fmt::Display for GenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.en)?;
        writeln!(f, " 错误: {}", self.zh)?;
        writeln!(f, "  = help: {}", self.help)
    }
}

impl std::error::Error for GenError {}

/// Counts describing a generated scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Campuses.
    pub campuses: usize,
    /// Colleges.
    pub colleges: usize,
    /// Colleges with fewer than 6 full-time counselors.
    pub small_colleges: usize,
    /// All staff.
    pub staff: usize,
    /// Full-time counselors (专职辅导员).
    pub full_time: usize,
    /// Part-time counselors (兼职辅导员).
    pub part_time: usize,
    /// Deputy party secretaries for student work (分管学生工作副书记).
    pub deputies: usize,
    /// Student-affairs management cadres (学工管理干部).
    pub cadres: usize,
    /// Counselors hired within 12 months before the semester.
    pub new_counselors: usize,
    /// Staff with at least one honor.
    pub honored: usize,
    /// Staff designed as eligible studio leads (others may qualify too).
    pub designated_leads: usize,
    /// Speakers.
    pub speakers: usize,
    /// Venues.
    pub venues: usize,
    /// The semester's fund (yuan).
    pub funds: u64,
    /// Guarantees relaxed because the staff is too small (empty normally).
    pub notes: Vec<String>,
}

impl fmt::Display for Summary {
    /// One line: colleges, staff by role, campuses.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} colleges ({} small <6, {} independent) on {} campuses; {} staff: {} full-time counselors \
             ({} new), {} part-time, {} deputy secretaries, {} cadres; {} designated studio leads, \
             {} speakers, {} venues, funds {} yuan",
            self.colleges,
            self.small_colleges,
            self.colleges - self.small_colleges,
            self.campuses,
            self.staff,
            self.full_time,
            self.new_counselors,
            self.part_time,
            self.deputies,
            self.cadres,
            self.designated_leads,
            self.speakers,
            self.venues,
            self.funds
        )
    }
}

/// A generated scenario: the TOML text and its summary.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The scenario file's text.
    pub toml: String,
    /// What is in it.
    pub summary: Summary,
}

/// Check the arguments: `1 ≤ N ≤ 500`, `1 ≤ M ≤ 20000`, `M ≥ N`.
pub fn check_args(colleges: u64, staff: u64) -> Result<(), GenError> {
    let suggest = (colleges.clamp(1, u64::from(MAX_COLLEGES)) * 7).min(u64::from(MAX_STAFF));
    if colleges == 0 {
        return Err(GenError {
            en: "--colleges must be at least 1".into(),
            zh: "学院数（--colleges）至少为 1".into(),
            help: "e.g. `fudao gen --colleges 20 --staff 150 --seed 1` (the bundled scenario's size) / \
                   例如 `fudao gen --colleges 20 --staff 150 --seed 1`（与随附示例规模相当）"
                .into(),
        });
    }
    if colleges > u64::from(MAX_COLLEGES) {
        return Err(GenError {
            en: format!("--colleges {colleges} is more than the {MAX_COLLEGES} supported"),
            zh: format!("学院数 {colleges} 超过上限 {MAX_COLLEGES}"),
            help: format!(
                "use at most --colleges {MAX_COLLEGES} / 请使用不超过 {MAX_COLLEGES} 的学院数"
            ),
        });
    }
    if staff == 0 {
        return Err(GenError {
            en: "--staff must be at least 1".into(),
            zh: "人员数（--staff）至少为 1".into(),
            help: format!(
                "about 7 staff per college is realistic: try --staff {suggest} / 每个学院约 7 人较为真实，可试 --staff {suggest}"
            ),
        });
    }
    if staff > u64::from(MAX_STAFF) {
        return Err(GenError {
            en: format!("--staff {staff} is more than the {MAX_STAFF} supported"),
            zh: format!("人员数 {staff} 超过上限 {MAX_STAFF}"),
            help: format!("use at most --staff {MAX_STAFF} / 请使用不超过 {MAX_STAFF} 的人员数"),
        });
    }
    if staff < colleges {
        return Err(GenError {
            en: format!(
                "--staff {staff} is less than --colleges {colleges}: every college needs at least one staff member"
            ),
            zh: format!("人员数 {staff} 少于学院数 {colleges}：每个学院至少需要一名人员"),
            help: format!(
                "raise --staff to at least {colleges} (about 7 per college is realistic: --staff {suggest}), or lower --colleges / \
                 请把 --staff 提高到至少 {colleges}（每院约 7 人较真实：--staff {suggest}），或减少 --colleges"
            ),
        });
    }
    Ok(())
}

/// Generate a scenario. Fails only on bad arguments (see [`check_args`]).
pub fn generate(opts: &GenOptions) -> Result<Generated, GenError> {
    check_args(u64::from(opts.colleges), u64::from(opts.staff))?;
    Ok(Builder::new(opts).build())
}

/// What [`run`] did: the file written, what is in it, and notes and hints for the user (stderr).
#[derive(Debug, Clone)]
pub struct Written {
    /// The file written.
    pub path: PathBuf,
    /// What is in it.
    pub summary: Summary,
    /// Relaxed guarantees and the rules-path hint, one line each.
    pub hints: Vec<String>,
}

/// A whole-number command-line argument, with a bilingual message when it is not one.
pub fn parse_whole(s: &str) -> Result<u64, String> {
    s.trim().parse::<u64>().map_err(|_| {
        format!("expected a whole number such as 20, got `{s}` / 应为非负整数，例如 20")
    })
}

/// `fudao gen`: check the arguments, generate, and write to `output` (default:
/// [`GenOptions::file_name`] in the current directory). `rules` defaults to [`DEFAULT_RULES`],
/// with a hint on where that path points.
pub fn run(
    colleges: Option<u64>,
    staff: Option<u64>,
    seed: u64,
    output: Option<&Path>,
    rules: Option<&str>,
) -> Result<Written, GenError> {
    let need = |v: Option<u64>, flag: &str, zh: &str| {
        v.ok_or_else(|| GenError {
            en: format!("missing {flag}"),
            zh: format!("缺少 {flag}（{zh}）"),
            help: "e.g. `fudao gen --colleges 20 --staff 150 --seed 1` / 例如 `fudao gen --colleges 20 --staff 150 --seed 1`"
                .into(),
        })
    };
    let (n, m) = (
        need(colleges, "--colleges N", "学院数")?,
        need(staff, "--staff M", "人员数")?,
    );
    check_args(n, m)?;
    let opts = GenOptions {
        colleges: n as u32,
        staff: m as u32,
        seed,
        rules: rules.unwrap_or(DEFAULT_RULES).to_string(),
    };
    let g = generate(&opts)?;
    let path = output.map_or_else(|| PathBuf::from(opts.file_name()), Path::to_path_buf);
    std::fs::write(&path, &g.toml).map_err(|e| GenError {
        en: format!("cannot write {}: {e}", path.display()),
        zh: format!("无法写入 {}", path.display()),
        help: "check that the folder exists and is writable, or pass -o FILE / 请确认目录存在且可写，或用 -o 指定文件".into(),
    })?;
    let mut hints: Vec<String> = g
        .summary
        .notes
        .iter()
        .map(|n| format!("note: {n}"))
        .collect();
    if rules.is_none() {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let found = dir.join(DEFAULT_RULES).is_file();
        let (en, zh) = if found {
            ("", "")
        } else {
            (", where it does not exist", "，该处不存在此文件")
        };
        hints.push(format!(
            "hint: rules = \"{DEFAULT_RULES}\" is read relative to {}'s folder{en}; pass --rules PATH to change it \
             / 提示：规则文件路径相对于场景文件所在目录{zh}，可用 --rules 指定",
            path.display()
        ));
    }
    Ok(Written {
        path,
        summary: g.summary,
        hints,
    })
}

// ───────────────────────────── PRNG ─────────────────────────────

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fast, well-mixed seeded generator. Each part of
/// the scenario draws from its own stream, so changing one part does not reshuffle the others.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator for `seed` and stream `stream`.
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut r = SplitMix64(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next_u64();
        r
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below((hi - lo + 1) as usize) as i32
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    fn weighted<T: Copy>(&mut self, xs: &[(T, u32)]) -> T {
        let total: u32 = xs.iter().map(|x| x.1).sum();
        let mut r = self.below(total as usize) as u32;
        for &(x, w) in xs {
            if r < w {
                return x;
            }
            r -= w;
        }
        xs[xs.len() - 1].0
    }

    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }
}

// ───────────────────────────── fixed data ─────────────────────────────

/// The nine duties of rules/jzmu.toml, in rule order: (id, Chinese name).
const DUTIES: [(&str, &str); 9] = [
    ("ideology", "思想理论教育和价值引领"),
    ("party_league", "党团和班级建设"),
    ("study_culture", "学风建设"),
    ("daily_affairs", "学生日常事务管理"),
    ("mental_health", "心理健康教育与咨询"),
    ("online_education", "网络思想政治教育"),
    ("crisis_response", "校园危机事件应对"),
    ("career_guidance", "职业规划与就业创业指导"),
    ("research", "理论和实践研究"),
];
/// How often each duty is someone's specialty (same index as [`DUTIES`]).
const SPEC_WEIGHTS: [u32; 9] = [3, 4, 3, 5, 5, 3, 2, 4, 2];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
}

const SEM_NAME: &str = "2026—2027学年第一学期";

struct Calendar {
    start: NaiveDate,
    end: NaiveDate,
    holidays: Vec<(&'static str, NaiveDate, NaiveDate)>,
    makeup: Vec<NaiveDate>,
    exams: Vec<(&'static str, NaiveDate, NaiveDate)>,
}

impl Calendar {
    fn fall_2026() -> Self {
        Calendar {
            start: d(2026, 8, 31),
            end: d(2027, 1, 22),
            holidays: vec![
                ("中秋节", d(2026, 9, 25), d(2026, 9, 27)),
                ("国庆节", d(2026, 10, 1), d(2026, 10, 7)),
                ("元旦", d(2027, 1, 1), d(2027, 1, 1)),
            ],
            makeup: vec![d(2026, 9, 20), d(2026, 10, 10)],
            exams: vec![("期末考试周", d(2027, 1, 11), d(2027, 1, 22))],
        }
    }

    /// A Monday–Friday workday in the semester outside holidays and exam weeks (make-up weekend
    /// days are left out on purpose: nobody books an outside speaker on a 调休 Saturday).
    fn plain_workday(&self, x: NaiveDate) -> bool {
        x >= self.start
            && x <= self.end
            && !matches!(x.weekday(), Weekday::Sat | Weekday::Sun)
            && !self.holidays.iter().any(|&(_, a, b)| a <= x && x <= b)
            && !self.exams.iter().any(|&(_, a, b)| a <= x && x <= b)
    }

    fn plain_workdays(&self, a: NaiveDate, b: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut x = a;
        while x <= b {
            if self.plain_workday(x) {
                out.push(x);
            }
            x += Duration::days(1);
        }
        out
    }

    /// `k` distinct workdays spread over `[a, b]`: one random workday in each of `k` equal chunks.
    fn spread(&self, rng: &mut SplitMix64, a: NaiveDate, b: NaiveDate, k: usize) -> Vec<NaiveDate> {
        let days = self.plain_workdays(a, b);
        let k = k.min(days.len());
        let mut out: Vec<NaiveDate> = (0..k)
            .map(|i| {
                let lo = i * days.len() / k;
                let hi = ((i + 1) * days.len() / k).max(lo + 1);
                days[lo + rng.below(hi - lo)]
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

const CAMPUSES: [(&str, &str); 5] = [
    ("songpo", "松坡校区"),
    ("binhe", "滨河校区"),
    ("huanghai", "黄海校区"),
    ("songshan", "松山校区"),
    ("linghe", "凌河校区"),
];
/// One-way minutes between campuses (upper triangle, index order of [`CAMPUSES`]); none is within
/// 5 minutes of the 40-minute joint-training limit, so the jitter never moves a pair across it.
const TRAVEL: [[u32; 5]; 5] = [
    [0, 30, 70, 35, 85],
    [0, 0, 60, 50, 100],
    [0, 0, 0, 95, 45],
    [0, 0, 0, 0, 110],
    [0, 0, 0, 0, 0],
];
/// Share of colleges per campus (main campus first).
const CAMPUS_WEIGHTS: [u32; 5] = [50, 22, 16, 12, 10];

const CLINICAL: &str = "#clinical";
/// College templates: (name, discipline, stage); [`CLINICAL`] becomes 第N临床医学院.
const COLLEGE_TEMPLATES: [(&str, &str, &str); 30] = [
    (CLINICAL, "clinical", "undergraduate"),
    (CLINICAL, "clinical", "undergraduate"),
    ("基础医学院", "basic_medicine", "undergraduate"),
    ("护理学院", "nursing", "undergraduate"),
    ("药学院", "pharmacy", "undergraduate"),
    ("公共卫生学院", "public_health", "undergraduate"),
    ("口腔医学院", "clinical", "undergraduate"),
    ("医学影像学院", "medical_tech", "undergraduate"),
    ("医学检验学院", "medical_tech", "undergraduate"),
    ("人文与管理学院", "humanities", "undergraduate"),
    ("马克思主义学院", "humanities", "undergraduate"),
    ("研究生学院", "clinical", "graduate"),
    ("国际教育学院", "clinical", "international"),
    ("康复医学院", "medical_tech", "undergraduate"),
    ("外国语学院", "humanities", "undergraduate"),
    ("信息与工程学院", "engineering", "undergraduate"),
    ("体育与健康学院", "humanities", "undergraduate"),
    ("护理职业技术学院", "nursing", "vocational"),
    ("食品与健康学院", "agriculture", "undergraduate"),
    ("畜牧兽医学院", "agriculture", "undergraduate"),
    (CLINICAL, "clinical", "undergraduate"),
    ("中医学院", "clinical", "undergraduate"),
    ("生物医学工程学院", "engineering", "undergraduate"),
    ("法医学院", "basic_medicine", "undergraduate"),
    ("医学技术职业学院", "medical_tech", "vocational"),
    ("儿科医学院", "clinical", "undergraduate"),
    ("精神卫生学院", "clinical", "undergraduate"),
    ("卫生管理学院", "public_health", "undergraduate"),
    ("药学职业技术学院", "pharmacy", "vocational"),
    ("麻醉学院", "clinical", "undergraduate"),
];

const SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡\
贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟万段钱汤尹\
常武乔贺龚文关佟付鲁";
const GIVEN_OLDER: &str = "建国 建华 建军 建平 志刚 志强 志勇 国庆 国栋 国华 国强 永刚 永红 振华 立新 德明 海波 海涛 海燕 \
秀英 秀兰 秀梅 淑兰 淑华 玉兰 玉梅 桂芳 桂英 丽华 丽娟 红梅 春燕 冬梅 雪梅 晓东 晓明 晓峰 晓光 \
晓燕 晓丽 卫东 卫国 宏伟 伟东 文华 文军 金凤 凤霞 亚军 春雷 学军 跃进 爱华 素梅 艳华 彦军 长青";
const GIVEN_YOUNGER: &str = "子涵 子轩 梓萱 雨桐 雨萱 浩然 浩宇 欣然 欣怡 佳怡 佳琪 佳慧 思远 思琪 思雨 嘉怡 嘉欣 晨曦 宇航 \
俊杰 明轩 一鸣 一凡 博文 天宇 昊天 梦瑶 梦琪 诗涵 可馨 心怡 静怡 晓彤 若曦 语嫣 文博 文静 雪莹 \
新宇 鑫磊 慧敏 婉婷 雅琪 奕辰 泽宇 睿哲 书瑶 瑞雪 天翼 家豪 子墨 沐阳 雨欣 晓雯 一诺 思齐 铭泽";
const GIVEN_ONE: &str = "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 霞 平 刚 宇 浩 婷 雪 琳 晶 欣 博 昊 瑞 宁 凯 \
鑫 丹 萍 颖 玲 健 斌 峰 辉 华 亮 林 彤 悦 航 琪 璐 蕾 楠 露 倩 薇 鹏 帆 哲 旭 岩 岚 莹 洁 琦 睿 鸣 毅";
/// First characters combined with [`GIVEN_ONE`] when the plain pools run short (large rosters).
const GIVEN_PREFIX: &str = "晓 雨 子 思 佳 文 志 明 俊 嘉 欣 浩 一 天 诗 若 宏 立 永 海";
/// Names that read as a place or a famous person or character: never generated.
const BLOCKED_NAMES: &str = "沈阳 武松 宋江 李白 杜甫 杨颖 李娜 李宁 张杰 刘洋 王刚 林峰 陈琳 王菲 孙俪 周洁 杨洋 \
韩国庆 黄河 高峰 江华 常州 白露 马超 关羽 张飞 孔明 周瑜 岳飞 文华 林林 江林";

const HONOR_POOL: [(&str, u32); 5] = [
    ("校优秀辅导员", 5),
    ("优秀共产党员", 4),
    ("易班优课优秀指导教师", 2),
    ("辽宁省高校辅导员素质能力大赛三等奖", 2),
    ("校优秀学生工作者", 2),
];
const STAFF_HONOR_POOL: [(&str, u32); 3] = [
    ("优秀共产党员", 3),
    ("校优秀学生工作者", 3),
    ("校优秀党务工作者", 1),
];
const LEAD_HONOR_POOL: [(&str, u32); 7] = [
    ("辽宁省高校辅导员年度人物", 3),
    ("辽宁省高校辅导员年度人物提名奖", 2),
    ("辽宁省高校辅导员素质能力大赛三等奖", 3),
    ("校优秀辅导员", 5),
    ("优秀共产党员", 4),
    ("易班优课优秀指导教师", 1),
    ("校优秀学生工作者", 2),
];
/// Month and day of starting counselor work.
const SINCE_MD: [(u32, u32); 10] = [
    (7, 1),
    (7, 1),
    (7, 1),
    (9, 1),
    (9, 1),
    (7, 15),
    (8, 20),
    (3, 1),
    (12, 1),
    (10, 8),
];

fn new_hire_dates() -> [NaiveDate; 15] {
    [
        d(2025, 9, 1),
        d(2025, 9, 1),
        d(2025, 9, 1),
        d(2025, 10, 13),
        d(2025, 12, 1),
        d(2026, 3, 2),
        d(2026, 3, 2),
        d(2026, 7, 1),
        d(2026, 7, 1),
        d(2026, 7, 1),
        d(2026, 7, 1),
        d(2026, 7, 1),
        d(2026, 7, 15),
        d(2026, 7, 15),
        d(2026, 8, 10),
    ]
}

/// Start year of counselor work for ordinary full-time counselors, weighted (×2).
fn since_year(rng: &mut SplitMix64) -> i32 {
    let mut w: Vec<(i32, u32)> = Vec::with_capacity(27);
    w.extend((1999..2006).map(|y| (y, 1)));
    w.extend((2006..2013).map(|y| (y, 3)));
    w.extend((2013..2020).map(|y| (y, 6)));
    w.extend((2020..2025).map(|y| (y, 8)));
    w.push((2025, 2));
    rng.weighted(&w)
}

struct Visit {
    name: &'static str,
    city: &'static str,
    duties: &'static [usize],
    cost: u32,
    minutes: u32,
    cap: u32,
    k: usize,
}

const VISITS: [Visit; 3] = [
    Visit {
        name: "中国医科大学学生工作部",
        city: "沈阳",
        duties: &[0, 1],
        cost: 300,
        minutes: 150,
        cap: 30,
        k: 5,
    },
    Visit {
        name: "大连医科大学",
        city: "大连",
        duties: &[4, 6],
        cost: 400,
        minutes: 180,
        cap: 25,
        k: 4,
    },
    Visit {
        name: "辽宁中医药大学",
        city: "沈阳",
        duties: &[7, 3],
        cost: 300,
        minutes: 150,
        cap: 20,
        k: 3,
    },
];

const ALLIANCE: &str = "全国医科院校学生思想政治教育工作联盟";
const LN_PLATFORM: &str = "辽宁省高校辅导员网络培训平台";
const MOOC: &str = "中国大学MOOC";
/// (name, provider, duties, cost per person, open from (m, d), open to (y, m, d)).
type CourseRow = (
    &'static str,
    &'static str,
    &'static [usize],
    u32,
    (i32, u32, u32),
    (i32, u32, u32),
);
const COURSES: [CourseRow; 8] = [
    (
        "新时代高校思想政治教育理论前沿",
        ALLIANCE,
        &[0, 8],
        0,
        (2026, 9, 7),
        (2026, 12, 31),
    ),
    (
        "医学生心理危机识别与干预",
        ALLIANCE,
        &[4, 6],
        50,
        (2026, 9, 14),
        (2026, 12, 25),
    ),
    (
        "网络思想政治教育与易班建设实务",
        LN_PLATFORM,
        &[5],
        0,
        (2026, 9, 7),
        (2026, 12, 31),
    ),
    (
        "医学生职业生涯规划与就业创业指导",
        MOOC,
        &[7],
        30,
        (2026, 9, 1),
        (2027, 1, 8),
    ),
    (
        "高校学生党团组织与班级建设",
        LN_PLATFORM,
        &[1],
        0,
        (2026, 10, 8),
        (2026, 12, 31),
    ),
    (
        "医学院校学风建设案例精讲",
        ALLIANCE,
        &[2, 3],
        40,
        (2026, 10, 12),
        (2026, 12, 25),
    ),
    (
        "辅导员科研能力提升：课题申报与论文写作",
        MOOC,
        &[8],
        80,
        (2026, 9, 14),
        (2027, 1, 8),
    ),
    (
        "学生事务管理法规与典型案例",
        LN_PLATFORM,
        &[3, 6],
        20,
        (2026, 11, 2),
        (2026, 12, 31),
    ),
];

/// Where an internal expert works, by duty (same index as [`DUTIES`]).
const INTERNAL_DEPTS: [&str; 9] = [
    "本校马克思主义学院教授",
    "本校校团委副书记",
    "本校教务处副处长",
    "本校学生工作部副部长",
    "本校心理健康教育与咨询中心主任，国家二级心理咨询师",
    "本校党委宣传部网络思政中心负责人",
    "本校心理健康教育与咨询中心副主任，精神科副主任医师",
    "本校招生就业处副处长，全球职业规划师（GCDF）",
    "本校高等教育研究所研究员",
];
/// Provincial and national experts: affiliations (the duty is appended).
const EXPERT_NOTES: [&[&str]; 2] = [
    &[
        "辽宁省高校辅导员培训和研修基地特聘专家",
        "省内高校学生工作部部长",
        "省内高校思想政治教育研究中心主任",
    ],
    &[
        "教育部高校辅导员培训和研修基地（省外某部属高校）教授",
        "全国高校思想政治工作专家（省外）",
        "省外医科大学学生工作部部长",
    ],
];
const ROLE_MODEL_NOTES: [&[&str]; 3] = [
    &[
        "本校辅导员，辽宁省高校辅导员年度人物提名奖获得者",
        "本校辅导员，校“十佳辅导员”",
    ],
    &[
        "省内高校辅导员，辽宁省高校辅导员年度人物",
        "省内医学院校辅导员，辽宁省高校辅导员年度人物",
        "省内高校辅导员，全国高校辅导员素质能力大赛一等奖获得者",
    ],
    &["省外高校辅导员，全国高校辅导员年度人物"],
];
const LEVELS: [&str; 3] = ["internal", "provincial", "national"];
const FEES: [[u32; 4]; 3] = [
    [500, 600, 800, 1000],
    [2500, 3000, 3500, 4000],
    [6000, 7000, 8000, 10000],
];

// ───────────────────────────── model ─────────────────────────────

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Counselor,
    PartTime,
    Deputy,
    Cadre,
}

impl Role {
    fn id(self) -> &'static str {
        match self {
            Role::Counselor => "counselor",
            Role::PartTime => "part_time_counselor",
            Role::Deputy => "deputy_secretary",
            Role::Cadre => "cadre",
        }
    }
}

struct College {
    id: String,
    name: String,
    campus: usize,
    discipline: &'static str,
    stage: &'static str,
    ft: u32,
}

struct Person {
    id: String,
    name: String,
    college: Option<usize>,
    role: Role,
    hired: NaiveDate,
    since: Option<NaiveDate>,
    title: &'static str,
    honors: Vec<&'static str>,
    specs: Vec<usize>,
}

struct Speaker {
    name: String,
    level: usize,
    role_model: bool,
    note: String,
    fee: u32,
    duties: Vec<usize>,
    dates: Vec<NaiveDate>,
}

struct Venue {
    id: String,
    name: String,
    campus: usize,
    capacity: u32,
    cost: u32,
}

/// Unique, deterministic, fictional 2–3 character Chinese names.
struct NameMaker {
    rng: SplitMix64,
    used: HashSet<String>,
    surnames: Vec<char>,
    older: Vec<&'static str>,
    younger: Vec<&'static str>,
    one: Vec<&'static str>,
    prefix: Vec<&'static str>,
    blocked: HashSet<&'static str>,
}

impl NameMaker {
    fn new(rng: SplitMix64) -> Self {
        NameMaker {
            rng,
            used: HashSet::new(),
            surnames: SURNAMES.chars().collect(),
            older: GIVEN_OLDER.split_whitespace().collect(),
            younger: GIVEN_YOUNGER.split_whitespace().collect(),
            one: GIVEN_ONE.split_whitespace().collect(),
            prefix: GIVEN_PREFIX.split_whitespace().collect(),
            blocked: BLOCKED_NAMES.split_whitespace().collect(),
        }
    }

    /// `early`: Some(true) for staff who started before ~2008, Some(false) for younger staff.
    fn make(&mut self, early: Option<bool>) -> String {
        for attempt in 0..10_000u32 {
            let s = self.rng.pick(&self.surnames);
            let mut name = String::from(s);
            if attempt >= 8 {
                // the plain pools are crowded: prefix + one character gives ~1300 more given names
                name.push_str(self.rng.pick(&self.prefix));
                name.push_str(self.rng.pick(&self.one));
            } else if self.rng.chance(0.28) {
                name.push_str(self.rng.pick(&self.one));
            } else {
                let given = match early {
                    Some(true) => self.rng.pick(&self.older),
                    Some(false) => self.rng.pick(&self.younger),
                    None => {
                        let i = self.rng.below(self.older.len() + self.younger.len());
                        if i < self.older.len() {
                            self.older[i]
                        } else {
                            self.younger[i - self.older.len()]
                        }
                    }
                };
                name.push_str(given);
            }
            if !self.blocked.contains(name.as_str()) && self.used.insert(name.clone()) {
                return name;
            }
        }
        // unreachable in practice (the pools hold far more names than 20 000 staff need)
        format!("{}{}", self.rng.pick(&self.surnames), self.used.len())
    }
}

/// Chinese numeral for 1..=999 (一, 十二, 一百零五).
fn cn(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let tens = |n: u32, lead_one: bool| -> String {
        let (t, o) = (n / 10, n % 10);
        let mut s = String::new();
        if t > 0 {
            if t > 1 || lead_one {
                s.push_str(D[t as usize]);
            }
            s.push('十');
        }
        if o > 0 {
            s.push_str(D[o as usize]);
        }
        s
    };
    if n < 100 {
        return tens(n, false);
    }
    let (h, r) = (n / 100, n % 100);
    let mut s = format!("{}百", D[h as usize]);
    if r > 0 && r < 10 {
        s.push('零');
    }
    s.push_str(&tens(r, true));
    s
}

fn full_years(from: NaiveDate, to: NaiveDate) -> i32 {
    let mut y = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        y -= 1;
    }
    y.max(0)
}

fn round_pct(x: u32, pct: u32) -> u32 {
    (x * pct + 50) / 100
}

/// Specialties: `lo..=hi` weighted duties, plus `must`, in canonical order.
fn pick_specs(rng: &mut SplitMix64, lo: i32, hi: i32, must: &[usize]) -> Vec<usize> {
    let k = rng.range(lo, hi).max(must.len() as i32) as usize;
    let mut out: Vec<usize> = must.to_vec();
    let weights: Vec<(usize, u32)> = SPEC_WEIGHTS
        .iter()
        .enumerate()
        .map(|(i, &w)| (i, w))
        .collect();
    while out.len() < k {
        let x = rng.weighted(&weights);
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out.sort_unstable();
    out
}

/// Give every duty `copies` distinct holders among `sets`, balancing the load, at most 3 each.
fn cover_duties(rng: &mut SplitMix64, sets: &mut [Vec<usize>], copies: usize) {
    let n = sets.len();
    if n == 0 {
        return;
    }
    let off = rng.below(n);
    for duty in 0..DUTIES.len() {
        for _ in 0..copies {
            let best = (0..n)
                .map(|j| (j + off) % n)
                .filter(|&i| !sets[i].contains(&duty) && sets[i].len() < 3)
                .min_by_key(|&i| sets[i].len());
            if let Some(i) = best {
                sets[i].push(duty);
            }
        }
    }
}

fn ordinary_title(rng: &mut SplitMix64, years: i32, engineering: bool) -> &'static str {
    let pool: &[&str] = if years <= 2 {
        &["", "助教", "助教"]
    } else if years <= 5 {
        &["助教", "讲师", "讲师（思政）", "讲师"]
    } else if years <= 9 {
        &[
            "讲师",
            "讲师（思政）",
            "讲师",
            "讲师（思政）",
            "副教授（思政）",
        ]
    } else {
        &[
            "讲师",
            "讲师（思政）",
            "讲师（思政）",
            "讲师",
            "副教授",
            "副教授（思政）",
            "副研究员",
        ]
    };
    let t = rng.pick(pool);
    if engineering && t == "讲师" && rng.chance(0.5) {
        "工程师"
    } else {
        t
    }
}

fn honors_from(
    rng: &mut SplitMix64,
    pool: &[(&'static str, u32)],
    second: f64,
) -> Vec<&'static str> {
    let mut h = vec![rng.weighted(pool)];
    if rng.chance(second) {
        let h2 = rng.weighted(pool);
        if !h.contains(&h2) {
            h.push(h2);
        }
    }
    h
}

// ───────────────────────────── builder ─────────────────────────────

struct Builder<'o> {
    opts: &'o GenOptions,
    cal: Calendar,
    notes: Vec<String>,
    designated: usize,
}

/// How many staff of each role: (full-time, part-time, deputies, cadres).
fn split_staff(n: u32, m: u32) -> (u32, u32, u32, u32) {
    let cadres = round_pct(m, 10);
    let part = round_pct(m, 7);
    let deputies = n.min(m / 5);
    (m - deputies - cadres - part, part, deputies, cadres)
}

impl<'o> Builder<'o> {
    fn new(opts: &'o GenOptions) -> Self {
        Builder {
            opts,
            cal: Calendar::fall_2026(),
            notes: Vec::new(),
            designated: 0,
        }
    }

    fn rng(&self, stream: u64) -> SplitMix64 {
        SplitMix64::new(self.opts.seed, stream)
    }

    /// Campuses and the number of colleges on each (main campus first, at least 2 each).
    fn campus_sizes(&self) -> Vec<usize> {
        let n = self.opts.colleges as usize;
        let c = (n.div_ceil(25) + 1).min(5).min((n / 2).max(1));
        let w = &CAMPUS_WEIGHTS[..c];
        let total: u32 = w.iter().sum();
        let mut sizes = vec![0usize; c];
        for i in 1..c {
            sizes[i] = (n * w[i] as usize / total as usize).max(2);
        }
        sizes[0] = n - sizes[1..].iter().sum::<usize>();
        sizes
    }

    fn colleges(&mut self, sizes: &[usize], ft_total: u32) -> Vec<College> {
        let n = self.opts.colleges as usize;
        let width = n.to_string().len().max(2);
        let mut clinical_no = 0;
        let mut colleges = Vec::with_capacity(n);
        let mut campus = 0;
        let mut left = sizes[0];
        for i in 0..n {
            while left == 0 {
                campus += 1;
                left = sizes[campus];
            }
            left -= 1;
            let (base, discipline, stage) = COLLEGE_TEMPLATES[i % COLLEGE_TEMPLATES.len()];
            let round = (i / COLLEGE_TEMPLATES.len()) as u32;
            let name = if base == CLINICAL {
                clinical_no += 1;
                format!("第{}临床医学院", cn(clinical_no))
            } else if round == 0 {
                base.to_string()
            } else {
                format!("{base}（{}分院）", cn(round + 1))
            };
            colleges.push(College {
                id: format!("c{:0width$}", i + 1),
                name,
                campus,
                discipline,
                stage,
                ft: 0,
            });
        }
        self.full_time_counts(&mut colleges, sizes, ft_total);
        colleges
    }

    /// Full-time counselors per college: ~40% small colleges (2–5) in groups of 2–3 on one campus
    /// adding up to ≥ 6; the rest get 6 plus a weighted share of what is left. When the staff is
    /// too small for that, more colleges are small (in groups of 3, the cheapest viable shape);
    /// below about 2 per college the counselors are spread evenly.
    fn full_time_counts(&mut self, colleges: &mut [College], sizes: &[usize], ft_total: u32) {
        let mut rng = self.rng(2);
        // per campus, the colleges in the order they turn small: a random order, but numbered
        // clinical colleges (第N临床医学院, big teaching-hospital colleges) last
        let mut start = 0;
        let mut orders: Vec<Vec<usize>> = Vec::with_capacity(sizes.len());
        for &size in sizes {
            let mut keyed: Vec<(bool, u64, usize)> = (start..start + size)
                .map(|i| (colleges[i].name.starts_with('第'), rng.next_u64(), i))
                .collect();
            keyed.sort_unstable();
            orders.push(keyed.into_iter().map(|x| x.2).collect());
            start += size;
        }
        let shape = |rng: &mut SplitMix64, tenths: usize| {
            let mut groups: Vec<Vec<usize>> = Vec::new();
            let mut large: Vec<usize> = Vec::new();
            for order in &orders {
                let size = order.len();
                let mut small = (size * tenths + 5) / 10;
                if small == 1 {
                    small = if size >= 3 || (tenths == 10 && size == 2) {
                        2
                    } else {
                        0
                    };
                }
                let (s, l) = order.split_at(small);
                let mut s = s.to_vec();
                while !s.is_empty() {
                    let g = match s.len() {
                        2 | 4 => 2,
                        3 => 3,
                        _ if tenths > 4 => 3,
                        _ => rng.pick(&[2, 3]),
                    };
                    let mut group: Vec<usize> = s.drain(..g).collect();
                    group.sort_unstable();
                    groups.push(group);
                }
                large.extend_from_slice(l);
            }
            large.sort_unstable();
            (groups, large)
        };
        let mut chosen = None;
        for tenths in 4..=10 {
            let (groups, large) = shape(&mut rng, tenths);
            let minimum = 6 * (groups.len() + large.len()) as u32;
            if ft_total >= minimum {
                if tenths > 4 {
                    let (k, n) = (colleges.len() - large.len(), colleges.len());
                    self.notes.push(format!(
                        "{ft_total} full-time counselors are too few for 40% small colleges: {k} of {n} are small \
                         / 专职辅导员较少，{n} 个学院中 {k} 个为小学院"
                    ));
                }
                chosen = Some((groups, large));
                break;
            }
        }
        let Some((groups, large)) = chosen else {
            self.notes.push(format!(
                "{ft_total} full-time counselors are too few for small colleges to train jointly on every campus: \
                 spread evenly / 专职辅导员过少，已平均分配，部分小学院可能无法联合培训"
            ));
            let n = colleges.len() as u32;
            for (i, c) in colleges.iter_mut().enumerate() {
                c.ft = ft_total / n + u32::from((i as u32) < ft_total % n);
            }
            return;
        };
        let mut used = 6 * large.len() as u32;
        for g in &groups {
            let counts: Vec<u32> = if g.len() == 2 {
                let a = rng.weighted(&[(2u32, 1), (3, 3), (4, 2), (5, 1)]);
                let lo = (6 - a).max(2) as i32;
                vec![a, rng.range(lo, 5) as u32]
            } else {
                (0..g.len())
                    .map(|_| rng.weighted(&[(2u32, 3), (3, 3), (4, 1), (5, 1)]))
                    .collect()
            };
            for (&c, &k) in g.iter().zip(&counts) {
                colleges[c].ft = k;
                used += k;
            }
        }
        if used > ft_total {
            // draws too generous for a tight budget: fall back to the smallest viable groups
            used = 6 * (groups.len() + large.len()) as u32;
            for g in &groups {
                let each = if g.len() == 2 { 3 } else { 2 };
                for &c in g {
                    colleges[c].ft = each;
                }
            }
        }
        let mut extra = u64::from(ft_total - used);
        if large.is_empty() {
            // every college is small: top them up to 5, round robin; any rest goes to the first
            let small: Vec<usize> = groups.iter().flatten().copied().collect();
            while extra > 0 && small.iter().any(|&c| colleges[c].ft < 5) {
                for &c in &small {
                    if extra > 0 && colleges[c].ft < 5 {
                        colleges[c].ft += 1;
                        extra -= 1;
                    }
                }
            }
            colleges[0].ft += extra as u32;
            return;
        }
        // the rest over the large colleges, by random weights (largest remainder)
        let weights: Vec<u64> = large.iter().map(|_| rng.range(40, 160) as u64).collect();
        let wsum: u64 = weights.iter().sum::<u64>().max(1);
        let mut given = 0u64;
        let mut rems: Vec<(u64, usize)> = Vec::with_capacity(large.len());
        for (k, (&c, &w)) in large.iter().zip(&weights).enumerate() {
            let share = extra * w / wsum;
            colleges[c].ft = 6 + share as u32;
            given += share;
            rems.push((extra * w % wsum, k));
        }
        rems.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, k) in rems.iter().take((extra - given) as usize) {
            colleges[large[k]].ft += 1;
        }
    }

    fn build(mut self) -> Generated {
        let o = self.opts;
        let (ft_total, pt_total, dep_total, cadre_total) = split_staff(o.colleges, o.staff);
        let sizes = self.campus_sizes();
        let colleges = self.colleges(&sizes, ft_total);
        let mut names = NameMaker::new(self.rng(3));
        let people = self.people(
            &colleges,
            &mut names,
            ft_total,
            pt_total,
            dep_total,
            cadre_total,
        );
        let speakers = self.speakers(&mut names);
        let venues = self.venues(&sizes, &colleges, &people);
        let funds = (3000 * u64::from(o.staff)).max(7500 * u64::from(o.colleges));
        let at = self.cal.start;
        let is_new = |p: &Person| {
            matches!(p.role, Role::Counselor | Role::PartTime)
                && crate::domain::months_between(p.hired, at) <= 12
        };
        let summary = Summary {
            campuses: sizes.len(),
            colleges: colleges.len(),
            small_colleges: colleges.iter().filter(|c| c.ft < 6).count(),
            staff: people.len(),
            full_time: people.iter().filter(|p| p.role == Role::Counselor).count(),
            part_time: people.iter().filter(|p| p.role == Role::PartTime).count(),
            deputies: people.iter().filter(|p| p.role == Role::Deputy).count(),
            cadres: people.iter().filter(|p| p.role == Role::Cadre).count(),
            new_counselors: people.iter().filter(|p| is_new(p)).count(),
            honored: people.iter().filter(|p| !p.honors.is_empty()).count(),
            designated_leads: self.designated,
            speakers: speakers.len(),
            venues: venues.len(),
            funds,
            notes: std::mem::take(&mut self.notes),
        };
        let toml = self.write(&sizes, &colleges, &people, &speakers, &venues, funds);
        Generated { toml, summary }
    }
}

/// Which kind of person a full-time counselor slot holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Ordinary,
    New,
    Lead(usize),
}

fn ids(prefix: char, people: &mut [Person], min_width: usize) {
    let width = people.len().to_string().len().max(min_width);
    for (i, p) in people.iter_mut().enumerate() {
        p.id = format!("{prefix}{:0width$}", i + 1);
    }
}

impl Builder<'_> {
    /// Specialty sets of the designated studio leads: every duty held by at least two of them.
    fn lead_sets(&mut self, rng: &mut SplitMix64, count: usize) -> Vec<Vec<usize>> {
        let mut sets = vec![Vec::new(); count];
        cover_duties(rng, &mut sets, 2);
        for s in &mut sets {
            let extra = pick_specs(rng, 1, 2, s);
            if s.is_empty() || (s.len() < 2 && rng.chance(0.4)) {
                *s = extra;
            }
            s.sort_unstable();
        }
        rng.shuffle(&mut sets);
        if count < 6 {
            self.notes.push(format!(
                "only {count} staff can be studio leads, fewer than the 6 needed to give each duty two eligible leads \
                 / 可任工作室负责人者仅 {count} 人，无法保证每个职责有 2 名合格负责人"
            ));
        }
        sets
    }

    #[allow(clippy::too_many_arguments)]
    fn people(
        &mut self,
        colleges: &[College],
        names: &mut NameMaker,
        ft: u32,
        pt: u32,
        dep: u32,
        cadre: u32,
    ) -> Vec<Person> {
        let at = self.cal.start;
        let mut rng = self.rng(4);
        let new_dates = new_hire_dates();

        // designated studio leads: about 6% of staff, half full-time counselors, 30% deputies
        let want = round_pct(self.opts.staff, 6).max(6).min(ft + dep + cadre);
        let mut lf = round_pct(want, 50).min(ft);
        let mut ld = round_pct(want, 30).min(dep);
        let mut lk = want.saturating_sub(lf + ld).min(cadre);
        for _ in 0..want.saturating_sub(lf + ld + lk) {
            if lf < ft {
                lf += 1;
            } else if ld < dep {
                ld += 1;
            } else if lk < cadre {
                lk += 1;
            }
        }
        let sets = self.lead_sets(&mut rng, (lf + ld + lk) as usize);
        self.designated = sets.len();
        let (f_sets, rest) = sets.split_at(lf as usize);
        let (d_sets, k_sets) = rest.split_at(ld as usize);

        // ── full-time counselors ──
        let mut slots: Vec<(usize, usize)> = Vec::with_capacity(ft as usize);
        for (c, col) in colleges.iter().enumerate() {
            slots.extend((0..col.ft as usize).map(|k| (c, k)));
        }
        let mut order: Vec<usize> = (0..slots.len()).collect();
        rng.shuffle(&mut order);
        let new_ft = round_pct(ft, 13).min(ft - lf) as usize;
        let mut kind: Vec<Vec<Slot>> = colleges
            .iter()
            .map(|c| vec![Slot::Ordinary; c.ft as usize])
            .collect();
        for (rank, &s) in order.iter().enumerate() {
            let (c, k) = slots[s];
            if rank < lf as usize {
                kind[c][k] = Slot::Lead(rank);
            } else if rank < lf as usize + new_ft {
                kind[c][k] = Slot::New;
            }
        }
        let mut full_time = Vec::with_capacity(ft as usize);
        for (c, col) in colleges.iter().enumerate() {
            let engineering = col.discipline == "engineering";
            let mut group = Vec::with_capacity(col.ft as usize);
            for &slot in &kind[c] {
                let (since, hired, title, honors, specs) = match slot {
                    Slot::Lead(i) => {
                        let (m, dd) = rng.pick(&SINCE_MD);
                        let since = d(rng.range(1999, 2014), m, dd);
                        let hired = if rng.chance(0.1) {
                            d(since.year() - rng.range(1, 4), 7, 1)
                        } else {
                            since
                        };
                        let title = if engineering && rng.chance(0.5) {
                            "高级工程师"
                        } else {
                            rng.pick(&[
                                "副教授（思政）",
                                "副教授",
                                "副研究员",
                                "教授",
                                "副教授（思政）",
                            ])
                        };
                        (
                            since,
                            hired,
                            title,
                            honors_from(&mut rng, &LEAD_HONOR_POOL, 0.3),
                            f_sets[i].clone(),
                        )
                    }
                    Slot::New => {
                        let h = rng.pick(&new_dates);
                        let title = if rng.chance(0.25) { "助教" } else { "" };
                        (h, h, title, Vec::new(), pick_specs(&mut rng, 1, 2, &[]))
                    }
                    Slot::Ordinary => {
                        let y = since_year(&mut rng);
                        let (m, dd) = if y == 2025 {
                            (7, 1)
                        } else {
                            rng.pick(&SINCE_MD)
                        };
                        let since = d(y, m, dd);
                        let hired = if rng.chance(0.08) {
                            d(y - rng.range(1, 4), 7, 1)
                        } else {
                            since
                        };
                        let years = full_years(since, at);
                        let title = ordinary_title(&mut rng, years, engineering);
                        let honors = if years >= 3 && rng.chance(0.12) {
                            honors_from(&mut rng, &HONOR_POOL, 0.2)
                        } else {
                            Vec::new()
                        };
                        (since, hired, title, honors, pick_specs(&mut rng, 1, 3, &[]))
                    }
                };
                group.push(Person {
                    id: String::new(),
                    name: names.make(Some(hired.min(since).year() < 2008)),
                    college: Some(c),
                    role: Role::Counselor,
                    hired,
                    since: Some(since),
                    title,
                    honors,
                    specs,
                });
            }
            group.sort_by(|a, b| (a.since, &a.name).cmp(&(b.since, &b.name)));
            full_time.extend(group);
        }
        ids('T', &mut full_time, 4);

        // ── part-time counselors, in colleges weighted by size ──
        let weights: Vec<(usize, u32)> = colleges
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.ft + 1))
            .collect();
        let new_pt = round_pct(pt, 10);
        let mut part_time = Vec::with_capacity(pt as usize);
        for i in 0..pt {
            let c = rng.weighted(&weights);
            let clinical = colleges[c].discipline == "clinical";
            let (hired, since, title) = if i < new_pt {
                let h = rng.pick(&new_dates);
                (h, h, "助教")
            } else {
                let hired = d(rng.range(2010, 2022), 7, 1);
                let since = d(rng.range(hired.year().max(2018), 2025), 9, 1);
                let title = if hired.year() >= 2021 {
                    "助教"
                } else if clinical {
                    rng.pick(&["主治医师", "讲师"])
                } else {
                    "讲师"
                };
                (hired, since, title)
            };
            part_time.push(Person {
                id: String::new(),
                name: names.make(Some(hired.year() < 2008)),
                college: Some(c),
                role: Role::PartTime,
                hired,
                since: Some(since),
                title,
                honors: Vec::new(),
                specs: pick_specs(&mut rng, 1, 2, &[]),
            });
        }
        part_time.sort_by(|a, b| (a.college, a.hired, &a.name).cmp(&(b.college, b.hired, &b.name)));
        ids('P', &mut part_time, 3);

        // ── deputy secretaries: one per college while staff allows ──
        let mut lead_of = vec![None; dep as usize];
        let mut pos: Vec<usize> = (0..dep as usize).collect();
        rng.shuffle(&mut pos);
        for (i, &p) in pos.iter().take(ld as usize).enumerate() {
            lead_of[p] = Some(i);
        }
        let mut deputies = Vec::with_capacity(dep as usize);
        for (c, lead) in lead_of.iter().enumerate() {
            let clinical = colleges[c].discipline == "clinical";
            let (hired, since, title, honors, specs) = match *lead {
                Some(i) => {
                    let hired = d(rng.range(1996, 2012), 7, 1);
                    let title = if clinical && rng.chance(0.4) {
                        "副主任医师"
                    } else {
                        rng.pick(&["副教授", "教授", "副研究员", "副教授（思政）"])
                    };
                    (
                        hired,
                        Some(hired),
                        title,
                        honors_from(&mut rng, &LEAD_HONOR_POOL, 0.3),
                        d_sets[i].clone(),
                    )
                }
                None => {
                    let hired = d(rng.range(1998, 2013), 7, 1);
                    let was_counselor = rng.chance(0.55);
                    let title = if clinical && rng.chance(0.7) {
                        "副主任医师"
                    } else {
                        rng.weighted(&[
                            ("副教授", 8),
                            ("副研究员", 5),
                            ("讲师", 3),
                            ("教授", 2),
                            ("副教授（思政）", 2),
                        ])
                    };
                    let pool: &[(&str, u32)] = if was_counselor {
                        &HONOR_POOL
                    } else {
                        &STAFF_HONOR_POOL
                    };
                    let honors = if rng.chance(0.35) {
                        vec![rng.weighted(pool)]
                    } else {
                        Vec::new()
                    };
                    let since = was_counselor.then_some(hired);
                    (hired, since, title, honors, pick_specs(&mut rng, 1, 3, &[]))
                }
            };
            deputies.push(Person {
                id: String::new(),
                name: names.make(Some(hired.year() < 2008)),
                college: Some(c),
                role: Role::Deputy,
                hired,
                since,
                title,
                honors,
                specs,
            });
        }
        ids('D', &mut deputies, 3);

        // ── management cadres: most at school level, a quarter in colleges ──
        let mut lead_of = vec![None; cadre as usize];
        let mut pos: Vec<usize> = (0..cadre as usize).collect();
        rng.shuffle(&mut pos);
        for (i, &p) in pos.iter().take(lk as usize).enumerate() {
            lead_of[p] = Some(i);
        }
        let mut cadres = Vec::with_capacity(cadre as usize);
        for lead in &lead_of {
            let college = if rng.chance(0.25) {
                Some(rng.below(colleges.len()))
            } else {
                None
            };
            let (hired, since, title, honors, specs) = match (*lead, college) {
                (Some(i), _) => {
                    let hired = d(rng.range(1995, 2012), 7, 1);
                    let title =
                        rng.pick(&["研究员", "副研究员", "副教授", "副研究馆员", "副研究员"]);
                    (
                        hired,
                        Some(hired),
                        title,
                        honors_from(&mut rng, &LEAD_HONOR_POOL, 0.3),
                        k_sets[i].clone(),
                    )
                }
                (None, Some(_)) => {
                    let hired = d(rng.range(2008, 2020), 7, 1);
                    let title = rng.pick(&["讲师", "讲师（思政）", "助教"]);
                    (
                        hired,
                        Some(hired),
                        title,
                        Vec::new(),
                        pick_specs(&mut rng, 1, 2, &[]),
                    )
                }
                (None, None) => {
                    let hired = d(rng.range(1998, 2024), rng.pick(&[7, 7, 9, 3]), 1);
                    let was_counselor = rng.chance(0.5);
                    let title = if full_years(hired, at) < 5 {
                        rng.pick(&["", "助教", "研究实习员"])
                    } else {
                        rng.weighted(&[
                            ("讲师", 4),
                            ("副研究员", 3),
                            ("工程师", 2),
                            ("馆员", 1),
                            ("经济师", 1),
                            ("副教授", 1),
                        ])
                    };
                    let pool: &[(&str, u32)] = if was_counselor {
                        &HONOR_POOL
                    } else {
                        &STAFF_HONOR_POOL
                    };
                    let honors = if rng.chance(0.25) {
                        vec![rng.weighted(pool)]
                    } else {
                        Vec::new()
                    };
                    (
                        hired,
                        was_counselor.then_some(hired),
                        title,
                        honors,
                        pick_specs(&mut rng, 1, 2, &[]),
                    )
                }
            };
            cadres.push(Person {
                id: String::new(),
                name: names.make(Some(hired.year() < 2008)),
                college,
                role: Role::Cadre,
                hired,
                since,
                title,
                honors,
                specs,
            });
        }
        cadres.sort_by(|a, b| {
            (a.college.is_some(), a.college, a.hired, &a.name).cmp(&(
                b.college.is_some(),
                b.college,
                b.hired,
                &b.name,
            ))
        });
        ids('M', &mut cadres, 3);

        let mut people = full_time;
        people.extend(part_time);
        people.extend(deputies);
        people.extend(cadres);
        people
    }

    /// Speakers: at least 12, about 60% experts; every duty taught by two experts and one role model.
    fn speakers(&mut self, names: &mut NameMaker) -> Vec<Speaker> {
        let mut rng = self.rng(5);
        let n = self.opts.colleges as usize;
        let total = (12 + n.div_ceil(5)).min(100);
        let experts = ((total * 6 + 5) / 10).max(6);
        let mut sets = vec![Vec::new(); experts];
        cover_duties(&mut rng, &mut sets, 2);
        let mut rm_sets = vec![Vec::new(); total - experts];
        cover_duties(&mut rng, &mut rm_sets, 1);
        let mut out = Vec::with_capacity(total);
        for (i, mut duties) in sets.into_iter().chain(rm_sets).enumerate() {
            let role_model = i >= experts;
            let target = rng.weighted(&[(1usize, 2), (2, 3), (3, 1)]);
            if duties.len() < target {
                duties = pick_specs(&mut rng, target as i32, target as i32, &duties);
            }
            let first = duties[rng.below(duties.len())];
            duties.sort_unstable();
            let level = if role_model {
                rng.weighted(&[(0usize, 3), (1, 6), (2, 1)])
            } else {
                rng.weighted(&[(0usize, 35), (1, 35), (2, 30)])
            };
            let who = if role_model {
                rng.pick(ROLE_MODEL_NOTES[level])
            } else if level == 0 {
                INTERNAL_DEPTS[first]
            } else {
                rng.pick(EXPERT_NOTES[level - 1])
            };
            let note = format!("{who}；专长：{}", DUTIES[first].1);
            let k = rng.range(4, 8) as usize;
            let dates = self.cal.spread(&mut rng, d(2026, 9, 7), d(2026, 12, 31), k);
            out.push(Speaker {
                name: names.make(None),
                level,
                role_model,
                note,
                fee: rng.pick(&FEES[level]),
                duties,
                dates,
            });
        }
        out.sort_by_key(|s| (s.level, !s.role_model));
        out
    }

    /// Venues: a hall on every campus (the main one seats all staff), a meeting room, seminar rooms.
    fn venues(&self, sizes: &[usize], colleges: &[College], people: &[Person]) -> Vec<Venue> {
        let mut rng = self.rng(6);
        let mut staff = vec![0u32; sizes.len()];
        for p in people {
            staff[p.college.map_or(0, |c| colleges[c].campus)] += 1;
        }
        let ceil50 = |x: u32| x.div_ceil(50) * 50;
        let mut out = Vec::new();
        for (c, &size) in sizes.iter().enumerate() {
            let (cid, cname) = CAMPUSES[c];
            let main = c == 0;
            let hall = if main {
                ceil50(self.opts.staff).max(400)
            } else {
                ceil50(staff[c]).max(200)
            };
            let (hall_name, hall_cost) = match (main, hall > 1500) {
                (_, true) => (format!("{cname}体育馆（大会场）"), 3000),
                (true, false) => (format!("{cname}学术报告厅"), 800),
                (false, false) => (format!("{cname}报告厅"), 500),
            };
            out.push(Venue {
                id: format!("{cid}_hall"),
                name: hall_name,
                campus: c,
                capacity: hall,
                cost: hall_cost,
            });
            out.push(Venue {
                id: format!("{cid}_meeting"),
                name: format!(
                    "{cname}{}",
                    if main {
                        "行政楼第一会议室"
                    } else {
                        "会议室"
                    }
                ),
                campus: c,
                capacity: if main { 80 } else { 60 },
                cost: if main { 200 } else { 150 },
            });
            let rooms = if main {
                (10 + size / 10).min(40)
            } else {
                (3 + size / 10).min(20)
            };
            for k in 1..=rooms {
                let capacity = rng.pick(&[20, 24, 30, 36, 40, 48, 50, 60]);
                out.push(Venue {
                    id: format!("{cid}_seminar{k:02}"),
                    name: format!(
                        "{cname}{}研讨室{k}",
                        if k % 2 == 1 { "图书馆" } else { "教学楼" }
                    ),
                    campus: c,
                    capacity,
                    cost: if capacity <= 30 { 60 } else { 100 },
                });
            }
        }
        out
    }

    fn write(
        &self,
        sizes: &[usize],
        colleges: &[College],
        people: &[Person],
        speakers: &[Speaker],
        venues: &[Venue],
        funds: u64,
    ) -> String {
        let o = self.opts;
        let cal = &self.cal;
        let mut t = String::with_capacity(256 * people.len() + 64 * 1024);
        let _ = write!(
            t,
            "# 合成场景（由 `fudao gen --colleges {n} --staff {m} --seed {s}` 生成）：一所虚构的医科大学，\n\
             # {c} 个校区、{n} 个学院、{m} 名学工人员，2026—2027学年第一学期，供规模测试使用。\n\
             # 学校、人员、专家姓名均为虚构，如有雷同纯属巧合；考察单位为省内真实院校名称，仅作示例。\n\
             #\n\
             # Synthetic scenario for scale tests, written by `fudao gen --colleges {n} --staff {m} --seed {s}`:\n\
             # a FICTIONAL medical university with {c} campuses, {n} colleges and {m} staff (inline [[people]]),\n\
             # fall semester 2026-08-31 .. 2027-01-22. The same arguments always give the same bytes.\n\n",
            n = o.colleges,
            m = o.staff,
            s = o.seed,
            c = sizes.len()
        );
        let _ = writeln!(t, "[meta]");
        let _ = writeln!(
            t,
            "id = {}",
            q(&format!("gen-{}-{}-{}", o.colleges, o.staff, o.seed))
        );
        let _ = writeln!(
            t,
            "name = {}",
            q(&format!(
                "合成场景：{}个学院、{}名学工人员（种子{}）",
                o.colleges, o.staff, o.seed
            ))
        );
        let _ = writeln!(t, "rules = {}\n", q(&o.rules));

        let range = |(name, a, b): &(&str, NaiveDate, NaiveDate)| {
            format!("{{ name = {}, start = {a}, end = {b} }}", q(name))
        };
        let _ = writeln!(t, "[semester]");
        let _ = writeln!(t, "name = {}", q(SEM_NAME));
        let _ = writeln!(t, "start = {}\nend = {}", cal.start, cal.end);
        let _ = writeln!(
            t,
            "holidays = [{}]",
            cal.holidays
                .iter()
                .map(range)
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(t, "makeup_workdays = [{}]", join(cal.makeup.iter()));
        let _ = writeln!(
            t,
            "exam_weeks = [{}]\n",
            cal.exams.iter().map(range).collect::<Vec<_>>().join(", ")
        );

        let _ = writeln!(t, "# 校区 / campuses");
        for &(id, name) in &CAMPUSES[..sizes.len()] {
            let _ = writeln!(t, "[[campuses]]\nid = {}\nname = {}\n", q(id), q(name));
        }
        if sizes.len() > 1 {
            let _ = writeln!(
                t,
                "# 校区间交通（单程，对称）/ travel between campuses (one way, symmetric)"
            );
        }
        let mut rng = self.rng(7);
        for a in 0..sizes.len() {
            for b in a + 1..sizes.len() {
                let minutes = TRAVEL[a][b] as i32 + rng.range(-3, 3);
                let cost = (minutes / 2 + 2) / 5 * 5;
                let _ = writeln!(
                    t,
                    "[[travel]]\nfrom = {}\nto = {}\nminutes = {}\ncost_per_person = {}\n",
                    q(CAMPUSES[a].0),
                    q(CAMPUSES[b].0),
                    num(minutes as u64),
                    num(cost as u64)
                );
            }
        }

        let _ = writeln!(
            t,
            "# 学院 / colleges: discipline = 学科专业特色, stage = 学段"
        );
        for (i, c) in colleges.iter().enumerate() {
            // what some colleges ask of their own training: every fourth a theme, every fifth a
            // week it cannot use (its own event), spread over the semester's weeks 4 to 13
            let mut asks = String::new();
            if i % 4 == 3 {
                let _ = writeln!(
                    asks,
                    "themes = [{}]",
                    duty_list(&[(i * 5 + 2) % DUTIES.len()])
                );
            }
            if i % 5 == 1 {
                let monday = cal.start + chrono::Days::new(7 * (3 + (i as u64 / 5) % 10));
                let _ = writeln!(
                    asks,
                    "unavailable = [{{ name = \"学院活动周\", start = {monday}, end = {} }}]",
                    monday + chrono::Days::new(4)
                );
            }
            let _ = writeln!(
                t,
                "[[colleges]]\nid = {}\nname = {}\ncampus = {}\ndiscipline = {}\nstage = {}\n{asks}",
                q(&c.id),
                q(&c.name),
                q(CAMPUSES[c.campus].0),
                q(c.discipline),
                q(c.stage)
            );
        }

        let _ = writeln!(
            t,
            "# 场地（cost = 每半天费用，元）/ venues (cost per half-day, yuan)"
        );
        for v in venues {
            let _ = writeln!(
                t,
                "[[venues]]\nid = {}\nname = {}\ncampus = {}\ncapacity = {}\ncost = {}\n",
                q(&v.id),
                q(&v.name),
                q(CAMPUSES[v.campus].0),
                v.capacity,
                num(u64::from(v.cost))
            );
        }

        let _ = writeln!(
            t,
            "# “请进来”：可邀请的典型人物与专家（fee 含差旅，元/场）/ speakers who can be invited (fee per session, travel included)"
        );
        let width = speakers.len().to_string().len().max(2);
        for (i, s) in speakers.iter().enumerate() {
            let _ = writeln!(
                t,
                "[[speakers]]\nid = \"S{:0width$}\"\nname = {}\nlevel = {}\nkind = {}\nnote = {}\nfee = {}\nduties = [{}]\ndates = [{}]\n",
                i + 1,
                q(&s.name),
                q(LEVELS[s.level]),
                q(if s.role_model { "role_model" } else { "expert" }),
                q(&s.note),
                num(u64::from(s.fee)),
                duty_list(&s.duties),
                join(s.dates.iter())
            );
        }

        let _ = writeln!(t, "# “走出去”：考察学习单位 / study-visit destinations");
        for (i, v) in VISITS.iter().enumerate() {
            let dates = cal.spread(&mut rng, d(2026, 10, 12), d(2026, 12, 18), v.k);
            let _ = writeln!(
                t,
                "[[visits]]\nid = \"V{:02}\"\nname = {}\ncity = {}\nduties = [{}]\ncost_per_person = {}\n\
                 travel_minutes = {}\nmax_attendees = {}\ndates = [{}]\n",
                i + 1,
                q(v.name),
                q(v.city),
                duty_list(v.duties),
                num(u64::from(v.cost)),
                num(u64::from(v.minutes)),
                v.cap,
                join(dates.iter())
            );
        }

        let _ = writeln!(t, "# 网络平台及线上培训 / online courses");
        for (i, (name, provider, duties, cost, from, to)) in COURSES.iter().enumerate() {
            let _ = writeln!(
                t,
                "[[online_courses]]\nid = \"O{:02}\"\nname = {}\nprovider = {}\nduties = [{}]\ncost_per_person = {}\n\
                 open_from = {}\nopen_to = {}\n",
                i + 1,
                q(name),
                q(provider),
                duty_list(duties),
                num(u64::from(*cost)),
                d(from.0, from.1, from.2),
                d(to.0, to.1, to.2)
            );
        }

        let _ = writeln!(
            t,
            "# 校院两级培训专项经费（本学期，元）/ the semester's training fund (yuan)"
        );
        let _ = writeln!(t, "[funds]\ntotal = {}\n", num(funds));

        let _ = writeln!(
            t,
            "# 学工队伍 / staff: T = 专职辅导员, P = 兼职辅导员, D = 分管学生工作副书记, M = 学工管理干部"
        );
        for p in people {
            let _ = writeln!(t, "[[people]]\nid = {}\nname = {}", q(&p.id), q(&p.name));
            if let Some(c) = p.college {
                let _ = writeln!(t, "college = {}", q(&colleges[c].id));
            }
            let _ = writeln!(t, "role = {}\nhired = {}", q(p.role.id()), p.hired);
            if let Some(s) = p.since {
                let _ = writeln!(t, "counselor_since = {s}");
            }
            if !p.title.is_empty() {
                let _ = writeln!(t, "title = {}", q(p.title));
            }
            if !p.honors.is_empty() {
                let _ = writeln!(
                    t,
                    "honors = [{}]",
                    p.honors.iter().map(|h| q(h)).collect::<Vec<_>>().join(", ")
                );
            }
            let _ = writeln!(t, "specialties = [{}]\n", duty_list(&p.specs));
        }
        while t.ends_with("\n\n") {
            t.pop();
        }
        t
    }
}

/// A TOML basic string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A whole number written as a TOML float (`30.0`), as the bundled scenario writes money and minutes.
fn num(x: u64) -> String {
    format!("{x}.0")
}

fn join<'a>(dates: impl Iterator<Item = &'a NaiveDate>) -> String {
    dates.map(|x| x.to_string()).collect::<Vec<_>>().join(", ")
}

fn duty_list(duties: &[usize]) -> String {
    duties
        .iter()
        .map(|&i| q(DUTIES[i].0))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let got: Vec<String> = [1, 2, 10, 11, 20, 21, 99, 100, 105, 110, 115, 230, 999]
            .iter()
            .map(|&n| cn(n))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "二",
                "十",
                "十一",
                "二十",
                "二十一",
                "九十九",
                "一百",
                "一百零五",
                "一百一十",
                "一百一十五",
                "二百三十",
                "九百九十九"
            ]
        );
    }

    #[test]
    fn staff_split_matches_the_bundled_roster() {
        // the bundled scenario: 20 colleges, 147 staff = 102 + 10 + 20 + 15
        assert_eq!(split_staff(20, 147), (102, 10, 20, 15));
        assert_eq!(split_staff(1, 1), (1, 0, 0, 0));
    }

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(q(r#"a"b\c"#), r#""a\"b\\c""#);
    }

    #[test]
    fn prng_is_stable() {
        let mut r = SplitMix64::new(1, 0);
        let a: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        let mut r = SplitMix64::new(1, 0);
        let b: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        assert_eq!(a, b);
        assert_ne!(
            SplitMix64::new(1, 0).next_u64(),
            SplitMix64::new(2, 0).next_u64()
        );
    }
}
