//! Runs the README's examples: every `whosaid` command in the shell blocks of the usage,
//! configuration, suppression, errors and CI sections (and the commands of YAML workflow and
//! hook blocks there), the example configuration, and the quoted configuration error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Sections whose examples must run (a heading containing one of these words).
const SECTIONS: &[&str] = &[
    "Usage",
    "Configuration",
    "Suppressing",
    "Errors and exit codes",
    "CI",
    "Continuous integration",
    "GitHub",
    "reviewdog",
    "pre-commit",
];

struct Block {
    section: String,
    lang: String,
    body: String,
}

fn readme_blocks() -> Vec<Block> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut out = Vec::new();
    let mut section = String::new();
    let mut fence: Option<(String, String)> = None;
    for line in text.lines() {
        if let Some((lang, body)) = &mut fence {
            if line.trim_start().starts_with("```") {
                out.push(Block {
                    section: section.clone(),
                    lang: lang.clone(),
                    body: std::mem::take(body),
                });
                fence = None;
            } else {
                body.push_str(line);
                body.push('\n');
            }
        } else if let Some(rest) = line.trim_start().strip_prefix("```") {
            fence = Some((rest.trim().to_string(), String::new()));
        } else if line.starts_with('#') {
            section = line.trim_start_matches('#').trim().to_string();
        }
    }
    out.into_iter()
        .filter(|b| SECTIONS.iter().any(|s| b.section.contains(s)))
        .collect()
}

/// The `whosaid` command lines of a block (comments cut, pipes into other tools cut).
fn commands(b: &Block) -> Vec<String> {
    let mut out = Vec::new();
    for line in b.body.lines() {
        let mut l = line.trim();
        if matches!(b.lang.as_str(), "yaml" | "yml") {
            for prefix in ["- run:", "run:", "entry:"] {
                if let Some(r) = l.strip_prefix(prefix) {
                    l = r.trim();
                }
            }
        } else if !matches!(b.lang.as_str(), "sh" | "bash" | "shell" | "console") {
            continue;
        }
        let l = l.strip_prefix("$ ").unwrap_or(l);
        let l = match l.find("  #").or_else(|| l.find(" # ")) {
            Some(i) => l[..i].trim(),
            None => l,
        };
        if !l.split_whitespace().any(|w| w == "whosaid") {
            continue;
        }
        // keep the pipeline up to the last stage that runs whosaid
        let stages: Vec<&str> = l.split(" | ").collect();
        let last = stages
            .iter()
            .rposition(|s| s.contains("whosaid"))
            .unwrap_or(0);
        let mut cmd = stages[..=last].join(" | ");
        // a hook `entry` gets the staged files appended
        if line.trim().starts_with("entry:") {
            cmd.push_str(" article.md");
        }
        out.push(cmd);
    }
    out
}

fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_whosaid"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn sh(dir: &Path, cmd: &str) -> (i32, String, String) {
    let path = format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .args(["-c", cmd])
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A small newsroom repository: articles in Markdown and HTML, house rules, a `main` branch.
fn fixture() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    let article = "# Port strike enters third week\n\n\
                   Dock workers extended their strike on Monday, the union said.\n\n\
                   The minister claimed the dispute was over.\n\n\
                   Experts say the losses could reach $40 million.\n";
    write(r, "article.md", article);
    write(r, "articles/port.md", article);
    write(
        r,
        "articles/storm.html",
        "<h1>Storm closes schools</h1><p class=byline>By A. Writer</p>\
         <p>Schools in the district closed on Tuesday, officials said.</p>\
         <p>The storm allegedly caused $2 million in damage.</p>",
    );
    let builtin = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/checks/loaded-verb.toml"),
    )
    .unwrap();
    write(r, "house-rules/loaded-verb.toml", builtin);
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(r)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["symbolic-ref", "HEAD", "refs/heads/main"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "articles"]);
    d
}

#[test]
fn readme_shell_examples_run() {
    let blocks = readme_blocks();
    let cmds: Vec<String> = blocks.iter().flat_map(commands).collect();
    assert!(cmds.len() >= 15, "README examples not found: {cmds:?}");
    let d = fixture();
    for cmd in &cmds {
        let (code, stdout, stderr) = sh(d.path(), cmd);
        assert!(
            code == 0 || code == 1,
            "`{cmd}` exited {code}\nstdout: {stdout}\nstderr: {stderr}"
        );
    }
    // the files the examples promise
    for f in [
        "report.json",
        "whosaid.sarif",
        "report.html",
        "whosaid-baseline.json",
    ] {
        let p = d.path().join(f);
        if cmds.iter().any(|c| c.contains(f)) {
            assert!(p.is_file(), "{f} was not written");
        }
    }
}

#[test]
fn readme_configuration_example_is_valid() {
    let blocks = readme_blocks();
    let tomls: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.lang == "toml" && b.section.contains("Configuration"))
        .collect();
    assert!(!tomls.is_empty());
    let d = fixture();
    for b in tomls {
        write(d.path(), "example.toml", &b.body);
        let (code, stdout, stderr) = sh(
            d.path(),
            "whosaid check --config example.toml --format json article.md",
        );
        assert!(code == 0 || code == 1, "{}\n{stdout}{stderr}", b.body);
    }
}

#[test]
fn readme_configuration_error_is_the_real_message() {
    let blocks = readme_blocks();
    let quoted = blocks
        .iter()
        .find(|b| b.lang == "text" && b.section.contains("Configuration"))
        .expect("a quoted configuration error");
    let d = fixture();
    write(
        d.path(),
        "whosaid.toml",
        "fail-on = \"error\"\ncolour = true\n",
    );
    let (code, _, stderr) = sh(d.path(), "whosaid check article.md");
    assert_eq!(code, 78);
    assert_eq!(stderr, quoted.body);
}
