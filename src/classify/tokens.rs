//! Word and punctuation tokens of one sentence, with the lexicon flags the frames read.
//!
//! A word is a run of letters and digits, joined across an apostrophe, hyphen, period or
//! ampersand that sits between two letters or digits (`Clinton’s`, `D-Calif`, `U.S`).

use crate::lexicon::{char_at, WordEnds};
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
/// Lower-case word of five letters or more in `-ed` (`scrutinized`, `elected`): inside a phrase
/// after a name or a noun it is a verb, not part of the phrase.
pub const PAST: u32 = 1 << 21;
/// `some`, `many`, `other`: opens a plural phrase.
pub const PLURAL: u32 = 1 << 22;
/// `will`, `could`, `can't`: a modal verb.
pub const MODAL: u32 = 1 << 23;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub tok: Tok,
    pub flags: u32,
}

impl Token {
    #[inline]
    pub fn is_word(&self) -> bool {
        self.tok == Tok::Word
    }
    #[inline]
    pub fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }
    /// The token's text in `text` is one of `words` (ASCII case ignored).
    #[inline]
    pub fn is_one_of(&self, text: &str, words: &[&str]) -> bool {
        let w = self.span.slice(text);
        words.iter().any(|x| w.eq_ignore_ascii_case(x))
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

/// What an ASCII byte is to [`tokenize`]; bytes of characters outside ASCII are `WIDE`.
const OTHER: u8 = 0;
const WORD: u8 = 1;
/// ASCII white space (as [`char::is_whitespace`] has it: tab to carriage return, space).
const SPACE: u8 = 2;
const WIDE: u8 = 3;

const fn byte_classes() -> [u8; 256] {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            WORD
        } else if c == b' ' || (c >= 0x09 && c <= 0x0d) {
            SPACE
        } else {
            OTHER
        };
        b += 1;
    }
    t
}
static CLASS: [u8; 256] = byte_classes();

/// The token an ASCII mark (a byte of class `OTHER`) makes whatever its neighbours: all of them
/// but `"`, `'`, `-` and `.` (`None`; and `None` for the bytes of other classes). (The marks
/// that need no look at their neighbours skip [`tokenize`]'s general path and its jump on the
/// char, issue 6.)
const fn marks() -> [Option<Tok>; 128] {
    let mut t = [None; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if byte_classes()[b] == OTHER {
            t[b] = match c {
                b'"' | b'\'' | b'-' | b'.' => None,
                b',' => Some(Tok::Comma),
                b':' => Some(Tok::Colon),
                b';' => Some(Tok::Semicolon),
                b'(' | b'[' => Some(Tok::OpenParen),
                b')' | b']' => Some(Tok::CloseParen),
                b'!' | b'?' => Some(Tok::End),
                _ => Some(Tok::Other),
            };
        }
        b += 1;
    }
    t
}
static MARK: [Option<Tok>; 128] = marks();

/// The flags an ASCII byte gives a word it begins: [`CAP`] for a capital, [`DIGIT`] for a digit.
const fn first_flags() -> [u32; 128] {
    let mut t = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            CAP
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            0
        };
        b += 1;
    }
    t
}
static FIRST: [u32; 128] = first_flags();

/// Whether the char at byte `i` of `s` is a letter or digit (false at the end).
#[inline]
fn alnum_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => CLASS[usize::from(b)] == WORD,
        Some(_) => char_at(s, i).is_some_and(|(c, _)| alnum(c)),
        None => false,
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = ONES * 0x80;

