//! Embeds every built-in classifier rule (`rules/*.toml`, top level only) and editorial check
//! (`rules/checks/*.toml`) into the binary, so a new rule is one new file with no registry edit.
//!
//! Start-up should not parse TOML or compile Unicode classes (issue 6), so each rule and check
//! file is also read here into typed statics (`rules::file::Static`, `rules::file::StaticCheck`:
//! its strings in the binary's read-only data, built-in rules borrow them without copying), the
//! segmenter's `rules/lang/en.toml` into a static tree (`rules::value::Value`) that serde reads,
//! and every pattern of the rule files gets its cut-down alphabet and expression
//! (`rules::alphabet`) computed here. A file that does not parse or fit its schema is embedded as
//! text only: the program then parses it at run time and reports the error with line and column,
//! as for a user's file.

#[allow(dead_code)]
#[path = "src/rules/alphabet.rs"]
mod alphabet;
#[allow(dead_code)]
#[path = "src/rules/verb_forms.rs"]
mod verb_forms;
#[allow(dead_code)]
#[path = "src/rules/wordindex.rs"]
mod wordindex;
// the lexicon's trie and what it is built from (`crate::lexicon`), at the root as `super::*`
#[allow(dead_code)]
#[path = "src/lexicon/alnum.rs"]
mod alnum;
/// No character tables here: `alnum` answers with the standard tests (and writes the tables).
mod tables {
    pub(crate) static ALNUM: [u64; 0] = [];
    pub(crate) static UPPER: [u64; 0] = [];
    pub(crate) static UNCASED: [u64; 0] = [];
}
#[path = "build/checks.rs"]
mod checks;
#[path = "build/engine.rs"]
mod engine;
#[path = "build/gate.rs"]
mod gate;
#[allow(dead_code)]
#[path = "src/lexicon/hash.rs"]
mod hash;
#[allow(dead_code)]
#[path = "src/lexicon/trie.rs"]
mod trie;
#[allow(dead_code)]
#[path = "src/lexicon/words.rs"]
mod words;
// the checks' list names (`crate::checks::lists`)
#[allow(dead_code)]
#[path = "src/checks/lists.rs"]
mod lists;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    files
}

/// `value` as a `Value` expression; `false` for what a tree cannot hold (dates, NaN).
fn emit(value: &toml::Value, out: &mut String) -> bool {
    match value {
        toml::Value::String(s) => {
            let _ = write!(out, "Value::Str({s:?})");
        }
        toml::Value::Integer(i) => {
            let _ = write!(out, "Value::Int({i})");
        }
        toml::Value::Float(x) if x.is_finite() => {
            let _ = write!(out, "Value::Float({x:?})");
        }
        toml::Value::Boolean(b) => {
            let _ = write!(out, "Value::Bool({b})");
        }
        toml::Value::Array(items) => {
            out.push_str("Value::Array(&[");
            for v in items {
                if !emit(v, out) {
                    return false;
                }
                out.push(',');
            }
            out.push_str("])");
        }
        toml::Value::Table(t) => {
            out.push_str("Value::Table(&[");
            for (k, v) in t {
                let _ = write!(out, "({k:?},");
                if !emit(v, out) {
                    return false;
                }
                out.push_str("),");
            }
            out.push_str("])");
        }
        _ => return false,
    }
    true
}

/// `Some(&tree)` for a file that parses, `None` otherwise.
fn tree(text: &str) -> String {
    let Ok(value) = text.parse::<toml::Table>() else {
        return "None".to_string();
    };
    let mut out = String::from("Some(&");
    if !emit(&toml::Value::Table(value), &mut out) {
        return "None".to_string();
    }
    out.push(')');
    out
}

/// The table's keys that are not in `known`: a file with one is parsed at run time (serde
/// names the unknown key with its line and column).
fn only_keys(t: &toml::Table, known: &[&str]) -> bool {
    t.keys().all(|k| known.contains(&k.as_str()))
}

