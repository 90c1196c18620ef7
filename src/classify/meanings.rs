//! What the lexicon meanings of a word tell the classifier: the token flags they set (a
//! pronoun, a determiner …) and whether one of them is a cue.

use super::tokens;
use crate::rules::engine::{Entry, What};
use crate::rules::Role;

/// Not a token flag: in [`meaning_flags`], a lexicon entry with a cue among its meanings.
pub const CUE: u32 = 1 << 31;

/// The flag a lexicon meaning sets on its words; `None` for a cue (a phrase, verb, source
/// phrase or possessor noun), which the sentence keeps as such.
pub fn flag_of(what: What) -> Option<u32> {
    Some(match what {
        What::Lex(Role::Pronoun) => tokens::PRONOUN,
        What::Lex(Role::SourceNoun) => tokens::SOURCE_NOUN,
        What::Lex(Role::Skip) => tokens::SKIP,
        What::Lex(Role::NotSource) => tokens::NOT_SOURCE,
        What::Lex(Role::Determiner) => tokens::DET,
        What::Lex(Role::Joiner) => tokens::JOINER,
        What::Lex(Role::Agent) => tokens::AGENT,
        What::Lex(Role::Copula) => tokens::COPULA,
        What::Lex(Role::Conjunction) => tokens::CONJ,
        What::Lex(Role::Negation) => tokens::NEGATION,
        What::Lex(Role::Possessive) => tokens::POSS_DET,
        What::Lex(Role::FirstPerson) => tokens::FIRST_PERSON,
        What::Lex(Role::Singular) => tokens::SINGULAR,
        What::Lex(Role::PluralQuantifier) => tokens::PLURAL,
        What::Lex(Role::Modal) => tokens::MODAL,
        What::Lex(Role::NotSpeaker) => tokens::NOT_SPEAKER,
        What::Link => tokens::LINK,
        // (the head and tail of an entry with a gap make a cue together)
        What::Phrase { .. }
        | What::Verb(_)
        | What::SourcePhrase
        | What::PossessorNoun
        | What::GapHead
        | What::GapTail => return None,
    })
}

/// The flags of all the meanings of one lexicon entry, with [`CUE`] when one is a cue (one
/// table lookup per hit instead of a match per meaning, issue 6).
pub fn meaning_flags(entries: &[Entry]) -> u32 {
    entries
        .iter()
        .fold(0, |acc, e| acc | flag_of(e.what).unwrap_or(CUE))
}
