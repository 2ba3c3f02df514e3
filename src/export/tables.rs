//! The plan as six tables — sessions, attendance by person, studios, clusters, budget, coverage —
//! and, when the plan read the programme's record, up to three more — the record (培训记录), each
//! person's past semesters (个人档案) and the camp's results (训练营) —
//! shared by the Excel workbook ([`super::xlsx`]) and the CSV files ([`super::csv`]), so both hold
//! the same rows.
//!
//! Row counts, for tools that compare with `plan.json`: 日程 one row per session; 出勤 one row per
//! (person, session attended), people in plan order; 工作室 one row per studio member (lead,
//! backbone, members) and one row for an unstaffed studio; 联合培训 one row per college; 经费 one
//! row per fund; 覆盖 one row per (group, duty) cell of the plan's `coverage`; 培训记录 one row per
//! person the record bears on (a need, a yearly target with hours done, due for external training);
//! 个人档案 one row per (person on the staff, recorded semester before this one); 训练营 one row
//! per (group, duty) cell of the last camp.

use chrono::{NaiveDate, NaiveTime};

use super::Names;

/// One cell value, typed so that Excel gets real dates and numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number shown with one decimal (hours).
    Num(f64),
    /// Money: yuan with two decimals.
    Money(f64),
    /// A date.
    Date(NaiveDate),
    /// A time of day.
    Time(NaiveTime),
    /// Nothing.
    Empty,
}

impl Value {
    /// The value as CSV text (dates ISO 8601, money with two decimals, no thousands separators).
    pub fn csv_text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Num(x) => {
                let s = format!("{x:.2}");
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            }
            Value::Money(x) => format!("{:.2}", crate::wire::money(*x)),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Time(t) => t.format("%H:%M").to_string(),
            Value::Empty => String::new(),
        }
    }
}

fn text(s: impl Into<String>) -> Value {
    let s = s.into();
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s)
    }
}

/// A column: header and width (in Excel character units).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header.
    pub header: String,
    /// Width in characters (a CJK character counts two).
    pub width: f64,
}

/// One table of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Sheet name (`日程`, … or `Sessions`, … in English).
    pub sheet: String,
    /// File stem for the CSV (`sessions`, `attendance`, `studios`, `clusters`, `budget`,
    /// `coverage`).
    pub stem: &'static str,
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows, as long as `columns`.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    fn new(sheet: &str, stem: &'static str, cols: &[(&str, f64)]) -> Self {
        Self {
            sheet: sheet.to_string(),
            stem,
            columns: cols
                .iter()
                .map(|(h, w)| Column {
                    header: (*h).to_string(),
                    width: *w,
                })
                .collect(),
            rows: Vec::new(),
        }
    }
}

/// All the tables, in sheet order: six, then the record and the camp when the plan has them.
pub fn all(n: &Names) -> Vec<Table> {
    vec![
        sessions(n),
        attendance(n),
        studios(n),
        clusters(n),
        budget(n),
        coverage(n),
    ]
    .into_iter()
    .chain(record(n))
    .chain(history(n))
    .chain(camp(n))
    .collect()
}

/// 日程: one row per session.
pub fn sessions(n: &Names) -> Table {
    let mut t = Table::new(
        n.t("日程", "Sessions"),
        "sessions",
        &[
            (n.t("编号", "id"), 7.0),
            (n.t("日期", "date"), 12.0),
            (n.t("星期", "weekday"), 6.0),
            (n.t("时段", "slot"), 10.0),
            (n.t("开始", "start"), 7.0),
            (n.t("结束", "end"), 7.0),
            (n.t("活动", "kind"), 30.0),
            (n.t("平台", "platform"), 14.0),
            (n.t("级别", "level"), 6.0),
            (n.t("职责", "duty"), 26.0),
            (n.t("对象", "audience"), 40.0),
            (n.t("人数", "attendees"), 6.0),
            (n.t("地点", "location"), 30.0),
            (n.t("主讲/考察单位/课程", "speaker/host/course"), 34.0),
            (n.t("学时", "hours"), 6.0),
            (n.t("费用（元）", "cost (yuan)"), 12.0),
            (n.t("经费来源", "fund"), 28.0),
            (n.t("环节", "segments"), 40.0),
        ],
    );
    for s in &n.plan.sessions {
        let times = n.times(s);
        t.rows.push(vec![
            text(&s.id),
            n.date(s).map_or_else(|| text(&s.date), Value::Date),
            text(n.date(s).map_or("", |d| n.weekday(d))),
            text(n.slot_names(s)),
            times.map_or(Value::Empty, |(a, _)| Value::Time(a.time())),
            times.map_or(Value::Empty, |(_, b)| Value::Time(b.time())),
            text(n.kind(&s.kind)),
            text(n.platform(&s.platform)),
            text(n.level(&s.level)),
            text(n.duty(s.duty.as_deref())),
            text(n.audience(s)),
            Value::Int(s.attendees.len() as i64),
            text(n.location(s)),
            text(n.speaker(s)),
            Value::Num(s.hours),
            Value::Money(s.cost),
            text(n.fund(&s.fund)),
            text(s.segments.join(n.t("；", "; "))),
        ]);
    }
    t
}

