//! Bad input: every kind of mistake a student-affairs office makes in a scenario, a rules file or
//! a roster gets exit code 2, nothing on stdout, and on stderr every problem with its code, file,
//! line and column, a bilingual message and a help line saying what to do.
//!
//! Each fixture under `tests/fixtures/bad/` is a directory. Most are `ok-baseline/scenario.toml`
//! (a valid minimal scenario) or `rules/jzmu.toml` with the edits listed in [`FIXTURES`];
//! `fixtures_match_their_recipe` keeps the files in step with those recipes (run it with
//! `FUDAO_BLESS_FIXTURES=1` to rewrite them after the baseline or the rules change, then re-accept
//! the snapshots with `INSTA_UPDATE=always cargo test --test it bad_input`).
//!
//! Each test runs the real binary (`fudao check <fixture>`, paths relative to the crate root),
//! snapshots stderr with insta, and asserts the key facts in plain code, so that blindly
//! accepting a snapshot cannot hide a wrong line number or a lost problem.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One problem the output must report.
struct Expect {
    /// Diagnostic code, e.g. `E007`.
    code: &'static str,
    /// File (inside the fixture directory) the problem points into.
    file: &'static str,
    /// A text that occurs on exactly one line of `file`: the line the problem must point at.
    /// Empty: the problem names the file without a line.
    line_with: &'static str,
    /// The text on that line where the column must point (the wrong key or value).
    column_at: &'static str,
    /// Words the problem's message or help must contain.
    words: &'static [&'static str],
}

/// How a fixture's files are made.
enum Recipe {
    /// `ok-baseline/scenario.toml` with these (old, new) replacements; with `rules`, a copy of
    /// `rules/jzmu.toml` with those replacements is written next to it as `rules.toml`.
    Derived {
        scenario: &'static [(&'static str, &'static str)],
        rules: Option<&'static [(&'static str, &'static str)]>,
    },
    /// Written by hand (see the files).
    Handwritten,
}

struct Fixture {
    /// Directory under `tests/fixtures/bad/`.
    dir: &'static str,
    /// The kind of mistake (also the fixture's first comment line).
    kind: &'static str,
    recipe: Recipe,
    /// Every problem the run must report, and no others.
    expect: &'static [Expect],
}

const RULES_IN_FIXTURE: (&str, &str) = (
    "rules = \"../../../../rules/jzmu.toml\"",
    "rules = \"rules.toml\"",
);

