//! From wire types to domain types: every semantic check, every problem collected.
//!
//! One function per section (`rules_*`, `scenario_*`); each pushes a [`Diagnostic`] with file,
//! line, column, what is wrong and what to do, and goes on. The result is `Some` only when no
//! problem was found anywhere.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

use crate::input::diag::{Code, Diagnostic, Diags};
use crate::domain::*;
use crate::input::source::{FileId, Sources};
use crate::wire::{self, DutySetIn, SDate, SInt, SNum, SStr};

/// Validation context: where diagnostics go and which file spans point into.
struct Cx<'a> {
    sources: &'a Sources,
    diags: &'a mut Diags,
    file: FileId,
    /// Ids of entries that failed to read; references to them are not reported again.
    broken: &'a BTreeSet<String>,
}

impl Cx<'_> {
    fn err(
        &mut self,
        code: Code,
        span: std::ops::Range<usize>,
        key: &str,
        en: String,
        zh: String,
        help: String,
    ) {
        let d = Diagnostic::new(code, en, zh)
            .key(key)
            .help(help)
            .at(self.sources, self.file, span);
        self.diags.push(d);
    }

    fn missing(&mut self, key: &str, en: String, zh: String, help: String) {
        let d = Diagnostic::new(Code::Missing, en, zh)
            .key(key)
            .help(help)
            .in_file(self.sources.path(self.file));
        self.diags.push(d);
    }

    /// A whole number ≥ `min`.
    fn uint(&mut self, v: &SInt, key: &str, min: i64) -> u32 {
        let x = *v.get_ref();
        if x < min || x > i64::from(u32::MAX) {
            let code = if x < 0 {
                Code::Negative
            } else {
                Code::OutOfRange
            };
            self.err(
                code,
                v.span(),
                key,
                format!("`{key}` is {x}, but must be at least {min}"),
                format!("`{key}` 为 {x}，不能小于 {min}"),
                format!("set `{key}` to {min} or more / 请改为不小于 {min} 的整数"),
            );
            return min.max(0) as u32;
        }
        x as u32
    }

    /// A number ≥ 0 (money, minutes, weights).
    fn nonneg(&mut self, v: &SNum, key: &str) -> f64 {
        let x = *v.get_ref();
        if !x.is_finite() || x < 0.0 {
            self.err(
                Code::Negative,
                v.span(),
                key,
                format!("`{key}` is {x}, but cannot be negative"),
                format!("`{key}` 为 {x}，不能为负数"),
                format!("write a number of 0 or more for `{key}` / 请填写不小于 0 的数"),
            );
            return 0.0;
        }
        x
    }

    /// A number in [lo, hi].
    fn within(&mut self, v: &SNum, key: &str, lo: f64, hi: f64) -> f64 {
        let x = *v.get_ref();
        if !(lo..=hi).contains(&x) {
            self.err(
                if x < 0.0 { Code::Negative } else { Code::OutOfRange },
                v.span(),
                key,
                format!("`{key}` is {x}, but must lie between {lo} and {hi}"),
                format!("`{key}` 为 {x}，应在 {lo} 到 {hi} 之间"),
                format!("write a value from {lo} to {hi} (e.g. 0.6 for 60 %) / 请填写 {lo}～{hi} 之间的数"),
            );
            return x.clamp(lo, hi);
        }
        x
    }

    /// A word from a fixed list.
    fn word<T>(
        &mut self,
        v: &SStr,
        key: &str,
        words: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let r = parse(v.get_ref());
        if r.is_none() {
            self.err(
                Code::InvalidValue,
                v.span(),
                key,
                format!("`{}` is not a valid value for `{key}`", v.get_ref()),
                format!("`{key}` 的取值“{}”无效", v.get_ref()),
                format!("use one of: {} / 请使用其中之一", words.join(", ")),
            );
        }
        r
    }

    /// A plain date.
    fn date(&mut self, v: &SDate, key: &str) -> Option<NaiveDate> {
        let dt = v.get_ref();
        let d = match (dt.date, dt.time) {
            (Some(d), None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            }
            _ => None,
        };
        if d.is_none() {
            self.err(
                Code::BadDate,
                v.span(),
                key,
                format!("`{dt}` is not a plain date"),
                format!("“{dt}”不是日期"),
                "write a date without time, e.g. 2026-09-25 / 请写成 2026-09-25 这样的日期".into(),
            );
        }
        d
    }

    /// A reference to an id in `index`.
    fn reference(
        &mut self,
        v: &SStr,
        key: &str,
        what_en: &str,
        what_zh: &str,
        index: &Index,
    ) -> Option<usize> {
        if index.unknown {
            // The ids are defined in a file that could not be read; nothing to check against.
            return None;
        }
        let r = index.get(v.get_ref());
        if r.is_none() && !self.broken.contains(v.get_ref()) {
            self.err(
                Code::UnknownRef,
                v.span(),
                key,
                format!("unknown {what_en} `{}`", v.get_ref()),
                format!("未知的{what_zh}“{}”", v.get_ref()),
                format!(
                    "use a defined {what_en}: {} / 请使用已定义的{what_zh}",
                    index.sample()
                ),
            );
        }
        r
    }

    fn refs(
        &mut self,
        vs: &[SStr],
        key: &str,
        what_en: &str,
        what_zh: &str,
        index: &Index,
    ) -> Vec<usize> {
        let mut out: Vec<usize> = vs
            .iter()
            .filter_map(|v| self.reference(v, key, what_en, what_zh, index))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Ids (and accepted aliases such as Chinese names) to indices.
#[derive(Default)]
struct Index {
    map: BTreeMap<String, usize>,
    ids: Vec<String>,
    /// The ids live in a file that could not be read (e.g. broken rules): references are not checked.
    unknown: bool,
}

impl Index {
    fn get(&self, k: &str) -> Option<usize> {
        self.map.get(k.trim()).copied()
    }
    fn sample(&self) -> String {
        let mut s = self
            .ids
            .iter()
            .take(12)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if self.ids.len() > 12 {
            s.push_str(", …");
        }
        s
    }
}

/// Build an index of ids, reporting duplicates. `aliases` are extra names (e.g. Chinese) per entry.
fn index_ids<'x>(
    cx: &mut Cx<'_>,
    section: &str,
    ids: impl Iterator<Item = (&'x SStr, Vec<&'x str>)>,
) -> Index {
    let mut idx = Index::default();
    let mut first: BTreeMap<String, std::ops::Range<usize>> = BTreeMap::new();
    for (i, (id, aliases)) in ids.enumerate() {
        let name = id.get_ref().trim().to_string();
        if name.is_empty() {
            cx.err(
                Code::Missing,
                id.span(),
                &format!("{section}.id"),
                format!("empty id in `{section}`"),
                format!("`{section}` 中存在空的 id"),
                "give every entry a unique, non-empty id / 每一项都需要唯一且非空的 id".into(),
            );
            continue;
        }
        if let Some(prev) = first.get(&name) {
            let (line, _) = cx.sources.get(cx.file).line_col(prev.start);
            cx.err(
                Code::DuplicateId,
                id.span(),
                &format!("{section}.id"),
                format!("duplicate id `{name}` in `{section}` (first defined on line {line})"),
                format!("`{section}` 中 id“{name}”重复（首次定义于第 {line} 行）"),
                "rename one of them; ids must be unique / 请修改其中一个，id 必须唯一".into(),
            );
            continue;
        }
        first.insert(name.clone(), id.span());
        idx.map.insert(name.clone(), i);
        idx.ids.push(name);
        for a in aliases {
            idx.map.entry(a.trim().to_string()).or_insert(i);
        }
    }
    idx
}

