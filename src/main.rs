//! The `whosaid` binary: parse arguments, run, exit with the code the library chose.
#![forbid(unsafe_code)]

use clap::Parser;
use std::io::{IsTerminal, Write};

/// Bytes of the report gathered before they are written to a file or a pipe (64 KiB); a
/// terminal gets the standard 8 KiB, so that a long run shows its findings as it goes.
const STDOUT_BUFFER: usize = 1 << 16;
const TERMINAL_BUFFER: usize = 8 << 10;

/// The standard output as a file of its own (a duplicate of its descriptor), to write to it
/// with no buffer of the standard library's in between.
#[cfg(unix)]
fn raw_stdout(stdout: &std::io::Stdout) -> Option<std::fs::File> {
    use std::os::fd::AsFd;
    stdout
        .as_fd()
        .try_clone_to_owned()
        .ok()
        .map(std::fs::File::from)
}

#[cfg(not(unix))]
fn raw_stdout(_: &std::io::Stdout) -> Option<std::fs::File> {
    None
}

fn main() {
    let cli = match whosaid::cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            // help and version are not errors; everything else is a usage error (exit 2)
            std::process::exit(if e.use_stderr() {
                whosaid::error::EXIT_INPUT
            } else {
                0
            });
        }
    };
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let stdout_is_terminal = stdout.is_terminal();
    // a file or a pipe is written past the standard output's line buffer, which wrote every
    // report in pieces cut at line breaks (issue 6: 1,225 system calls for the JSON report of
    // the corpus, most of a few bytes); a terminal keeps it
    let mut raw = None;
    let mut locked = None;
    let out: &mut dyn Write = match (!stdout_is_terminal).then(|| raw_stdout(&stdout)).flatten() {
        Some(f) => raw.insert(f),
        None => locked.insert(stdout.lock()),
    };
    let mut io = whosaid::cli::Io {
        stdout_is_terminal,
        stderr_is_terminal: stderr.is_terminal(),
        stdin: &mut stdin.lock(),
        stdout: &mut std::io::BufWriter::with_capacity(
            if stdout_is_terminal {
                TERMINAL_BUFFER
            } else {
                STDOUT_BUFFER
            },
            out,
        ),
        stderr: &mut stderr.lock(),
    };
    let code = whosaid::cli::run(cli, &mut io);
    let _ = io.stdout.flush();
    std::process::exit(code);
}
