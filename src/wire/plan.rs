//! Wire form of the plan file (`plan.json`): the keys other tools read (see design.md).
//! Serialized by the reports, read back by the checker; never holds solver state.

use serde::{Deserialize, Serialize};

/// A person in `plan.json` (`people`): groups and the reason for each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonOut {
    /// Person id.
    pub id: String,
    /// Name as in the roster.
    pub name: String,
    /// College id, `null` for school-level offices.
    pub college: Option<String>,
    /// Role id.
    pub role: String,
    /// Group ids.
    pub groups: Vec<String>,
    /// One reason per group (Chinese, then English), or why the person fits no group.
    pub reasons: Vec<String>,
}
