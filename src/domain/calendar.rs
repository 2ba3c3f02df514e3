//! The semester calendar: which days sessions may use, weeks, months, and the camp window.
//!
//! A day is usable when it is inside the semester and is a workday — Monday to Friday, or a
//! make-up workday (调休上班) — that is not a public holiday and not in an exam week, unless the
//! rules allow weekends (`calendar.allow_weekends`), holidays (`calendar.allow_holidays`) or exam
//! weeks (`calendar.allow_exam_weeks`). Weeks are counted from the Monday of the semester's first
//! week. The camp window is the last `calendar.camp_window_weeks` weeks before the first exam week.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::domain::{CalendarRules, Semester};

/// Why a day can or cannot hold sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayStatus {
    /// A regular workday.
    Workday,
    /// A weekend day that is a make-up workday.
    MakeupWorkday,
    /// Saturday or Sunday.
    Weekend,
    /// A public holiday (name).
    Holiday(String),
    /// In an exam week (name).
    ExamWeek(String),
    /// Outside the semester.
    OutsideSemester,
}

impl DayStatus {
    /// Whether sessions may be held, and if not, the rule id that forbids it.
    pub fn usable(&self, rules: &CalendarRules) -> Result<(), &'static str> {
        match self {
            DayStatus::Workday | DayStatus::MakeupWorkday => Ok(()),
            DayStatus::Weekend if rules.allow_weekends => Ok(()),
            DayStatus::Weekend => Err("calendar.allow_weekends"),
            DayStatus::Holiday(_) if rules.allow_holidays => Ok(()),
            DayStatus::Holiday(_) => Err("calendar.allow_holidays"),
            DayStatus::ExamWeek(_) if rules.allow_exam_weeks => Ok(()),
            DayStatus::ExamWeek(_) => Err("calendar.allow_exam_weeks"),
            DayStatus::OutsideSemester => Err("semester"),
        }
    }

    /// Bilingual description.
    pub fn describe(&self) -> String {
        match self {
            DayStatus::Workday => "工作日 workday".into(),
            DayStatus::MakeupWorkday => "调休上班日 make-up workday".into(),
            DayStatus::Weekend => "周末 weekend".into(),
            DayStatus::Holiday(n) => format!("法定节假日 public holiday {n}"),
            DayStatus::ExamWeek(n) => format!("考试周 exam week {n}"),
            DayStatus::OutsideSemester => "学期外 outside the semester".into(),
        }
    }
}

/// Classify one date. A holiday wins over an exam week, which wins over a weekend.
pub fn day_status(sem: &Semester, d: NaiveDate) -> DayStatus {
    if d < sem.start || d > sem.end {
        return DayStatus::OutsideSemester;
    }
    if let Some(h) = sem.holidays.iter().find(|h| h.contains(d)) {
        return DayStatus::Holiday(h.name.clone());
    }
    if let Some(e) = sem.exam_weeks.iter().find(|e| e.contains(d)) {
        return DayStatus::ExamWeek(e.name.clone());
    }
    if sem.makeup_workdays.contains(&d) {
        return DayStatus::MakeupWorkday;
    }
    match d.weekday() {
        Weekday::Sat | Weekday::Sun => DayStatus::Weekend,
        _ => DayStatus::Workday,
    }
}

/// A usable day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// The date.
    pub date: NaiveDate,
    /// Week index from the semester's first week (0-based).
    pub week: usize,
    /// Index into [`Calendar::months`].
    pub month: usize,
}

/// The usable days of a semester.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// Usable days, in date order.
    pub days: Vec<Day>,
    /// Number of weeks spanned by the semester.
    pub weeks: usize,
    /// Months (year, month) that have at least one usable day, in order.
    pub months: Vec<(i32, u32)>,
    /// Camp window, inclusive.
    pub camp_window: (NaiveDate, NaiveDate),
    /// Monday of week 0.
    pub first_monday: NaiveDate,
}

/// The Monday on or before `d`.
pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

