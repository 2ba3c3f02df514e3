//! Output for people (aligned tables, Chinese names as in the data) and for tools (JSON).

pub mod plan_text;
pub mod table;