/// The high bit of each byte of `x` (eight bytes of text, the first lowest) that is not an ASCII
/// letter or digit. (Each byte's test stays within the byte: its low seven bits plus at most
/// `0x50` carry into the high bit, never out of the byte.)
#[inline(always)]
fn not_word(x: u64) -> u64 {
    let low = x & !HIGH;
    // the high bit of `v + (0x80 - c)` tells, for each byte `v` below 0x80, `v >= c`
    let at_least = |v: u64, c: u64| v + ONES * (0x80 - c);
    let digit = at_least(low, 0x30) & !at_least(low, 0x3a);
    // (`| 0x20` lower-cases a letter and makes no other byte one)
    let folded = low | (ONES * 0x20);
    let letter = at_least(folded, 0x61) & !at_least(folded, 0x7b);
    (x | !(digit | letter)) & HIGH
}

/// The end of the run of ASCII letters and digits from byte `i` of `b`, read eight bytes at a
/// time (a byte loop ended at a branch mispredicted about once a word, issue 6).
#[inline(always)]
fn word_run(b: &[u8], mut i: usize) -> usize {
    while let Some(x) = b
        .get(i..i + 8)
        .and_then(|c| <[u8; 8]>::try_from(c).ok())
        .map(u64::from_le_bytes)
    {
        let stop = not_word(x);
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && CLASS[usize::from(b[i])] == WORD {
        i += 1;
    }
    i
}

/// End of the word whose letters or digits run up to byte `i` of `s`: further letters and
/// digits, and a joiner with a letter or digit after it.
#[inline(always)]
fn word_end(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    loop {
        // the run of ASCII letters and digits
        i = word_run(b, i);
        let Some(&c) = b.get(i) else { break };
        match CLASS[usize::from(c)] {
            // (most words end at a space)
            SPACE => break,
            WIDE => match char_at(s, i) {
                Some((ch, len)) => {
                    if alnum(ch) || (matches!(ch, '’' | '\u{2011}') && alnum_at(s, i + len)) {
                        i += len;
                    } else {
                        break;
                    }
                }
                None => break,
            },
            _ if matches!(c, b'\'' | b'-' | b'.' | b'&') && alnum_at(s, i + 1) => i += 1,
            _ => break,
        }
    }
    i
}

/// Whether a letter or digit occurs in `s` from byte `i` on.
fn any_alnum_from(s: &str, mut i: usize) -> bool {
    let b = s.as_bytes();
    while let Some(&c) = b.get(i) {
        match CLASS[usize::from(c)] {
            WORD => return true,
            WIDE => match char_at(s, i) {
                Some((ch, len)) => {
                    if alnum(ch) {
                        return true;
                    }
                    i += len;
                }
                None => return false,
            },
            _ => i += 1,
        }
    }
    false
}

/// Whether the char at byte `i` of `s` is white space (false at the end).
#[inline]
fn space_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => CLASS[usize::from(b)] == SPACE,
        Some(_) => char_at(s, i).is_some_and(|(c, _)| c.is_whitespace()),
        None => false,
    }
}

/// Whether a capitalised word in `-ly` whose letters before `ly` are `c3` (last) and `c4` has an
/// adverb's ending (`-ally`, `-ely`, `-tly`, `-sly`, `-rly` but not `-erly` …) rather than a
/// name's (`-lly`, `-fly`, `-uly`, `-erly`, `-ily`).
fn adverb_ending(c3: Option<u8>, c4: Option<u8>) -> bool {
    match c3 {
        Some(b'l') => c4 == Some(b'a'),
        Some(b'r') => c4 != Some(b'e'),
        Some(c) => b"bdeghkmnpstw".contains(&c),
        None => false,
    }
}

/// A word ending that gives a flag: the word's last bytes (`key`, the bytes of `mask`, of its
/// last four), its least length, the flags it may not have and those it must have.
struct Ending {
    key: u32,
    mask: u32,
    min: usize,
    forbid: u32,
    need: u32,
    flag: u32,
}

