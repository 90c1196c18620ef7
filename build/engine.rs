//! The classifier's word index and lexicon trie of the built-in rules, all enabled, computed at
//! build time with the crate's own modules (`rules::wordindex`, `lexicon::trie`) and written as
//! static tables of plain numbers and one string each (`rules::engine::Prebuilt`): start-up
//! reads them in place instead of building them (issue 6).
//!
//! The program uses the tables only for rules equal to the ones they were computed from (see
//! `Prebuilt::fits`); a test compares them with the index and trie built at run time.

use super::trie::Trie;
use super::verb_forms;
use super::wordindex::{self, WordList};
use super::words::{self, Scheme};
use std::collections::hash_map::RandomState;
use std::fmt::Write as _;

/// The lexicon roles (`rules::file::Role`, kebab-case in the files). A file with another role
/// gets no tables (the program then builds its index at run time, or reports the error).
const ROLES: &[&str] = &[
    "pronoun",
    "source-noun",
    "skip",
    "not-source",
    "determiner",
    "joiner",
    "agent",
    "copula",
    "conjunction",
    "negation",
    "possessive",
    "first-person",
    "singular",
    "plural-quantifier",
    "modal",
    "not-speaker",
];

/// `source-noun` → `SourceNoun`.
fn camel(kebab: &str) -> String {
    kebab
        .split('-')
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// One rule file as the index needs it.
struct RuleWords {
    kind: String,
    role: Option<String>,
    at_start: bool,
    words: Vec<String>,
}

fn read(t: &toml::Table) -> Option<RuleWords> {
    let kind = t.get("kind")?.as_str()?.to_string();
    let role = match t.get("role") {
        Some(r) => {
            let r = r.as_str()?;
            ROLES.contains(&r).then(|| r.to_string())?;
            Some(r.to_string())
        }
        None => None,
    };
    let at_start = match t.get("at-start") {
        Some(b) => b.as_bool()?,
        None => false,
    };
    let words = match t.get("words") {
        Some(w) => w
            .as_array()?
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<String>>>()?,
        None => Vec::new(),
    };
    Some(RuleWords {
        kind,
        role,
        at_start,
        words,
    })
}

/// `static ENGINE: Option<&Prebuilt>` for the rule files (stem, parsed table); `None` when a
/// file did not parse or holds what the tables cannot (the program then builds the index).
pub fn write(files: &mut [(String, Option<toml::Table>)], out: &mut String) {
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let rules: Option<Vec<RuleWords>> = files.iter().map(|(_, t)| read(t.as_ref()?)).collect();
    match rules.and_then(|r| tables(&r)) {
        Some(t) => out.push_str(&t),
        None => out.push_str(
            "pub(crate) static ENGINE: Option<&crate::rules::engine::Prebuilt> = None;\n",
        ),
    }
}

fn tables(rules: &[RuleWords]) -> Option<String> {
    let mut index = wordindex::Builder::<String, RandomState>::default();
    let mut fingerprint = String::new();
    let mut rule_words = WordList::default();
    for (ri, r) in rules.iter().enumerate() {
        let role = r.role.as_deref().map(camel);
        let what = match r.kind.as_str() {
            "phrase" => Some(format!("What::Phrase {{ at_start: {} }}", r.at_start)),
            "source-phrase" => Some("What::SourcePhrase".to_string()),
            "possessor-noun" => Some("What::PossessorNoun".to_string()),
            "lexicon" => Some(format!(
                "What::Lex(Role::{})",
                role.as_deref().unwrap_or("Skip")
            )),
            "carry-over" => Some("What::Link".to_string()),
            "verb" | "pattern" | "quote" | "structure" => None,
            _ => return None,
        };
        // (as `rules::engine::add_word`: an entry with a gap stands for the entry without it,
        // its head and its tail)
        let verb = r.kind == "verb";
        if what.is_some() || verb {
            for w in &r.words {
                let (whole, gap) = match verb_forms::split_gap(w) {
                    Some((head, tail)) => (format!("{head} {tail}"), Some((head, tail))),
                    None => (w.clone(), None),
                };
                match &what {
                    Some(what) => index.add(&whole, format!("e({ri}, {what})")),
                    None => {
                        for (form, f) in verb_forms::compute(&whole) {
                            index.add(&form, format!("e({ri}, What::Verb(Form::{f:?}))"));
                        }
                    }
                }
                let Some((head, tail)) = gap else { continue };
                let heads = match &what {
                    Some(_) => vec![head.to_string()],
                    None => verb_forms::compute(head)
                        .into_iter()
                        .map(|(h, _)| h)
                        .collect(),
                };
                for h in heads {
                    index.add(&h, format!("e({ri}, What::GapHead)"));
                }
                index.add(tail, format!("e({ri}, What::GapTail)"));
            }
        }
        for w in &r.words {
            rule_words.push(w);
        }
        let role = role.map_or("None".to_string(), |r| format!("Some(Role::{r})"));
        let _ = write!(
            fingerprint,
            "({:?}, {role}, {}, {}),",
            r.kind,
            r.at_start,
            rule_words.len()
        );
    }
    let index = index.finish();
    let list: Vec<&str> = index.words.iter().collect();
    let (regular, odd) = words::split(&list);
    let trie = Trie::build(&regular, Scheme::Joined);
    let odd: Vec<u32> = odd.iter().map(|o| o.0).collect();
    let mut o = String::from(
        "use crate::rules::engine::{e, Entry, Prebuilt, What};\nuse crate::rules::file::Role;\n\n",
    );
    o.push_str(&trie.to_rust("ENGINE_TRIE"));
    let (rw_text, rw_ends) = rule_words.parts();
    let (w_text, w_ends) = index.words.parts();
    let _ = write!(
        o,
        "#[rustfmt::skip]\nstatic ENGINE_ENTRIES: [Entry; {}] = [{}];\n\n",
        index.entries.len(),
        index.entries.join(",")
    );
    let _ = write!(
        o,
        "#[rustfmt::skip]\nstatic ENGINE_TABLES: Prebuilt = Prebuilt {{\n\
         rules: &[{fingerprint}],\n\
         rule_words: ({rw_text:?}, &{rw_ends:?}),\n\
         words: ({w_text:?}, &{w_ends:?}),\n\
         entries: &ENGINE_ENTRIES,\n\
         entry_at: &{:?},\n\
         odd: &{odd:?},\n\
         trie: &ENGINE_TRIE,\n\
         }};\n\n\
         /// The classifier's word index of the built-in rules (see `rules::engine::Prebuilt`).\n\
         pub(crate) static ENGINE: Option<&Prebuilt> = Some(&ENGINE_TABLES);\n\n",
        index.entry_at
    );
    Some(o)
}
