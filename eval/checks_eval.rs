//! How often each editorial check fires on PolNeAR dev, per 1,000 sentences, and a random
//! sample of findings (fixed seed) with their sentences, for reading by hand. Prints to the
//! terminal only: the corpus is copyrighted and never goes into the repository.
//!
//! `cargo run --release --example checks_eval -- ../shared/data/polnear/dev.jsonl
//!  [--sample N] [--rule ID] [--severity S] [--seed S] [--sources]`

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use whosaid::rules::RuleSet;
use whosaid::{Checker, Format};

#[path = "common.rs"]
mod common;

#[derive(Deserialize)]
struct Article {
    id: String,
    text: String,
}

/// xorshift64*: a small fixed-seed generator, so samples are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

struct Hit {
    article: String,
    severity: &'static str,
    message: String,
    span: String,
    sentence: String,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut path = None;
    let mut sample = 0usize;
    let mut only: Option<String> = None;
    let mut seed = 0x5EED_u64;
    let mut show_sources = false;
    let mut severity: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--sample" => sample = it.next().and_then(|v| v.parse().ok()).unwrap_or(30),
            "--rule" => only = it.next().cloned(),
            "--seed" => seed = it.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--sources" => show_sources = true,
            "--severity" => severity = it.next().cloned(),
            p => path = Some(PathBuf::from(p)),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: checks_eval DEV.jsonl [--sample N] [--rule ID] [--seed S] [--sources]");
        return ExitCode::from(2);
    };
    let articles: Vec<Article> = match common::read_json_lines(&path) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let rules = match RuleSet::builtin() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(78);
        }
    };
    let checker = Checker::new(rules);
    let mut sentences = 0usize;
    let mut by_rule: BTreeMap<String, Vec<Hit>> = BTreeMap::new();
    let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
    let start = std::time::Instant::now();
    for art in articles {
        let doc = whosaid::input::parse(PathBuf::from(&art.id), Format::Plain, art.text);
        let r = checker.check_document(doc);
        sentences += r.segmentation.sentences.len();
        for s in &r.ledger.sources {
            *kinds.entry(s.kind.as_str()).or_default() += 1;
            if show_sources {
                println!("{}\t{}\t{}\t{}", art.id, s.kind.as_str(), s.claims, s.name);
            }
        }
        for f in &r.findings {
            let sentence = f
                .sentence
                .and_then(|i| r.segmentation.sentences.get(i))
                .map_or(String::new(), |s| r.doc.slice(s.span).to_string());
            by_rule.entry(f.rule.to_string()).or_default().push(Hit {
                article: art.id.clone(),
                severity: f.severity.as_str(),
                message: f.message.to_string(),
                span: r.doc.slice(f.span).to_string(),
                sentence,
            });
        }
    }
    let per_k = |n: usize| n as f64 * 1000.0 / sentences.max(1) as f64;
    println!(
        "{sentences} sentences, {:.1}s",
        start.elapsed().as_secs_f64()
    );
    println!(
        "{:<28} {:>7} {:>9}  by severity",
        "check", "count", "per 1000"
    );
    for def in checker.checks.defs() {
        let hits = by_rule.get(&def.id).map_or(&[][..], Vec::as_slice);
        let mut sev: BTreeMap<&str, usize> = BTreeMap::new();
        for h in hits {
            *sev.entry(h.severity).or_default() += 1;
        }
        let sev: Vec<String> = sev.iter().map(|(k, v)| format!("{k} {v}")).collect();
        println!(
            "{:<28} {:>7} {:>9.1}  {}",
            def.id,
            hits.len(),
            per_k(hits.len()),
            sev.join(", ")
        );
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, v)| format!("{k} {v}")).collect();
    println!("ledger sources by kind: {}", kinds.join(", "));
    if sample > 0 {
        let mut rng = Rng(seed);
        for (rule, hits) in &mut by_rule {
            if only.as_deref().is_some_and(|o| o != rule) {
                continue;
            }
            if let Some(sev) = &severity {
                hits.retain(|h| h.severity == sev.as_str());
            }
            // partial Fisher-Yates: the first `sample` entries become a uniform sample
            let k = sample.min(hits.len());
            for i in 0..k {
                let j = i + rng.below(hits.len() - i);
                hits.swap(i, j);
            }
            println!("\n== {rule}: {k} of {}", hits.len());
            for (n, h) in hits.iter().take(k).enumerate() {
                println!(
                    "{:>2}. [{}] {} | {} | span: {:?}",
                    n + 1,
                    h.severity,
                    h.article,
                    h.message,
                    h.span
                );
                println!("    {}", h.sentence.replace('\n', " "));
            }
        }
    }
    ExitCode::SUCCESS
}