/// Validate a rules file. Returns `None` (with diagnostics) when anything is wrong.
pub fn rules(
    sources: &Sources,
    file: FileId,
    w: &wire::RulesFile,
    broken: &BTreeSet<String>,
    diags: &mut Diags,
) -> Option<Rules> {
    let before = diags.len();
    let r = rules_lenient(sources, file, w, broken, diags);
    if diags.len() > before {
        return None;
    }
    r
}

/// Validate a rules file, reporting every problem, and return the rules whenever every section
/// could be read, even when some values were wrong (those are replaced by their nearest valid
/// value). Only for checking a scenario against: never plan with rules that had problems.
pub fn rules_lenient(
    sources: &Sources,
    file: FileId,
    w: &wire::RulesFile,
    broken: &BTreeSet<String>,
    diags: &mut Diags,
) -> Option<Rules> {
    let mut cx = Cx {
        sources,
        diags,
        file,
        broken,
    };
    let cx = &mut cx;

    // duties
    let duty_idx = index_ids(
        cx,
        "duties",
        w.duties
            .iter()
            .map(|d| (&d.id, vec![d.zh.get_ref().as_str()])),
    );
    let mut nos = BTreeMap::new();
    let duties: Vec<Duty> = w
        .duties
        .iter()
        .map(|d| {
            let no = cx.uint(&d.no, "duties.no", 1);
            if let Some(prev) = nos.insert(no, d.id.get_ref().clone()) {
                cx.err(
                    Code::DuplicateId,
                    d.no.span(),
                    "duties.no",
                    format!("duty number {no} is used by `{prev}` too"),
                    format!("职责编号 {no} 与“{prev}”重复"),
                    "number the duties 1, 2, 3, … without repeats / 职责编号不能重复".into(),
                );
            }
            Duty {
                id: d.id.get_ref().clone(),
                no,
                zh: d.zh.get_ref().clone(),
                en: d.en.clone(),
                priority: d.priority,
            }
        })
        .collect();
    if w.duties.is_empty() {
        cx.missing(
            "duties",
            "no [[duties]] defined".into(),
            "未定义任何职责 [[duties]]".into(),
            "list the nine duties as [[duties]] entries / 请以 [[duties]] 列出九项职责".into(),
        );
    }

    // roles
    let role_idx = index_ids(
        cx,
        "roles",
        w.roles
            .iter()
            .map(|r| (&r.id, vec![r.zh.get_ref().as_str()])),
    );
    let roles: Vec<Role> = w
        .roles
        .iter()
        .map(|r| Role {
            id: r.id.get_ref().clone(),
            zh: r.zh.get_ref().clone(),
            en: r.en.clone(),
            full_time_counselor: r.full_time_counselor,
            is_counselor: r.is_counselor,
        })
        .collect();
    if !w.roles.is_empty() && !roles.iter().any(|r| r.full_time_counselor) {
        cx.missing(
            "roles.full_time_counselor",
            "no role is marked `full_time_counselor = true`".into(),
            "没有任何岗位标记为专职辅导员（full_time_counselor = true）".into(),
            "mark the full-time counselor role; the two-level threshold counts it / 请标记专职辅导员岗位".into(),
        );
    }

    // groups
    let group_idx = index_ids(
        cx,
        "groups",
        w.groups
            .iter()
            .map(|g| (&g.id, vec![g.zh.get_ref().as_str()])),
    );
    let groups: Vec<Group> = w
        .groups
        .iter()
        .map(|g| Group {
            id: g.id.get_ref().clone(),
            zh: g.zh.get_ref().clone(),
            en: g.en.clone(),
            roles: cx.refs(&g.roles, "groups.roles", "role", "岗位", &role_idx),
            min_years_as_counselor: g
                .min_years_as_counselor
                .as_ref()
                .map(|v| cx.uint(v, "groups.min_years_as_counselor", 0)),
            max_years_as_counselor: g
                .max_years_as_counselor
                .as_ref()
                .map(|v| cx.uint(v, "groups.max_years_as_counselor", 0)),
            max_months_since_hire: g
                .max_months_since_hire
                .as_ref()
                .map(|v| cx.uint(v, "groups.max_months_since_hire", 0)),
            max_hours_per_semester: g
                .max_hours_per_semester
                .as_ref()
                .map(|v| cx.nonneg(v, "groups.max_hours_per_semester")),
        })
        .collect();

    // title ladder
    let level_idx = index_ids(
        cx,
        "title_levels",
        w.title_levels
            .iter()
            .map(|l| (&l.id, vec![l.zh.get_ref().as_str()])),
    );
    let mut seen_titles: BTreeMap<String, String> = BTreeMap::new();
    let mut title_levels: Vec<TitleLevel> = w
        .title_levels
        .iter()
        .map(|l| {
            for t in &l.titles {
                let base = title_base(t.get_ref()).to_string();
                if let Some(prev) = seen_titles.insert(base.clone(), l.zh.get_ref().clone()) {
                    cx.err(
                        Code::DuplicateId,
                        t.span(),
                        "title_levels.titles",
                        format!("title `{base}` is also listed under {prev}"),
                        format!("职称“{base}”同时出现在“{prev}”中"),
                        "list each title at one level only / 每个职称只能属于一个级别".into(),
                    );
                }
            }
            TitleLevel {
                id: l.id.get_ref().clone(),
                zh: l.zh.get_ref().clone(),
                rank: cx.uint(&l.rank, "title_levels.rank", 1),
                titles: l
                    .titles
                    .iter()
                    .map(|t| t.get_ref().trim().to_string())
                    .collect(),
            }
        })
        .collect();
    // Sorting would break indices held by `level_idx`; keep file order, but ranks must ascend.
    for pair in title_levels.windows(2) {
        if pair[1].rank <= pair[0].rank {
            let span = w
                .title_levels
                .iter()
                .find(|l| l.id.get_ref() == &pair[1].id)
                .map(|l| l.rank.span())
                .unwrap_or(0..0);
            cx.err(
                Code::Inconsistent,
                span,
                "title_levels.rank",
                format!(
                    "title level `{}` has rank {} but follows `{}` with rank {}",
                    pair[1].id, pair[1].rank, pair[0].id, pair[0].rank
                ),
                format!("职称级别“{}”的 rank 应大于前一级“{}”", pair[1].zh, pair[0].zh),
                "list title levels from junior to senior with increasing ranks / 请按由低到高列出职称级别，rank 递增".into(),
            );
        }
    }
    title_levels.shrink_to_fit();

    // session kinds
    let kind_idx = index_ids(
        cx,
        "session_kinds",
        w.session_kinds.iter().map(|k| (&k.id, vec![])),
    );
    let session_kinds: Vec<SessionKind> = w
        .session_kinds
        .iter()
        .map(|k| session_kind(cx, k, &group_idx, &kind_idx))
        .collect();

    let two_level = w.two_level.as_ref().map(|t| two_level_rules(cx, t));
    let studios = w
        .studios
        .as_ref()
        .map(|s| studio_rules(cx, s, &duty_idx, &role_idx, &group_idx, &level_idx));
    let budget = w.budget.as_ref().map(|b| BudgetRules {
        school_share: cx.within(&b.school_share, "budget.school_share", 0.0, 1.0),
        college_split: cx
            .word(
                &b.college_split,
                "budget.college_split",
                &["per_counselor", "equal"],
                |s| match s {
                    "per_counselor" => Some(CollegeSplit::PerCounselor),
                    "equal" => Some(CollegeSplit::Equal),
                    _ => None,
                },
            )
            .unwrap_or(CollegeSplit::PerCounselor),
        college_floor: cx.nonneg(&b.college_floor, "budget.college_floor"),
        cluster_pooling: b.cluster_pooling,
        execution_target: b
            .execution_target
            .as_ref()
            .map(|v| cx.within(v, "budget.execution_target", 0.0, 1.0)),
    });
    let calendar = w.calendar.as_ref().map(|c| calendar_rules(cx, c));

    let hour_target_idx = index_ids(
        cx,
        "hour_targets",
        w.hour_targets.iter().map(|t| (&t.id, vec![])),
    );
    drop(hour_target_idx);
    let hour_targets: Vec<HourTarget> = w
        .hour_targets
        .iter()
        .filter_map(|t| {
            let group = cx.reference(&t.group, "hour_targets.group", "group", "群体", &group_idx);
            let hours = cx.nonneg(&t.hours, "hour_targets.hours");
            let levels: Vec<Level> = t
                .levels
                .iter()
                .filter_map(|l| {
                    cx.word(
                        l,
                        "hour_targets.levels",
                        &["school", "college"],
                        Level::parse,
                    )
                })
                .collect();
            let per = cx.word(
                &t.per,
                "hour_targets.per",
                &["semester", "year"],
                |s| match s {
                    "semester" => Some(Per::Semester),
                    "year" => Some(Per::Year),
                    _ => None,
                },
            );
            Some(HourTarget {
                id: t.id.get_ref().clone(),
                group: group?,
                hours,
                levels,
                per: per?,
            })
        })
        .collect();

    let coverage_idx = index_ids(cx, "coverage", w.coverage.iter().map(|c| (&c.id, vec![])));
    drop(coverage_idx);
    let coverage: Vec<CoverageReq> = w
        .coverage
        .iter()
        .filter_map(|c| {
            let group = cx.reference(&c.group, "coverage.group", "group", "群体", &group_idx);
            let span = c.duties.span();
            let duties = match c.duties.get_ref() {
                DutySetIn::Word(s) if s == "all" => (0..duties.len()).collect(),
                DutySetIn::Word(s) => {
                    cx.err(
                        Code::InvalidValue,
                        span,
                        "coverage.duties",
                        format!("`{s}` is not a duty list"),
                        format!("“{s}”不是职责列表"),
                        "write \"all\" or a list of duty ids, e.g. [\"ideology\", \"mental_health\"] / 请写 \"all\" 或职责 id 列表".into(),
                    );
                    Vec::new()
                }
                DutySetIn::List(l) => {
                    let spanned: Vec<SStr> = l.iter().map(|d| toml::Spanned::new(span.clone(), d.clone())).collect();
                    cx.refs(&spanned, "coverage.duties", "duty", "职责", &duty_idx)
                }
            };
            Some(CoverageReq {
                id: c.id.get_ref().clone(),
                group: group?,
                duties,
            })
        })
        .collect();

    let plan = w.plan.as_ref().map(|p| PlanWeights {
        hour_value: cx.nonneg(&p.hour_value, "plan.hour_value"),
        max_valued_hours_per_duty: cx.nonneg(
            &p.max_valued_hours_per_duty,
            "plan.max_valued_hours_per_duty",
        ),
        duty_value: cx.nonneg(&p.duty_value, "plan.duty_value"),
        speaker_value: p.speaker_value.as_ref().map_or([0.0; 3], |v| {
            [
                cx.nonneg(&v.internal, "plan.speaker_value.internal"),
                cx.nonneg(&v.provincial, "plan.speaker_value.provincial"),
                cx.nonneg(&v.national, "plan.speaker_value.national"),
            ]
        }),
        priority_weight: cx.nonneg(&p.priority_weight, "plan.priority_weight"),
        cost_weight: cx.nonneg(&p.cost_weight, "plan.cost_weight"),
        travel_weight: cx.nonneg(&p.travel_weight, "plan.travel_weight"),
        bunching_penalty: cx.nonneg(&p.bunching_penalty, "plan.bunching_penalty"),
        semesters_per_year: cx.uint(&p.semesters_per_year, "plan.semesters_per_year", 1),
    });

    let meta = w.meta.as_ref()?;
    Some(Rules {
        id: meta.id.get_ref().clone(),
        name: meta.name.clone(),
        duties,
        roles,
        groups,
        title_levels,
        session_kinds,
        two_level: two_level?,
        studios: studios?,
        budget: budget?,
        calendar: calendar?,
        hour_targets,
        coverage,
        plan: plan?,
    })
}

