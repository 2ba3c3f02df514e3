//! CSV rosters read exactly like spreadsheet rosters (one header reader, one date reader):
//! columns such as 序号 and 性别 are skipped, dates may be written `2025年10月15日` or `20251015`,
//! 任辅导员时间 may give only year and month (`2019.07`, `2019-07`, `2019年7月`: the 1st of the
//! month, and the profile's reasons say so), and an unreadable date is still a problem at its
//! line and column.

use fudao::domain::profile;
use fudao::input::{self, LoadOptions};

use crate::support;

/// A scenario (support::scenario_text) whose staff come from `staff.csv` holding `csv`.
fn with_csv_roster(csv: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let text =
        support::scenario_text("").replacen("[meta]\n", "[meta]\nroster = \"staff.csv\"\n", 1);
    let scenario = dir.path().join("scenario.toml");
    std::fs::write(&scenario, text).expect("write scenario");
    std::fs::write(dir.path().join("staff.csv"), csv).expect("write roster");
    (dir, scenario)
}

const HEADER: &str =
    "\u{feff}序号,工号,姓名,性别,学院,岗位,入职日期,任辅导员时间,职称,荣誉称号,专业特长\n";

#[test]
fn csv_skips_common_columns_and_reads_every_date_form() {
    let csv = format!(
        "{HEADER}\
         1,T01,王建华,男,c1,专职辅导员,2025年10月15日,2019.07,讲师,,\n\
         2,T02,李静,女,c1,专职辅导员,20251015,2019-07,讲师,,\n\
         3,T03,张磊,男,c1,专职辅导员,2016/9/1,2019年7月,讲师,,\n\
         4,T04,刘婷,女,c1,专职辅导员,2016-09-01,2019年7月3日,讲师,,\n"
    );
    let (_dir, scenario) = with_csv_roster(&csv);
    let l = input::load(&scenario, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let people = &l.inputs.scenario.people;
    let got: Vec<(String, String, String, bool)> = people
        .iter()
        .map(|p| {
            (
                p.id.clone(),
                p.hired.to_string(),
                p.counselor_since.map(|d| d.to_string()).unwrap_or_default(),
                p.counselor_since_month_only,
            )
        })
        .collect();
    let want = |id: &str, hired: &str, since: &str, month: bool| {
        (id.to_string(), hired.to_string(), since.to_string(), month)
    };
    assert_eq!(
        got,
        [
            want("T01", "2025-10-15", "2019-07-01", true),
            want("T02", "2025-10-15", "2019-07-01", true),
            want("T03", "2016-09-01", "2019-07-01", true),
            want("T04", "2016-09-01", "2019-07-03", false),
        ]
    );

    // T03 is a backbone counselor (≥ 3 years since 2019-07); the reason says how the day was taken.
    let prof = profile::classify(&l.inputs);
    let reasons = |id: &str| -> String {
        let p = l.inputs.scenario.person(id).expect("person");
        prof.people[p]
            .reasons
            .iter()
            .map(|r| r.zh.clone())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let r3 = reasons("T03");
    assert!(
        r3.contains("任辅导员时间只写到月（2019-07），按 1 日计"),
        "T03: {r3}"
    );
    // a full date: no such note
    let r4 = reasons("T04");
    assert!(r4.contains("2019-07-03 起从事辅导员工作"), "T04: {r4}");
    assert!(!r4.contains("只写到月"), "T04: {r4}");
}

#[test]
fn csv_bad_dates_are_reported_at_line_and_column() {
    // line 2: an impossible date; line 3: year and month only where a full date is needed
    let csv = format!(
        "{HEADER}\
         1,T01,王建华,男,c1,专职辅导员,2025年13月15日,2019.07,讲师,,\n\
         2,T02,李静,女,c1,专职辅导员,2019.07,2019-07,讲师,,\n"
    );
    let (_dir, scenario) = with_csv_roster(&csv);
    let (code, out, err) = support::fudao(&["check", scenario.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    // 序号,工号,姓名,性别,学院,岗位, is 6 cells before 入职日期: column = chars before it + 1
    let col = |line: &str, cell: &str| line[..line.find(cell).unwrap()].chars().count() + 1;
    let l2 = csv.lines().nth(1).unwrap();
    let l3 = csv.lines().nth(2).unwrap();
    assert!(
        err.contains(&format!("staff.csv:2:{}", col(l2, "2025年13月15日"))),
        "{err}"
    );
    assert!(
        err.contains("`2025年13月15日` is not a date (hired)"),
        "{err}"
    );
    assert!(
        err.contains(&format!("staff.csv:3:{}", col(l3, "2019.07"))),
        "{err}"
    );
    assert!(err.contains("`2019.07` is not a date (hired)"), "{err}");
    assert!(
        err.contains("20160901"),
        "the help lists the forms read: {err}"
    );
    assert!(err.contains("2 problem(s) found"), "{err}");
}

#[test]
fn csv_unknown_and_repeated_headers_are_problems_as_in_a_sheet() {
    let csv =
        "工号,姓名,籍贯,学院,岗位,入职日期,单位\nT01,王建华,辽宁,c1,专职辅导员,2016-09-01,c1\n";
    let (_dir, scenario) = with_csv_roster(csv);
    let (code, _, err) = support::fudao(&["check", scenario.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown roster column `籍贯`"), "{err}");
    assert!(err.contains("staff.csv:1:7"), "{err}");
    assert!(
        err.contains("a second `college` column (`单位`); column D already is one"),
        "{err}"
    );
}
