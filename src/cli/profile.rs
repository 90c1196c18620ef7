//! Per-configuration settings of a `check` run: the rule set, HTML options and walk filter that
//! apply to the files under one `whosaid.toml` (or to every file with `--config`/`--isolated`).

use super::ruleset;
use super::CheckArgs;
use crate::check::Checker;
use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::input::html::HtmlOptions;
use crate::walk::{Filter, WalkOptions};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything that depends on the configuration file in effect.
#[derive(Debug)]
pub struct Profile {
    pub config: Config,
    pub checker: Checker,
    pub html: HtmlOptions,
    pub filter: Filter,
}

/// Finds and caches the profile for each checked path.
pub struct Profiles<'a> {
    args: &'a CheckArgs,
    discovered: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<Option<PathBuf>, Arc<Profile>>,
    cwd: Option<PathBuf>,
    /// The directory of the last file of a walk and its profile: the files of one directory
    /// share it (issue 6: finding it anew, an absolute path, a `stat` and two map lookups, was
    /// 15,000 instructions a file).
    last_dir: Option<(PathBuf, Arc<Profile>)>,
}

impl<'a> Profiles<'a> {
    pub fn new(args: &'a CheckArgs) -> Self {
        Profiles {
            args,
            discovered: HashMap::new(),
            loaded: HashMap::new(),
            cwd: std::env::current_dir().ok(),
            last_dir: None,
        }
    }

    /// [`Profiles::for_path`] of a regular file found by a walk: the same for every file of a
    /// directory, since the configuration is looked for from the file's directory up.
    pub fn for_file(&mut self, path: &Path) -> Result<Arc<Profile>> {
        if let Some((last, p)) = &self.last_dir {
            if in_dir(path, last) {
                return Ok(p.clone());
            }
        }
        let dir = path.parent();
        if let (Some(d), Some((last, p))) = (dir, &self.last_dir) {
            if d == last {
                return Ok(p.clone());
            }
        }
        let p = self.for_path(path)?;
        if let Some(d) = dir {
            self.last_dir = Some((d.to_path_buf(), p.clone()));
        }
        Ok(p)
    }

    /// The configuration file that applies to `path` (`None`: defaults only).
    pub fn config_path(&mut self, path: &Path) -> Option<PathBuf> {
        if self.args.isolated {
            None
        } else if let Some(c) = &self.args.config {
            Some(c.clone())
        } else {
            let found = config::discover(path, &mut self.discovered)?;
            // shown relative to the working directory when under it
            let rel = self
                .cwd
                .as_ref()
                .and_then(|cwd| found.strip_prefix(cwd).ok().map(Path::to_path_buf));
            Some(rel.unwrap_or(found))
        }
    }

    /// The profile for `path`, loading its configuration the first time.
    pub fn for_path(&mut self, path: &Path) -> Result<Arc<Profile>> {
        let key = self.config_path(path);
        if let Some(p) = self.loaded.get(&key) {
            return Ok(p.clone());
        }
        let config = match &key {
            Some(p) => Config::load(p)?,
            None => Config {
                path: None,
                dir: PathBuf::from("."),
                file: Default::default(),
                text: String::new(),
            },
        };
        let profile = Arc::new(build(config, self.args)?);
        self.loaded.insert(key, profile.clone());
        Ok(profile)
    }
}

/// Whether `path` is `dir` joined with one plain name, read from the bytes (issue 6:
/// `Path::parent` splits the whole path into components, 470 instructions a file). Only a yes
/// is certain (Unix); a no lets the caller ask `Path::parent`.
fn in_dir(path: &Path, dir: &Path) -> bool {
    let (path, dir) = (
        path.as_os_str().as_encoded_bytes(),
        dir.as_os_str().as_encoded_bytes(),
    );
    cfg!(unix)
        && !dir.is_empty()
        && path.len() > dir.len() + 1
        && path.starts_with(dir)
        && path[dir.len()] == b'/'
        && !matches!(&path[dir.len() + 1..], b"." | b"..")
        && !path[dir.len() + 1..].contains(&b'/')
}