fn session_kind(
    cx: &mut Cx<'_>,
    k: &wire::SessionKindIn,
    group_idx: &Index,
    kind_idx: &Index,
) -> SessionKind {
    let key = |f: &str| format!("session_kinds.{}.{f}", k.id.get_ref());
    let platform = cx
        .word(
            &k.platform,
            &key("platform"),
            Platform::WORDS,
            Platform::parse,
        )
        .unwrap_or(Platform::Centralized);
    let level = cx
        .word(
            &k.level,
            &key("level"),
            &["school", "college"],
            Level::parse,
        )
        .unwrap_or(Level::School);
    let audience_mode = cx
        .word(
            &k.audience_mode,
            &key("audience_mode"),
            AudienceMode::WORDS,
            AudienceMode::parse,
        )
        .unwrap_or(AudienceMode::All);
    let duty_mode = cx
        .word(
            &k.duty_mode,
            &key("duty_mode"),
            DutyMode::WORDS,
            DutyMode::parse,
        )
        .unwrap_or(DutyMode::Choose);
    let speaker = cx
        .word(
            &k.speaker,
            &key("speaker"),
            SpeakerNeed::WORDS,
            SpeakerNeed::parse,
        )
        .unwrap_or(SpeakerNeed::None);
    let audience = cx.refs(&k.audience, &key("audience"), "group", "群体", group_idx);
    if matches!(audience_mode, AudienceMode::All | AudienceMode::ChooseOne) && k.audience.is_empty()
    {
        cx.err(
            Code::Missing,
            k.audience_mode.span(),
            &key("audience"),
            format!(
                "session kind `{}` has audience mode `{}` but no audience groups",
                k.id.get_ref(),
                k.audience_mode.get_ref()
            ),
            format!("会议类型“{}”未列出参加群体", k.zh.get_ref()),
            "list the groups that attend in `audience` / 请在 audience 中列出参加的群体".into(),
        );
    }
    if duty_mode == DutyMode::Speaker && speaker == SpeakerNeed::None {
        cx.err(
            Code::Inconsistent,
            k.duty_mode.span(),
            &key("duty_mode"),
            "duty_mode = \"speaker\" needs a speaker, visit or online course, but `speaker = \"none\"`".into(),
            "duty_mode 为 speaker 时必须指定主讲人、考察点或线上课程".into(),
            "set `speaker` or use duty_mode = \"choose\" / 请设置 speaker 或改用 choose".into(),
        );
    }
    let with_kind = k
        .with_kind
        .as_ref()
        .and_then(|w| cx.reference(w, &key("with_kind"), "session kind", "会议类型", kind_idx));
    let per_unit_min = k
        .per_unit_min
        .as_ref()
        .map(|v| cx.uint(v, &key("per_unit_min"), 0));
    let per_unit_max = k
        .per_unit_max
        .as_ref()
        .map(|v| cx.uint(v, &key("per_unit_max"), 0));
    if let (Some(lo), Some(hi), Some(v)) = (per_unit_min, per_unit_max, &k.per_unit_max)
        && hi < lo
    {
        cx.err(
            Code::Inconsistent,
            v.span(),
            &key("per_unit_max"),
            format!("per_unit_max ({hi}) is below per_unit_min ({lo})"),
            format!("per_unit_max（{hi}）小于 per_unit_min（{lo}）"),
            "make the maximum at least the minimum / 最大值不能小于最小值".into(),
        );
    }
    let hours = cx.nonneg(&k.hours, &key("hours"));
    SessionKind {
        id: k.id.get_ref().clone(),
        zh: k.zh.get_ref().clone(),
        en: k.en.clone(),
        platform,
        level,
        segments: k.segments.clone(),
        audience,
        audience_mode,
        duty_mode,
        speaker,
        slots: cx.uint(&k.slots, &key("slots"), 1),
        hours,
        fixed_cost: k
            .fixed_cost
            .as_ref()
            .map_or(0.0, |v| cx.nonneg(v, &key("fixed_cost"))),
        per_attendee_cost: k
            .per_attendee_cost
            .as_ref()
            .map_or(0.0, |v| cx.nonneg(v, &key("per_attendee_cost"))),
        with_kind,
        per_month: k
            .per_month
            .as_ref()
            .map(|v| cx.uint(v, &key("per_month"), 0)),
        per_month_min_days: k
            .per_month_min_days
            .as_ref()
            .map_or(1, |v| cx.uint(v, &key("per_month_min_days"), 1)),
        per_semester: k
            .per_semester
            .as_ref()
            .map(|v| cx.uint(v, &key("per_semester"), 0)),
        max_per_semester: k
            .max_per_semester
            .as_ref()
            .map(|v| cx.uint(v, &key("max_per_semester"), 0)),
        per_unit_min,
        per_unit_max,
        per_unit_duty_max: k
            .per_unit_duty_max
            .as_ref()
            .map(|v| cx.uint(v, &key("per_unit_duty_max"), 1)),
        min_speaker_level: k.min_speaker_level.as_ref().and_then(|v| {
            cx.word(
                v,
                &key("min_speaker_level"),
                &["internal", "provincial", "national"],
                SpeakerLevel::parse,
            )
        }),
        required: k.required,
    }
}

