//! Walking paths into the list of files to check (honours .gitignore, include/exclude globs).
//!
//! A directory is walked with the `ignore` crate: `.gitignore`, `.ignore` and hidden files are
//! skipped (also outside a git repository), symbolic links are followed and a loop is reported,
//! not fatal. Without `include` globs, files with a prose extension are picked (`.md`,
//! `.markdown`, `.txt`, `.html`, `.htm`); with them, the globs decide. `exclude` globs prune
//! files and whole directories. Globs match the path relative to `glob_root` (the directory of
//! the configuration file). The result is sorted by path, so every run has the same order.

use crate::error::{Error, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// What a walk picks.
#[derive(Clone, Debug, Default)]
pub struct WalkOptions {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Directory the globs are relative to (absolute); the walk root when `None`.
    pub glob_root: Option<PathBuf>,
}

/// One result of a walk.
#[derive(Debug)]
pub enum Walked {
    /// A file to check.
    File(PathBuf),
    /// A path that could not be read (the run exits with code 2 after checking the others).
    Error(Error),
    /// A problem worth a warning that does not make the run fail (a symbolic link loop).
    Warning(String),
}

/// Extensions picked when walking a directory without `include` globs.
pub fn is_checkable(p: &Path) -> bool {
    // compared ignoring ASCII case in place (no lower-cased copy per file)
    crate::document::extension_str(p).is_some_and(|e| {
        ["md", "markdown", "txt", "html", "htm"]
            .iter()
            .any(|n| e.eq_ignore_ascii_case(n))
    })
}

fn glob_set(path: &Path, globs: &[String]) -> Result<Option<GlobSet>> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: format!("invalid glob `{g}`: {e}"),
        })?;
        b.add(glob);
        // `dir/**` also excludes the directory itself, so the walk can prune it
        if let Some(dir) = g.strip_suffix("/**") {
            if let Ok(glob) = Glob::new(dir) {
                b.add(glob);
            }
        }
    }
    b.build().map(Some).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        message: format!("invalid globs: {e}"),
    })
}

/// Compiled include/exclude globs.
#[derive(Clone, Debug)]
pub struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    glob_root: Option<PathBuf>,
}

impl Filter {
    /// Compiles the globs; `config_path` names the file they came from in errors.
    pub fn new(opts: &WalkOptions, config_path: &Path) -> Result<Filter> {
        Ok(Filter {
            include: glob_set(config_path, &opts.include)?,
            exclude: glob_set(config_path, &opts.exclude)?,
            glob_root: opts.glob_root.clone(),
        })
    }

    fn relative<'a>(&self, abs: &'a Path) -> &'a Path {
        match &self.glob_root {
            Some(root) => abs.strip_prefix(root).unwrap_or(abs),
            None => abs,
        }
    }

    /// Whether an entry of a directory walk (absolute path) is excluded.
    pub fn excluded(&self, abs: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|g| g.is_match(self.relative(abs)))
    }

    /// Whether the filter has globs (without them it reads only a file's extension, which is
    /// the same in any form of its path: no absolute path is needed).
    fn has_globs(&self) -> bool {
        self.include.is_some() || self.exclude.is_some()
    }

    /// Whether a file found by a directory walk is checked.
    pub fn picks(&self, abs: &Path) -> bool {
        if self.excluded(abs) {
            return false;
        }
        match &self.include {
            Some(g) => g.is_match(self.relative(abs)),
            None => is_checkable(abs),
        }
    }
}

/// The files under `root` (or `root` itself when it is a file: a file named on the command line
/// is always checked, whatever its extension), in sorted order.
pub fn walk(root: &Path, filter: &Filter) -> Vec<Walked> {
    let meta = match std::fs::metadata(root) {
        Ok(m) => m,
        Err(source) => {
            return vec![Walked::Error(Error::Io {
                path: root.to_path_buf(),
                source,
            })]
        }
    };
    if !meta.is_dir() {
        return vec![Walked::File(root.to_path_buf())];
    }
    let abs_root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let to_abs = {
        let abs_root = abs_root.clone();
        let root = root.to_path_buf();
        move |p: &Path| match p.strip_prefix(&root) {
            Ok(rel) => abs_root.join(rel),
            Err(_) => p.to_path_buf(),
        }
    };
    let prune = filter.clone();
    let prune_abs = to_abs.clone();
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(true)
        .require_git(false)
        .git_global(global_excludes_may_apply())
        .sort_by_file_path(by_name)
        .filter_entry(move |e| {
            e.depth() == 0 || prune.exclude.is_none() || !prune.excluded(&prune_abs(e.path()))
        })
        .build();
    let globs = filter.has_globs();
    // `check .` reports `a.md`, not `./a.md` (asked once: `strip_prefix` splits the whole path
    // into components, 250 instructions a file)
    let dot = root == Path::new(".");
    let mut out = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) => {
                let is_file = e.file_type().is_some_and(|t| t.is_file());
                let picked = is_file
                    && if globs {
                        filter.picks(&to_abs(e.path()))
                    } else {
                        is_checkable(e.path())
                    };
                if picked {
                    let p = e.into_path();
                    let p = match dot.then(|| p.strip_prefix(".").ok()).flatten() {
                        Some(rel) => rel.to_path_buf(),
                        None => p,
                    };
                    out.push(Walked::File(p));
                }
            }
            Err(e) => out.push(classify_walk_error(root, e)),
        }
    }
    out
}

