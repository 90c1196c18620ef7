//! `--format html` report.
