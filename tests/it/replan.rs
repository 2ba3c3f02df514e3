//! Re-planning mid-semester (`fudao replan`): the past is fixed, the published plan stays where
//! the current inputs allow, and every change is counted, explained and checked against the
//! published plan by the independent checker. Disruptions are made to the bundled scenario's
//! inputs; which speaker, venue or person they hit is read from the published plan, not fixed
//! here.

use chrono::NaiveDate;

use fudao::domain::{DateRange, Inputs};
use fudao::planner::replan::{self, Options};
use fudao::planner::{Deadline, run};
use fudao::wire::PlanFile;

use crate::support;

const BUNDLED: &str = "scenarios/jzmu-2026-fall.toml";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn opts(today: &str) -> Options {
    Options {
        base_path: "published/plan.json".into(),
        base_digest: "0".into(),
        today: day(today),
        pins: Vec::new(),
        cancel: Vec::new(),
    }
}

/// Re-plan and check: the plan passes the checker and keeps to its base.
fn replanned(inputs: &Inputs, base: &PlanFile, o: &Options) -> PlanFile {
    let p = replan::replan(inputs, base, o, &Deadline::unlimited()).expect("re-plans");
    assert_ne!(p.file.status, "infeasible", "{:?}", p.conflicts);
    let outcome = fudao::checker::verify(inputs, &p.file);
    assert!(
        outcome.is_ok(),
        "{}",
        fudao::checker::render(&p.file, &outcome)
    );
    let against = fudao::checker::replan::verify(inputs, base, &p.file);
    assert!(against.is_empty(), "{against:?}");
    p.file
}

/// The sessions dated before `today`, as JSON values, in id order.
fn before(plan: &PlanFile, today: &str) -> Vec<serde_json::Value> {
    let mut v: Vec<_> = plan
        .sessions
        .iter()
        .filter(|s| s.date.as_str() < today)
        .map(|s| serde_json::to_value(s).expect("json"))
        .collect();
    v.sort_by_key(|x| x["id"].as_str().unwrap_or_default().to_string());
    v
}

fn base_of(plan: &PlanFile) -> &fudao::wire::BaseOut {
    plan.base.as_ref().expect("a re-plan has a base")
}

