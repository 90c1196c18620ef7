//! The JSON report's output buffer ([`Sink`]): a byte slice of fixed size written at a cursor
//! and handed to the output whenever a piece does not fit. Constant keys, numbers and short
//! strings are stores of fixed size after one bounds test each (issue 6: appending to a `Vec`
//! loaded and stored its length and tested its capacity for each of a quarter million keys
//! and numbers, and a variable-length copy was a call to `memcpy`).

use super::escape::{escape_into, short_special, string_content};
use super::pretty::digits_into;
use std::io::{self, Write};

/// Bytes of room a number needs (the digits of `usize::MAX`).
const DIGITS: usize = 20;

/// Bytes of room a clean string of at most 32 bytes needs: its quotation marks around it.
const SHORT: usize = 34;

/// The pieces of the report's objects, written to a [`Sink`] (which hands its buffer to the
/// output when a piece does not fit) or to a [`Fast`] cursor (which only notes that one did
/// not). Each object is written by one generic function, tried first as [`Fast`] (see
/// [`Sink::fast`]).
pub(super) trait Put {
    /// Writes `b` (a constant after inlining, so the copy is a few stores).
    fn put(&mut self, b: &[u8]);
    /// Writes `n` in decimal.
    fn num(&mut self, n: usize);
    /// Writes `key` (a constant) and `n` after it.
    fn key_num(&mut self, key: &[u8], n: usize);
    /// Writes `s`, a name the program defines (a label, severity or kind: none of its bytes
    /// to escape, tested for every value in `escape::tests`), in quotation marks.
    fn name(&mut self, s: &'static str);
    /// Writes `s` as a JSON string, escaped as [`super::escape::string`] escapes it.
    fn string(&mut self, s: &[u8]);
    /// [`Self::string`] of a text usually longer than 32 bytes: straight to the block escape.
    fn string_long(&mut self, s: &[u8]);
    /// `open` (a constant ending with `"`), the escaped bytes of `s` and `close` (a constant
    /// starting with `"`): [`Self::string_long`] between two constants, each joined to a
    /// quotation mark (issue 6: two pieces fewer per sentence).
    fn string_long_in(&mut self, open: &[u8], s: &[u8], close: &[u8]);
    /// Writes `key` (one of a few constants, padded) and `n` after it.
    fn key_num_padded(&mut self, key: &Padded, n: usize);

    /// A [`Block`] of `N` bytes at the cursor (see [`fixed`]), `None` when the writer has no
    /// such room or writes otherwise (the [`Sink`]).
    #[inline(always)]
    fn window<const N: usize>(&mut self) -> Option<Block<'_, N>> {
        None
    }

    /// Moves the cursor past `n` bytes a [`Block`] from [`Self::window`] wrote.
    #[inline(always)]
    fn advance(&mut self, _n: usize) {}

    #[inline(always)]
    fn str(&mut self, s: &str) {
        self.string(s.as_bytes());
    }

    /// A number or `null`.
    #[inline(always)]
    fn opt_num(&mut self, n: Option<usize>) {
        match n {
            Some(n) => self.num(n),
            None => self.put(b"null"),
        }
    }

    /// Writes `b` as it is (escaped JSON kept from before).
    #[inline(always)]
    fn raw(&mut self, b: &[u8]) {
        self.put(b);
    }
}

/// [`Put::put`] at `p` in `buf`: the position after it, `None` when it does not fit.
#[inline(always)]
fn try_put(buf: &mut [u8], p: usize, b: &[u8]) -> Option<usize> {
    buf.get_mut(p..p + b.len())?.copy_from_slice(b);
    Some(p + b.len())
}

/// [`Put::num`] at `p` in `buf`.
#[inline(always)]
fn try_num(buf: &mut [u8], p: usize, n: usize) -> Option<usize> {
    let d = buf.get_mut(p..)?.first_chunk_mut::<DIGITS>()?;
    Some(p + digits_into(d, n))
}

