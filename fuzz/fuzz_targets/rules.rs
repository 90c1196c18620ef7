//! Bytes as a rule file (after one selector byte): the classifier-rule loader (through a file,
//! as `whosaid rules --check` reads it) and the editorial-check loader (from text). A rule that
//! loads must also run its self-check and label a small article; a check that loads must run
//! on it, with findings inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use whosaid::rules::RuleSet;
use whosaid::{Checker, FileReport, Format};

const ARTICLE: &str =
    "The port closed on Monday, officials said. \u{201c}It will reopen,\u{201d} the \
    mayor told reporters.\n\nProtests reportedly spread to 40 towns. The ministry denied it. \
    An unnamed source said 15% of staff had left.\n";

struct Fixture {
    checker: Checker,
    report: FileReport,
    check_ids: Vec<String>,
    scratch: PathBuf,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let checker = Checker::new(RuleSet::builtin().expect("built-in rules load"));
        let report = checker
            .check_bytes("a.txt".into(), Format::Plain, ARTICLE.as_bytes().to_vec())
            .expect("fixture article checks");
        let check_ids = checker.checks.infos().into_iter().map(|i| i.id).collect();
        // one scratch file per fuzzing process (the loader reads files; the id is the stem)
        let dir = std::env::temp_dir().join(format!("whosaid-fuzz-rules-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Fixture {
            checker,
            report,
            check_ids,
            scratch: dir.join("fuzzed-rule.toml"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let fx = fixture();
    let doc = &fx.report.doc;
    let seg = &fx.report.segmentation;
    if selector & 0x80 == 0 {
        // classifier rule, alone, then on top of the built-ins
        std::fs::write(&fx.scratch, text).expect("write scratch rule");
        let Ok(set) = RuleSet::load_only(std::slice::from_ref(&fx.scratch)) else {
            return;
        };
        let _ = set.self_check();
        let labels = whosaid::classify::classify(doc, seg, &set);
        assert_eq!(labels.len(), seg.sentences.len(), "one label per sentence");
        for c in &labels {
            for s in c.sources.iter().chain(&c.cues) {
                assert!(
                    s.start <= s.end && doc.text.get(s.start..s.end).is_some(),
                    "{s:?}"
                );
            }
        }
        // over the built-ins too, for one selector value in 128 (it recompiles every
        // built-in rule, about a thousand times slower than the rest of an iteration)
        if selector == 1 {
            if let Ok(all) = RuleSet::load(std::slice::from_ref(&fx.scratch)) {
                let _ = all.self_check();
            }
        }
    } else {
        // editorial check replacing a built-in one
        let ids = &fx.check_ids;
        let Some(id) = ids.get((selector & 0x7f) as usize % ids.len().max(1)) else {
            return;
        };
        let mut checks = fx.checker.checks.clone();
        if checks
            .load_str(id, text, Path::new("fuzzed-check.toml"))
            .is_ok()
        {
            let findings = whosaid::checks::run(doc, seg, &fx.report.labels, &checks);
            for f in &findings {
                let s = f.span;
                assert!(
                    s.start <= s.end && doc.text.get(s.start..s.end).is_some(),
                    "{s:?}"
                );
            }
        }
    }
});
