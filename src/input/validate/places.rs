//! `[[campuses]]`, `[[travel]]`, `[[colleges]]` and `[[venues]]`: where the colleges and venues
//! are, and how long it takes to travel between campuses.

use crate::domain::{Campus, College, Semester, Venue};
use crate::wire;

use super::{Cx, Index, index_ids};

/// Index the campuses (by id and name).
pub(super) fn campuses(cx: &mut Cx<'_>, campuses_in: &[wire::CampusIn]) -> (Index, Vec<Campus>) {
    let campus_idx = index_ids(
        cx,
        "campuses",
        campuses_in.iter().map(|c| (&c.id, vec![c.name.as_str()])),
    );
    let campuses: Vec<Campus> = campuses_in
        .iter()
        .map(|c| Campus {
            id: c.id.get_ref().clone(),
            name: c.name.clone(),
        })
        .collect();
    (campus_idx, campuses)
}

/// The travel minutes and cost per person between every two campuses (`None`: no connection).
pub(super) fn travel(
    cx: &mut Cx<'_>,
    travel_in: &[wire::TravelIn],
    campus_idx: &Index,
    campuses: &[Campus],
) -> (Vec<Vec<Option<f64>>>, Vec<Vec<f64>>) {
    let n = campuses.len();
    let mut travel_minutes = vec![vec![None; n]; n];
    let mut travel_cost = vec![vec![0.0; n]; n];
    for (i, row) in travel_minutes.iter_mut().enumerate() {
        row[i] = Some(0.0);
    }
    for t in travel_in {
        let a = cx.reference(&t.from, "travel.from", "campus", "校区", campus_idx);
        let b = cx.reference(&t.to, "travel.to", "campus", "校区", campus_idx);
        let m = cx.nonneg(&t.minutes, "travel.minutes");
        let c = t
            .cost_per_person
            .as_ref()
            .map_or(0.0, |v| cx.nonneg(v, "travel.cost_per_person"));
        if let (Some(a), Some(b)) = (a, b) {
            travel_minutes[a][b] = Some(m);
            travel_minutes[b][a] = Some(m);
            travel_cost[a][b] = c;
            travel_cost[b][a] = c;
        }
    }
    (travel_minutes, travel_cost)
}

/// Index the colleges (by id and name) and resolve their campuses.
pub(super) fn colleges(
    cx: &mut Cx<'_>,
    colleges_in: &[wire::CollegeIn],
    campus_idx: &Index,
    duty_idx: &Index,
    semester: Option<&Semester>,
) -> (Index, Vec<College>) {
    let college_idx = index_ids(
        cx,
        "colleges",
        colleges_in
            .iter()
            .map(|c| (&c.id, vec![c.name.get_ref().as_str()])),
    );
    let colleges: Vec<College> = colleges_in
        .iter()
        .map(|c| College {
            id: c.id.get_ref().clone(),
            name: c.name.get_ref().clone(),
            campus: cx
                .reference(&c.campus, "colleges.campus", "campus", "校区", campus_idx)
                .unwrap_or(0),
            discipline: c.discipline.get_ref().clone(),
            stage: c.stage.get_ref().clone(),
            // kept in order and with repeats: a duty listed twice asks for two sessions on it
            themes: c
                .themes
                .iter()
                .filter_map(|t| cx.reference(t, "colleges.themes", "duty", "职责", duty_idx))
                .collect(),
            unavailable: semester.map_or_else(Vec::new, |s| {
                c.unavailable
                    .iter()
                    .filter_map(|r| {
                        super::semester::range(cx, r, "colleges.unavailable", s.start, s.end)
                    })
                    .collect()
            }),
        })
        .collect();
    (college_idx, colleges)
}

/// The venues, each on a campus.
pub(super) fn venues(
    cx: &mut Cx<'_>,
    venues_in: &[wire::VenueIn],
    campus_idx: &Index,
    semester: Option<&Semester>,
) -> Vec<Venue> {
    let venue_idx = index_ids(cx, "venues", venues_in.iter().map(|v| (&v.id, vec![])));
    drop(venue_idx);
    venues_in
        .iter()
        .map(|v| Venue {
            id: v.id.get_ref().clone(),
            name: v.name.clone(),
            campus: cx
                .reference(&v.campus, "venues.campus", "campus", "校区", campus_idx)
                .unwrap_or(0),
            capacity: cx.uint(&v.capacity, "venues.capacity", 1),
            cost: v.cost.as_ref().map_or(0.0, |c| cx.nonneg(c, "venues.cost")),
            unavailable: semester.map_or_else(Vec::new, |s| {
                v.unavailable
                    .iter()
                    .filter_map(|r| {
                        super::semester::range(cx, r, "venues.unavailable", s.start, s.end)
                    })
                    .collect()
            }),
        })
        .collect()
}