const FIXTURES: &[Fixture] = &[
    Fixture {
        dir: "syntax-missing-quote",
        kind: "a string without its closing quote. 字符串缺少右引号。",
        recipe: Recipe::Derived {
            scenario: &[("name = \"基础医学院\"", "name = \"基础医学院")],
            rules: None,
        },
        expect: &[Expect {
            code: "E002",
            file: "scenario.toml",
            line_with: "name = \"基础医学院",
            column_at: "",
            words: &[
                "TOML syntax error",
                "TOML 语法错误",
                "closing `\"`",
                "右引号",
            ],
        }],
    },
    Fixture {
        dir: "syntax-unclosed-bracket",
        kind: "an array without its closing bracket. 数组缺少右方括号。",
        recipe: Recipe::Derived {
            scenario: &[(
                "dates = [2026-11-04, 2026-11-11]",
                "dates = [2026-11-04, 2026-11-11",
            )],
            rules: None,
        },
        expect: &[Expect {
            code: "E002",
            file: "scenario.toml",
            line_with: "[funds]",
            column_at: "[funds]",
            // the parser stops at the next header; the help names the line that opened the list
            words: &[
                "TOML syntax error",
                "the list opened on line 49",
                "第 49 行的列表缺少右方括号",
            ],
        }],
    },
    Fixture {
        dir: "syntax-fullwidth-quotes",
        kind: "Chinese full-width quotes around a value. 值使用了中文全角引号。",
        recipe: Recipe::Derived {
            scenario: &[("name = \"东校区\"", "name = “东校区”")],
            rules: None,
        },
        expect: &[Expect {
            code: "E002",
            file: "scenario.toml",
            line_with: "name = “东校区”",
            column_at: "“",
            words: &["full-width", "全角", "ASCII quotes"],
        }],
    },
    Fixture {
        dir: "rules-syntax",
        kind: "the rules file has a broken table header ([two_level without ]); the scenario has its own mistake (an unknown campus), reported too. 规则文件表头缺少右方括号；场景自身的错误（校区不存在）也须报告。",
        recipe: Recipe::Derived {
            scenario: &[
                RULES_IN_FIXTURE,
                (
                    "campus = \"east\"\ndiscipline = \"basic_medicine\"",
                    "campus = \"north\"\ndiscipline = \"basic_medicine\"",
                ),
            ],
            rules: Some(&[("[two_level]\n", "[two_level\n")]),
        },
        expect: &[
            Expect {
                code: "E002",
                file: "rules.toml",
                line_with: "[two_level\n",
                column_at: "\n",
                words: &[
                    "TOML syntax error",
                    "unclosed table",
                    "close the section header with `]`",
                    "表头缺少右方括号",
                ],
            },
            Expect {
                code: "E007",
                file: "scenario.toml",
                line_with: "campus = \"north\"",
                column_at: "\"north\"",
                words: &["unknown campus `north`", "未知的校区", "east"],
            },
        ],
    },
    Fixture {
        dir: "unknown-top-level-key",
        kind: "`[bugdet]` instead of `[budget]` in the rules. 规则文件中 [budget] 拼写错误。",
        recipe: Recipe::Derived {
            scenario: &[RULES_IN_FIXTURE],
            rules: Some(&[("[budget]\n", "[bugdet]\n")]),
        },
        expect: &[Expect {
            code: "E003",
            file: "rules.toml",
            line_with: "[bugdet]",
            column_at: "bugdet",
            words: &[
                "unknown section [bugdet]",
                "did you mean [budget]",
                "是否应为 [budget]",
            ],
        }],
    },
    Fixture {
        dir: "unknown-key-in-college",
        kind: "`campsu` instead of `campus` in a [[colleges]] entry. 学院条目中 campus 拼写错误。",
        recipe: Recipe::Derived {
            scenario: &[(
                "campus = \"east\"\ndiscipline = \"basic_medicine\"",
                "campsu = \"east\"\ndiscipline = \"basic_medicine\"",
            )],
            rules: None,
        },
        expect: &[Expect {
            code: "E003",
            file: "scenario.toml",
            line_with: "campsu = \"east\"",
            column_at: "campsu",
            words: &[
                "unknown key `campsu` in [[colleges]] `k2`",
                "did you mean `campus`?",
                "`id`, `name`, `campus`, `discipline`, `stage`",
                "未知字段",
            ],
        }],
    },
    Fixture {
        dir: "missing-key",
        kind: "a [[colleges]] entry without its required `stage`. 学院条目缺少必填字段 stage。",
        recipe: Recipe::Derived {
            scenario: &[(
                "discipline = \"basic_medicine\"\nstage = \"undergraduate\"\n",
                "discipline = \"basic_medicine\"\n",
            )],
            rules: None,
        },
        expect: &[Expect {
            code: "E005",
            file: "scenario.toml",
            line_with: "[[colleges]]\nid = \"k2\"",
            column_at: "[[colleges]]",
            words: &[
                "[[colleges]] `k2` has no `stage`",
                "缺少必填字段 `stage`",
                "add `stage = …`",
            ],
        }],
    },
    Fixture {
        dir: "wrong-type",
        kind: "a venue capacity written as a word. 场地容量写成了文字。",
        recipe: Recipe::Derived {
            scenario: &[("capacity = 50", "capacity = \"many\"")],
            rules: None,
        },
        expect: &[Expect {
            code: "E004",
            file: "scenario.toml",
            line_with: "capacity = \"many\"",
            column_at: "\"many\"",
            words: &[
                "`capacity` in [[venues]] `e_meeting` must be a whole number",
                "not the text \"many\"",
                "应为整数",
                "e.g. `capacity = 50`",
            ],
        }],
    },
    Fixture {
        dir: "duplicate-college",
        kind: "two colleges with the same id. 两个学院 id 相同。",
        recipe: Recipe::Derived {
            scenario: &[
                ("id = \"k2\"", "id = \"k1\""),
                ("college = \"k2\"", "college = \"k1\""),
            ],
            rules: None,
        },
        expect: &[Expect {
            code: "E006",
            file: "scenario.toml",
            line_with: "id = \"k1\"\nname = \"基础医学院\"",
            column_at: "\"k1\"",
            words: &[
                "duplicate id `k1`",
                "first defined on line 22",
                "重复",
                "unique",
            ],
        }],
    },
    Fixture {
        dir: "unknown-college-in-person",
        kind: "a person in a college that is not defined. 人员所在学院未定义。",
        recipe: Recipe::Derived {
            scenario: &[("college = \"k2\"", "college = \"k9\"")],
            rules: None,
        },
        expect: &[Expect {
            code: "E007",
            file: "scenario.toml",
            line_with: "college = \"k9\"",
            column_at: "\"k9\"",
            words: &[
                "person `T02` (李静)",
                "unknown college `k9`",
                "人员 T02（李静）",
                "临床医学院 (k1), 基础医学院 (k2)",
            ],
        }],
    },
    Fixture {
        dir: "unknown-campus",
        kind: "a college on a campus that is not defined. 学院所在校区未定义。",
        recipe: Recipe::Derived {
            scenario: &[(
                "campus = \"east\"\ndiscipline = \"basic_medicine\"",
                "campus = \"north\"\ndiscipline = \"basic_medicine\"",
            )],
            rules: None,
        },
        expect: &[Expect {
            code: "E007",
            file: "scenario.toml",
            line_with: "campus = \"north\"",
            column_at: "\"north\"",
            words: &[
                "unknown campus `north`",
                "未知的校区",
                "use a defined campus: 东校区 (east)",
            ],
        }],
    },
    Fixture {
        dir: "unknown-duty-in-speaker",
        kind: "a speaker duty that is not one of the nine duties. 主讲人职责不在九项职责中。",
        recipe: Recipe::Derived {
            scenario: &[(
                "duties = [\"ideology\", \"party_league\"]",
                "duties = [\"ideology\", \"mental_heath\"]",
            )],
            rules: None,
        },
        expect: &[Expect {
            code: "E007",
            file: "scenario.toml",
            line_with: "mental_heath",
            column_at: "\"mental_heath\"",
            words: &["unknown duty `mental_heath`", "未知的职责", "mental_health"],
        }],
    },
    Fixture {
        dir: "college-asks-wrong",
        kind: "a college theme that is not a duty and a blocked range that ends before it starts. 学院主题不是职责、不可用日期结束早于开始。",
        recipe: Recipe::Derived {
            scenario: &[(
                "discipline = \"basic_medicine\"\nstage = \"undergraduate\"",
                "discipline = \"basic_medicine\"\nstage = \"undergraduate\"\nthemes = [\"research\", \"reserch\"]\nunavailable = [{ name = \"运动会\", start = 2026-11-12, end = 2026-11-10 }]",
            )],
            rules: None,
        },
        expect: &[
            Expect {
                code: "E007",
                file: "scenario.toml",
                line_with: "reserch",
                column_at: "\"reserch\"",
                words: &["unknown duty `reserch`", "未知的职责", "research"],
            },
            Expect {
                code: "E009",
                file: "scenario.toml",
                line_with: "运动会",
                column_at: "2026-11-10",
                words: &["2026-11-10", "2026-11-12", "结束日期"],
            },
        ],
    },
    Fixture {
        dir: "unknown-group-in-rules",
        kind: "hour_targets names a group the rules do not define. 学时目标引用了未定义的群体。",
        recipe: Recipe::Derived {
            scenario: &[RULES_IN_FIXTURE],
            rules: Some(&[(
                "group = \"new_counselors\"\nhours = 40.0",
                "group = \"new_counselor\"\nhours = 40.0",
            )]),
        },
        expect: &[Expect {
            code: "E007",
            file: "rules.toml",
            line_with: "group = \"new_counselor\"\n",
            column_at: "\"new_counselor\"",
            words: &[
                "unknown group `new_counselor`",
                "hour_targets.group",
                "new_counselors",
                "未知的群体",
            ],
        }],
    },
    Fixture {
        dir: "date-outside-semester",
        kind: "a speaker date after the semester ends. 主讲人日期在学期之外。",
        recipe: Recipe::Derived {
            scenario: &[(
                "dates = [2026-11-04, 2026-11-11]",
                "dates = [2026-11-04, 2026-12-15]",
            )],
            rules: None,
        },
        expect: &[Expect {
            code: "E008",
            file: "scenario.toml",
            line_with: "2026-12-15",
            column_at: "2026-12-15",
            words: &[
                "2026-12-15 is outside the semester (2026-11-02 to 2026-11-27)",
                "不在本学期内",
                "speakers.dates",
            ],
        }],
    },
    Fixture {
        dir: "semester-end-before-start",
        kind: "the semester ends before it starts. 学期结束日期早于开始日期。",
        recipe: Recipe::Derived {
            scenario: &[("end = 2026-11-27\n", "end = 2026-10-27\n")],
            rules: None,
        },
        expect: &[Expect {
            code: "E009",
            file: "scenario.toml",
            line_with: "end = 2026-10-27",
            column_at: "2026-10-27",
            words: &[
                "ends on 2026-10-27, before it starts on 2026-11-02",
                "早于开始日期",
                "semester.end",
            ],
        }],
    },
    Fixture {
        dir: "exam-week-end-before-start",
        kind: "an exam week that ends before it starts. 考试周结束日期早于开始日期。",
        recipe: Recipe::Derived {
            scenario: &[(
                "start = 2026-11-23, end = 2026-11-27",
                "start = 2026-11-23, end = 2026-11-20",
            )],
            rules: None,
        },
        expect: &[Expect {
            code: "E009",
            file: "scenario.toml",
            line_with: "exam_weeks",
            column_at: "2026-11-20",
            words: &[
                "ends on 2026-11-20, before it starts on 2026-11-23",
                "semester.exam_weeks.end",
                "早于开始日期",
            ],
        }],
    },
    Fixture {
        dir: "negative-fund",
        kind: "a negative training fund. 培训经费为负数。",
        recipe: Recipe::Derived {
            scenario: &[("total = 60000.0", "total = -5000")],
            rules: None,
        },
        expect: &[Expect {
            code: "E010",
            file: "scenario.toml",
            line_with: "total = -5000",
            column_at: "-5000",
            words: &[
                "`funds.total` is -5000, but cannot be negative",
                "不能为负数",
                "0 or more",
            ],
        }],
    },
    Fixture {
        dir: "negative-venue-cost",
        kind: "a negative venue cost. 场地费用为负数。",
        recipe: Recipe::Derived {
            scenario: &[("cost = 150.0", "cost = -150.0")],
            rules: None,
        },
        expect: &[Expect {
            code: "E010",
            file: "scenario.toml",
            line_with: "cost = -150.0",
            column_at: "-150.0",
            words: &["`venues.cost` is -150", "不能为负数"],
        }],
    },
    Fixture {
        dir: "title-not-on-ladder",
        kind: "a title that is not on the title ladder. 职称不在职称序列中。",
        recipe: Recipe::Derived {
            scenario: &[("title = \"讲师\"", "title = \"首席辅导员\"")],
            rules: None,
        },
        expect: &[Expect {
            code: "E012",
            file: "scenario.toml",
            line_with: "首席辅导员",
            column_at: "\"首席辅导员\"",
            words: &[
                "person `T02` (李静)",
                "title `首席辅导员` is not on the title ladder",
                "不在职称序列中",
                "副高级: 副教授",
            ],
        }],
    },
    Fixture {
        dir: "threshold-below-one",
        kind: "two_level.independent_min = 0. 单独培训门槛为 0。",
        recipe: Recipe::Derived {
            scenario: &[RULES_IN_FIXTURE],
            rules: Some(&[("independent_min = 6", "independent_min = 0")]),
        },
        expect: &[Expect {
            code: "E011",
            file: "rules.toml",
            line_with: "independent_min = 0",
            column_at: "0",
            words: &[
                "`two_level.independent_min` is 0, but must be at least 1",
                "不能小于 1",
                "1 or more",
            ],
        }],
    },
    Fixture {
        dir: "school-share-above-one",
        kind: "budget.school_share = 1.5; the scenario's own mistake that needs the rules to see (an unknown duty) is reported too. 学校留存比例超过 1；须依据规则才能发现的场景错误（职责不存在）也须报告。",
        recipe: Recipe::Derived {
            scenario: &[
                RULES_IN_FIXTURE,
                (
                    "duties = [\"ideology\", \"party_league\"]",
                    "duties = [\"ideology\", \"mental_heath\"]",
                ),
            ],
            rules: Some(&[("school_share = 0.6", "school_share = 1.5")]),
        },
        expect: &[
            Expect {
                code: "E011",
                file: "rules.toml",
                line_with: "school_share = 1.5",
                column_at: "1.5",
                words: &[
                    "`budget.school_share` is 1.5, but must lie between 0 and 1",
                    "0.6 for 60 %",
                    "应在 0 到 1 之间",
                ],
            },
            Expect {
                code: "E007",
                file: "scenario.toml",
                line_with: "mental_heath",
                column_at: "\"mental_heath\"",
                words: &["unknown duty `mental_heath`", "mental_health"],
            },
        ],
    },
    Fixture {
        dir: "makeup-not-weekend",
        kind: "a make-up workday on a Wednesday. 调休上班日不是周末。",
        recipe: Recipe::Derived {
            scenario: &[("makeup_workdays = []", "makeup_workdays = [2026-11-04]")],
            rules: None,
        },
        expect: &[Expect {
            code: "E008",
            file: "scenario.toml",
            line_with: "makeup_workdays",
            column_at: "2026-11-04",
            words: &[
                "2026-11-04 is a Wednesday, not a weekend day",
                "星期三",
                "State Council",
            ],
        }],
    },
    Fixture {
        dir: "missing-rules-file",
        kind: "the rules file does not exist; the scenario's own mistake (a negative fund) is reported too. 规则文件不存在；场景自身的错误（经费为负数）也须报告。",
        recipe: Recipe::Derived {
            scenario: &[
                (
                    "rules = \"../../../../rules/jzmu.toml\"",
                    "rules = \"../../../../rules/jzmu-2026.toml\"",
                ),
                ("total = 60000.0", "total = -5000"),
            ],
            rules: None,
        },
        expect: &[
            Expect {
                code: "E001",
                file: "scenario.toml",
                line_with: "jzmu-2026.toml",
                column_at: "\"../../../../rules/jzmu-2026.toml\"",
                words: &[
                    "cannot read rules file",
                    "无法读取规则文件",
                    "relative to the scenario file",
                ],
            },
            Expect {
                code: "E010",
                file: "scenario.toml",
                line_with: "total = -5000",
                column_at: "-5000",
                words: &["`funds.total` is -5000"],
            },
        ],
    },
    Fixture {
        dir: "roster-four-problems",
        kind: "a roster without a 岗位 column, with an unknown college, an impossible date and a duplicate 工号. 名单缺少岗位列、学院不存在、日期无效、工号重复。",
        recipe: Recipe::Handwritten,
        expect: &[
            Expect {
                code: "E005",
                file: "staff.csv",
                line_with: "工号,姓名",
                column_at: "工号",
                words: &[
                    "the roster has no `role` column (岗位)",
                    "名单缺少“岗位”列",
                    "add a column headed `岗位`",
                ],
            },
            Expect {
                code: "E007",
                file: "staff.csv",
                line_with: ",k9,",
                column_at: "k9",
                words: &[
                    "person `T02` (李静): unknown college `k9`",
                    "人员 T02（李静）",
                    "临床医学院 (k1), 基础医学院 (k2)",
                ],
            },
            Expect {
                code: "E008",
                file: "staff.csv",
                line_with: "2016-13-45",
                column_at: "2016-13-45",
                words: &[
                    "person `T03` (张磊)",
                    "`2016-13-45` is not a date (hired)",
                    "入职日期“2016-13-45”不是有效日期",
                    "2016-09-01",
                ],
            },
            Expect {
                code: "E006",
                file: "staff.csv",
                line_with: "T02,刘婷",
                column_at: "T02",
                words: &["duplicate id `T02`", "first defined on line 3"],
            },
        ],
    },
    Fixture {
        dir: "roster-not-utf8",
        kind: "the roster was saved by Excel as GBK, not UTF-8. 名单被 Excel 存成了 GBK 编码而非 UTF-8。",
        recipe: Recipe::Handwritten,
        expect: &[Expect {
            code: "E001",
            file: "scenario.toml",
            line_with: "roster = \"staff.csv\"",
            column_at: "\"staff.csv\"",
            words: &[
                "roster `tests/fixtures/bad/roster-not-utf8/staff.csv` is not UTF-8 text",
                "不是 UTF-8 编码",
                "CSV UTF-8",
            ],
        }],
    },
    Fixture {
        dir: "several-problems",
        kind: "nine different mistakes in one scenario, all reported in one run. 一个场景中的九处不同错误，一次运行全部报告。",
        recipe: Recipe::Derived {
            scenario: &[
                ("makeup_workdays = []", "makeup_workdays = [2026-11-04]"),
                (
                    "campus = \"east\"\ndiscipline = \"basic_medicine\"",
                    "campus = \"north\"\ndiscipline = \"basic_medicine\"",
                ),
                ("capacity = 50", "capcity = 50"),
                ("fee = 3000.0", "fee = \"3000元\""),
                (
                    "dates = [2026-11-04, 2026-11-11]\n",
                    "dates = [2026-11-04, 2026-11-11]\n\n[[speakers]]\nid = \"S02\"\nname = \"郑国栋\"\nlevel = \"national\"\nkind = \"expert\"\nfee = 8000.0\nduties = [\"mental_heath\"]\ndates = [2026-11-05, 2026-12-03]\n",
                ),
                ("total = 60000.0", "total = -5000"),
                ("title = \"讲师\"", "title = \"首席辅导员\""),
                (
                    "specialties = [\"daily_affairs\"]\n",
                    "specialties = [\"daily_affairs\"]\n\n[[people]]\nid = \"T01\"\nname = \"张磊\"\ncollege = \"k1\"\nrole = \"counselor\"\nhired = 2020-09-01\n",
                ),
            ],
            rules: None,
        },
        expect: &[
            Expect {
                code: "E008",
                file: "scenario.toml",
                line_with: "makeup_workdays",
                column_at: "2026-11-04",
                words: &["not a weekend day"],
            },
            Expect {
                code: "E007",
                file: "scenario.toml",
                line_with: "campus = \"north\"",
                column_at: "\"north\"",
                words: &["unknown campus `north`"],
            },
            Expect {
                code: "E003",
                file: "scenario.toml",
                line_with: "capcity",
                column_at: "capcity",
                words: &[
                    "unknown key `capcity` in [[venues]] `e_meeting`",
                    "did you mean `capacity`?",
                ],
            },
            Expect {
                code: "E004",
                file: "scenario.toml",
                line_with: "3000元",
                column_at: "\"3000元\"",
                words: &[
                    "`fee` in [[speakers]] `S01` must be a number, not the text \"3000元\"",
                    "without quotes",
                ],
            },
            Expect {
                code: "E007",
                file: "scenario.toml",
                line_with: "mental_heath",
                column_at: "\"mental_heath\"",
                words: &["unknown duty `mental_heath`"],
            },
            Expect {
                code: "E008",
                file: "scenario.toml",
                line_with: "2026-12-03",
                column_at: "2026-12-03",
                words: &["2026-12-03 is outside the semester"],
            },
            Expect {
                code: "E010",
                file: "scenario.toml",
                line_with: "total = -5000",
                column_at: "-5000",
                words: &["`funds.total` is -5000"],
            },
            Expect {
                code: "E012",
                file: "scenario.toml",
                line_with: "首席辅导员",
                column_at: "\"首席辅导员\"",
                words: &["person `T02` (李静)", "not on the title ladder"],
            },
            Expect {
                code: "E006",
                file: "scenario.toml",
                line_with: "id = \"T01\"\nname = \"张磊\"",
                column_at: "\"T01\"",
                words: &["duplicate id `T01`", "first defined on line"],
            },
        ],
    },
];

