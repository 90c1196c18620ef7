//! `whosaid.toml` configuration: discovery, parsing (deny unknown keys), merging.
//!
//! A configuration file is found by walking up from each checked path (`whosaid.toml`, then
//! `.whosaid.toml`, in each directory; the nearest wins). Paths inside it (rule files, globs)
//! are relative to the directory of the file.

use crate::checks::Severity;
use crate::error::{Error, Result};
use crate::span::LineIndex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// File names looked for in each directory, in this order.
pub const CONFIG_NAMES: [&str; 2] = ["whosaid.toml", ".whosaid.toml"];

/// Lowest severity that makes `whosaid check` exit with code 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Fail on errors only (the default).
    #[default]
    Error,
    Warning,
    Info,
    /// Never fail because of findings (exit 0 unless an input or config error).
    Never,
}

impl FailOn {
    /// The lowest failing severity, `None` for `never`.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// Output format as written in a config file (`format = "sarif"`) or on the command line: the
/// report formats themselves.
pub use crate::report::ReportFormat as OutputFormat;

/// `[html]` table: what HTML input skips besides `script`, `style`, `pre` and `code`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HtmlConfig {
    /// Element names, `.class`, `#id` or `tag.class` selectors whose content is not prose.
    #[serde(default)]
    pub skip_selectors: Vec<String>,
    /// Class names whose elements are skipped (bylines, captions, navigation).
    #[serde(default)]
    pub skip_classes: Vec<String>,
}

/// The keys of a `whosaid.toml`, exactly as written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Extra rule files or directories, relative to the config file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Rule ids to turn on (rules that are off by default).
    #[serde(default)]
    pub enable: Vec<String>,
    /// Rule ids to turn off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Severity per rule id.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    pub fail_on: Option<FailOn>,
    /// Globs of files to check when walking directories (default: by extension).
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of files and directories never to check.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// How many following sentences may inherit an attribution (classifier carry-over window).
    pub carry_over: Option<usize>,
    pub format: Option<OutputFormat>,
    #[serde(default)]
    pub html: HtmlConfig,
}

/// A loaded configuration: its file (if any) and the directory its relative paths start from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// `None` for the empty default configuration (no file found, or `--isolated`).
    pub path: Option<PathBuf>,
    pub dir: PathBuf,
    pub file: ConfigFile,
    /// The text of the file, to point at a value in later messages.
    pub text: String,
}

impl Config {
    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: format!("cannot read the configuration file: {e}"),
        })?;
        let file = parse(path, &text)?;
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        Ok(Config {
            path: Some(path.to_path_buf()),
            dir,
            file,
            text,
        })
    }

    /// `line:column: message`, pointing at the first `"value"` (or `value =` when `key`) in the
    /// file, for errors found after parsing: an unknown rule id, an invalid glob.
    pub fn locate(&self, value: &str, key: bool, message: &str) -> String {
        let needle = if key {
            format!("{value} =")
        } else {
            format!("\"{value}\"")
        };
        match self.text.find(&needle) {
            Some(at) => {
                let index = LineIndex::new(&self.text);
                let lc = index.line_col(&self.text, at);
                let line = index.line_span(&self.text, lc.line).slice(&self.text);
                format!("{}:{}: {message}\n  {line}", lc.line, lc.column)
            }
            None => message.to_string(),
        }
    }

    /// Rule paths resolved against the config directory.
    pub fn rule_paths(&self) -> Vec<PathBuf> {
        self.file.rules.iter().map(|p| self.dir.join(p)).collect()
    }
}

/// The valid top-level keys, for messages.
const TOP_KEYS: &str =
    "rules, enable, disable, severity, fail-on, include, exclude, carry-over, format, html";

/// Parses the text of a configuration file; errors name the file, line, column and key.
pub fn parse(path: &Path, text: &str) -> Result<ConfigFile> {
    toml::from_str::<ConfigFile>(text).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        message: describe_toml_error(text, e.message(), e.span()),
    })
}