/// A string as a Rust literal.
fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// `Some("…")` / `None` for an optional string key; `Err` when it holds something else.
fn opt_str(t: &toml::Table, key: &str) -> Result<String, ()> {
    match t.get(key) {
        None => Ok("None".to_string()),
        Some(toml::Value::String(s)) => Ok(format!("Some({})", lit(s))),
        Some(_) => Err(()),
    }
}

/// A required string key.
fn req_str(t: &toml::Table, key: &str) -> Result<String, ()> {
    match t.get(key) {
        Some(toml::Value::String(s)) => Ok(lit(s)),
        _ => Err(()),
    }
}

/// `&["…", …]` for an array of strings (`&[]` when absent).
fn str_list(v: Option<&toml::Value>) -> Result<String, ()> {
    let Some(v) = v else {
        return Ok("&[]".to_string());
    };
    let items = v.as_array().ok_or(())?;
    let mut out = String::from("&[");
    for i in items {
        out.push_str(&lit(i.as_str().ok_or(())?));
        out.push(',');
    }
    out.push(']');
    Ok(out)
}

/// `&[Cow::Borrowed("…"), …]` for an array of strings (`&[]` when absent).
fn cow_list(v: Option<&toml::Value>) -> Result<String, ()> {
    let Some(v) = v else {
        return Ok("&[]".to_string());
    };
    let items = v.as_array().ok_or(())?;
    let mut out = String::from("&[");
    for i in items {
        let _ = write!(
            out,
            "std::borrow::Cow::Borrowed({}),",
            lit(i.as_str().ok_or(())?)
        );
    }
    out.push(']');
    Ok(out)
}

/// A bool key with a default.
fn bool_or(t: &toml::Table, key: &str, default: bool) -> Result<bool, ()> {
    match t.get(key) {
        None => Ok(default),
        Some(toml::Value::Boolean(b)) => Ok(*b),
        Some(_) => Err(()),
    }
}

/// A rule file (`rules::file::RuleFile`) as a `rules::file::Static` expression, with the
/// checks serde makes while reading it (known keys, value types); enum values stay strings,
/// read with serde at run time. `None` for a file that does not fit: the program parses its
/// text instead and reports the error as for a user's file.
fn rule_static(text: &str) -> Option<String> {
    let t = text.parse::<toml::Table>().ok()?;
    let known = [
        "id",
        "summary",
        "description",
        "kind",
        "implies",
        "severity",
        "words",
        "patterns",
        "role",
        "structure",
        "window",
        "at-start",
        "allows",
        "test",
    ];
    if !only_keys(&t, &known) {
        return None;
    }
    let window = match t.get("window") {
        None => "None".to_string(),
        Some(toml::Value::Integer(i)) if *i >= 0 => format!("Some({i})"),
        Some(_) => return None,
    };
    let mut tests = String::from("&[");
    if let Some(v) = t.get("test") {
        for case in v.as_array()? {
            let c = case.as_table()?;
            if !only_keys(c, &["text", "expect", "source"]) {
                return None;
            }
            let _ = write!(
                tests,
                "({}, {}, {}),",
                req_str(c, "text").ok()?,
                req_str(c, "expect").ok()?,
                opt_str(c, "source").ok()?
            );
        }
    }
    tests.push(']');
    Some(format!(
        "crate::rules::file::Static {{ id: {}, summary: {}, description: {}, kind: {}, \
         implies: {}, severity: {}, words: {}, patterns: {}, role: {}, structure: {}, \
         window: {window}, at_start: {}, allows: {}, tests: {tests} }}",
        opt_str(&t, "id").ok()?,
        req_str(&t, "summary").ok()?,
        req_str(&t, "description").ok()?,
        req_str(&t, "kind").ok()?,
        opt_str(&t, "implies").ok()?,
        opt_str(&t, "severity").ok()?,
        cow_list(t.get("words")).ok()?,
        str_list(t.get("patterns")).ok()?,
        opt_str(&t, "role").ok()?,
        opt_str(&t, "structure").ok()?,
        bool_or(&t, "at-start", false).ok()?,
        str_list(t.get("allows")).ok()?,
    ))
}

