//! `--diff REV`: the lines changed since a git revision, from `git diff -U0 REV`, to keep only
//! the findings on those lines (and check only the files that changed).

use crate::checks::Finding;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::span::LineIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Changed line ranges (1-based, inclusive, in the current file) per file (canonical path).
#[derive(Debug, Default)]
pub struct Changes {
    files: HashMap<PathBuf, Vec<(usize, usize)>>,
}

fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .output()
        .map_err(|e| Error::Usage(format!("--diff: cannot run git: {e}")))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(Error::Usage(format!(
            "--diff: `git {}` failed: {}",
            args.join(" "),
            msg.trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

impl Changes {
    /// Runs git in `dir` (any directory inside the repository).
    pub fn since(rev: &str, dir: &Path) -> Result<Changes> {
        let top = git(dir, &["rev-parse", "--show-toplevel"])?;
        let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
        let diff = git(
            &top,
            &[
                "diff",
                "-U0",
                "--no-color",
                "--no-ext-diff",
                "--no-renames",
                rev,
                "--",
            ],
        )?;
        let mut changes = Changes::parse(&top, &diff);
        // files git does not track yet are new: every line of them counts as changed
        let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
        for name in untracked.split('\0').filter(|n| !n.is_empty()) {
            let p = top.join(name);
            let p = std::fs::canonicalize(&p).unwrap_or(p);
            changes
                .files
                .entry(p)
                .or_insert_with(|| vec![(1, usize::MAX)]);
        }
        Ok(changes)
    }

    /// Parses unified diff output with zero context; paths are joined to `top`.
    pub fn parse(top: &Path, diff: &str) -> Changes {
        let mut files: HashMap<PathBuf, Vec<(usize, usize)>> = HashMap::new();
        let mut current: Option<PathBuf> = None;
        for line in diff.lines() {
            if let Some(rest) = line.strip_prefix("+++ ") {
                // git ends a name with a space in it with a tab, and quotes unusual names
                let rest = rest.trim_end_matches('\t').trim_matches('"');
                current = rest.strip_prefix("b/").map(|p| {
                    let p = top.join(p);
                    std::fs::canonicalize(&p).unwrap_or(p)
                });
            } else if let Some(rest) = line.strip_prefix("@@ ") {
                let Some(path) = &current else { continue };
                if let Some((start, count)) = new_range(rest) {
                    if count > 0 {
                        files
                            .entry(path.clone())
                            .or_default()
                            .push((start, start + count - 1));
                    }
                }
            }
        }
        Changes { files }
    }

    /// The changed ranges of `path`, `None` when it did not change.
    pub fn lines(&self, path: &Path) -> Option<&[(usize, usize)]> {
        let canon = std::fs::canonicalize(path).ok()?;
        self.files.get(&canon).map(Vec::as_slice)
    }

    /// Whether `path` has changed lines.
    pub fn touches(&self, path: &Path) -> bool {
        self.lines(path).is_some()
    }
}

/// `-a,b +c,d @@ …` → `(c, d)` (`d` defaults to 1).
fn new_range(hunk: &str) -> Option<(usize, usize)> {
    let plus = hunk.split_whitespace().find(|w| w.starts_with('+'))?;
    let plus = plus.trim_start_matches('+');
    let (start, count) = match plus.split_once(',') {
        Some((s, c)) => (s.parse().ok()?, c.parse().ok()?),
        None => (plus.parse().ok()?, 1),
    };
    Some((start, count))
}

/// Drops the findings whose lines do not touch any changed range.
pub fn retain_changed(doc: &Document, findings: &mut Vec<Finding>, ranges: &[(usize, usize)]) {
    if findings.is_empty() {
        return;
    }
    let index = LineIndex::new(&doc.source);
    findings.retain(|f| {
        let span = doc.source_span(f.span);
        let first = index.line_col(&doc.source, span.start).line;
        let last = index
            .line_col(&doc.source, span.end.saturating_sub(1).max(span.start))
            .line;
        ranges.iter().any(|&(a, b)| first <= b && a <= last)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hunks() {
        let d = "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n@@ -3 +3 @@\n-a\n+b\n\
                 @@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,2 +22,0 @@\n-e\n-f\n\
                 diff --git a/gone.md b/gone.md\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n";
        let c = Changes::parse(Path::new("/nonexistent-top"), d);
        let ranges = &c.files[&PathBuf::from("/nonexistent-top/x.md")];
        assert_eq!(ranges, &[(3, 3), (11, 12)]);
        assert_eq!(c.files.len(), 1);
        let spaced = Changes::parse(Path::new("/top"), "+++ b/my file.md\t\n@@ -1 +1,2 @@\n");
        assert_eq!(spaced.files[&PathBuf::from("/top/my file.md")], [(1, 2)]);
    }
}