/// [`Put::key_num`] at `p` in `buf`, after one bounds test.
#[inline(always)]
fn try_key_num(buf: &mut [u8], p: usize, key: &[u8], n: usize) -> Option<usize> {
    let k = key.len();
    let (a, b) = buf.get_mut(p..p + k + DIGITS)?.split_at_mut_checked(k)?;
    let b = b.first_chunk_mut::<DIGITS>()?;
    a.copy_from_slice(key);
    Some(p + k + digits_into(b, n))
}

/// Bytes a [`Padded`] constant is copied in.
pub(super) const PAD: usize = 96;

/// A constant of at most [`PAD`] bytes at the front of a block of that size, copied whole (a
/// copy of fixed size whichever of a few constants it is, chosen from a table without a
/// branch), and its length.
pub(super) struct Padded {
    bytes: [u8; PAD],
    len: usize,
}

impl Padded {
    /// `s` padded (cut at [`PAD`] bytes: the tables' tests check every entry whole).
    pub(super) const fn new(s: &str) -> Self {
        let b = s.as_bytes();
        let mut bytes = [0u8; PAD];
        let len = if b.len() < PAD { b.len() } else { PAD };
        let mut i = 0;
        while i < len {
            bytes[i] = b[i];
            i += 1;
        }
        Padded { bytes, len }
    }

    /// The constant's bytes.
    pub(super) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

/// [`Put::key_num_padded`] at `p` in `buf`, after one bounds test.
#[inline(always)]
fn try_key_num_padded(buf: &mut [u8], p: usize, key: &Padded, n: usize) -> Option<usize> {
    let d = buf.get_mut(p..)?.first_chunk_mut::<{ PAD + DIGITS }>()?;
    d[..PAD].copy_from_slice(&key.bytes);
    let k = key.len;
    let b = d.get_mut(k..)?.first_chunk_mut::<DIGITS>()?;
    Some(p + k + digits_into(b, n))
}

/// [`Put::raw`] at `p` in `buf` for 8 to 64 bytes.
#[inline(always)]
fn try_raw(buf: &mut [u8], p: usize, b: &[u8]) -> Option<usize> {
    let n = b.len();
    let d = buf.get_mut(p..)?.first_chunk_mut::<64>()?;
    if let (Some(lo), Some(hi)) = (b.first_chunk::<32>(), b.last_chunk::<32>()) {
        d[..32].copy_from_slice(lo);
        d.get_mut(n - 32..n)?.copy_from_slice(hi);
    } else if let (Some(lo), Some(hi)) = (b.first_chunk::<16>(), b.last_chunk::<16>()) {
        d[..16].copy_from_slice(lo);
        d.get_mut(n - 16..n)?.copy_from_slice(hi);
    } else {
        // short rule ids (`"fragment"`): two overlapping words, not a `memcpy` call
        let (lo, hi) = (b.first_chunk::<8>()?, b.last_chunk::<8>()?);
        d[..8].copy_from_slice(lo);
        d.get_mut(n - 8..n)?.copy_from_slice(hi);
    }
    Some(p + n)
}

/// [`Put::raw`] at `p` in `buf` for 64 to 128 bytes (help texts): two overlapping halves.
#[inline(always)]
fn try_raw_128(buf: &mut [u8], p: usize, b: &[u8]) -> Option<usize> {
    let n = b.len();
    let d = buf.get_mut(p..)?.first_chunk_mut::<128>()?;
    let (lo, hi) = (b.first_chunk::<64>()?, b.last_chunk::<64>()?);
    if n > 128 {
        return None;
    }
    d[..64].copy_from_slice(lo);
    d.get_mut(n - 64..n)?.copy_from_slice(hi);
    Some(p + n)
}

/// [`Put::name`] at `p` in `buf` for names of four to sixteen bytes (two overlapping words).
#[inline(always)]
fn try_name(buf: &mut [u8], p: usize, s: &'static str) -> Option<usize> {
    let b = s.as_bytes();
    let n = b.len();
    let d = buf.get_mut(p..)?.first_chunk_mut::<18>()?;
    d[0] = b'"';
    if let (Some(lo), Some(hi)) = (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        d[1..9].copy_from_slice(lo);
        d.get_mut(n - 7..n + 1)?.copy_from_slice(hi);
    } else {
        let (lo, hi) = (b.first_chunk::<4>()?, b.last_chunk::<4>()?);
        d[1..5].copy_from_slice(lo);
        d.get_mut(n - 3..n + 1)?.copy_from_slice(hi);
    }
    *d.get_mut(n + 1)? = b'"';
    Some(p + n + 2)
}

/// [`Put::string`] at `p` in `buf` for up to 32 bytes with none to escape.
#[inline(always)]
fn try_short(buf: &mut [u8], p: usize, s: &[u8]) -> Option<usize> {
    let d = buf.get_mut(p..)?.first_chunk_mut::<SHORT>()?;
    Some(p + short_clean(d, s)?)
}

/// A cursor in a buffer that writes as long as the pieces fit and notes when one did not
/// (`over`; what it wrote is then to be thrown away). Its fields are locals of the function
/// that writes an object (the buffer a `&mut` of its own), so the position stays in a
/// register (issue 6: through a `&mut Vec` or a `&mut Sink`, each piece loaded and stored the
/// length, since a byte store may alias it).
pub(super) struct Fast<'b> {
    buf: &'b mut [u8],
    pos: usize,
    over: bool,
}

