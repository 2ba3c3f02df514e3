//! The record's database: its schema, reading and the one-transaction writes live with the other
//! file formats, in [`crate::input::record_db`] (the plan's loading reads it); re-exported here.

pub use crate::input::record_db::*;