impl Calendar {
    /// Build from the semester and the calendar rules.
    pub fn new(sem: &Semester, rules: &CalendarRules) -> Self {
        let first_monday = monday_of(sem.start);
        let mut days = Vec::new();
        let mut months: Vec<(i32, u32)> = Vec::new();
        let mut d = sem.start;
        while d <= sem.end {
            if day_status(sem, d).usable(rules).is_ok() {
                let ym = (d.year(), d.month());
                if months.last() != Some(&ym) {
                    months.push(ym);
                }
                days.push(Day {
                    date: d,
                    week: week_index(first_monday, d),
                    month: months.len() - 1,
                });
            }
            d = d + Days::new(1);
        }
        let weeks = week_index(first_monday, sem.end) + 1;
        let exam_start = sem.exam_weeks.iter().map(|e| e.start).min();
        let window_end = exam_start.map_or(sem.end, |s| s - Days::new(1));
        let window_start = monday_of(window_end)
            - Days::new(7 * u64::from(rules.camp_window_weeks.saturating_sub(1)));
        Self {
            days,
            weeks,
            months,
            camp_window: (window_start.max(sem.start), window_end),
            first_monday,
        }
    }

    /// Week index of a date.
    pub fn week_of(&self, d: NaiveDate) -> usize {
        week_index(self.first_monday, d)
    }

    /// Whether a date is in the camp window.
    pub fn in_camp_window(&self, d: NaiveDate) -> bool {
        self.camp_window.0 <= d && d <= self.camp_window.1
    }
}

fn week_index(first_monday: NaiveDate, d: NaiveDate) -> usize {
    usize::try_from((d - first_monday).num_days().max(0) / 7).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DateRange, Slot};

    fn sem() -> Semester {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        Semester {
            name: "t".into(),
            start: d("2026-08-31"),
            end: d("2027-01-22"),
            holidays: vec![
                DateRange {
                    name: "中秋节".into(),
                    start: d("2026-09-25"),
                    end: d("2026-09-27"),
                },
                DateRange {
                    name: "国庆节".into(),
                    start: d("2026-10-01"),
                    end: d("2026-10-07"),
                },
            ],
            makeup_workdays: vec![d("2026-09-20"), d("2026-10-10")],
            exam_weeks: vec![DateRange {
                name: "考试周".into(),
                start: d("2027-01-11"),
                end: d("2027-01-22"),
            }],
        }
    }

    fn rules() -> CalendarRules {
        CalendarRules {
            allow_weekends: false,
            allow_holidays: false,
            allow_exam_weeks: false,
            slots: vec![Slot {
                id: "am".into(),
                zh: "上午".into(),
                start: chrono::NaiveTime::MIN,
                end: chrono::NaiveTime::MIN,
            }],
            max_sessions_per_person_per_week: 3,
            camp_window_weeks: 3,
            max_sessions_per_speaker: None,
        }
    }

    #[test]
    fn makeup_days_count_and_holidays_do_not() {
        let s = sem();
        let d = |x: &str| NaiveDate::parse_from_str(x, "%Y-%m-%d").expect("date");
        assert_eq!(day_status(&s, d("2026-09-20")), DayStatus::MakeupWorkday);
        assert_eq!(day_status(&s, d("2026-10-10")), DayStatus::MakeupWorkday);
        assert_eq!(day_status(&s, d("2026-10-11")), DayStatus::Weekend);
        assert!(matches!(
            day_status(&s, d("2026-09-25")),
            DayStatus::Holiday(_)
        ));
        assert!(matches!(
            day_status(&s, d("2026-10-08")),
            DayStatus::Workday
        ));
        assert!(matches!(
            day_status(&s, d("2027-01-11")),
            DayStatus::ExamWeek(_)
        ));
        let cal = Calendar::new(&s, &rules());
        assert!(cal.days.iter().any(|x| x.date == d("2026-09-20")));
        assert!(!cal.days.iter().any(|x| x.date == d("2026-10-01")));
        assert!(!cal.days.iter().any(|x| x.date == d("2027-01-11")));
        // Aug (one day: the 31st), Sep, Oct, Nov, Dec, Jan
        assert_eq!(cal.months.len(), 6);
        // three weeks before the exam week that starts Monday 2027-01-11
        assert_eq!(cal.camp_window, (d("2026-12-21"), d("2027-01-10")));
    }

    #[test]
    fn weekends_allowed_by_rule() {
        let s = sem();
        let mut r = rules();
        r.allow_weekends = true;
        let d = NaiveDate::from_ymd_opt(2026, 10, 11).expect("date");
        assert!(day_status(&s, d).usable(&r).is_ok());
        assert_eq!(
            day_status(&s, d).usable(&rules()),
            Err("calendar.allow_weekends")
        );
    }
}
