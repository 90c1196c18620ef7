//! Rule files: loading, validation and compilation (one rule per TOML file under `rules/`).

pub mod info;

pub use info::{Example, RuleInfo};

use crate::error::Result;

/// All loaded rules, compiled.
#[derive(Debug, Default)]
pub struct RuleSet {}

impl RuleSet {
    /// The built-in rules embedded in the binary.
    pub fn builtin() -> Result<RuleSet> {
        Ok(RuleSet::default())
    }
}