use crate::support::root;

/// `tests/fixtures/bad/<dir>`, relative to the crate root.
fn fixture_dir(dir: &str) -> PathBuf {
    Path::new("tests/fixtures/bad").join(dir)
}

/// A file's text as the user's editor shows it (without a byte-order mark).
fn read(path: &Path) -> String {
    let text = std::fs::read_to_string(root().join(path))
        .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    text.strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text)
}

fn fixture(dir: &str) -> &'static Fixture {
    FIXTURES
        .iter()
        .find(|f| f.dir == dir)
        .unwrap_or_else(|| panic!("no fixture `{dir}` in FIXTURES"))
}

/// Apply (old, new) replacements, each to exactly one place.
fn apply(text: &str, edits: &[(&str, &str)], what: &str) -> String {
    let mut out = text.to_string();
    for (old, new) in edits {
        let n = out.matches(old).count();
        assert_eq!(
            n, 1,
            "{what}: the text to replace must occur once, found {n} times: {old:?}"
        );
        out = out.replacen(old, new, 1);
    }
    out
}

/// The files a derived fixture should hold: (file name, content).
fn derived_files(f: &Fixture) -> Vec<(&'static str, String)> {
    let Recipe::Derived { scenario, rules } = &f.recipe else {
        return Vec::new();
    };
    let base = read(Path::new("tests/fixtures/bad/ok-baseline/scenario.toml"));
    // The baseline starts with two comment lines saying it is valid; say what is wrong instead.
    let body = base.splitn(3, '\n').nth(2).unwrap_or("");
    let header = format!(
        "# Bad-input fixture: {}\n# Recipe: tests/bad_input.rs (FIXTURES).\n",
        f.kind
    );
    let mut files = vec![(
        "scenario.toml",
        apply(&format!("{header}{body}"), scenario, f.dir),
    )];
    if let Some(edits) = rules {
        let r = read(Path::new("rules/jzmu.toml"));
        let header = "# Bad-input fixture: a copy of rules/jzmu.toml with one mistake (see scenario.toml).\n";
        files.push(("rules.toml", apply(&format!("{header}{r}"), edits, f.dir)));
    }
    files
}

