//! `check` end to end and the classifier alone, on the Wikinews corpus in
//! `benches/data/news_en.jsonl` (CC BY 2.5, see its README).
//!
//! - `check/news_en/end_to_end`: for each of the 295 articles, written out as files: read the
//!   file, decode, parse, segment, classify, run all default checks, and stream the JSON report
//!   (to a sink), one thread — what `whosaid check --format json -j 1` does per file.
//! - `check/news_en/classify_only`: the classifier on pre-segmented documents.
//! - `check/startup/builtin_rules`: loading, validating and compiling the built-in rules and
//!   checks (the start-up cost of every run).
//!
//! Run with `cargo bench --bench check`; criterion reports bytes per second. The whole-binary
//! figures (MB/s, proselint ratio, memory, scaling) come from `bench/run.sh`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use whosaid::report::json::JsonReporter;
use whosaid::report::{ReportOptions, Reporter, Summary};
use whosaid::rules::RuleSet;
use whosaid::{Checker, Format};

fn articles() -> Vec<String> {
    include_str!("data/news_en.jsonl")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let title = v.get("title")?.as_str()?;
            let text = v.get("text")?.as_str()?;
            Some(format!("{title}\n\n{text}\n"))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let texts = articles();
    let bytes: usize = texts.iter().map(String::len).sum();
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let p = dir.path().join(format!("{i:03}.txt"));
            std::fs::write(&p, t).unwrap();
            p
        })
        .collect();
    let checker = Checker::new(RuleSet::builtin().unwrap());

    let mut g = c.benchmark_group("check");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("news_en/end_to_end", |b| {
        b.iter(|| {
            let mut out = std::io::sink();
            let mut reporter = JsonReporter::new(ReportOptions::default());
            let mut summary = Summary::default();
            reporter.begin(&[], &mut out).unwrap();
            for f in &files {
                let bytes = std::fs::read(f).unwrap();
                let report = checker
                    .check_bytes(f.clone(), Format::from_path(f), bytes)
                    .unwrap();
                summary.add(&report);
                reporter.file(&report, &mut out).unwrap();
            }
            reporter.finish(&summary, &mut out).unwrap();
            summary.sentences
        })
    });

    let segmented: Vec<_> = texts
        .iter()
        .map(|t| {
            let doc = whosaid::input::parse("a.txt".into(), Format::Plain, t.clone());
            let seg = whosaid::segment::segment(&doc);
            (doc, seg)
        })
        .collect();
    g.bench_function("news_en/classify_only", |b| {
        b.iter(|| {
            segmented
                .iter()
                .map(|(doc, seg)| {
                    whosaid::classify::classify(black_box(doc), seg, &checker.rules).len()
                })
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("startup");
    g.sample_size(20);
    g.bench_function("builtin_rules", |b| {
        b.iter(|| {
            Checker::new(RuleSet::builtin().unwrap())
                .checks
                .infos()
                .len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