/// 出勤: one row per person and session attended.
pub fn attendance(n: &Names) -> Table {
    let mut t = Table::new(
        n.t("出勤", "Attendance"),
        "attendance",
        &[
            (n.t("工号", "person id"), 10.0),
            (n.t("姓名", "name"), 10.0),
            (n.t("学院", "college"), 22.0),
            (n.t("编号", "session"), 7.0),
            (n.t("日期", "date"), 12.0),
            (n.t("时段", "slot"), 10.0),
            (n.t("活动", "kind"), 30.0),
            (n.t("职责", "duty"), 26.0),
            (n.t("地点", "location"), 30.0),
            (n.t("学时", "hours"), 6.0),
        ],
    );
    for p in &n.plan.people {
        for s in n.sessions_of(&p.id) {
            t.rows.push(vec![
                text(&p.id),
                text(&p.name),
                text(n.person_college(&p.id)),
                text(&s.id),
                n.date(s).map_or_else(|| text(&s.date), Value::Date),
                text(n.slot_names(s)),
                text(n.kind(&s.kind)),
                text(n.duty(s.duty.as_deref())),
                text(n.location(s)),
                Value::Num(s.hours),
            ]);
        }
    }
    t
}

/// 工作室: one row per studio member; an unstaffed studio has one row saying so.
pub fn studios(n: &Names) -> Table {
    let mut t = Table::new(
        n.t("工作室", "Studios"),
        "studios",
        &[
            (n.t("工作室（职责）", "studio (duty)"), 26.0),
            (n.t("角色", "role"), 10.0),
            (n.t("工号", "person id"), 10.0),
            (n.t("姓名", "name"), 10.0),
            (n.t("学院", "college"), 22.0),
            (n.t("说明", "note"), 60.0),
        ],
    );
    for st in &n.plan.studios {
        let duty = n.duty(Some(&st.duty));
        let Some(lead) = &st.lead else {
            t.rows.push(vec![
                text(&duty),
                text(n.t("未组建", "unstaffed")),
                Value::Empty,
                Value::Empty,
                Value::Empty,
                text(&st.reason),
            ]);
            continue;
        };
        let lead_role = if st.title_waived {
            n.t("负责人（职称破格）", "lead (title waived)")
        } else {
            n.t("负责人", "lead")
        };
        let rows = std::iter::once((lead, lead_role, st.reason.as_str()))
            .chain(st.backbone.iter().map(|p| (p, n.t("骨干", "backbone"), "")))
            .chain(st.members.iter().map(|p| (p, n.t("成员", "member"), "")));
        for (p, role, note) in rows {
            t.rows.push(vec![
                text(&duty),
                text(role),
                text(p),
                text(n.person(p)),
                text(n.person_college(p)),
                text(note),
            ]);
        }
    }
    t
}

/// 联合培训: one row per college — independent, in a joint cluster, or a guest.
pub fn clusters(n: &Names) -> Table {
    let mut t = Table::new(
        n.t("联合培训", "Clusters"),
        "clusters",
        &[
            (n.t("学院编号", "college id"), 10.0),
            (n.t("学院", "college"), 22.0),
            (n.t("校区", "campus"), 10.0),
            (n.t("专职辅导员", "full-time counselors"), 10.0),
            (n.t("方式", "mode"), 10.0),
            (n.t("联合培训组", "cluster"), 10.0),
            (n.t("组内学院", "cluster colleges"), 40.0),
            (n.t("组内专职辅导员", "cluster counselors"), 12.0),
            (n.t("说明", "reason"), 60.0),
        ],
    );
    for c in &n.plan.colleges {
        let cl = c
            .cluster
            .as_ref()
            .and_then(|id| n.plan.clusters.iter().find(|x| &x.id == id));
        let mode = match c.mode.as_str() {
            "independent" => n.t("单独培训", "independent"),
            "joint" => n.t("联合培训", "joint"),
            "guest" => n.t("随训", "guest"),
            other => other,
        };
        let host = c
            .guest_of
            .as_ref()
            .map(|h| n.college(h))
            .unwrap_or_default();
        t.rows.push(vec![
            text(&c.id),
            text(&c.name),
            text(n.campus(&c.campus)),
            Value::Int(i64::from(c.full_time_counselors)),
            text(mode),
            text(cl.map_or(host.clone(), |x| x.id.clone())),
            text(cl.map_or(String::new(), |x| {
                x.colleges
                    .iter()
                    .map(|c| n.college(c))
                    .collect::<Vec<_>>()
                    .join(n.t("、", ", "))
            })),
            cl.map_or(Value::Empty, |x| {
                Value::Int(i64::from(x.full_time_counselors))
            }),
            text(&c.reason),
        ]);
    }
    t
}

