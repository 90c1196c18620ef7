//! `--format sarif` report (work in progress).

use super::{ReportOptions, Reporter, Summary};
use crate::check::FileReport;
use crate::rules::RuleInfo;
use std::io::{self, Write};

pub struct SarifReporter {
    #[allow(dead_code)]
    opts: ReportOptions,
}

impl SarifReporter {
    pub fn new(opts: ReportOptions) -> Self {
        SarifReporter { opts }
    }
}

impl Reporter for SarifReporter {
    fn begin(&mut self, _rules: &[RuleInfo], _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    fn file(&mut self, _report: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, _summary: &Summary, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
