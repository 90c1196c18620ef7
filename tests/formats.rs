//! Every report format on one shared fixture article (through the real pipeline) and on a
//! hand-made report whose findings exercise carets, escaping and suppression; SARIF and rdjson
//! validated against their vendored schemas.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use whosaid::checks::Finding;
use whosaid::report::{self, ReportFormat, ReportOptions, Summary};
use whosaid::{FileReport, Format, Span};

mod formats_support;

use formats_support::{article_report, checker, hand_report, rules, HAND};

fn render(format: ReportFormat, opts: ReportOptions) -> String {
    let c = checker();
    let reports = [article_report(&c), hand_report(&c)];
    let mut rep = report::reporter(format, opts);
    report::render_all(rep.as_mut(), &rules(&c), &reports)
}

fn snap(name: &str, value: &str) {
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!(name, value);
    });
}

fn schema(path: &str) -> Value {
    let p = format!("{}/tests/schemas/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn assert_valid(schema: &Value, instance: &Value) {
    let v = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap();
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
}

#[test]
fn terminal() {
    snap(
        "formats__terminal",
        &render(ReportFormat::Terminal, ReportOptions::default()),
    );
}

#[test]
fn terminal_quiet_colour_and_sources() {
    let quiet = render(
        ReportFormat::Terminal,
        ReportOptions {
            quiet: true,
            ..Default::default()
        },
    );
    assert!(!quiet.contains("-->"), "quiet mode prints no diagnostics");
    assert_eq!(
        quiet.lines().count(),
        3,
        "two file lines and the total:\n{quiet}"
    );
    let colour = render(
        ReportFormat::Terminal,
        ReportOptions {
            color: true,
            ..Default::default()
        },
    );
    assert!(colour.contains("\x1b[1;31merror[hedge-only]\x1b[0m"));
    assert!(!render(ReportFormat::Terminal, ReportOptions::default()).contains('\x1b'));
    let sources = render(
        ReportFormat::Terminal,
        ReportOptions {
            show_sources: true,
            ..Default::default()
        },
    );
    snap("formats__terminal_sources", &sources);
}

#[test]
fn json_keeps_the_contract() {
    let out = render(ReportFormat::Json, ReportOptions::default());
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let c = checker();
    let article = article_report(&c);
    let sentences = files[0]["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), article.segmentation.sentences.len());
    for s in sentences {
        for key in [
            "start",
            "end",
            "line",
            "column",
            "text",
            "label",
            "sources",
            "cues",
            "rule",
            "inherited",
        ] {
            assert!(s.get(key).is_some(), "sentence lacks {key}: {s}");
        }
    }
    for f in files[1]["findings"].as_array().unwrap() {
        for key in [
            "rule", "severity", "message", "start", "end", "line", "column",
        ] {
            assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
        }
    }
    let total: u64 = ["attributed", "reported", "alleged", "unattributed", "none"]
        .iter()
        .map(|k| v["summary"][k].as_u64().unwrap())
        .sum();
    assert_eq!(total, v["summary"]["sentences"].as_u64().unwrap());
    snap("formats__json", &out);
}

#[test]
fn sarif_is_valid_2_1_0() {
    let out = render(ReportFormat::Sarif, ReportOptions::default());
    let v: Value = serde_json::from_str(&out).unwrap();
    let sarif_schema = schema("sarif-schema-2.1.0.json");
    assert_valid(&sarif_schema, &v);
    // the validator does catch a wrong level
    let mut bad = v.clone();
    bad["runs"][0]["results"][0]["level"] = "warn".into();
    assert!(!jsonschema::draft4::is_valid(&sarif_schema, &bad));
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for res in run["results"].as_array().unwrap() {
        let uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(!uri.contains('\\') && !uri.contains(' '), "{uri}");
        if let Some(i) = res["ruleIndex"].as_u64() {
            assert_eq!(rules[i as usize]["id"], res["ruleId"]);
        }
    }
    // the rule texts belong to the rule files (and their own tests): keep ids and levels here
    let mut v = v;
    for rule in v["runs"][0]["tool"]["driver"]["rules"]
        .as_array_mut()
        .unwrap()
    {
        let keep = serde_json::json!({"id": rule["id"], "defaultConfiguration": rule["defaultConfiguration"]});
        *rule = keep;
    }
    snap("formats__sarif", &serde_json::to_string_pretty(&v).unwrap());
}

#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let c = checker();
    let a = hand_report(&c);
    let shifted_text = format!("\n\n{HAND}");
    let doc = whosaid::input::parse(a.doc.path.clone(), Format::Plain, shifted_text);
    let mut b = c.check_document(doc);
    b.findings = a
        .findings
        .iter()
        .map(|f| Finding {
            span: Span::new(f.span.start + 2, f.span.end + 2),
            sentence: f.sentence,
            ..f.clone()
        })
        .collect();
    let prints = |r: &FileReport| {
        let mut rep = report::reporter(ReportFormat::Sarif, ReportOptions::default());
        let v: Value = serde_json::from_str(&report::render_all(
            rep.as_mut(),
            &[],
            std::slice::from_ref(r),
        ))
        .unwrap();
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["primaryLocationLineHash"].clone(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    let (pa, pb) = (prints(&a), prints(&b));
    assert_eq!(pa.len(), 3);
    for (x, y) in pa.iter().zip(&pb) {
        assert_eq!(x.0, y.0, "fingerprint changed");
        assert_ne!(x.1, y.1, "the line did move");
    }
}

#[test]
fn rdjson_is_valid_and_counts_bytes() {
    let out = render(ReportFormat::Rdjson, ReportOptions::default());
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_valid(&schema("rdjson/DiagnosticResult.json"), &v);
    // `北京 said` follows a tab and `The mayor of `: byte column 15; ends 3+3+5 bytes later
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["code"]["value"] == "vague-source"
                && d["location"]["path"] == "desk/hand made, v2.txt"
        })
        .unwrap();
    assert_eq!(d["location"]["range"]["start"]["column"], 15);
    assert_eq!(d["location"]["range"]["end"]["column"], 26);
    snap(
        "formats__rdjson",
        &serde_json::to_string_pretty(&v).unwrap(),
    );
}

#[test]
fn github_escapes_properties_and_data() {
    let out = render(ReportFormat::Github, ReportOptions::default());
    assert!(
        out.contains("file=desk/hand made%2C v2.txt,line=2,col=15,"),
        "{out}"
    );
    assert!(out.contains("vague source: 100%25 sure"), "{out}");
    assert!(out.contains("no outlet named%0Asecond line"), "{out}");
    assert!(
        !out.contains("a note about"),
        "suppressed findings are not annotated"
    );
    assert_eq!(
        whosaid::report::github::escape_property("a:b,c%\n"),
        "a%3Ab%2Cc%25%0A"
    );
    snap("formats__github", &out);
    let c = checker();
    let reports = [article_report(&c), hand_report(&c)];
    let md = whosaid::report::github::step_summary(&reports, ReportOptions::default());
    assert!(md.contains("| desk/hand made, v2.txt |"), "{md}");
    assert!(md.contains("say &lt;who&gt;"), "{md}");
    snap("formats__github_summary", &md);
    // the same summary through the wrapper the CLI uses for $GITHUB_STEP_SUMMARY
    let path = tempfile::NamedTempFile::new().unwrap();
    let sink = Box::new(std::fs::File::create(path.path()).unwrap());
    let mut rep = whosaid::report::github::with_step_summary(
        report::reporter(ReportFormat::Github, ReportOptions::default()),
        ReportOptions::default(),
        sink,
    );
    let annotations = report::render_all(rep.as_mut(), &rules(&c), &reports);
    drop(rep);
    assert_eq!(annotations, out);
    assert_eq!(std::fs::read_to_string(path.path()).unwrap(), md);
}

/// The HTML report without its (long, constant) inline CSS and JS.
fn html_body(out: &str) -> String {
    let mut s = out.to_string();
    for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
        if let (Some(a), Some(b)) = (s.find(open), s.find(close)) {
            s.replace_range(a + open.len()..b, "…");
        }
    }
    s.replace("><", ">\n<")
}

