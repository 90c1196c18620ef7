//! Word and punctuation tokens of one sentence, with the lexicon flags the frames read.
//!
//! A word is a run of letters and digits, joined across an apostrophe, hyphen, period or
//! ampersand that sits between two letters or digits (`Clinton’s`, `D-Calif`, `U.S`).

use crate::span::Span;

/// Punctuation that matters to the frames; everything else is `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Word,
    Comma,
    /// A quotation mark; `open` is a guess from its neighbours.
    Quote {
        open: bool,
    },
    Dash,
    Colon,
    Semicolon,
    OpenParen,
    CloseParen,
    /// `.`, `!`, `?`
    End,
    Other,
}

pub const PRONOUN: u32 = 1;
pub const SOURCE_NOUN: u32 = 1 << 1;
pub const SKIP: u32 = 1 << 2;
pub const NOT_SOURCE: u32 = 1 << 3;
pub const DET: u32 = 1 << 4;
pub const JOINER: u32 = 1 << 5;
pub const CAP: u32 = 1 << 6;
pub const DIGIT: u32 = 1 << 7;
pub const LINK: u32 = 1 << 8;
/// Lower-case word ending in `-ly` (an adverb, skipped between subject and verb).
pub const ADVERB: u32 = 1 << 9;
/// Ends in `'s` / `’s` (`Clinton’s`).
pub const POSSESSIVE: u32 = 1 << 10;
pub const AGENT: u32 = 1 << 11;
pub const COPULA: u32 = 1 << 12;
pub const CONJ: u32 = 1 << 13;
pub const NEGATION: u32 = 1 << 14;
pub const POSS_DET: u32 = 1 << 15;
/// `I`, `we`, `you`: the speaker or the listener of a quotation, never a source of its own inside it.
pub const FIRST_PERSON: u32 = 1 << 16;
/// `a`, `an`, `each`: starts a singular phrase.
pub const SINGULAR: u32 = 1 << 17;
/// `Update`, `Contributing`: a line label, never a speaker.
pub const NOT_SPEAKER: u32 = 1 << 18;
/// Starts with a letter of a script without case (`北京`): may be a name.
pub const UNCASED: u32 = 1 << 19;
/// Capitalised word of six letters or more in `-ing` (`Speaking`, `Reacting`): at the start of a
/// sentence it opens a participle phrase, not a subject.
pub const CAP_ING: u32 = 1 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub tok: Tok,
    pub flags: u32,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.tok == Tok::Word
    }
    pub fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }
}

fn joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '\u{2011}')
}

/// True when byte offset `pos` of `text` is not inside a word (see the module docs).
pub fn is_boundary(text: &str, pos: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..pos), text.get(pos..)) else {
        return false;
    };
    let mut back = before.chars().rev();
    let mut fwd = after.chars();
    let (Some(p), Some(n)) = (back.next(), fwd.next()) else {
        return true;
    };
    if alnum(p) && alnum(n) {
        return false;
    }
    if alnum(p) && joiner(n) {
        return !fwd.next().is_some_and(alnum);
    }
    if joiner(p) && alnum(n) {
        return !back.next().is_some_and(alnum);
    }
    true
}

/// [`char::is_alphanumeric`], cached outside ASCII (curly quotes and dashes are common in news
/// copy, and the standard test costs hundreds of instructions for each).
#[inline]
fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        crate::lexicon::is_alnum(c)
    }
}

