//! Progress line on standard error (files done, MB/s, findings so far), drawn only when standard
//! error is a terminal, at most ten times a second, and erased at the end.

use std::io::Write;
use std::time::{Duration, Instant};

pub struct Progress {
    enabled: bool,
    total: usize,
    done: usize,
    bytes: u64,
    findings: usize,
    start: Instant,
    last: Option<Instant>,
    drawn: bool,
}

impl Progress {
    /// `enabled` is whether standard error is a terminal; small runs never draw.
    pub fn new(enabled: bool, total: usize) -> Self {
        Progress {
            enabled: enabled && total > 1,
            total,
            done: 0,
            bytes: 0,
            findings: 0,
            start: Instant::now(),
            last: None,
            drawn: false,
        }
    }

    /// Records one finished file.
    pub fn file_done(&mut self, bytes: usize, findings: usize, err: &mut dyn Write) {
        self.done += 1;
        self.bytes += bytes as u64;
        self.findings += findings;
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        // wait a moment before the first draw, so a fast run prints nothing
        let due = match self.last {
            None => now.duration_since(self.start) >= Duration::from_millis(300),
            Some(t) => now.duration_since(t) >= Duration::from_millis(100),
        };
        if due {
            self.last = Some(now);
            let secs = now.duration_since(self.start).as_secs_f64().max(1e-6);
            let mbs = self.bytes as f64 / 1e6 / secs;
            let _ = write!(
                err,
                "\r\x1b[2K{}/{} files  {:.1} MB/s  {} findings",
                self.done, self.total, mbs, self.findings
            );
            let _ = err.flush();
            self.drawn = true;
        }
    }

    /// Erases the progress line (before the final messages).
    pub fn clear(&mut self, err: &mut dyn Write) {
        if self.drawn {
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.drawn = false;
        }
    }
}
