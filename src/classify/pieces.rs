//! Sentences far longer than any real one are classified in pieces, so that the classifier's
//! per-sentence buffers (a token of 24 bytes for every word, the automaton hits, the cues) stay
//! bounded however long a sentence is (issue 6: one 48 MB line without punctuation needed
//! 374 MiB, 8 bytes for every byte of input).
//!
//! A sentence of more than [`PIECE`] bytes is cut, at white space near equal shares, into pieces
//! of at most about [`PIECE`] bytes; every piece is classified as a sentence of its own (a frame
//! cannot reach across a cut), then the pieces' labels are joined into the sentence's one label
//! ([`join`]). Every sentence of [`PIECE`] bytes or less, i.e. every sentence of every real
//! document, is classified exactly as before.

use super::{context, precedence, Classification, Label};
use crate::classify::tokens::is_boundary;
use crate::document::Document;
use crate::rules::engine::Ahead;
use crate::rules::RuleSet;
use crate::segment::{Segmentation, Sentence};
use crate::span::Span;

/// Longest sentence (bytes) classified whole: 256 KiB, about 40,000 words, fifty times a long
/// article; a longer one is classified in pieces of at most about this size. (It was 8 MiB: a
/// piece that size held 100 MB of tokens when crowded with words, and a frame that looks back
/// from each cue to the sentence's opening clause costs the square of a piece's length when the
/// piece opens with a function word: `After …` and 5 MB of words took 1.4 s, 50 MB about 20 s.)
pub const PIECE: usize = 1 << 18;

/// [`context::classify_document`], with every sentence longer than `piece` bytes classified in
/// pieces (same order and length as `seg.sentences`).
pub fn classify(
    doc: &Document,
    seg: &Segmentation,
    rules: &RuleSet,
    piece: usize,
) -> Vec<Classification> {
    classify_ahead(doc, seg, rules, piece, &mut Ahead::default())
}

/// [`classify`], with lexicon hits found ahead ([`Ahead`]).
pub fn classify_ahead(
    doc: &Document,
    seg: &Segmentation,
    rules: &RuleSet,
    piece: usize,
    ahead: &mut Ahead,
) -> Vec<Classification> {
    let piece = piece.max(1);
    if seg.sentences.iter().all(|s| s.span.len() <= piece) {
        return context::classify_document_ahead(doc, seg, rules, ahead);
    }
    let mut cut_seg = Segmentation {
        sentences: Vec::new(),
        quotes: seg.quotes.clone(),
        unbalanced: seg.unbalanced.clone(),
        layout: seg.layout.clone(),
    };
    // per sentence of `seg`: the end of its pieces in `cut_seg.sentences`
    let mut ends = Vec::with_capacity(seg.sentences.len());
    for s in &seg.sentences {
        cut(doc.text.as_str(), *s, piece, &mut cut_seg.sentences);
        ends.push(cut_seg.sentences.len());
    }
    // (the pieces of the first sentence start where it does: the hits found ahead are those
    // of the pieces' first window too)
    let labels = context::classify_document_ahead(doc, &cut_seg, rules, ahead);
    drop(cut_seg);
    let mut out = Vec::with_capacity(ends.len());
    let mut from = 0;
    for end in ends {
        out.push(join(labels.get(from..end).unwrap_or_default()));
        from = end;
    }
    out
}

/// Appends the pieces of sentence `s` to `out`: itself when it holds at most `piece` bytes, else
/// `ceil(len / piece)` pieces of about equal length, each cut at the first white space after its
/// share (or, in a text without ASCII white space, the first place between two words), white
/// space left out. When no such place follows, the rest stays one piece.
fn cut(text: &str, s: Sentence, piece: usize, out: &mut Vec<Sentence>) {
    let len = s.span.len();
    let k = len.div_ceil(piece).max(1);
    let mut start = s.span.start;
    for i in 1..k {
        let target = s.span.start + len / k * i;
        if target <= start {
            continue;
        }
        let Some((gap_start, gap_end)) = gap(text, target, s.span.end) else {
            break;
        };
        if gap_start > start {
            out.push(Sentence {
                span: Span::new(start, gap_start),
                block: s.block,
            });
            start = gap_end;
        }
    }
    out.push(Sentence {
        span: Span::new(start, s.span.end),
        block: s.block,
    });
}

/// The first run of ASCII white space in `text[from..end]` that ends before `end` (as a byte
/// range); without one, the first char boundary after `from` that is not inside a word, as an
/// empty range.
fn gap(text: &str, from: usize, end: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes().get(..end)?;
    let ws = |c: &u8| c.is_ascii_whitespace();
    if let Some(i) = b.get(from..)?.iter().position(ws) {
        let a = from + i;
        let z = b
            .get(a..)?
            .iter()
            .position(|c| !ws(c))
            .map_or(end, |j| a + j);
        return (z < end).then_some((a, z));
    }
    (from + 1..end)
        .find(|&p| text.is_char_boundary(p) && is_boundary(text, p))
        .map(|p| (p, p))
}

/// The label of a sentence from the labels of its pieces: the highest [`precedence`], a piece's
/// own label before an inherited one; its cues and sources are those of every piece with that
/// label (sorted, without repeats), its rule that of the first of them.
fn join(pieces: &[Classification]) -> Classification {
    let best = pieces
        .iter()
        .map(|c| (precedence(c.label), !c.inherited))
        .max();
    let mut chosen = pieces
        .iter()
        .filter(|c| Some((precedence(c.label), !c.inherited)) == best);
    let Some(mut out) = chosen.next().cloned() else {
        return Classification::plain(Label::Unattributed);
    };
    let mut more = false;
    for c in chosen {
        more = true;
        for s in c.sources.iter() {
            out.sources.push(*s);
        }
        for s in c.cues.iter() {
            out.cues.push(*s);
        }
    }
    if more {
        out.sources.sort();
        out.sources.dedup();
        out.cues.sort();
        out.cues.dedup();
    }
    out
}

#[cfg(test)]
mod tests;
