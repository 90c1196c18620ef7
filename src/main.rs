//! The `whosaid` binary: parse arguments, run, exit with the code the library chose.

use clap::Parser;

fn main() {
    let cli = whosaid::cli::Cli::parse();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut io = whosaid::cli::Io {
        stdin: &mut stdin.lock(),
        stdout: &mut stdout.lock(),
        stderr: &mut stderr.lock(),
    };
    let code = whosaid::cli::run(cli, &mut io);
    std::process::exit(code);
}
