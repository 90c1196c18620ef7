//! `--format github` report.
