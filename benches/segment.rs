//! Segmenter throughput on news text: the Wikinews corpus in `benches/data/news_en.jsonl`
//! (CC BY 2.5, see its README), segmented article by article as plain text and as Markdown,
//! beside the UAX #29 sentence splitter of `unicode-segmentation` on the same texts (the issue's
//! yardstick, to place the machine), plus two adversarial inputs (a long line without
//! punctuation, many unbalanced quotes).
//! Run with `cargo bench --bench segment`; criterion reports bytes per second.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use unicode_segmentation::UnicodeSegmentation;
use whosaid::input::{markdown, plain};
use whosaid::segment::segment;

fn corpus() -> Vec<String> {
    let raw = include_str!("data/news_en.jsonl");
    raw.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    let plain_docs: Vec<_> = docs
        .iter()
        .map(|t| plain::parse(PathBuf::from("a.txt"), t.clone()))
        .collect();
    g.bench_function("news_en/segment_only", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &plain_docs {
                n += segment(black_box(d)).sentences.len();
            }
            n
        })
    });
    // The yardstick for a segmenter (UAX #29 sentence boundaries alone, 31-46 MB/s on
    // its machine): the same texts through `unicode-segmentation`, to place this machine.
    g.bench_function("news_en/uax29_sentences_baseline", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &docs {
                n += black_box(t.as_str()).unicode_sentences().count();
            }
            n
        })
    });
    g.bench_function("news_en/plain_parse_and_segment", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &docs {
                let d = plain::parse(PathBuf::from("a.txt"), t.clone());
                n += segment(black_box(&d)).sentences.len();
            }
            n
        })
    });
    g.bench_function("news_en/markdown_parse_and_segment", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &docs {
                let d = markdown::parse(PathBuf::from("a.md"), t.clone());
                n += segment(black_box(&d)).sentences.len();
            }
            n
        })
    });
    g.finish();

    let mut g = c.benchmark_group("adversarial");
    g.sample_size(10);
    let long = "word ".repeat(2_000_000);
    g.throughput(Throughput::Bytes(long.len() as u64));
    let d = plain::parse(PathBuf::from("a.txt"), long);
    g.bench_function("10MB_line_without_stops", |b| {
        b.iter(|| segment(black_box(&d)).sentences.len())
    });
    let quotes = "\"a ".repeat(10_000) + &"“b ".repeat(10_000) + &"c' ".repeat(10_000);
    g.throughput(Throughput::Bytes(quotes.len() as u64));
    let d = plain::parse(PathBuf::from("a.txt"), quotes);
    g.bench_function("30k_unbalanced_quotes", |b| {
        b.iter(|| segment(black_box(&d)).quotes.len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
