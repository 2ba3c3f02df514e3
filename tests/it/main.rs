//! The integration tests of fudao: one test crate (one binary to link), a module per area, the
//! shared helpers in [`support`], the planner stages' test oracles in [`oracles`]. Fixtures live
//! in `tests/fixtures/`, insta snapshots in `tests/it/snapshots/`.

mod architecture;
mod backends;
mod bad_input;
mod browser;
mod checker;
mod checker_value;
mod cli;
mod diff;
mod export_cli;
mod export_html;
mod export_ics;
mod export_roster;
mod export_xlsx;
mod r#gen;
mod models;
mod notices;
mod oracles;
mod plan;
mod profile;
mod records;
mod replan;
mod roster;
mod studios;
mod support;
mod two_level;
mod whatif;