impl<'b> Fast<'b> {
    /// Writes with `f` into `buf` from `pos` through a cursor that is a local of the caller
    /// (kept in registers once `f` is inlined: issue 6, through a `&mut Fast` argument each
    /// piece loaded the buffer and stored the position again): the position after what `f`
    /// wrote, `None` when a piece did not fit.
    #[inline(always)]
    pub(super) fn run(
        buf: &'b mut [u8],
        pos: usize,
        f: impl FnOnce(&mut Fast<'b>),
    ) -> Option<usize> {
        let mut w = Fast {
            buf,
            pos,
            over: false,
        };
        f(&mut w);
        (!w.over).then_some(w.pos)
    }
}

impl Put for Fast<'_> {
    #[inline(always)]
    fn put(&mut self, b: &[u8]) {
        match try_put(self.buf, self.pos, b) {
            Some(p) => self.pos = p,
            None => self.over = true,
        }
    }

    #[inline(always)]
    fn num(&mut self, n: usize) {
        match try_num(self.buf, self.pos, n) {
            Some(p) => self.pos = p,
            None => self.over = true,
        }
    }

    #[inline(always)]
    fn key_num(&mut self, key: &[u8], n: usize) {
        match try_key_num(self.buf, self.pos, key, n) {
            Some(p) => self.pos = p,
            None => self.over = true,
        }
    }

    #[inline(always)]
    fn name(&mut self, s: &'static str) {
        match try_name(self.buf, self.pos, s) {
            Some(p) => self.pos = p,
            None => self.string(s.as_bytes()),
        }
    }

    #[inline(always)]
    fn string(&mut self, s: &[u8]) {
        match try_short(self.buf, self.pos, s) {
            Some(p) => self.pos = p,
            None => self.string_long(s),
        }
    }

    /// Up to 64 bytes as two overlapping copies of fixed size, not a `memcpy` call (rule
    /// ids, messages).
    #[inline(always)]
    fn raw(&mut self, b: &[u8]) {
        match try_raw(self.buf, self.pos, b) {
            Some(p) => self.pos = p,
            None => self.put(b),
        }
    }

    #[inline(always)]
    fn string_long(&mut self, s: &[u8]) {
        self.put(b"\"");
        let room = self.buf.get_mut(self.pos..).unwrap_or_default();
        let (done, wrote) = escape_into(room, s);
        self.pos += wrote;
        if done < s.len() {
            self.over = true;
        }
        self.put(b"\"");
    }

