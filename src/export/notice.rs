//! A printable notice (通知) per session, `notices/<session id>.html`, in the form a
//! student-affairs office sends to the colleges: the title “关于举办“校园危机事件应对”素质能力提升
//! 专题培训的通知”, the salutation to those concerned, then numbered items — 时间 (date, weekday and
//! the slots' times), 地点 (venue and campus, the host of a visit, the platform of a course),
//! 参加对象 (the audience in words and the number expected), 主讲 (the speaker with standing and
//! note), 内容安排 (the session's segments), 有关要求 (hours counted, sign-in and leave) — and the
//! organizer with the notice's date at the bottom right. `notices/index.html` lists them all.
//!
//! Everything is taken from the inputs and the plan: the organizer is the school named at the start
//! of the scenario's name (up to its first 大学 or 学院) with 党委学生工作部 after it, or
//! 党委学生工作部 alone; the notice is dated a week before the session (not before a re-plan's
//! `today`). Each page is self-contained (inline styles, no script, no network), fits one A4 page
//! portrait (`@page{size:A4;margin:20mm}`), and every piece of data goes through [`esc`].

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::escape::esc;
use super::{Lang, Names, OutFile, file_safe};
use crate::wire::SessionOut;

/// Chinese item numbers 一 … 十.
const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The style shared by the notices, the index and the sign-in sheets' HTML.
pub(super) const PRINT_CSS: &str = "@page{size:A4;margin:20mm}\
*{box-sizing:border-box}\
body{margin:0 auto;max-width:170mm;font-family:\"FangSong\",\"STFangsong\",\"SimSun\",\"Songti SC\",serif;\
font-size:15pt;line-height:1.75;color:#000;background:#fff}\
h1{font-family:\"SimHei\",\"Heiti SC\",\"Noto Sans CJK SC\",sans-serif;font-size:19pt;line-height:1.45;\
text-align:center;margin:0 0 14pt;font-weight:bold}\
p{margin:0}\
.to{margin-bottom:4pt}\
.lead{text-indent:2em}\
.item{text-indent:2em}\
.item b{font-family:\"SimHei\",\"Heiti SC\",sans-serif;font-weight:bold}\
.sign{margin-top:28pt;text-align:right;line-height:1.6}\
table{border-collapse:collapse;width:100%;font-size:12pt;line-height:1.4}\
th,td{border:1px solid #000;padding:4pt 5pt;text-align:left}\
thead{display:table-header-group}\
tr{page-break-inside:avoid;break-inside:avoid}\
.meta{font-size:12pt;margin:0 0 8pt;line-height:1.6}\
.num{text-align:center;width:3em}\
td.blank{height:22pt}";

/// A date as `2026年10月12日` (`2026-10-12` in English).
pub(super) fn date_text(n: &Names, d: NaiveDate) -> String {
    use chrono::Datelike;
    match n.lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// The session's date with weekday, slots and times: `2026年10月12日（周一）上午 08:30–11:30`.
pub(super) fn when(n: &Names, s: &SessionOut) -> String {
    let day = match n.date(s) {
        Some(d) => format!("{}{}", date_text(n, d), n.paren(n.weekday(d))),
        None => s.date.clone(),
    };
    format!("{day} {} {}", n.slot_names(s), n.time_range(s))
        .trim()
        .to_string()
}

/// Where: the venue with its campus (`报告厅（松坡校区）`), else [`Names::location`].
pub(super) fn place(n: &Names, s: &SessionOut) -> String {
    let sc = &n.inputs.scenario;
    match s
        .venue
        .as_deref()
        .and_then(|v| sc.venues.iter().find(|x| x.id == v))
    {
        Some(v) => {
            let campus = &sc.campuses[v.campus].name;
            if v.name.contains(campus.as_str()) {
                v.name.clone()
            } else {
                format!("{}{}", v.name, n.paren(campus))
            }
        }
        None => n.location(s),
    }
}

/// The session's name: `“校园危机事件应对”素质能力提升专题培训` (the kind without its bracketed
/// suffix, the duty in quotes when the session has one).
pub(super) fn session_name(n: &Names, s: &SessionOut) -> String {
    let kind = n.kind(&s.kind);
    let base = without_suffix(&kind);
    match (s.duty.as_deref(), n.lang) {
        (Some(d), Lang::Zh) => format!("“{}”{base}", n.duty(Some(d))),
        (Some(d), Lang::En) => format!("{base}: {}", n.duty(Some(d))),
        (None, _) => base.to_string(),
    }
}

/// A kind's name without a bracketed suffix: `素质能力提升专题培训（请进来）` → `素质能力提升专题培训`
/// (a bracket inside the name, as in `学院（联合）培训`, stays).
fn without_suffix(kind: &str) -> &str {
    let k = kind.trim();
    if k.ends_with('）') || k.ends_with(')') {
        let cut = k.rfind(['（', '(']).unwrap_or(k.len());
        let base = k[..cut].trim();
        if !base.is_empty() {
            return base;
        }
    }
    k
}

/// What the notice is about, after its verb: the session's name, or for a meeting its month and
/// kind (`2026年9月学生工作月度交流例会`; the topic goes into the items).
fn subject(n: &Names, s: &SessionOut) -> String {
    if s.platform == "meeting" && n.lang == Lang::Zh {
        let kind = n.kind(&s.kind);
        let month = n.date(s).map_or(String::new(), |d| {
            use chrono::Datelike;
            format!("{}年{}月", d.year(), d.month())
        });
        format!("{month}{}", without_suffix(&kind))
    } else {
        session_name(n, s)
    }
}

/// The notice's title.
pub fn title(n: &Names, s: &SessionOut) -> String {
    match n.lang {
        Lang::Zh => format!("关于{}{}的通知", verb(n, s), subject(n, s)),
        Lang::En => format!("Notice: {}", subject(n, s)),
    }
}

/// The verb of a Chinese title: 召开 a meeting, 组织参加 an online course, 举办 the rest.
fn verb(n: &Names, s: &SessionOut) -> &'static str {
    let r = &n.inputs.rules;
    let online = r.kind(&s.kind).is_some_and(|k| {
        matches!(
            r.session_kinds[k].speaker,
            crate::domain::SpeakerNeed::Online
        )
    });
    match s.platform.as_str() {
        "meeting" => "召开",
        _ if online => "组织参加",
        _ => "举办",
    }
}

