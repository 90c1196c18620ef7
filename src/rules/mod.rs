//! Rule files: loading, validation and compilation (one rule per TOML file under `rules/`).

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
