//! `--format rdjson` report.