    #[inline(always)]
    fn string_long_in(&mut self, open: &[u8], s: &[u8], close: &[u8]) {
        self.put(open);
        let room = self.buf.get_mut(self.pos..).unwrap_or_default();
        let (done, wrote) = escape_into(room, s);
        self.pos += wrote;
        if done < s.len() {
            self.over = true;
        }
        self.put(close);
    }

    #[inline(always)]
    fn key_num_padded(&mut self, key: &Padded, n: usize) {
        match try_key_num_padded(self.buf, self.pos, key, n) {
            Some(p) => self.pos = p,
            None => self.over = true,
        }
    }

    #[inline(always)]
    fn window<const N: usize>(&mut self) -> Option<Block<'_, N>> {
        let d = self.buf.get_mut(self.pos..)?.first_chunk_mut::<N>()?;
        Some(Block {
            d,
            q: 0,
            bad: false,
        })
    }

    #[inline(always)]
    fn advance(&mut self, n: usize) {
        self.pos += n;
    }
}

/// Something written as one piece of fixed greatest size: constant keys, numbers, names and
/// short strings (see [`fixed`]).
pub(super) trait Body {
    /// Writes the piece to `w`.
    fn write(&mut self, w: &mut impl Put);
}

/// Writes `body` into a [`Block`] of `N` bytes at the cursor (one bounds test for all its
/// pieces), or piece by piece when there is no such room or the body wrote more than half the
/// block or a piece the block does not take (what the block wrote is then written over).
#[inline(always)]
pub(super) fn fixed<const N: usize>(w: &mut impl Put, body: &mut impl Body) {
    if let Some(mut b) = w.window::<N>() {
        body.write(&mut b);
        if let Some(n) = b.end() {
            w.advance(n);
            return;
        }
    }
    body.write(w);
}

/// A window of `N` bytes of the buffer (`N` a power of two) written at `q` without a bounds
/// test per piece: each piece goes at `q` masked to the first half, so its end is known to be
/// inside the window (issue 6: a test and a branch per key and number of a quarter million).
/// The body is good when it wrote at most half the window (then no piece was masked) and
/// every piece was one the block takes.
pub(super) struct Block<'b, const N: usize> {
    d: &'b mut [u8; N],
    q: usize,
    bad: bool,
}

impl<const N: usize> Block<'_, N> {
    /// Where the next piece goes: `q` in the first half of the window.
    #[inline(always)]
    fn at(&self) -> usize {
        self.q & (N / 2 - 1)
    }

    /// The bytes written, `None` when they are not all good.
    #[inline(always)]
    fn end(self) -> Option<usize> {
        (!self.bad && self.q <= N / 2).then_some(self.q)
    }

    /// Notes the result of a piece: its length, `None` when it was not taken.
    #[inline(always)]
    fn step(&mut self, n: Option<usize>) {
        match n {
            Some(n) => self.q += n,
            None => self.bad = true,
        }
    }
}