/// The endings by the low five bits of the last byte (`y`, `s`, `g`, `d` differ in them); no
/// ending at the other places: `-ly` (lower case, more than four bytes), `'s`, `-ing`
/// (capitalised, six bytes or more), `-ed` (neither capitalised nor a number, more than four).
/// (`’s` is tested on its own.)
const ENDINGS: [Ending; 32] = {
    const NONE: Ending = Ending {
        key: 1,
        mask: 0,
        min: 0,
        forbid: 0,
        need: 0,
        flag: 0,
    };
    let mut t = [NONE; 32];
    t[(b'y' & 0x1F) as usize] = Ending {
        key: u32::from_be_bytes(*b"\0\0ly"),
        mask: 0xFFFF,
        min: 5,
        forbid: CAP,
        need: 0,
        flag: ADVERB,
    };
    t[(b's' & 0x1F) as usize] = Ending {
        key: u32::from_be_bytes(*b"\0\0's"),
        mask: 0xFFFF,
        min: 2,
        forbid: 0,
        need: 0,
        flag: POSSESSIVE,
    };
    t[(b'g' & 0x1F) as usize] = Ending {
        key: u32::from_be_bytes(*b"\0ing"),
        mask: 0xFF_FFFF,
        min: 6,
        forbid: 0,
        need: CAP,
        flag: CAP_ING,
    };
    t[(b'd' & 0x1F) as usize] = Ending {
        key: u32::from_be_bytes(*b"\0\0ed"),
        mask: 0xFFFF,
        min: 5,
        forbid: CAP | DIGIT,
        need: 0,
        flag: PAST,
    };
    t
};

/// A word's last four bytes (`tail`, the low 32 bits), its length `n` in unary (bit `32 + k`:
/// more than `k` bytes, up to eight) and its [`CAP`] and [`DIGIT`] flags (bits 40 and 41): each
/// ending's tests are one masked comparison of it (issue 6: a third of the instructions of the
/// separate tests).
#[inline(always)]
fn probe(tail: u32, n: usize, flags: u32) -> u64 {
    let unary = (1u64 << n.min(8)) - 1;
    u64::from(tail) | (unary << 32) | (u64::from(flags & (CAP | DIGIT)) << 34)
}

/// The (key, mask) of [`probe`] for an ending: the bytes `key` under `mask`, at least `min`
/// bytes (at most eight), none of `forbid`, all of `need` (among [`CAP`] and [`DIGIT`]).
const fn probe_test(key: u32, mask: u32, min: usize, forbid: u32, need: u32) -> (u64, u64) {
    let len = if min == 0 { 0 } else { 1u64 << (32 + min - 1) };
    (
        key as u64 | len | ((need as u64) << 34),
        mask as u64 | len | (((forbid | need) as u64) << 34),
    )
}

/// `’s` ending a word of four bytes or more.
const CURLY: (u64, u64) = probe_test(
    u32::from_be_bytes([0xE2, 0x80, 0x99, b's']),
    u32::MAX,
    4,
    0,
    0,
);

/// [`ENDINGS`] as [`probe`] tests (key, mask and the flag), by the low five bits of a word's
/// last byte and the high bit of the byte before it (bit 5 of the index): each ending's key
/// has an ASCII byte there, `’s` ([`CURLY`]) the last byte of `’` (one test per word, not two;
/// issue 6).
static PROBES: [(u64, u64, u32); 64] = {
    let mut t = [(1, 0, 0); 64];
    let mut k = 0;
    while k < 32 {
        let e = &ENDINGS[k];
        let (key, mask) = probe_test(e.key, e.mask, e.min, e.forbid, e.need);
        t[k] = (key, mask, e.flag);
        k += 1;
    }
    t[32 + (b's' & 0x1F) as usize] = (CURLY.0, CURLY.1, POSSESSIVE);
    t
};

/// The flag of the word ending (`-ly`, `'s`, `’s`, `-ing`, `-ed`) of a word of `n` bytes whose
/// last four are `tail` (fewer when it is shorter), its first char giving it `flags`; 0 when
/// none (one masked comparison, without a branch).
#[inline(always)]
fn ending_flag(tail: u32, n: usize, flags: u32) -> u32 {
    let p = probe(tail, n, flags);
    let (key, mask, flag) = PROBES[((tail & 0x1F) | ((tail >> 10) & 0x20)) as usize];
    flag & 0u32.wrapping_sub(u32::from(p & mask == key))
}

