//! Markdown → document → segment → classify → checks → JSON; asserts the span invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use whosaid::{Checker, Format};

#[path = "invariants.rs"]
mod invariants;
use invariants::*;

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| Checker::new(whosaid::rules::RuleSet::builtin().expect("built-in rules load")))
}

fuzz_target!(|data: &[u8]| {
    let Ok(report) = checker().check_bytes("fuzz.md".into(), Format::Markdown, data.to_vec())
    else {
        return;
    };
    assert_report(&report);
    let _ = whosaid::report::json::file_value(&report);
});
