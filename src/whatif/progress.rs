//! A progress bar on stderr for long sweeps, drawn only when stderr is a terminal (never into a
//! pipe or a log file), so piped and redirected output stays clean and byte-identical.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Counts finished points and redraws one line on stderr.
#[derive(Debug)]
pub struct Progress {
    total: usize,
    done: AtomicUsize,
    start: Instant,
    enabled: bool,
    draw: Mutex<()>,
}

impl Progress {
    /// A bar for `total` points, shown only when stderr is a terminal.
    pub fn new(total: usize) -> Self {
        Self::with(total, std::io::stderr().is_terminal())
    }

    /// A bar that is shown or not, as told.
    pub fn with(total: usize, enabled: bool) -> Self {
        let p = Self {
            total,
            done: AtomicUsize::new(0),
            start: Instant::now(),
            enabled,
            draw: Mutex::new(()),
        };
        p.redraw(0);
        p
    }

    /// One more point finished.
    pub fn tick(&self) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        self.redraw(n);
    }

    fn redraw(&self, n: usize) {
        if !self.enabled {
            return;
        }
        let Ok(_guard) = self.draw.lock() else { return };
        let width = 30;
        let filled = (n * width).checked_div(self.total).unwrap_or(width);
        let secs = self.start.elapsed().as_secs_f64();
        let eta = if n > 0 && n < self.total {
            format!(
                ", ~{:.0} s left 预计剩余",
                secs / n as f64 * (self.total - n) as f64
            )
        } else {
            String::new()
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[2K规划 planning [{}{}] {n}/{} {secs:.1} s{eta}",
            "#".repeat(filled),
            ".".repeat(width - filled),
            self.total
        );
        let _ = err.flush();
    }

    /// Clear the bar's line.
    pub fn finish(&self) {
        if self.enabled {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
        }
    }
}
