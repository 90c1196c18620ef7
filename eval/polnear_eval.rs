//! Sentence-level evaluation on PolNeAR (`../shared/data/polnear/*.jsonl`; never copied here).
//!
//! `cargo run --release --example polnear_eval -- FILE.jsonl [--floor attr=F,unattr=F,src=F]
//! [--errors N] [--disable RULE,…] [--carry N] [--article ID] [--cues] [--src N] [--dump FILE]
//! [--rules PATH]` (`--rules`: rule files or folders loaded over the built-ins, to try a rule
//! change without rebuilding; `--dump`: one JSON line per gold sentence with our label,
//! rule, sources and cues; `--src`: the first N source misses; `--cues`: agreement per
//! cue of the deciding rule; `--article` prints every gold
//! sentence of the articles whose id contains ID, with our label, rule and sources)
//!
//! Scoring: attributed side = attributed|alleged vs gold `attributed`; unattributed side =
//! reported|unattributed|none vs gold `unattributed`; `discard` sentences are skipped; each gold
//! sentence takes the label of our sentence overlapping it most (gold offsets are code points,
//! ours bytes). Source match: for gold-attributed sentences with a source inside the sentence,
//! one of our sources shares a word with a gold in-sentence source and has at most
//! 2 × its words + 2 words.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use whosaid::classify::{classify, Label};
use whosaid::document::Format;
use whosaid::rules::RuleSet;
use whosaid::segment::segment;

#[path = "common.rs"]
mod common;
use common::{parse_floors, ratio, Prf};

#[derive(Deserialize)]
struct Article {
    id: String,
    text: String,
    sentences: Vec<GoldSentence>,
}

#[derive(Deserialize)]
struct GoldSentence {
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    sources: Vec<GoldSource>,
    #[serde(default)]
    discard: bool,
}

