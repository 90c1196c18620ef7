//! Scores the segmenter against the external sets in `../shared/data/segmentation`:
//! English Golden Rules (exact match), pySBD's English tests whose expected sentences are verbatim
//! slices (exact match), and UD English-GUM news (sentence-boundary precision, recall, F1).
//!
//! `cargo run --release --example segment_eval -- DIR [--floor gr=N,pysbd=N,ud=F] [--verbose]`
//! exits with status 1 when a score is below its floor.

use serde::Deserialize;
use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use whosaid::input::plain;
use whosaid::segment::segment;

#[path = "common.rs"]
mod common;
use common::{floor, parse_floors, read, Prf};

#[derive(Deserialize)]
struct Case {
    id: String,
    text: String,
    sentences: Vec<String>,
    #[serde(default)]
    needs_cleaning: bool,
    #[serde(default = "yes")]
    verbatim: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct UdDoc {
    id: String,
    text: String,
    spans: Vec<(usize, usize)>,
}

/// The sentences of `text` read as a plain-text file.
fn sentences(text: &str) -> Vec<String> {
    let doc = plain::parse(PathBuf::from("-"), text.to_string());
    let seg = segment(&doc);
    seg.sentences
        .iter()
        .map(|s| doc.slice(s.span).to_string())
        .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Exact-match score; cases that expect cleaned output are compared with white space squashed.
fn exact(cases: &[Case], verbose: bool, label: &str) -> (usize, usize) {
    let mut ok = 0;
    let mut n = 0;
    for c in cases.iter().filter(|c| c.verbatim) {
        n += 1;
        let got = sentences(&c.text);
        let want: Vec<String> = c.sentences.iter().map(|s| s.trim().to_string()).collect();
        let hit = if c.needs_cleaning {
            got.iter().map(|s| squash(s)).collect::<Vec<_>>()
                == want.iter().map(|s| squash(s)).collect::<Vec<_>>()
        } else {
            got == want
        };
        if hit {
            ok += 1;
        } else if verbose {
            println!("MISS {label} {}\n  want {:?}\n  got  {:?}", c.id, want, got);
        }
    }
    (ok, n)
}

/// Boundary scores: a boundary is the start (in characters) of every sentence but the first.
fn ud(docs: &[UdDoc], verbose: bool) -> Prf {
    let mut prf = Prf {
        tp: 0,
        fp: 0,
        fn_: 0,
    };
    for d in docs {
        let gold: HashSet<usize> = d.spans.iter().skip(1).map(|s| s.0).collect();
        let pdoc = plain::parse(PathBuf::from("-"), d.text.clone());
        let seg = segment(&pdoc);
        // byte offset → char offset
        let chars = |b: usize| d.text.get(..b).map_or(0, |s| s.chars().count());
        let got: HashSet<usize> = seg
            .sentences
            .iter()
            .skip(1)
            .map(|s| chars(s.span.start))
            .collect();
        prf.tp += got.intersection(&gold).count();
        prf.fp += got.difference(&gold).count();
        prf.fn_ += gold.difference(&got).count();
        if verbose {
            let text: Vec<char> = d.text.chars().collect();
            let ctx = |c: usize| -> String {
                let a = c.saturating_sub(40);
                let z = (c + 30).min(text.len());
                let l: String = text[a..c].iter().collect();
                let r: String = text[c..z].iter().collect();
                format!("{}|{}", l, r).replace('\n', "⏎")
            };
            let mut fps: Vec<_> = got.difference(&gold).copied().collect();
            fps.sort();
            for c in fps {
                println!("FP {} {}", d.id, ctx(c));
            }
            let mut fns: Vec<_> = gold.difference(&got).copied().collect();
            fns.sort();
            for c in fns {
                println!("FN {} {}", d.id, ctx(c));
            }
        }
    }
    prf
}

fn run() -> Result<bool, String> {
    let mut dir = None;
    let mut floors = Vec::new();
    let mut verbose = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--floor" => {
                let value = args.next().ok_or("--floor needs a value")?;
                floors = parse_floors(&value, &["gr", "pysbd", "ud"])?;
            }
            "--verbose" | "-v" => verbose = true,
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.ok_or("usage: segment_eval DIR [--floor gr=N,pysbd=N,ud=F] [--verbose]")?;
    let gr: Vec<Case> = serde_json::from_str(&read(&dir.join("golden_rules_en.json"))?)
        .map_err(|e| format!("golden_rules_en.json: {e}"))?;
    let py: Vec<Case> = serde_json::from_str(&read(&dir.join("pysbd_english_tests.json"))?)
        .map_err(|e| format!("pysbd_english_tests.json: {e}"))?;
    let mut docs = Vec::new();
    for line in read(&dir.join("ud_gum_news.jsonl"))?
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        docs.push(
            serde_json::from_str::<UdDoc>(line).map_err(|e| format!("ud_gum_news.jsonl: {e}"))?,
        );
    }
    let (gr_floor, py_floor, ud_floor) = (
        floor(&floors, "gr"),
        floor(&floors, "pysbd"),
        floor(&floors, "ud"),
    );
    let (gr_ok, gr_n) = exact(&gr, verbose, "gr");
    let (py_ok, py_n) = exact(&py, verbose, "pysbd");
    let u = ud(&docs, verbose);
    println!("| set | score | floor |");
    println!("|---|---|---|");
    println!("| English Golden Rules, exact match (rule 41 compared with white space squashed) | {gr_ok}/{gr_n} | {gr_floor} |");
    println!("| pySBD English tests with verbatim expected sentences, exact match | {py_ok}/{py_n} | {py_floor} |");
    println!(
        "| UD English-GUM news, sentence-boundary F1 (P {:.3}, R {:.3}; {} TP, {} FP, {} FN) | {:.4} | {} |",
        u.p(),
        u.r(),
        u.tp,
        u.fp,
        u.fn_,
        u.f1(),
        ud_floor
    );
    let pass = gr_ok as f64 >= gr_floor && py_ok as f64 >= py_floor && u.f1() + 1e-9 >= ud_floor;
    if !pass {
        println!("below the regression floor");
    }
    Ok(pass)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("segment_eval: {e}");
            ExitCode::from(2)
        }
    }
}
