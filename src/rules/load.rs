//! Parsing and validating one rule file into a [`Rule`]; every error names file, line, column, key.

use super::file::{Kind, PatternText, RuleFile, Static};
use super::pattern::{Invalid, Pattern};
use super::{Example, Rule, RuleInfo};
use crate::classify::Label;
use crate::error::{Error, Result};
use crate::span::LineIndex;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

fn err(path: &Path, message: String) -> Error {
    Error::Rule {
        path: path.to_path_buf(),
        message,
    }
}

/// `line L, column C` of byte `offset` in `text`.
fn at(text: &str, offset: usize) -> String {
    let lc = LineIndex::new(text).line_col(text, offset);
    format!("line {}, column {}", lc.line, lc.column)
}

/// The key written on the line holding byte `offset`, if the line is `key = …`.
fn key_on_line(text: &str, offset: usize) -> Option<&str> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(start..)?.lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    (!key.is_empty() && !key.starts_with('[')).then_some(key)
}

/// Location of `key = …` at the top level of the file, for errors found after parsing.
fn key_location(text: &str, key: &str) -> String {
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[') {
            break;
        }
        if let Some(rest) = t.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                let col = off + (line.len() - t.len());
                return format!("{}, key `{key}`", at(text, col));
            }
        }
        off += line.len();
    }
    format!("key `{key}`")
}

/// True for an empty or all-whitespace entry: `w.trim().is_empty()`, without trimming an entry
/// that opens with a visible ASCII character (nearly every one: every start-up checks them all).
pub(crate) fn is_blank(w: &str) -> bool {
    match w.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii_graphic() => false,
        Some(_) => w.trim().is_empty(),
    }
}

/// True for kebab-case ids: `bare-claim`, `said-verbs2`.
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Parses one rule file. `stem` is the id the file name gives; `path` is `None` for built-ins
/// (errors still name `display`).
pub fn parse(display: &Path, path: Option<PathBuf>, stem: &str, text: &str) -> Result<Rule> {
    let file: RuleFile = toml::from_str(text).map_err(|e| {
        let loc = e.span().map(|s| s.start);
        let mut msg = match loc {
            Some(o) => at(text, o),
            None => "unknown location".to_string(),
        };
        if let Some(k) = loc.and_then(|o| key_on_line(text, o)) {
            msg.push_str(&format!(", key `{k}`"));
        }
        let detail = e.message().trim().replace('\n', " ");
        err(display, format!("{msg}: {detail}"))
    })?;
    validate(display, path, stem, text, file)
}

/// A built-in rule from the file as `build.rs` read it from its TOML `text` (no parsing). When
/// it does not read back or the rule is invalid, the text is parsed instead, so the error is
/// the one [`parse`] gives, with its line and column.
pub fn parse_builtin(
    display: &Path,
    stem: &str,
    text: &str,
    read: Option<&'static Static>,
) -> Result<Rule> {
    if let Some(file) = read.and_then(Static::read) {
        if let Ok(rule) = validate(display, None, stem, text, file) {
            return Ok(rule);
        }
    }
    parse(display, None, stem, text)
}