#[derive(Deserialize)]
struct GoldSource {
    text: String,
    #[serde(default)]
    in_sentence: bool,
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn source_matches(ours: &str, gold: &str) -> bool {
    let (o, g) = (words(ours), words(gold));
    !o.is_empty() && o.len() <= 2 * g.len() + 2 && o.iter().any(|w| g.contains(w))
}

/// Why our sources of a gold-attributed sentence do not match its in-sentence sources.
fn src_failure(
    c: Option<&whosaid::classify::Classification>,
    doc: &whosaid::document::Document,
    gold: &[&GoldSource],
) -> &'static str {
    let Some(c) = c.filter(|c| c.label.has_source()) else {
        return "unattributed";
    };
    if c.sources.is_empty() {
        return "no-source";
    }
    let shares = c.sources.iter().any(|s| {
        let o = words(doc.slice(*s));
        gold.iter().any(|g| {
            let g = words(&g.text);
            o.iter().any(|w| g.contains(w))
        })
    });
    if shares {
        "too-long"
    } else {
        "other-source"
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut file = None;
    let mut floors: Vec<(String, f64)> = Vec::new();
    let mut show_errors = 0usize;
    let mut disable: Vec<String> = Vec::new();
    let mut carry: Option<usize> = None;
    let mut dump: Option<String> = None;
    let mut show_cues = false;
    let mut show_src = 0usize;
    let mut dump_to: Option<std::fs::File> = None;
    let mut extra: Vec<PathBuf> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--floor" => {
                i += 1;
                match parse_floors(
                    args.get(i).map(String::as_str).unwrap_or(""),
                    &["attr", "unattr", "src"],
                ) {
                    Ok(f) => floors.extend(f),
                    Err(e) => {
                        eprintln!("polnear_eval: {e}");
                        return ExitCode::from(2);
                    }
                }
            }
            "--errors" => {
                i += 1;
                show_errors = args.get(i).and_then(|s| s.parse().ok()).unwrap_or(20);
            }
            "--cues" => show_cues = true,
            "--rules" => {
                i += 1;
                extra.extend(args.get(i).map(PathBuf::from));
            }
            "--dump" => {
                i += 1;
                match args.get(i).map(std::fs::File::create) {
                    Some(Ok(f)) => dump_to = Some(f),
                    _ => {
                        eprintln!("polnear_eval: --dump needs a writable path");
                        return ExitCode::from(2);
                    }
                }
            }
            "--src" => {
                i += 1;
                show_src = args.get(i).and_then(|s| s.parse().ok()).unwrap_or(20);
            }
            "--article" => {
                i += 1;
                dump = args.get(i).cloned();
            }
            "--carry" => {
                i += 1;
                carry = args.get(i).and_then(|s| s.parse().ok());
            }
            "--disable" => {
                i += 1;
                disable.extend(
                    args.get(i)
                        .map(String::as_str)
                        .unwrap_or("")
                        .split(',')
                        .map(String::from),
                );
            }
            a => file = Some(PathBuf::from(a)),
        }
        i += 1;
    }
    let Some(file) = file else {
        eprintln!("usage: polnear_eval FILE.jsonl [--floor attr=F,unattr=F,src=F] [--errors N] [--disable RULE,…] [--carry N] [--article ID] [--cues] [--src N] [--dump FILE] [--rules PATH]");
        return ExitCode::from(2);
    };
    let articles: Vec<Article> = match common::read_json_lines(&file) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut rules = match RuleSet::load(&extra) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let Some(c) = carry {
        rules.set_carry_over(c);
    }
    for d in disable.iter().filter(|d| !d.is_empty()) {
        if !rules.disable(d) {
            eprintln!("no rule `{d}`");
        }
    }
    let (mut attr, mut unattr) = (Prf::default(), Prf::default());
    let mut confusion: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    let (mut src_total, mut src_ok) = (0usize, 0usize);
    // why a source did not match: not attributed, no source, no shared word, too long
    let mut src_why: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut src_shown = 0usize;
    let mut by_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut by_cue: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut errors_shown = 0;
    let mut bytes = 0usize;
    let mut classify_secs = 0.0f64;
    let started = std::time::Instant::now();
    for art in articles {
        bytes += art.text.len();
        // code point → byte offsets
        let mut cp2b: Vec<usize> = art.text.char_indices().map(|(b, _)| b).collect();
        cp2b.push(art.text.len());
        let doc = whosaid::input::parse(PathBuf::from(&art.id), Format::Plain, art.text.clone());
        let seg = segment(&doc);
        let t0 = std::time::Instant::now();
        let labels = classify(&doc, &seg, &rules);
        classify_secs += t0.elapsed().as_secs_f64();
        let dumping = dump.as_deref().is_some_and(|d| art.id.contains(d));
        for g in art.sentences.iter().filter(|g| !g.discard) {
            let (Some(&gs), Some(&ge)) = (cp2b.get(g.start), cp2b.get(g.end)) else {
                continue;
            };
            let lo = seg.sentences.partition_point(|s| s.span.end <= gs);
            let mut best: Option<(usize, usize)> = None;
            for (k, s) in seg.sentences.iter().enumerate().skip(lo) {
                if s.span.start >= ge {
                    break;
                }
                let ov = s.span.end.min(ge).saturating_sub(s.span.start.max(gs));
                if best.is_none_or(|(_, b)| ov > b) {
                    best = Some((k, ov));
                }
            }
            let c = best.and_then(|(k, _)| labels.get(k));
            let ours = c.map_or(Label::None, |c| c.label);
            let pred_attr = ours.has_source();
            if dumping {
                let text = art.text.get(gs..ge).unwrap_or("").replace('\n', " ");
                let srcs: Vec<&str> = c
                    .map(|c| c.sources.iter().map(|s| doc.slice(*s)).collect())
                    .unwrap_or_default();
                let gold: Vec<&str> = g.sources.iter().map(|s| s.text.as_str()).collect();
                println!(
                    "{} {:12} {:16} ours={srcs:?} gold={gold:?} :: {text}",
                    if ours.has_source() == (g.label == "attributed") {
                        " "
                    } else {
                        "X"
                    },
                    g.label,
                    c.and_then(|c| c.rule.as_deref()).unwrap_or("-"),
                );
            }
            if let Some(f) = dump_to.as_mut() {
                let row = serde_json::json!({
                    "id": art.id, "start": g.start, "gold": g.label, "ours": ours.as_str(),
                    "rule": c.and_then(|c| c.rule.as_deref()),
                    "sources": c.map(|c| c.sources.iter().map(|s| doc.slice(*s)).collect::<Vec<_>>()),
                    "cues": c.map(|c| c.cues.iter().map(|s| doc.slice(*s)).collect::<Vec<_>>()),
                });
                use std::io::Write;
                if writeln!(f, "{row}").is_err() {
                    eprintln!("polnear_eval: cannot write --dump");
                    return ExitCode::from(2);
                }
            }
            let gold_attr = g.label == "attributed";
            confusion
                .entry((g.label.clone(), ours.as_str()))
                .and_modify(|n| *n += 1)
                .or_insert(1);
            let rule = c.and_then(|c| c.rule.as_deref()).unwrap_or("-").to_string();
            let e = by_rule.entry(rule.clone()).or_default();
            e.0 += 1;
            if pred_attr == gold_attr {
                e.1 += 1;
            }
            if show_cues {
                for cue in c.map(|c| c.cues.as_slice()).unwrap_or(&[]) {
                    let key = format!("{rule}: {}", doc.slice(*cue).to_lowercase());
                    let e = by_cue.entry(key).or_default();
                    e.0 += 1;
                    if pred_attr == gold_attr {
                        e.1 += 1;
                    }
                }
            }
            match (gold_attr, pred_attr) {
                (true, true) => {
                    attr.tp += 1;
                }
                (false, false) => unattr.tp += 1,
                (true, false) => {
                    attr.fn_ += 1;
                    unattr.fp += 1;
                }
                (false, true) => {
                    attr.fp += 1;
                    unattr.fn_ += 1;
                }
            }
            if gold_attr != pred_attr && errors_shown < show_errors {
                errors_shown += 1;
                let text = art.text.get(gs..ge).unwrap_or("").replace('\n', " ");
                println!(
                    "ERR {} gold={} ours={} rule={rule} :: {text}",
                    art.id,
                    g.label,
                    ours.as_str()
                );
            }
            let gold_srcs: Vec<&GoldSource> = g.sources.iter().filter(|s| s.in_sentence).collect();
            if gold_attr && !gold_srcs.is_empty() {
                src_total += 1;
                let ok = c.is_some_and(|c| {
                    c.sources.iter().any(|s| {
                        gold_srcs
                            .iter()
                            .any(|gs| source_matches(doc.slice(*s), &gs.text))
                    })
                });
                if ok {
                    src_ok += 1;
                } else {
                    let why = src_failure(c, &doc, &gold_srcs);
                    *src_why.entry(why).or_default() += 1;
                    if src_shown < show_src {
                        src_shown += 1;
                        let ours: Vec<&str> = c
                            .map(|c| c.sources.iter().map(|s| doc.slice(*s)).collect())
                            .unwrap_or_default();
                        let gold: Vec<&str> = gold_srcs.iter().map(|s| s.text.as_str()).collect();
                        let text = art.text.get(gs..ge).unwrap_or("").replace('\n', " ");
                        println!(
                            "SRC {why} {} rule={rule} gold={gold:?} ours={ours:?} :: {text}",
                            art.id
                        );
                    }
                }
                if !ok && errors_shown < show_errors && pred_attr {
                    errors_shown += 1;
                    let ours: Vec<&str> = c
                        .map(|c| c.sources.iter().map(|s| doc.slice(*s)).collect())
                        .unwrap_or_default();
                    let gold: Vec<&str> = gold_srcs.iter().map(|s| s.text.as_str()).collect();
                    println!("SRC {} rule={rule} gold={gold:?} ours={ours:?}", art.id);
                }
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let src_rate = ratio(src_ok, src_total);
    println!("file: {}", file.display());
    println!("class         precision  recall  F1");
    println!(
        "attributed    {:.3}      {:.3}   {:.3}",
        attr.p(),
        attr.r(),
        attr.f1()
    );
    println!(
        "unattributed  {:.3}      {:.3}   {:.3}",
        unattr.p(),
        unattr.r(),
        unattr.f1()
    );
    println!("source match  {:.3}  ({src_ok}/{src_total})", src_rate);
    println!(
        "exact: attr F1 {:.4} (tp {} fp {} fn {}), unattr F1 {:.4} (tp {} fp {} fn {}), source {:.4}",
        attr.f1(),
        attr.tp,
        attr.fp,
        attr.fn_,
        unattr.f1(),
        unattr.tp,
        unattr.fp,
        unattr.fn_,
        src_rate
    );
    let why: Vec<String> = src_why.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!("source misses: {}", why.join(", "));
    println!("\nconfusion (gold rows × our labels):");
    print!("{:14}", "");
    for l in Label::ALL {
        print!("{:>13}", l.as_str());
    }
    println!();
    for g in ["attributed", "unattributed"] {
        print!("{g:14}");
        for l in Label::ALL {
            print!(
                "{:>13}",
                confusion
                    .get(&(g.to_string(), l.as_str()))
                    .copied()
                    .unwrap_or(0)
            );
        }
        println!();
    }
    println!("\nper deciding rule (sentences, agreeing with gold side):");
    for (r, (n, ok)) in &by_rule {
        println!("  {r:24} {n:6} {:.3}", ratio(*ok, *n));
    }
    if show_cues {
        println!("\nper cue of the deciding rule (sentences, agreeing with gold side):");
        for (cue, (n, ok)) in &by_cue {
            println!("  {cue:40} {n:6} {ok:6}");
        }
    }
    println!(
        "\n{:.1} MB in {secs:.2}s (parse + segment + classify); classify alone {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / classify_secs.max(1e-9)
    );
    let mut failed = false;
    for (k, floor) in &floors {
        let got = match k.as_str() {
            "attr" => attr.f1(),
            "unattr" => unattr.f1(),
            _ => src_rate,
        };
        if got < *floor {
            eprintln!("below floor: {k} = {got:.3} < {floor}");
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
