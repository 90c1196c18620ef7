//! Figures in a sentence, normalised: `2,003`, `nine`, `16,700`, `2.5 million`, `25 per cent`,
//! with `more than` / `at least` / `about` turned into an interval, and the quantity they count.

use super::phrases::{after, ascii_lower, load_short, HIGH};
use super::stream::TokenStream;
use super::{CheckDef, Ctx};
use crate::lexicon::FxBuild;
use crate::span::Span;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// One figure: the value range it asserts and what it counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// From the modifier (if any) to the end of the number.
    pub span: Span,
    pub lo: f64,
    pub hi: f64,
    /// Canonical quantity (`deaths`, `percent arrests`).
    pub quantity: String,
}

impl Figure {
    pub fn conflicts(&self, other: &Figure) -> bool {
        self.hi < other.lo || other.hi < self.lo
    }
}

/// Every figure of sentence `i` that names what it counts.
pub fn figures(ctx: &Ctx, i: usize, def: &CheckDef) -> Vec<Figure> {
    let text = ctx.text;
    let span = ctx.sentence(i);
    let toks = &mut TokenStream::new(text, span);
    let words = def.number_words();
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(tok) = toks.get(k) {
        let start_tok = k;
        // [`interval`] looks back four tokens
        toks.forget(k.saturating_sub(4));
        let w = tok.text(text);
        let (mut value, next) = match number(w) {
            Some(v) => (v, k + 1),
            // a word that cannot begin a number word starts no run
            None if !words.may_start_run(w) || !words.may_be_word(w) => {
                k += 1;
                continue;
            }
            None => match word_run(text, toks, k, words) {
                Some(r) => r,
                None => {
                    k += 1;
                    continue;
                }
            },
        };
        // the run's last token (`next - 1 >= k`)
        let mut end = toks.get(next - 1).map_or(tok.span.end, |t| t.span.end);
        let mut percent = w.ends_with('%');
        k = next;
        // `2.5 million`, `nine hundred`
        if let Some(t) = toks.get(k) {
            if let Some(m) = words.get_any_case(t.text(text)).filter(|m| *m >= 100.0) {
                value *= m;
                end = t.span.end;
                k += 1;
            }
        }
        // `25 per cent`
        if let Some(t) = toks.get(k) {
            if let Some(m) = ctx.first(def.list("percent"), after(text, t.span.start, span.end)) {
                if m.start == t.span.start {
                    percent = true;
                    end = m.end;
                    while toks.get(k).is_some_and(|t| t.span.end <= m.end) {
                        k += 1;
                    }
                }
            }
        }
        let Some(quantity) = quantity(text, toks, k, def) else {
            continue;
        };
        let quantity = if percent {
            format!("percent {quantity}")
        } else {
            quantity
        };
        let from = toks
            .get(start_tok.saturating_sub(4))
            .map_or(tok.span.start, |t| t.span.start);
        let (start, lo, hi) = interval(ctx, span, from, tok.span.start, value, def);
        out.push(Figure {
            span: Span::new(start, end),
            lo,
            hi,
            quantity,
        });
    }
    out
}

/// The value of a number token's text `w` (digits with separators); years are not.
fn number(w: &str) -> Option<f64> {
    if w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        let digits = w.trim_end_matches('%');
        if !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            return None;
        }
        if digits.len() == 4
            && !digits.contains([',', '.'])
            && (digits.starts_with("19") || digits.starts_with("20"))
        {
            return None;
        }
        return digits.replace(',', "").parse().ok();
    }
    None
}

/// The `[numbers]` table of a check as [`figures`] reads words in it: hashed, with the first
/// bytes of its words (issue 6: a B-tree search per word and a lower-cased copy of every
/// capitalised word were most of the check).
#[derive(Clone, Debug, Default)]
pub(crate) struct NumberWords {
    values: HashMap<String, f64, FxBuild>,
    /// Bit `b` set for each byte `b` that begins a number word.
    firsts: [u64; 4],
    /// One bit ([`short_bit`]) per word of the table, and `and`, of at most seven ASCII bytes:
    /// a short ASCII word without `-` whose lower-cased form has its bit clear is neither
    /// (issue 6: lower-casing and hashing every word of a sentence with a figure).
    short: [u64; 16],
}

