//! Command-line interface: argument definitions and the commands, writing to the given streams.

use crate::check::{Checker, FileReport};
use crate::document::Format;
use crate::error::{Error, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::report;
use crate::rules::RuleSet;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "whosaid",
    version,
    about = "Checks news copy for source attribution"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Label every sentence and report findings.
    Check(CheckArgs),
    /// Split a file into sentences (one a line, or JSON with blocks and quotations).
    Segment(SegmentArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Terminal,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check (`-` for standard input).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Terminal)]
    pub format: OutputFormat,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Format of standard input.
    #[arg(long, value_enum, default_value_t = InputFormat::Plain)]
    pub stdin_format: InputFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Plain,
    Markdown,
    Html,
}

impl From<InputFormat> for Format {
    fn from(f: InputFormat) -> Format {
        match f {
            InputFormat::Plain => Format::Plain,
            InputFormat::Markdown => Format::Markdown,
            InputFormat::Html => Format::Html,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SegmentFormat {
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct SegmentArgs {
    /// File to segment, or `-` for standard input.
    #[arg(default_value = "-")]
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = SegmentFormat::Text)]
    pub format: SegmentFormat,
    /// Input format (default: from the file extension; plain for standard input).
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
}

/// Standard streams of a run.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli, io: &mut Io) -> i32 {
    match cli.command {
        Command::Check(a) => check(a, io),
        Command::Segment(a) => segment(a, io),
    }
}

fn read_input(path: &Path, io: &mut Io) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        io.stdin
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
        Ok(bytes)
    } else {
        std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}

fn report_error(e: &Error, io: &mut Io) -> i32 {
    let _ = writeln!(io.stderr, "error: {e}");
    e.exit_code()
}

fn segment(a: SegmentArgs, io: &mut Io) -> i32 {
    let format = a.input_format.map(Format::from).unwrap_or_else(|| {
        if a.file == Path::new("-") {
            Format::Plain
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

/// Files under `path` with a checkable extension, sorted; `path` itself when it is a file.
fn collect_files(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_files(&p, out)?;
        } else if is_checkable(&p) {
            out.push(p);
        }
    }
    Ok(())
}

/// Extensions `check` picks up when walking a directory.
pub fn is_checkable(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("md" | "markdown" | "txt" | "text" | "html" | "htm")
    )
}

fn check(a: CheckArgs, io: &mut Io) -> i32 {
    let rules = match RuleSet::builtin() {
        Ok(r) => r,
        Err(e) => return report_error(&e, io),
    };
    let checker = Checker::new(rules);
    let mut reports: Vec<FileReport> = Vec::new();
    let mut input_error = false;
    for path in &a.paths {
        if path == Path::new("-") {
            match read_input(path, io)
                .and_then(|b| checker.check_bytes(path.clone(), a.stdin_format.into(), b))
            {
                Ok(r) => reports.push(r),
                Err(e) => {
                    report_error(&e, io);
                    input_error = true;
                }
            }
            continue;
        }
        let mut files = Vec::new();
        if let Err(e) = collect_files(path, &mut files) {
            report_error(&e, io);
            input_error = true;
        }
        for f in files {
            let format = Format::from_path(&f);
            match read_input(&f, io).and_then(|b| checker.check_bytes(f.clone(), format, b)) {
                Ok(r) => reports.push(r),
                Err(e) => {
                    report_error(&e, io);
                    input_error = true;
                }
            }
        }
    }
    let out = match a.format {
        OutputFormat::Terminal => report::terminal::render(&reports),
        OutputFormat::Json => report::json::render(&reports),
    };
    let _ = io.stdout.write_all(out.as_bytes());
    let threshold = match a.fail_on {
        FailOn::Error => Some(crate::checks::Severity::Error),
        FailOn::Warning => Some(crate::checks::Severity::Warning),
        FailOn::Info => Some(crate::checks::Severity::Info),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| {
        reports
            .iter()
            .any(|r| r.findings.iter().any(|f| f.severity >= t))
    });
    if input_error {
        EXIT_INPUT
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
