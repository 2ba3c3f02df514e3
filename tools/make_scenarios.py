#!/usr/bin/env python3
"""Generate the bundled scenario files of fudao (scenarios/*.toml, scenarios/*.csv) and check them.

    python3 tools/make_scenarios.py            # write all files, then check them
    python3 tools/make_scenarios.py --check    # only check the files already on disk

Python 3.11 standard library only. Deterministic: every random choice comes from a
`random.Random` with a fixed seed, so running the script twice writes identical files.

All people, speakers and names are FICTIONAL. The university is “辽宁某医科大学”, a made-up
medical university in Liaoning that runs the “九维五类三体两级一营” model of rules/jzmu.toml.

Files written:
  scenarios/jzmu-2026-fall.toml + scenarios/jzmu-2026-fall-staff.csv  the bundled full scenario
  scenarios/small.toml                                               mid-size test scenario
  scenarios/tiny.toml                                                hand-checkable scenario

The check (run after writing) parses every file with tomllib/csv, mirrors the serde structs of
src/wire/scenario.rs (deny_unknown_fields: only known keys, right types), resolves every
reference, checks speaker/visit dates against the calendar, and prints the per-college
full-time counselor table, role counts, new counselors and eligible studio leads per duty.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCEN = ROOT / "scenarios"
RULES_PATH = ROOT / "rules" / "jzmu.toml"

D = dt.date
CSV_HEADER = ["工号", "姓名", "学院", "岗位", "入职日期", "从事辅导员工作时间", "职称", "荣誉称号", "专业特长"]
# the full roster also says when each counselor last had national or provincial training
# (records.external: at least once every five years)
FULL_CSV_HEADER = CSV_HEADER + ["最近省级以上培训"]
LIST_SEP = "；"

DUTIES = [
    "ideology", "party_league", "study_culture", "daily_affairs", "mental_health",
    "online_education", "crisis_response", "career_guidance", "research",
]

# ───────────────────────────── names (fictional) ─────────────────────────────

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡"
    "贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟万段钱汤尹"
    "常武乔贺龚文关佟付鲁"
)
# Given names: natural two-character names, split roughly by generation, plus one-character names.
GIVEN_OLDER = (
    "建国 建华 建军 建平 志刚 志强 志勇 国庆 国栋 国华 国强 永刚 永红 振华 立新 德明 海波 海涛 海燕 "
    "秀英 秀兰 秀梅 淑兰 淑华 玉兰 玉梅 桂芳 桂英 丽华 丽娟 红梅 春燕 冬梅 雪梅 晓东 晓明 晓峰 晓光 "
    "晓燕 晓丽 卫东 卫国 宏伟 伟东 文华 文军 金凤 凤霞 亚军 春雷 学军 跃进 爱华 素梅 艳华 彦军 长青"
).split()
GIVEN_YOUNGER = (
    "子涵 子轩 梓萱 雨桐 雨萱 浩然 浩宇 欣然 欣怡 佳怡 佳琪 佳慧 思远 思琪 思雨 嘉怡 嘉欣 晨曦 宇航 "
    "俊杰 明轩 一鸣 一凡 博文 天宇 昊天 梦瑶 梦琪 诗涵 可馨 心怡 静怡 晓彤 若曦 语嫣 文博 文静 雪莹 "
    "新宇 鑫磊 慧敏 婉婷 雅琪 奕辰 泽宇 睿哲 书瑶 瑞雪 天翼 家豪 子墨 沐阳 雨欣 晓雯 一诺 思齐 铭泽"
).split()
GIVEN_ONE = "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 霞 平 刚 宇 浩 婷 雪 琳 晶 欣 博 昊 瑞 宁 凯 鑫 丹 萍 颖 玲 健 斌 峰 辉 华 亮 林 彤 悦 航 琪 璐 蕾 楠 露 倩 薇 鹏 帆 哲 旭 岩 岚 莹 洁 琦 睿 鸣 毅".split()


# names that read as a place or a famous person/character: never generated
BLOCKED_NAMES = set("沈阳 武松 宋江 李白 杜甫 杨颖 李娜 李宁 张杰 刘洋 王刚 林峰 陈琳 王菲 孙俪 周洁 杨洋 "
                    "韩国庆 黄河 高峰 江华 常州 白露 马超 关羽 张飞 孔明 周瑜 岳飞 文华 林林 江林".split())


class NameMaker:
    """Unique, deterministic, fictional 2–3 character Chinese names."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def make(self, born_early: bool | None = None) -> str:
        """born_early: True for staff who started before ~2008, False for younger staff, None: any."""
        while True:
            s = self.rng.choice(SURNAMES)
            if self.rng.random() < 0.28:
                name = s + self.rng.choice(GIVEN_ONE)
            else:
                if born_early is None:
                    pool = GIVEN_OLDER + GIVEN_YOUNGER
                else:
                    pool = GIVEN_OLDER if born_early else GIVEN_YOUNGER
                name = s + self.rng.choice(pool)
            if name not in self.used and name not in BLOCKED_NAMES:
                self.used.add(name)
                return name


# ───────────────────────────── calendar ─────────────────────────────

def date_range(a: D, b: D):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)


