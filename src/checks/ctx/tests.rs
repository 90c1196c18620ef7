//! Tests of the per-document facts the checks share: lists never found, sentence sets, edges.

use super::*;

/// Whenever a list is said never to occur in a sentence or a part outside quotations, no
/// search of it there finds anything (every list of every check, on their examples and on
/// texts whose quotation marks stand inside words).
#[test]
fn lists_never_in_sentences_are_found_in_none() {
    let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
    let set = &checker.checks;
    let mut texts = set.example_texts();
    texts.push("Officials reportedly\"said\"the plan was allegedly late. He believes it.".into());
    texts.push("The plan x\"reportedly y\" failed, sources said.".into());
    texts.push("Nothing of note happened at the council on Tuesday.".into());
    let (mut never, mut found) = (0, 0);
    for text in &texts {
        let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.clone());
        let seg = crate::segment::segment(&doc);
        let labels = crate::classify::classify(&doc, &seg, &checker.rules);
        let ctx = Ctx::new(&doc, &seg, &labels, set);
        for list in set.defs().iter().flat_map(|d| d.lists.values()) {
            let spans = (0..seg.sentences.len()).flat_map(|i| {
                std::iter::once(ctx.sentence(i)).chain(ctx.outside_quotes(i).iter().copied())
            });
            let any = spans.clone().any(|s| ctx.any(list, s));
            if ctx.never_in_sentences(list) {
                never += 1;
                assert!(!any, "{text:?}");
                assert!(spans.clone().all(|s| ctx.find(list, s).next().is_none()));
            } else if any {
                found += 1;
            }
        }
    }
    assert!(never > 100 && found > 20, "{never} {found}");
}

/// Texts of news words, list words and odd characters (quotation marks inside words, curly
/// apostrophes, other scripts), for the tests that compare a fast path with plain searches.
fn generated_texts(set: &CheckSet, count: usize) -> Vec<String> {
    let mut words: Vec<String> = set
        .defs()
        .iter()
        .flat_map(|d| d.lists.values())
        .flat_map(|l| l.entries.iter().take(6).cloned())
        .collect();
    for w in [
        "Smith",
        "said",
        "the",
        "2,500",
        "nine",
        "x",
        "é",
        "北京",
        "e\u{301}",
        "O\u{2019}Brien",
    ] {
        words.push(w.to_string());
    }
    let mut rng = crate::testrng::Rng::new(0x5851_f42d_4c95_7f2d);
    (0..count)
        .map(|_| rng.text(&words, crate::testrng::ODD_GAPS, 120))
        .collect()
}

/// A sentence left out of a list's [`SentenceSet`] holds no match of the list, searched in the
/// sentence or in any of its parts outside quotations (every list of every check, on their
/// examples and generated texts).
#[test]
fn sentence_sets_leave_out_only_sentences_without_matches() {
    let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
    let set = &checker.checks;
    let mut texts = set.example_texts();
    texts.extend(generated_texts(set, 150));
    texts.push("Officials reportedly\"said\"the plan was allegedly late. He believes it.".into());
    texts.push(String::new());
    // documents of more than 256 sentences: their sets are kept on the heap
    let long = texts.join(" ");
    texts.push(long);
    let mut most = 0;
    let (mut out, mut kept) = (0, 0);
    for text in &texts {
        let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.clone());
        let seg = crate::segment::segment(&doc);
        let labels = crate::classify::classify(&doc, &seg, &checker.rules);
        let ctx = Ctx::new(&doc, &seg, &labels, set);
        most = most.max(seg.sentences.len());
        for list in set.defs().iter().flat_map(|d| d.lists.values()) {
            let within = ctx.sentences_with(list);
            for i in 0..seg.sentences.len() {
                let spans: Vec<Span> = std::iter::once(ctx.sentence(i))
                    .chain(ctx.outside_quotes(i).iter().copied())
                    .collect();
                let any = spans
                    .iter()
                    .any(|s| ctx.any(list, *s) || ctx.find(list, *s).next().is_some());
                if within.may(i) {
                    kept += usize::from(any);
                } else {
                    out += 1;
                    assert!(!any, "{text:?} sentence {i}");
                }
            }
        }
    }
    assert!(out > 10_000 && kept > 500, "{out} {kept}");
    assert!(most > 4 * 64, "{most}");
}

/// The edge test reads two ASCII bytes as decoding the characters around them does, at every
/// position of texts in several scripts (and past their ends).
#[test]
fn exact_edges_answer_as_decoded_boundaries() {
    let set = CheckSet::builtin().unwrap();
    let mut texts = generated_texts(&set, 100);
    texts.push("a é,北 1’s--x😀y\u{301}z\u{0}\t".to_string());
    for text in &texts {
        for i in 0..=text.len() + 2 {
            assert_eq!(
                exact_edge(text, i),
                text.is_char_boundary(i) && is_boundary(text, i),
                "{text:?} at {i}"
            );
        }
    }
}

