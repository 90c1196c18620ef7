//! The one error type of the crate, and the exit code each kind maps to.

use std::path::PathBuf;

/// Exit code: nothing at or above `--fail-on`.
pub const EXIT_OK: i32 = 0;
/// Exit code: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: bad command line, or an input file that could not be checked.
pub const EXIT_INPUT: i32 = 2;
/// Exit code: a rule or configuration file is invalid (BSD `EX_CONFIG`, as typos uses).
pub const EXIT_CONFIG: i32 = 78;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: invalid UTF-8 at byte {offset}; the file was not checked (convert it to UTF-8)", path.display())]
    InvalidUtf8 {
        path: PathBuf,
        offset: usize,
        line: usize,
        column: usize,
    },
    #[error("{}: looks like a binary file (NUL byte at offset {offset}); not checked", path.display())]
    Binary { path: PathBuf, offset: usize },
    /// A rule file is invalid. `message` already names line, column and key where known.
    #[error("{}: {message}", path.display())]
    Rule { path: PathBuf, message: String },
    /// A configuration file is invalid. A `message` that starts with `line:column:` is joined
    /// to the path as `file:line:column: …`.
    #[error("{}", located(path, message))]
    Config { path: PathBuf, message: String },
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Rule { .. } | Error::Config { .. } => EXIT_CONFIG,
            _ => EXIT_INPUT,
        }
    }
}

/// `path: message`, or `path:line:col: …` when the message starts with a position.
fn located(path: &std::path::Path, message: &str) -> String {
    let sep = if message.starts_with(|c: char| c.is_ascii_digit()) {
        ":"
    } else {
        ": "
    };
    format!("{}{sep}{message}", path.display())
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
