//! Plain text → document → segmentation; asserts the span invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid::Format;

#[path = "invariants.rs"]
mod invariants;
use invariants::*;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.txt");
    let Ok(source) = whosaid::input::decode(path, data.to_vec()) else {
        return;
    };
    let doc = whosaid::input::parse(path.to_path_buf(), Format::Plain, source);
    let seg = whosaid::segment::segment(&doc);
    assert_segmentation(&doc, &seg);
});