#[test]
fn fixtures_match_their_recipe() {
    let bless = std::env::var_os("FUDAO_BLESS_FIXTURES").is_some();
    let mut stale = Vec::new();
    for f in FIXTURES {
        for (name, want) in derived_files(f) {
            let path = root().join(fixture_dir(f.dir)).join(name);
            let have = std::fs::read_to_string(&path).unwrap_or_default();
            if have != want {
                if bless {
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(&path, want).unwrap();
                } else {
                    stale.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "fixtures out of step with their recipe (baseline or rules/jzmu.toml changed?): {stale:#?}\n\
         rewrite them with FUDAO_BLESS_FIXTURES=1 cargo test --test it bad_input::fixtures_match_their_recipe"
    );
    // Every fixture directory has a recipe (no forgotten, untested fixtures).
    for entry in std::fs::read_dir(root().join("tests/fixtures/bad")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            name == "ok-baseline" || FIXTURES.iter().any(|f| f.dir == name),
            "tests/fixtures/bad/{name} is not listed in FIXTURES"
        );
    }
}

/// Run `fudao check <path>` from the crate root.
fn run_check(scenario: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_fudao"))
        .arg("check")
        .arg(scenario)
        .current_dir(root())
        .output()
        .expect("run fudao")
}

#[test]
fn baseline_is_valid() {
    // The fixtures are this file plus one kind of mistake; it must pass on its own.
    let out = run_check(&fixture_dir("ok-baseline").join("scenario.toml"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "baseline rejected:\n{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn missing_scenario_file() {
    let path = Path::new("tests/fixtures/bad/no-such-fixture/scenario.toml");
    let out = run_check(path);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(stderr.starts_with("error[E001]: cannot read scenario file `tests/fixtures/bad/no-such-fixture/scenario.toml`"), "{stderr}");
    assert!(
        stderr.contains("无法读取场景文件") && stderr.contains("= help: check the path"),
        "{stderr}"
    );
    assert!(stderr.contains("1 problem(s) found"), "{stderr}");
}

/// Line (1-based) and column (1-based, in characters) of `column_at` on the one line of `text`
/// that contains `line_with` (which may span lines; then its first line counts).
fn locate(text: &str, line_with: &str, column_at: &str, what: &str) -> (usize, usize) {
    let hits: Vec<usize> = text.match_indices(line_with).map(|(i, _)| i).collect();
    assert_eq!(
        hits.len(),
        1,
        "{what}: {line_with:?} must occur exactly once in the file"
    );
    let at = hits[0];
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() + 1;
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line_text = &text[line_start..line_end];
    let col = if column_at == "\n" || column_at.is_empty() {
        // the end of the line
        line_text.chars().count()
    } else {
        let i = line_text
            .find(column_at)
            .unwrap_or_else(|| panic!("{what}: {column_at:?} not on line {line}: {line_text:?}"));
        line_text[..i].chars().count()
    };
    (line, col + 1)
}

/// Run a fixture and check it the way a user would read the output.
fn check_fixture(dir: &str) {
    let f = fixture(dir);
    let fdir = fixture_dir(dir);
    let out = run_check(&fdir.join("scenario.toml"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();

    assert_eq!(
        out.status.code(),
        Some(2),
        "{dir}: exit code\nstderr:\n{stderr}"
    );
    assert!(
        stdout.is_empty(),
        "{dir}: stdout must be empty, got:\n{stdout}"
    );

    // Never a panic or a Rust Debug dump.
    for bad in [
        "panicked",
        "RUST_BACKTRACE",
        "Spanned {",
        "Some(",
        "None",
        "Datetime {",
        "DeValue",
        "Error {",
        "\\u{",
    ] {
        assert!(
            !stderr.contains(bad),
            "{dir}: stderr contains `{bad}`:\n{stderr}"
        );
    }

    // Split into one block per problem.
    let blocks: Vec<&str> = stderr
        .split("error[")
        .skip(1)
        .map(|b| b.split("\n\n").next().unwrap_or(b))
        .collect();
    let n = f.expect.len();
    assert!(
        stderr.contains(&format!("{n} problem(s) found"))
            && stderr.contains(&format!("共发现 {n} 处问题")),
        "{dir}: expected exactly {n} problem(s), got {}:\n{stderr}",
        blocks.len()
    );
    assert_eq!(blocks.len(), n, "{dir}: problem count\n{stderr}");

    for (i, e) in f.expect.iter().enumerate() {
        let path = fdir.join(e.file);
        let place = if e.line_with.is_empty() {
            format!("--> {}", path.display())
        } else {
            let (line, col) = locate(&read(&path), e.line_with, e.column_at, dir);
            format!("--> {}:{line}:{col}\n", path.display())
        };
        let found = blocks.iter().any(|b| {
            b.starts_with(&format!("{}]", e.code))
                && b.contains(&place)
                && b.contains("错误: ")
                && b.contains("= help: ")
                && e.words.iter().all(|w| b.contains(w))
        });
        assert!(
            found,
            "{dir}: problem #{} not reported as expected: [{}] at `{}` with words {:?}\nstderr:\n{stderr}",
            i + 1,
            e.code,
            place.trim(),
            e.words
        );
    }
    // Every block has a bilingual message and a help line.
    for b in &blocks {
        assert!(
            b.contains("错误: ") && b.contains("= help: "),
            "{dir}: incomplete problem:\n{b}"
        );
    }

    // Paths are relative (the binary ran from the crate root), but filter the root anyway so the
    // snapshot is the same on every machine.
    let shown = stderr.replace(&root().display().to_string(), "[ROOT]");
    insta::assert_snapshot!(dir, shown);
}

macro_rules! bad_input_tests {
    ($($name:ident => $dir:literal,)*) => {
        $(
            #[test]
            fn $name() {
                check_fixture($dir);
            }
        )*

        #[test]
        fn every_fixture_has_a_test() {
            let tested = [$($dir),*];
            for f in FIXTURES {
                assert!(tested.contains(&f.dir), "fixture `{}` has no test in bad_input_tests!", f.dir);
            }
        }
    };
}

bad_input_tests! {
    syntax_missing_quote => "syntax-missing-quote",
    syntax_unclosed_bracket => "syntax-unclosed-bracket",
    syntax_fullwidth_quotes => "syntax-fullwidth-quotes",
    rules_syntax_error_still_checks_scenario => "rules-syntax",
    unknown_top_level_key => "unknown-top-level-key",
    unknown_key_in_college => "unknown-key-in-college",
    missing_key => "missing-key",
    wrong_type => "wrong-type",
    duplicate_college => "duplicate-college",
    unknown_college_in_person => "unknown-college-in-person",
    unknown_campus => "unknown-campus",
    unknown_duty_in_speaker => "unknown-duty-in-speaker",
    college_asks_wrong => "college-asks-wrong",
    unknown_group_in_rules => "unknown-group-in-rules",
    date_outside_semester => "date-outside-semester",
    semester_end_before_start => "semester-end-before-start",
    exam_week_end_before_start => "exam-week-end-before-start",
    negative_fund => "negative-fund",
    negative_venue_cost => "negative-venue-cost",
    title_not_on_ladder => "title-not-on-ladder",
    threshold_below_one => "threshold-below-one",
    school_share_above_one => "school-share-above-one",
    makeup_workday_not_weekend => "makeup-not-weekend",
    missing_rules_file_still_checks_scenario => "missing-rules-file",
    roster_reports_all_four_problems => "roster-four-problems",
    roster_not_utf8 => "roster-not-utf8",
    several_problems_in_one_run => "several-problems",
}
