//! Markdown → document → segment → classify → checks → JSON; asserts the span invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| invariants::check_and_assert("fuzz.md", whosaid::Format::Markdown, data));