/// ASCII words up to this length are lower-cased on the stack.
const SHORT: usize = 32;

impl NumberWords {
    pub(crate) fn new(numbers: &BTreeMap<String, f64>) -> NumberWords {
        let mut firsts = [0u64; 4];
        for key in numbers.keys() {
            if let Some(&b) = key.as_bytes().first() {
                if let Some(w) = firsts.get_mut(usize::from(b >> 6)) {
                    *w |= 1 << (b & 63);
                }
            }
        }
        let mut short = [0u64; 16];
        for key in numbers.keys().map(String::as_str).chain(["and"]) {
            if let Some(bit) = pack_short(key.as_bytes()).map(short_bit) {
                if let Some(w) = short.get_mut(bit / 64) {
                    *w |= 1 << (bit % 64);
                }
            }
        }
        NumberWords {
            values: numbers.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            firsts,
            short,
        }
    }

    /// False only when `w` lower-cased is neither `and` nor a word of the table, nor a run of
    /// them joined by `-`: a word of at most seven ASCII bytes without `-` whose bit is clear.
    ///
    /// The word is read as one number and lower-cased in all lanes at once, laid out as
    /// [`pack_short`] lays out its lower case (issue 6: two byte copies a word, each a call).
    #[inline]
    fn may_be_word(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let Some(v) = load_short(b) else {
            return true;
        };
        if v & HIGH != 0 || b.contains(&b'-') {
            return true;
        }
        let bit = short_bit(ascii_lower(v) | (b.len() as u64) << 56);
        self.short
            .get(bit / 64)
            .is_some_and(|x| x >> (bit % 64) & 1 == 1)
    }

    /// The value of `w` exactly as written (the table's words are matched as they are).
    fn get(&self, w: &str) -> Option<f64> {
        self.values.get(w).copied()
    }

    /// The value of `w` lower-cased (as `str::to_lowercase` does).
    fn get_any_case(&self, w: &str) -> Option<f64> {
        if !self.may_be_word(w) {
            return None;
        }
        let mut buf = [0u8; SHORT];
        self.get(&lowered(w, &mut buf))
    }

    /// Whether [`word_run`] can find a number word at the token `w`: false only when `w`
    /// begins with an ASCII letter or digit that, lower-cased, begins no number word (then its
    /// first `-`-separated part is no number word and the run is empty).
    fn may_start_run(&self, w: &str) -> bool {
        match w.as_bytes().first() {
            Some(&b) if b.is_ascii_alphanumeric() => {
                let b = b.to_ascii_lowercase();
                self.firsts
                    .get(usize::from(b >> 6))
                    .is_some_and(|set| set >> (b & 63) & 1 == 1)
            }
            _ => true,
        }
    }
}

/// A word of at most seven bytes as one number: its bytes, then its length in the last byte.
fn pack_short(b: &[u8]) -> Option<u64> {
    let mut lanes = [0u8; 8];
    lanes
        .get_mut(..b.len())
        .filter(|_| b.len() <= 7)?
        .copy_from_slice(b);
    *lanes.get_mut(7)? = b.len() as u8;
    Some(u64::from_le_bytes(lanes))
}