#[test]
fn html_marks_every_sentence_and_escapes() {
    let out = render(ReportFormat::Html, ReportOptions::default());
    for bad in ["<link", "src=", "@import", "url("] {
        assert!(!out.contains(bad), "nothing fetched: {bad}");
    }
    let c = checker();
    let n = article_report(&c).segmentation.sentences.len()
        + hand_report(&c).segmentation.sentences.len();
    assert_eq!(
        out.matches(" data-label=\"").count(),
        n,
        "one marked span a sentence"
    );
    assert!(!out.contains("<b>passed"), "article text is escaped");
    assert!(out.contains("&lt;b&gt;passed&lt;/b&gt; &amp; done"));
    assert!(
        out.contains("<table class=\"index\">"),
        "index for two files"
    );
    snap("formats__html", &html_body(&out));
}

#[test]
fn summary_counts_match_reports() {
    let c = checker();
    let reports = [article_report(&c), hand_report(&c)];
    let s = Summary::of(&reports);
    assert_eq!(s.files, 2);
    assert_eq!(
        s.sentences,
        reports.iter().map(|r| r.labels.len()).sum::<usize>()
    );
    assert_eq!(
        s.suppressed,
        reports
            .iter()
            .flat_map(|r| &r.findings)
            .filter(|f| f.suppressed.is_some())
            .count()
    );
}
