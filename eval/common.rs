//! Shared by the evaluation programs (each includes it with `#[path = "common.rs"] mod common;`):
//! precision/recall counts, `--floor key=value,…` parsing, reading an input file.

#![allow(dead_code)]

use std::path::Path;

/// True positives, false positives and false negatives of one class or one kind of boundary.
#[derive(Default)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    pub fn p(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn r(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// `a / b`, 0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// `key=value,…` with every key one of `known`; a bad pair or an unknown key is an error.
pub fn parse_floors(s: &str, known: &[&str]) -> Result<Vec<(String, f64)>, String> {
    let mut out = Vec::new();
    for kv in s.split(',').filter(|kv| !kv.trim().is_empty()) {
        let (k, v) = kv.split_once('=').ok_or(format!("bad floor {kv:?}"))?;
        let k = k.trim();
        if !known.contains(&k) {
            return Err(format!("unknown floor {k:?} ({})", known.join(", ")));
        }
        let v: f64 = v
            .trim()
            .parse()
            .map_err(|_| format!("bad floor value {kv:?}"))?;
        out.push((k.to_string(), v));
    }
    Ok(out)
}

/// The floor set for `key`, or 0 (no floor).
pub fn floor(floors: &[(String, f64)], key: &str) -> f64 {
    floors
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map_or(0.0, |(_, v)| *v)
}

/// The whole file as text; the error names the file.
pub fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The records of a JSON Lines file (blank lines skipped); an error names the file and line.
pub fn read_json_lines<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, String> {
    read(path)?
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))
        })
        .collect()
}
