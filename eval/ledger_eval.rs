//! The source ledger's precision: which ledger mentions are sources.
//!
//! `cargo run --release --example ledger_eval -- polnear FILE.jsonl [--wrong N]`: the share of
//! the ledger's mentions (and entries) that overlap a gold source span of PolNeAR
//! (`../shared/data/polnear/*.jsonl`; never copied here), by kind; `--wrong N` prints the first N
//! mentions that overlap none (evaluation only: do not copy them anywhere).
//!
//! `cargo run --release --example ledger_eval -- dump DIR`: one tab-separated line per ledger
//! mention of the `.txt` files of DIR (file, kind, name, mention, sentence), for hand counts
//! and for diffs before and after a change.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use whosaid::document::Format;
use whosaid::ledger::SourceKind;
use whosaid::rules::RuleSet;
use whosaid::Checker;

#[path = "common.rs"]
mod common;
use common::ratio;

#[derive(Deserialize)]
struct Article {
    id: String,
    text: String,
    sentences: Vec<GoldSentence>,
}

#[derive(Deserialize)]
struct GoldSentence {
    #[serde(default)]
    sources: Vec<GoldSource>,
}

#[derive(Deserialize)]
struct GoldSource {
    start: usize,
    end: usize,
}

fn checker() -> Result<Checker, String> {
    RuleSet::builtin()
        .map(Checker::new)
        .map_err(|e| e.to_string())
}

fn polnear(file: &str, wrong: usize, all: bool) -> Result<(), String> {
    let articles: Vec<Article> = common::read_json_lines(&PathBuf::from(file))?;
    let checker = checker()?;
    // kind → (mentions, overlapping); (entries, with a mention overlapping)
    let mut by_kind: BTreeMap<&'static str, (usize, usize, usize, usize)> = BTreeMap::new();
    let mut shown = 0;
    for art in articles {
        let mut cp2b: Vec<usize> = art.text.char_indices().map(|(b, _)| b).collect();
        cp2b.push(art.text.len());
        let gold: Vec<(usize, usize)> = art
            .sentences
            .iter()
            .flat_map(|s| s.sources.iter())
            .filter_map(|g| Some((*cp2b.get(g.start)?, *cp2b.get(g.end)?)))
            .collect();
        let doc = whosaid::input::parse(PathBuf::from(&art.id), Format::Plain, art.text.clone());
        let report = checker.check_document(doc);
        for src in &report.ledger.sources {
            let e = by_kind.entry(src.kind.as_str()).or_default();
            e.2 += 1;
            let mut any = false;
            for m in src.mentions.iter() {
                let hit = gold.iter().any(|&(s, t)| m.start < t && s < m.end);
                e.0 += 1;
                e.1 += usize::from(hit);
                any |= hit;
                if (!hit || all) && shown < wrong {
                    shown += 1;
                    let what = if hit { "right" } else { "wrong" };
                    println!(
                        "{what}\t{}\t{}\t{}\t{}",
                        art.id,
                        src.kind.as_str(),
                        src.name,
                        report.doc.slice(*m)
                    );
                }
            }
            e.3 += usize::from(any);
        }
    }
    let (mut m, mut mo, mut s, mut so) = (0, 0, 0, 0);
    for (k, (a, b, c, d)) in &by_kind {
        println!(
            "{k:<13} mentions {b:>5}/{a:<5} {:.3}   entries {d:>5}/{c:<5} {:.3}",
            ratio(*b, *a),
            ratio(*d, *c)
        );
        (m, mo, s, so) = (m + a, mo + b, s + c, so + d);
    }
    println!(
        "{:<13} mentions {mo:>5}/{m:<5} {:.3}   entries {so:>5}/{s:<5} {:.3}",
        "all",
        ratio(mo, m),
        ratio(so, s)
    );
    Ok(())
}

fn dump(dir: &str) -> Result<(), String> {
    let checker = checker()?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for path in files {
        let text = common::read(&path)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let doc = whosaid::input::parse(path.clone(), Format::Plain, text);
        let report = checker.check_document(doc);
        if std::env::var_os("LEDGER_EVAL_CUES").is_some() {
            for c in &report.labels {
                for s in c.sources.iter() {
                    for q in c.cues.iter().filter(|q| q.start < s.end && s.start < q.end) {
                        println!("cue\t{}\t{}", report.doc.slice(*s), report.doc.slice(*q));
                    }
                }
            }
        }
        for src in &report.ledger.sources {
            for m in src.mentions.iter() {
                let sentence = report
                    .segmentation
                    .sentences
                    .iter()
                    .find(|s| s.span.start <= m.start && m.end <= s.span.end)
                    .map_or("", |s| report.doc.slice(s.span));
                let kind = if src.kind == SourceKind::NamedPerson {
                    "person"
                } else {
                    src.kind.as_str()
                };
                println!(
                    "{}\t{kind}\t{}\t{}\t{}",
                    name.as_deref().unwrap_or(""),
                    src.name,
                    report.doc.slice(*m),
                    sentence.replace(['\n', '\t'], " ")
                );
            }
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let wrong = args
        .iter()
        .position(|a| a == "--wrong")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let done = match (args.first().map(String::as_str), args.get(1)) {
        (Some("polnear"), Some(f)) => polnear(f, wrong, args.iter().any(|a| a == "--all")),
        (Some("dump"), Some(d)) => dump(d),
        _ => Err("usage: ledger_eval polnear FILE.jsonl [--wrong N [--all]] | dump DIR".into()),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
