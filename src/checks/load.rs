//! Loading check files (`rules/checks/*.toml`): schema, validation, compiled word lists.

use super::index::{Combined, Hits, Presence};
pub use super::lists::NameHasher;
use super::lists::{known_lists, searched_lists, LEDGER_KINDS, LEDGER_WORDS, QUANTITY_WORDS};
use super::load_error::{describe_toml_error, key_position};
use super::numbers::NumberWords;
use super::phrases::PhraseList;
use super::{Severity, Shared};
use crate::error::{Error, Result};
use crate::ledger::WordTable;
use crate::rules::engine::{Ahead, Engine};
use crate::rules::file::{opt_variant, strings, variant, StaticCheck};
use crate::rules::is_blank;
use crate::rules::{Example, RuleInfo};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The built-in check files, embedded at build time: (id, TOML text).
const BUILTIN: &[(&str, &str)] = &[
    (
        "unattributed-claim",
        include_str!("../../rules/checks/unattributed-claim.toml"),
    ),
    (
        "anonymous-source",
        include_str!("../../rules/checks/anonymous-source.toml"),
    ),
    (
        "vague-source",
        include_str!("../../rules/checks/vague-source.toml"),
    ),
    (
        "hedge-only",
        include_str!("../../rules/checks/hedge-only.toml"),
    ),
    (
        "allegation-without-accuser",
        include_str!("../../rules/checks/allegation-without-accuser.toml"),
    ),
    (
        "loaded-verb",
        include_str!("../../rules/checks/loaded-verb.toml"),
    ),
    (
        "mental-state",
        include_str!("../../rules/checks/mental-state.toml"),
    ),
    (
        "figure-conflict",
        include_str!("../../rules/checks/figure-conflict.toml"),
    ),
    (
        "unbalanced-quotation",
        include_str!("../../rules/checks/unbalanced-quotation.toml"),
    ),
    (
        "quote-without-speaker",
        include_str!("../../rules/checks/quote-without-speaker.toml"),
    ),
    (
        "single-source",
        include_str!("../../rules/checks/single-source.toml"),
    ),
];

/// One `[[test]]` entry: a text on which the check must fire.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestCase {
    pub text: String,
    /// The severity the finding must have, when given.
    pub severity: Option<Severity>,
    /// The text of the span the finding must point at, when given.
    pub span: Option<String>,
}

/// A check file as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckFile {
    id: Option<String>,
    summary: String,
    description: String,
    severity: Severity,
    raised_severity: Option<Severity>,
    #[serde(default = "yes")]
    enabled: bool,
    help: String,
    #[serde(default)]
    lists: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    numbers: BTreeMap<String, f64>,
    #[serde(default)]
    synonyms: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    allows: Vec<String>,
    #[serde(default)]
    test: Vec<TestCase>,
}

fn yes() -> bool {
    true
}

/// One loaded check with its compiled word lists.
#[derive(Clone, Debug)]
pub struct CheckDef {
    pub id: String,
    pub summary: String,
    pub description: String,
    pub severity: Severity,
    /// Severity of the raised level (headline, figure, bare anonymous source …).
    pub raised_severity: Severity,
    pub enabled: bool,
    pub help: String,
    /// The word lists; each keeps its entries as written ([`CheckDef::raw`]).
    pub lists: HashMap<String, PhraseList, BuildHasherDefault<NameHasher>>,
    pub numbers: BTreeMap<String, f64>,
    pub synonyms: BTreeMap<String, Vec<String>>,
    pub allows: Vec<String>,
    pub tests: Vec<TestCase>,
    /// `None` for built-in checks.
    pub path: Option<PathBuf>,
    /// `numbers` as figure-conflict looks words up in it, built on first use.
    pub(crate) number_words: OnceLock<NumberWords>,
    /// Whether every word of `synonyms` is ASCII.
    pub(crate) ascii_synonyms: bool,
    /// `id` and `help` as the findings share them, made on first use (not once per file).
    pub(crate) shared: OnceLock<(Shared, Shared)>,
}

