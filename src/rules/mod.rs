//! Rule files: loading, validation and compilation (one rule per TOML file under `rules/`).
//!
//! Built-in rules are every `rules/*.toml` (top level; `rules/lang/` and `rules/checks/` belong to
//! the segmenter and the editorial checks), embedded by `build.rs`. Users add files or folders;
//! a user rule with a built-in id replaces it. All words and patterns compile once, into an
//! [`engine::Engine`], whenever the set of enabled rules changes.

pub(crate) mod alphabet;
pub mod engine;
pub mod file;
mod gate;
pub mod inflect;
pub mod info;
mod load;
pub mod matcher;
pub mod pattern;
pub mod render;
mod selfcheck;
pub(crate) mod value;
mod verb_forms;
mod wordindex;

pub use engine::Engine;
pub use file::{Kind, Role, Structure};
pub use info::{Example, RuleInfo};
pub(crate) use load::is_blank;
pub use pattern::Pattern;
pub use render::{render_explain, render_rule_list};
pub use selfcheck::ExampleFailure;

use crate::checks::Severity;
use crate::error::{Error, Result};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// Default carry-over window (sentences after an attributed one that may inherit its source).
pub const DEFAULT_CARRY_OVER: usize = 1;

/// One loaded rule: its metadata and its compiled content.
#[derive(Debug, Clone)]
pub struct Rule {
    pub info: RuleInfo,
    pub kind: Kind,
    /// Borrowed from the binary for built-in rules (no copy at start-up).
    pub words: Cow<'static, [Cow<'static, str>]>,
    pub patterns: Vec<Pattern>,
    pub role: Option<Role>,
    pub structure: Option<Structure>,
    pub window: Option<usize>,
    pub at_start: bool,
    /// For each `[[test]]` (in order): the source text it must name, if given.
    pub test_sources: Vec<Option<String>>,
}

/// All loaded rules, compiled.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    engine: Engine,
    /// Overrides the carry-over rule's window when set.
    carry_over: Option<usize>,
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::from_rules(Vec::new())
    }
}

impl RuleSet {
    fn from_rules(mut rules: Vec<Rule>) -> RuleSet {
        rules.sort_by(|a, b| a.info.id.cmp(&b.info.id));
        let engine = Engine::build(&rules);
        RuleSet {
            rules,
            engine,
            carry_over: None,
        }
    }

    /// The built-in rules embedded in the binary.
    pub fn builtin() -> Result<RuleSet> {
        Ok(RuleSet::from_rules(builtin_rules()?))
    }

    /// Built-in rules plus the rule files and folders in `extra` (a folder contributes its
    /// `*.toml` files, not its subfolders). A user rule with a built-in id replaces it; two user
    /// files with the same id are an error.
    pub fn load(extra: &[PathBuf]) -> Result<RuleSet> {
        let mut rules = builtin_rules()?;
        let builtin_count = rules.len();
        for path in extra {
            for file in rule_files(path)? {
                let rule = read_rule(&file)?;
                if let Some(i) = rules.iter().position(|r| r.info.id == rule.info.id) {
                    if i >= builtin_count {
                        let first = rules[i].info.path.clone().unwrap_or_default();
                        return Err(Error::Rule {
                            path: file.clone(),
                            message: format!(
                                "duplicate rule id `{}` (also defined in {})",
                                rule.info.id,
                                first.display()
                            ),
                        });
                    }
                    rules[i] = rule;
                } else {
                    rules.push(rule);
                }
            }
        }
        Ok(RuleSet::from_rules(rules))
    }

    /// Loads only the given rule files (no built-ins), e.g. for `whosaid rules --check PATH`.
    pub fn load_only(paths: &[PathBuf]) -> Result<RuleSet> {
        let mut rules: Vec<Rule> = Vec::new();
        for path in paths {
            for file in rule_files(path)? {
                let rule = read_rule(&file)?;
                if rules.iter().any(|r| r.info.id == rule.info.id) {
                    return Err(Error::Rule {
                        path: file,
                        message: format!("duplicate rule id `{}`", rule.info.id),
                    });
                }
                rules.push(rule);
            }
        }
        Ok(RuleSet::from_rules(rules))
    }

