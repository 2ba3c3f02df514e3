//! Checks of single values, shared by every section: whole numbers, non-negative numbers,
//! numbers in a range, words from a fixed list, plain dates, and references to ids.

use chrono::NaiveDate;

use crate::input::diag::Code;
use crate::wire::{SDate, SInt, SNum, SStr};

use super::{Cx, Index};

impl Cx<'_> {
    /// A whole number ≥ `min`.
    pub(super) fn uint(&mut self, v: &SInt, key: &str, min: i64) -> u32 {
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
    pub(super) fn nonneg(&mut self, v: &SNum, key: &str) -> f64 {
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
    pub(super) fn within(&mut self, v: &SNum, key: &str, lo: f64, hi: f64) -> f64 {
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
    pub(super) fn word<T>(
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
    pub(super) fn date(&mut self, v: &SDate, key: &str) -> Option<NaiveDate> {
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
    pub(super) fn reference(
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
                index.help(v.get_ref().trim(), what_en, what_zh),
            );
        }
        r
    }

    /// References to ids in `index`, sorted, without repeats; unknown ones are reported.
    pub(super) fn refs(
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