impl<const N: usize> Put for Block<'_, N> {
    #[inline(always)]
    fn put(&mut self, b: &[u8]) {
        let i = self.at();
        let n = try_put(self.d, i, b).map(|_| b.len());
        self.step(n);
    }

    #[inline(always)]
    fn num(&mut self, n: usize) {
        let i = self.at();
        let n = try_num(self.d, i, n).map(|p| p - i);
        self.step(n);
    }

    #[inline(always)]
    fn key_num(&mut self, key: &[u8], n: usize) {
        let i = self.at();
        let n = try_key_num(self.d, i, key, n).map(|p| p - i);
        self.step(n);
    }

    #[inline(always)]
    fn name(&mut self, s: &'static str) {
        let i = self.at();
        let n = try_name(self.d, i, s).map(|p| p - i);
        self.step(n);
    }

    #[inline(always)]
    fn string(&mut self, s: &[u8]) {
        let i = self.at();
        match try_short(self.d, i, s) {
            Some(p) => self.q += p - i,
            None => self.string_long(s),
        }
    }

    /// Up to 128 bytes as overlapping copies of fixed size (messages and help texts).
    #[inline(always)]
    fn raw(&mut self, b: &[u8]) {
        let i = self.at();
        let n = if b.len() > 64 {
            try_raw_128(self.d, i, b)
        } else {
            try_raw(self.d, i, b)
        };
        self.step(n.map(|p| p - i));
    }

    /// Escaped into the rest of the window (longer names of sources): not good when it does
    /// not fit there.
    #[inline(never)]
    fn string_long(&mut self, s: &[u8]) {
        let i = self.at();
        let room = self.d.get_mut(i..).unwrap_or_default();
        let (done, wrote) = match room.split_first_mut() {
            Some((q, rest)) => {
                *q = b'"';
                escape_into(rest, s)
            }
            None => (0, 0),
        };
        match self.d.get_mut(i + 1 + wrote) {
            Some(q) if done == s.len() => {
                *q = b'"';
                self.q += wrote + 2;
            }
            _ => self.bad = true,
        }
    }

    #[inline(always)]
    fn string_long_in(&mut self, _open: &[u8], _s: &[u8], _close: &[u8]) {
        self.bad = true;
    }

    #[inline(always)]
    fn key_num_padded(&mut self, key: &Padded, n: usize) {
        let i = self.at();
        let n = try_key_num_padded(self.d, i, key, n).map(|p| p - i);
        self.step(n);
    }
}

/// A cursor in a buffer whose bytes before `pos` are output not written yet. A piece that does
/// not fit sends those bytes to `out` first (the first error is kept, see [`Sink::finish`]).
pub(super) struct Sink<'a> {
    buf: &'a mut [u8],
    pos: usize,
    out: &'a mut dyn Write,
    failed: Option<io::Error>,
}

impl<'a> Sink<'a> {
    /// A sink writing into `buf` after its first `pos` bytes (output held from before).
    pub(super) fn new(buf: &'a mut [u8], pos: usize, out: &'a mut dyn Write) -> Self {
        Sink {
            pos: pos.min(buf.len()),
            buf,
            out,
            failed: None,
        }
    }

    /// The bytes held (at the front of the buffer, to be written by the next sink or by the
    /// caller), or the first error writing to the output.
    pub(super) fn finish(self) -> io::Result<usize> {
        match self.failed {
            Some(e) => Err(e),
            None => Ok(self.pos),
        }
    }

    /// Writes one object with `f` at the cursor (`f` gets the buffer and the position, and
    /// returns the position after the object, `None` when it did not fit: see [`Fast::run`]),
    /// and again on the whole buffer after a flush when it did not fit; `false` (the buffer
    /// flushed) when the object is larger than the buffer, for the caller to write through the
    /// sink.
    #[inline(always)]
    pub(super) fn fast(&mut self, mut f: impl FnMut(&mut [u8], usize) -> Option<usize>) -> bool {
        for _ in 0..2 {
            if let Some(p) = f(&mut *self.buf, self.pos) {
                self.pos = p;
                return true;
            }
            self.flush();
        }
        false
    }

    /// Sends the bytes held to the output.
    #[inline(never)]
    fn flush(&mut self) {
        if self.failed.is_none() && self.pos > 0 {
            if let Err(e) = self
                .out
                .write_all(self.buf.get(..self.pos).unwrap_or_default())
            {
                self.failed = Some(e);
            }
        }
        self.pos = 0;
    }

    /// [`Put::put`] when `b` does not fit: after a flush, or straight to the output.
    #[inline(never)]
    fn put_slow(&mut self, b: &[u8]) {
        self.flush();
        match self.buf.get_mut(..b.len()) {
            Some(d) => {
                d.copy_from_slice(b);
                self.pos = b.len();
            }
            None => {
                if self.failed.is_none() {
                    if let Err(e) = self.out.write_all(b) {
                        self.failed = Some(e);
                    }
                }
            }
        }
    }

