//! The pipeline for one file: parse → segment → classify → checks.

use crate::checks::Finding;
use crate::classify::{self, Classification};
use crate::document::{Document, Format};
use crate::error::Result;
use crate::input;
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
}

/// Checks documents against a rule set.
#[derive(Debug)]
pub struct Checker {
    pub rules: RuleSet,
}

impl Checker {
    pub fn new(rules: RuleSet) -> Self {
        Checker { rules }
    }

    /// Checks one document.
    pub fn check_document(&self, doc: Document) -> FileReport {
        let segmentation = segment::segment(&doc);
        let labels = classify::classify(&doc, &segmentation, &self.rules);
        FileReport {
            doc,
            segmentation,
            labels,
            findings: Vec::new(),
        }
    }

    /// Decodes and checks the bytes of one file.
    pub fn check_bytes(&self, path: PathBuf, format: Format, bytes: Vec<u8>) -> Result<FileReport> {
        let source = input::decode(&path, bytes)?;
        Ok(self.check_document(input::parse(path, format, source)))
    }
}
