//! Sentence classification: every sentence gets one [`Label`] from the rules.
//!
//! Per sentence ([`sentence`]): one automaton pass over the document finds every word and phrase
//! of every rule; the frames ([`frames`]) look for the source of each cue. The label with the
//! highest [`precedence`] wins: alleged > attributed > reported > unattributed > none. Then
//! ([`context`]) sentences of a quotation take its speaker, and a sentence that continues the
//! source of the previous one (pronoun, definite reference, topic link) inherits its label.

pub mod context;
pub mod frames;
pub mod meanings;
pub mod pieces;
pub mod sentence;
pub mod tokens;

#[cfg(test)]
mod evaluate_tests;

use crate::checks::Shared;
use crate::span::SpanList;
use serde::{Deserialize, Serialize};

/// The five sentence labels (definitions in the README).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Attributed,
    Reported,
    Alleged,
    Unattributed,
    None,
}

impl Label {
    pub const ALL: [Label; 5] = [
        Label::Attributed,
        Label::Reported,
        Label::Alleged,
        Label::Unattributed,
        Label::None,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Attributed => "attributed",
            Label::Reported => "reported",
            Label::Alleged => "alleged",
            Label::Unattributed => "unattributed",
            Label::None => "none",
        }
    }
    /// True for labels that name who makes the claim (attributed, alleged).
    pub fn has_source(self) -> bool {
        matches!(self, Label::Attributed | Label::Alleged)
    }
}

/// Rank of a label when several cues apply: higher wins.
/// alleged (4) > attributed (3) > reported (2) > unattributed (1) > none (0).
pub fn precedence(l: Label) -> u8 {
    match l {
        Label::Alleged => 4,
        Label::Attributed => 3,
        Label::Reported => 2,
        Label::Unattributed => 1,
        Label::None => 0,
    }
}

/// The classification of one sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Classification {
    pub label: Label,
    /// Source phrases (spans into the document text), e.g. `the UN report`, `Trump`, `He`.
    pub sources: SpanList,
    /// Cue spans (`said`, `according to`, `reportedly`, a quotation mark …).
    pub cues: SpanList,
    /// Id of the deciding rule, if any (shared with every sentence it decides).
    pub rule: Option<Shared>,
    /// The label comes from an enclosing quotation or the previous sentence.
    pub inherited: bool,
}

impl Classification {
    /// A sentence with no evidence.
    pub fn plain(label: Label) -> Self {
        Classification {
            label,
            sources: SpanList::new(),
            cues: SpanList::new(),
            rule: None,
            inherited: false,
        }
    }
}

use crate::document::Document;
use crate::rules::engine::Ahead;
use crate::rules::RuleSet;
use crate::segment::Segmentation;

/// Labels every sentence of `seg` (same order, same length); a sentence longer than
/// [`pieces::PIECE`] bytes is classified in pieces (see [`pieces`]).
pub fn classify(doc: &Document, seg: &Segmentation, rules: &RuleSet) -> Vec<Classification> {
    pieces::classify(doc, seg, rules, pieces::PIECE)
}

/// [`classify`], with the lexicon hits of the text found ahead (see [`Ahead`]).
pub fn classify_ahead(
    doc: &Document,
    seg: &Segmentation,
    rules: &RuleSet,
    ahead: &mut Ahead,
) -> Vec<Classification> {
    pieces::classify_ahead(doc, seg, rules, pieces::PIECE, ahead)
}
