//! The pipeline for one file: parse → segment → classify → checks.

use crate::checks::{CheckSet, Finding};
use crate::classify::{self, Classification};
use crate::document::{Document, Format};
use crate::error::Result;
use crate::input;
use crate::rules::engine::{one_window, Ahead};
use crate::rules::RuleSet;
use crate::segment::{self, Segmentation};
use std::path::PathBuf;

/// Everything whosaid knows about one checked file.
#[derive(Debug)]
pub struct FileReport {
    pub doc: Document,
    pub segmentation: Segmentation,
    /// One classification per sentence, in sentence order.
    pub labels: Vec<Classification>,
    pub findings: Vec<Finding>,
    /// The sources of the file with aliases merged.
    pub ledger: crate::ledger::Ledger,
}

/// Checks documents against a rule set.
#[derive(Debug)]
pub struct Checker {
    pub rules: RuleSet,
    /// The editorial checks (built-in; the CLI/config may disable or re-level them).
    pub checks: CheckSet,
}

impl Checker {
    pub fn new(rules: RuleSet) -> Self {
        // the built-in checks are embedded and tested (tests/checks.rs); an error here is a
        // build defect, and the pipeline then runs without editorial checks
        let checks = CheckSet::builtin().unwrap_or_default();
        Checker { rules, checks }
    }

    /// A checker from rules and checks that are already built.
    pub fn with_checks(rules: RuleSet, checks: CheckSet) -> Self {
        Checker { rules, checks }
    }

    /// Checks one document.
    pub fn check_document(&self, doc: Document) -> FileReport {
        let segmentation = segment::segment(&doc);
        // a document the classifier scans in one window: one walk over its words finds the
        // classifier's and the checks' lexicon hits; a longer one is scanned by each on its own,
        // the checks' when they start (memory)
        let engine = self.rules.engine();
        let (hits, mut ahead) =
            match one_window(&doc.text, segmentation.sentences.iter().map(|s| s.span)) {
                Some(from) => {
                    let (hits, ahead) = self.checks.scan_along(&doc.text, engine, from);
                    (Some(hits), ahead)
                }
                None => (None, Ahead::default()),
            };
        let labels = classify::classify_ahead(&doc, &segmentation, &self.rules, &mut ahead);
        drop(ahead);
        let ledger = crate::ledger::build(&doc, &segmentation, &labels, &self.checks);
        let findings =
            crate::checks::run_with_hits(&doc, &segmentation, &labels, &self.checks, &ledger, hits);
        FileReport {
            doc,
            segmentation,
            labels,
            findings,
            ledger,
        }
    }

    /// Decodes and checks the bytes of one file.
    pub fn check_bytes(&self, path: PathBuf, format: Format, bytes: Vec<u8>) -> Result<FileReport> {
        let source = input::decode(&path, bytes)?;
        Ok(self.check_document(input::parse(path, format, source)))
    }
}
