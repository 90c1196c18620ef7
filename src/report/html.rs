//! `--format html` report (work in progress).

use super::{ReportOptions, Reporter, Summary};
use crate::check::FileReport;
use crate::rules::RuleInfo;
use std::io::{self, Write};

pub struct HtmlReporter {
    #[allow(dead_code)]
    opts: ReportOptions,
}

impl HtmlReporter {
    pub fn new(opts: ReportOptions) -> Self {
        HtmlReporter { opts }
    }
}

impl Reporter for HtmlReporter {
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