    #[inline(never)]
    fn num_slow(&mut self, n: usize) {
        let mut d = [0u8; DIGITS];
        let len = digits_into(&mut d, n);
        self.put_slow(d.get(..len).unwrap_or_default());
    }

    /// [`Put::string_long`]: escaped in place a block at a time, in as many pieces as the
    /// buffer needs.
    #[inline(never)]
    fn string_pieces(&mut self, s: &[u8]) {
        self.put(b"\"");
        self.pieces(s);
        self.put(b"\"");
    }

    /// The escaped bytes of `s`, in as many pieces as the buffer needs.
    #[inline(never)]
    fn pieces(&mut self, s: &[u8]) {
        let mut rest = s;
        loop {
            let room = self.buf.get_mut(self.pos..).unwrap_or_default();
            let (done, wrote) = escape_into(room, rest);
            self.pos += wrote;
            rest = rest.get(done..).unwrap_or_default();
            if rest.is_empty() {
                break;
            }
            if done == 0 && self.pos == 0 {
                // a buffer too small for a step: escaped apart and written as it is
                let mut v = Vec::new();
                string_content(&mut v, rest);
                self.put_slow(&v);
                break;
            }
            self.flush();
        }
    }

    /// Room left before the buffer's end (for the tests).
    #[cfg(test)]
    fn room(&self) -> usize {
        self.buf.len() - self.pos
    }
}

impl Put for Sink<'_> {
    #[inline(always)]
    fn put(&mut self, b: &[u8]) {
        match try_put(self.buf, self.pos, b) {
            Some(p) => self.pos = p,
            None => self.put_slow(b),
        }
    }

    #[inline(always)]
    fn num(&mut self, n: usize) {
        match try_num(self.buf, self.pos, n) {
            Some(p) => self.pos = p,
            None => self.num_slow(n),
        }
    }

    #[inline(always)]
    fn key_num(&mut self, key: &[u8], n: usize) {
        match try_key_num(self.buf, self.pos, key, n) {
            Some(p) => self.pos = p,
            None => {
                self.put_slow(key);
                self.num(n);
            }
        }
    }

    #[inline(always)]
    fn name(&mut self, s: &'static str) {
        match try_name(self.buf, self.pos, s) {
            Some(p) => self.pos = p,
            None => self.string(s.as_bytes()),
        }
    }

    #[inline(always)]
    fn string(&mut self, s: &[u8]) {
        match try_short(self.buf, self.pos, s) {
            Some(p) => self.pos = p,
            None => self.string_pieces(s),
        }
    }

    #[inline(always)]
    fn string_long(&mut self, s: &[u8]) {
        self.string_pieces(s);
    }

    #[inline(always)]
    fn string_long_in(&mut self, open: &[u8], s: &[u8], close: &[u8]) {
        self.put(open);
        self.pieces(s);
        self.put(close);
    }

    #[inline(always)]
    fn key_num_padded(&mut self, key: &Padded, n: usize) {
        match try_key_num_padded(self.buf, self.pos, key, n) {
            Some(p) => self.pos = p,
            None => {
                self.put_slow(key.as_bytes());
                self.num(n);
            }
        }
    }
}

