//! The serde model of one rule file (`rules/<id>.toml`): what an editor may write, nothing more.

use crate::checks::Severity;
use crate::classify::Label;
use serde::Deserialize;
use std::borrow::Cow;

/// One rule file. Unknown keys are errors (with toml's line, column and the valid keys).
///
/// `P` is how a pattern is held: with its place in the file when read from TOML text, as a plain
/// string when read from a built-in file's compiled tree ([`super::value`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile<P = toml::Spanned<String>> {
    /// Optional; must equal the file stem when present.
    pub id: Option<String>,
    pub summary: Cow<'static, str>,
    pub description: Cow<'static, str>,
    pub kind: Kind,
    /// The label the rule gives a sentence it fires on.
    pub implies: Option<Label>,
    pub severity: Option<Severity>,
    /// Words and phrases (kinds `phrase`, `verb`, `source-phrase`, `possessor-noun`, `lexicon`,
    /// `carry-over`).
    #[serde(default)]
    pub words: Cow<'static, [Cow<'static, str>]>,
    /// Regular expressions (kind `pattern`); named groups `source` and `cue` are used.
    #[serde(default = "Vec::new")]
    pub patterns: Vec<P>,
    /// What the words of a `lexicon` rule are.
    pub role: Option<Role>,
    /// Which sentences a `structure` rule covers.
    pub structure: Option<Structure>,
    /// Carry-over window in sentences (kind `carry-over`).
    pub window: Option<usize>,
    /// `phrase` rules: only fire when the phrase starts the sentence.
    #[serde(default)]
    pub at_start: bool,
    /// Texts that must not get this rule's label from this rule.
    #[serde(default)]
    pub allows: Vec<Cow<'static, str>>,
    /// Texts with the label they must get.
    #[serde(default, rename = "test")]
    pub tests: Vec<TestCase>,
}

/// A pattern as read from a rule file.
pub trait PatternText {
    /// The expression.
    fn text(&self) -> &str;
    /// Where it starts in the file (0 when unknown).
    fn offset(&self) -> usize;
}

impl PatternText for toml::Spanned<String> {
    fn text(&self) -> &str {
        self.get_ref()
    }
    fn offset(&self) -> usize {
        self.span().start
    }
}

impl PatternText for String {
    fn text(&self) -> &str {
        self
    }
    fn offset(&self) -> usize {
        0
    }
}

/// A built-in rule file as `build.rs` read it (keys and value types checked as serde checks
/// them), in the binary's read-only data: start-up makes its [`RuleFile`] without serde's
/// generic machinery. Enum values are kept as written and read by serde here.
#[derive(Debug)]
pub struct Static {
    pub id: Option<&'static str>,
    pub summary: &'static str,
    pub description: &'static str,
    pub kind: &'static str,
    pub implies: Option<&'static str>,
    pub severity: Option<&'static str>,
    pub words: &'static [Cow<'static, str>],
    pub patterns: &'static [&'static str],
    pub role: Option<&'static str>,
    pub structure: Option<&'static str>,
    pub window: Option<usize>,
    pub at_start: bool,
    pub allows: &'static [&'static str],
    /// `(text, expect, source)` of each `[[test]]`.
    pub tests: &'static [(&'static str, &'static str, Option<&'static str>)],
}

/// A built-in editorial check file (`rules/checks/<id>.toml`, read by `checks::load`) as
/// `build.rs` read it, like [`Static`] for rule files.
#[derive(Debug)]
pub struct StaticCheck {
    pub id: Option<&'static str>,
    pub summary: &'static str,
    pub description: &'static str,
    pub severity: &'static str,
    pub raised_severity: Option<&'static str>,
    pub enabled: bool,
    pub help: &'static str,
    /// `[lists]`, sorted by name.
    pub lists: &'static [(&'static str, &'static [&'static str])],
    /// `[numbers]`, sorted by name.
    pub numbers: &'static [(&'static str, f64)],
    /// `[synonyms]`, sorted by name.
    pub synonyms: &'static [(&'static str, &'static [&'static str])],
    pub allows: &'static [&'static str],
    /// `(text, severity, span)` of each `[[test]]`.
    pub tests: &'static [(&'static str, Option<&'static str>, Option<&'static str>)],
}

/// A unit enum variant from its name as written in a file (as serde reads it from TOML).
pub(crate) fn variant<T: Deserialize<'static>>(name: &'static str) -> Option<T> {
    let de = serde::de::value::BorrowedStrDeserializer::<super::value::Error>::new(name);
    T::deserialize(de).ok()
}

/// [`variant`] of an optional key: `Err` when the name is not a variant.
pub(crate) fn opt_variant<T: Deserialize<'static>>(
    name: Option<&'static str>,
) -> Result<Option<T>, ()> {
    name.map(|n| variant(n).ok_or(())).transpose()
}

pub(crate) fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

impl Static {
    /// The file as serde would read it from its text; `None` when an enum value is not one
    /// (the text is parsed instead, for the error).
    pub fn read(&self) -> Option<RuleFile<String>> {
        let mut tests = Vec::with_capacity(self.tests.len());
        for &(text, expect, source) in self.tests {
            tests.push(TestCase {
                text: Cow::Borrowed(text),
                expect: variant(expect)?,
                source: source.map(str::to_string),
            });
        }
        Some(RuleFile {
            id: self.id.map(str::to_string),
            summary: Cow::Borrowed(self.summary),
            description: Cow::Borrowed(self.description),
            kind: variant(self.kind)?,
            implies: opt_variant(self.implies).ok()?,
            severity: opt_variant(self.severity).ok()?,
            words: Cow::Borrowed(self.words),
            patterns: strings(self.patterns),
            role: opt_variant(self.role).ok()?,
            structure: opt_variant(self.structure).ok()?,
            window: self.window,
            at_start: self.at_start,
            allows: self.allows.iter().map(|a| Cow::Borrowed(*a)).collect(),
            tests,
        })
    }
}

