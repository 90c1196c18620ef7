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
            format!(
                "{:?}",
                (
                    (&d.id, &d.summary, &d.description, d.severity),
                    (d.raised_severity, d.enabled, &d.help, names),
                    (&d.raw_lists, &d.numbers, &d.synonyms),
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