fn config_error(config: &Config, value: &str, key: bool, message: String) -> Error {
    Error::Config {
        path: config.path.clone().unwrap_or_default(),
        message: config.locate(value, key, &message),
    }
}

fn build(config: Config, args: &CheckArgs) -> Result<Profile> {
    let mut paths = config.rule_paths();
    paths.extend(args.rules.iter().cloned());
    let mut checker = ruleset::load(&paths)?;
    let f = &config.file;
    for (ids, on, key) in [(&f.enable, true, "enable"), (&f.disable, false, "disable")] {
        for id in ids {
            if !ruleset::set_enabled(&mut checker, id, on) {
                return Err(config_error(
                    &config,
                    id,
                    false,
                    format!("`{key}`: no rule `{id}` (`whosaid rules` lists them)"),
                ));
            }
        }
    }
    for (id, sev) in &f.severity {
        if !ruleset::set_severity(&mut checker, id, *sev) {
            return Err(config_error(
                &config,
                id,
                true,
                format!("[severity]: no rule `{id}` (`whosaid rules` lists them)"),
            ));
        }
    }
    if let Some(n) = f.carry_over {
        checker.rules.set_carry_over(n);
    }
    for (ids, on, flag) in [
        (&args.enable, true, "--enable"),
        (&args.disable, false, "--disable"),
    ] {
        for id in ids {
            if !ruleset::set_enabled(&mut checker, id, on) {
                return Err(Error::Usage(format!(
                    "{flag} {id}: no such rule (`whosaid rules` lists them)"
                )));
            }
        }
    }
    let glob_root = config
        .path
        .as_ref()
        .map(|_| std::path::absolute(&config.dir).unwrap_or_else(|_| config.dir.clone()));
    let filter = Filter::new(
        &WalkOptions {
            include: f.include.clone(),
            exclude: f.exclude.clone(),
            glob_root,
        },
        config.path.as_deref().unwrap_or(Path::new("whosaid.toml")),
    )
    .map_err(|e| match e {
        Error::Config { path, message } => {
            let bad = f
                .include
                .iter()
                .chain(&f.exclude)
                .find(|g| globset::Glob::new(g).is_err());
            let message = match bad {
                Some(g) => config.locate(g, false, &message),
                None => message,
            };
            Error::Config { path, message }
        }
        other => other,
    })?;
    Ok(Profile {
        html: HtmlOptions::from_config(&f.html),
        checker,
        filter,
        config,
    })
}

#[cfg(test)]
mod tests {
    use super::in_dir;
    use proptest::prelude::*;
    use std::path::Path;

    #[test]
    fn in_dir_only_for_a_name_in_that_directory() {
        for (path, dir, yes) in [
            ("a/b.md", "a", true),
            ("./b.md", ".", true),
            ("/b.md", "", false),
            ("b.md", "", false),
            ("a/b/c.md", "a", false),
            ("a/..", "a", false),
            ("a/.", "a", false),
            ("a/", "a", false),
            ("ab/c.md", "a", false),
            ("x//y/z.md", "x//y", true),
        ] {
            assert_eq!(
                in_dir(Path::new(path), Path::new(dir)),
                yes,
                "{path} in {dir}"
            );
        }
    }

    proptest! {
        /// A yes is always the standard library's parent.
        #[test]
        fn in_dir_agrees_with_parent(p in "[a./]{0,10}", q in "[a./]{0,10}") {
            for (path, dir) in [(&p, &q), (&format!("{q}/{p}"), &q)] {
                let (path, dir) = (Path::new(path), Path::new(dir));
                if in_dir(path, dir) {
                    prop_assert_eq!(path.parent(), Some(dir));
                }
            }
        }
    }
}
