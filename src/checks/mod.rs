//! Editorial checks: findings an editor should fix, built on the labels.
//!
//! Each check is one file under `rules/checks/` (metadata, severity, word lists, examples) and
//! one module here (the logic). [`run`] applies every enabled check to one document.

mod allegation;
mod anonymous;
mod ctx;
mod figures;
mod finding;
mod hedge;
mod index;
mod lists;
mod load;
mod load_error;
mod loaded;
mod mental;
mod numbers;
pub mod phrases;
mod quotes;
mod single;
mod stream;
mod unattributed;
mod vague;

pub use ctx::Ctx;
pub use finding::{Finding, Severity, Shared};
pub use index::Hits;
pub(crate) use index::Presence;
#[cfg(test)]
pub(crate) use lists::{LEDGER_KINDS, LEDGER_WORDS};
pub use load::{CheckDef, CheckSet, TestCase};

use crate::classify::Classification;
use crate::document::Document;
use crate::ledger::Ledger;
use crate::segment::Segmentation;
use crate::span::Span;

/// Runs every enabled check on one document. Findings come in document order.
pub fn run(
    doc: &Document,
    seg: &Segmentation,
    labels: &[Classification],
    checks: &CheckSet,
) -> Vec<Finding> {
    let ledger = crate::ledger::build(doc, seg, labels, checks);
    run_with_ledger(doc, seg, labels, checks, &ledger)
}

/// [`run`] with a ledger already built for the same document.
pub fn run_with_ledger(
    doc: &Document,
    seg: &Segmentation,
    labels: &[Classification],
    checks: &CheckSet,
    ledger: &Ledger,
) -> Vec<Finding> {
    run_with_hits(doc, seg, labels, checks, ledger, None)
}

/// [`run_with_ledger`] with the matches of the checks' word lists in the document's text when
/// they were found already ([`CheckSet::scan_along`]).
pub fn run_with_hits(
    doc: &Document,
    seg: &Segmentation,
    labels: &[Classification],
    checks: &CheckSet,
    ledger: &Ledger,
    hits: Option<Hits>,
) -> Vec<Finding> {
    let ctx = Ctx::with_hits(doc, seg, labels, checks, hits);
    // room for the findings of a short document at once (issue 6: the records grew a few
    // times in every document); a long one's grow as they come
    let mut out = Out {
        raws: Vec::with_capacity((seg.sentences.len() + 8).min(512)),
        check: 0,
        rank: 0,
    };
    // the enabled checks' definitions, in place (issue 6: a vector per document)
    let mut defs: [Option<&CheckDef>; CHECKS.len()] = [None; CHECKS.len()];
    let mut enabled = 0;
    for (k, (id, f)) in CHECKS.iter().enumerate() {
        if let Some(def) = checks.enabled(id) {
            out.check = u8::try_from(enabled).unwrap_or(u8::MAX);
            out.rank = check_ranks().get(k).copied().unwrap_or(0);
            if let Some(slot) = defs.get_mut(enabled) {
                *slot = Some(def);
            }
            enabled += 1;
            f(&ctx, def, ledger, &mut out);
        }
    }
    // the checks' intermediates go before the findings take their full size (their buffers
    // kept for the next document on this thread)
    ctx.recycle();
    out.finish(&defs)
}

/// A check's logic.
type CheckFn = fn(&Ctx, &CheckDef, &Ledger, &mut Out);

/// Every check by rule id, in the order they run.
const CHECKS: [(&str, CheckFn); 11] = [
    ("unattributed-claim", unattributed::check),
    ("anonymous-source", anonymous::check),
    ("vague-source", vague::check),
    ("hedge-only", hedge::check),
    ("allegation-without-accuser", allegation::check),
    ("loaded-verb", loaded::check),
    ("mental-state", mental::check),
    ("figure-conflict", figures::check),
    ("unbalanced-quotation", quotes::check_unbalanced),
    ("quote-without-speaker", quotes::check_speaker),
    ("single-source", single::check),
];

/// Per check of [`CHECKS`], the place of its rule id among theirs in string order: findings
/// at one span come in the order of their rule ids, and a check's definition has the id it
/// is enabled by (issue 6: ranking the ids of every document's checks was a thousand
/// string comparisons a file, and the sort looked each rank up in a table).
fn check_ranks() -> &'static [u8; CHECKS.len()] {
    static RANKS: std::sync::OnceLock<[u8; CHECKS.len()]> = std::sync::OnceLock::new();
    RANKS.get_or_init(|| {
        let mut ranks = [0u8; CHECKS.len()];
        for (r, (id, _)) in ranks.iter_mut().zip(CHECKS.iter()) {
            let below = CHECKS.iter().filter(|(other, _)| other < id).count();
            *r = u8::try_from(below).unwrap_or(u8::MAX);
        }
        ranks
    })
}

