//! Shared helpers for the CLI tests: run the real binary in a directory, write files.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", self.stdout, self.stderr))
    }
}

/// Runs `whosaid ARGS` in `dir` with `stdin`, no colour variables, and returns code and output.
pub fn whosaid_in(dir: &Path, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_whosaid"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("run whosaid");
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(text.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn whosaid(dir: &Path, args: &[&str]) -> Run {
    whosaid_in(dir, args, None, &[])
}

pub fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

/// A sentence that gets a warning (`vague-source`).
pub const WARNING: &str = "Experts say the bridge is unsafe.\n";
/// A sentence that gets an error (`unbalanced-quotation`).
pub const ERROR: &str = "She said \"we will win.\n";

/// Findings of the file whose path ends with `name` in a JSON report.
pub fn findings<'a>(json: &'a serde_json::Value, name: &str) -> Vec<&'a serde_json::Value> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().ends_with(name))
        .flat_map(|f| f["findings"].as_array().unwrap())
        .collect()
}

/// Paths of the files in a JSON report, in order.
pub fn paths(json: &serde_json::Value) -> Vec<String> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

/// Rule ids of the findings not suppressed.
pub fn active_rules(json: &serde_json::Value, name: &str) -> Vec<String> {
    findings(json, name)
        .into_iter()
        .filter(|f| f["suppressed"].is_null())
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

/// `(rule, line, kind, justification)` of the suppressed findings.
pub fn suppressed(json: &serde_json::Value, name: &str) -> Vec<(String, u64, String, String)> {
    findings(json, name)
        .into_iter()
        .filter(|f| !f["suppressed"].is_null())
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["suppressed"]["kind"].as_str().unwrap_or("").to_string(),
                f["suppressed"]["justification"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect()
}