/// `s` in quotation marks at the front of `d` when it is at most 32 bytes with none to escape:
/// returns the bytes written, `None` (and `d` written over) otherwise.
#[inline(always)]
fn short_clean(d: &mut [u8; SHORT], s: &[u8]) -> Option<usize> {
    let n = s.len();
    if short_special(s)? {
        return None;
    }
    d[0] = b'"';
    if let (Some(lo), Some(hi)) = (s.first_chunk::<16>(), s.last_chunk::<16>()) {
        d[1..17].copy_from_slice(lo);
        d.get_mut(n - 15..n + 1)?.copy_from_slice(hi);
    } else if let (Some(lo), Some(hi)) = (s.first_chunk::<8>(), s.last_chunk::<8>()) {
        d[1..9].copy_from_slice(lo);
        d.get_mut(n - 7..n + 1)?.copy_from_slice(hi);
    } else if let (Some(lo), Some(hi)) = (s.first_chunk::<4>(), s.last_chunk::<4>()) {
        d[1..5].copy_from_slice(lo);
        d.get_mut(n - 3..n + 1)?.copy_from_slice(hi);
    } else {
        // zero to three bytes
        for (a, b) in d[1..4].iter_mut().zip(s) {
            *a = *b;
        }
    }
    *d.get_mut(n + 1)? = b'"';
    Some(n + 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::escape::string;
    use proptest::prelude::*;

    /// What a sink with a buffer of `cap` bytes (`held` of them taken before) writes for
    /// `f`, with the held bytes in front.
    fn through(cap: usize, held: usize, f: impl FnOnce(&mut Sink)) -> Vec<u8> {
        let mut buf = vec![b'h'; cap];
        let mut out = Vec::new();
        let mut s = Sink::new(&mut buf, held, &mut out);
        f(&mut s);
        let rest = s.finish().unwrap();
        out.extend_from_slice(&buf[..rest]);
        out
    }

    fn strings() -> impl Strategy<Value = String> {
        prop_oneof![
            "[ab\"\\\\\u{0}-\u{1f}\u{7f}é😀]{0,40}",
            "[a-z \"]{0,200}",
            any::<String>(),
            (0usize..80, "[\"\\\\\n\u{1}é]").prop_map(|(n, c)| format!("{}{c}", "x".repeat(n))),
        ]
    }

    proptest! {
        /// Strings, names and numbers through a sink of any size, from any place in it, are
        /// the bytes `escape::string` and `Display` write.
        #[test]
        fn sink_writes_what_the_appends_write(
            items in prop::collection::vec((strings(), any::<usize>(), 0u32..64), 0..12),
            cap in prop_oneof![Just(1usize << 16), 0usize..300],
            held in 0usize..300,
        ) {
            let held = held.min(cap);
            let mut want = vec![b'h'; held];
            for (s, n, k) in &items {
                string(&mut want, s);
                want.extend_from_slice((n >> k).to_string().as_bytes());
                want.extend_from_slice(b",\n          \"key\": ");
                want.extend_from_slice((n >> k).to_string().as_bytes());
                want.extend_from_slice(b"null");
                want.extend_from_slice(s.as_bytes());
            }
            // through the sink, and (each item as an object) through the fast cursor
            fn item(w: &mut impl Put, s: &str, n: usize) {
                w.str(s);
                w.num(n);
                w.key_num(b",\n          \"key\": ", n);
                w.opt_num(None);
                w.raw(s.as_bytes());
            }
            let got = through(cap, held, |w| {
                for (s, n, k) in &items {
                    item(w, s, n >> k);
                }
            });
            prop_assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want));
            let got = through(cap, held, |w| {
                for (s, n, k) in &items {
                    if !w.fast(|b, p| Fast::run(b, p, |o| item(o, s, n >> k))) {
                        item(w, s, n >> k);
                    }
                }
            });
            prop_assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want));
        }
    }

    /// The pieces of [`sink_writes_what_the_appends_write`] as one [`Body`].
    struct Items<'a>(&'a [(String, usize, u32)]);

    impl Body for Items<'_> {
        fn write(&mut self, w: &mut impl Put) {
            for (s, n, k) in self.0 {
                w.str(s);
                w.num(n >> k);
                w.key_num(b",\n          \"key\": ", n >> k);
                w.key_num_padded(&Padded::new(",\n  \"padded\": "), n >> k);
                w.opt_num(None);
                w.opt_num(Some(*n));
                w.name("warning");
                w.raw(s.as_bytes());
            }
        }
    }

    proptest! {
        /// Pieces written in a window of each size ([`fixed`]: good, too long for it, or a
        /// piece it does not take), through the sink and the fast cursor, from any place in a
        /// buffer of any size, are the bytes the appends write.
        #[test]
        fn windows_write_what_the_appends_write(
            items in prop::collection::vec((strings(), any::<usize>(), 0u32..64), 0..6),
            cap in prop_oneof![Just(1usize << 16), 0usize..3000],
            held in 0usize..3000,
        ) {
            let held = held.min(cap);
            let mut want = vec![b'h'; held];
            for (s, n, k) in &items {
                string(&mut want, s);
                want.extend_from_slice((n >> k).to_string().as_bytes());
                want.extend_from_slice(b",\n          \"key\": ");
                want.extend_from_slice((n >> k).to_string().as_bytes());
                want.extend_from_slice(b",\n  \"padded\": ");
                want.extend_from_slice((n >> k).to_string().as_bytes());
                want.extend_from_slice(b"null");
                want.extend_from_slice(n.to_string().as_bytes());
                want.extend_from_slice(b"\"warning\"");
                want.extend_from_slice(s.as_bytes());
            }
            fn all<const N: usize>(w: &mut Sink, items: &[(String, usize, u32)]) {
                if !w.fast(|b, p| Fast::run(b, p, |o| fixed::<N>(o, &mut Items(items)))) {
                    fixed::<N>(w, &mut Items(items));
                }
            }
            for got in [
                through(cap, held, |w| all::<64>(w, &items)),
                through(cap, held, |w| all::<256>(w, &items)),
                through(cap, held, |w| all::<2048>(w, &items)),
            ] {
                prop_assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want));
            }
        }
    }

    /// Every special byte at every place of strings of every length up to 100, at every
    /// distance from the buffer's end.
    #[test]
    fn every_special_at_every_place() {
        for len in 0..100 {
            for at in 0..len.max(1) {
                for c in [b'"', b'\\', b'\n', 0x1f, 0x01, b'a'] {
                    let mut s = vec![b'x'; len];
                    if let Some(b) = s.get_mut(at) {
                        *b = c;
                    }
                    let s = String::from_utf8(s).unwrap();
                    let mut want = Vec::new();
                    string(&mut want, &s);
                    for room in [0, 1, 33, 37, 38, 39, 40, 60, 200, 1000] {
                        let got = through(room, 0, |w| w.str(&s));
                        assert_eq!(got, want, "{s:?} in {room}");
                        let got = through(room, 0, |w| {
                            if !w.fast(|b, p| Fast::run(b, p, |o| o.str(&s))) {
                                w.str(&s);
                            }
                        });
                        assert_eq!(got, want, "{s:?} in {room}, fast");
                    }
                }
            }
        }
    }

    /// Every name the report writes goes through the fixed copies as `string` writes it.
    #[test]
    fn names_are_strings() {
        let names = [
            "info",
            "none",
            "error",
            "warning",
            "reported",
            "attributed",
            "unattributed",
            "named-person",
            "organisation",
            "a",
            "",
            "sixteen-bytes-ok",
            "seventeen-bytes-x",
        ];
        for n in names {
            let mut want = Vec::new();
            string(&mut want, n);
            for held in [0, 5, 50, 90] {
                let got = through(100, held, |w| w.name(n));
                assert_eq!(&got[held..], &want[..], "{n:?}");
                let got = through(100, held, |w| {
                    assert!(w.fast(|b, p| Fast::run(b, p, |o| o.name(n))))
                });
                assert_eq!(&got[held..], &want[..], "{n:?}");
            }
        }
        let mut buf = vec![0; 64];
        let mut out = Vec::new();
        let s = Sink::new(&mut buf, 10, &mut out);
        assert_eq!(s.room(), 54);
    }
}