impl CheckDef {
    /// A compiled word list (empty when the file does not define it).
    pub fn list(&self, name: &str) -> &PhraseList {
        self.lists.get(name).unwrap_or_else(|| PhraseList::empty())
    }
    /// The raw entries of a word list of the file, as written (empty when the file does not
    /// define it). Each compiled list keeps them: the raw lists are not held twice (issue 6,
    /// start-up); the list of the `[synonyms]` words is none of the file's lists.
    pub fn raw(&self, name: &str) -> &[String] {
        if name == QUANTITY_WORDS {
            return &[];
        }
        self.lists.get(name).map_or(&[], |l| l.entries.as_slice())
    }

    /// The rule id and help every finding of this check shares.
    pub(crate) fn shared(&self) -> &(Shared, Shared) {
        self.shared.get_or_init(|| {
            (
                Shared::from(self.id.as_str()),
                Shared::from(self.help.as_str()),
            )
        })
    }

    /// The `[numbers]` table as figure-conflict reads words in it.
    pub(crate) fn number_words(&self) -> &NumberWords {
        self.number_words
            .get_or_init(|| NumberWords::new(&self.numbers))
    }
}

/// All editorial checks, in a fixed order.
#[derive(Clone, Debug, Default)]
pub struct CheckSet {
    pub(crate) defs: Vec<CheckDef>,
    /// The searched lists of every check in one automaton, built on first use.
    combined: OnceLock<Option<Arc<Combined>>>,
    /// The lists of `single-source` the ledger looks for in names, built on first use.
    ledger_kinds: OnceLock<Option<Arc<Presence>>>,
    /// The lists [`LEDGER_WORDS`] of `single-source` in one table with the words of
    /// [`LEDGER_KINDS`], built on first use.
    ledger_words: OnceLock<Option<Arc<WordTable>>>,
}

impl CheckSet {
    /// The built-in checks embedded in the binary.
    pub fn builtin() -> Result<CheckSet> {
        let mut defs = Vec::with_capacity(BUILTIN.len());
        for (id, text) in BUILTIN {
            let path = PathBuf::from(["rules/checks/", id, ".toml"].concat());
            defs.push(parse_builtin(id, text, &path)?);
        }
        let mut set = CheckSet {
            defs,
            combined: OnceLock::new(),
            ledger_kinds: OnceLock::new(),
            ledger_words: OnceLock::new(),
        };
        set.assign_slots();
        Ok(set)
    }

    /// Numbers the searched lists of every check (their place in the shared automaton) and
    /// drops an automaton built for the previous lists.
    fn assign_slots(&mut self) {
        let mut next = 0;
        for d in &mut self.defs {
            let searched = searched_lists(&d.id);
            // in order of name (no copy of the names)
            let mut lists: Vec<(&String, &mut PhraseList)> = d.lists.iter_mut().collect();
            lists.sort_by(|a, b| a.0.cmp(b.0));
            for (name, list) in lists {
                list.slot = searched.contains(&name.as_str()).then(|| {
                    next += 1;
                    next - 1
                });
            }
        }
        self.combined = OnceLock::new();
        self.ledger_kinds = OnceLock::new();
        self.ledger_words = OnceLock::new();
    }

    /// The lists [`LEDGER_WORDS`] of `single-source` in one table, with the words of its
    /// lists [`LEDGER_KINDS`] ([`WordTable`]; `None` without that check).
    pub(crate) fn ledger_words(&self) -> Option<&WordTable> {
        self.ledger_words
            .get_or_init(|| {
                let def = self.get("single-source")?;
                let lists = |names: &[&str]| -> Vec<&PhraseList> {
                    names.iter().map(|n| def.list(n)).collect()
                };
                Some(Arc::new(WordTable::new(
                    &lists(&LEDGER_WORDS),
                    &lists(&LEDGER_KINDS),
                )))
            })
            .as_deref()
    }

    /// The lists [`LEDGER_KINDS`] of `single-source` in one lexicon (`None` without that check
    /// or without any entry).
    pub(crate) fn ledger_kinds(&self) -> Option<&Presence> {
        self.ledger_kinds
            .get_or_init(|| {
                let def = self.get("single-source")?;
                let lists: Vec<&PhraseList> = LEDGER_KINDS.iter().map(|n| def.list(n)).collect();
                Presence::build(&lists).map(Arc::new)
            })
            .as_deref()
    }

    /// The matches of every searched list in `text` (one pass over it).
    pub fn scan(&self, text: &str) -> Hits {
        if text.is_empty() {
            return Hits::default();
        }
        self.combined().map_or_else(Hits::default, |c| c.scan(text))
    }

