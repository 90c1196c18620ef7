//! Bytes as a `whosaid.toml`: the configuration parser must return a config or an error that
//! names a line and column, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match whosaid::config::parse(Path::new("whosaid.toml"), text) {
        Ok(_) => {}
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.starts_with("whosaid.toml:"),
                "error does not name the file: {msg}"
            );
        }
    }
});
