//! `whosaid.toml` configuration: discovery, parsing (deny unknown keys), merging.
