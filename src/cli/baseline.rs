//! `--baseline FILE` / `--write-baseline FILE`: accept today's findings and fail only on new ones.
//!
//! A finding's fingerprint is its rule, the file's display path and the text of its sentence
//! (white space collapsed), so it survives edits elsewhere in the file and line moves. The
//! baseline is a multiset: two identical findings need two entries.

use crate::check::FileReport;
use crate::checks::Finding;
use crate::error::{Error, Result};
use crate::report::display_path;
use crate::suppress::{Suppression, SuppressionKind};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    pub sentence: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

fn entry(report: &FileReport, f: &Finding) -> Entry {
    let span = f
        .sentence
        .and_then(|i| report.segmentation.sentences.get(i))
        .map_or(f.span, |s| s.span);
    let text = report.doc.slice(span);
    Entry {
        rule: f.rule.to_string(),
        path: display_path(&report.doc.path),
        sentence: text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// A loaded baseline; entries are used up as findings match them.
#[derive(Debug)]
pub struct Baseline {
    path: PathBuf,
    counts: HashMap<Entry, usize>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline> {
        let err = |message: String| Error::Config {
            path: path.to_path_buf(),
            message,
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| err(format!("cannot read the baseline: {e}")))?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            err(format!(
                "{}:{}: not a whosaid baseline: {e}",
                e.line(),
                e.column()
            ))
        })?;
        if file.version != 1 {
            return Err(err(format!(
                "baseline version {} is not supported (expected 1)",
                file.version
            )));
        }
        let mut counts = HashMap::new();
        for e in file.findings {
            *counts.entry(e).or_insert(0) += 1;
        }
        Ok(Baseline {
            path: path.to_path_buf(),
            counts,
        })
    }

    /// Marks the findings of `report` that the baseline accepts as suppressed (`external`).
    pub fn apply(&mut self, report: &mut FileReport) {
        let mut marks = Vec::new();
        for (i, f) in report.findings.iter().enumerate() {
            if f.suppressed.is_some() {
                continue;
            }
            if let Some(n) = self.counts.get_mut(&entry(report, f)) {
                if *n > 0 {
                    *n -= 1;
                    marks.push(i);
                }
            }
        }
        let why = format!("accepted in the baseline {}", self.path.display());
        for i in marks {
            if let Some(f) = report.findings.get_mut(i) {
                f.suppressed = Some(Box::new(Suppression {
                    kind: SuppressionKind::External,
                    justification: Some(why.clone()),
                    directive: None,
                }));
            }
        }
    }
}

/// Collects the fingerprints of a run for `--write-baseline`.
#[derive(Debug, Default)]
pub struct Recorder {
    entries: Vec<Entry>,
}

impl Recorder {
    /// Records the findings of `report` not suppressed by a comment.
    pub fn add(&mut self, report: &FileReport) {
        for f in report.findings.iter().filter(|f| {
            f.suppressed
                .as_ref()
                .is_none_or(|s| s.kind == SuppressionKind::External)
        }) {
            self.entries.push(entry(report, f));
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Writes the baseline file (entries sorted, so it diffs well).
    pub fn write(mut self, path: &Path) -> Result<()> {
        self.entries.sort();
        let file = BaselineFile {
            version: 1,
            findings: self.entries,
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        std::fs::write(path, text).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}