/// The bit of [`NumberWords::short`] of a packed word: ten bits of its product with an odd
/// constant.
fn short_bit(k: u64) -> usize {
    (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize
}

/// `w` lower-cased as `str::to_lowercase` does it: borrowed when it already is, in `buf` when
/// it is short ASCII, else a new string.
fn lowered<'b>(w: &'b str, buf: &'b mut [u8; SHORT]) -> Cow<'b, str> {
    let b = w.as_bytes();
    if !b.iter().any(|c| !c.is_ascii() || c.is_ascii_uppercase()) {
        return Cow::Borrowed(w);
    }
    if w.is_ascii() {
        if let Some(dst) = buf.get_mut(..b.len()) {
            dst.copy_from_slice(b);
            dst.make_ascii_lowercase();
            if let Ok(s) = std::str::from_utf8(dst) {
                return Cow::Borrowed(s);
            }
        }
    }
    Cow::Owned(w.to_lowercase())
}

/// `nine`, `Two thousand and three`, `forty-five`: a run of number words from the `numbers`
/// table (joined by `and`), as (value, index after the run).
fn word_run(
    text: &str,
    toks: &mut TokenStream,
    k: usize,
    words: &NumberWords,
) -> Option<(f64, usize)> {
    let (mut total, mut current, mut j, mut any) = (0.0_f64, 0.0_f64, k, false);
    let mut buf = [0u8; SHORT];
    while let Some(t) = toks.get(j) {
        // neither `and` nor a number word: the run ends here
        if !words.may_be_word(t.text(text)) {
            break;
        }
        let w = lowered(t.text(text), &mut buf);
        if w == "and" && any {
            let next_is_number = toks
                .get(j + 1)
                .is_some_and(|n| words.get_any_case(n.text(text)).is_some());
            if !next_is_number {
                break;
            }
            j += 1;
            continue;
        }
        // every `-`-separated part must be a number word
        if !w.split('-').all(|p| words.get(p).is_some()) {
            break;
        }
        for v in w.split('-').filter_map(|p| words.get(p)) {
            if v >= 1000.0 {
                total += current.max(1.0) * v;
                current = 0.0;
            } else if v >= 100.0 {
                current = current.max(1.0) * v;
            } else {
                current += v;
            }
        }
        any = true;
        j += 1;
    }
    any.then_some((total + current, j))
}

/// The counted noun after a number (among tokens `k..k + 4`), skipping listed filler words;
/// mapped through synonyms.
fn quantity(text: &str, toks: &mut TokenStream, k: usize, def: &CheckDef) -> Option<String> {
    for t in (k..k + 4).map_while(|j| toks.get(j)) {
        // (a short ASCII word lower-cased in place: issue 6, a string per word read)
        let mut buf = [0u8; SHORT];
        let lower = lowered(t.text(text), &mut buf);
        let w: &str = &lower;
        if def.list("skip-words").is(w) {
            continue;
        }
        if t.is_capitalised(text) || w.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        // only quantities the file names (`[synonyms]`): a bare noun after a number is too
        // often a different thing (`$40 a ton`, `55 to 65`)
        return def
            .synonyms
            .iter()
            .find(|(canon, variants)| {
                canon.as_str() == w || variants.iter().any(|v| v.eq_ignore_ascii_case(w))
            })
            .map(|(canon, _)| canon.clone());
    }
    None
}

/// The modifier right before the number at `num` (`from`: the start of the fourth token
/// before it), as an interval around `v`.
fn interval(
    ctx: &Ctx,
    span: Span,
    from: usize,
    num: usize,
    v: f64,
    def: &CheckDef,
) -> (usize, f64, f64) {
    let text = ctx.text;
    let window = Span::new(from.max(span.start), num);
    let eps = v.abs() * 1e-9 + 1e-9;
    let adjacent = |name: &str| {
        ctx.find(def.list(name), window)
            .map(|m| m.0)
            .find(|m| text.get(m.end..num).is_some_and(|g| g.trim().is_empty()))
    };
    if let Some(m) = adjacent("more") {
        (m.start, v + eps, f64::INFINITY)
    } else if let Some(m) = adjacent("at-least") {
        (m.start, v, f64::INFINITY)
    } else if let Some(m) = adjacent("less") {
        (m.start, 0.0, v - eps)
    } else if let Some(m) = adjacent("at-most") {
        (m.start, 0.0, v)
    } else if let Some(m) = adjacent("about") {
        (m.start, v * 0.9, v * 1.1)
    } else {
        (num, v, v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word the short test rules out is neither `and` nor a word of the table nor a run of
    /// them joined by `-`, lower-cased (the built-in table; its words in every case, cut
    /// short, run on, and generated ASCII words).
    #[test]
    fn words_ruled_out_are_no_number_words() {
        let set = crate::checks::CheckSet::builtin().unwrap();
        let def = set.get("figure-conflict").unwrap();
        let words = def.number_words();
        let mut cands: Vec<String> = Vec::new();
        for k in def
            .numbers
            .keys()
            .map(String::as_str)
            .chain(["and", "the", "a"])
        {
            for v in [
                k.to_string(),
                k.to_uppercase(),
                format!("{k}s"),
                format!("x{k}"),
            ] {
                cands.push(v.clone());
                cands.push(v.chars().skip(1).collect());
                cands.push(format!("{v}-one"));
            }
        }
        let mut rng = crate::testrng::Rng::new(0xbf58_476d_1ce4_e5b9);
        let letters = b"aeinorstuvwxydhfglm-ANDT";
        for _ in 0..20_000 {
            let n = rng.below(9);
            cands.push((0..n).map(|_| char::from(rng.pick(letters))).collect());
        }
        let (mut out, mut kept) = (0, 0);
        for w in &cands {
            let lower = w.to_lowercase();
            let is_word = lower == "and" || lower.split('-').all(|p| def.numbers.contains_key(p));
            if words.may_be_word(w) {
                kept += 1;
            } else {
                out += 1;
                assert!(!is_word, "{w:?}");
                assert_eq!(words.get_any_case(w), None, "{w:?}");
            }
        }
        assert!(out > 10_000 && kept > 100, "{out} {kept}");
    }

    /// The one-number test of [`NumberWords::may_be_word`] answers as the byte-by-byte form
    /// it replaced (a copy of the word lower-cased, then [`pack_short`]), on the table's words
    /// in every case and on generated words with capitals, `-`, bytes outside ASCII and every
    /// length around seven.
    #[test]
    fn one_number_word_test_answers_as_the_bytewise_one() {
        let set = crate::checks::CheckSet::builtin().unwrap();
        let def = set.get("figure-conflict").unwrap();
        let words = def.number_words();
        let bytewise = |w: &str| {
            let b = w.as_bytes();
            if b.len() > 7 || !b.is_ascii() || b.contains(&b'-') {
                return true;
            }
            let mut lower = b.to_vec();
            lower.make_ascii_lowercase();
            pack_short(&lower).map(short_bit).is_none_or(|bit| {
                words
                    .short
                    .get(bit / 64)
                    .is_some_and(|x| x >> (bit % 64) & 1 == 1)
            })
        };
        let mut cands: Vec<String> = def
            .numbers
            .keys()
            .flat_map(|k| {
                [
                    k.clone(),
                    k.to_uppercase(),
                    format!("{k}s"),
                    k.chars().skip(1).collect(),
                ]
            })
            .collect();
        let mut rng = crate::testrng::Rng::new(0x2545_f491_4f6c_dd1d);
        let pieces = [
            "a", "N", "d", "T", "e", "-", "é", "9", "%", "'", "w", "O", "\u{0}",
        ];
        for _ in 0..20_000 {
            let n = rng.below(10);
            cands.push((0..n).map(|_| pieces[rng.below(pieces.len())]).collect());
        }
        let (mut yes, mut no) = (0, 0);
        for w in &cands {
            let got = words.may_be_word(w);
            assert_eq!(got, bytewise(w), "{w:?}");
            if got {
                yes += 1;
            } else {
                no += 1;
            }
        }
        assert!(yes > 1000 && no > 1000, "{yes} {no}");
    }

    /// [`lowered`] is `str::to_lowercase`, and the table answers as a B-tree lookup of it.
    #[test]
    fn number_words_answer_as_the_table_lower_cased() {
        let table: BTreeMap<String, f64> =
            [("two", 2.0), ("forty", 40.0), ("é", 1.0), ("and", 0.0)]
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect();
        let words = NumberWords::new(&table);
        let long = "A".repeat(SHORT + 3);
        for w in [
            "two",
            "Two",
            "TWO",
            "forty",
            "Forty-Two",
            "É",
            "é",
            "x",
            "",
            "and",
            "İ",
            &long,
        ] {
            let mut buf = [0u8; SHORT];
            assert_eq!(lowered(w, &mut buf), w.to_lowercase(), "{w}");
            assert_eq!(
                words.get_any_case(w),
                table.get(&w.to_lowercase()).copied(),
                "{w}"
            );
        }
        assert!(words.may_start_run("Twelve") && words.may_start_run("é"));
        assert!(words.may_be_word("Two") && words.may_be_word("AND") && !words.may_be_word("x"));
        assert!(!words.may_start_run("Nine") && !words.may_start_run("zero"));
    }
}