/// 经费: one row per fund.
pub fn budget(n: &Names) -> Table {
    let mut t = Table::new(
        n.t("经费", "Budget"),
        "budget",
        &[
            (n.t("经费编号", "fund id"), 10.0),
            (n.t("经费", "fund"), 40.0),
            (n.t("级别", "level"), 6.0),
            (n.t("预算（元）", "allocated (yuan)"), 14.0),
            (n.t("支出（元）", "spent (yuan)"), 14.0),
            (n.t("结余（元）", "left (yuan)"), 14.0),
            (n.t("场次", "sessions"), 6.0),
        ],
    );
    for f in &n.plan.budget.funds {
        let count = n.plan.sessions.iter().filter(|s| s.fund == f.id).count();
        t.rows.push(vec![
            text(&f.id),
            text(n.fund(&f.id)),
            text(n.level(&f.level)),
            Value::Money(f.allocated),
            Value::Money(f.spent),
            Value::Money(crate::wire::money(f.allocated - f.spent)),
            Value::Int(count as i64),
        ]);
    }
    t
}

/// 覆盖: one row per (group, duty) cell: hours per member, whether the rules require it and
/// whether every member has a session on the duty.
pub fn coverage(n: &Names) -> Table {
    let mut t = Table::new(
        n.t("覆盖", "Coverage"),
        "coverage",
        &[
            (n.t("群体编号", "group id"), 18.0),
            (n.t("群体", "group"), 18.0),
            (n.t("职责编号", "duty id"), 16.0),
            (n.t("职责", "duty"), 26.0),
            (n.t("人均学时", "hours per member"), 10.0),
            (n.t("要求覆盖", "required"), 10.0),
            (n.t("人人覆盖", "every member covered"), 12.0),
        ],
    );
    let required = n.required_cells();
    for c in &n.plan.coverage {
        let req = required.contains(&(c.group.clone(), c.duty.clone()));
        let met = n.cell_met(&c.group, &c.duty);
        t.rows.push(vec![
            text(&c.group),
            text(n.group(&c.group)),
            text(&c.duty),
            text(n.duty(Some(&c.duty))),
            Value::Num(c.hours),
            text(if req {
                n.t("是", "yes")
            } else {
                n.t("否", "no")
            }),
            text(if met {
                n.t("是", "yes")
            } else {
                n.t("否", "no")
            }),
        ]);
    }
    t
}

/// 培训记录: one row per person the record bears on — needs from the camp (duty, weight, reason),
/// yearly hours done earlier in the academic year, due for national or provincial training.
/// Absent when the plan has no `records`.
pub fn record(n: &Names) -> Option<Table> {
    let rec = n.plan.records.as_ref()?;
    let mut t = Table::new(
        n.t("培训记录", "Record"),
        "record",
        &[
            (n.t("工号", "person id"), 12.0),
            (n.t("姓名", "name"), 10.0),
            (n.t("学院", "college"), 22.0),
            (n.t("需加强职责", "duties to strengthen"), 30.0),
            (n.t("原因", "why"), 60.0),
            (n.t("学时目标", "hour target"), 34.0),
            (n.t("本学年已完成学时", "hours done this year"), 12.0),
            (n.t("其中仅按计划", "of them as planned only"), 12.0),
            (n.t("本学期应完成学时", "hours due this semester"), 12.0),
            (n.t("应安排省级以上培训", "due for external training"), 40.0),
        ],
    );
    let half = |s: &str| -> String {
        match s.split_once(" / ") {
            Some((zh, en)) => n.t(zh, en).trim().to_string(),
            None => s.to_string(),
        }
    };
    for p in &n.inputs.scenario.people {
        let needs: Vec<_> = rec.needs.iter().filter(|x| x.person == p.id).collect();
        let targets: Vec<_> = rec.targets.iter().filter(|x| x.person == p.id).collect();
        let due = rec.external_due.iter().find(|x| x.person == p.id);
        if needs.is_empty() && targets.is_empty() && due.is_none() {
            continue;
        }
        let sep = n.t("；", "; ");
        let duties: Vec<String> = needs
            .iter()
            .map(|x| format!("{} ×{}", n.duty(Some(&x.duty)), x.weight))
            .collect();
        let why: Vec<String> = needs.iter().map(|x| half(&x.reason)).collect();
        // one row per yearly target (at least one row per person)
        let rows = targets.len().max(1);
        for i in 0..rows {
            let tg = targets.get(i);
            t.rows.push(vec![
                text(&p.id),
                text(&p.name),
                text(n.person_college(&p.id)),
                text(duties.join(sep)),
                text(why.join(sep)),
                tg.map_or(Value::Empty, |x| text(n.target(&x.target))),
                tg.map_or(Value::Empty, |x| Value::Num(x.done)),
                tg.map_or(Value::Empty, |x| Value::Num(x.planned_only)),
                tg.map_or(Value::Empty, |x| Value::Num(x.hours)),
                due.map_or(Value::Empty, |x| text(half(&x.reason))),
            ]);
        }
    }
    Some(t)
}

