//! `[[session_kinds]]`: the kinds of training session — platform, level, audience, duties,
//! speaker, length, cost and how often.

use crate::domain::{
    AudienceMode, DutyMode, Level, Platform, SessionKind, SpeakerLevel, SpeakerNeed,
};
use crate::input::diag::Code;
use crate::wire;

use super::{Cx, Index, index_ids};

/// Index the session kinds and validate each one.
pub(super) fn session_kinds(
    cx: &mut Cx<'_>,
    kinds_in: &[wire::SessionKindIn],
    group_idx: &Index,
) -> Vec<SessionKind> {
    let kind_idx = index_ids(
        cx,
        "session_kinds",
        kinds_in.iter().map(|k| (&k.id, vec![])),
    );
    kinds_in
        .iter()
        .map(|k| session_kind(cx, k, group_idx, &kind_idx))
        .collect()
}

/// One session kind; `kind_idx` resolves `with_kind`.
fn session_kind(
    cx: &mut Cx<'_>,
    k: &wire::SessionKindIn,
    group_idx: &Index,
    kind_idx: &Index,
) -> SessionKind {
    let key = |f: &str| format!("session_kinds.{}.{f}", k.id.get_ref());
    let platform = cx
        .word(
            &k.platform,
            &key("platform"),
            Platform::WORDS,
            Platform::parse,
        )
        .unwrap_or(Platform::Centralized);
    let level = cx
        .word(
            &k.level,
            &key("level"),
            &["school", "college"],
            Level::parse,
        )
        .unwrap_or(Level::School);
    let audience_mode = cx
        .word(
            &k.audience_mode,
            &key("audience_mode"),
            AudienceMode::WORDS,
            AudienceMode::parse,
        )
        .unwrap_or(AudienceMode::All);
    let duty_mode = cx
        .word(
            &k.duty_mode,
            &key("duty_mode"),
            DutyMode::WORDS,
            DutyMode::parse,
        )
        .unwrap_or(DutyMode::Choose);
    let speaker = cx
        .word(
            &k.speaker,
            &key("speaker"),
            SpeakerNeed::WORDS,
            SpeakerNeed::parse,
        )
        .unwrap_or(SpeakerNeed::None);
    let audience = cx.refs(&k.audience, &key("audience"), "group", "群体", group_idx);
    if matches!(audience_mode, AudienceMode::All | AudienceMode::ChooseOne) && k.audience.is_empty()
    {
        cx.err(
            Code::Missing,
            k.audience_mode.span(),
            &key("audience"),
            format!(
                "session kind `{}` has audience mode `{}` but no audience groups",
                k.id.get_ref(),
                k.audience_mode.get_ref()
            ),
            format!("会议类型“{}”未列出参加群体", k.zh.get_ref()),
            "list the groups that attend in `audience` / 请在 audience 中列出参加的群体".into(),
        );
    }
    if duty_mode == DutyMode::Speaker && speaker == SpeakerNeed::None {
        cx.err(
            Code::Inconsistent,
            k.duty_mode.span(),
            &key("duty_mode"),
            "duty_mode = \"speaker\" needs a speaker, visit or online course, but `speaker = \"none\"`".into(),
            "duty_mode 为 speaker 时必须指定主讲人、考察点或线上课程".into(),
            "set `speaker` or use duty_mode = \"choose\" / 请设置 speaker 或改用 choose".into(),
        );
    }
    let with_kind = k
        .with_kind
        .as_ref()
        .and_then(|w| cx.reference(w, &key("with_kind"), "session kind", "会议类型", kind_idx));
    let per_unit_min = k
        .per_unit_min
        .as_ref()
        .map(|v| cx.uint(v, &key("per_unit_min"), 0));
    let per_unit_max = k
        .per_unit_max
        .as_ref()
        .map(|v| cx.uint(v, &key("per_unit_max"), 0));
    if let (Some(lo), Some(hi), Some(v)) = (per_unit_min, per_unit_max, &k.per_unit_max)
        && hi < lo
    {
        cx.err(
            Code::Inconsistent,
            v.span(),
            &key("per_unit_max"),
            format!("per_unit_max ({hi}) is below per_unit_min ({lo})"),
            format!("per_unit_max（{hi}）小于 per_unit_min（{lo}）"),
            "make the maximum at least the minimum / 最大值不能小于最小值".into(),
        );
    }
    let min_days_apart = k
        .min_days_apart
        .as_ref()
        .map(|v| cx.uint(v, &key("min_days_apart"), 1));
    let max_days_apart = k
        .max_days_apart
        .as_ref()
        .map(|v| cx.uint(v, &key("max_days_apart"), 1));
    if let (Some(lo), Some(hi), Some(v)) = (min_days_apart, max_days_apart, &k.max_days_apart)
        && hi < lo
    {
        cx.err(
            Code::Inconsistent,
            v.span(),
            &key("max_days_apart"),
            format!("max_days_apart ({hi}) is below min_days_apart ({lo})"),
            format!("max_days_apart（{hi}）小于 min_days_apart（{lo}）"),
            "make the longest interval at least the shortest / 最长间隔不能小于最短间隔".into(),
        );
    }
    let hours = cx.nonneg(&k.hours, &key("hours"));
    SessionKind {
        id: k.id.get_ref().clone(),
        zh: k.zh.get_ref().clone(),
        en: k.en.clone(),
        platform,
        level,
        segments: k.segments.clone(),
        audience,
        audience_mode,
        duty_mode,
        speaker,
        slots: cx.uint(&k.slots, &key("slots"), 1),
        hours,
        fixed_cost: k
            .fixed_cost
            .as_ref()
            .map_or(0.0, |v| cx.nonneg(v, &key("fixed_cost"))),
        per_attendee_cost: k
            .per_attendee_cost
            .as_ref()
            .map_or(0.0, |v| cx.nonneg(v, &key("per_attendee_cost"))),
        with_kind,
        per_month: k
            .per_month
            .as_ref()
            .map(|v| cx.uint(v, &key("per_month"), 0)),
        per_month_min_days: k
            .per_month_min_days
            .as_ref()
            .map_or(1, |v| cx.uint(v, &key("per_month_min_days"), 1)),
        per_semester: k
            .per_semester
            .as_ref()
            .map(|v| cx.uint(v, &key("per_semester"), 0)),
        max_per_semester: k
            .max_per_semester
            .as_ref()
            .map(|v| cx.uint(v, &key("max_per_semester"), 0)),
        max_attendees: k
            .max_attendees
            .as_ref()
            .map(|v| cx.uint(v, &key("max_attendees"), 1)),
        per_unit_min,
        per_unit_max,
        per_unit_duty_max: k
            .per_unit_duty_max
            .as_ref()
            .map(|v| cx.uint(v, &key("per_unit_duty_max"), 1)),
        min_days_apart,
        max_days_apart,
        min_speaker_level: k.min_speaker_level.as_ref().and_then(|v| {
            cx.word(
                v,
                &key("min_speaker_level"),
                &["internal", "provincial", "national"],
                SpeakerLevel::parse,
            )
        }),
        required: k.required,
    }
}
