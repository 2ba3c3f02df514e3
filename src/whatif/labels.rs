//! A varied id in the office's words, for headers, axes and sentences: `funds.total` is
//! “专项经费总额（元） / the semester's training fund (yuan)”, `session_kinds.special_invite.
//! max_per_semester` is “专家专题培训 每学期最多场次 / 专家专题培训: most sessions a semester”.
//! (`travel.<n>` entries have no name of their own and are shown as their id.)
//!
//! Decides the words of every id `fudao whatif --list` offers: a section's scalar by its path, an
//! entry's field by the entry's name from the inputs (a session kind's, a speaker's, a venue's
//! Chinese name as written) and the field's words. An id with no words here is shown as itself.

use serde::{Deserialize, Serialize};

use crate::domain::Inputs;

/// An id in words.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Label {
    /// The id (`funds.total`).
    pub id: String,
    /// Chinese words, with the unit (`专项经费总额（元）`).
    pub zh: String,
    /// English words, with the unit.
    pub en: String,
}

impl Label {
    /// `中文 English`, or the id alone when there are no words.
    pub fn both(&self) -> String {
        if self.zh.is_empty() {
            self.id.clone()
        } else {
            format!("{} {}", self.zh, self.en)
        }
    }
}

/// Scalars: (id, zh, en).
const SCALARS: &[(&str, &str, &str)] = &[
    (
        "funds.total",
        "专项经费总额（元）",
        "the semester's training fund (yuan)",
    ),
    (
        "two_level.independent_min",
        "单独培训门槛（专职辅导员人数）",
        "threshold to train alone (full-time counselors)",
    ),
    (
        "two_level.max_cluster_colleges",
        "联合组最多学院数",
        "most colleges in a joint cluster",
    ),
    (
        "two_level.max_travel_minutes",
        "联合培训最长单程（分钟）",
        "longest one-way trip within a joint cluster (minutes)",
    ),
    (
        "two_level.weights.travel_per_minute",
        "联合分组：每分钟路程的代价",
        "joint clusters: cost per minute of travel",
    ),
    (
        "two_level.weights.discipline_mismatch",
        "联合分组：学科不同的代价",
        "joint clusters: cost per pair of different disciplines",
    ),
    (
        "two_level.weights.stage_mismatch",
        "联合分组：学段不同的代价",
        "joint clusters: cost per pair of different student stages",
    ),
    (
        "two_level.weights.per_cluster",
        "联合分组：每个联合组的代价",
        "joint clusters: cost per cluster",
    ),
    (
        "studios.min_size",
        "工作室最少人数",
        "smallest studio team (people)",
    ),
    (
        "studios.max_size",
        "工作室最多人数",
        "largest studio team (people)",
    ),
    (
        "studios.max_per_college",
        "一个工作室中同一学院最多人数",
        "most members of one college in a studio",
    ),
    (
        "studios.max_studios_per_person",
        "每人最多参加工作室数",
        "most studios per person",
    ),
    (
        "studios.min_backbone",
        "工作室最少骨干人数",
        "fewest backbone members per studio",
    ),
    (
        "studios.lead.min_years_as_counselor",
        "工作室负责人最低辅导员工作年限（年）",
        "studio lead: fewest years as a counselor",
    ),
    (
        "studios.lead.title_waiver_cost",
        "工作室负责人职称破格的代价",
        "studio lead: cost of waiving the title level",
    ),
    (
        "studios.backbone.min_years_as_counselor",
        "工作室骨干最低辅导员工作年限（年）",
        "studio backbone: fewest years as a counselor",
    ),
    (
        "budget.school_share",
        "校级经费占比",
        "school-level share of the fund",
    ),
    (
        "budget.college_floor",
        "每个学院经费保底（元）",
        "floor of each college fund (yuan)",
    ),
    (
        "budget.execution_target",
        "经费执行率目标",
        "spending target (share of each fund)",
    ),
    (
        "calendar.max_sessions_per_person_per_week",
        "每人每周最多场次",
        "most sessions per person a week",
    ),
    (
        "calendar.camp_window_weeks",
        "训练营安排在考试前的周数",
        "weeks before the exams that hold the camp",
    ),
    (
        "calendar.max_sessions_per_speaker",
        "每位主讲人每学期最多场次",
        "most sessions per speaker a semester",
    ),
    ("plan.hour_value", "每学时的价值", "value per hour attended"),
    (
        "plan.max_valued_hours_per_duty",
        "每项职责计入价值的最多学时",
        "most hours valued per duty",
    ),
    (
        "plan.duty_value",
        "每人每项职责的价值",
        "value per person and duty attended",
    ),
    (
        "plan.priority_weight",
        "重点职责的倍数",
        "weight of priority duties",
    ),
    ("plan.cost_weight", "每元支出的代价", "cost per yuan spent"),
    (
        "plan.travel_weight",
        "每人每分钟路程的代价",
        "cost per minute of travel per attendee",
    ),
    (
        "plan.bunching_penalty",
        "同组同周多场的代价",
        "cost of a group's extra session in one week",
    ),
    (
        "plan.semesters_per_year",
        "每学年学期数",
        "semesters a year",
    ),
];