fn two_level_rules(cx: &mut Cx<'_>, t: &wire::TwoLevelIn) -> TwoLevelRules {
    TwoLevelRules {
        independent_min: cx.uint(&t.independent_min, "two_level.independent_min", 1),
        max_cluster_colleges: cx.uint(&t.max_cluster_colleges, "two_level.max_cluster_colleges", 1),
        max_travel_minutes: cx.nonneg(&t.max_travel_minutes, "two_level.max_travel_minutes"),
        unreachable: cx
            .word(
                &t.unreachable,
                "two_level.unreachable",
                &["guest", "infeasible"],
                |s| match s {
                    "guest" => Some(Unreachable::Guest),
                    "infeasible" => Some(Unreachable::Infeasible),
                    _ => None,
                },
            )
            .unwrap_or(Unreachable::Guest),
        w_travel_per_minute: cx.nonneg(
            &t.weights.travel_per_minute,
            "two_level.weights.travel_per_minute",
        ),
        w_discipline_mismatch: cx.nonneg(
            &t.weights.discipline_mismatch,
            "two_level.weights.discipline_mismatch",
        ),
        w_stage_mismatch: cx.nonneg(
            &t.weights.stage_mismatch,
            "two_level.weights.stage_mismatch",
        ),
        w_per_cluster: cx.nonneg(&t.weights.per_cluster, "two_level.weights.per_cluster"),
    }
}