/// A finding as a check records it (issue 6: memory on one huge file): the check, the level,
/// the span, the sentence and the message, which for unattributed-claim is a set of reasons
/// rendered only when the findings are handed out. [`Out::finish`] turns them into
/// [`Finding`]s.
struct Raw {
    span: Span,
    message: Message,
    /// The sentence index, [`NO_SENTENCE`] for none. 32 bits keep a record at 48 bytes (was
    /// 56; the records of a 95 MB file's findings are held at its peak memory): a document
    /// with 2^32 sentences would need far more memory than any machine has for its sentences
    /// alone, so no index is lost.
    sentence: u32,
    /// Index of the check's definition in the list [`Out::finish`] is given.
    check: u8,
    /// The place of the check's rule id in string order ([`check_ranks`]).
    rank: u8,
    raised: bool,
}

const NO_SENTENCE: u32 = u32::MAX;

/// The message of a finding, kept compact until it is rendered.
pub(crate) enum Message {
    Static(&'static str),
    Text(Box<str>),
    /// unattributed-claim: the reasons it is raised for (see `unattributed::message`).
    Unattributed(u8),
}

impl From<String> for Message {
    fn from(s: String) -> Self {
        Message::Text(s.into_boxed_str())
    }
}

impl From<&'static str> for Message {
    fn from(s: &'static str) -> Self {
        Message::Static(s)
    }
}

impl Message {
    fn render(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Message::Static(s) => std::borrow::Cow::Borrowed(s),
            Message::Text(s) => std::borrow::Cow::Borrowed(s),
            Message::Unattributed(bits) => std::borrow::Cow::Owned(unattributed::message(*bits)),
        }
    }
}

/// Where the checks put their findings.
#[derive(Default)]
pub(crate) struct Out {
    raws: Vec<Raw>,
    /// The check running now, and its rank ([`check_ranks`]).
    check: u8,
    rank: u8,
}

impl Out {
    /// Records a finding of the running check at `span` in sentence `sentence`, at the raised
    /// level when `raised`.
    pub(crate) fn push(
        &mut self,
        raised: bool,
        span: Span,
        sentence: Option<usize>,
        message: impl Into<Message>,
    ) {
        self.raws.push(Raw {
            span,
            message: message.into(),
            sentence: sentence
                .and_then(|i| u32::try_from(i).ok())
                .unwrap_or(NO_SENTENCE),
            check: self.check,
            rank: self.rank,
            raised,
        });
    }

    /// The findings in document order (by span, then rule id, then message), built whole;
    /// `defs[i]` is the definition of check `i` of the records ([`Out::check`]).
    fn finish(self, defs: &[Option<&CheckDef>]) -> Vec<Finding> {
        let mut raws = self.raws;
        // the rule ids' order as numbers (issue 6: comparing the id strings was most of the
        // sort); unstable: no scratch buffer of half the findings; a check gives one finding
        // per span, so the key is unique in practice, and the message breaks any tie
        // deterministically
        sort_records(&mut raws);
        // last first, so that the records can be popped in order
        raws.reverse();
        // one shared rule id and help per check (its definition's), one shared string per
        // distinct message
        let mut cache = MessageCache::default();
        let mut out = Vec::with_capacity(raws.len());
        while let Some(r) = raws.pop() {
            // give the records' memory back as the findings take theirs
            if raws.len().is_multiple_of(8192) {
                raws.shrink_to_fit();
            }
            let i = usize::from(r.check);
            let Some(def) = defs.get(i).copied().flatten() else {
                continue;
            };
            let (id, help) = def.shared();
            let sentence = (r.sentence != NO_SENTENCE).then_some(r.sentence as usize);
            out.push(Finding {
                rule: id.clone(),
                severity: if r.raised {
                    def.raised_severity
                } else {
                    def.severity
                },
                message: cache.get(r.message),
                help: Some(help.clone()),
                span: r.span,
                sentence,
                suppressed: None,
            });
        }
        out
    }
}

/// The order of the findings: by span, then rule id ([`check_ranks`]), then message.
fn record_order(a: &Raw, b: &Raw) -> std::cmp::Ordering {
    (a.span.start, a.span.end, a.rank)
        .cmp(&(b.span.start, b.span.end, b.rank))
        .then_with(|| a.message.render().cmp(&b.message.render()))
}