/// Fields of entries: (field, zh, en).
const FIELDS: &[(&str, &str, &str)] = &[
    (
        "max_per_semester",
        "每学期最多场次",
        "most sessions a semester",
    ),
    ("per_semester", "每学期场次", "sessions a semester"),
    (
        "per_unit_min",
        "每个培训单位最少场次",
        "fewest sessions per training unit",
    ),
    (
        "per_unit_max",
        "每个培训单位最多场次",
        "most sessions per training unit",
    ),
    ("per_month", "每月场次", "sessions a month"),
    (
        "per_month_min_days",
        "计为一个月的最少可用天数",
        "fewest usable days that make a month",
    ),
    (
        "min_days_apart",
        "两场最少间隔（天）",
        "fewest days between two sessions",
    ),
    (
        "max_days_apart",
        "两场最多间隔（天）",
        "most days between two sessions",
    ),
    (
        "max_attendees",
        "每场最多人数",
        "most attendees per session",
    ),
    ("slots", "半天时段数", "half-day slots"),
    ("hours", "学时", "hours"),
    (
        "fixed_cost",
        "每场固定费用（元）",
        "fixed cost per session (yuan)",
    ),
    (
        "per_attendee_cost",
        "每人费用（元）",
        "cost per attendee (yuan)",
    ),
    (
        "max_hours_per_semester",
        "每学期最多学时",
        "most hours a semester",
    ),
    (
        "max_months_since_hire",
        "入职最多月数",
        "most months since hire",
    ),
    (
        "min_years_as_counselor",
        "最低辅导员工作年限（年）",
        "fewest years as a counselor",
    ),
    ("rank", "级别序号", "rank"),
    ("no", "序号", "number"),
    ("minutes", "单程（分钟）", "one-way trip (minutes)"),
    (
        "cost_per_person",
        "每人费用（元）",
        "cost per person (yuan)",
    ),
    ("travel_minutes", "路程（分钟）", "travel (minutes)"),
    ("capacity", "容量（人）", "capacity (people)"),
    ("cost", "每半天费用（元）", "cost per half day (yuan)"),
    ("fee", "每场酬金（元）", "fee per session (yuan)"),
];

/// Speaker standings (`plan.speaker_value.<standing>`).
const STANDINGS: &[(&str, &str, &str)] = &[
    ("internal", "校内", "internal"),
    ("provincial", "省级", "provincial"),
    ("national", "国家级", "national"),
];

fn entry_name(inputs: &Inputs, section: &str, key: &str) -> Option<String> {
    let r = &inputs.rules;
    let sc = &inputs.scenario;
    fn named<'a>(mut it: impl Iterator<Item = (&'a str, &'a str)>, key: &str) -> Option<String> {
        it.find(|(id, _)| *id == key).map(|(_, n)| n.to_string())
    }
    match section {
        "duties" => named(r.duties.iter().map(|d| (d.id.as_str(), d.zh.as_str())), key),
        "groups" => named(r.groups.iter().map(|g| (g.id.as_str(), g.zh.as_str())), key),
        "session_kinds" => named(
            r.session_kinds
                .iter()
                .map(|k| (k.id.as_str(), k.zh.as_str())),
            key,
        ),
        "title_levels" => named(
            r.title_levels
                .iter()
                .map(|t| (t.id.as_str(), t.zh.as_str())),
            key,
        ),
        "venues" => named(
            sc.venues.iter().map(|v| (v.id.as_str(), v.name.as_str())),
            key,
        ),
        "speakers" => named(
            sc.speakers.iter().map(|s| (s.id.as_str(), s.name.as_str())),
            key,
        ),
        "visits" => named(
            sc.visits.iter().map(|v| (v.id.as_str(), v.name.as_str())),
            key,
        ),
        "online_courses" => named(
            sc.online_courses
                .iter()
                .map(|o| (o.id.as_str(), o.name.as_str())),
            key,
        ),
        _ => None,
    }
}

/// The words of `id` (empty when none are known).
pub fn label(id: &str, inputs: &Inputs) -> Label {
    let words = |zh: String, en: String| Label {
        id: id.to_string(),
        zh,
        en,
    };
    if let Some((_, zh, en)) = SCALARS.iter().find(|(k, _, _)| *k == id) {
        return words((*zh).to_string(), (*en).to_string());
    }
    if let Some(standing) = id.strip_prefix("plan.speaker_value.")
        && let Some((_, zh, en)) = STANDINGS.iter().find(|(k, _, _)| *k == standing)
    {
        return words(
            format!("{zh}主讲人每场的价值"),
            format!("value of a session by a {en} speaker"),
        );
    }
    let parts: Vec<&str> = id.splitn(3, '.').collect();
    if let ["hour_targets", key, "hours"] = parts[..]
        && let Some(t) = inputs.rules.hour_targets.iter().find(|t| t.id == key)
        && let Some(g) = inputs.rules.groups.get(t.group)
    {
        return words(
            format!("{}学时目标（{key}，学时）", g.zh),
            format!("hour target of {} ({key}, hours)", g.zh),
        );
    }
    if let [section, key, field] = parts[..]
        && let Some(name) = entry_name(inputs, section, key)
        && let Some((_, zh, en)) = FIELDS.iter().find(|(f, _, _)| *f == field)
    {
        return words(format!("{name} {zh}"), format!("{name}: {en}"));
    }
    Label {
        id: id.to_string(),
        ..Label::default()
    }
}