    /// [`CheckSet::scan`], and in the same walk over the words the hits of the classifier's
    /// lexicon in `text` from `from` on ([`Engine::scan_along`]; an empty [`Ahead`] when no
    /// list is searched).
    pub fn scan_along(&self, text: &str, engine: &Engine, from: usize) -> (Hits, Ahead) {
        match self.combined() {
            Some(c) if !text.is_empty() => c.scan_along(text, engine, from),
            _ => (self.scan(text), Ahead::default()),
        }
    }

    /// The lexicon of every searched list, built on first use.
    fn combined(&self) -> Option<&Combined> {
        self.combined
            .get_or_init(|| {
                Combined::build(self.defs.iter().flat_map(|d| d.lists.values())).map(Arc::new)
            })
            .as_deref()
    }

    /// Replaces a built-in check by a newsroom's own file of the same id (the file stem).
    pub fn load_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        self.load_str(&id, &text, path)
    }

    /// Like [`CheckSet::load_file`], from text.
    pub fn load_str(&mut self, id: &str, text: &str, path: &Path) -> Result<()> {
        let Some(pos) = self.defs.iter().position(|d| d.id == id) else {
            return Err(Error::Rule {
                path: path.to_path_buf(),
                message: format!(
                    "no editorial check is called `{id}` (the file stem names the check it replaces; known: {})",
                    self.defs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>().join(", ")
                ),
            });
        };
        self.defs[pos] = parse_check(id, text, path, Some(path.to_path_buf()))?;
        self.assign_slots();
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&CheckDef> {
        self.defs.iter().find(|d| d.id == id)
    }

    /// The check if it exists and is enabled.
    pub fn enabled(&self, id: &str) -> Option<&CheckDef> {
        self.get(id).filter(|d| d.enabled)
    }

    pub fn defs(&self) -> &[CheckDef] {
        &self.defs
    }

    /// Every check's own examples, those that must fire and those that must not: the texts
    /// the unit tests run a fast path and the code it replaced on.
    #[cfg(test)]
    pub(crate) fn example_texts(&self) -> Vec<String> {
        self.defs
            .iter()
            .flat_map(|d| {
                d.tests
                    .iter()
                    .map(|t| t.text.clone())
                    .chain(d.allows.clone())
            })
            .collect()
    }

    /// Turns a check off. Returns `false` when no check has that id.
    pub fn disable(&mut self, id: &str) -> bool {
        self.defs
            .iter_mut()
            .find(|d| d.id == id)
            .map(|d| d.enabled = false)
            .is_some()
    }

    /// Turns a check on (for checks off by default). Returns `false` when no check has that id.
    pub fn enable(&mut self, id: &str) -> bool {
        self.defs
            .iter_mut()
            .find(|d| d.id == id)
            .map(|d| d.enabled = true)
            .is_some()
    }

    /// Sets the severity of every finding of a check. Returns `false` when no check has that id.
    pub fn set_severity(&mut self, id: &str, sev: Severity) -> bool {
        self.defs
            .iter_mut()
            .find(|d| d.id == id)
            .map(|d| {
                d.severity = sev;
                d.raised_severity = sev;
            })
            .is_some()
    }

    /// Shared rule metadata, for `whosaid rules`, SARIF and the docs.
    pub fn infos(&self) -> Vec<RuleInfo> {
        self.defs
            .iter()
            .map(|d| {
                let mut examples: Vec<Example> = d
                    .tests
                    .iter()
                    .map(|t| Example {
                        text: t.text.clone().into(),
                        expect: None,
                        fires: true,
                    })
                    .collect();
                examples.extend(d.allows.iter().map(|a| Example {
                    text: a.clone().into(),
                    expect: None,
                    fires: false,
                }));
                RuleInfo {
                    id: d.id.clone(),
                    summary: d.summary.clone().into(),
                    description: d.description.clone().into(),
                    kind: "check".into(),
                    implies: None,
                    severity: Some(d.severity),
                    enabled: d.enabled,
                    path: d.path.clone(),
                    examples,
                }
            })
            .collect()
    }
}

/// A built-in check from the file as `build.rs` read it from its TOML `text` (no parsing at
/// start-up); from the text itself when it does not read back or the file is invalid, so that
/// the error is the one [`parse_check`] gives.
fn parse_builtin(id: &str, text: &str, path: &Path) -> Result<CheckDef> {
    if let Some(file) = crate::rules::builtin_check(id).and_then(from_static) {
        if let Ok(def) = validate(id, text, path, None, file) {
            return Ok(def);
        }
    }
    parse_check(id, text, path, None)
}

