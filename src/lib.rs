//! whosaid: checks news copy for source attribution.
//!
//! Pipeline: [`input`] (plain, Markdown, HTML → [`Document`]) → [`segment`] (blocks, sentences,
//! quotations as byte spans) → [`classify`] (one [`Label`] per sentence from the TOML rules) →
//! [`checks`] (findings) → [`report`] (terminal, JSON, …). Library code never prints.

#![forbid(unsafe_code)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod checks;
pub mod classify;
pub mod cli;
pub mod config;
pub mod document;
pub mod error;
pub mod input;
pub mod ledger;
pub mod lexicon;
pub mod report;
pub mod rules;
pub mod segment;
pub mod span;
pub mod suppress;
pub mod walk;

pub(crate) mod reuse;
#[cfg(test)]
pub(crate) mod testrng;

pub use check::{Checker, FileReport};
pub use classify::{Classification, Label};
pub use document::{Block, BlockKind, Document, Format};
pub use error::{Error, Result};
pub use span::{LineIndex, Span};
