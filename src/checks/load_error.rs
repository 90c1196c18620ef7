//! Load errors of check files that name the line, column and key.

/// `line L, column C: key `k`: message` from a TOML error.
pub(super) fn describe_toml_error(text: &str, e: &toml::de::Error) -> String {
    let msg = e.message().trim().to_string();
    let Some(range) = e.span() else { return msg };
    let (line, col) = line_col(text, range.start);
    let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let key = quoted_field(&msg).or_else(|| {
        line_text
            .split_once('=')
            .map(|(k, _)| k.trim().trim_matches('"').to_string())
            .filter(|k| !k.is_empty() && !k.starts_with('['))
    });
    match key {
        Some(k) => format!("line {line}, column {col}: key `{k}`: {msg}"),
        None => format!("line {line}, column {col}: {msg}"),
    }
}

/// The first backquoted name in a serde message (`unknown field `foo``).
fn quoted_field(msg: &str) -> Option<String> {
    if !msg.contains("field") {
        return None;
    }
    let rest = msg.split_once('`')?.1;
    Some(rest.split_once('`')?.0.to_string())
}

/// Position of the first line that assigns `key`, for validation errors found after parsing.
pub(super) fn key_position(text: &str, key: &str) -> String {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(rest) = t
            .strip_prefix(key)
            .or_else(|| t.strip_prefix(&format!("\"{key}\"")))
        {
            if rest.trim_start().starts_with('=') {
                let (l, c) = line_col(text, offset + (line.len() - t.len()));
                return format!("line {l}, column {c}");
            }
        }
        offset += line.len();
    }
    "line ?, column ?".to_string()
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
