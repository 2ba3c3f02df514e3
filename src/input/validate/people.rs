//! `[[people]]` or the roster: the staff — college, role, dates, title, honours, specialties.
//! Their spans point into the roster file when there is one.

use chrono::NaiveDate;

use crate::domain::{NO_TITLE, Person, Rules, Semester};
use crate::input::diag::Code;
use crate::wire;

use super::{Cx, Index, index_ids, rule_index};

/// The people; each of their problems names the person. Reports a scenario without any staff.
pub(super) fn people(
    cx: &mut Cx<'_>,
    w: &wire::ScenarioFile,
    rules: Option<&Rules>,
    college_idx: &Index,
    duty_idx: &Index,
    semester: Option<&Semester>,
) -> Vec<Person> {
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
    let sem_start = semester.map(|s| s.start);
    let sem_end = semester.map(|s| s.end);
    let mut people = Vec::new();
    for p in &w.people {
        let first = cx.diags.len();
        people.push(person(
            cx,
            p,
            rules,
            college_idx,
            &role_idx,
            duty_idx,
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
    let roster_read = w.people_file != saved;
    if w.people.is_empty() && cx.broken.is_empty() {
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
    people
}

/// One person; without `rules` their role, counselor status and title level are not known.
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
    let left = p.left.as_ref().and_then(|v| {
        let d = cx.date(v, "people.left")?;
        if let Some(h) = hired
            && d < h
        {
            cx.err(
                Code::BadDate,
                v.span(),
                "people.left",
                format!("leaves on {d}, before the hire date {h}"),
                format!("离职日期 {d} 早于入职日期 {h}"),
                "correct the leaving date, or leave the cell empty / 请更正离职日期，或留空".into(),
            );
        }
        Some(d)
    });
    let mut unavailable: Vec<NaiveDate> = p
        .unavailable
        .iter()
        .filter_map(|v| cx.date(v, "people.unavailable"))
        .collect();
    unavailable.sort_unstable();
    unavailable.dedup();
    let last_external = p
        .last_external
        .as_ref()
        .and_then(|v| cx.date(v, "people.last_external"));
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
        counselor_since_month_only: p.counselor_since_month_only && since.is_some(),
        counselor_since,
        left,
        unavailable,
        last_external,
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