/// `line:column: message` for a TOML (syntax or schema) error, naming the key on that line and
/// listing the valid keys when the problem is an unknown key.
pub fn describe_toml_error(
    text: &str,
    message: &str,
    span: Option<std::ops::Range<usize>>,
) -> String {
    let mut message = message.trim().replace('\n', "; ");
    if message.starts_with("unknown field") {
        message = message
            .replace("unknown field", "unknown key")
            .replace("expected one of", "valid keys are")
            .replace(", expected ", ", valid keys are ");
    } else if message.starts_with("unknown variant") {
        message = message
            .replace("expected one of", "valid values are")
            .replace(", expected ", ", valid values are ");
    } else if message.starts_with("invalid type") {
        message = message.replace("expected usize", "expected a whole number");
    } else {
        message = format!("TOML syntax error: {message}");
    }
    let Some(span) = span else {
        return format!("{message} (valid keys: {TOP_KEYS})");
    };
    let index = LineIndex::new(text);
    let lc = index.line_col(text, span.start);
    let line_text = index.line_span(text, lc.line).slice(text);
    let key = key_of_line(line_text);
    let mut out = format!("{}:{}: ", lc.line, lc.column);
    match key {
        Some(k) if !message.contains(&format!("`{k}`")) => {
            out.push_str(&format!("key `{k}`: {message}"));
        }
        _ => out.push_str(&message),
    }
    if !line_text.trim().is_empty() {
        out.push_str(&format!("\n  {line_text}"));
    }
    out
}

/// The key assigned on a TOML line (`carry-over = 2` → `carry-over`), if it is an assignment.
fn key_of_line(line: &str) -> Option<&str> {
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    ok.then_some(key)
}

/// Finds the configuration file that applies to `path`: the nearest `whosaid.toml` or
/// `.whosaid.toml` in its directory or an ancestor. `cache` memoises directories.
pub fn discover(
    path: &Path,
    cache: &mut std::collections::HashMap<PathBuf, Option<PathBuf>>,
) -> Option<PathBuf> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let start = if abs.is_dir() {
        abs
    } else {
        abs.parent().map(Path::to_path_buf).unwrap_or(abs)
    };
    let mut visited = Vec::new();
    let mut dir = Some(start.as_path());
    let mut found = None;
    while let Some(d) = dir {
        if let Some(hit) = cache.get(d) {
            found = hit.clone();
            break;
        }
        visited.push(d.to_path_buf());
        if let Some(p) = CONFIG_NAMES.iter().map(|n| d.join(n)).find(|p| p.is_file()) {
            found = Some(p);
            break;
        }
        dir = d.parent();
    }
    for d in visited {
        cache.insert(d, found.clone());
    }
    found
}

/// A commented starter configuration (`whosaid init`). Every key is valid as written.
pub const STARTER: &str = r#"# whosaid configuration. whosaid uses the nearest whosaid.toml (or .whosaid.toml) found by
# walking up from each checked file; `--config FILE` picks one explicitly and `--isolated`
# ignores them all. Paths are relative to this file.

# Extra rule files or directories of rule files (TOML, one rule a file).
rules = []

# Turn rules on or off by id (`whosaid rules` lists them).
enable = []
disable = []

# Lowest severity that makes `whosaid check` exit with code 1: error, warning, info or never.
fail-on = "error"

# Default output format: terminal, json, sarif, github, rdjson or html.
format = "terminal"

# Which files a directory walk checks (default: .md .markdown .txt .html .htm; .gitignore is
# honoured). Globs match paths relative to this file.
include = []
exclude = ["drafts/**"]

# How many following sentences may inherit an attribution from the sentence before.
# carry-over = 2

# Severity per rule id: "error", "warning" or "info".
[severity]
# unattributed-claim = "warning"

[html]
# Elements skipped in HTML articles besides script, style, pre and code: tag names, .class,
# #id or tag.class.
skip-selectors = ["nav", "header", "footer", "figcaption"]
# Class names of bylines, captions and navigation.
skip-classes = ["byline", "caption"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses() {
        let c = parse(Path::new("whosaid.toml"), STARTER).unwrap();
        assert_eq!(c.fail_on, Some(FailOn::Error));
        assert_eq!(c.html.skip_classes, ["byline", "caption"]);
    }

    #[test]
    fn unknown_key_names_line_column_and_valid_keys() {
        let e = parse(Path::new("w.toml"), "enable = []\ncolour = 1\n").unwrap_err();
        let m = e.to_string();
        assert!(m.starts_with("w.toml:2:1: unknown key `colour`"), "{m}");
        assert!(m.contains("valid keys are"), "{m}");
        assert!(m.contains("`carry-over`"), "{m}");
    }

    #[test]
    fn wrong_type_names_the_key() {
        let e = parse(Path::new("w.toml"), "carry-over = \"two\"\n").unwrap_err();
        let m = e.to_string();
        assert!(
            m.starts_with("w.toml:1:14: key `carry-over`: invalid type"),
            "{m}"
        );
    }
}
