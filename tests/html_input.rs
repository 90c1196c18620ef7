//! HTML input: entities decoded in the text while spans map back into the source, skipped
//! elements and selectors, blocks, comment directives, and broken or deeply nested HTML.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use whosaid::config::HtmlConfig;
use whosaid::document::{BlockKind, Document};
use whosaid::input::html::{parse, HtmlOptions};

fn doc(html: &str) -> Document {
    parse("t.html".into(), html.to_string(), &HtmlOptions::default())
}

fn blocks(d: &Document) -> Vec<(BlockKind, &str)> {
    d.blocks.iter().map(|b| (b.kind, d.slice(b.span))).collect()
}

#[test]
fn entities_are_decoded_and_spans_map_to_the_source() {
    let html = "<p>The mayor&rsquo;s aide said &quot;no&quot; &amp; left &#8212; at 5&#x25;.</p>";
    let d = doc(html);
    let b = blocks(&d);
    assert_eq!(
        b,
        [(
            BlockKind::Paragraph,
            "The mayor’s aide said \"no\" & left — at 5%."
        )]
    );
    // the word after a multi-byte reference maps exactly
    let t = d.text.find("aide").unwrap();
    let s = d.source_span(whosaid::Span::new(t, t + 4));
    assert_eq!(&html[s.start..s.end], "aide");
    // a span ending on a decoded reference ends after the whole reference
    let apos = d.text.find('’').unwrap();
    let s = d.source_span(whosaid::Span::new(
        d.text.find("mayor").unwrap(),
        apos + '’'.len_utf8(),
    ));
    assert_eq!(&html[s.start..s.end], "mayor&rsquo;");
    // the whole block maps to the source text of the paragraph
    let s = d.source_span(d.blocks[0].span);
    assert!(html[s.start..].starts_with("The mayor&rsquo;s"));
    assert!(s.end <= html.len());
}

#[test]
fn blocks_get_their_kinds() {
    let html =
        "<h2>Storm hits coast</h2><p>Winds rose.</p><ul><li>One</li><li><p>Two</p></li></ul>\
                <blockquote><p>We are ready.</p></blockquote><table><tr><td>Cell</td></tr></table>\
                <figure><img src=x><figcaption>A flooded street</figcaption></figure>";
    let d = doc(html);
    let b = blocks(&d);
    assert_eq!(
        b,
        [
            (BlockKind::Heading, "Storm hits coast"),
            (BlockKind::Paragraph, "Winds rose."),
            (BlockKind::ListItem, "One"),
            (BlockKind::ListItem, "Two"),
            (BlockKind::BlockQuote, "We are ready."),
            (BlockKind::TableCell, "Cell"),
            (BlockKind::Line, "A flooded street"),
        ]
    );
    assert_eq!(d.blocks[0].level, 2);
}

#[test]
fn inline_markup_does_not_split_and_is_not_in_the_text() {
    let html = "<p>The <b>council</b> <a href=\"/x\">voted</a> on <em>Monday</em>.</p>";
    let d = doc(html);
    assert_eq!(
        blocks(&d),
        [(BlockKind::Paragraph, "The council voted on Monday.")]
    );
    let s = d.source_span(d.blocks[0].span);
    assert_eq!(&html[s.start..s.end], &html[3..html.len() - 4]);
}

#[test]
fn code_script_style_nav_are_skipped() {
    let html = "<nav><a>Home</a> World</nav><script>var s = \"<p>x</p>\";</script>\
                <style>p { color: red }</style><p>Real text here.</p><pre>ls -l</pre>\
                <p>Run <code>make</code> now.</p>";
    let d = doc(html);
    assert_eq!(
        blocks(&d),
        [
            (BlockKind::Paragraph, "Real text here."),
            (BlockKind::Paragraph, "Run  now.")
        ]
    );
}

