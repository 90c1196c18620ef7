//! Finding the source phrase of a cue among a sentence's tokens: the subject before a verb
//! (`A senior US official said`, [`left`]), across an appositive or parenthesis (`Smith, 45,
//! said`), the phrase after an inverted verb or `according to` (`said the spokeswoman`,
//! [`right`]), and the subject that opens a sentence or its main clause ([`opening`]).

mod left;
mod opening;
mod right;

pub use left::{left_subject, np_left, tag_subject};
pub use opening::{first_subject, main_subject, relative_subject};
pub use right::{possessor, right_np, right_np_loose};

use super::tokens::{Tok, Token, ADVERB, NOT_SOURCE, POSSESSIVE, PRONOUN, SOURCE_NOUN};

/// Longest source phrase, in tokens.
const MAX_NP: usize = 9;
/// Farthest an appositive may reach back, in tokens (`Smith, who as a young lawyer …, said`: a
/// relative clause of thirty words is not rare in news copy).
const MAX_APPOSITIVE: usize = 40;

/// Token range `[start, end)`.
pub type Range = (usize, usize);

fn word(t: &Token) -> bool {
    t.tok == Tok::Word
}

/// A pronoun that stands for a source by itself (`he`, `who`), not one that is also a function
/// word (`that`).
pub fn personal(t: &Token) -> bool {
    t.has(PRONOUN) && !t.has(NOT_SOURCE)
}

/// A word in `-ly` that is an adverb, not a source noun (`family`).
fn adverb(t: &Token) -> bool {
    t.has(ADVERB) && !t.has(SOURCE_NOUN)
}

fn possessive(t: &Token) -> bool {
    t.flags & POSSESSIVE != 0
}