#[test]
fn nothing_changed_speaker_cancelled_and_venue_closed() {
    let l = support::load_bundled(BUNDLED);
    let published = run(&l.inputs).file;
    let today = "2026-10-20";

    // 1. nothing changed: no change, the same plan apart from its base
    let same = replanned(&l.inputs, &published, &opts(today));
    assert!(base_of(&same).changes.is_empty());
    assert_eq!(base_of(&same).penalty, 0.0);
    let mut a = serde_json::to_value(&published).unwrap();
    let mut b = serde_json::to_value(&same).unwrap();
    b.as_object_mut().unwrap().remove("base");
    a.as_object_mut().unwrap().remove("base");
    assert_eq!(a, b, "a re-plan with nothing changed is the published plan");

    // 2. a speaker cancels one date: the first session after today given by a speaker
    let sc = &l.inputs.scenario;
    let hit = published
        .sessions
        .iter()
        .filter(|s| s.date.as_str() >= today)
        .find(|s| {
            s.speaker
                .as_ref()
                .is_some_and(|sp| sc.speakers.iter().any(|x| &x.id == sp))
        })
        .expect("a speaker's session after today");
    let mut inputs = l.inputs.clone();
    let sp = inputs
        .scenario
        .speakers
        .iter_mut()
        .find(|x| Some(&x.id) == hit.speaker.as_ref())
        .unwrap();
    let name = sp.name.clone();
    sp.dates.retain(|d| *d != day(&hit.date));
    let cancelled = replanned(&inputs, &published, &opts(today));
    assert_eq!(before(&cancelled, today), before(&published, today));
    let ch = &base_of(&cancelled).changes;
    assert!(
        !ch.is_empty() && ch.len() <= 5,
        "a handful of changes, got {}",
        ch.len()
    );
    let own = ch
        .iter()
        .find(|c| c.session == hit.id)
        .expect("the cancelled date's session changes");
    assert!(
        own.what
            .iter()
            .any(|w| ["moved", "speaker_changed", "dropped"].contains(&w.as_str())),
        "{own:?}"
    );
    if own.what.iter().any(|w| w == "moved") {
        assert!(
            own.zh.contains(&name) && own.zh.contains("不能于"),
            "{}",
            own.zh
        );
    }
    // the notice is in date order
    let dates: Vec<&str> = ch
        .iter()
        .map(|c| {
            c.before
                .as_ref()
                .or(c.after.as_ref())
                .unwrap()
                .date
                .as_str()
        })
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");

    // the same change after the session was held contradicts a fact: bad input, said so
    match replan::replan(
        &inputs,
        &published,
        &opts("2027-03-01"),
        &Deadline::unlimited(),
    ) {
        Err(replan::ReplanError::PastContradicted(list)) => {
            assert!(list.iter().any(|x| x.starts_with(&hit.id)), "{list:?}")
        }
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("a re-plan that rewrites the past"),
    }

    // 3. a venue closed for two weeks from the first session after today held in it
    let in_venue = published
        .sessions
        .iter()
        .find(|s| s.date.as_str() >= today && s.venue.is_some())
        .unwrap();
    let (from, to) = (
        day(&in_venue.date),
        day(&in_venue.date) + chrono::Duration::days(13),
    );
    let mut inputs = l.inputs.clone();
    let v = inputs
        .scenario
        .venues
        .iter_mut()
        .find(|v| Some(&v.id) == in_venue.venue.as_ref())
        .unwrap();
    v.unavailable.push(DateRange {
        name: "维修".into(),
        start: from,
        end: to,
    });
    let closed = replanned(&inputs, &published, &opts(today));
    let ch = &base_of(&closed).changes;
    assert!(ch.iter().any(|c| c.session == in_venue.id));
    for c in ch {
        let d = day(&c.before.as_ref().expect("kept or moved").date);
        assert!(
            from <= d && d <= to,
            "only sessions in the closed weeks change: {} on {d}",
            c.session
        );
    }
    for s in &closed.sessions {
        if s.venue == in_venue.venue {
            let d = day(&s.date);
            assert!(!(from <= d && d <= to), "{} is in the closed venue", s.id);
        }
    }
}

#[test]
fn a_new_hire_joins_from_the_hire_date_and_a_leaver_drops_out_of_later_sessions() {
    let l = support::load_bundled(BUNDLED);
    let published = run(&l.inputs).file;

    // a full-time counselor hired on 10-15, re-planned on 10-12
    // (from a college that trains on its own, so one more counselor keeps it so)
    let mut inputs = l.inputs.clone();
    let ft = inputs.full_time_counselors();
    let min = inputs.rules.two_level.independent_min;
    let model = inputs
        .scenario
        .people
        .iter()
        .find(|p| {
            p.college.is_some_and(|c| ft[c] > min)
                && p.counselor_since.is_some()
                && inputs.rules.roles[p.role].full_time_counselor
        })
        .unwrap()
        .clone();
    let mut hire = model.clone();
    hire.id = "T9999".into();
    hire.name = "新同事".into();
    hire.hired = day("2026-10-15");
    hire.counselor_since = Some(day("2026-10-15"));
    hire.honors.clear();
    inputs.scenario.people.push(hire);
    let p = replanned(&inputs, &published, &opts("2026-10-12"));
    let b = base_of(&p);
    assert_eq!(b.counts["moved"], 0, "{:?}", b.changes);
    assert_eq!(b.counts["dropped"], 0);
    assert_eq!(b.counts["added"], 0);
    assert!(!b.changes.is_empty(), "the new counselor joins sessions");
    for c in &b.changes {
        assert_eq!(c.what, vec!["attendees".to_string()]);
        assert_eq!(c.joined, vec!["T9999".to_string()], "{c:?}");
        assert!(c.left.is_empty());
        assert!(c.after.as_ref().unwrap().date.as_str() >= "2026-10-15");
    }
    for s in p.sessions.iter().filter(|s| s.date.as_str() < "2026-10-15") {
        assert!(!s.attendees.iter().any(|a| a == "T9999"), "{}", s.id);
    }
    assert_eq!(p.studios, published.studios, "studios are standing teams");
    assert_eq!(p.clusters, published.clusters);

    // someone who attends sessions after 11-01 leaves on 11-01
    let mut inputs = l.inputs.clone();
    // (someone on no studio team: a team that loses a member is a change of its own)
    let on_team = |id: &str| {
        published.studios.iter().any(|t| {
            t.lead.as_deref() == Some(id)
                || t.backbone.iter().any(|x| x == id)
                || t.members.iter().any(|x| x == id)
        })
    };
    let leaver = published
        .sessions
        .iter()
        .filter(|s| s.date.as_str() > "2026-11-01" && s.audience.iter().all(|a| !a.contains(':')))
        .flat_map(|s| s.attendees.iter())
        .find(|a| !on_team(a))
        .unwrap()
        .clone();
    let who = inputs
        .scenario
        .people
        .iter_mut()
        .find(|p| p.id == leaver)
        .unwrap();
    who.left = Some(day("2026-11-01"));
    let p = replanned(&inputs, &published, &opts("2026-10-20"));
    let b = base_of(&p);
    assert_eq!(b.counts["moved"], 0, "{:?}", b.changes);
    for s in p.sessions.iter().filter(|s| s.date.as_str() > "2026-11-01") {
        assert!(
            !s.attendees.contains(&leaver),
            "{} still lists {leaver}",
            s.id
        );
    }
    assert!(b.changes.iter().all(|c| c.left == vec![leaver.clone()]));
    assert_eq!(before(&p, "2026-10-20"), before(&published, "2026-10-20"));
}

