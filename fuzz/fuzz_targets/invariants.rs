//! Invariants every fuzz target asserts on a checked document (a module of every target).

#[allow(dead_code)]
pub fn assert_span(text: &str, span: whosaid::Span, what: &str) {
    assert!(span.start <= span.end, "{what}: reversed span {span:?}");
    assert!(
        span.end <= text.len(),
        "{what}: span {span:?} past end {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start),
        "{what}: start {span:?} not on a char boundary"
    );
    assert!(
        text.is_char_boundary(span.end),
        "{what}: end {span:?} not on a char boundary"
    );
}

#[allow(dead_code)]
pub fn assert_segmentation(doc: &whosaid::Document, seg: &whosaid::segment::Segmentation) {
    let text = doc.text.as_str();
    let mut prev_end = 0;
    for s in &seg.sentences {
        assert_span(text, s.span, "sentence");
        assert!(
            s.span.start >= prev_end,
            "sentences overlap or are out of order"
        );
        prev_end = s.span.end;
        let block = doc
            .blocks
            .get(s.block)
            .expect("sentence names a block that exists");
        assert!(
            block.span.contains(s.span),
            "sentence {:?} outside its block {:?}",
            s.span,
            block.span
        );
    }
    for q in &seg.quotes {
        assert_span(text, q.span, "quote");
        assert_span(text, q.open, "quote open mark");
        if let Some(c) = q.close {
            assert_span(text, c, "quote close mark");
        }
    }
    for u in &seg.unbalanced {
        assert_span(text, *u, "unbalanced mark");
    }
    for b in &doc.blocks {
        assert_span(text, b.span, "block");
        let src = doc.source_span(b.span);
        assert_span(&doc.source, src, "block in source");
    }
}

#[allow(dead_code)]
pub fn assert_report(report: &whosaid::FileReport) {
    assert_segmentation(&report.doc, &report.segmentation);
    assert_eq!(
        report.labels.len(),
        report.segmentation.sentences.len(),
        "one label per sentence"
    );
    let text = report.doc.text.as_str();
    for c in &report.labels {
        for s in c.sources.iter().chain(&c.cues) {
            assert_span(text, *s, "classification span");
        }
    }
    for f in &report.findings {
        assert_span(text, f.span, "finding");
    }
}

/// Checks `data` as a file of `format` with the built-in rules (loaded once per process) and
/// asserts the invariants on the report; the JSON rendering must not panic either.
#[allow(dead_code)]
pub fn check_and_assert(name: &str, format: whosaid::Format, data: &[u8]) {
    use std::sync::OnceLock;
    static CHECKER: OnceLock<whosaid::Checker> = OnceLock::new();
    let checker = CHECKER.get_or_init(|| {
        whosaid::Checker::new(whosaid::rules::RuleSet::builtin().expect("built-in rules load"))
    });
    let Ok(report) = checker.check_bytes(name.into(), format, data.to_vec()) else {
        return;
    };
    assert_report(&report);
    let _ = whosaid::report::json::file_value(&report);
}