/// `&[("name", &["…", …]), …]` for a table of string arrays (`&[]` when absent).
fn named_lists(v: Option<&toml::Value>) -> Result<String, ()> {
    let Some(v) = v else {
        return Ok("&[]".to_string());
    };
    let mut out = String::from("&[");
    for (k, words) in v.as_table().ok_or(())? {
        let _ = write!(out, "({}, {}),", lit(k), str_list(Some(words))?);
    }
    out.push(']');
    Ok(out)
}

/// A check file (`checks::load::CheckFile`) as a `checks::load::StaticCheck` expression, as
/// [`rule_static`] does for rule files.
fn check_static(text: &str) -> Option<String> {
    let t = text.parse::<toml::Table>().ok()?;
    let known = [
        "id",
        "summary",
        "description",
        "severity",
        "raised_severity",
        "enabled",
        "help",
        "lists",
        "numbers",
        "synonyms",
        "allows",
        "test",
    ];
    if !only_keys(&t, &known) {
        return None;
    }
    let mut numbers = String::from("&[");
    if let Some(v) = t.get("numbers") {
        for (k, n) in v.as_table()? {
            // serde reads an integer into an `f64` too
            let x = match n {
                toml::Value::Float(x) if x.is_finite() => *x,
                toml::Value::Integer(i) => *i as f64,
                _ => return None,
            };
            let _ = write!(numbers, "({}, {x:?}),", lit(k));
        }
    }
    numbers.push(']');
    let mut tests = String::from("&[");
    if let Some(v) = t.get("test") {
        for case in v.as_array()? {
            let c = case.as_table()?;
            if !only_keys(c, &["text", "severity", "span"]) {
                return None;
            }
            let _ = write!(
                tests,
                "({}, {}, {}),",
                req_str(c, "text").ok()?,
                opt_str(c, "severity").ok()?,
                opt_str(c, "span").ok()?
            );
        }
    }
    tests.push(']');
    Some(format!(
        "crate::rules::file::StaticCheck {{ id: {}, summary: {}, description: {}, \
         severity: {}, raised_severity: {}, enabled: {}, help: {}, lists: {}, \
         numbers: {numbers}, synonyms: {}, allows: {}, tests: {tests} }}",
        opt_str(&t, "id").ok()?,
        req_str(&t, "summary").ok()?,
        req_str(&t, "description").ok()?,
        req_str(&t, "severity").ok()?,
        opt_str(&t, "raised_severity").ok()?,
        bool_or(&t, "enabled", true).ok()?,
        req_str(&t, "help").ok()?,
        named_lists(t.get("lists")).ok()?,
        named_lists(t.get("synonyms")).ok()?,
        str_list(t.get("allows")).ok()?,
    ))
}

