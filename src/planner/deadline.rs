//! The time limit of a solving command (`--time-limit`): a point in time after which every stage
//! stops searching and keeps the best it has, and a flag that says whether any stage did.
//!
//! Without a limit every stage runs its deterministic search to its node and round limits, so the
//! same inputs give the same plan on any machine; a limit that is reached makes the result depend
//! on the machine's speed, which the plan then says (`plan.time_limit`).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// When the searches must stop, shared by the stages of one run.
#[derive(Debug, Clone, Default)]
pub struct Deadline {
    at: Option<Instant>,
    limit: Option<f64>,
    reached: Arc<AtomicBool>,
}

impl PartialEq for Deadline {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at
    }
}

impl Eq for Deadline {}

impl Deadline {
    /// No limit.
    pub fn unlimited() -> Self {
        Self::default()
    }

    /// `seconds` from now.
    pub fn after(seconds: f64) -> Self {
        let secs = seconds.clamp(0.0, 1e7);
        Self {
            at: Some(Instant::now() + Duration::from_secs_f64(secs)),
            limit: Some(secs),
            reached: Arc::default(),
        }
    }

    /// The limit in seconds, as given.
    pub fn limit(&self) -> Option<f64> {
        self.limit
    }

    /// Seconds left for a solver's own time limit (`None`: no limit; at least a millisecond, so
    /// a solver given it still returns its start).
    pub fn left(&self) -> Option<f64> {
        self.at.map(|at| {
            at.saturating_duration_since(Instant::now())
                .as_secs_f64()
                .max(0.001)
        })
    }

    /// Whether the limit has passed; a stage that asks and stops because of it has reached it.
    pub fn passed(&self) -> bool {
        let passed = self.at.is_some_and(|at| Instant::now() >= at);
        if passed {
            self.reached.store(true, Ordering::Relaxed);
        }
        passed
    }

    /// Record that a solver stopped at the limit given by [`Deadline::left`].
    pub fn mark(&self) {
        if self.at.is_some() {
            self.reached.store(true, Ordering::Relaxed);
        }
    }

    /// Whether any stage stopped at the limit.
    pub fn reached(&self) -> bool {
        self.reached.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlimited_never_passes() {
        let d = Deadline::unlimited();
        assert!(!d.passed());
        assert_eq!(d.left(), None);
        assert!(!d.reached());
    }

    #[test]
    fn zero_passes_at_once_and_is_recorded_for_every_clone() {
        let d = Deadline::after(0.0);
        let c = d.clone();
        assert!(!c.reached());
        assert!(d.passed());
        assert!(c.reached(), "clones share the flag");
        assert!(d.left().is_some_and(|s| s > 0.0));
    }
}
