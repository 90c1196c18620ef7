//! Markup tags left in plain text (`<p>`, `</b>`, `<br/>`, escaped `&lt;b&gt;`), pasted from a
//! web page or an export: at the edges of a sentence they are layout, not prose. Inside a
//! sentence they stay, since inline markup never splits one.

/// Longest tag looked at, in bytes.
const TAG_MAX: usize = 256;

const LT: &[u8] = b"&lt;";
const GT: &[u8] = b"&gt;";

/// End of the tag (raw or escaped) that starts at `p`, if one does.
pub(super) fn tag_at(b: &[u8], p: usize) -> Option<usize> {
    let rest = b.get(p..)?;
    if rest.first() == Some(&b'<') {
        tag_body(b, p + 1, b">")
    } else if rest.starts_with(LT) {
        tag_body(b, p + LT.len(), GT)
    } else {
        None
    }
}

/// End of the closing tag (`</b>`, `&lt;/b&gt;`) that starts at `p`, if one does.
pub(super) fn closing_tag_at(b: &[u8], p: usize) -> Option<usize> {
    let rest = b.get(p..)?;
    if rest.starts_with(b"</") || rest.starts_with(b"&lt;/") {
        tag_at(b, p)
    } else {
        None
    }
}

/// Start of the tag (raw or escaped) that ends at `e`, if one does.
pub(super) fn tag_before(b: &[u8], e: usize) -> Option<usize> {
    let head = b.get(..e)?;
    let lo = e.saturating_sub(TAG_MAX);
    let window = head.get(lo..)?;
    let start = if head.ends_with(b">") {
        lo + memchr::memrchr(b'<', window)?
    } else if head.ends_with(GT) {
        lo + memchr::memmem::rfind(window, LT)?
    } else {
        return None;
    };
    (tag_at(b, start) == Some(e)).then_some(start)
}

/// The rest of a tag after its opening `<` (at `p`): an optional `/`, a name that starts with
/// a letter, then `close` right away or after white space and attributes on the same line.
fn tag_body(b: &[u8], mut p: usize, close: &[u8]) -> Option<usize> {
    let lim = (p + TAG_MAX).min(b.len());
    if b.get(p) == Some(&b'/') {
        p += 1;
    }
    if !b.get(p).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    while b
        .get(p)
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b':' | b'-' | b'_'))
    {
        p += 1;
    }
    let closes = |p: usize| {
        b.get(p..).is_some_and(|r| {
            r.starts_with(close)
                || (r.starts_with(b"/") && r.get(1..).is_some_and(|r| r.starts_with(close)))
        })
    };
    if closes(p) {
        return Some(p + usize::from(b.get(p) == Some(&b'/')) + close.len());
    }
    if !matches!(b.get(p), Some(b' ' | b'\t')) {
        return None;
    }
    while p < lim {
        match b.get(p) {
            Some(b'<' | b'\n' | b'\r') | None => return None,
            _ if b.get(p..).is_some_and(|r| r.starts_with(close)) => {
                return Some(p + close.len());
            }
            _ => p += 1,
        }
    }
    None
}
