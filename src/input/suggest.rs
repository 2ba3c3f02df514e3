//! Nearest-name suggestions for a name or id that does not exist (`公卫学院` → 公共卫生学院): one
//! helper for every “unknown …” message — scenario and rules references, `fudao history`,
//! `fudao replan --cancel/--pin`, `whatif --vary`.
//!
//! Names are compared by characters, so it works for Chinese as for ids: the similarity of two
//! names is the longest common subsequence of their characters over the longer length, raised
//! when one contains the other (`口腔` in `口腔医学院`). The best candidate at or above
//! [`THRESHOLD`] is suggested; ties go to the first candidate, so the answer is deterministic.

/// Lowest similarity (0..=1) at which a candidate is suggested.
pub const THRESHOLD: f64 = 0.6;

/// How many names a help line lists before “… (N more)”.
pub const LIST_MAX: usize = 12;

/// One thing a user may name: its id and the other names that are accepted for it (the Chinese
/// name first). Shown as `公共卫生学院 (c05)`, or the id alone.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The id.
    pub id: String,
    /// Other names accepted for it (Chinese first).
    pub names: Vec<String>,
}

impl Candidate {
    /// A candidate with an id and the names accepted besides it.
    pub fn new(id: impl Into<String>, names: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self {
            id: id.into(),
            names: names.into_iter().map(Into::into).collect(),
        }
    }

    /// `公共卫生学院 (c05)`, or `c05` when it has no other name.
    pub fn label(&self) -> String {
        match self.names.first() {
            Some(n) if *n != self.id => format!("{n} ({})", self.id),
            _ => self.id.clone(),
        }
    }
}

/// Similarity of two names in 0..=1 (1: equal, ignoring ASCII case and surrounding space).
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.trim().chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.trim().chars().map(|c| c.to_ascii_lowercase()).collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 0.0;
    }
    let shortest = a.len().min(b.len());
    let lcs = lcs_len(&a, &b) as f64 / longest as f64;
    let contained = shortest > 0 && {
        let (s, l) = if a.len() <= b.len() {
            (&a, &b)
        } else {
            (&b, &a)
        };
        l.windows(s.len()).any(|w| w == s.as_slice())
    };
    if contained {
        lcs.max(0.5 + 0.5 * shortest as f64 / longest as f64)
    } else {
        lcs
    }
}

fn lcs_len(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diag = 0;
        for (j, &y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}

/// The candidate nearest `typed` (by its id or any of its names), when one is near enough; with
/// the name that matched best.
pub fn nearest<'c>(typed: &str, candidates: &'c [Candidate]) -> Option<(&'c Candidate, &'c str)> {
    let mut best: Option<(f64, &Candidate, &str)> = None;
    for c in candidates {
        for n in std::iter::once(&c.id).chain(&c.names) {
            let s = similarity(typed, n);
            if s >= THRESHOLD && best.is_none_or(|(b, ..)| s > b) {
                best = Some((s, c, n));
            }
        }
    }
    best.map(|(_, c, n)| (c, n))
}

/// The labels of `candidates`, at most [`LIST_MAX`], then `… (N more)`.
pub fn short_list(candidates: &[Candidate]) -> String {
    let mut s = candidates
        .iter()
        .take(LIST_MAX)
        .map(Candidate::label)
        .collect::<Vec<_>>()
        .join(", ");
    if candidates.len() > LIST_MAX {
        s.push_str(&format!(
            ", … ({} more 另有 {} 个)",
            candidates.len() - LIST_MAX,
            candidates.len() - LIST_MAX
        ));
    }
    s
}

/// The help for an unknown `typed` among `candidates` (`what_en`/`what_zh`: “college”/“学院”):
/// the nearest one if any, then what can be typed.
/// `did you mean 公共卫生学院 (c05)? / 是否应为“公共卫生学院”？ use a defined college: … / 请使用已定义的学院`
pub fn help(typed: &str, what_en: &str, what_zh: &str, candidates: &[Candidate]) -> String {
    let near = match nearest(typed, candidates) {
        Some((c, n)) => format!("did you mean {}? / 是否应为“{n}”？ ", c.label()),
        None => String::new(),
    };
    if candidates.is_empty() {
        return format!("{near}no {what_en} is defined / 尚未定义任何{what_zh}");
    }
    format!(
        "{near}use a defined {what_en}: {} / 请使用已定义的{what_zh}",
        short_list(candidates)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colleges() -> Vec<Candidate> {
        vec![
            Candidate::new("c01", ["第一临床医学院"]),
            Candidate::new("c05", ["公共卫生学院"]),
            Candidate::new("c07", ["口腔医学院"]),
            Candidate::new("c08", ["护理学院"]),
        ]
    }

    #[test]
    fn chinese_abbreviations_find_the_full_name() {
        let c = colleges();
        let pick = |t: &str| nearest(t, &c).map(|(c, _)| c.id.as_str());
        assert_eq!(pick("公卫学院"), Some("c05"));
        assert_eq!(pick("口腔"), Some("c07"));
        assert_eq!(pick("护理学院 "), Some("c08"));
        assert_eq!(pick("C01"), Some("c01"));
        // sharing only the suffix 学院 is not near enough
        assert_eq!(pick("外星学院"), None);
        assert_eq!(pick("马克思主义"), None);
    }

    #[test]
    fn similarity_is_lcs_over_the_longer_with_containment() {
        assert!((similarity("公卫学院", "公共卫生学院") - 4.0 / 6.0).abs() < 1e-9);
        assert!((similarity("口腔", "口腔医学院") - 0.7).abs() < 1e-9);
        assert_eq!(similarity("", ""), 0.0);
        assert_eq!(similarity("abc", "ABC"), 1.0);
    }

    #[test]
    fn long_lists_are_cut() {
        let many: Vec<Candidate> = (0..20)
            .map(|i| Candidate::new(format!("c{i:02}"), ["学院"]))
            .collect();
        let s = short_list(&many);
        assert!(s.ends_with("… (8 more 另有 8 个)"), "{s}");
        let h = help("公卫学院", "college", "学院", &colleges());
        assert!(
            h.starts_with("did you mean 公共卫生学院 (c05)? / 是否应为“公共卫生学院”？"),
            "{h}"
        );
        assert!(h.contains("口腔医学院 (c07)"), "{h}");
    }
}
