//! Command-line interface: argument definitions and the commands, writing to the given streams.

mod baseline;
mod check;
mod commands;
mod diff;
mod pipeline;
mod profile;
mod progress;
mod ruleset;

pub use crate::config::{FailOn, OutputFormat};
use crate::document::Format;
use crate::error::Error;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub use crate::walk::is_checkable;

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
    /// List the built-in and loaded rules, or self-check rule files (`--check PATH`).
    Rules(RulesArgs),
    /// Show a rule's description and examples.
    Explain(ExplainArgs),
    /// Write a commented starter `whosaid.toml` in the current directory.
    Init(InitArgs),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug, Default)]
pub struct CheckArgs {
    /// Files or directories to check (`-` for standard input).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format [default: terminal, or `format` from the configuration].
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Lowest severity that makes the exit code 1 [default: error, or `fail-on` from the configuration].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Extra rule file or directory (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Turn a rule off (repeatable).
    #[arg(long, value_name = "ID")]
    pub disable: Vec<String>,
    /// Turn a rule on (repeatable).
    #[arg(long, value_name = "ID")]
    pub enable: Vec<String>,
    /// Use this configuration file for every path (no discovery).
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,
    /// Terminal format: counts only.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Terminal format: print each file's source ledger.
    #[arg(long)]
    pub sources: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Report only findings on lines changed since this git revision.
    #[arg(long, visible_alias = "changed-since", value_name = "REV")]
    pub diff: Option<String>,
    /// Accept the findings recorded in FILE; fail only on new ones.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in FILE (then exit 0 unless a file could not be checked).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Files checked in parallel [default: number of cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Format of standard input.
    #[arg(long, value_enum, default_value_t = InputFormat::Plain)]
    pub stdin_format: InputFormat,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    #[default]
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

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// Load only these rule files or directories and run their own examples; exit 78 on failure.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub check: Vec<PathBuf>,
    /// Extra rule file or directory to list with the built-in ones (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// Rule id (`whosaid rules` lists them).
    pub id: String,
    /// Extra rule file or directory (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// Where to write the file.
    #[arg(default_value = "whosaid.toml")]
    pub path: PathBuf,
}

/// Standard streams of a run, and whether they are terminals (for colour and progress).
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    pub stdout_is_terminal: bool,
    pub stderr_is_terminal: bool,
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli, io: &mut Io) -> i32 {
    match cli.command {
        Command::Check(a) => check::run(a, io),
        Command::Segment(a) => commands::segment(a, io),
        Command::Rules(a) => commands::rules(a, io),
        Command::Explain(a) => commands::explain(a, io),
        Command::Init(a) => commands::init(a, io),
    }
}

pub(crate) fn read_input(path: &Path, io: &mut Io) -> Result<Vec<u8>, Error> {
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
        read_file(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// The bytes of the file at `path`, like [`std::fs::read`] with one system call less a file:
/// a regular file is read up to the size its `stat` gave, without a last `read` that returns
/// nothing to find its end (issue 6: `open`, `statx`, `read`, `close` instead of two `read`s
/// per file). A file that shrank meanwhile is read to its new end; anything else (a pipe, a
/// device, a `/proc` file reporting size 0) is read to its end as `std::fs::read` does.
pub(crate) fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_file_into(path, &mut bytes)?;
    Ok(bytes)
}

/// [`read_file`] into `bytes` (cleared first), so that a buffer can serve file after file.
pub(crate) fn read_file_into(path: &Path, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    bytes.clear();
    let mut file = std::fs::File::open(path)?;
    let size = file
        .metadata()
        .ok()
        .filter(std::fs::Metadata::is_file)
        .and_then(|m| usize::try_from(m.len()).ok())
        .filter(|&n| n > 0);
    match size {
        Some(n) => {
            bytes.try_reserve_exact(n)?;
            // `take` ends the read at `n` bytes without asking the system again
            file.take(n as u64).read_to_end(bytes)?;
        }
        None => {
            file.read_to_end(bytes)?;
        }
    }
    Ok(())
}

pub(crate) fn report_error(e: &Error, io: &mut Io) -> i32 {
    let _ = writeln!(io.stderr, "error: {e}");
    e.exit_code()
}