fn studio_rules(
    cx: &mut Cx<'_>,
    s: &wire::StudiosIn,
    duty_idx: &Index,
    role_idx: &Index,
    group_idx: &Index,
    level_idx: &Index,
) -> StudioRules {
    let min_size = cx.uint(&s.min_size, "studios.min_size", 1);
    let max_size = cx.uint(&s.max_size, "studios.max_size", 1);
    if max_size < min_size {
        cx.err(
            Code::Inconsistent,
            s.max_size.span(),
            "studios.max_size",
            format!("studios.max_size ({max_size}) is below studios.min_size ({min_size})"),
            format!("工作室人数上限（{max_size}）小于下限（{min_size}）"),
            "make max_size at least min_size / 上限不能小于下限".into(),
        );
    }
    let min_backbone = cx.uint(&s.min_backbone, "studios.min_backbone", 0);
    if min_backbone + 1 > max_size {
        cx.err(
            Code::Inconsistent,
            s.min_backbone.span(),
            "studios.min_backbone",
            format!("a lead plus {min_backbone} backbone members do not fit in max_size {max_size}"),
            format!("负责人加 {min_backbone} 名骨干超过工作室人数上限 {max_size}"),
            "lower studios.min_backbone or raise studios.max_size / 请降低骨干人数下限或提高人数上限".into(),
        );
    }
    let new_group = cx.reference(
        &s.new_counselor_group,
        "studios.new_counselor_group",
        "group",
        "群体",
        group_idx,
    );
    let min_title_level = cx.reference(
        &s.lead.min_title_level,
        "studios.lead.min_title_level",
        "title level",
        "职称级别",
        level_idx,
    );
    let wt = &s.weights;
    StudioRules {
        duties: cx.refs(&s.duties, "studios.duties", "duty", "职责", duty_idx),
        member_roles: cx.refs(
            &s.member_roles,
            "studios.member_roles",
            "role",
            "岗位",
            role_idx,
        ),
        min_size,
        max_size,
        max_per_college: cx.uint(&s.max_per_college, "studios.max_per_college", 1),
        max_studios_per_person: cx.uint(
            &s.max_studios_per_person,
            "studios.max_studios_per_person",
            1,
        ),
        min_backbone,
        new_counselor_group: new_group.unwrap_or(0),
        lead: LeadRule {
            min_years_as_counselor: cx.uint(
                &s.lead.min_years_as_counselor,
                "studios.lead.min_years_as_counselor",
                0,
            ),
            min_title_level: min_title_level.unwrap_or(0),
            title_waivable: s.lead.title_waivable,
            title_waiver_cost: s
                .lead
                .title_waiver_cost
                .as_ref()
                .map_or(0.0, |v| cx.nonneg(v, "studios.lead.title_waiver_cost")),
            honor_required: s.lead.honor_required,
            roles: cx.refs(
                &s.lead.roles,
                "studios.lead.roles",
                "role",
                "岗位",
                role_idx,
            ),
        },
        backbone: BackboneRule {
            min_years_as_counselor: cx.uint(
                &s.backbone.min_years_as_counselor,
                "studios.backbone.min_years_as_counselor",
                0,
            ),
            roles: cx.refs(
                &s.backbone.roles,
                "studios.backbone.roles",
                "role",
                "岗位",
                role_idx,
            ),
        },
        weights: StudioWeights {
            specialty_match: cx.nonneg(&wt.specialty_match, "studios.weights.specialty_match"),
            new_by_specialty: cx.nonneg(&wt.new_by_specialty, "studios.weights.new_by_specialty"),
            backbone: cx.nonneg(&wt.backbone, "studios.weights.backbone"),
            lead_seniority: cx.nonneg(&wt.lead_seniority, "studios.weights.lead_seniority"),
            college_spread: cx.nonneg(&wt.college_spread, "studios.weights.college_spread"),
            member: cx.nonneg(&wt.member, "studios.weights.member"),
        },
    }
}

fn calendar_rules(cx: &mut Cx<'_>, c: &wire::CalendarRulesIn) -> CalendarRules {
    let slot_idx = index_ids(
        cx,
        "calendar.slots",
        c.slots.iter().map(|s| (&s.id, vec![])),
    );
    drop(slot_idx);
    let mut time = |v: &SStr, key: &str| -> NaiveTime {
        NaiveTime::parse_from_str(v.get_ref(), "%H:%M").unwrap_or_else(|_| {
            cx.err(
                Code::InvalidValue,
                v.span(),
                key,
                format!("`{}` is not a time", v.get_ref()),
                format!("“{}”不是时间", v.get_ref()),
                "write times as HH:MM, e.g. 08:30 / 时间请写成 08:30".into(),
            );
            NaiveTime::MIN
        })
    };
    let mut slots = Vec::new();
    for s in &c.slots {
        let start = time(&s.start, "calendar.slots.start");
        let end = time(&s.end, "calendar.slots.end");
        slots.push((s, start, end));
    }
    let mut out = Vec::new();
    let mut prev_end: Option<NaiveTime> = None;
    for (s, start, end) in slots {
        if end <= start {
            cx.err(
                Code::EndBeforeStart,
                s.end.span(),
                "calendar.slots.end",
                format!(
                    "slot `{}` ends at {end} before it starts at {start}",
                    s.id.get_ref()
                ),
                format!("时段“{}”结束时间早于开始时间", s.zh),
                "make end later than start / 结束时间应晚于开始时间".into(),
            );
        }
        if prev_end.is_some_and(|p| start < p) {
            cx.err(
                Code::Inconsistent,
                s.start.span(),
                "calendar.slots.start",
                format!(
                    "slot `{}` starts before the previous slot ends",
                    s.id.get_ref()
                ),
                format!("时段“{}”与前一时段重叠", s.zh),
                "list slots in time order without overlap / 请按时间顺序列出且不重叠".into(),
            );
        }
        prev_end = Some(end);
        out.push(Slot {
            id: s.id.get_ref().clone(),
            zh: s.zh.clone(),
            start,
            end,
        });
    }
    if out.is_empty() {
        cx.missing(
            "calendar.slots",
            "calendar.slots is empty".into(),
            "calendar.slots 为空".into(),
            "define at least one half-day slot / 请至少定义一个时段".into(),
        );
    }
    CalendarRules {
        allow_weekends: c.allow_weekends,
        allow_holidays: c.allow_holidays,
        allow_exam_weeks: c.allow_exam_weeks,
        slots: out,
        max_sessions_per_person_per_week: cx.uint(
            &c.max_sessions_per_person_per_week,
            "calendar.max_sessions_per_person_per_week",
            1,
        ),
        camp_window_weeks: cx.uint(&c.camp_window_weeks, "calendar.camp_window_weeks", 1),
        max_sessions_per_speaker: c
            .max_sessions_per_speaker
            .as_ref()
            .map(|v| cx.uint(v, "calendar.max_sessions_per_speaker", 1)),
    }
}