class Calendar:
    def __init__(self, start: D, end: D, holidays, makeup, exams):
        self.start, self.end = start, end
        self.holidays = holidays  # list of (name, start, end)
        self.makeup = makeup      # list of dates
        self.exams = exams        # list of (name, start, end)

    def in_ranges(self, d: D, ranges) -> bool:
        return any(s <= d <= e for _, s, e in ranges)

    def is_workday(self, d: D) -> bool:
        if not (self.start <= d <= self.end):
            return False
        if self.in_ranges(d, self.holidays) or self.in_ranges(d, self.exams):
            return False
        return d.weekday() < 5 or d in self.makeup

    def plain_workdays(self, a: D, b: D) -> list[D]:
        """Mon–Fri workdays in [a, b] (make-up weekend days left out on purpose)."""
        return [d for d in date_range(a, b) if self.is_workday(d) and d.weekday() < 5]

    def spread(self, rng: random.Random, a: D, b: D, k: int) -> list[D]:
        """k workdays spread over [a, b]: one random workday in each of k equal chunks."""
        days = self.plain_workdays(a, b)
        out = []
        for i in range(k):
            lo = i * len(days) // k
            hi = max(lo + 1, (i + 1) * len(days) // k)
            out.append(rng.choice(days[lo:hi]))
        return sorted(set(out))


FALL_2026 = Calendar(
    D(2026, 8, 31), D(2027, 1, 22),
    [("中秋节", D(2026, 9, 25), D(2026, 9, 27)),
     ("国庆节", D(2026, 10, 1), D(2026, 10, 7)),
     ("元旦", D(2027, 1, 1), D(2027, 1, 1))],
    [D(2026, 9, 20), D(2026, 10, 10)],
    [("期末考试周", D(2027, 1, 11), D(2027, 1, 22))],
)
FALL_NAME = "2026—2027学年第一学期"

# the spring after it: 2027's holidays as the usual pattern gives them (the State Council's table
# for 2027 decides; check it and edit here before planning a real spring)
SPRING_2027 = Calendar(
    D(2027, 2, 22), D(2027, 7, 9),
    [("清明节", D(2027, 4, 3), D(2027, 4, 5)),
     ("劳动节", D(2027, 5, 1), D(2027, 5, 5)),
     ("端午节", D(2027, 6, 9), D(2027, 6, 11))],
    [],
    [("期末考试周", D(2027, 6, 28), D(2027, 7, 9))],
)
SPRING_NAME = "2026—2027学年第二学期"

TINY_CAL = Calendar(
    D(2026, 11, 2), D(2026, 12, 25), [], [],
    [("期末考试周", D(2026, 12, 21), D(2026, 12, 25))],
)

# ───────────────────────────── TOML writing ─────────────────────────────


def tstr(s: str) -> str:
    """A TOML basic string (JSON escapes are valid TOML escapes)."""
    return json.dumps(s, ensure_ascii=False)


def tval(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, D):
        return v.isoformat()
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        r = repr(v)
        return r if ("." in r or "e" in r) else r + ".0"
    if isinstance(v, str):
        return tstr(v)
    if isinstance(v, list):
        return "[" + ", ".join(tval(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {tval(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


class Toml:
    def __init__(self, header: str):
        self.lines = [header.rstrip("\n"), ""]

    def comment(self, text: str):
        for line in text.strip("\n").split("\n"):
            self.lines.append(("# " + line).rstrip())

    def table(self, name: str, kv: dict, array: bool = False):
        self.lines.append(f"[[{name}]]" if array else f"[{name}]")
        for k, v in kv.items():
            if v is None:
                continue
            self.lines.append(f"{k} = {tval(v)}")
        self.lines.append("")

    def blank(self):
        self.lines.append("")

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


def write_common(t: Toml, meta: dict, cal: Calendar, sem_name: str, campuses, travel, colleges,
                 venues, speakers, visits, courses, funds_total: float):
    t.table("meta", meta)
    t.table("semester", {
        "name": sem_name,
        "start": cal.start,
        "end": cal.end,
        "holidays": [{"name": n, "start": s, "end": e} for n, s, e in cal.holidays],
        "makeup_workdays": list(cal.makeup),
        "exam_weeks": [{"name": n, "start": s, "end": e} for n, s, e in cal.exams],
    })
    t.comment("校区 / campuses")
    for c in campuses:
        t.table("campuses", c, array=True)
    t.comment("校区间交通（单程，对称）/ travel between campuses (one way, symmetric)")
    for tr in travel:
        t.table("travel", tr, array=True)
    t.comment("学院 / colleges: discipline = 学科专业特色, stage = 学段")
    for c in colleges:
        t.table("colleges", c, array=True)
    t.comment("场地（cost = 每半天费用，元）/ venues (cost per half-day, yuan)")
    for v in venues:
        t.table("venues", v, array=True)
    t.comment("“请进来”：可邀请的典型人物与专家（fee 含差旅，元/场）/ speakers who can be invited (fee per session, travel included)")
    for s in speakers:
        t.table("speakers", s, array=True)
    t.comment("“走出去”：考察学习单位 / study-visit destinations")
    for v in visits:
        t.table("visits", v, array=True)
    t.comment("网络平台及线上培训 / online courses")
    for c in courses:
        t.table("online_courses", c, array=True)
    t.comment("校院两级培训专项经费（本学期，元）/ the semester's training fund (yuan)")
    t.table("funds", {"total": float(funds_total)})


def person_toml(p: dict) -> dict:
    return {
        "id": p["id"],
        "name": p["name"],
        "college": p["college"],
        "role": p["role"],
        "hired": p["hired"],
        "counselor_since": p["since"] if p.get("write_since", True) else None,
        "title": p["title"] or None,
        "honors": p["honors"] or None,
        "specialties": p["specs"] or None,
    }


# ───────────────────────────── people helpers ─────────────────────────────

HONOR_POOL = [  # (honor, weight) for ordinary staff
    ("校优秀辅导员", 5),
    ("优秀共产党员", 4),
    ("易班优课优秀指导教师", 2),
    ("辽宁省高校辅导员素质能力大赛三等奖", 2),
    ("校优秀学生工作者", 2),
]
# honors for staff who were never counselors (no counselor-specific awards)
STAFF_HONOR_POOL = [("优秀共产党员", 3), ("校优秀学生工作者", 3), ("校优秀党务工作者", 1)]
SPEC_WEIGHTS = {
    "ideology": 3, "party_league": 4, "study_culture": 3, "daily_affairs": 5, "mental_health": 5,
    "online_education": 3, "crisis_response": 2, "career_guidance": 4, "research": 2,
}
SINCE_MD = [(7, 1), (7, 1), (7, 1), (9, 1), (9, 1), (7, 15), (8, 20), (3, 1), (12, 1), (10, 8)]


def wchoice(rng, pairs):
    items, weights = zip(*pairs)
    return rng.choices(items, weights=weights, k=1)[0]


def pick_specs(rng, lo=1, hi=3, must=None) -> list[str]:
    k = rng.randint(lo, hi)
    out = list(must or [])
    while len(out) < k:
        d = wchoice(rng, list(SPEC_WEIGHTS.items()))
        if d not in out:
            out.append(d)
    return [d for d in DUTIES if d in out]  # canonical order


def full_years(a: D, b: D) -> int:
    if b < a:
        return 0
    y = b.year - a.year
    if (b.month, b.day) < (a.month, a.day):
        y -= 1
    return max(y, 0)


def months_between(a: D, b: D) -> int:
    m = (b.year - a.year) * 12 + b.month - a.month
    if b >= a and b.day < a.day:
        m -= 1
    elif b < a and b.day > a.day:
        m += 1
    return m


def ordinary_title(rng, years: int, engineering: bool) -> str:
    if years <= 2:
        pool = ["", "助教", "助教"]
    elif years <= 5:
        pool = ["助教", "讲师", "讲师（思政）", "讲师"]
    elif years <= 9:
        pool = ["讲师", "讲师（思政）", "讲师", "讲师（思政）", "副教授（思政）"]
    else:
        pool = ["讲师", "讲师（思政）", "讲师（思政）", "讲师", "副教授", "副教授（思政）", "副研究员"]
    t = rng.choice(pool)
    if engineering and t == "讲师" and rng.random() < 0.5:
        t = "工程师"
    return t


def ordinary_honors(rng, years: int) -> list[str]:
    if years < 3 or rng.random() > 0.16:
        return []
    h = [wchoice(rng, HONOR_POOL)]
    if rng.random() < 0.2:
        h2 = wchoice(rng, HONOR_POOL)
        if h2 not in h:
            h.append(h2)
    return h


class Ladder:
    def __init__(self, rules: dict):
        self.level_of: dict[str, tuple[str, int]] = {}
        for lv in rules["title_levels"]:
            for t in lv["titles"]:
                self.level_of[t] = (lv["id"], lv["rank"])
        self.rank_of_level = {lv["id"]: lv["rank"] for lv in rules["title_levels"]}

    @staticmethod
    def base(title: str) -> str:
        for sep in ("（", "("):
            if sep in title:
                title = title.split(sep, 1)[0]
        return title.strip()

    def rank(self, title: str) -> int | None:
        if not title:
            return None
        b = self.base(title)
        return self.level_of[b][1] if b in self.level_of else None


def load_rules() -> dict:
    with open(RULES_PATH, "rb") as f:
        return tomllib.load(f)


def lead_eligible(p: dict, rules: dict, ladder: Ladder, at: D) -> bool:
    lead = rules["studios"]["lead"]
    if p["role"] not in lead["roles"]:
        return False
    since = p["since"]
    if since is None or full_years(since, at) < lead["min_years_as_counselor"]:
        return False
    r = ladder.rank(p["title"])
    if r is None or r < ladder.rank_of_level[lead["min_title_level"]]:
        return False
    if lead.get("honor_required") and not p["honors"]:
        return False
    return True


# ════════════════════════════ the full scenario ════════════════════════════

FULL_CAMPUSES = [
    {"id": "songpo", "name": "松坡校区"},
    {"id": "binhe", "name": "滨河校区"},
    {"id": "huanghai", "name": "黄海校区"},
]
FULL_TRAVEL = [
    {"from": "songpo", "to": "binhe", "minutes": 30.0, "cost_per_person": 15.0},
    {"from": "songpo", "to": "huanghai", "minutes": 70.0, "cost_per_person": 40.0},
    {"from": "binhe", "to": "huanghai", "minutes": 60.0, "cost_per_person": 35.0},
]
# id, name, campus, discipline, stage, full-time counselors
FULL_COLLEGES = [
    ("c01", "第一临床医学院", "songpo", "clinical", "undergraduate", 9),
    ("c02", "第二临床医学院", "songpo", "clinical", "undergraduate", 7),
    ("c03", "基础医学院", "songpo", "basic_medicine", "undergraduate", 3),
    ("c04", "药学院", "songpo", "pharmacy", "undergraduate", 6),
    ("c05", "公共卫生学院", "songpo", "public_health", "undergraduate", 2),
    ("c06", "口腔医学院", "songpo", "clinical", "undergraduate", 3),
    ("c07", "医学影像学院", "songpo", "medical_tech", "undergraduate", 6),
    ("c08", "医学检验学院", "songpo", "medical_tech", "undergraduate", 6),
    ("c09", "人文与管理学院", "songpo", "humanities", "undergraduate", 6),
    ("c10", "马克思主义学院", "songpo", "humanities", "undergraduate", 2),
    ("c11", "研究生学院", "songpo", "clinical", "graduate", 6),
    ("c12", "国际教育学院", "songpo", "clinical", "international", 6),
    ("c13", "护理学院", "binhe", "nursing", "undergraduate", 8),
    ("c14", "康复医学院", "binhe", "medical_tech", "undergraduate", 4),
    ("c15", "外国语学院", "binhe", "humanities", "undergraduate", 3),
    ("c16", "信息与工程学院", "binhe", "engineering", "undergraduate", 6),
    ("c17", "体育与健康学院", "binhe", "humanities", "undergraduate", 6),
    ("c18", "护理职业技术学院", "huanghai", "nursing", "vocational", 7),
    ("c19", "食品与健康学院", "huanghai", "agriculture", "undergraduate", 3),
    ("c20", "畜牧兽医学院", "huanghai", "agriculture", "undergraduate", 3),
]
FULL_VENUES = [
    {"id": "sp_hall", "name": "松坡校区学术报告厅", "campus": "songpo", "capacity": 400, "cost": 800.0},
    {"id": "sp_meeting", "name": "松坡校区行政楼第一会议室", "campus": "songpo", "capacity": 80, "cost": 200.0},
    {"id": "sp_seminar", "name": "松坡校区图书馆研讨室", "campus": "songpo", "capacity": 40, "cost": 100.0},
    {"id": "bh_hall", "name": "滨河校区报告厅", "campus": "binhe", "capacity": 200, "cost": 500.0},
    {"id": "bh_meeting", "name": "滨河校区会议室", "campus": "binhe", "capacity": 60, "cost": 150.0},
    {"id": "hh_hall", "name": "黄海校区报告厅", "campus": "huanghai", "capacity": 150, "cost": 400.0},
    {"id": "hh_meeting", "name": "黄海校区会议室", "campus": "huanghai", "capacity": 40, "cost": 100.0},
] + [
    # seminar rooms for the studios' topic exchanges held right after the monthly meeting
    {"id": f"sp_room{i}", "name": f"松坡校区教学楼第{i}研讨室", "campus": "songpo", "capacity": 24 if i % 2 else 30, "cost": 50.0}
    for i in range(1, 9)
]
# id, level, kind, note, fee, duties, number of dates
FULL_SPEAKERS = [
    ("S01", "internal", "expert", "本校心理健康教育与咨询中心主任，国家二级心理咨询师", 800.0,
     ["mental_health", "crisis_response"], 7),
    ("S02", "internal", "expert", "本校党委宣传部网络思政中心负责人，易班工作站指导教师", 600.0,
     ["online_education"], 6),
    ("S03", "internal", "expert", "本校招生就业处副处长，全球职业规划师（GCDF）", 600.0,
     ["career_guidance"], 6),
    ("S04", "internal", "expert", "本校马克思主义学院教授，思想政治教育专业硕士生导师", 1000.0,
     ["ideology", "research"], 5),
    ("S05", "internal", "role_model", "本校辅导员，辽宁省高校辅导员年度人物提名奖获得者", 500.0,
     ["daily_affairs", "party_league"], 8),
    ("S06", "provincial", "role_model", "省内高校辅导员，辽宁省高校辅导员年度人物", 3000.0,
     ["party_league", "study_culture"], 5),
    ("S07", "provincial", "role_model", "省内医学院校辅导员，辽宁省高校辅导员年度人物", 3000.0,
     ["mental_health"], 5),
    ("S08", "provincial", "role_model", "省内高校学生工作部副部长，辽宁省高校辅导员年度人物", 2500.0,
     ["career_guidance", "daily_affairs"], 6),
    ("S09", "provincial", "role_model", "省内高校辅导员，全国高校辅导员素质能力大赛一等奖获得者", 3500.0,
     ["online_education", "ideology"], 4),
    ("S10", "provincial", "expert", "辽宁省高校辅导员培训和研修基地特聘专家", 3500.0,
     ["research", "ideology"], 5),
    ("S11", "provincial", "expert", "省高校心理危机干预专家组成员，精神科主任医师", 4000.0,
     ["crisis_response", "mental_health"], 5),
    ("S12", "national", "expert", "教育部高校辅导员培训和研修基地（省外某部属高校）教授", 10000.0,
     ["ideology", "research"], 4),
    ("S13", "national", "expert", "全国高校心理健康教育专家指导委员会委员（省外）", 8000.0,
     ["mental_health", "crisis_response"], 4),
    ("S14", "national", "expert", "省外高校网络思想政治教育研究中心主任", 7000.0,
     ["online_education", "party_league"], 4),
    ("S15", "national", "expert", "省外医科大学学生工作部部长，学风建设与就业指导研究专家", 6000.0,
     ["study_culture", "career_guidance", "daily_affairs"], 4),
]
FULL_VISITS = [
    ("V01", "中国医科大学学生工作部", "沈阳", ["ideology", "party_league"], 300.0, 150.0, 30, 5),
    ("V02", "大连医科大学", "大连", ["mental_health", "crisis_response"], 400.0, 180.0, 25, 4),
    ("V03", "辽宁中医药大学", "沈阳", ["career_guidance", "daily_affairs"], 300.0, 150.0, 20, 3),
]
ALLIANCE = "全国医科院校学生思想政治教育工作联盟"
LN_PLATFORM = "辽宁省高校辅导员网络培训平台"
MOOC = "中国大学MOOC"
FULL_COURSES = [
    ("O01", "新时代高校思想政治教育理论前沿", ALLIANCE, ["ideology", "research"], 0.0, D(2026, 9, 7), D(2026, 12, 31)),
    ("O02", "医学生心理危机识别与干预", ALLIANCE, ["mental_health", "crisis_response"], 50.0, D(2026, 9, 14), D(2026, 12, 25)),
    ("O03", "网络思想政治教育与易班建设实务", LN_PLATFORM, ["online_education"], 0.0, D(2026, 9, 7), D(2026, 12, 31)),
    ("O04", "医学生职业生涯规划与就业创业指导", MOOC, ["career_guidance"], 30.0, D(2026, 9, 1), D(2027, 1, 8)),
    ("O05", "高校学生党团组织与班级建设", LN_PLATFORM, ["party_league"], 0.0, D(2026, 10, 8), D(2026, 12, 31)),
    ("O06", "医学院校学风建设案例精讲", ALLIANCE, ["study_culture", "daily_affairs"], 40.0, D(2026, 10, 12), D(2026, 12, 25)),
    ("O07", "辅导员科研能力提升：课题申报与论文写作", MOOC, ["research"], 80.0, D(2026, 9, 14), D(2027, 1, 8)),
    ("O08", "学生事务管理法规与典型案例", LN_PLATFORM, ["daily_affairs", "crisis_response"], 20.0, D(2026, 11, 2), D(2026, 12, 31)),
]

# Designated studio-lead candidates and near misses: tag, role, college, since, hired, title, honors, specs.
# hired=None means hired == since.
FULL_LEADS = [
    ("L01", "counselor", "c01", D(2005, 7, 1), None, "副教授（思政）", ["辽宁省高校辅导员年度人物"], ["ideology", "party_league"]),
    ("L02", "counselor", "c02", D(2008, 7, 1), None, "副教授", ["辽宁省高校辅导员素质能力大赛三等奖", "校优秀辅导员"], ["mental_health", "crisis_response"]),
    ("L03", "counselor", "c13", D(2010, 9, 1), None, "副研究员", ["校优秀辅导员"], ["daily_affairs", "career_guidance"]),
    ("L04", "counselor", "c18", D(2012, 7, 1), None, "副教授（思政）", ["辽宁省高校辅导员年度人物提名奖"], ["study_culture", "online_education"]),
    ("L05", "counselor", "c11", D(2003, 7, 1), None, "教授", ["优秀共产党员"], ["ideology", "research"]),
    ("L06", "counselor", "c16", D(2014, 7, 1), None, "高级工程师", ["易班优课优秀指导教师"], ["online_education"]),
    ("L07", "counselor", "c04", D(2009, 7, 1), None, "副教授", ["校优秀辅导员"], ["study_culture", "research"]),
    ("L08", "deputy_secretary", "c01", D(2001, 7, 1), None, "副教授", ["优秀共产党员", "校优秀学生工作者"], ["party_league", "daily_affairs"]),
    ("L09", "deputy_secretary", "c13", D(2004, 7, 1), None, "副研究员", ["校优秀辅导员"], ["mental_health"]),
    ("L10", "deputy_secretary", "c07", D(2006, 7, 1), None, "教授", ["辽宁省高校辅导员年度人物"], ["crisis_response", "research"]),
    ("L11", "deputy_secretary", "c18", D(2007, 7, 1), D(2003, 7, 1), "副教授（思政）", ["优秀共产党员"], ["career_guidance"]),
    ("L12", "cadre", None, D(2000, 7, 1), None, "研究员", ["优秀共产党员"], ["daily_affairs", "crisis_response"]),
    ("L13", "cadre", None, D(2011, 7, 1), None, "副研究员", ["校优秀辅导员"], ["ideology", "online_education"]),
    ("L14", "cadre", "c09", D(2002, 9, 1), None, "副教授", ["辽宁省高校辅导员素质能力大赛三等奖"], ["mental_health", "career_guidance"]),
    # near misses
    ("N01", "counselor", "c08", D(2017, 7, 1), None, "副教授", ["校优秀辅导员"], ["mental_health"]),  # 9 years
    ("N02", "counselor", "c12", D(2014, 9, 1), None, "讲师（思政）", ["辽宁省高校辅导员素质能力大赛三等奖"], ["ideology"]),  # title below 副高
    ("N03", "deputy_secretary", "c03", D(2011, 7, 1), None, "副教授", [], ["research"]),  # 15 years, no honor
    ("N04", "counselor", "c17", D(2016, 9, 1), None, "副研究员", ["优秀共产党员"], ["party_league"]),  # 9 years by one day
]
# new full-time counselors per college (hired within 12 months before 2026-08-31)
FULL_NEW = {"c01": 2, "c02": 1, "c03": 1, "c04": 1, "c07": 1, "c08": 1, "c11": 1, "c12": 1,
            "c13": 2, "c14": 1, "c16": 1, "c18": 1, "c19": 1}
NEW_HIRE_DATES = [D(2025, 9, 1), D(2025, 9, 1), D(2025, 9, 1), D(2025, 10, 13), D(2025, 12, 1),
                  D(2026, 3, 2), D(2026, 3, 2), D(2026, 7, 1), D(2026, 7, 1), D(2026, 7, 1),
                  D(2026, 7, 1), D(2026, 7, 1), D(2026, 7, 15), D(2026, 7, 15), D(2026, 8, 10)]
# colleges with part-time counselors
FULL_PART_TIME = ["c01", "c02", "c05", "c10", "c11", "c11", "c12", "c13", "c18", "c20"]
# colleges with a management cadre (the other cadres work at school level: 学生工作部/团委/心理中心/就业处)
FULL_COLLEGE_CADRES = ["c01", "c13", "c18"]  # plus L14 in c09
FULL_CADRES = 15


def gen_full(rules: dict, ladder: Ladder):
    rng = random.Random(20260831)
    names = NameMaker(random.Random(1998))
    at = FALL_2026.start
    college_ids = [c[0] for c in FULL_COLLEGES]
    engineering = {c[0] for c in FULL_COLLEGES if c[3] == "engineering"}
    people: list[dict] = []

    def person(role, college, since, hired, title, honors, specs, tag):
        first = min(d for d in (since, hired) if d is not None)
        return {"id": None, "name": names.make(first.year < 2008), "college": college, "role": role,
                "hired": hired or since, "since": since, "title": title, "honors": list(honors),
                "specs": [d for d in DUTIES if d in specs], "tag": tag, "write_since": True}

    designated = {}
    for tag, role, college, since, hired, title, honors, specs in FULL_LEADS:
        designated.setdefault((role, college), []).append(
            person(role, college, since, hired, title, honors, specs, tag))

    # ── full-time counselors ──
    new_dates = list(NEW_HIRE_DATES)
    rng.shuffle(new_dates)
    year_weights = ([(y, 0.5) for y in range(1999, 2006)] + [(y, 1.5) for y in range(2006, 2013)]
                    + [(y, 3) for y in range(2013, 2020)] + [(y, 4) for y in range(2020, 2025)]
                    + [(2025, 1)])
    counselors_by_college: dict[str, list[dict]] = {}
    for cid, _n, _campus, _disc, _stage, count in FULL_COLLEGES:
        group = list(designated.pop(("counselor", cid), []))
        for _ in range(FULL_NEW.get(cid, 0)):
            h = new_dates.pop()
            title = "助教" if rng.random() < 0.25 else ""
            specs = pick_specs(rng, 1, 2)
            group.append(person("counselor", cid, h, h, title, [], specs, "new"))
        while len(group) < count:
            y = wchoice(rng, year_weights)
            m, d = (7, 1) if y == 2025 else rng.choice(SINCE_MD)
            since = D(y, m, d)
            hired = since
            if rng.random() < 0.08:  # came from another post at the university
                hired = D(y - rng.randint(1, 4), 7, 1)
            yrs = full_years(since, at)
            p = person("counselor", cid, since, hired, ordinary_title(rng, yrs, cid in engineering),
                       ordinary_honors(rng, yrs), pick_specs(rng), "ordinary")
            group.append(p)
        assert len(group) == count, (cid, len(group), count)
        group.sort(key=lambda p: (p["since"], p["name"]))
        counselors_by_college[cid] = group
    n = 0
    for cid in college_ids:
        for p in counselors_by_college[cid]:
            n += 1
            p["id"] = f"T{n:04d}"
            people.append(p)
    # a few rows leave 从事辅导员工作时间 empty: it defaults to 入职日期 for counselors
    blanks = [p for p in people if p["tag"] == "ordinary" and p["hired"] == p["since"]]
    for p in rng.sample(blanks, 4):
        p["write_since"] = False

    # ── part-time counselors ──
    for i, cid in enumerate(FULL_PART_TIME, 1):
        clinical = cid in ("c01", "c02", "c11")
        if i == 4:  # a young teacher just hired, also a part-time counselor: a new counselor
            hired = D(2026, 7, 1)
            since = hired
            title = "助教"
        else:
            hired = D(rng.randint(2010, 2022), 7, 1)
            since = D(rng.randint(max(hired.year, 2018), 2025), 9, 1)
            if hired.year >= 2021:
                title = "助教"
            else:
                title = rng.choice(["主治医师", "讲师"] if clinical else ["讲师"])
        p = person("part_time_counselor", cid, since, hired, title, [], pick_specs(rng, 1, 2), "part_time")
        p["id"] = f"P{i:03d}"
        people.append(p)

    # ── deputy secretaries, one per college ──
    for i, cid in enumerate(college_ids, 1):
        des = designated.pop(("deputy_secretary", cid), [])
        if des:
            p = des[0]
        else:
            hired = D(rng.randint(1998, 2013), 7, 1)
            was_counselor = rng.random() < 0.55
            since = hired if was_counselor else None
            if cid in ("c01", "c02") and rng.random() < 0.7:
                title = "副主任医师"
            else:
                title = wchoice(rng, [("副教授", 8), ("副研究员", 5), ("讲师", 3), ("教授", 2), ("副教授（思政）", 2)])
            honors = ([wchoice(rng, HONOR_POOL if was_counselor else STAFF_HONOR_POOL)]
                      if rng.random() < 0.35 else [])
            p = person("deputy_secretary", cid, since, hired, title, honors, pick_specs(rng, 1, 3), "ordinary")
            if since is None:
                p["write_since"] = False
        p["id"] = f"D{i:03d}"
        people.append(p)

    # ── management cadres ──
    cadres = []
    cadres.extend(designated.pop(("cadre", None)))
    cadres.extend(designated.pop(("cadre", "c09")))
    assert not designated, designated
    for cid in FULL_COLLEGE_CADRES:
        hired = D(rng.randint(2008, 2020), 7, 1)
        cadres.append(person("cadre", cid, hired, hired, rng.choice(["讲师", "讲师（思政）", "助教"]),
                             [], pick_specs(rng, 1, 2), "ordinary"))
    while len(cadres) < FULL_CADRES:
        hired = D(rng.randint(1998, 2024), rng.choice([7, 7, 9, 3]), 1)
        was_counselor = rng.random() < 0.5
        since = hired if was_counselor else None
        yrs = full_years(hired, at)
        if yrs < 5:
            title = rng.choice(["", "助教", "研究实习员"])
        else:
            title = wchoice(rng, [("讲师", 4), ("副研究员", 3), ("工程师", 2), ("馆员", 1), ("经济师", 1), ("副教授", 1)])
        honors = ([wchoice(rng, HONOR_POOL if was_counselor else STAFF_HONOR_POOL)]
                  if rng.random() < 0.3 else [])
        p = person("cadre", None, since, hired, title, honors, pick_specs(rng, 1, 2), "ordinary")
        if since is None:
            p["write_since"] = False
        cadres.append(p)
    # school-level first, then college cadres
    cadres.sort(key=lambda p: (p["college"] is not None, p["college"] or "", p["hired"]))
    for i, p in enumerate(cadres, 1):
        p["id"] = f"M{i:03d}"
        people.append(p)

    # Only the designated people may be eligible studio leads: strip honors from any ordinary
    # person who happens to meet every lead condition, so the lead pool stays as designed.
    # Half of them keep the honor with a title below 副高 (candidates for the title waiver).
    fix = random.Random(43)
    for p in people:
        if p["tag"] in ("ordinary", "new", "part_time") and lead_eligible(p, rules, ladder, at):
            if p["role"] == "counselor" and fix.random() < 0.5:
                p["title"] = "讲师（思政）"
            else:
                p["honors"] = []
    return people


def write_full(rules: dict, ladder: Ladder):
    people = gen_full(rules, ladder)
    rng = random.Random(915)
    cal = FALL_2026
    header = """\
# 场景：辽宁某医科大学 2026—2027学年第一学期 学工队伍培训计划（完整示例，随本项目发布）
# 一所虚构的辽宁医科大学：3 个校区、20 个学院、约百名专职辅导员，按 rules/jzmu.toml 的
# “九维五类三体两级一营”模式编排本学期的集中培训、工作室、月度例会、学院（联合）培训和训练营。
# 人员名单见 jzmu-2026-fall-staff.csv（UTF-8 带 BOM，可用 Excel/WPS 打开编辑）。
# 本文件中的学校、人员、专家姓名均为虚构，如有雷同纯属巧合；考察单位为省内真实院校名称，仅作示例。
#
# Scenario: the bundled full example — a FICTIONAL medical university in Liaoning (“辽宁某医科大学”),
# fall semester 2026—2027-1 (2026-08-31 .. 2027-01-22): 3 campuses, 20 colleges, about a hundred
# full-time counselors, planned under rules/jzmu.toml. The staff roster is jzmu-2026-fall-staff.csv.
# All people and speaker names are fictional; any resemblance to real persons is coincidental.
# Visit hosts are real Liaoning universities, used only as plausible destinations.
#
# Generated by tools/make_scenarios.py (deterministic); edit that script and re-run it rather than
# editing this file by hand.
"""
    t = Toml(header)
    colleges = [{"id": c[0], "name": c[1], "campus": c[2], "discipline": c[3], "stage": c[4],
                 **FULL_COLLEGE_ASKS.get(c[0], {})} for c in FULL_COLLEGES]
    speakers = []
    names = NameMaker(random.Random(2027))
    for sid, level, kind, note, fee, duties, k in FULL_SPEAKERS:
        dates = cal.spread(rng, D(2026, 9, 7), D(2026, 12, 31), k)
        speakers.append({"id": sid, "name": names.make(), "level": level, "kind": kind, "note": note,
                         "fee": fee, "duties": duties, "dates": dates})
    visits = []
    for vid, name, city, duties, cost, minutes, cap, k in FULL_VISITS:
        dates = cal.spread(rng, D(2026, 10, 12), D(2026, 12, 18), k)
        visits.append({"id": vid, "name": name, "city": city, "duties": duties, "cost_per_person": cost,
                       "travel_minutes": minutes, "max_attendees": cap, "dates": dates})
    courses = [{"id": c[0], "name": c[1], "provider": c[2], "duties": c[3], "cost_per_person": c[4],
                "open_from": c[5], "open_to": c[6]} for c in FULL_COURSES]
    write_common(
        t,
        {"id": "jzmu-2026-fall", "name": "辽宁某医科大学2026—2027学年第一学期学工队伍培训（虚构示例）",
         "rules": "../rules/jzmu.toml", "roster": "jzmu-2026-fall-staff.csv",
         "records": "../records/jzmu.sqlite"},
        cal, FALL_NAME, FULL_CAMPUSES, FULL_TRAVEL, colleges, FULL_VENUES, speakers, visits, courses, 300000.0,
    )
    (SCEN / "jzmu-2026-fall.toml").write_text(t.text(), encoding="utf-8")

    zh_role = {r["id"]: r["zh"] for r in rules["roles"]}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(FULL_CSV_HEADER)
    ext = random.Random(55)
    at = FALL_2026.start
    for p in people:
        # most counselors of five years or more went to a provincial or national course in the
        # last five years (summer courses, 7-10 July); some never did, some long ago
        last = ""
        if p["since"] and p["role"] in ("counselor", "part_time_counselor") and full_years(p["since"], at) >= 3:
            u = ext.random()
            first = max(p["since"].year + 1, 2012)
            if u < 0.7 and first <= 2026:
                last = D(ext.randint(max(first, 2022), 2026), 7, ext.randint(7, 10)).isoformat()
            elif u < 0.85 and first <= 2020:
                last = D(ext.randint(first, 2020), 7, ext.randint(7, 10)).isoformat()
        row = [
            p["id"], p["name"], p["college"] or "", zh_role[p["role"]], p["hired"].isoformat(),
            p["since"].isoformat() if (p["since"] and p["write_since"]) else "",
            p["title"], LIST_SEP.join(p["honors"]), LIST_SEP.join(p["specs"]), last,
        ]
        assert not any("," in c or '"' in c or "\n" in c for c in row), row
        w.writerow(row)
    (SCEN / "jzmu-2026-fall-staff.csv").write_text("\ufeff" + buf.getvalue(), encoding="utf-8")


def write_spring():
    """The spring after the bundled fall: the same university and staff (the fall roster), the
    speakers and hosts with spring dates, and the same record — so the spring plan counts what the
    fall delivered and what its camp found (`fudao record`)."""
    rng = random.Random(2027_02)
    cal = SPRING_2027
    header = """\
# 场景：辽宁某医科大学 2026—2027学年第二学期（春季）学工队伍培训计划（虚构示例，接续秋季学期）
# 与 jzmu-2026-fall.toml 同一所虚构学校、同一份人员名单；专家与考察单位为春季日期。
# [meta] records 指向与秋季相同的培训记录库：秋季计划、签到与训练营成绩记录后（fudao record），
# 本学期计划扣除本学年已完成的学时，并把训练营发现的薄弱职责作为需求。
# 2027 年节假日按惯例估计，以国务院公布的安排为准，计划前请核对。
#
# Scenario: the spring semester 2026—2027-2 (2027-02-22 .. 2027-07-09) of the same FICTIONAL
# university as jzmu-2026-fall.toml, same roster, same record (`[meta] records`): once the fall's
# plan, sign-in sheets and camp are recorded, this plan counts the year's hours already done and
# takes the camp's weak duties as needs. 2027 holidays are estimated; check the official table.
#
# Generated by tools/make_scenarios.py (deterministic); edit that script and re-run it rather than
# editing this file by hand.
"""
    t = Toml(header)
    asks = {
        "c01": {"unavailable": [{"name": "临床技能考核周", "start": D(2027, 5, 17), "end": D(2027, 5, 21)}]},
        "c11": {"themes": ["research", "career_guidance"]},
        "c12": {"themes": ["crisis_response", "daily_affairs"]},
        "c13": {"themes": ["career_guidance"]},
        "c16": {"themes": ["online_education"]},
    }
    colleges = [{"id": c[0], "name": c[1], "campus": c[2], "discipline": c[3], "stage": c[4],
                 **asks.get(c[0], {})} for c in FULL_COLLEGES]
    speakers = []
    names = NameMaker(random.Random(2027))
    for sid, level, kind, note, fee, duties, k in FULL_SPEAKERS:
        dates = cal.spread(rng, D(2027, 3, 1), D(2027, 6, 18), k)
        speakers.append({"id": sid, "name": names.make(), "level": level, "kind": kind, "note": note,
                         "fee": fee, "duties": duties, "dates": dates})
    visits = []
    for vid, name, city, duties, cost, minutes, cap, k in FULL_VISITS:
        dates = cal.spread(rng, D(2027, 3, 22), D(2027, 6, 11), k)
        visits.append({"id": vid, "name": name, "city": city, "duties": duties, "cost_per_person": cost,
                       "travel_minutes": minutes, "max_attendees": cap, "dates": dates})
    courses = [{"id": c[0], "name": c[1], "provider": c[2], "duties": c[3], "cost_per_person": c[4],
                "open_from": D(2027, 3, 1), "open_to": D(2027, 6, 25)} for c in FULL_COURSES]
    write_common(
        t,
        {"id": "jzmu-2027-spring", "name": "辽宁某医科大学2026—2027学年第二学期学工队伍培训（虚构示例）",
         "rules": "../rules/jzmu.toml", "roster": "jzmu-2026-fall-staff.csv",
         "records": "../records/jzmu.sqlite"},
        cal, SPRING_NAME, FULL_CAMPUSES, FULL_TRAVEL, colleges, FULL_VENUES, speakers, visits, courses, 300000.0,
    )
    (SCEN / "jzmu-2027-spring.toml").write_text(t.text(), encoding="utf-8")


# ════════════════════════════ small ════════════════════════════

SMALL_COLLEGES = [
    ("c01", "临床医学院", "songpo", "clinical", "undergraduate"),
    ("c02", "基础医学院", "songpo", "basic_medicine", "undergraduate"),
    ("c03", "药学院", "songpo", "pharmacy", "undergraduate"),
    ("c04", "护理学院", "binhe", "nursing", "undergraduate"),
    ("c05", "医学技术学院", "binhe", "medical_tech", "undergraduate"),
    ("c06", "人文与管理学院", "binhe", "humanities", "undergraduate"),
]

# id, name, college, role, hired, since (None = not a counselor; "=" = same as hired), title, honors, specs
def small_people():
    H = None
    same = "="
    rows = [
        # c01 临床医学院: 8 full-time counselors (independent)
        ("T01", "曲文博", "c01", "counselor", D(2006, 7, 1), same, "副教授（思政）", ["辽宁省高校辅导员年度人物"], ["ideology", "party_league"]),
        ("T02", "闫秀梅", "c01", "counselor", D(2010, 7, 1), same, "副教授", ["校优秀辅导员"], ["mental_health", "crisis_response"]),
        ("T03", "许志刚", "c01", "counselor", D(2013, 7, 1), same, "讲师（思政）", ["优秀共产党员"], ["daily_affairs"]),
        ("T04", "马欣然", "c01", "counselor", D(2017, 9, 1), same, "讲师", [], ["study_culture", "career_guidance"]),
        ("T05", "白冬雪", "c01", "counselor", D(2019, 7, 1), same, "讲师", [], ["online_education"]),
        ("T06", "邹凯", "c01", "counselor", D(2021, 7, 1), same, "助教", [], ["party_league", "daily_affairs"]),
        ("T07", "金晓彤", "c01", "counselor", D(2025, 9, 1), same, "", [], ["mental_health"]),
        ("T08", "卢浩然", "c01", "counselor", D(2026, 7, 1), same, "", [], ["online_education", "career_guidance"]),
        # c02 基础医学院: 4
        ("T09", "石秋菊", "c02", "counselor", D(2011, 7, 1), same, "副研究员", ["校优秀辅导员"], ["research", "study_culture"]),
        ("T10", "孔令宇", "c02", "counselor", D(2016, 7, 1), same, "讲师（思政）", [], ["ideology"]),
        ("T11", "贺佳琪", "c02", "counselor", D(2022, 7, 1), same, "助教", [], ["study_culture"]),
        ("T12", "姜雨桐", "c02", "counselor", D(2026, 3, 2), same, "", [], ["research"]),
        # c03 药学院: 3
        ("T13", "毛建新", "c03", "counselor", D(2009, 7, 1), same, "讲师（思政）", ["辽宁省高校辅导员素质能力大赛三等奖"], ["career_guidance"]),
        ("T14", "谭思远", "c03", "counselor", D(2018, 7, 1), same, "讲师", [], ["daily_affairs", "crisis_response"]),
        ("T15", "范璐", "c03", "counselor", D(2023, 7, 1), same, "助教", [], ["party_league"]),
        # c04 护理学院: 7 (independent)
        ("T16", "龚丽华", "c04", "counselor", D(2008, 7, 1), same, "副教授", ["优秀共产党员", "校优秀辅导员"], ["daily_affairs", "study_culture"]),
        ("T17", "常晓东", "c04", "counselor", D(2012, 7, 1), same, "讲师", ["校优秀辅导员"], ["mental_health"]),
        ("T18", "任雪莹", "c04", "counselor", D(2015, 7, 1), same, "讲师（思政）", [], ["party_league"]),
        ("T19", "邵明", "c04", "counselor", D(2020, 7, 1), same, "讲师", [], ["career_guidance"]),
        ("T20", "段佳怡", "c04", "counselor", D(2022, 9, 1), same, "助教", [], ["crisis_response", "mental_health"]),
        ("T21", "唐子涵", "c04", "counselor", D(2025, 12, 1), same, "", [], ["ideology"]),
        ("T22", "钟璇", "c04", "counselor", D(2026, 7, 1), same, "助教", [], ["mental_health", "online_education"]),
        # c05 医学技术学院: 4
        ("T23", "侯振宇", "c05", "counselor", D(2012, 9, 1), same, "高级工程师", ["易班优课优秀指导教师"], ["online_education", "research"]),
        ("T24", "彭丹", "c05", "counselor", D(2017, 7, 1), same, "讲师", [], ["daily_affairs"]),
        ("T25", "苏航", "c05", "counselor", D(2021, 7, 1), same, "讲师", [], ["career_guidance", "study_culture"]),
        ("T26", "汪静怡", "c05", "counselor", D(2026, 7, 15), same, "", [], ["crisis_response"]),
        # c06 人文与管理学院: 2
        ("T27", "乔立新", "c06", "counselor", D(2014, 7, 1), same, "讲师（思政）", ["优秀共产党员"], ["ideology", "research"]),
        ("T28", "蔡晓婷", "c06", "counselor", D(2020, 9, 1), same, "讲师", [], ["party_league", "online_education"]),
        # part-time counselors
        ("P01", "叶明轩", "c01", "part_time_counselor", D(2016, 7, 1), D(2022, 9, 1), "主治医师", [], ["daily_affairs"]),
        ("P02", "林书瑶", "c02", "part_time_counselor", D(2019, 7, 1), D(2023, 9, 1), "讲师", [], ["study_culture"]),
        ("P03", "郝文静", "c04", "part_time_counselor", D(2026, 7, 1), D(2026, 7, 1), "助教", [], ["mental_health"]),
        ("P04", "廖宏伟", "c06", "part_time_counselor", D(2018, 7, 1), D(2024, 9, 1), "讲师", [], ["research"]),
        # deputy secretaries
        ("D01", "邱国庆", "c01", "deputy_secretary", D(2001, 7, 1), same, "教授", ["优秀共产党员"], ["party_league", "crisis_response"]),
        ("D02", "魏淑兰", "c02", "deputy_secretary", D(2005, 7, 1), same, "副教授", [], ["study_culture"]),
        ("D03", "黎振华", "c03", "deputy_secretary", D(2003, 7, 1), H, "副研究员", ["校优秀学生工作者"], ["research"]),
        ("D04", "傅春燕", "c04", "deputy_secretary", D(2004, 7, 1), same, "副教授（思政）", ["辽宁省高校辅导员年度人物提名奖"], ["mental_health", "daily_affairs"]),
        ("D05", "鲁永刚", "c05", "deputy_secretary", D(2007, 7, 1), same, "副研究员", ["校优秀辅导员"], ["career_guidance"]),
        ("D06", "关玉凤", "c06", "deputy_secretary", D(2006, 7, 1), D(2009, 9, 1), "副教授", [], ["ideology"]),
        # management cadres (school level unless a college is given)
        ("M01", "杜德明", None, "cadre", D(1999, 7, 1), same, "研究员", ["优秀共产党员"], ["daily_affairs", "crisis_response"]),
        ("M02", "潘海燕", None, "cadre", D(2010, 7, 1), same, "副研究员", ["校优秀辅导员"], ["online_education", "ideology"]),
        ("M03", "尹博", None, "cadre", D(2008, 7, 1), same, "讲师", [], ["research"]),
        ("M04", "程立峰", None, "cadre", D(2015, 7, 1), H, "工程师", [], ["online_education"]),
        ("M05", "夏晴", None, "cadre", D(2012, 7, 1), same, "讲师（思政）", ["校优秀学生工作者"], ["career_guidance"]),
        ("M06", "田宏", None, "cadre", D(2019, 7, 1), same, "讲师", [], ["mental_health"]),
        ("M07", "付佳", None, "cadre", D(2023, 7, 1), H, "", [], ["daily_affairs"]),
        ("M08", "佟永", None, "cadre", D(2002, 7, 1), H, "副研究员", ["优秀共产党员"], ["party_league"]),
        ("M09", "康欣", "c01", "cadre", D(2014, 7, 1), same, "讲师", [], ["daily_affairs", "study_culture"]),
        ("M10", "武晨", "c04", "cadre", D(2016, 9, 1), same, "讲师", [], ["party_league"]),
    ]
    out = []
    for pid, name, college, role, hired, since, title, honors, specs in rows:
        since = hired if since == "=" else since
        out.append({"id": pid, "name": name, "college": college, "role": role, "hired": hired,
                    "since": since, "title": title, "honors": honors,
                    "specs": [d for d in DUTIES if d in specs], "tag": "", "write_since": since is not None})
    return out


def write_small(rules: dict, ladder: Ladder):
    rng = random.Random(612)
    cal = FALL_2026
    header = """\
# 场景：small —— 中等规模测试场景（与完整示例相同的 2026—2027学年第一学期校历）
# 2 个校区（松坡、滨河，相距 30 分钟）、6 个学院：临床医学院（8 名专职辅导员）和护理学院（7 名）可单独开展
# 培训；基础医学院（4）+药学院（3）、医学技术学院（4）+人文与管理学院（2）各自需在本校区联合开展培训。
# 共 48 人（含兼职辅导员、分管学生工作副书记、学工管理干部），每项职责至少 1 名符合条件的工作室负责人。
# 所有姓名均为虚构。
#
# Scenario: small — a mid-size test scenario on the same fall-2026 calendar as the bundled one.
# 2 campuses 30 minutes apart, 6 colleges: two independent (8 and 7 full-time counselors) and four
# small ones (4+3 on 松坡, 4+2 on 滨河) that must train jointly. 48 people inline as [[people]]
# (9 studios × min_size 5 = 45 members are possible); every duty has at least one eligible studio lead.
# All names are fictional. Generated by tools/make_scenarios.py.
"""
    t = Toml(header)
    campuses = FULL_CAMPUSES[:2]
    travel = FULL_TRAVEL[:1]
    colleges = [{"id": c[0], "name": c[1], "campus": c[2], "discipline": c[3], "stage": c[4]} for c in SMALL_COLLEGES]
    venues = [
        {"id": "sp_hall", "name": "松坡校区学术报告厅", "campus": "songpo", "capacity": 200, "cost": 500.0},
        {"id": "sp_meeting", "name": "松坡校区会议室", "campus": "songpo", "capacity": 60, "cost": 150.0},
        {"id": "bh_hall", "name": "滨河校区报告厅", "campus": "binhe", "capacity": 150, "cost": 400.0},
        {"id": "bh_meeting", "name": "滨河校区会议室", "campus": "binhe", "capacity": 40, "cost": 100.0},
    ] + [
        {"id": f"sp_room{i}", "name": f"松坡校区第{i}研讨室", "campus": "songpo", "capacity": 20, "cost": 50.0}
        for i in range(1, 8)
    ]
    spk = [
        ("S01", "郑心怡", "internal", "expert", "本校心理健康教育与咨询中心主任", 800.0, ["mental_health", "crisis_response"], 6),
        ("S02", "袁立群", "internal", "role_model", "本校辅导员，辽宁省高校辅导员年度人物提名奖获得者", 500.0, ["daily_affairs", "party_league"], 6),
        ("S03", "温雅琴", "provincial", "role_model", "省内高校辅导员，辽宁省高校辅导员年度人物", 3000.0, ["study_culture", "party_league"], 5),
        ("S04", "宫浩宇", "provincial", "role_model", "省内医学院校辅导员，辽宁省高校辅导员年度人物", 2500.0, ["career_guidance", "ideology"], 5),
        ("S05", "车春华", "provincial", "expert", "辽宁省高校辅导员培训和研修基地特聘专家", 3500.0, ["research", "ideology"], 5),
        ("S06", "聂思源", "provincial", "expert", "省内高校网络思政中心主任", 3000.0, ["online_education", "daily_affairs"], 4),
        ("S07", "翟明哲", "national", "expert", "教育部高校辅导员培训和研修基地（省外）教授", 8000.0, ["ideology", "mental_health", "crisis_response"], 4),
        ("S08", "简丽君", "national", "expert", "省外医科大学学生工作部部长", 6000.0, ["career_guidance", "study_culture", "party_league"], 4),
    ]
    speakers = [{"id": s[0], "name": s[1], "level": s[2], "kind": s[3], "note": s[4], "fee": s[5], "duties": s[6],
                 "dates": cal.spread(rng, D(2026, 9, 7), D(2026, 12, 31), s[7])} for s in spk]
    visits = [
        {"id": "V01", "name": "中国医科大学学生工作部", "city": "沈阳", "duties": ["ideology", "party_league"],
         "cost_per_person": 300.0, "travel_minutes": 150.0, "max_attendees": 20,
         "dates": cal.spread(rng, D(2026, 10, 12), D(2026, 12, 18), 4)},
        {"id": "V02", "name": "大连医科大学", "city": "大连", "duties": ["mental_health", "crisis_response"],
         "cost_per_person": 400.0, "travel_minutes": 180.0, "max_attendees": 15,
         "dates": cal.spread(rng, D(2026, 10, 12), D(2026, 12, 18), 3)},
    ]
    courses = [
        {"id": "O01", "name": "新时代高校思想政治教育理论前沿", "provider": ALLIANCE, "duties": ["ideology", "research"],
         "cost_per_person": 0.0, "open_from": D(2026, 9, 7), "open_to": D(2026, 12, 31)},
        {"id": "O02", "name": "医学生心理危机识别与干预", "provider": ALLIANCE, "duties": ["mental_health", "crisis_response"],
         "cost_per_person": 50.0, "open_from": D(2026, 9, 14), "open_to": D(2026, 12, 25)},
        {"id": "O03", "name": "网络思政、党团与学风建设实务", "provider": LN_PLATFORM,
         "duties": ["online_education", "party_league", "study_culture"],
         "cost_per_person": 0.0, "open_from": D(2026, 9, 7), "open_to": D(2026, 12, 31)},
        {"id": "O04", "name": "学生事务管理与就业指导", "provider": MOOC, "duties": ["daily_affairs", "career_guidance"],
         "cost_per_person": 30.0, "open_from": D(2026, 10, 8), "open_to": D(2027, 1, 8)},
    ]
    write_common(
        t,
        {"id": "small", "name": "中等规模测试场景（2026—2027学年第一学期，虚构）", "rules": "../rules/jzmu.toml"},
        cal, FALL_NAME, campuses, travel, colleges, venues, speakers, visits, courses, 120000.0,
    )
    t.comment("人员（工号、姓名均为虚构）/ people (fictional)")
    for p in small_people():
        t.table("people", person_toml(p), array=True)
    (SCEN / "small.toml").write_text(t.text(), encoding="utf-8")


# ════════════════════════════ tiny ════════════════════════════

def tiny_people():
    same = "="
    rows = [
        # k1 临床医学院 (东校区): 6 full-time counselors → trains on its own
        ("T01", "王建华", "k1", "counselor", D(2012, 7, 1), same, "副教授", ["校优秀辅导员"], ["mental_health", "crisis_response"]),
        ("T02", "李静", "k1", "counselor", D(2018, 7, 1), same, "讲师", [], ["daily_affairs"]),
        ("T03", "张磊", "k1", "counselor", D(2020, 9, 1), same, "讲师（思政）", [], ["ideology", "party_league"]),
        ("T04", "刘婷", "k1", "counselor", D(2022, 7, 1), same, "助教", [], ["study_culture"]),
        ("T05", "陈宇", "k1", "counselor", D(2025, 9, 1), same, "", [], ["career_guidance"]),
        ("T06", "杨雪", "k1", "counselor", D(2026, 7, 1), same, "", [], ["mental_health"]),
        # k2 基础医学院 (东校区): 2
        ("T07", "赵明", "k2", "counselor", D(2021, 7, 1), same, "讲师", [], ["research"]),
        ("T08", "黄佳", "k2", "counselor", D(2026, 3, 2), same, "", [], ["online_education"]),
        # k3 护理学院 (西校区): 2
        ("T09", "周立新", "k3", "counselor", D(2015, 7, 1), same, "讲师（思政）", ["优秀共产党员"], ["party_league"]),
        ("T10", "吴欣", "k3", "counselor", D(2022, 9, 1), same, "助教", [], ["crisis_response"]),
        # k4 药学院 (西校区): 3
        ("T11", "徐海波", "k4", "counselor", D(2019, 7, 1), same, "讲师", [], ["career_guidance", "study_culture"]),
        ("T12", "孙丽", "k4", "counselor", D(2023, 7, 1), same, "助教", [], ["daily_affairs"]),
        ("T13", "胡晓东", "k4", "counselor", D(2017, 7, 1), same, "讲师", [], ["online_education"]),
        # deputy secretaries
        ("D01", "朱国庆", "k1", "deputy_secretary", D(2008, 7, 1), None, "副研究员", [], ["research"]),
        ("D02", "高秀兰", "k2", "deputy_secretary", D(2005, 7, 1), same, "教授", ["优秀共产党员"], ["ideology", "party_league"]),
        ("D03", "林志刚", "k3", "deputy_secretary", D(2010, 7, 1), same, "讲师", [], ["mental_health"]),
        ("D04", "何玉梅", "k4", "deputy_secretary", D(2018, 7, 1), same, "副教授", ["校优秀辅导员"], ["study_culture"]),
        # school-level cadres
        ("M01", "郭振宇", None, "cadre", D(2008, 7, 1), same, "副研究员", ["辽宁省高校辅导员年度人物提名奖"], ["career_guidance", "daily_affairs"]),
        ("M02", "马丹", None, "cadre", D(2020, 7, 1), None, "讲师", [], ["online_education"]),
    ]
    out = []
    for pid, name, college, role, hired, since, title, honors, specs in rows:
        since = hired if since == "=" else since
        out.append({"id": pid, "name": name, "college": college, "role": role, "hired": hired,
                    "since": since, "title": title, "honors": honors,
                    "specs": [d for d in DUTIES if d in specs], "tag": "", "write_since": since is not None})
    return out


def write_tiny(rules: dict, ladder: Ladder):
    cal = TINY_CAL
    header = """\
# 场景：tiny —— 可手工核对的最小场景（所有姓名均为虚构）
# 学期 2026-11-02 至 2026-12-25（12-21 起为考试周，共 6 个可用周），无节假日；东、西两个校区相距 20 分钟。
# 4 个学院：临床医学院 k1 有 6 名专职辅导员，可单独开展培训；基础医学院 k2（2 人，东校区）、
# 护理学院 k3（2 人，西校区）、药学院 k4（3 人，西校区）任意两院都不足 6 人，只能三院联合（共 7 人）。
# 每院 1 名分管学生工作副书记，另有 2 名校级学工管理干部，共 19 人。符合工作室负责人条件的有 3 人
# （T01 王建华、D02 高秀兰、M01 郭振宇），其余职责没有合格负责人，规划时应如实报告。
# 新入职辅导员 2 人：T06（2026-07-01）、T08（2026-03-02）；T05（2025-09-01）入职已满 14 个月，不算新入职。
# T09 周立新从事辅导员 11 年、有荣誉，但职称为讲师（思政），低于副高（可按规则付代价破格）。
#
# Scenario: tiny — small enough to check by hand. Semester 2026-11-02 .. 2026-12-25 with an exam
# week from 12-21 (six usable weeks), no holidays; two campuses 20 minutes apart. College k1 has 6 full-time counselors
# (independent); k2 (2), k3 (2) and k4 (3) can only reach 6 all together (7), across the two campuses.
# 19 people. Eligible studio leads: T01, D02, M01 only — the other duties have no eligible lead
# (the planner should report it). New counselors: T06 and T08 (T05 was hired 14 months earlier).
# All names are fictional. Generated by tools/make_scenarios.py.
"""
    t = Toml(header)
    campuses = [{"id": "east", "name": "东校区"}, {"id": "west", "name": "西校区"}]
    travel = [{"from": "east", "to": "west", "minutes": 20.0, "cost_per_person": 10.0}]
    colleges = [
        {"id": "k1", "name": "临床医学院", "campus": "east", "discipline": "clinical", "stage": "undergraduate"},
        {"id": "k2", "name": "基础医学院", "campus": "east", "discipline": "basic_medicine", "stage": "undergraduate"},
        {"id": "k3", "name": "护理学院", "campus": "west", "discipline": "nursing", "stage": "undergraduate"},
        {"id": "k4", "name": "药学院", "campus": "west", "discipline": "pharmacy", "stage": "undergraduate"},
    ]
    venues = [
        {"id": "e_meeting", "name": "东校区会议室", "campus": "east", "capacity": 50, "cost": 150.0},
        {"id": "e_seminar", "name": "东校区研讨室", "campus": "east", "capacity": 20, "cost": 50.0},
        {"id": "w_hall", "name": "西校区报告厅", "campus": "west", "capacity": 120, "cost": 300.0},
        {"id": "w_seminar", "name": "西校区研讨室", "campus": "west", "capacity": 30, "cost": 80.0},
        {"id": "e_room1", "name": "东校区第一研讨室", "campus": "east", "capacity": 12, "cost": 30.0},
        {"id": "e_room2", "name": "东校区第二研讨室", "campus": "east", "capacity": 12, "cost": 30.0},
    ]
    speakers = [
        {"id": "S01", "name": "宋晓梅", "level": "provincial", "kind": "role_model",
         "note": "省内高校辅导员，辽宁省高校辅导员年度人物", "fee": 3000.0,
         "duties": ["ideology", "party_league", "study_culture"],
         "dates": [D(2026, 11, 4), D(2026, 11, 11), D(2026, 11, 18)]},
        {"id": "S02", "name": "郑国栋", "level": "national", "kind": "expert",
         "note": "省外高校心理健康教育中心主任", "fee": 8000.0,
         "duties": ["mental_health", "crisis_response", "online_education"],
         "dates": [D(2026, 11, 5), D(2026, 11, 12), D(2026, 11, 19)]},
        {"id": "S03", "name": "谢文军", "level": "internal", "kind": "expert",
         "note": "本校学生工作部副部长", "fee": 600.0,
         "duties": ["daily_affairs", "career_guidance", "research"],
         "dates": [D(2026, 11, 3), D(2026, 11, 6), D(2026, 11, 10), D(2026, 11, 17), D(2026, 11, 20)]},
    ]
    visits = [
        {"id": "V01", "name": "中国医科大学学生工作部", "city": "沈阳", "duties": ["ideology", "party_league"],
         "cost_per_person": 300.0, "travel_minutes": 150.0, "max_attendees": 10,
         "dates": [D(2026, 11, 13), D(2026, 11, 16)]},
    ]
    courses = [
        {"id": "O01", "name": "思想引领、党团与学风建设", "provider": ALLIANCE,
         "duties": ["ideology", "party_league", "study_culture"], "cost_per_person": 0.0,
         "open_from": D(2026, 11, 2), "open_to": D(2026, 11, 20)},
        {"id": "O02", "name": "学生事务、心理健康与网络思政", "provider": LN_PLATFORM,
         "duties": ["daily_affairs", "mental_health", "online_education"], "cost_per_person": 30.0,
         "open_from": D(2026, 11, 2), "open_to": D(2026, 11, 20)},
        {"id": "O03", "name": "危机应对、就业指导与理论研究", "provider": MOOC,
         "duties": ["crisis_response", "career_guidance", "research"], "cost_per_person": 50.0,
         "open_from": D(2026, 11, 2), "open_to": D(2026, 11, 20)},
    ]
    write_common(
        t,
        {"id": "tiny", "name": "最小手工核对场景（虚构）", "rules": "../rules/jzmu.toml"},
        cal, "2026—2027学年第一学期（缩短版）", campuses, travel, colleges, venues, speakers, visits, courses, 60000.0,
    )
    t.comment("人员（均为虚构）/ people (fictional)")
    for p in tiny_people():
        t.table("people", person_toml(p), array=True)
    (SCEN / "tiny.toml").write_text(t.text(), encoding="utf-8")


# ════════════════════════════ check ════════════════════════════

# what some colleges ask of their own training (“学院自主量身定制培训内容”): duties they want
# covered (a duty twice: two sessions on it) and dates they cannot use
FULL_COLLEGE_ASKS = {
    "c01": {"unavailable": [{"name": "临床技能考核周", "start": D(2026, 12, 7), "end": D(2026, 12, 11)}]},
    "c11": {"themes": ["research", "mental_health"]},
    "c12": {"themes": ["crisis_response", "crisis_response"]},
    "c13": {"themes": ["mental_health"],
            "unavailable": [{"name": "护理技能大赛", "start": D(2026, 11, 9), "end": D(2026, 11, 13)}]},
    "c16": {"themes": ["online_education"]},
}

# keys of the serde structs in src/wire/scenario.rs: name -> (required, type)
STR, NUM, INT, DATE, STRS, DATES, RANGES = "str", "num", "int", "date", "[str]", "[date]", "[range]"
SCHEMA = {
    "meta": {"id": (1, STR), "name": (1, STR), "rules": (1, STR), "roster": (0, STR), "records": (0, STR)},
    "semester": {"name": (1, STR), "start": (1, DATE), "end": (1, DATE), "holidays": (0, RANGES),
                 "makeup_workdays": (0, DATES), "exam_weeks": (0, RANGES)},
    "campuses": {"id": (1, STR), "name": (1, STR)},
    "travel": {"from": (1, STR), "to": (1, STR), "minutes": (1, NUM), "cost_per_person": (0, NUM)},
    "colleges": {"id": (1, STR), "name": (1, STR), "campus": (1, STR), "discipline": (1, STR), "stage": (1, STR),
                 "themes": (0, STRS), "unavailable": (0, RANGES)},
    "venues": {"id": (1, STR), "name": (1, STR), "campus": (1, STR), "capacity": (1, INT), "cost": (0, NUM)},
    "speakers": {"id": (1, STR), "name": (1, STR), "level": (1, STR), "kind": (1, STR), "note": (0, STR),
                 "fee": (1, NUM), "duties": (1, STRS), "dates": (1, DATES)},
    "visits": {"id": (1, STR), "name": (1, STR), "city": (1, STR), "duties": (1, STRS), "cost_per_person": (1, NUM),
               "travel_minutes": (1, NUM), "max_attendees": (1, INT), "dates": (1, DATES)},
    "online_courses": {"id": (1, STR), "name": (1, STR), "provider": (1, STR), "duties": (1, STRS),
                       "cost_per_person": (0, NUM), "open_from": (1, DATE), "open_to": (1, DATE)},
    "funds": {"total": (1, NUM)},
    "people": {"id": (1, STR), "name": (1, STR), "college": (0, STR), "role": (1, STR), "hired": (1, DATE),
               "counselor_since": (0, DATE), "title": (0, STR), "honors": (0, STRS), "specialties": (0, STRS)},
}
TABLES = {"meta", "semester", "funds"}
RANGE_KEYS = {"name": (0, STR), "start": (1, DATE), "end": (1, DATE)}


class Problems:
    def __init__(self):
        self.items: list[str] = []

    def __call__(self, cond, msg):
        if not cond:
            self.items.append(msg)


def type_ok(v, ty) -> bool:
    if ty == STR:
        return isinstance(v, str)
    if ty == NUM:
        return isinstance(v, float)  # written as floats on purpose (SNum = f64)
    if ty == INT:
        return isinstance(v, int) and not isinstance(v, bool)
    if ty == DATE:
        return isinstance(v, D) and not isinstance(v, dt.datetime)
    if ty == STRS:
        return isinstance(v, list) and all(isinstance(x, str) for x in v)
    if ty == DATES:
        return isinstance(v, list) and all(type_ok(x, DATE) for x in v)
    if ty == RANGES:
        return isinstance(v, list) and all(isinstance(x, dict) for x in v)
    raise ValueError(ty)


def check_shape(doc: dict, prob: Problems, fname: str):
    for top, val in doc.items():
        prob(top in SCHEMA, f"{fname}: unknown top-level key {top}")
        if top not in SCHEMA:
            continue
        entries = [val] if top in TABLES else val
        prob(isinstance(val, dict) if top in TABLES else isinstance(val, list), f"{fname}: {top} has the wrong shape")
        for i, e in enumerate(entries):
            where = f"{fname}: {top}[{i}]"
            for k, v in e.items():
                prob(k in SCHEMA[top], f"{where}: unknown key {k}")
                if k in SCHEMA[top]:
                    prob(type_ok(v, SCHEMA[top][k][1]), f"{where}.{k}: wrong type {type(v).__name__}")
                    if SCHEMA[top][k][1] == RANGES:
                        for r in v:
                            for rk, rv in r.items():
                                prob(rk in RANGE_KEYS and type_ok(rv, RANGE_KEYS[rk][1]), f"{where}.{k}: bad range key {rk}")
                            prob("start" in r and "end" in r, f"{where}.{k}: range without start/end")
            for k, (req, _) in SCHEMA[top].items():
                if req:
                    prob(k in e, f"{where}: missing {k}")


def read_roster(path: Path, prob: Problems) -> list[dict]:
    raw = path.read_bytes()
    prob(raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 BOM")
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    prob(header in (CSV_HEADER, FULL_CSV_HEADER), f"{path.name}: header is {rows[0]}")
    people = []
    for r in rows[1:]:
        if not any(c.strip() for c in r):
            continue
        prob(len(r) == len(header), f"{path.name}: row {r[0]} has {len(r)} cells")
        cell = dict(zip(header, r))
        p = {"id": cell["工号"], "name": cell["姓名"], "role": cell["岗位"], "hired": D.fromisoformat(cell["入职日期"])}
        if cell["学院"]:
            p["college"] = cell["学院"]
        if cell["从事辅导员工作时间"]:
            p["counselor_since"] = D.fromisoformat(cell["从事辅导员工作时间"])
        if cell["职称"]:
            p["title"] = cell["职称"]
        p["honors"] = [x for x in cell["荣誉称号"].split(LIST_SEP) if x]
        p["specialties"] = [x for x in cell["专业特长"].split(LIST_SEP) if x]
        people.append(p)
    return people


def check_scenario(fname: str, rules: dict, ladder: Ladder, expect: dict) -> list[str]:
    prob = Problems()
    path = SCEN / fname
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    check_shape(doc, prob, fname)
    meta = doc["meta"]
    prob((path.parent / meta["rules"]).resolve() == RULES_PATH, f"{fname}: rules path {meta['rules']}")
    if "roster" in meta:
        prob("people" not in doc, f"{fname}: both roster and [[people]]")
        people_raw = read_roster(path.parent / meta["roster"], prob)
        check_shape({"people": people_raw}, Problems(), fname)  # CSV values are strings/dates by construction
    else:
        people_raw = doc.get("people", [])

    sem = doc["semester"]
    cal = Calendar(sem["start"], sem["end"],
                   [(h.get("name", ""), h["start"], h["end"]) for h in sem.get("holidays", [])],
                   sem.get("makeup_workdays", []),
                   [(h.get("name", ""), h["start"], h["end"]) for h in sem.get("exam_weeks", [])])
    duty_ids = {d["id"] for d in rules["duties"]}
    role_by = {r["id"]: r["id"] for r in rules["roles"]} | {r["zh"]: r["id"] for r in rules["roles"]}

    def unique(kind, items):
        ids = [x["id"] for x in items]
        prob(len(ids) == len(set(ids)), f"{fname}: duplicate {kind} ids")

    campuses = {c["id"] for c in doc["campuses"]}
    unique("campus", doc["campuses"])
    travel = {}
    for tr in doc.get("travel", []):
        prob(tr["from"] in campuses and tr["to"] in campuses, f"{fname}: travel {tr}")
        travel[frozenset((tr["from"], tr["to"]))] = tr["minutes"]
    for a in campuses:
        for b in campuses:
            if a < b:
                prob(frozenset((a, b)) in travel, f"{fname}: no travel {a}-{b}")
    unique("college", doc["colleges"])
    colleges = {c["id"]: c for c in doc["colleges"]}
    for c in doc["colleges"]:
        prob(c["campus"] in campuses, f"{fname}: college {c['id']} campus {c['campus']}")
        prob(c["discipline"] in {"clinical", "basic_medicine", "pharmacy", "nursing", "public_health", "medical_tech",
                                 "humanities", "engineering", "agriculture"}, f"{fname}: discipline {c['discipline']}")
        prob(c["stage"] in {"undergraduate", "graduate", "vocational", "international"}, f"{fname}: stage {c['stage']}")
    unique("venue", doc["venues"])
    for v in doc["venues"]:
        prob(v["campus"] in campuses, f"{fname}: venue {v['id']} campus")

    def check_dates(kind, x):
        prob(len(x["dates"]) == len(set(x["dates"])), f"{fname}: {kind} {x['id']} repeats a date")
        for d in x["dates"]:
            prob(cal.is_workday(d) and d not in cal.makeup,
                 f"{fname}: {kind} {x['id']} date {d} is not a Mon–Fri workday in the semester")

    unique("speaker", doc["speakers"])
    for s in doc["speakers"]:
        prob(s["level"] in {"internal", "provincial", "national"}, f"{fname}: speaker {s['id']} level")
        prob(s["kind"] in {"role_model", "expert"}, f"{fname}: speaker {s['id']} kind")
        prob(1 <= len(s["duties"]) <= 3 and set(s["duties"]) <= duty_ids, f"{fname}: speaker {s['id']} duties")
        check_dates("speaker", s)
    unique("visit", doc.get("visits", []))
    for v in doc.get("visits", []):
        prob(set(v["duties"]) <= duty_ids, f"{fname}: visit {v['id']} duties")
        check_dates("visit", v)
    unique("course", doc.get("online_courses", []))
    for c in doc.get("online_courses", []):
        prob(set(c["duties"]) <= duty_ids, f"{fname}: course {c['id']} duties")
        prob(cal.start <= c["open_from"] <= c["open_to"] <= cal.end, f"{fname}: course {c['id']} window")
    for kind, items in (("speakers", doc["speakers"]), ("online courses", doc.get("online_courses", []))):
        covered = set().union(*(set(x["duties"]) for x in items)) if items else set()
        prob(covered == duty_ids, f"{fname}: {kind} miss duties {duty_ids - covered}")
    if expect.get("experts_cover_all"):
        experts = [s for s in doc["speakers"] if s["kind"] == "expert"]
        prob(set().union(*(set(s["duties"]) for s in experts)) == duty_ids, f"{fname}: experts do not cover every duty")

    # people
    people = []
    for p in people_raw:
        role = role_by.get(p["role"])
        prob(role is not None, f"{fname}: person {p['id']} role {p['role']}")
        prob(p.get("college") is None or p["college"] in colleges, f"{fname}: person {p['id']} college")
        for d in p.get("specialties", []):
            prob(d in duty_ids, f"{fname}: person {p['id']} specialty {d}")
        prob(1 <= len(p.get("specialties", [])) <= 3, f"{fname}: person {p['id']} has {len(p.get('specialties', []))} specialties")
        title = p.get("title", "")
        prob(title == "" or ladder.rank(title) is not None, f"{fname}: person {p['id']} title {title}")
        prob(all(("," not in x and "，" not in x) for x in [p["name"], *p.get("honors", [])]), f"{fname}: comma in {p['id']}")
        since = p.get("counselor_since")
        if since is None and role in ("counselor", "part_time_counselor"):
            since = p["hired"]  # the documented default
        people.append({"id": p["id"], "name": p["name"], "college": p.get("college"), "role": role,
                       "hired": p["hired"], "since": since, "title": title, "honors": p.get("honors", []),
                       "specs": p.get("specialties", [])})
    unique("person", people)
    prob(len({p["name"] for p in people}) == len(people), f"{fname}: duplicate names")

    at = cal.start
    ft = {c: 0 for c in colleges}
    for p in people:
        if p["role"] == "counselor":
            prob(p["college"] is not None, f"{fname}: counselor {p['id']} without a college")
            ft[p["college"]] += 1
    indep_min = rules["two_level"]["independent_min"]
    cluster_min = rules["two_level"].get("cluster_min", indep_min)

    print(f"\n══ {fname}: {meta['name']}")
    print("  full-time counselors per college (★ = independent, ≥6):")
    for cp in doc["campuses"]:
        cs = [c for c in doc["colleges"] if c["campus"] == cp["id"]]
        small = [c for c in cs if ft[c["id"]] < indep_min]
        print(f"   {cp['name']} ({cp['id']}): " + ", ".join(
            f"{c['id']} {c['name']} {ft[c['id']]}{'★' if ft[c['id']] >= indep_min else ''}" for c in cs))
        s = sum(ft[c["id"]] for c in small)
        print(f"     small colleges: {len(small)}, together {s} full-time counselors"
              + ("" if not small else ("  (≥6 ✓)" if s >= cluster_min else "  (< 6 ✗)")))
        if small and expect.get("small_per_campus_reach"):
            prob(s >= cluster_min, f"{fname}: small colleges on {cp['id']} reach only {s}")
    if "ft_counts" in expect:
        prob(ft == expect["ft_counts"], f"{fname}: full-time counts {ft} != {expect['ft_counts']}")

    roles_count = {}
    for p in people:
        roles_count[p["role"]] = roles_count.get(p["role"], 0) + 1
    print(f"  people: {len(people)}; per role: " + ", ".join(f"{r} {n}" for r, n in roles_count.items()))
    new = [p for p in people if p["role"] in ("counselor", "part_time_counselor")
           and 0 <= months_between(p["hired"], at) <= 12]
    print(f"  new counselors (hired ≤12 months before {at}): {len(new)} — "
          + ", ".join(f"{p['id']}({p['role'][0:2]},{p['hired']})" for p in new))
    backbone = [p for p in people if p["role"] == "counselor" and p["since"] and full_years(p["since"], at) >= 3]
    print(f"  full-time counselors with ≥3 years: {len(backbone)}")
    bb_any = [p for p in people if p["role"] in rules["studios"]["backbone"]["roles"]
              and p["since"] and full_years(p["since"], at) >= 3]
    print(f"  backbone-eligible (counselor/deputy/cadre, ≥3 years): {len(bb_any)}")

    eligible = [p for p in people if lead_eligible(p, rules, ladder, at)]
    print(f"  eligible studio leads: {len(eligible)}")
    for p in eligible:
        print(f"    {p['id']} {p['name']} {p['role']} {p['college'] or '(校级)'} "
              f"{full_years(p['since'], at)}年 {p['title']} {'；'.join(p['honors'])} → {','.join(p['specs'])}")
    per_duty = {d: [p["id"] for p in eligible if d in p["specs"]] for d in rules["studios"]["duties"]}
    print("  eligible leads per duty:")
    for d, ids in per_duty.items():
        print(f"    {d:17s} {len(ids)}  {' '.join(ids)}")
    # near misses: two of the three conditions
    lead = rules["studios"]["lead"]
    near = []
    for p in people:
        if p["role"] not in lead["roles"] or p in eligible:
            continue
        yrs = full_years(p["since"], at) if p["since"] else 0
        r = ladder.rank(p["title"]) or 0
        conds = [yrs >= lead["min_years_as_counselor"], r >= 3, bool(p["honors"])]
        if sum(conds) == 2 and yrs >= 8:
            near.append(f"{p['id']}({yrs}年,{p['title'] or '无职称'},{'有荣誉' if p['honors'] else '无荣誉'})")
    print(f"  near misses (2 of 3 lead conditions, ≥8 years): {len(near)}: " + " ".join(near))

    if "min_eligible_per_duty" in expect:
        for d, ids in per_duty.items():
            prob(len(ids) >= expect["min_eligible_per_duty"], f"{fname}: no eligible lead for {d}")
    if "eligible" in expect:
        prob(len(eligible) == expect["eligible"], f"{fname}: {len(eligible)} eligible leads, expected {expect['eligible']}")
    if "min_backbone" in expect:
        prob(len(backbone) >= expect["min_backbone"], f"{fname}: only {len(backbone)} counselors with ≥3 years")
    if "new" in expect:
        lo, hi = expect["new"]
        prob(lo <= len(new) <= hi, f"{fname}: {len(new)} new counselors")
    if "people" in expect:
        lo, hi = expect["people"]
        prob(lo <= len(people) <= hi, f"{fname}: {len(people)} people")
    # every person's since is in a sane range
    for p in people:
        if p["since"]:
            prob(D(1995, 1, 1) <= p["since"] <= at, f"{fname}: {p['id']} counselor_since {p['since']}")
    print(f"  speakers {len(doc['speakers'])}, visits {len(doc.get('visits', []))}, "
          f"online courses {len(doc.get('online_courses', []))}, venues {len(doc['venues'])}, funds {doc['funds']['total']}")
    return prob.items


def check_all() -> int:
    rules = load_rules()
    ladder = Ladder(rules)
    full_expect = {c[0]: c[5] for c in FULL_COLLEGES}
    problems = []
    problems += check_scenario("jzmu-2026-fall.toml", rules, ladder, {
        "ft_counts": full_expect, "small_per_campus_reach": True, "min_eligible_per_duty": 1,
        "eligible": 14, "min_backbone": 30, "experts_cover_all": True, "new": (14, 18), "people": (130, 160)})
    problems += check_scenario("small.toml", rules, ladder, {
        "ft_counts": {"c01": 8, "c02": 4, "c03": 3, "c04": 7, "c05": 4, "c06": 2},
        "small_per_campus_reach": True, "min_eligible_per_duty": 1, "new": (4, 8), "experts_cover_all": True, "people": (45, 50)})
    problems += check_scenario("tiny.toml", rules, ladder, {
        "ft_counts": {"k1": 6, "k2": 2, "k3": 2, "k4": 3}, "eligible": 3, "new": (2, 2), "people": (19, 19)})
    print()
    if problems:
        print("PROBLEMS:")
        for p in problems:
            print("  ✗", p)
        return 1
    print("all checks passed ✓")
    return 0


def main() -> int:
    if "--check" not in sys.argv[1:]:
        rules = load_rules()
        ladder = Ladder(rules)
        SCEN.mkdir(exist_ok=True)
        write_full(rules, ladder)
        write_spring()
        write_small(rules, ladder)
        write_tiny(rules, ladder)
        print("wrote", ", ".join(sorted(p.name for p in SCEN.iterdir())))
    return check_all()


if __name__ == "__main__":
    sys.exit(main())