#[test]
fn configured_selectors_and_classes_are_skipped() {
    let cfg = HtmlConfig {
        skip_selectors: vec!["footer".into(), "div.promo".into(), "#related".into()],
        skip_classes: vec!["byline".into()],
    };
    let html = "<p class=\"meta byline\">By Ann Lee</p><p>The port reopened.</p>\
                <div class=\"promo\"><div>Subscribe now!</div></div><div id=related>More</div>\
                <footer>Copyright</footer><div class=other>Kept.</div>\
                <span hidden>Secret.</span><div aria-hidden=\"true\">Icon</div>";
    let d = parse(
        "t.html".into(),
        html.into(),
        &HtmlOptions::from_config(&cfg),
    );
    let texts: Vec<&str> = blocks(&d).into_iter().map(|b| b.1).collect();
    assert_eq!(texts, ["The port reopened.", "Kept."]);
}

#[test]
fn comments_become_directives() {
    let html = "<p>A.</p><!-- whosaid off --><p>B.</p><!--whosaid on-->";
    let d = doc(html);
    let bodies: Vec<&str> = d.directives.iter().map(|x| x.body.as_str()).collect();
    assert_eq!(bodies, ["whosaid off", "whosaid on"]);
    let b_start = d.text.find("B.").unwrap();
    assert!(d.directives[0].span.end <= b_start);
    assert!(d.directives[1].span.start >= b_start + 2);
}

#[test]
fn broken_and_deeply_nested_html_is_linear_and_safe() {
    let n = 100_000;
    let html = format!(
        "{}<p>Deep text.{}</span></p></i></b>&bogus; &#99999999; &",
        "<div><span><b>".repeat(n),
        "</div>".repeat(n / 2)
    );
    let start = std::time::Instant::now();
    let d = doc(&html);
    assert!(start.elapsed().as_secs() < 10);
    assert!(d.text.contains("Deep text."));
    assert!(!d.text.contains('<'));
    for b in &d.blocks {
        let s = d.source_span(b.span);
        assert!(s.start <= s.end && s.end <= html.len());
        assert!(html.is_char_boundary(s.start) && html.is_char_boundary(s.end));
    }
}

#[test]
fn empty_and_text_only_documents() {
    assert!(doc("").blocks.is_empty());
    let d = doc("\u{feff}Just text, no tags.");
    assert_eq!(blocks(&d), [(BlockKind::Paragraph, "Just text, no tags.")]);
    let s = d.source_span(d.blocks[0].span);
    assert_eq!(s.start, 3);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Any mix of tags, references, comments and text: blocks are ordered, inside the text, on
    /// char boundaries, and map into the source on char boundaries.
    #[test]
    fn spans_stay_valid(parts in proptest::collection::vec(proptest::sample::select(vec![
        "<p>", "</p>", "<div class=byline>", "</div>", "<li>", "<br>", "<script>", "</script>",
        "<!-- whosaid off -->", "<!--", "-->", "&amp;", "&rsquo;", "&#x1F600;", "&bogus;", "&",
        "<", ">", "\"", "é", "Mayor said.", " ", "\n", "\r\n", "<h2>", "</h2>", "<pre>", "</pre>",
        "\u{feff}", "<b>", "</b>", "&nbsp;", "<p", "=\"x",
    ]), 0..40)) {
        let html: String = parts.concat();
        let cfg = HtmlConfig { skip_selectors: vec![], skip_classes: vec!["byline".into()] };
        let d = parse("p.html".into(), html.clone(), &HtmlOptions::from_config(&cfg));
        let mut last = 0;
        for b in &d.blocks {
            proptest::prop_assert!(last <= b.span.start && b.span.start < b.span.end);
            proptest::prop_assert!(b.span.end <= d.text.len());
            proptest::prop_assert!(d.text.is_char_boundary(b.span.start) && d.text.is_char_boundary(b.span.end));
            let s = d.source_span(b.span);
            proptest::prop_assert!(s.start <= s.end && s.end <= html.len());
            proptest::prop_assert!(html.is_char_boundary(s.start) && html.is_char_boundary(s.end));
            last = b.span.end;
        }
    }
}