/// The one pass over the sentences gives what the three passes it replaced gave (kept here as
/// the reference): quotations per sentence, parts outside them, blocks, edge bits and order,
/// on the checks' examples, generated texts and texts crowded with quotation marks.
#[test]
fn one_pass_gives_what_three_passes_gave() {
    let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
    let set = &checker.checks;
    let mut texts = set.example_texts();
    texts.extend(generated_texts(set, 150));
    texts.push(
        "\"A\" \"b\" said x\"y\"z.\n\n\"Open, she said. Then \u{201c}more\u{201d} came.".into(),
    );
    texts.push("\"a\" ".repeat(300) + "said the man.");
    texts.push("It was late.The next day came.\u{201c}Yes\u{201d}x said é.Étienne left.".into());
    texts.push("The vote (\"yes\")was 5-4.No\"one\"said\"so\".".into());
    let (mut quoted, mut cut, mut unordered) = (0, 0, 0);
    for text in &texts {
        let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.clone());
        let seg = crate::segment::segment(&doc);
        let labels = crate::classify::classify(&doc, &seg, &checker.rules);
        // also with sentences whose edges cut words and characters, and out of order
        let mut shifted = seg.clone();
        for s in &mut shifted.sentences {
            s.span = Span::new(
                s.span.start + 1,
                s.span.end.saturating_sub(2).max(s.span.start + 1),
            );
        }
        let mut reversed = seg.clone();
        reversed.sentences.reverse();
        for seg in [seg, shifted, reversed] {
            let ctx = Ctx::new(&doc, &seg, &labels, set);
            // the three passes as they were
            let n = seg.sentences.len();
            let mut quote_spans = Vec::new();
            let mut quote_at = vec![0u32];
            let mut first = 0;
            for s in &seg.sentences {
                while first < seg.quotes.len() && seg.quotes[first].span.end <= s.span.start {
                    first += 1;
                }
                let mut j = first;
                while j < seg.quotes.len() && seg.quotes[j].span.start < s.span.end {
                    let q = &seg.quotes[j];
                    if q.span.overlaps(s.span) {
                        quote_spans.push(q.span);
                    }
                    j += 1;
                    if j - first > 64 {
                        break;
                    }
                }
                quote_at.push(index32(quote_spans.len()));
            }
            let mut block_sentences = vec![0..0; doc.blocks.len()];
            for (i, s) in seg.sentences.iter().enumerate() {
                if let Some(r) = block_sentences.get_mut(s.block) {
                    if r.start == r.end {
                        *r = i..i + 1;
                    } else {
                        r.end = i + 1;
                    }
                }
            }
            let t = doc.text.as_str();
            let exact =
                |s: &Span| s.start <= s.end && exact_edge(t, s.start) && exact_edge(t, s.end);
            let mut part_spans = Vec::new();
            let mut part_at = vec![0u32];
            let mut bits = vec![0u64; n.div_ceil(64)];
            let (mut all_exact, mut ordered, mut last_end) = (true, true, 0);
            for (i, s) in seg.sentences.iter().enumerate() {
                let from = part_spans.len();
                outside(s.span, flat(&quote_spans, &quote_at, i), &mut part_spans);
                part_at.push(index32(part_spans.len()));
                let edges = exact(&s.span) && part_spans[from..].iter().all(exact);
                if edges {
                    bits[i / 64] |= 1 << (i % 64);
                } else {
                    cut += 1;
                }
                all_exact &= edges;
                ordered &= s.span.start <= s.span.end && last_end <= s.span.start;
                last_end = s.span.end;
            }
            quoted += quote_spans.len();
            assert_eq!(ctx.quote_spans, quote_spans, "{text:?}");
            assert_eq!(ctx.quote_at, quote_at, "{text:?}");
            assert_eq!(ctx.part_spans, part_spans, "{text:?}");
            assert_eq!(ctx.part_at, part_at, "{text:?}");
            assert_eq!(ctx.block_sentences, block_sentences, "{text:?}");
            assert_eq!(&*ctx.exact, &bits[..], "{text:?}");
            assert_eq!(ctx.edges_exact, all_exact, "{text:?}");
            assert_eq!(ctx.ordered, ordered, "{text:?}");
            unordered += usize::from(!ordered);
        }
    }
    assert!(
        quoted > 400 && cut > 400 && unordered > 50,
        "{quoted} {cut} {unordered}"
    );
}

/// A sentence set answers as a plain vector of bits read past its end as set, in place and on
/// the heap, for every sentence up to well past the words held.
#[test]
fn sentence_sets_answer_as_plain_bits() {
    let mut rng = crate::testrng::Rng::new(0x9e6c_63d0_676a_9a99);
    for words in [0, 1, 3, INLINE_WORDS, INLINE_WORDS + 1, 9] {
        let plain: Vec<u64> = (0..words).map(|_| rng.next_u64()).collect();
        let mut bits = Bits::zeros(words);
        bits.words_mut().copy_from_slice(&plain);
        let set = SentenceSet { bits };
        for i in 0..(words + 6) * 64 {
            let want = plain.get(i / 64).is_none_or(|w| w >> (i % 64) & 1 == 1);
            assert_eq!(set.may(i), want, "{words} {i}");
        }
    }
}