/// The strings of `key = [...]` in a rule file that parses, if `want` says so.
fn strings(text: &str, key: &str, want: impl Fn(&toml::Table) -> bool) -> Vec<String> {
    let Ok(value) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    match value.get(key) {
        Some(toml::Value::Array(items)) if want(&value) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// The forms of every verb entry, sorted by entry, as Rust items (see `rules::inflect`).
fn inflect(entries: &mut Vec<String>, out: &mut String) {
    // an entry with a gap (`deliver a .. message`) is looked up without it and by its head
    // (`rules::engine`): those forms too, so that start-up computes none
    let gapped: Vec<String> = entries
        .iter()
        .filter_map(|e| verb_forms::split_gap(e))
        .flat_map(|(head, tail)| [format!("{head} {tail}"), head.to_string()])
        .collect();
    entries.extend(gapped);
    entries.sort();
    entries.dedup();
    out.push_str(
        "use crate::rules::inflect::Form;\n\n\
         /// The forms of every built-in verb entry, sorted by entry.\n\
         pub static VERB_FORMS: &[(&str, &[(&str, Form)])] = &[\n",
    );
    for e in entries.iter() {
        let forms: Vec<String> = verb_forms::compute(e)
            .iter()
            .map(|(w, f)| format!("({w:?}, Form::{f:?})"))
            .collect();
        let _ = writeln!(out, "    ({e:?}, &[{}]),", forms.join(", "));
    }
    out.push_str("];\n\n");
}

/// The valid patterns among `sources`, with their cut-down expressions, and the alphabet they
/// share (one translation of a text serves them all), as Rust items.
fn precompute(sources: &[String], out: &mut String) {
    let mut valid: Vec<(&String, regex_syntax::hir::Hir)> = Vec::new();
    for source in sources {
        let Ok(hir) = regex_syntax::Parser::new().parse(source) else {
            continue;
        };
        if alphabet::unknown_group(&hir).is_none() {
            valid.push((source, hir));
        }
    }
    let hirs: Vec<&regex_syntax::hir::Hir> = valid.iter().map(|(_, h)| h).collect();
    let alpha = alphabet::Alphabet::new(&hirs);
    let (starts, reps) = alpha.parts();
    let _ = writeln!(
        out,
        "static STARTS: [u32; {}] = {starts:?};\nstatic REPS: [char; {}] = {reps:?};\n",
        starts.len(),
        reps.len()
    );
    out.push_str(
        "/// Every valid pattern of the built-in rule files, sorted (`rules::pattern::Prepared`).\n\
         pub static PATTERNS: &[crate::rules::pattern::Prepared] = &[\n",
    );
    let class = alpha.chars();
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let mut builders = String::new();
    for (i, (source, hir)) in valid.iter().enumerate() {
        let cut = alphabet::restrict(hir, &class).to_string();
        // the cut-down expression must read back (it is parsed at run time)
        if let Ok(cut_hir) = regex_syntax::Parser::new().parse(&cut) {
            let dir = Path::new(&out_dir);
            let [gate, anchored, starts] = gate::write(&cut_hir, false, dir, i);
            let [raw, raw_anchored, raw_starts] = gate::write(hir, true, dir, i);
            let needs = gate::required_byte(hir);
            let _ = writeln!(
                out,
                "    crate::rules::pattern::Prepared {{ source: {source:?}, cut: {cut:?}, \
                 starts: &STARTS, reps: &REPS, \
                 gate: crate::rules::pattern::GateTables {{ dfa: {gate}, anchored: {anchored}, \
                 literals: {starts} }}, \
                 raw: crate::rules::pattern::GateTables {{ dfa: {raw}, anchored: {raw_anchored}, \
                 literals: {raw_starts} }}, needs: {needs:?}, cut_hir: cut_hir_{i} }},"
            );
            let _ = writeln!(
                builders,
                "\n#[rustfmt::skip]\nfn cut_hir_{i}() -> regex_syntax::hir::Hir {{\n    \
                 use regex_syntax::hir::*;\n    {}\n}}",
                gate::hir_code(&cut_hir)
            );
        }
    }
    out.push_str("];\n");
    out.push_str(&builders);
}

/// Links the `whosaid` binary (not the tests or the library) as a fixed-address executable
/// on Linux with glibc, unless `WHOSAID_PIE` is set: a position-independent executable has
/// about 37,600 pointers in its read-only data (the standard library's, the dependencies',
/// the rule tables') that the loader relocates at every start, and each written page of them
/// is a page fault: together a third of the start-up's page faults and a quarter of its CPU
/// time (checking a 5 KB article: 557 -> 386 page faults, 3.7 -> 2.8 ms CPU; issue 6). The
/// price is that the binary's own code and data are not placed at a random address (shared
/// libraries, heap and stack still are); `WHOSAID_PIE=1 cargo build` builds a PIE. `-no-pie` is
/// understood by the C compiler Rust links with on Linux (`cc`: gcc or clang).
fn no_pie() {
    println!("cargo:rerun-if-env-changed=WHOSAID_PIE");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && std::env::var_os("WHOSAID_PIE").is_none()
    {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

fn main() {
    no_pie();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    // the modules shared with the crate decide what is written here too
    for shared in [
        "src/rules/alphabet.rs",
        "src/rules/verb_forms.rs",
        "src/rules/wordindex.rs",
        "src/lexicon/alnum.rs",
        "src/lexicon/hash.rs",
        "src/lexicon/trie.rs",
        "src/lexicon/words.rs",
        "build/engine.rs",
        "src/checks/lists.rs",
        "build/checks.rs",
    ] {
        println!("cargo:rerun-if-changed={shared}");
    }
    let mut out = String::from("use crate::rules::value::Value;\n\n");
    out.push_str(
        "/// (file stem, contents, the file as read at build time) of every built-in rule file.\n\
         pub static BUILTIN: &[(&str, &str, Option<&crate::rules::file::Static>)] = &[\n",
    );
    let mut pats: Vec<String> = Vec::new();
    let mut verbs: Vec<String> = Vec::new();
    let mut parsed: Vec<(String, Option<toml::Table>)> = Vec::new();
    for f in toml_files(&root) {
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        parsed.push((stem.to_string(), text.parse::<toml::Table>().ok()));
        pats.extend(strings(&text, "patterns", |_| true));
        verbs.extend(strings(&text, "words", |t| {
            t.get("kind").and_then(|k| k.as_str()) == Some("verb")
        }));
        let read = rule_static(&text).map_or_else(|| "None".to_string(), |r| format!("Some(&{r})"));
        let _ = writeln!(
            out,
            "    ({stem:?}, include_str!({:?}), {read}),",
            f.display().to_string(),
        );
    }
    out.push_str("];\n\n");
    out.push_str(
        "/// (file stem, the file as read at build time) of every built-in check file.\n\
         pub static CHECKS: &[(&str, Option<&crate::rules::file::StaticCheck>)] = &[\n",
    );
    for f in toml_files(&root.join("checks")) {
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let read =
            check_static(&text).map_or_else(|| "None".to_string(), |r| format!("Some(&{r})"));
        let _ = writeln!(out, "    ({stem:?}, {read}),");
    }
    out.push_str("];\n\n");
    // the segmenter's language data, read by `segment::lang::en`
    let lang_file = root.join("lang").join("en.toml");
    println!("cargo:rerun-if-changed={}", lang_file.display());
    let lang = std::fs::read_to_string(&lang_file).unwrap_or_default();
    let _ = writeln!(
        out,
        "/// The parsed tree of `rules/lang/en.toml`, if it parsed.\n\
         pub static LANG_EN: Option<&Value> = {};\n",
        tree(&lang)
    );
    pats.sort();
    pats.dedup();
    precompute(&pats, &mut out);
    inflect(&mut verbs, &mut out);
    engine::write(&mut parsed, &mut out);
    let out_dir = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).to_path_buf();
    let dest = out_dir.join("builtin_rules.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
    // the character tables of `lexicon::alnum`
    let dest = out_dir.join("alnum_tables.rs");
    if let Err(e) = std::fs::write(&dest, alnum::write_tables()) {
        panic!("cannot write {}: {e}", dest.display());
    }
    // the editorial checks' shared lexicon (`checks::index`), in a file of its own
    let mut checks_out = String::new();
    checks::write(&root.join("checks"), &mut checks_out);
    let dest = out_dir.join("builtin_checks.rs");
    if let Err(e) = std::fs::write(&dest, checks_out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