/// Validate a scenario against validated rules. `people_file` is where the people's spans point.
pub fn scenario(
    sources: &Sources,
    file: FileId,
    w: &wire::ScenarioFile,
    rules: &Rules,
    broken: &BTreeSet<String>,
    diags: &mut Diags,
) -> Option<Scenario> {
    scenario_with(sources, file, w, Some(rules), broken, diags)
}

/// Validate a scenario; without `rules` (when the rules file could not be read), every check that
/// does not need them still runs (dates, ids, campuses, colleges, money), so one run still lists
/// the scenario's own problems. The result is `Some` only with rules and without problems.
pub fn scenario_with(
    sources: &Sources,
    file: FileId,
    w: &wire::ScenarioFile,
    rules: Option<&Rules>,
    broken: &BTreeSet<String>,
    diags: &mut Diags,
) -> Option<Scenario> {
    let before = diags.len();
    let mut cx = Cx {
        sources,
        diags,
        file,
        broken,
    };
    let cx = &mut cx;

    let semester = w.semester.as_ref().and_then(|s| semester(cx, s));
    let in_sem = |cx: &mut Cx<'_>, d: Option<NaiveDate>, v: &SDate, key: &str| {
        if let (Some(d), Some(s)) = (d, &semester)
            && (d < s.start || d > s.end)
        {
            cx.err(
                Code::BadDate,
                v.span(),
                key,
                format!("{d} is outside the semester ({} to {})", s.start, s.end),
                format!("{d} 不在本学期内（{} 至 {}）", s.start, s.end),
                "use a date inside [semester] start..end, or move the semester / 请使用学期内的日期".into(),
            );
            return None;
        }
        d
    };

    let campus_idx = index_ids(
        cx,
        "campuses",
        w.campuses.iter().map(|c| (&c.id, vec![c.name.as_str()])),
    );
    let campuses: Vec<Campus> = w
        .campuses
        .iter()
        .map(|c| Campus {
            id: c.id.get_ref().clone(),
            name: c.name.clone(),
        })
        .collect();
    let n = campuses.len();
    let mut travel_minutes = vec![vec![None; n]; n];
    let mut travel_cost = vec![vec![0.0; n]; n];
    for (i, row) in travel_minutes.iter_mut().enumerate() {
        row[i] = Some(0.0);
    }
    for t in &w.travel {
        let a = cx.reference(&t.from, "travel.from", "campus", "校区", &campus_idx);
        let b = cx.reference(&t.to, "travel.to", "campus", "校区", &campus_idx);
        let m = cx.nonneg(&t.minutes, "travel.minutes");
        let c = t
            .cost_per_person
            .as_ref()
            .map_or(0.0, |v| cx.nonneg(v, "travel.cost_per_person"));
        if let (Some(a), Some(b)) = (a, b) {
            travel_minutes[a][b] = Some(m);
            travel_minutes[b][a] = Some(m);
            travel_cost[a][b] = c;
            travel_cost[b][a] = c;
        }
    }

    let college_idx = index_ids(
        cx,
        "colleges",
        w.colleges
            .iter()
            .map(|c| (&c.id, vec![c.name.get_ref().as_str()])),
    );
    let colleges: Vec<College> = w
        .colleges
        .iter()
        .map(|c| College {
            id: c.id.get_ref().clone(),
            name: c.name.get_ref().clone(),
            campus: cx
                .reference(&c.campus, "colleges.campus", "campus", "校区", &campus_idx)
                .unwrap_or(0),
            discipline: c.discipline.get_ref().clone(),
            stage: c.stage.get_ref().clone(),
        })
        .collect();

    let venue_idx = index_ids(cx, "venues", w.venues.iter().map(|v| (&v.id, vec![])));
    drop(venue_idx);
    let venues: Vec<Venue> = w
        .venues
        .iter()
        .map(|v| Venue {
            id: v.id.get_ref().clone(),
            name: v.name.clone(),
            campus: cx
                .reference(&v.campus, "venues.campus", "campus", "校区", &campus_idx)
                .unwrap_or(0),
            capacity: cx.uint(&v.capacity, "venues.capacity", 1),
            cost: v.cost.as_ref().map_or(0.0, |c| cx.nonneg(c, "venues.cost")),
        })
        .collect();

    let duty_idx = match rules {
        Some(r) => rule_index(
            r.duties
                .iter()
                .map(|d| (d.id.as_str(), vec![d.zh.as_str()])),
        ),
        None => Index {
            unknown: true,
            ..Index::default()
        },
    };
    let speaker_idx = index_ids(cx, "speakers", w.speakers.iter().map(|s| (&s.id, vec![])));
    drop(speaker_idx);
    let mut speakers = Vec::new();
    for s in &w.speakers {
        let level = cx.word(
            &s.level,
            "speakers.level",
            &["internal", "provincial", "national"],
            SpeakerLevel::parse,
        );
        let kind = cx.word(
            &s.kind,
            "speakers.kind",
            &["role_model", "expert"],
            |k| match k {
                "role_model" => Some(true),
                "expert" => Some(false),
                _ => None,
            },
        );
        let fee = cx.nonneg(&s.fee, "speakers.fee");
        let duties = cx.refs(&s.duties, "speakers.duties", "duty", "职责", &duty_idx);
        let mut dates: Vec<NaiveDate> = s
            .dates
            .iter()
            .filter_map(|d| {
                let x = cx.date(d, "speakers.dates");
                in_sem(cx, x, d, "speakers.dates")
            })
            .collect();
        dates.sort_unstable();
        dates.dedup();
        speakers.push(Speaker {
            id: s.id.get_ref().clone(),
            name: s.name.clone(),
            level: level.unwrap_or(SpeakerLevel::Internal),
            role_model: kind.unwrap_or(false),
            note: s.note.clone().unwrap_or_default(),
            fee,
            duties,
            dates,
        });
    }

    let visit_idx = index_ids(cx, "visits", w.visits.iter().map(|v| (&v.id, vec![])));
    drop(visit_idx);
    let visits: Vec<Visit> = w
        .visits
        .iter()
        .map(|v| {
            let mut dates: Vec<NaiveDate> = v
                .dates
                .iter()
                .filter_map(|d| {
                    let x = cx.date(d, "visits.dates");
                    in_sem(cx, x, d, "visits.dates")
                })
                .collect();
            dates.sort_unstable();
            dates.dedup();
            Visit {
                id: v.id.get_ref().clone(),
                name: v.name.clone(),
                city: v.city.clone(),
                duties: cx.refs(&v.duties, "visits.duties", "duty", "职责", &duty_idx),
                cost_per_person: cx.nonneg(&v.cost_per_person, "visits.cost_per_person"),
                travel_minutes: cx.nonneg(&v.travel_minutes, "visits.travel_minutes"),
                max_attendees: cx.uint(&v.max_attendees, "visits.max_attendees", 1),
                dates,
            }
        })
        .collect();

    let course_idx = index_ids(
        cx,
        "online_courses",
        w.online_courses.iter().map(|c| (&c.id, vec![])),
    );
    drop(course_idx);
    let online_courses: Vec<OnlineCourse> = w
        .online_courses
        .iter()
        .map(|c| {
            let from = cx.date(&c.open_from, "online_courses.open_from");
            let to = cx.date(&c.open_to, "online_courses.open_to");
            if let (Some(f), Some(t)) = (from, to)
                && t < f
            {
                cx.err(
                    Code::EndBeforeStart,
                    c.open_to.span(),
                    "online_courses.open_to",
                    format!(
                        "course `{}` closes on {t}, before it opens on {f}",
                        c.id.get_ref()
                    ),
                    format!("课程“{}”关闭日期早于开放日期", c.name),
                    "make open_to the same as or later than open_from / 关闭日期不能早于开放日期"
                        .into(),
                );
            }
            let from = in_sem(cx, from, &c.open_from, "online_courses.open_from");
            let to = in_sem(cx, to, &c.open_to, "online_courses.open_to");
            OnlineCourse {
                id: c.id.get_ref().clone(),
                name: c.name.clone(),
                provider: c.provider.clone(),
                duties: cx.refs(
                    &c.duties,
                    "online_courses.duties",
                    "duty",
                    "职责",
                    &duty_idx,
                ),
                cost_per_person: c
                    .cost_per_person
                    .as_ref()
                    .map_or(0.0, |v| cx.nonneg(v, "online_courses.cost_per_person")),
                open_from: from.unwrap_or(NaiveDate::MIN),
                open_to: to.unwrap_or(NaiveDate::MIN),
            }
        })
        .collect();

    // A missing or unreadable [funds] was reported when the file was read.
    let funds_total = w
        .funds
        .as_ref()
        .map_or(0.0, |f| cx.nonneg(&f.total, "funds.total"));

    // people: their spans point into the roster when there is one
    let people_cx_file = w.people_file;
    let saved = cx.file;
    cx.file = people_cx_file;
    let person_idx = index_ids(cx, "people", w.people.iter().map(|p| (&p.id, vec![])));
    drop(person_idx);
    let role_idx = match rules {
        Some(r) => rule_index(r.roles.iter().map(|r| (r.id.as_str(), vec![r.zh.as_str()]))),
        None => Index {
            unknown: true,
            ..Index::default()
        },
    };
    let sem_start = semester.as_ref().map(|s| s.start);
    let sem_end = semester.as_ref().map(|s| s.end);
    let mut people = Vec::new();
    for p in &w.people {
        let first = cx.diags.len();
        people.push(person(
            cx,
            p,
            rules,
            &college_idx,
            &role_idx,
            &duty_idx,
            sem_start,
            sem_end,
        ));
        // Name the person in each of their problems: a roster line alone is hard to recognise.
        let (id, name) = (p.id.get_ref().trim(), p.name.get_ref().trim());
        for d in &mut cx.diags.items[first..] {
            d.en = format!("person `{id}` ({name}): {}", d.en);
            d.zh = format!("人员 {id}（{name}）：{}", d.zh);
        }
    }
    cx.file = saved;
    let roster_named = w.meta.as_ref().is_some_and(|m| m.roster.is_some());
    let roster_read = w.people_file != file;
    if w.people.is_empty() && broken.is_empty() {
        if roster_read {
            cx.file = w.people_file;
            cx.missing(
                "people",
                "the roster lists no staff (only a header row, or no rows at all)".into(),
                "名单中没有任何人员".into(),
                "add one row per person below the header row / 请在标题行下方每行填写一名人员"
                    .into(),
            );
            cx.file = saved;
        } else if !roster_named {
            cx.missing(
                "people",
                "the scenario has no staff (no [[people]] and no roster)".into(),
                "场景中没有人员（既无 [[people]] 也无名单文件）".into(),
                "add `roster = \"staff.csv\"` under [meta] or [[people]] entries / 请在 [meta] 中指定 roster 或添加 [[people]]".into(),
            );
        }
        // A roster that is named but could not be read was reported when reading it.
    }

    if cx.diags.len() > before {
        return None;
    }
    let meta = w.meta.as_ref()?;
    rules?;
    Some(Scenario {
        id: meta.id.get_ref().clone(),
        name: meta.name.clone(),
        semester: semester?,
        campuses,
        travel_minutes,
        travel_cost,
        colleges,
        venues,
        speakers,
        visits,
        online_courses,
        funds_total,
        people,
    })
}

