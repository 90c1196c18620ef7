//! Figures in a sentence, normalised: `2,003`, `nine`, `16,700`, `2.5 million`, `25 per cent`,
//! with `more than` / `at least` / `about` turned into an interval, and the quantity they count.

use super::phrases::{after, Token};
use super::stream::TokenStream;
use super::{CheckDef, Ctx};
use crate::span::Span;

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
    let firsts = first_bytes(def);
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(tok) = toks.get(k) {
        let start_tok = k;
        // [`interval`] looks back four tokens
        toks.forget(k.saturating_sub(4));
        let (mut value, next) = match number(text, &tok) {
            Some(v) => (v, k + 1),
            // a word that cannot begin a number word starts no run
            None if !may_start_run(tok.text(text), &firsts) => {
                k += 1;
                continue;
            }
            None => match word_run(text, toks, k, def) {
                Some(r) => r,
                None => {
                    k += 1;
                    continue;
                }
            },
        };
        // the run's last token (`next - 1 >= k`)
        let mut end = toks.get(next - 1).map_or(tok.span.end, |t| t.span.end);
        let mut percent = tok.text(text).ends_with('%');
        k = next;
        // `2.5 million`, `nine hundred`
        if let Some(t) = toks.get(k) {
            let w = t.text(text).to_lowercase();
            if let Some(m) = def.numbers.get(&w).copied().filter(|m| *m >= 100.0) {
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

/// The value of a number token (digits with separators, or a number word); years are not.
fn number(text: &str, t: &Token) -> Option<f64> {
    let w = t.text(text);
    if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
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

/// The first bytes of the number words of `def` (bit `b` of the set for byte `b`).
fn first_bytes(def: &CheckDef) -> [u64; 4] {
    let mut set = [0u64; 4];
    for key in def.numbers.keys() {
        if let Some(&b) = key.as_bytes().first() {
            if let Some(w) = set.get_mut(usize::from(b >> 6)) {
                *w |= 1 << (b & 63);
            }
        }
    }
    set
}

/// Whether [`word_run`] can find a number word at the token `w`: false only when `w` begins
/// with an ASCII letter or digit that, lower-cased, begins no number word (then its first
/// `-`-separated part is no number word and the run is empty).
fn may_start_run(w: &str, firsts: &[u64; 4]) -> bool {
    match w.as_bytes().first() {
        Some(&b) if b.is_ascii_alphanumeric() => {
            let b = b.to_ascii_lowercase();
            firsts
                .get(usize::from(b >> 6))
                .is_some_and(|set| set >> (b & 63) & 1 == 1)
        }
        _ => true,
    }
}

/// `nine`, `Two thousand and three`, `forty-five`: a run of number words from the `numbers`
/// table (joined by `and`), as (value, index after the run).
fn word_run(text: &str, toks: &mut TokenStream, k: usize, def: &CheckDef) -> Option<(f64, usize)> {
    let (mut total, mut current, mut j, mut any) = (0.0_f64, 0.0_f64, k, false);
    while let Some(t) = toks.get(j) {
        let w = lower(t.text(text));
        if w == "and" && any {
            let next_is_number = toks
                .get(j + 1)
                .is_some_and(|n| def.numbers.contains_key(&n.text(text).to_lowercase()));
            if !next_is_number {
                break;
            }
            j += 1;
            continue;
        }
        let mut parts = Vec::new();
        for p in w.split('-') {
            match def.numbers.get(p) {
                Some(v) => parts.push(*v),
                None => {
                    parts.clear();
                    break;
                }
            }
        }
        if parts.is_empty() {
            break;
        }
        for v in parts {
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

/// `w` in lower case, borrowed when it already is (most words).
fn lower(w: &str) -> std::borrow::Cow<'_, str> {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(w)
    } else {
        std::borrow::Cow::Owned(w.to_lowercase())
    }
}

/// The counted noun after a number (among tokens `k..k + 4`), skipping listed filler words;
/// mapped through synonyms.
fn quantity(text: &str, toks: &mut TokenStream, k: usize, def: &CheckDef) -> Option<String> {
    for t in (k..k + 4).map_while(|j| toks.get(j)) {
        let w = t.text(text).to_lowercase();
        if def.list("skip-words").is(&w) {
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
                *canon == &w || variants.iter().any(|v| v.eq_ignore_ascii_case(&w))
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