/// Where [`tokenize`] finds the end of a word.
trait Ends: Copy {
    /// The end of the word of `s` (the text up to the end of the sentence) that starts at byte
    /// `i` with a char of `len` bytes.
    fn end(self, s: &str, i: usize, len: usize) -> usize;
}

/// The words' ends read from the text ([`word_end`]).
#[derive(Clone, Copy)]
struct Read;

impl Ends for Read {
    #[inline(always)]
    fn end(self, s: &str, i: usize, len: usize) -> usize {
        word_end(s, i + len)
    }
}

impl Ends for &WordEnds {
    /// The end the walk over the whole text found ([`word_end`] when the text's word goes on
    /// past the sentence's end): from any letter or digit of a word of the text, [`word_end`]
    /// reads on to the end of that word (it reads forward only), unless the sentence ends
    /// first, so a sentence that starts inside a word of the text has the same tokens.
    #[inline(always)]
    fn end(self, s: &str, i: usize, len: usize) -> usize {
        match self.next_end(i, s.len()) {
            Some(e) => e,
            None => word_end(s, i + len),
        }
    }
}

/// The flags a char outside ASCII gives a word it begins ([`FIRST`] for the others).
fn wide_first(c: char) -> u32 {
    if crate::lexicon::is_upper(c) {
        CAP
    } else if crate::lexicon::is_uncased(c) {
        UNCASED
    } else {
        0
    }
}

/// Appends the word token of `s` (the text up to the end of the sentence) starting at byte `i`
/// with a char of `len` bytes, which gives it the flags `first`, to `out`; returns its end.
#[inline(always)]
fn word<E: Ends>(
    ends: E,
    s: &str,
    (i, len, first): (usize, usize, u32),
    out: &mut Vec<Token>,
) -> usize {
    let b = s.as_bytes();
    let mut end = ends.end(s, i, len);
    let mut flags = first;
    if flags == DIGIT && b.get(end) == Some(&b'%') {
        // `47%`: a share of the people or votes counted, a noun like `percent`
        end += 1;
        flags = (flags & !DIGIT) | SOURCE_NOUN;
    }
    // (the four endings tested on the last four bytes at once, without a branch on the last
    // byte, which cost a mispredicted jump every few words, issue 6; the word is `b[i..end]`,
    // not empty, and each test of more bytes than `n` is false: the bytes before the word,
    // of the sentence or the text before it, are never compared)
    let n = end - i;
    let tail = match end.checked_sub(4).and_then(|j| b.get(j..end)) {
        Some(&[w, x, y, z]) => u32::from_be_bytes([w, x, y, z]),
        _ => b
            .get(..end)
            .unwrap_or_default()
            .iter()
            .fold(0, |t, &c| t << 8 | u32::from(c)),
    };
    flags |= ending_flag(tail, n, flags);
    // (a capitalised word in `-ly` too, with an adverb's ending that names seldom have and not
    // after another capitalised word: `Sparsely`, `Frankly`, `Finally`, `Nearly`; not `Kelly`,
    // `Schlafly`, `Ganguly`, `Beverly`, `Daily`, `Publishers Weekly`)
    if flags & CAP != 0
        && n >= 6
        && tail & 0xFFFF == u32::from_be_bytes(*b"\0\0ly")
        && adverb_ending(Some((tail >> 16) as u8), Some((tail >> 24) as u8))
        && !out.last().is_some_and(|p| p.tok == Tok::Word && p.has(CAP))
    {
        flags |= ADVERB;
    }
    out.push(Token {
        span: Span::new(i, end),
        tok: Tok::Word,
        flags,
    });
    end
}

