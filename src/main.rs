//! The `whosaid` binary: parse arguments, run, exit with the code the library chose.
#![forbid(unsafe_code)]

use clap::Parser;
use std::io::IsTerminal;

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
    let mut io = whosaid::cli::Io {
        stdout_is_terminal: stdout.is_terminal(),
        stderr_is_terminal: stderr.is_terminal(),
        stdin: &mut stdin.lock(),
        stdout: &mut std::io::BufWriter::new(stdout.lock()),
        stderr: &mut stderr.lock(),
    };
    let code = whosaid::cli::run(cli, &mut io);
    let _ = io.stdout.flush();
    std::process::exit(code);
}