/// 训练营: the last camp's results, one row per (group, duty) cell: members tested, mean
/// percent, its band, members in the lowest band. Absent without camp results in the record.
pub fn camp(n: &Names) -> Option<Table> {
    n.plan.records.as_ref()?;
    let camp = n.inputs.history.camp.as_ref()?;
    let rr = n.inputs.rules.records.as_ref()?;
    let r = &n.inputs.rules;
    let mut t = Table::new(
        n.t("训练营", "Camp"),
        "camp",
        &[
            (n.t("学期", "semester"), 24.0),
            (n.t("群体编号", "group id"), 18.0),
            (n.t("群体", "group"), 18.0),
            (n.t("职责编号", "duty id"), 16.0),
            (n.t("职责", "duty"), 26.0),
            (n.t("测评人数", "members tested"), 10.0),
            (n.t("平均得分率%", "mean percent"), 12.0),
            (n.t("档次", "band"), 10.0),
            (n.t("最低档人数", "in the lowest band"), 12.0),
        ],
    );
    let sem = &n.inputs.history.semesters[camp.semester].name;
    for &(g, d, k, m, w) in &camp.cells {
        let l = &rr.levels[rr.level_of(m)];
        t.rows.push(vec![
            text(sem),
            text(&r.groups[g].id),
            text(n.t(&r.groups[g].zh, &r.groups[g].en)),
            text(&r.duties[d].id),
            text(n.t(&r.duties[d].zh, &r.duties[d].en)),
            Value::Int(i64::from(k)),
            Value::Num((m * 10.0).round() / 10.0),
            text(n.t(&l.zh, &l.en)),
            Value::Int(i64::from(w)),
        ]);
    }
    Some(t)
}

/// 个人档案: one row per (person on this semester's staff, recorded semester before this one):
/// hours at each level (signed in where a sheet was imported, else as planned), sessions missed,
/// and (with scores) the camp mean of that semester. Absent without earlier semesters.
pub fn history(n: &Names) -> Option<Table> {
    let rec = n.plan.records.as_ref()?;
    let h = &n.inputs.history;
    if h.semesters.is_empty() {
        return None;
    }
    let mut cols = vec![
        (n.t("工号", "person id"), 12.0),
        (n.t("姓名", "name"), 10.0),
        (n.t("学院", "college"), 22.0),
        (n.t("学期", "semester"), 24.0),
        (n.t("校级学时", "school hours"), 10.0),
        (n.t("院级学时", "college hours"), 10.0),
        (n.t("其中仅按计划", "of them as planned only"), 12.0),
        (n.t("缺席场次", "sessions missed"), 10.0),
    ];
    if rec.scores {
        cols.push((n.t("训练营平均得分率%", "camp mean percent"), 14.0));
    }
    let mut t = Table::new(n.t("个人档案", "History"), "history", &cols);
    let camp = h.camp.as_ref().filter(|_| rec.scores);
    for (p, past) in h.people.iter().enumerate() {
        let person = &n.inputs.scenario.people[p];
        for x in &past.by_semester {
            let mut row = vec![
                text(&person.id),
                text(&person.name),
                text(n.person_college(&person.id)),
                text(&h.semesters[x.semester].name),
                Value::Num(x.hours[0]),
                Value::Num(x.hours[1]),
                Value::Num(x.planned_only),
                Value::Int(i64::from(x.missed)),
            ];
            if rec.scores {
                row.push(
                    camp.filter(|c| c.semester == x.semester)
                        .and_then(|c| c.people.iter().find(|c| c.id == person.id))
                        .map_or(Value::Empty, |c| Value::Num((c.mean * 10.0).round() / 10.0)),
                );
            }
            t.rows.push(row);
        }
    }
    Some(t)
}
