//! Inline suppression comments in Markdown and HTML, through the real binary: suppressed
//! findings stay in JSON and SARIF with their reason and do not count for `--fail-on`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::*;

const LOADED: &str = "She said \"we will win.";

fn article(dir: &std::path::Path, name: &str, text: &str) -> serde_json::Value {
    write(dir, name, text);
    let run = whosaid(
        dir,
        &["check", "--format", "json", "--fail-on", "warning", name],
    );
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.json()
}

#[test]
fn markdown_directives() {
    let d = tempfile::tempdir().unwrap();
    let md = format!(
        "{LOADED}\n\n\
         <!-- whosaid off -->\n\n{LOADED}\n\n<!-- whosaid on -->\n\n\
         {LOADED}\n\n\
         <!-- whosaid-disable unbalanced-quotation -- house style allows it here -->\n\n{LOADED}\n\n\
         <!-- whosaid-enable unbalanced-quotation -->\n\n\
         <!-- whosaid-disable vague-source -->\n\n{LOADED}\n\n<!-- whosaid-enable vague-source -->\n\n\
         <!-- whosaid-disable-next-line unbalanced-quotation -- quoting the filing -->\n{LOADED}\n{LOADED}\n"
    );
    let json = article(d.path(), "a.md", &md);
    let lines = |v: Vec<(String, u64, String, String)>| -> Vec<u64> {
        v.into_iter()
            .filter(|s| s.0 == "unbalanced-quotation")
            .map(|s| s.1)
            .collect()
    };
    let active: Vec<u64> = findings(&json, "a.md")
        .into_iter()
        .filter(|f| f["suppressed"].is_null() && f["rule"] == "unbalanced-quotation")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    // line 1, 9 (after `on`), 19 (another rule disabled), 25 (the line after the next line)
    assert_eq!(active, [1, 9, 19, 25], "{json}");
    let sup = suppressed(&json, "a.md");
    assert_eq!(lines(sup.clone()), [5, 13, 24], "{json}");
    assert!(sup.iter().all(|s| s.2 == "inSource"));
    let reasons: Vec<&str> = sup.iter().map(|s| s.3.as_str()).collect();
    assert_eq!(
        reasons,
        ["", "house style allows it here", "quoting the filing"]
    );
}

#[test]
fn html_directives() {
    let d = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><body>\n<p>{LOADED}</p>\n<!-- whosaid off -- wire copy -->\n<p>{LOADED}</p>\n\
         <!-- whosaid on -->\n<!-- whosaid-disable-next-line unbalanced-quotation -->\n<p>{LOADED}</p>\n\
         <p>{LOADED}</p>\n</body></html>\n"
    );
    let json = article(d.path(), "a.html", &html);
    let active: Vec<u64> = findings(&json, "a.html")
        .into_iter()
        .filter(|f| f["suppressed"].is_null() && f["rule"] == "unbalanced-quotation")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(active, [2, 8], "{json}");
    let sup: Vec<(u64, String)> = suppressed(&json, "a.html")
        .into_iter()
        .filter(|s| s.0 == "unbalanced-quotation")
        .map(|s| (s.1, s.3))
        .collect();
    assert_eq!(sup, [(4, "wire copy".to_string()), (7, String::new())]);
}

#[test]
fn suppressed_findings_do_not_fail_and_stay_in_sarif() {
    let d = tempfile::tempdir().unwrap();
    let md = "<!-- whosaid off -- legal approved -->\nShe said \"we will win.\n";
    write(d.path(), "a.md", md);
    let run = whosaid(d.path(), &["check", "--fail-on", "info", "a.md"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let sarif = whosaid(d.path(), &["check", "--format", "sarif", "a.md"]);
    let v: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let s = &r["suppressions"][0];
        assert_eq!(s["kind"], "inSource", "{r}");
        assert_eq!(s["justification"], "legal approved", "{r}");
    }
    // without the comment the same file fails
    write(d.path(), "b.md", "She said \"we will win.\n");
    assert_eq!(whosaid(d.path(), &["check", "b.md"]).code, 1);
}