/// Extends the last token of `out` by `len` bytes when it is a word ending at `at`.
fn extend_word(out: &mut [Token], at: usize, len: usize) -> Option<&mut Token> {
    let last = out.last_mut()?;
    if last.tok == Tok::Word && last.span.end == at {
        last.span.end += len;
        Some(last)
    } else {
        None
    }
}

/// Appends the tokens of `text[span]` to `out` (absolute spans); returns how many of them are
/// words (counted here, not by another pass over the tokens).
///
/// ASCII bytes are classed by a table; only characters outside ASCII are decoded (issue 6).
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) -> usize {
    tokenize_with(Read, text, span, out).0
}

/// [`tokenize`], the ends of the words read from `ends` when they are the ends of all the words
/// of `text` ([`crate::lexicon::scan_pair_ends`]; issue 6: the tokenizer read every word again,
/// byte by byte, to find the ends the lexicon walk had found). Ends of a text of another length
/// are not read; the tokens are the same with or without them.
///
/// Returns how many of the tokens appended are words, and the index in `out` of the first
/// quotation mark appended (noted as the marks are made: most sentences have none, and a
/// search for it read all their tokens again, issue 6).
pub fn tokenize_ends(
    text: &str,
    span: Span,
    ends: Option<&WordEnds>,
    out: &mut Vec<Token>,
) -> (usize, Option<usize>) {
    match ends {
        Some(e) if e.text_len() == text.len() => tokenize_with(e, text, span, out),
        _ => tokenize_with(Read, text, span, out),
    }
}

/// [`tokenize_ends`], the words' ends found by `ends`.
///
/// (Offsets are of `text`, read up to the sentence's end: no offset of the sentence to add to
/// each token, issue 6.)
#[inline(always)]
fn tokenize_with<E: Ends>(
    ends: E,
    text: &str,
    span: Span,
    toks: &mut Vec<Token>,
) -> (usize, Option<usize>) {
    // (a vector of this frame's own, not one behind a reference: its length and capacity are
    // this frame's, not read again through the reference after each push; 0.8 M instructions
    // of the corpus, issue 6)
    let mut v = std::mem::take(toks);
    let r = tokenize_into(ends, text, span, &mut v);
    *toks = v;
    r
}

