//! The small subcommands: `segment`, `rules`, `explain`, `init`.

use super::ruleset;
use super::{read_input, report_error, ExplainArgs, InitArgs, Io, RulesArgs, SegmentArgs};
use super::{InputFormat, SegmentFormat};
use crate::document::Format;
use crate::error::{Error, EXIT_CONFIG, EXIT_INPUT, EXIT_OK};
use crate::report;
use crate::rules::render::{render_explain, render_rule_list};
use std::io::Write;
use std::path::Path;

pub fn segment(a: SegmentArgs, io: &mut Io) -> i32 {
    let format = a.input_format.map(Format::from).unwrap_or_else(|| {
        if a.file == Path::new("-") {
            InputFormat::Plain.into()
        } else {
            Format::from_path(&a.file)
        }
    });
    let bytes = match read_input(&a.file, io) {
        Ok(b) => b,
        Err(e) => return report_error(&e, io),
    };
    let source = match crate::input::decode(&a.file, bytes) {
        Ok(s) => s,
        Err(e) => return report_error(&e, io),
    };
    let doc = crate::input::parse(a.file.clone(), format, source);
    let seg = crate::segment::segment(&doc);
    let out = match a.format {
        SegmentFormat::Text => report::segment::render_lines(&doc, &seg),
        SegmentFormat::Json => report::segment::render_json(&doc, &seg),
    };
    let _ = io.stdout.write_all(out.as_bytes());
    EXIT_OK
}

pub fn rules(a: RulesArgs, io: &mut Io) -> i32 {
    if !a.check.is_empty() {
        return self_check(&a, io);
    }
    match ruleset::load(&a.rules) {
        Ok(c) => {
            let list = render_rule_list(&ruleset::infos(&c));
            let _ = io.stdout.write_all(list.as_bytes());
            EXIT_OK
        }
        Err(e) => report_error(&e, io),
    }
}

/// `whosaid rules --check PATH…`: loads the files (with the built-in rules around them, as a
/// run would) and runs the examples of the rules and checks from those files.
fn self_check(a: &RulesArgs, io: &mut Io) -> i32 {
    let checker = match ruleset::load(&a.check) {
        Ok(c) => c,
        Err(e) => return report_error(&e, io),
    };
    let checked: Vec<_> = ruleset::infos(&checker)
        .into_iter()
        .filter(|i| i.path.is_some())
        .collect();
    let examples: usize = checked.iter().map(|i| i.examples.len()).sum();
    let failures = ruleset::self_check(&checker);
    for f in &failures {
        let path = f.path.as_deref().unwrap_or(Path::new("-"));
        let _ = writeln!(
            io.stderr,
            "error: {}: rule `{}`: {}\n  example: {}",
            path.display(),
            f.rule,
            f.message,
            f.text
        );
    }
    let _ = writeln!(
        io.stdout,
        "{} rule{} checked, {} example{}, {} failure{}",
        checked.len(),
        plural(checked.len()),
        examples,
        plural(examples),
        failures.len(),
        plural(failures.len())
    );
    if failures.is_empty() {
        EXIT_OK
    } else {
        EXIT_CONFIG
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

pub fn explain(a: ExplainArgs, io: &mut Io) -> i32 {
    let c = match ruleset::load(&a.rules) {
        Ok(c) => c,
        Err(e) => return report_error(&e, io),
    };
    let set = ruleset::infos(&c);
    match render_explain(&set, &a.id) {
        Some(text) => {
            let _ = io.stdout.write_all(text.as_bytes());
            EXIT_OK
        }
        None => {
            let _ = writeln!(
                io.stderr,
                "error: no rule `{}` (`whosaid rules` lists them)",
                a.id
            );
            EXIT_INPUT
        }
    }
}

pub fn init(a: InitArgs, io: &mut Io) -> i32 {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&a.path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let _ = writeln!(
                io.stderr,
                "error: {} already exists; not overwritten",
                a.path.display()
            );
            return EXIT_INPUT;
        }
        Err(source) => {
            return report_error(
                &Error::Io {
                    path: a.path.clone(),
                    source,
                },
                io,
            )
        }
    };
    if let Err(source) = file.write_all(crate::config::STARTER.as_bytes()) {
        return report_error(
            &Error::Io {
                path: a.path.clone(),
                source,
            },
            io,
        );
    }
    let _ = writeln!(io.stderr, "wrote {}", a.path.display());
    EXIT_OK
}
