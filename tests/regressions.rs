//! Regression tests for failures found by fuzzing, the bad-input suite and the benchmarks.
//! Each test names how the input was found. A run that does not finish within the limit is a
//! hang (an input whose cost grows quadratically), not a speed target: the limits are tens of
//! times what a linear pass needs even in a debug build.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `whosaid check --format json --fail-on never --isolated PATH`; `None` when it does not
/// finish within `limit` (the process is then killed).
fn check_within(path: &Path, limit: Duration) -> Option<(i32, String)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--isolated",
            "-j",
            "1",
        ])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some((status.code().unwrap_or(-1), reader.join().unwrap()));
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// bench/run.sh section 5 (a 50 MB line of corpus words without punctuation ran for more than
/// 8 minutes): one sentence with many attribution cues made the cue-inside-cue test in
/// `classify::sentence::evaluate` compare every cue with every other. 200,000 words with
/// 100,000 cues took 11.6 s in a release build, minutes in a debug build. The fix (checked to
/// give byte-identical JSON on the corpus and 0.25 s here): in `evaluate`, sweep the cues in
/// order of (start, longest first) keeping the furthest-reaching one instead of comparing every
/// pair; in `hedged`, look only at the cues between source and verb (`partition_point` on
/// start); in `decide`, push cues and sources, then `sort` + `dedup` instead of `contains`.
#[test]
fn one_sentence_with_100k_cues_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cues.txt");
    let text = "officials said the mayor told reporters ".repeat(33_334);
    std::fs::write(&path, &text).unwrap();
    let (code, json) = check_within(&path, Duration::from_secs(60))
        .expect("a 1.3 MB sentence full of cues took over 60 s: quadratic cue handling");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
}
