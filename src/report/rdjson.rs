//! `--format rdjson` report (work in progress).

use super::{ReportOptions, Reporter, Summary};
use crate::check::FileReport;
use crate::rules::RuleInfo;
use std::io::{self, Write};

pub struct RdjsonReporter {
    #[allow(dead_code)]
    opts: ReportOptions,
}

impl RdjsonReporter {
    pub fn new(opts: ReportOptions) -> Self {
        RdjsonReporter { opts }
    }
}

impl Reporter for RdjsonReporter {
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