/// [`tokenize_with`] appending to `out`.
#[inline(always)]
fn tokenize_into<E: Ends>(
    ends: E,
    text: &str,
    span: Span,
    out: &mut Vec<Token>,
) -> (usize, Option<usize>) {
    // (the text up to the sentence's end; nothing for a span out of `text`)
    let (Some(s), Some(_)) = (text.get(..span.end), text.get(span.start..span.end)) else {
        return (0, None);
    };
    let b = s.as_bytes();
    let start = span.start;
    let mut i = start;
    let mut single_open = false;
    // (the words are the tokens appended that are not marks: counted at the marks, off the
    // path of the words)
    let made = out.len();
    let mut marks = 0;
    let mut first_quote = None;
    while let Some(&byte) = b.get(i) {
        let (c, len) = match CLASS[usize::from(byte)] {
            WORD => {
                i = word(ends, s, (i, 1, FIRST[usize::from(byte & 0x7F)]), out);
                // (the space after a word is passed here, not by another turn of the loop)
                if b.get(i) == Some(&b' ') {
                    i += 1;
                }
                continue;
            }
            SPACE => {
                i += 1;
                continue;
            }
            WIDE => match char_at(s, i) {
                Some((c, len)) if alnum(c) => {
                    i = word(ends, s, (i, len, wide_first(c)), out);
                    continue;
                }
                Some(cl) => cl,
                None => break,
            },
            _ => {
                if let Some(tok) = MARK[usize::from(byte & 0x7F)] {
                    out.push(Token {
                        span: Span::new(i, i + 1),
                        tok,
                        flags: 0,
                    });
                    marks += 1;
                    i += 1;
                    continue;
                }
                (char::from(byte), 1)
            }
        };
        let next = i + len;
        // the char before this one in the sentence (read here, at punctuation, not kept at
        // every token)
        let prev = match i
            .checked_sub(1)
            .filter(|&k| k >= start)
            .and_then(|k| b.get(k))
        {
            Some(&p) if p < 0x80 => Some(char::from(p)),
            Some(_) => s.get(start..i).and_then(|r| r.chars().next_back()),
            None => None,
        };
        // `Sanders' team`: an apostrophe right after a word in -s, before a word, with no single
        // quotation open in the sentence, makes the word possessive
        if matches!(c, '\'' | '’')
            && !single_open
            && prev == Some('s')
            && b.get(next) == Some(&b' ')
            && char_at(s, next + 1).is_some_and(|(d, _)| d.is_alphabetic())
        {
            if let Some(last) = extend_word(out, i, len) {
                last.flags |= POSSESSIVE;
                i = next;
                continue;
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
                first_quote.get_or_insert(out.len());
                Tok::Quote { open }
            }
            '—' | '–' | '―' => Tok::Dash,
            // a hyphen between spaces stands for a dash (`Reynolds - a co-host - told`)
            '-' if prev.is_some_and(char::is_whitespace) && space_at(s, next) => Tok::Dash,
            '-' if b.get(next) == Some(&b'-') => {
                // `--` (or a longer run) is one dash
                let mut end = next;
                while b.get(end) == Some(&b'-') {
                    end += 1;
                }
                out.push(Token {
                    span: Span::new(i, end),
                    tok: Tok::Dash,
                    flags: 0,
                });
                marks += 1;
                i = end;
                continue;
            }
            ':' => Tok::Colon,
            ';' => Tok::Semicolon,
            '(' | '[' => Tok::OpenParen,
            ')' | ']' => Tok::CloseParen,
            // a period inside the sentence after a word is an abbreviation (`Mr.`, `Gov.`):
            // it stays with its word
            '.' if prev.is_some_and(alnum) && any_alnum_from(s, next) => {
                if extend_word(out, i, 1).is_some() {
                    i = next;
                    continue;
                }
                Tok::Other
            }
            '.' | '!' | '?' | '…' => Tok::End,
            c if c.is_whitespace() => {
                i = next;
                continue;
            }
            _ => Tok::Other,
        };
        out.push(Token {
            span: Span::new(i, next),
            tok,
            flags: 0,
        });
        marks += 1;
        i = next;
    }
    (out.len() - made - marks, first_quote)
}

/// The tokens (first, past last) that `span` covers exactly, from the start of one to the end
/// of another.
pub fn range(toks: &[Token], span: Span) -> Option<(usize, usize)> {
    let a = toks
        .binary_search_by_key(&span.start, |t| t.span.start)
        .ok()?;
    let b = toks.partition_point(|t| t.span.start < span.end);
    (b > a && toks.get(b - 1)?.span.end == span.end).then_some((a, b))
}

/// Walks `at` on to the first token of `toks` that does not start before `start`, from a
/// token that does not start after it (lexicon hits come in order of start: a binary search
/// per hit was 10 M instructions of the corpus, issue 6).
#[inline(always)]
pub fn walk_to(toks: &[Token], start: usize, at: &mut usize) {
    // (four tokens at a time, counted without a branch on each: the walk is short, and its end
    // was a mispredicted branch about every other hit, issue 6; starts are in order, so the
    // count is of the first ones)
    // (past a group of four that is not all before the hit, the token at `at` is not before it:
    // the one-by-one walk is only for the last tokens, fewer than four)
    loop {
        let Some(four) = toks.get(*at..*at + 4) else {
            while toks.get(*at).is_some_and(|t| t.span.start < start) {
                *at += 1;
            }
            break;
        };
        let k: usize = four.iter().map(|t| usize::from(t.span.start < start)).sum();
        *at += k;
        if k < 4 {
            break;
        }
    }
}

#[cfg(test)]
mod tests;