#[test]
fn the_checker_catches_a_re_plan_that_rewrites_the_past_or_miscounts() {
    let l = support::load_bundled("scenarios/small.toml");
    let published = run(&l.inputs).file;
    let today = published.sessions[published.sessions.len() / 2]
        .date
        .clone();
    let mut o = opts(&today);
    let pin = published
        .sessions
        .iter()
        .find(|s| s.date > today)
        .unwrap()
        .id
        .clone();
    o.pins = vec![pin.clone()];
    let p = replanned(&l.inputs, &published, &o);
    let rules = |plan: &PlanFile| -> Vec<String> {
        fudao::checker::replan::verify(&l.inputs, &published, plan)
            .into_iter()
            .map(|v| v.rule)
            .collect()
    };
    // a past session moved
    let mut bad = p.clone();
    let past = bad.sessions.iter_mut().find(|s| s.date < today).unwrap();
    past.slot = if past.slot == "am" {
        "pm".into()
    } else {
        "am".into()
    };
    assert!(rules(&bad).contains(&"replan.past".to_string()));
    // the pinned session moved
    let mut bad = p.clone();
    let s = bad.sessions.iter_mut().find(|s| s.id == pin).unwrap();
    s.date = "2026-12-31".into();
    assert!(rules(&bad).contains(&"replan.pinned".to_string()));
    // a miscount
    let mut bad = p.clone();
    *bad.base.as_mut().unwrap().counts.get_mut("people").unwrap() += 1;
    assert!(rules(&bad).contains(&"replan.changes".to_string()));
    // a reused id
    let mut bad = p.clone();
    let first = published.sessions[0].id.clone();
    bad.sessions.retain(|s| s.id != first);
    let mut extra = bad.sessions.last().unwrap().clone();
    extra.id = first;
    extra.date = "2026-12-30".into();
    bad.sessions.push(extra);
    assert!(!rules(&bad).is_empty());
}