/// Checks a rule file read from `text` and builds its rule.
fn validate<P: PatternText>(
    display: &Path,
    path: Option<PathBuf>,
    stem: &str,
    text: &str,
    file: RuleFile<P>,
) -> Result<Rule> {
    let id = file.id.clone().unwrap_or_else(|| stem.to_string());
    if !is_kebab(&id) {
        return Err(err(
            display,
            format!(
                "{}: rule id `{id}` is not kebab-case (lower-case words joined by `-`)",
                key_location(text, "id")
            ),
        ));
    }
    if id != stem {
        return Err(err(
            display,
            format!(
                "{}: rule id `{id}` differs from the file name `{stem}`; rename one of them",
                key_location(text, "id")
            ),
        ));
    }
    let need = |cond: bool, key: &str, why: &str| -> Result<()> {
        if cond {
            Ok(())
        } else {
            Err(err(display, format!("{}: {why}", key_location(text, key))))
        }
    };
    let kind = file.kind;
    let k = kind.as_str();
    let labels_sentences = matches!(
        kind,
        Kind::Phrase | Kind::Verb | Kind::SourcePhrase | Kind::PossessorNoun | Kind::Pattern
    );
    need(
        !labels_sentences || file.implies.is_some(),
        "kind",
        &format!("kind `{k}` needs `implies = \"attributed|reported|alleged|unattributed|none\"`"),
    )?;
    need(
        !matches!(kind, Kind::Lexicon | Kind::CarryOver) || file.implies.is_none(),
        "implies",
        &format!("kind `{k}` takes no `implies` (it labels nothing by itself)"),
    )?;
    need(
        kind == Kind::Lexicon || file.role.is_none(),
        "role",
        &format!("key `role` is only used by kind `lexicon`, not `{k}`"),
    )?;
    need(
        kind != Kind::Lexicon || file.role.is_some(),
        "kind",
        "kind `lexicon` needs a `role`",
    )?;
    need(
        kind == Kind::Structure || file.structure.is_none(),
        "structure",
        &format!("key `structure` is only used by kind `structure`, not `{k}`"),
    )?;
    need(
        kind != Kind::Structure || file.structure.is_some(),
        "kind",
        "kind `structure` needs a `structure`",
    )?;
    need(
        kind == Kind::Pattern || file.patterns.is_empty(),
        "patterns",
        &format!("key `patterns` is only used by kind `pattern`, not `{k}`"),
    )?;
    need(
        kind != Kind::Pattern || !file.patterns.is_empty(),
        "kind",
        "kind `pattern` needs `patterns`",
    )?;
    let takes_words = matches!(
        kind,
        Kind::Phrase
            | Kind::Verb
            | Kind::SourcePhrase
            | Kind::PossessorNoun
            | Kind::Lexicon
            | Kind::CarryOver
    );
    need(
        takes_words || file.words.is_empty(),
        "words",
        &format!("key `words` is not used by kind `{k}`"),
    )?;
    need(
        !matches!(
            kind,
            Kind::Phrase | Kind::Verb | Kind::SourcePhrase | Kind::PossessorNoun | Kind::Lexicon
        ) || !file.words.is_empty(),
        "words",
        &format!("kind `{k}` needs a non-empty `words` list"),
    )?;
    need(
        kind == Kind::CarryOver || file.window.is_none(),
        "window",
        &format!("key `window` is only used by kind `carry-over`, not `{k}`"),
    )?;
    need(
        kind == Kind::Phrase || !file.at_start,
        "at-start",
        &format!("key `at-start` is only used by kind `phrase`, not `{k}`"),
    )?;
    if let Some(w) = file.words.iter().find(|w| is_blank(w)) {
        return Err(err(
            display,
            format!("{}: empty entry {w:?}", key_location(text, "words")),
        ));
    }
    // the gap `..` (`deliver a .. message`): once, between words, in an entry of a cue
    let cue = matches!(
        kind,
        Kind::Phrase | Kind::Verb | Kind::SourcePhrase | Kind::PossessorNoun
    );
    let bad_gap = |w: &&Cow<'static, str>| {
        // a byte search first: nearly no entry holds a `.` (every start-up checks them all)
        if !w.as_bytes().contains(&b'.') {
            return false;
        }
        let gaps = w.split_whitespace().filter(|p| *p == "..").count();
        gaps > 0 && (!cue || gaps > 1 || super::verb_forms::split_gap(w).is_none())
    };
    if let Some(w) = file.words.iter().find(bad_gap) {
        return Err(err(
            display,
            format!(
                "{}: entry {w:?}: the gap `..` goes once between two words, in a rule of kind \
                 `phrase`, `verb`, `source-phrase` or `possessor-noun`",
                key_location(text, "words")
            ),
        ));
    }
    let mut patterns: Vec<Pattern> = Vec::with_capacity(file.patterns.len());
    for p in &file.patterns {
        // user files are compiled now (size limits); built-ins on first use (tested to compile)
        let checked = Pattern::parse(p.text()).and_then(|pat| match &path {
            Some(_) => pat.compile_now().err().map_or(Ok(pat), Err),
            None => Ok(pat),
        });
        let pat = checked.map_err(|e| {
            let message = match e {
                Invalid::Regex(detail) => format!("invalid regular expression: {detail}"),
                Invalid::UnknownGroup(name) => {
                    format!("unknown capture group `{name}` (use `source` or `cue`)")
                }
            };
            err(
                display,
                format!("{}, key `patterns`: {message}", at(text, p.offset())),
            )
        })?;
        patterns.push(pat);
    }
    let implies = match kind {
        Kind::Structure => Some(file.implies.unwrap_or(Label::None)),
        Kind::Quote => Some(file.implies.unwrap_or(Label::Attributed)),
        _ => file.implies,
    };
    // moved, not copied: the file is not needed after this
    let mut examples: Vec<Example> = Vec::with_capacity(file.allows.len() + file.tests.len());
    examples.extend(file.allows.into_iter().map(|text| Example {
        text,
        expect: None,
        fires: false,
    }));
    let mut sources = Vec::with_capacity(file.tests.len());
    for t in file.tests {
        examples.push(Example {
            text: t.text,
            expect: Some(Cow::Borrowed(t.expect.as_str())),
            fires: true,
        });
        sources.push(t.source);
    }
    let summary = match file.summary {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) if s.trim().len() == s.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
    };
    Ok(Rule {
        info: RuleInfo {
            id,
            summary,
            description: file.description,
            kind: Cow::Borrowed(k),
            implies,
            severity: file.severity,
            enabled: true,
            path,
            examples,
        },
        kind,
        words: file.words,
        patterns,
        role: file.role,
        structure: file.structure,
        window: file.window,
        at_start: file.at_start,
        test_sources: sources,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_blank` is `trim().is_empty()`.
    #[test]
    fn blank_entries() {
        for w in [
            "",
            " ",
            "\t\n",
            "\u{a0}",
            "\u{3000} ",
            "a",
            " a",
            "\u{a0}b",
            "é",
            "-",
            "\u{2019}s",
        ] {
            assert_eq!(is_blank(w), w.trim().is_empty(), "{w:?}");
        }
    }

    /// A built-in rule read from its build-time form equals the one parsed from its TOML text.
    #[test]
    fn compiled_trees_give_the_parsed_rules() {
        for (stem, text, read) in super::super::builtin::BUILTIN {
            assert!(read.is_some(), "{stem}");
            let display = PathBuf::from(format!("rules/{stem}.toml"));
            let parsed = parse(&display, None, stem, text).unwrap();
            let compiled = parse_builtin(&display, stem, text, *read).unwrap();
            assert_eq!(format!("{parsed:?}"), format!("{compiled:?}"), "{stem}");
        }
        // without a tree (or with one that does not read back) the text is parsed
        let bad = "summary = \"s\"\ndescription = \"d\"\nkind = \"verb\"\nimplies = \"attributed\"\nwords = [1]\n";
        let want = parse(Path::new("r.toml"), None, "r", bad)
            .unwrap_err()
            .to_string();
        let got = parse_builtin(Path::new("r.toml"), "r", bad, None)
            .unwrap_err()
            .to_string();
        assert_eq!(got, want);
        assert!(got.contains("line 5, column"), "{got}");
    }
}
