//! Tests of reading the check definitions: built-in checks from their build-time form.

use super::*;

/// A built-in check read from its build-time form equals the one parsed from its TOML text.
#[test]
fn compiled_trees_give_the_parsed_checks() {
    for (id, text) in BUILTIN {
        assert!(crate::rules::builtin_check(id).is_some(), "{id}");
        let path = PathBuf::from(format!("rules/checks/{id}.toml"));
        let parsed = parse_check(id, text, &path, None).unwrap();
        let compiled = parse_builtin(id, text, &path).unwrap();
        // (the compiled lists hold hash sets: compare what they are built from)
        let show = |d: &CheckDef| {
            let mut names: Vec<&String> = d.lists.keys().collect();
            names.sort();
            let raw: Vec<(&String, &[String])> = names.iter().map(|n| (*n, d.raw(n))).collect();
            format!(
                "{:?}",
                (
                    (&d.id, &d.summary, &d.description, d.severity),
                    (d.raised_severity, d.enabled, &d.help, names),
                    (raw, &d.numbers, &d.synonyms),
                    (&d.allows, &d.tests, &d.path),
                )
            )
        };
        assert_eq!(show(&parsed), show(&compiled), "{id}");
    }
    // no tree for that id: the text is parsed, errors keep line and column
    let bad = "summary = 1\n";
    let e = parse_builtin("no-such-check", bad, Path::new("x.toml")).unwrap_err();
    assert!(e.to_string().contains("line 1, column 11"), "{e}");
}

/// A list keeps its entries as the file wrote them (the raw lists are not kept apart): `raw`
/// gives them untrimmed and in their case, and nothing for a list the file does not define or
/// for the list of the `[synonyms]` words.
#[test]
fn raw_lists_are_the_entries_as_written() {
    let (_, text) = BUILTIN
        .iter()
        .find(|(id, _)| *id == "figure-conflict")
        .unwrap();
    let text = text.replacen("more = [", "more = [\"  MORE Than \", \"O'er\", ", 1);
    let path = Path::new("figure-conflict.toml");
    let def = parse_check("figure-conflict", &text, path, Some(path.to_path_buf())).unwrap();
    let more = def.raw("more");
    assert_eq!(more.get(..2).unwrap(), ["  MORE Than ", "O'er"]);
    assert_eq!(more, def.list("more").entries.as_slice());
    assert!(!def.list(QUANTITY_WORDS).is_empty());
    assert!(def.raw(QUANTITY_WORDS).is_empty());
    assert!(def.raw("no-such-list").is_empty());
    // as the file parsed from its text says
    let file: CheckFile = toml::from_str(&text).unwrap();
    for (name, words) in &file.lists {
        assert_eq!(def.raw(name), words.as_slice(), "{name}");
    }
}