/// The organizer: the school at the start of the scenario's name with its student-affairs office.
pub fn organizer(n: &Names) -> String {
    let name = &n.inputs.scenario.name;
    let school = ["大学", "学院"]
        .iter()
        .filter_map(|w| name.find(w).map(|i| &name[..i + w.len()]))
        .min_by_key(|s| s.len())
        .unwrap_or("");
    match n.lang {
        Lang::Zh => format!("{school}党委学生工作部"),
        Lang::En if school.is_empty() => "Student Affairs Office".to_string(),
        Lang::En => format!("{school} Student Affairs Office"),
    }
}

/// The notice's date: a week before the session, not before a re-plan's `today`.
fn issued(n: &Names, s: &SessionOut) -> Option<NaiveDate> {
    let d = n.date(s)?;
    let week_before = d - chrono::Duration::days(7);
    let today = n
        .plan
        .base
        .as_ref()
        .and_then(|b| NaiveDate::parse_from_str(&b.today, "%Y-%m-%d").ok());
    Some(match today {
        Some(t) if t > week_before => t.min(d),
        _ => week_before,
    })
}

/// The salutation: the colleges of a unit's own training, else every college and office.
fn salutation(n: &Names, s: &SessionOut) -> String {
    let units: Vec<&str> = s
        .audience
        .iter()
        .filter_map(|a| a.strip_prefix("unit:"))
        .collect();
    if !units.is_empty() && units.len() == s.audience.len() {
        let mut colleges: Vec<String> = Vec::new();
        for u in units {
            match n.plan.clusters.iter().find(|c| c.id == u) {
                Some(cl) => colleges.extend(cl.colleges.iter().map(|c| n.college(c))),
                None => colleges.push(n.college(u)),
            }
        }
        return match n.lang {
            Lang::Zh => format!("{}：", colleges.join("、")),
            Lang::En => format!("To: {}", colleges.join(", ")),
        };
    }
    n.t(
        "各学院、各有关部门：",
        "To: all colleges and offices concerned",
    )
    .to_string()
}

/// The speaker's standing in words: `省级·辽宁省高校辅导员年度人物`.
fn standing(n: &Names, s: &SessionOut) -> Option<String> {
    let id = s.speaker.as_deref()?;
    let x = n.inputs.scenario.speakers.iter().find(|x| x.id == id)?;
    let level = match n.lang {
        Lang::Zh => x.level.zh(),
        Lang::En => match x.level {
            crate::domain::SpeakerLevel::Internal => "university",
            crate::domain::SpeakerLevel::Provincial => "provincial",
            crate::domain::SpeakerLevel::National => "national",
        },
    };
    Some(if x.note.trim().is_empty() {
        level.to_string()
    } else {
        format!("{level}·{}", x.note.trim())
    })
}