    /// Turns a rule off. Returns false when no rule has this id.
    pub fn disable(&mut self, id: &str) -> bool {
        self.set_enabled(id, false)
    }

    /// Turns a rule on or off. Returns false when no rule has this id.
    pub fn set_enabled(&mut self, id: &str, enabled: bool) -> bool {
        let Some(r) = self.rules.iter_mut().find(|r| r.info.id == id) else {
            return false;
        };
        if r.info.enabled != enabled {
            r.info.enabled = enabled;
            self.engine = Engine::build(&self.rules);
        }
        true
    }

    /// Changes the severity of a rule's findings. Returns false when no rule has this id.
    pub fn set_severity(&mut self, id: &str, severity: Severity) -> bool {
        match self.rules.iter_mut().find(|r| r.info.id == id) {
            Some(r) => {
                r.info.severity = Some(severity);
                true
            }
            None => false,
        }
    }

    /// Sets the carry-over window (sentences); 0 turns carry-over off.
    pub fn set_carry_over(&mut self, sentences: usize) {
        self.carry_over = Some(sentences);
    }

    /// The carry-over window in effect.
    pub fn carry_over(&self) -> usize {
        self.carry_over
            .or(self.engine.carry.map(|(_, w)| w))
            .unwrap_or(0)
    }

    /// Metadata of every rule, sorted by id (disabled ones included, with `enabled: false`).
    pub fn infos(&self) -> Vec<RuleInfo> {
        self.rules.iter().map(|r| r.info.clone()).collect()
    }

    /// The metadata of one rule.
    pub fn info(&self, id: &str) -> Option<&RuleInfo> {
        self.rules.iter().map(|r| &r.info).find(|i| i.id == id)
    }

    /// Rules, sorted by id.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The compiled matcher of the enabled rules.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Runs every example of every enabled rule through the real pipeline.
    pub fn self_check(&self) -> Vec<ExampleFailure> {
        selfcheck::run(self)
    }
}

fn builtin_rules() -> Result<Vec<Rule>> {
    let mut rules = Vec::with_capacity(builtin::BUILTIN.len());
    for (stem, text, read) in builtin::BUILTIN {
        let display = PathBuf::from(["rules/", stem, ".toml"].concat());
        rules.push(load::parse_builtin(&display, stem, text, *read)?);
    }
    Ok(rules)
}

/// The built-in check file `rules/checks/<id>.toml` as `build.rs` read it, if it fits the
/// schema.
pub(crate) fn builtin_check(id: &str) -> Option<&'static file::StaticCheck> {
    builtin::CHECKS
        .iter()
        .find(|(stem, _)| *stem == id)
        .and_then(|(_, read)| *read)
}

/// The tree `build.rs` compiled from `rules/lang/en.toml`, if it parsed.
pub(crate) fn builtin_lang_tree() -> Option<&'static value::Value> {
    builtin::LANG_EN
}

/// Reads a built-in tree into the structure `T` (as `toml::from_str` would from its text).
pub(crate) fn read_tree<T: serde::Deserialize<'static>>(tree: &'static value::Value) -> Option<T> {
    value::read(tree).ok()
}

fn read_rule(file: &Path) -> Result<Rule> {
    let text = std::fs::read_to_string(file).map_err(|source| Error::Io {
        path: file.to_path_buf(),
        source,
    })?;
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    load::parse(file, Some(file.to_path_buf()), stem, &text)
}

/// The rule files a path stands for: itself, or the sorted `*.toml` files of a folder.
fn rule_files(path: &Path) -> Result<Vec<PathBuf>> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    Ok(files)
}