fn rule_index<'x>(items: impl Iterator<Item = (&'x str, Vec<&'x str>)>) -> Index {
    let mut idx = Index::default();
    for (i, (id, aliases)) in items.enumerate() {
        idx.map.insert(id.to_string(), i);
        idx.ids.push(id.to_string());
        for a in aliases {
            idx.map.entry(a.to_string()).or_insert(i);
        }
    }
    idx
}

fn semester(cx: &mut Cx<'_>, s: &wire::SemesterIn) -> Option<Semester> {
    let start = cx.date(&s.start, "semester.start");
    let end = cx.date(&s.end, "semester.end");
    let (start, end) = (start?, end?);
    if end < start {
        cx.err(
            Code::EndBeforeStart,
            s.end.span(),
            "semester.end",
            format!("the semester ends on {end}, before it starts on {start}"),
            format!("学期结束日期 {end} 早于开始日期 {start}"),
            "swap start and end, or correct the year / 请交换开始与结束日期或更正年份".into(),
        );
        return None;
    }
    let range = |cx: &mut Cx<'_>, r: &wire::RangeIn, key: &str| -> Option<DateRange> {
        let a = cx.date(&r.start, &format!("{key}.start"))?;
        let b = cx.date(&r.end, &format!("{key}.end"))?;
        if b < a {
            cx.err(
                Code::EndBeforeStart,
                r.end.span(),
                &format!("{key}.end"),
                format!("range ends on {b}, before it starts on {a}"),
                format!("结束日期 {b} 早于开始日期 {a}"),
                "make end the same as or later than start / 结束日期不能早于开始日期".into(),
            );
            return None;
        }
        if b < start || a > end {
            cx.err(
                Code::BadDate,
                r.start.span(),
                &format!("{key}.start"),
                format!("{a} to {b} lies outside the semester ({start} to {end})"),
                format!("{a} 至 {b} 不在本学期内（{start} 至 {end}）"),
                "remove it or correct the dates / 请删除或更正日期".into(),
            );
            return None;
        }
        Some(DateRange {
            name: r.name.clone().unwrap_or_default(),
            start: a,
            end: b,
        })
    };
    let holidays: Vec<DateRange> = s
        .holidays
        .iter()
        .filter_map(|r| range(cx, r, "semester.holidays"))
        .collect();
    let exam_weeks: Vec<DateRange> = s
        .exam_weeks
        .iter()
        .filter_map(|r| range(cx, r, "semester.exam_weeks"))
        .collect();
    let mut makeup = Vec::new();
    for v in &s.makeup_workdays {
        let Some(d) = cx.date(v, "semester.makeup_workdays") else {
            continue;
        };
        if d < start || d > end {
            cx.err(
                Code::BadDate,
                v.span(),
                "semester.makeup_workdays",
                format!("{d} is outside the semester ({start} to {end})"),
                format!("{d} 不在本学期内（{start} 至 {end}）"),
                "remove it or correct the date / 请删除或更正日期".into(),
            );
            continue;
        }
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            cx.err(
                Code::BadDate,
                v.span(),
                "semester.makeup_workdays",
                format!("{d} is a {}, not a weekend day; a make-up workday (调休上班) is a Saturday or Sunday", d.format("%A")),
                format!("{d} 是{}，不是周末；调休上班日应为周六或周日", WEEKDAY_ZH[d.weekday().num_days_from_monday() as usize]),
                "remove it, or use the Saturday/Sunday that the State Council's holiday table for the year names as a workday / 请删除，或按国务院当年节假日安排填写调休上班的周六或周日".into(),
            );
            continue;
        }
        makeup.push(d);
    }
    makeup.sort_unstable();
    makeup.dedup();
    Some(Semester {
        name: s.name.clone(),
        start,
        end,
        holidays,
        makeup_workdays: makeup,
        exam_weeks,
    })
}

