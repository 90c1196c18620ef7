//! A search for the few entries of a lexicon that do not begin and end with a letter or digit
//! (`%`, `read more:`): each found where its rarest byte occurs (issue 6: an automaton of such
//! entries reads every byte of the text, and one that starts with a common letter has no
//! useful prefilter; the checks' two cost 2.2 M instructions on the corpus).

use memchr::{memchr2_iter, memchr_iter};

/// At most this many entries are searched byte by byte; more go to an automaton.
const MOST: usize = 4;

/// One entry and the byte it is looked for by.
#[derive(Debug)]
struct Pat {
    bytes: Box<[u8]>,
    /// The offset of the rarest byte in `bytes`, and that byte in both ASCII cases.
    at: usize,
    lo: u8,
    hi: u8,
}

/// The entries, each with its rarest byte.
#[derive(Debug)]
pub(crate) struct OddBytes {
    pats: Vec<Pat>,
}

impl OddBytes {
    /// `None` when there are none, more than [`MOST`], or an empty one.
    pub(crate) fn new(pats: &[Box<str>]) -> Option<OddBytes> {
        if pats.is_empty() || pats.len() > MOST || pats.iter().any(|p| p.is_empty()) {
            return None;
        }
        let pats = pats
            .iter()
            .map(|p| {
                let bytes: Box<[u8]> = p.as_bytes().into();
                let at = (0..bytes.len())
                    .min_by_key(|&i| bytes.get(i).map_or(u16::MAX, |&b| rank(b)))
                    .unwrap_or(0);
                let b = bytes.get(at).copied().unwrap_or(0);
                Pat {
                    lo: b.to_ascii_lowercase(),
                    hi: b.to_ascii_uppercase(),
                    bytes,
                    at,
                }
            })
            .collect();
        Some(OddBytes { pats })
    }

    /// Every occurrence in `hay` of every entry, ASCII case ignored, overlapping ones too (what
    /// an overlapping automaton search finds), as `f(start, end, entry index)`, entry by entry.
    pub(crate) fn each(&self, hay: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        for (k, p) in self.pats.iter().enumerate() {
            let n = p.bytes.len();
            let mut test = |j: usize| {
                if let Some(s) = j.checked_sub(p.at) {
                    if hay
                        .get(s..s + n)
                        .is_some_and(|w| w.eq_ignore_ascii_case(&p.bytes))
                    {
                        f(s, s + n, k);
                    }
                }
            };
            if p.lo == p.hi {
                memchr_iter(p.lo, hay).for_each(&mut test);
            } else {
                memchr2_iter(p.lo, p.hi, hay).for_each(&mut test);
            }
        }
    }
}

/// About how common a byte is in news copy (letters counted in both cases): the entry is
/// looked for by its byte of the lowest rank.
fn rank(b: u8) -> u16 {
    match b.to_ascii_lowercase() {
        b' ' => 1000,
        b'e' => 600,
        b't' => 450,
        b'a' => 400,
        b'o' => 380,
        b'i' => 360,
        b'n' => 350,
        b's' => 330,
        b'r' => 320,
        b'h' => 300,
        b'l' | b'd' => 200,
        b'c' => 150,
        b'u' => 140,
        b'm' => 120,
        b'f' => 110,
        b'p' | b'g' => 100,
        b'w' => 95,
        b'y' => 90,
        b'b' => 75,
        b',' => 60,
        b'.' => 55,
        b'v' => 50,
        b'k' => 40,
        b'0'..=b'9' => 30,
        b'\n' | b'"' => 20,
        0x80..=0xff => 10,
        b'x' => 8,
        b'j' => 6,
        b'q' => 5,
        b'z' => 4,
        _ => 1,
    }
}