#[test]
fn the_cli_writes_a_notice_and_calendars_that_update_the_published_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pub_dir = dir.path().join("published");
    let (code, _, err) = support::fudao(&[
        "plan",
        "scenarios/tiny.toml",
        "-o",
        pub_dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let base = pub_dir.join("plan.json");
    let published: PlanFile =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    // re-plan from a third into the semester: cancel the last theme lecture (optional: it goes)
    // and the last monthly meeting (required once a month: it is held on another day)
    let today = published.sessions[published.sessions.len() / 3]
        .date
        .clone();
    let last_of = |kind: &str| {
        published
            .sessions
            .iter()
            .filter(|s| s.date > today && s.kind == kind)
            .map(|s| s.id.clone())
            .next_back()
            .unwrap()
    };
    let cancel = last_of("theme_lecture");
    let cancel = cancel.as_str();
    let meeting = last_of("monthly_meeting");
    let new_dir = dir.path().join("new");
    let args = [
        "replan",
        "scenarios/tiny.toml",
        "--base",
        base.to_str().unwrap(),
        "--today",
        &today,
        "--cancel",
        cancel,
        "--cancel",
        &meeting,
        "-o",
        new_dir.to_str().unwrap(),
    ];
    let (code, out, err) = support::fudao(&args);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("变更通知") && out.contains("取消"), "{out}");
    let notice = std::fs::read_to_string(new_dir.join("notice.txt")).unwrap();
    assert!(notice.contains("办公室取消"), "{notice}");
    // the checker agrees from the files
    let (code, out, err) = support::fudao(&[
        "check",
        "scenarios/tiny.toml",
        "--plan",
        new_dir.join("plan.json").to_str().unwrap(),
        "--base",
        base.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    // calendars: a real parser reads the same UIDs, the cancelled one CANCELLED with a higher
    // SEQUENCE
    let cal = |p: &std::path::Path| -> Vec<(String, String, String)> {
        let text = std::fs::read_to_string(p).unwrap();
        let unfolded = icalendar::parser::unfold(&text);
        let parsed = icalendar::parser::read_calendar(&unfolded).expect("parses");
        parsed
            .components
            .iter()
            .filter(|c| c.name == "VEVENT")
            .map(|c| {
                let get = |k: &str| {
                    c.properties
                        .iter()
                        .find(|p| p.name == k)
                        .map(|p| p.val.to_string())
                        .unwrap_or_default()
                };
                (get("UID"), get("SEQUENCE"), get("STATUS"))
            })
            .collect()
    };
    let group = published
        .sessions
        .iter()
        .find(|s| s.id == cancel)
        .unwrap()
        .audience[0]
        .clone();
    let old = cal(&pub_dir.join(format!("ics/group-{group}.ics")));
    let new = cal(&new_dir.join(format!("ics/group-{group}.ics")));
    let uid = |id: &str| format!("{id}-tiny@fudao");
    let gone = new
        .iter()
        .find(|e| e.0 == uid(cancel))
        .expect("the cancelled event is there");
    assert_eq!(gone.2, "CANCELLED");
    assert_eq!(gone.1, "1");
    for e in &old {
        assert!(new.iter().any(|n| n.0 == e.0), "UID {} kept", e.0);
    }
    // the required meeting is held on another day: the same event, updated
    let held = new
        .iter()
        .find(|e| e.0 == uid(&meeting))
        .expect("the meeting");
    assert_eq!((held.1.as_str(), held.2.as_str()), ("1", "CONFIRMED"));
    let replanned: PlanFile =
        serde_json::from_str(&std::fs::read_to_string(new_dir.join("plan.json")).unwrap()).unwrap();
    let was = published.sessions.iter().find(|s| s.id == meeting).unwrap();
    let now = replanned.sessions.iter().find(|s| s.id == meeting).unwrap();
    assert_ne!(now.date, was.date);
    assert!(notice.contains("规则要求举办"), "{notice}");
    let cancels = cal(&new_dir.join("ics/cancelled.ics"));
    assert!(
        cancels
            .iter()
            .any(|e| e.0 == uid(cancel) && e.2 == "CANCELLED")
    );
    let text = std::fs::read_to_string(new_dir.join("ics/cancelled.ics")).unwrap();
    assert!(text.contains("METHOD:CANCEL"));

    // bad input: an id the published plan does not have, a malformed date
    let (code, _, err) = support::fudao(&[
        "replan",
        "scenarios/tiny.toml",
        "--base",
        base.to_str().unwrap(),
        "--today",
        &today,
        "--pin",
        "S999",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("S999"), "{err}");
    let (code, _, err) = support::fudao(&[
        "replan",
        "scenarios/tiny.toml",
        "--base",
        base.to_str().unwrap(),
        "--today",
        "10/20",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn a_studio_lead_who_leaves_is_succeeded_from_the_team_and_no_other_team_changes() {
    let l = support::load_bundled(BUNDLED);
    let published = run(&l.inputs).file;
    let studio = published
        .studios
        .iter()
        .find(|s| s.lead.is_some() && !s.backbone.is_empty())
        .expect("a staffed studio");
    let lead = studio.lead.clone().unwrap();
    let mut inputs = l.inputs.clone();
    inputs
        .scenario
        .people
        .iter_mut()
        .find(|p| p.id == lead)
        .unwrap()
        .left = Some(day("2026-10-25"));
    let p = replanned(&inputs, &published, &opts("2026-10-20"));
    for (a, b) in published.studios.iter().zip(&p.studios) {
        if a.duty != studio.duty {
            assert_eq!(a, b, "only the lead's studio changes");
            continue;
        }
        let new = b.lead.clone().expect("a new lead");
        assert_ne!(new, lead);
        assert!(
            a.backbone.contains(&new) || a.members.contains(&new),
            "the successor {new} comes from the team"
        );
        assert!(!b.backbone.contains(&new) && !b.members.contains(&new));
    }
    assert!(
        p.violations
            .iter()
            .any(|v| v.rule == "replan.studios" && v.message.contains("接任")),
        "{:?}",
        p.violations
    );
    assert_eq!(base_of(&p).counts["moved"], 0);
}

#[test]
fn a_generated_scenario_survives_a_cancelled_speaker_date() {
    // inputs this file has never seen: a generated scenario, the first speaker session after
    // today losing its date
    let dir = tempfile::tempdir().expect("temp dir");
    let sc = dir.path().join("g.toml");
    let rules = support::root().join("rules/jzmu.toml");
    let (code, _, err) = support::fudao(&[
        "gen",
        "--colleges",
        "16",
        "--staff",
        "220",
        "--seed",
        "11",
        "-o",
        sc.to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let base_dir = dir.path().join("base");
    let (code, _, err) = support::fudao(&[
        "plan",
        sc.to_str().unwrap(),
        "-o",
        base_dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let base = base_dir.join("plan.json");
    let published: PlanFile =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    let today = "2026-10-20";
    let text = std::fs::read_to_string(&sc).unwrap();
    let hit = published
        .sessions
        .iter()
        .filter(|s| s.date.as_str() >= today)
        .find(|s| {
            s.speaker
                .as_ref()
                .is_some_and(|sp| text.contains(&format!("id = \"{sp}\"\nname")))
        })
        .expect("a speaker's session after today");
    let sp = hit.speaker.clone().unwrap();
    // drop the date from that speaker's `dates = [...]`
    let at = text.find(&format!("id = \"{sp}\"\nname")).unwrap();
    let open = at + text[at..].find("dates = [").unwrap();
    let close = open + text[open..].find(']').unwrap();
    let dates: Vec<&str> = text[open + 9..close]
        .split(',')
        .map(str::trim)
        .filter(|d| *d != hit.date)
        .collect();
    let changed = format!(
        "{}dates = [{}]{}",
        &text[..open],
        dates.join(", "),
        &text[close + 1..]
    );
    let sc2 = dir.path().join("g2.toml");
    std::fs::write(&sc2, changed).unwrap();
    let out = dir.path().join("new");
    let (code, _, err) = support::fudao(&[
        "replan",
        sc2.to_str().unwrap(),
        "--base",
        base.to_str().unwrap(),
        "--today",
        today,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "the re-plan passes its checks: {err}");
    let p: PlanFile =
        serde_json::from_str(&std::fs::read_to_string(out.join("plan.json")).unwrap()).unwrap();
    let ch = &base_of(&p).changes;
    assert!(ch.iter().any(|c| c.session == hit.id), "{ch:?}");
    assert!(ch.len() <= 5, "{} changes", ch.len());
    assert_eq!(before(&p, today), before(&published, today));
}