/// Sorts the records by [`record_order`].
fn sort_records(raws: &mut [Raw]) {
    // The records come check by check, each check's in document order: a few sorted runs,
    // which the stable sort merges where the unstable one sorts them all over again
    // (issue 6: most of the cost of `finish`). When each check's spans rise strictly, no
    // two records are equal in the order (two checks' differ in rank, two of one check's in
    // span): then it is a strict total order, the sorted sequence is the only one, and both
    // sorts give it. (The records come check by check: `Out::check` rises as the checks
    // run.) A document with many findings keeps the unstable sort (the stable one takes a
    // scratch buffer as long as the records).
    if raws.len() <= STABLE_SORT_MAX && rising_per_check(raws) {
        raws.sort_by(record_order);
    } else {
        raws.sort_unstable_by(record_order);
    }
}

/// The most records [`Out::finish`] sorts with the stable sort (its scratch buffer is as long
/// as the records: 768 KiB at most).
const STABLE_SORT_MAX: usize = 16_384;

/// Whether the records come check by check (their check's index never falls) and the spans
/// of each check's records rise strictly (by start, then end).
fn rising_per_check(raws: &[Raw]) -> bool {
    raws.windows(2).all(|w| match w {
        [a, b] => {
            a.check < b.check
                || (a.check == b.check && (a.span.start, a.span.end) < (b.span.start, b.span.end))
        }
        _ => true,
    })
}

/// unattributed-claim's message for every set of its five reasons, built once per run and
/// shared by every file's findings (issue 6: two allocations and the message text per set of
/// reasons per file).
fn unattributed_messages() -> &'static [Shared] {
    static MESSAGES: std::sync::OnceLock<Vec<Shared>> = std::sync::OnceLock::new();
    MESSAGES.get_or_init(|| {
        (0..=u8::MAX >> 3)
            .map(|bits| Shared::from(unattributed::message(bits)))
            .collect()
    })
}

/// The shared strings of the messages already built in one [`Out::finish`]: fixed texts by
/// address, unattributed-claim's by its set of reasons. Messages built from the text (a quoted
/// word, a figure) are rarely repeated and get their own.
#[derive(Default)]
struct MessageCache {
    fixed: std::collections::HashMap<(usize, usize), Shared>,
    unattributed: std::collections::HashMap<u8, Shared>,
}

impl MessageCache {
    fn get(&mut self, m: Message) -> Shared {
        match m {
            Message::Static(s) => self
                .fixed
                .entry((s.as_ptr() as usize, s.len()))
                .or_insert_with(|| Shared::from(s))
                .clone(),
            Message::Text(s) => Shared::from(s),
            Message::Unattributed(bits) => match unattributed_messages().get(usize::from(bits)) {
                Some(m) => m.clone(),
                None => self
                    .unattributed
                    .entry(bits)
                    .or_insert_with(|| Shared::from(unattributed::message(bits)))
                    .clone(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testrng::Rng;

    /// Records as the checks push them: check by check, each check's spans rising (now and
    /// then not strictly, which keeps the unstable sort), spans shared between checks, and
    /// messages of every kind.
    fn records(rng: &mut Rng, n_checks: usize) -> Vec<Raw> {
        let mut raws = Vec::new();
        // half the time each check's spans rise strictly
        let strict = rng.below(2);
        for check in 0..n_checks {
            let (mut start, count) = (rng.below(30), rng.below(60));
            for _ in 0..count {
                start += strict + rng.below(4);
                let end = start + rng.below(3);
                let message = match rng.below(3) {
                    0 => Message::Static(["a", "b"][rng.below(2)]),
                    1 => Message::from(format!("m{}", rng.below(3))),
                    _ => Message::Unattributed(rng.below(32) as u8),
                };
                raws.push(Raw {
                    span: Span::new(start, end),
                    message,
                    sentence: rng.below(5) as u32,
                    check: check as u8,
                    rank: check_ranks()[check],
                    raised: rng.below(2) == 0,
                });
            }
        }
        raws
    }

    fn seen(raws: &[Raw]) -> Vec<(Span, u8, u8, u32, bool, String)> {
        raws.iter()
            .map(|r| {
                let m = r.message.render().into_owned();
                (r.span, r.rank, r.check, r.sentence, r.raised, m)
            })
            .collect()
    }

    /// The records are sorted as by the unstable sort of every record: on generated records,
    /// whether each check's spans rise strictly (the stable sort) or not.
    #[test]
    fn records_sort_as_by_the_unstable_sort() {
        let (mut stable, mut unstable) = (0, 0);
        for seed in 1..3000u64 {
            let n_checks = 1 + (seed as usize % CHECKS.len());
            let mut a = records(&mut Rng::new(seed), n_checks);
            let mut b = records(&mut Rng::new(seed), n_checks);
            if rising_per_check(&a) {
                stable += 1;
            } else {
                unstable += 1;
            }
            sort_records(&mut a);
            b.sort_unstable_by(record_order);
            assert_eq!(seen(&a), seen(&b), "{seed}");
        }
        assert!(stable > 300 && unstable > 300, "{stable} {unstable}");
    }
}