/// The numbered items: (label, text), in order.
fn items(n: &Names, s: &SessionOut) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    out.push((n.t("时间", "Time").into(), when(n, s)));
    out.push((n.t("地点", "Place").into(), place(n, s)));
    let count = s.attendees.len();
    let who = match n.lang {
        Lang::Zh => format!("{}，共 {count} 人（名单见签到表）", n.audience(s)),
        Lang::En => format!(
            "{}; {count} people (listed on the sign-in sheet)",
            n.audience(s)
        ),
    };
    out.push((n.t("参加对象", "Participants").into(), who));
    let speaker = n.speaker(s);
    if !speaker.is_empty() {
        let text = match standing(n, s) {
            Some(st) => format!("{speaker}{}", n.paren(&st)),
            None => speaker,
        };
        out.push((n.speaker_role(s).to_string(), text));
    }
    let mut content = Vec::new();
    if s.platform == "meeting"
        && let Some(d) = s.duty.as_deref()
    {
        content.push(match n.lang {
            Lang::Zh => format!("本次例会以“{}”为主题。", n.duty(Some(d))),
            Lang::En => format!("Topic: {}.", n.duty(Some(d))),
        });
    }
    if !s.segments.is_empty() {
        let segs: Vec<String> = s
            .segments
            .iter()
            .enumerate()
            .map(|(i, g)| format!("{}. {g}", i + 1))
            .collect();
        content.push(match n.lang {
            Lang::Zh => format!("{}。", segs.join("；")),
            Lang::En => format!("{}.", segs.join("; ")),
        });
    }
    if !content.is_empty() {
        out.push((n.t("内容安排", "Programme").into(), content.join(" ")));
    }
    let hours = format!("{}", s.hours);
    let rules = match n.lang {
        Lang::Zh => format!(
            "本次培训计入{}培训学时（{hours} 学时）。请参加人员按时签到；因故不能参加者，须提前向所在学院请假。",
            n.level(&s.level)
        ),
        Lang::En => format!(
            "Counts as {hours} hours of {}-level training. Please sign in on time; anyone who cannot attend asks their college for leave in advance.",
            n.level(&s.level)
        ),
    };
    out.push((n.t("有关要求", "Requirements").into(), rules));
    out
}

/// The head of a printable page.
pub(super) fn head(n: &Names, title: &str) -> String {
    let lang = match n.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"generator\" content=\"fudao {}\">\n<title>{}</title>\n<style>{PRINT_CSS}</style>\n\
         </head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(title)
    )
}

/// One session's notice.
pub fn notice(n: &Names, s: &SessionOut) -> String {
    let t = title(n, s);
    let mut o = head(n, &t);
    let _ = writeln!(o, "<h1>{}</h1>", esc(&t));
    let _ = writeln!(o, "<p class=\"to\">{}</p>", esc(&salutation(n, s)));
    let lead = match n.lang {
        Lang::Zh => format!(
            "为加强学生工作队伍建设，提升辅导员素质能力，经研究，决定{}{}。现将有关事项通知如下：",
            verb(n, s),
            subject(n, s)
        ),
        Lang::En => format!("The {} will be held as follows.", subject(n, s)),
    };
    let _ = writeln!(o, "<p class=\"lead\">{}</p>", esc(&lead));
    for (i, (label, text)) in items(n, s).iter().enumerate() {
        let no = match n.lang {
            Lang::Zh => format!("{}、", NUMERALS.get(i).copied().unwrap_or("")),
            Lang::En => format!("{}. ", i + 1),
        };
        let _ = writeln!(
            o,
            "<p class=\"item\"><b>{no}{}</b>{}{}</p>",
            esc(label),
            n.colon(),
            esc(text)
        );
    }
    let date = issued(n, s).map_or(String::new(), |d| date_text(n, d));
    let _ = writeln!(
        o,
        "<p class=\"sign\">{}<br>{}</p>",
        esc(&organizer(n)),
        esc(&date)
    );
    o.push_str("</body>\n</html>\n");
    o
}

/// `notices/index.html`: every notice with its date and title, and links to the sign-in sheets.
pub fn index(n: &Names) -> String {
    let sc = &n.inputs.scenario;
    let t = format!(
        "{} — {}",
        sc.semester.name,
        n.t("培训通知", "training notices")
    );
    let mut o = head(n, &t);
    let _ = writeln!(o, "<h1>{}</h1>", esc(&t));
    let _ = writeln!(
        o,
        "<table>\n<thead><tr><th class=\"num\">{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        n.t("序号", "No."),
        n.t("日期", "Date"),
        n.t("通知", "Notice"),
        n.t("签到表", "Sign-in sheet")
    );
    for (i, s) in n.plan.sessions.iter().enumerate() {
        let f = file_safe(&s.id);
        let day = n.date(s).map_or(s.date.clone(), |d| {
            format!("{}{}", date_text(n, d), n.paren(n.weekday(d)))
        });
        let _ = writeln!(
            o,
            "<tr><td class=\"num\">{}</td><td>{}</td><td><a href=\"{}.html\">{}</a></td>\
             <td><a href=\"../signin/{}.html\">HTML</a> · <a href=\"../signin/{}.xlsx\">Excel</a></td></tr>",
            i + 1,
            esc(&day),
            esc(&f),
            esc(&title(n, s)),
            esc(&f),
            esc(&f)
        );
    }
    o.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    o
}

/// Every notice and the index, as files under `notices/`.
pub fn all(n: &Names) -> Vec<OutFile> {
    let mut out: Vec<OutFile> = n
        .plan
        .sessions
        .iter()
        .map(|s| OutFile::text(format!("notices/{}.html", file_safe(&s.id)), notice(n, s)))
        .collect();
    out.push(OutFile::text("notices/index.html", index(n)));
    out
}
