//! `--format sarif` report.