/// The [`CheckFile`] serde would read from the text of a built-in file; `None` when an enum
/// value is not one.
fn from_static(s: &'static StaticCheck) -> Option<CheckFile> {
    let named = |lists: &[(&str, &[&str])]| -> BTreeMap<String, Vec<String>> {
        lists
            .iter()
            .map(|(k, v)| ((*k).to_string(), strings(v)))
            .collect()
    };
    let mut test = Vec::with_capacity(s.tests.len());
    for &(text, severity, span) in s.tests {
        test.push(TestCase {
            text: text.to_string(),
            severity: opt_variant(severity).ok()?,
            span: span.map(str::to_string),
        });
    }
    Some(CheckFile {
        id: s.id.map(str::to_string),
        summary: s.summary.to_string(),
        description: s.description.to_string(),
        severity: variant(s.severity)?,
        raised_severity: opt_variant(s.raised_severity).ok()?,
        enabled: s.enabled,
        help: s.help.to_string(),
        lists: named(s.lists),
        numbers: s
            .numbers
            .iter()
            .map(|(k, x)| ((*k).to_string(), *x))
            .collect(),
        synonyms: named(s.synonyms),
        allows: strings(s.allows),
        test,
    })
}

/// Parses and validates one check file.
fn parse_check(id: &str, text: &str, path: &Path, user: Option<PathBuf>) -> Result<CheckDef> {
    let file: CheckFile = toml::from_str(text).map_err(|e| Error::Rule {
        path: path.to_path_buf(),
        message: describe_toml_error(text, &e),
    })?;
    validate(id, text, path, user, file)
}

/// Checks a check file read from `text` and compiles its lists.
fn validate(
    id: &str,
    text: &str,
    path: &Path,
    user: Option<PathBuf>,
    file: CheckFile,
) -> Result<CheckDef> {
    let err = |message: String| Error::Rule {
        path: path.to_path_buf(),
        message,
    };
    if let Some(declared) = &file.id {
        if declared != id {
            return Err(err(format!(
                "{}: key `id`: `{declared}` does not match the file stem `{id}`",
                key_position(text, "id")
            )));
        }
    }
    let known = known_lists(id);
    let mut lists = HashMap::default();
    for (name, words) in file.lists {
        if !known.contains(&name.as_str()) {
            return Err(err(format!(
                "{}: key `lists.{name}`: unknown word list for `{id}` (expected one of: {})",
                key_position(text, &name),
                known.join(", ")
            )));
        }
        if let Some(bad) = words.iter().find(|w| is_blank(w)) {
            return Err(err(format!(
                "{}: key `lists.{name}`: empty entry {bad:?}",
                key_position(text, &name)
            )));
        }
        lists.insert(name, PhraseList::from_vec(words));
    }
    // every word of the `[synonyms]` table, searched with the other lists: a sentence without
    // one names no quantity (figure-conflict skips it)
    let quantity_words: Vec<String> = file
        .synonyms
        .iter()
        .flat_map(|(canon, variants)| std::iter::once(canon).chain(variants))
        .filter(|w| !is_blank(w))
        .cloned()
        .collect();
    if !quantity_words.is_empty() {
        lists.insert(
            QUANTITY_WORDS.to_string(),
            PhraseList::from_vec(quantity_words),
        );
    }
    for t in &file.test {
        if t.text.trim().is_empty() {
            return Err(err("key `test.text`: empty test text".to_string()));
        }
    }
    let raised = file.raised_severity.unwrap_or(file.severity);
    Ok(CheckDef {
        id: id.to_string(),
        summary: file.summary,
        description: file.description,
        severity: file.severity,
        raised_severity: raised,
        enabled: file.enabled,
        help: file.help,
        lists,
        numbers: file.numbers,
        ascii_synonyms: file
            .synonyms
            .iter()
            .all(|(canon, variants)| canon.is_ascii() && variants.iter().all(|v| v.is_ascii())),
        synonyms: file.synonyms,
        allows: file.allows,
        tests: file.test,
        path: user,
        number_words: OnceLock::new(),
        shared: OnceLock::new(),
    })
}

#[cfg(test)]
mod tests;