/// Whether git's global excludes file (`core.excludesFile`, else `$XDG_CONFIG_HOME/git/ignore`)
/// may hold patterns. The `ignore` crate finds that file by compiling a regular expression to
/// read the git configuration files (1.3 M instructions, a third of the walk of 295 files,
/// issue 6); when no configuration file names the setting at all and the default file does
/// not exist, its global matcher is empty, so the walk is told there is none instead. The same
/// files as the crate's are read (`GIT_CONFIG_GLOBAL`, `~/.gitconfig`,
/// `$XDG_CONFIG_HOME/git/config`, `GIT_CONFIG_SYSTEM` or `/etc/gitconfig`); as soon as one of
/// them mentions `excludesfile` (any ASCII case, as the crate's expression reads it), or the
/// default file exists, the crate looks for itself as before.
fn global_excludes_may_apply() -> bool {
    static MAY: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *MAY.get_or_init(|| {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        // the function the crate uses
        #[allow(deprecated)]
        let home = std::env::home_dir();
        let xdg = var("XDG_CONFIG_HOME").or_else(|| home.as_ref().map(|h| h.join(".config")));
        let configs = [
            var("GIT_CONFIG_GLOBAL"),
            home.as_ref().map(|h| h.join(".gitconfig")),
            xdg.as_ref().map(|x| x.join("git/config")),
            Some(var("GIT_CONFIG_SYSTEM").unwrap_or_else(|| PathBuf::from("/etc/gitconfig"))),
        ];
        let named = configs.iter().flatten().any(|p| {
            std::fs::read(p).is_ok_and(|text| {
                text.windows(b"excludesfile".len())
                    .any(|w| w.eq_ignore_ascii_case(b"excludesfile"))
            })
        });
        named || xdg.is_some_and(|x| x.join("git/ignore").is_file())
    })
}

/// The order of the entries of one directory: by file name, compared as bytes. Their paths
/// are the directory's path (the same bytes for all) joined with their names, so comparing the
/// whole paths as bytes compares the names, without taking each name out of its path again
/// for every comparison (issue 6: a tenth of a million instructions per 30 files).
fn by_name(a: &Path, b: &Path) -> std::cmp::Ordering {
    a.as_os_str().cmp(b.as_os_str())
}

fn classify_walk_error(root: &Path, e: ignore::Error) -> Walked {
    let mut inner = &e;
    let mut path = None;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p.clone());
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err
            }
            _ => break,
        }
    }
    match inner {
        ignore::Error::Loop { ancestor, child } => Walked::Warning(format!(
            "{}: symbolic link loop back to {}; not followed",
            child.display(),
            ancestor.display()
        )),
        ignore::Error::Io(io) => Walked::Error(Error::Io {
            path: path.unwrap_or_else(|| root.to_path_buf()),
            source: std::io::Error::new(io.kind(), io.to_string()),
        }),
        other => Walked::Error(Error::Io {
            path: path.unwrap_or_else(|| root.to_path_buf()),
            source: std::io::Error::other(other.to_string()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(root: &Path, opts: &WalkOptions) -> Vec<String> {
        let f = Filter::new(opts, Path::new("whosaid.toml")).unwrap();
        walk(root, &f)
            .into_iter()
            .filter_map(|w| match w {
                Walked::File(p) => Some(
                    p.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                ),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn sorted_by_extension_gitignore_and_globs() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        for f in [
            "b.md",
            "a.txt",
            "c.rs",
            "sub/z.html",
            "sub/y.htm",
            "drafts/x.md",
            "skip.md",
        ] {
            let p = r.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(r.join(".gitignore"), "skip.md\n").unwrap();
        let all = files(r, &WalkOptions::default());
        assert_eq!(
            all,
            ["a.txt", "b.md", "drafts/x.md", "sub/y.htm", "sub/z.html"]
        );
        let opts = WalkOptions {
            exclude: vec!["drafts/**".into()],
            include: vec![],
            glob_root: Some(std::path::absolute(r).unwrap()),
        };
        assert_eq!(
            files(r, &opts),
            ["a.txt", "b.md", "sub/y.htm", "sub/z.html"]
        );
        let opts = WalkOptions {
            include: vec!["*.rs".into()],
            ..opts
        };
        assert_eq!(files(r, &opts), ["c.rs"]);
    }

    /// The walk's order is the order of a walk sorted by file name (names that are prefixes of
    /// each other, punctuation below and above `/`, case, other scripts, nested directories).
    #[test]
    fn order_is_by_file_name() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        let names = [
            "a.txt", "a-b.txt", "a b.md", "a0.md", "B.md", "b.md", "é.md", "z.md", "~.md", "a!.md",
            "ab.md",
        ];
        for dir in ["", "a", "a-b", "a.d", "a0", "sub/deeper", "é"] {
            for n in names {
                let p = r.join(dir).join(n);
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, "x").unwrap();
            }
        }
        let want: Vec<_> = ignore::WalkBuilder::new(r)
            .follow_links(true)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()) && is_checkable(e.path()))
            .map(|e| e.into_path())
            .collect();
        let f = Filter::new(&WalkOptions::default(), Path::new("whosaid.toml")).unwrap();
        let got: Vec<_> = walk(r, &f)
            .into_iter()
            .filter_map(|w| match w {
                Walked::File(p) => Some(p),
                _ => None,
            })
            .collect();
        assert!(want.len() > 50, "{}", want.len());
        assert_eq!(got, want);
    }
}
