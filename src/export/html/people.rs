//! The people index: each person's groups, sessions (linked to the calendar) and hour targets.

use std::fmt::Write as _;

use chrono::Datelike;

use super::{esc, platform_legend, targets_of};
use crate::export::Names;

pub(super) fn people(n: &Names, o: &mut String) {
    let _ = write!(
        o,
        "<section id=\"people\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n<p class=\"note phone\">{}</p>\n",
        esc(n.t("人员索引", "People")),
        esc(n.t(
            "每人参加的培训（日期 · 平台，点击跳到校历中的该场次）及学时目标完成情况。",
            "Each person's sessions (date · platform; click to jump to the session in the calendar) and hour targets."
        )),
        esc(n.t(
            "手机上只列每人的概要；各人的全部场次见其日历文件 ics/person-工号.ics，或在电脑上查看本页。",
            "On a phone only each person's summary is shown; their sessions are in their calendar file ics/person-ID.ics, or on this page on a computer."
        )),
    );
    platform_legend(n, o);
    let _ = writeln!(
        o,
        "<table class=\"ppl\"><colgroup><col style=\"width:8%\"><col style=\"width:10%\"><col style=\"width:9%\"><col style=\"width:4%\"><col style=\"width:4%\"><col style=\"width:7%\"><col></colgroup>\
         <thead><tr><th>{}</th><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(n.t("姓名（工号）", "name (id)")),
        esc(n.t("学院", "college")),
        esc(n.t("类别", "groups")),
        esc(n.t("场次", "sessions")),
        esc(n.t("学时", "hours")),
        esc(n.t("学时目标", "hour targets")),
        esc(n.t("参加的培训", "sessions attended")),
    );
    for p in &n.plan.people {
        let sessions = n.sessions_of(&p.id);
        let hours: f64 = sessions.iter().map(|s| s.hours).sum();
        let groups: String = p
            .groups
            .iter()
            .map(|g| format!("<span class=\"chip grp\">{}</span>", esc(&n.group(g))))
            .collect();
        let targets = targets_of(n, p);
        let target_cell = if targets.is_empty() {
            "—".to_string()
        } else {
            targets
                .iter()
                .map(|(id, need, got)| {
                    let ok = got + 1e-9 >= *need;
                    format!(
                        "<span class=\"{}\" title=\"{}\">{} {got:.0}/{need:.0}</span>",
                        if ok { "ok" } else { "bad" },
                        esc(&n.target(id)),
                        if ok { "✓" } else { "✗" }
                    )
                })
                .collect::<Vec<_>>()
                .join("<br>")
        };
        let chips: String = sessions
            .iter()
            .map(|s| {
                let short = n
                    .date(s)
                    .map_or(s.date.clone(), |d| format!("{}/{}", d.month(), d.day()));
                format!(
                    "<a class=\"chip p-{}\" href=\"#{}\">{} {}</a>",
                    esc(&s.platform),
                    esc(&s.id),
                    esc(&short),
                    esc(&platform_short(n, &s.platform)),
                )
            })
            .collect();
        let _ = writeln!(
            o,
            "<tr id=\"person-{}\"><td><b>{}</b><br><small>{}</small></td><td>{}</td><td><div class=\"chips\">{groups}</div></td><td class=\"num\">{}</td><td class=\"num\">{hours:.0}</td><td>{target_cell}</td><td><div class=\"chips\">{chips}</div></td></tr>",
            esc(&p.id),
            esc(&p.name),
            esc(&p.id),
            esc(&n.person_college(&p.id)),
            sessions.len(),
        );
    }
    o.push_str("</tbody></table>\n</section>\n");
}

/// A platform in one or two characters, for the people index.
fn platform_short(n: &Names, p: &str) -> String {
    let (zh, en) = match p {
        "centralized" => ("集中", "central"),
        "studio" => ("工作室", "studio"),
        "meeting" => ("例会", "meeting"),
        "college" => ("院级", "college"),
        "camp" => ("训练营", "camp"),
        other => (other, other),
    };
    n.t(zh, en).to_string()
}