/// A span a search of its sentence would find ([`Ctx::searchable`]) is an entry of no list
/// ([`PhraseList::is`]) in a sentence left out of the list's sentence set: every span between
/// two exact edges (up to 40 bytes) of every sentence, for every list of every check, on their
/// examples and generated texts with odd characters.
#[test]
fn searchable_spans_of_sentences_left_out_are_no_entries() {
    let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
    let set = &checker.checks;
    let mut texts = set.example_texts();
    texts.extend(generated_texts(set, 60));
    texts.push(
        "He CLAIMED it. She claim\u{2019}d x. It\u{2019}s \u{c9}claimed, insisted-ly.".into(),
    );
    let (mut left_out, mut entries) = (0, 0);
    for text in &texts {
        let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, text.clone());
        let seg = crate::segment::segment(&doc);
        let labels = crate::classify::classify(&doc, &seg, &checker.rules);
        let ctx = Ctx::new(&doc, &seg, &labels, set);
        for list in set.defs().iter().flat_map(|d| d.lists.values()) {
            let within = ctx.sentences_with(list);
            for i in 0..seg.sentences.len() {
                let s = ctx.sentence(i);
                let edges: Vec<usize> =
                    (s.start..=s.end).filter(|&k| exact_edge(text, k)).collect();
                for (k, &a) in edges.iter().enumerate() {
                    for &b in edges[k + 1..].iter().take_while(|&&b| b <= a + 40) {
                        let span = Span::new(a, b);
                        assert!(ctx.searchable(i, span));
                        let is = list.is(span.slice(text));
                        if within.may(i) {
                            entries += usize::from(is);
                        } else {
                            left_out += 1;
                            assert!(!is, "{text:?} {span:?}");
                        }
                    }
                }
            }
        }
    }
    assert!(left_out > 100_000 && entries > 300, "{left_out} {entries}");
}

/// Everything a [`Ctx`] holds per sentence and block, for comparing two of one document.
fn facts(ctx: &Ctx) -> impl PartialEq + std::fmt::Debug {
    let n = ctx.seg.sentences.len();
    let per_sentence: Vec<_> = (0..n)
        .map(|i| {
            (
                ctx.quoted(i).to_vec(),
                ctx.outside_quotes(i).to_vec(),
                ctx.paragraph(i),
            )
        })
        .collect();
    (
        per_sentence,
        ctx.block_sentences.clone(),
        ctx.lead_block,
        ctx.exact_bits().to_vec(),
        ctx.edges_exact(),
        ctx.ordered(),
    )
}

/// A [`Ctx`] made with the buffers a [`Ctx`] of another document left on the thread holds
/// what one made with fresh buffers holds (documents long and short, with and without
/// quotations, in every order).
#[test]
fn reused_buffers_make_the_same_ctx() {
    let checker = crate::Checker::new(crate::rules::RuleSet::builtin().unwrap());
    let set = &checker.checks;
    let mut texts = set.example_texts();
    texts.truncate(40);
    texts.extend(generated_texts(set, 40));
    texts.push(String::new());
    texts.push("\"A quoted line,\" she said. \"Another one.\"\n\nA plain paragraph.".into());
    let long = texts.join("\n\n");
    texts.push(long);
    let docs: Vec<_> = texts
        .iter()
        .map(|t| {
            let doc = crate::input::parse("t.txt".into(), crate::Format::Plain, t.clone());
            let seg = crate::segment::segment(&doc);
            let labels = crate::classify::classify(&doc, &seg, &checker.rules);
            (doc, seg, labels)
        })
        .collect();
    let fresh: Vec<_> = docs
        .iter()
        .map(|(doc, seg, labels)| {
            // no buffers left on the thread: the plain path
            CTX_BUFFERS.take();
            let ctx = Ctx::new(doc, seg, labels, set);
            let f = facts(&ctx);
            ctx.recycle();
            CTX_BUFFERS.take();
            f
        })
        .collect();
    let mut rng = crate::testrng::Rng::new(0x2545_f491_4f6c_dd1d);
    let mut reused = 0;
    for _ in 0..400 {
        let a = rng.below(docs.len());
        let b = rng.below(docs.len());
        let (doc, seg, labels) = &docs[a];
        Ctx::new(doc, seg, labels, set).recycle();
        let (doc, seg, labels) = &docs[b];
        let had = CTX_BUFFERS.with(|c| {
            let bufs = c.take();
            let had = bufs.is_some();
            c.set(bufs);
            had
        });
        reused += usize::from(had);
        let ctx = Ctx::new(doc, seg, labels, set);
        assert_eq!(facts(&ctx), fresh[b], "{a} then {b}");
    }
    assert!(reused == 400, "{reused}");
}