/// Chinese weekday names, Monday first.
const WEEKDAY_ZH: [&str; 7] = [
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
];

#[allow(clippy::too_many_arguments)]
fn person(
    cx: &mut Cx<'_>,
    p: &wire::PersonIn,
    rules: Option<&Rules>,
    college_idx: &Index,
    role_idx: &Index,
    duty_idx: &Index,
    sem_start: Option<NaiveDate>,
    sem_end: Option<NaiveDate>,
) -> Person {
    let college = p
        .college
        .as_ref()
        .filter(|c| !c.get_ref().trim().is_empty())
        .and_then(|c| cx.reference(c, "people.college", "college", "学院", college_idx));
    let role = cx
        .reference(&p.role, "people.role", "role", "岗位", role_idx)
        .unwrap_or(0);
    let hired = cx.date(&p.hired, "people.hired");
    if let (Some(h), Some(e)) = (hired, sem_end)
        && h > e
    {
        cx.err(
            Code::BadDate,
            p.hired.span(),
            "people.hired",
            format!("hired on {h}, after the semester ends ({e})"),
            format!("入职日期 {h} 晚于学期结束日期 {e}"),
            "correct the hire date, or leave the person out of this semester / 请更正入职日期"
                .into(),
        );
    }
    let since = p.counselor_since.as_ref().and_then(|v| {
        let d = cx.date(v, "people.counselor_since")?;
        if let Some(s) = sem_start
            && d > s
            && hired.is_some_and(|h| d > h)
        {
            cx.err(
                Code::BadDate,
                v.span(),
                "people.counselor_since",
                format!("counselor work starts on {d}, after the semester begins ({s})"),
                format!("从事辅导员工作时间 {d} 晚于学期开始日期 {s}"),
                "use the date the person began counselor work / 请填写开始从事辅导员工作的日期"
                    .into(),
            );
        }
        Some(d)
    });
    let is_counselor = rules
        .and_then(|r| r.roles.get(role))
        .is_some_and(|r| r.is_counselor);
    let counselor_since = since.or(if is_counselor { hired } else { None });
    let (title, title_level) = match &p.title {
        Some(t) if !t.get_ref().trim().is_empty() && !NO_TITLE.contains(&t.get_ref().trim()) => {
            let lvl = rules.and_then(|r| r.title_level(t.get_ref()));
            if let (Some(rules), None) = (rules, lvl) {
                let known: Vec<String> = rules
                    .title_levels
                    .iter()
                    .map(|l| {
                        let more = if l.titles.len() > 4 { "/…" } else { "" };
                        format!(
                            "{}: {}{more}",
                            l.zh,
                            l.titles
                                .iter()
                                .take(4)
                                .cloned()
                                .collect::<Vec<_>>()
                                .join("/")
                        )
                    })
                    .collect();
                cx.err(
                    Code::UnknownTitle,
                    t.span(),
                    "people.title",
                    format!("title `{}` is not on the title ladder", t.get_ref()),
                    format!("职称“{}”不在职称序列中", t.get_ref()),
                    format!(
                        "use a title from title_levels in the rules ({}; a suffix like 讲师（思政） is fine), or add it there / 请使用职称序列中的职称，或在规则文件中补充",
                        known.join("; ")
                    ),
                );
            }
            (t.get_ref().trim().to_string(), lvl)
        }
        _ => (String::new(), None),
    };
    Person {
        id: p.id.get_ref().trim().to_string(),
        name: p.name.get_ref().trim().to_string(),
        college,
        role,
        hired: hired.unwrap_or(NaiveDate::MIN),
        counselor_since,
        title,
        title_level,
        honors: p
            .honors
            .iter()
            .map(|h| h.get_ref().trim().to_string())
            .filter(|h| !h.is_empty() && !NO_TITLE.contains(&h.as_str()))
            .collect(),
        specialties: cx.refs(
            &p.specialties,
            "people.specialties",
            "duty",
            "职责",
            duty_idx,
        ),
    }
}