/// One `[[test]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TestCase {
    pub text: Cow<'static, str>,
    pub expect: Label,
    /// When given, one of the sentence's sources must be exactly this text.
    pub source: Option<String>,
}

/// How a rule finds evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A word or phrase that labels the sentence by itself (`reportedly`, `allegedly`).
    Phrase,
    /// Verbs (inflected) that attribute when they have a subject: `SOURCE VERB`, `CLAIM, VERB SOURCE`.
    Verb,
    /// A phrase followed by its source: `according to SOURCE`.
    SourcePhrase,
    /// A noun of speech or stance after its owner: `Trump's claim`, `her remarks`.
    PossessorNoun,
    /// Regular expressions with optional named groups `source` and `cue`.
    Pattern,
    /// A word list used by the frames (pronouns, source nouns, words to skip…).
    Lexicon,
    /// A quotation takes the speaker named before or after it.
    Quote,
    /// The next sentence of a paragraph keeps the previous sentence's source.
    CarryOver,
    /// Sentences that are not claims: headings, questions, fragments.
    Structure,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Phrase => "phrase",
            Kind::Verb => "verb",
            Kind::SourcePhrase => "source-phrase",
            Kind::PossessorNoun => "possessor-noun",
            Kind::Pattern => "pattern",
            Kind::Lexicon => "lexicon",
            Kind::Quote => "quote",
            Kind::CarryOver => "carry-over",
            Kind::Structure => "structure",
        }
    }
}

/// The role of the words of a `lexicon` rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// `he`, `she`, `they`: a complete source by itself.
    Pronoun,
    /// Words that can head a source phrase even in lower case: `officials`, `spokesman`.
    SourceNoun,
    /// Words and phrases skipped between a source and its verb: `has`, `also`, `on Tuesday`.
    Skip,
    /// Words that can never end a source phrase: `to`, `and`, `which`.
    NotSource,
    /// Words that start a source phrase and belong to it: `the`, `a`, `his`.
    Determiner,
    /// Words that join two parts of one source phrase: `of`, `for` (`a spokeswoman for the agency`).
    Joiner,
    /// Words that introduce the agent of a passive verb: `by` (`was first reported by MSNBC`).
    Agent,
    /// Forms of `be`: `is pointing out` is a verb in the progressive.
    Copula,
    /// `and`, `but`: a verb after one shares the subject of the sentence (`X gave no reason and
    /// did not say …`).
    Conjunction,
    /// `not`, `never`, `didn't`: a negated verb attributes nothing (`X did not respond`).
    Negation,
    /// Possessive determiners (`his`, `their`): `his latest remarks` is not a subject.
    Possessive,
    /// First- and second-person pronouns (`I`, `we`, `you`): inside a quotation they stand for
    /// its speaker and listener, so the quotation's speaker is the source.
    FirstPerson,
    /// Determiners of one thing (`a`, `each`, `this`): a plain-form verb cannot follow such a
    /// subject, so `an MSNBC show` is a noun, not a verb.
    Singular,
    /// Quantifiers of many things (`some`, `many`, `other`): a verb form in `-s` right after a
    /// phrase that opens with one is a plural noun (`some calls to the hotline`).
    PluralQuantifier,
    /// Modal verbs (`will`, `could`, `can't`): right after a noun of speech they make it the
    /// subject of a clause about the words as a thing (`his remarks will do little`).
    Modal,
    /// Labels that open a line but name no speaker (`Update:`, `Contributing:`, `Twitter:`): a
    /// pattern's source containing one of them is not a source.
    NotSpeaker,
}

/// Which sentences a `structure` rule covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Structure {
    /// Headings and title lines.
    Heading,
    /// Sentences ending in a question mark.
    Question,
    /// Sentences of very few words.
    Fragment,
}

#[cfg(test)]
mod tests {
    use super::*;

    static SAMPLE: Static = Static {
        id: None,
        summary: "s",
        description: "d",
        kind: "verb",
        implies: Some("attributed"),
        severity: None,
        words: &[Cow::Borrowed("say|said")],
        patterns: &[],
        role: None,
        structure: None,
        window: None,
        at_start: false,
        allows: &["a"],
        tests: &[("t", "attributed", Some("x"))],
    };

    /// The build-time form reads as serde reads the same text.
    #[test]
    fn static_files_read_like_toml() {
        let text = "summary = 's'\ndescription = 'd'\nkind = 'verb'\nimplies = 'attributed'\n\
                    words = ['say|said']\nallows = ['a']\n[[test]]\ntext = 't'\n\
                    expect = 'attributed'\nsource = 'x'\n";
        let want: RuleFile<String> = toml::from_str(text).unwrap();
        let got = SAMPLE.read().unwrap();
        assert_eq!(format!("{got:?}"), format!("{want:?}"));
    }

    /// A value that is not a variant gives no file (the text is then parsed, for the error).
    #[test]
    fn unknown_variants_give_none() {
        let bad_kind = Static {
            kind: "verbs",
            ..SAMPLE
        };
        assert!(bad_kind.read().is_none());
        let bad_label = Static {
            tests: &[("t", "attributd", None)],
            ..SAMPLE
        };
        assert!(bad_label.read().is_none());
        assert!(variant::<Severity>("warning").is_some());
        assert!(variant::<Severity>("warn").is_none());
    }
}
