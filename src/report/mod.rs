//! Output for people (aligned tables, Chinese names as in the data) and for tools (JSON).

pub mod history;
pub mod names;
pub mod notice;
pub mod plan_text;
pub mod studios;
pub mod summary;
pub mod table;
pub mod two_level;
