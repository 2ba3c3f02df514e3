//! The stages' MILPs as others can re-solve them (`fudao plan --write-models DIR`): each stage
//! hands its model to a [`ModelLog`] in MPS form ([`crate::planner::solver::Model::mps`]); the CLI
//! writes what was recorded. Off by default, when nothing is formatted at all.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// Where the stages record their models (file name → MPS text); clones share the record.
#[derive(Debug, Clone, Default)]
pub struct ModelLog {
    models: Option<Arc<Mutex<BTreeMap<String, String>>>>,
}

/// A log is not part of a problem: any two compare equal (so the stages' inputs that carry one
/// still compare by their facts).
impl PartialEq for ModelLog {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for ModelLog {}

impl ModelLog {
    /// Records nothing.
    pub fn off() -> Self {
        Self { models: None }
    }

    /// Records every model handed to it.
    pub fn on() -> Self {
        Self {
            models: Some(Arc::default()),
        }
    }

    /// Whether models are wanted (so a stage only formats one when they are).
    pub fn wants(&self) -> bool {
        self.models.is_some()
    }

    /// Record `file` (the first model of that name is kept: the first, uncut selection).
    pub fn record(&self, file: &str, mps: impl FnOnce() -> String) {
        if let Some(m) = &self.models {
            let mut m = m.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if !m.contains_key(file) {
                m.insert(file.to_string(), mps());
            }
        }
    }

    /// Everything recorded, by file name.
    pub fn taken(&self) -> Vec<(String, String)> {
        match &self.models {
            Some(m) => m
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_records_nothing_and_the_first_model_of_a_name_stays() {
        let off = ModelLog::off();
        off.record("a.mps", || unreachable!("not formatted when off"));
        assert!(off.taken().is_empty());
        let on = ModelLog::on();
        let clone = on.clone();
        clone.record("b.mps", || "first".into());
        on.record("b.mps", || "second".into());
        on.record("a.mps", || "other".into());
        assert_eq!(
            on.taken(),
            vec![
                ("a.mps".to_string(), "other".to_string()),
                ("b.mps".to_string(), "first".to_string())
            ]
        );
    }
}