/// Appends the tokens of `text[span]` to `out` (absolute spans).
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let s = span.slice(text);
    let base = span.start;
    let mut it = s.char_indices().peekable();
    let mut prev: Option<char> = None;
    let mut single_open = false;
    while let Some((i, c)) = it.next() {
        if alnum(c) {
            let mut end = i + c.len_utf8();
            let mut last = c;
            while let Some(&(j, d)) = it.peek() {
                if alnum(d) {
                    end = j + d.len_utf8();
                    last = d;
                    it.next();
                } else if joiner(d) && alnum(last) {
                    let after = s.get(j + d.len_utf8()..).and_then(|r| r.chars().next());
                    if after.is_some_and(alnum) {
                        end = j + d.len_utf8();
                        last = d;
                        it.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let mut flags = 0;
            if c.is_uppercase() {
                flags |= CAP;
            } else if c.is_alphabetic() && !c.is_lowercase() {
                flags |= UNCASED;
            }
            if c.is_ascii_digit() {
                flags |= DIGIT;
                // `47%`: a share of the people or votes counted, a noun like `percent`
                if let Some(&(j, '%')) = it.peek() {
                    end = j + 1;
                    last = '%';
                    it.next();
                    flags = (flags & !DIGIT) | SOURCE_NOUN;
                }
            }
            let w = s.get(i..end).unwrap_or("");
            if w.len() > 4 && w.ends_with("ly") && !c.is_uppercase() {
                flags |= ADVERB;
            }
            if flags & CAP != 0 && w.len() >= 6 && w.ends_with("ing") {
                flags |= CAP_ING;
            }
            if w.ends_with("'s") || w.ends_with("’s") {
                flags |= POSSESSIVE;
            }
            out.push(Token {
                span: Span::new(base + i, base + end),
                tok: Tok::Word,
                flags,
            });
            prev = Some(last);
            continue;
        }
        // `Sanders' team`: an apostrophe right after a word in -s, before a word, with no single
        // quotation open in the sentence, makes the word possessive
        if matches!(c, '\'' | '’')
            && !single_open
            && matches!(prev, Some('s'))
            && s.get(i + c.len_utf8()..).is_some_and(|r| {
                let mut cs = r.chars();
                cs.next() == Some(' ') && cs.next().is_some_and(|d| d.is_alphabetic())
            })
        {
            if let Some(last) = out.last_mut() {
                if last.tok == Tok::Word && last.span.end == base + i {
                    last.span.end += c.len_utf8();
                    last.flags |= POSSESSIVE;
                    prev = Some(c);
                    continue;
                }
            }
        }
        let tok = match c {
            ',' => Tok::Comma,
            '"' | '“' | '”' | '\'' | '‘' | '’' | '«' | '»' => {
                let open = match c {
                    '“' | '‘' | '«' => true,
                    '”' | '’' | '»' => false,
                    _ => {
                        prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–'))
                    }
                };
                if open && matches!(c, '\'' | '‘') {
                    single_open = true;
                }
                Tok::Quote { open }
            }
            '—' | '–' | '―' => Tok::Dash,
            // a hyphen between spaces stands for a dash (`Reynolds - a co-host - told`)
            '-' if prev.is_some_and(char::is_whitespace)
                && it.peek().is_some_and(|&(_, d)| d.is_whitespace()) =>
            {
                Tok::Dash
            }
            '-' if it.peek().is_some_and(|&(_, d)| d == '-') => {
                // `--` (or a longer run) is one dash
                let mut end = i + 1;
                while let Some(&(j, '-')) = it.peek() {
                    end = j + 1;
                    it.next();
                }
                out.push(Token {
                    span: Span::new(base + i, base + end),
                    tok: Tok::Dash,
                    flags: 0,
                });
                prev = Some(c);
                continue;
            }
            ':' => Tok::Colon,
            ';' => Tok::Semicolon,
            '(' | '[' => Tok::OpenParen,
            ')' | ']' => Tok::CloseParen,
            // a period inside the sentence after a word is an abbreviation (`Mr.`, `Gov.`):
            // it stays with its word
            '.' if prev.is_some_and(alnum)
                && s.get(i + 1..).is_some_and(|r| r.chars().any(alnum)) =>
            {
                if let Some(last) = out.last_mut() {
                    if last.tok == Tok::Word && last.span.end == base + i {
                        last.span.end += 1;
                        prev = Some(c);
                        continue;
                    }
                }
                Tok::Other
            }
            '.' | '!' | '?' | '…' => Tok::End,
            c if c.is_whitespace() => {
                prev = Some(c);
                continue;
            }
            _ => Tok::Other,
        };
        out.push(Token {
            span: Span::new(base + i, base + i + c.len_utf8()),
            tok,
            flags: 0,
        });
        prev = Some(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_marks() {
        let t = "“We won,” said Clinton’s U.S. aide — again.";
        let mut v = Vec::new();
        tokenize(t, Span::new(0, t.len()), &mut v);
        let words: Vec<&str> = v
            .iter()
            .filter(|k| k.is_word())
            .map(|k| k.span.slice(t))
            .collect();
        assert_eq!(
            words,
            ["We", "won", "said", "Clinton’s", "U.S.", "aide", "again"]
        );
        assert_eq!(v[0].tok, Tok::Quote { open: true });
        assert!(is_boundary(t, t.find("said").unwrap()));
        assert!(!is_boundary(t, t.find("’s").unwrap()));
    }
}
