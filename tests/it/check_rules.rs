//! `gsd check`, rule by rule: every rule's failing fixture reports exactly that rule, at the
//! right line and column, in all four formats (one snapshot per rule); its passing twin
//! reports nothing; fixable rules fix to exactly the passing twin.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{Project, copy_dir, fixtures_dir, run};

fn check_dir() -> PathBuf {
    fixtures_dir().join("check")
}

/// Every `GSDnnn-name` fixture folder, sorted.
fn rule_fixtures() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(check_dir())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("GSD"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name[..6].to_string(), e.path())
        })
        .collect();
    out.sort();
    out
}

/// A project from `fixture/<kind>`: laid over `base/` unless it says it stands alone.
pub fn project(fixture: &Path, kind: &str) -> Project {
    let dir = tempfile::tempdir().unwrap();
    let overlay = fixture.join(kind);
    if !overlay.join("STANDALONE").exists() {
        copy_dir(
            &check_dir().join("base/.planning"),
            &dir.path().join(".planning"),
        );
    }
    copy_dir(&overlay.join(".planning"), &dir.path().join(".planning"));
    Project { dir }
}

/// `gsd check --format json` on `p`, which must exit 0 (clean) or 1 (findings).
pub fn check_json(p: &Project) -> Value {
    // Every rule, style rules (off by default) included: each fixture shows its own rule.
    let (code, stdout, stderr) = run(p
        .gsd()
        .args(["check", "--select", "ALL", "--format", "json"]));
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn codes(json: &Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_base_project_checks_clean() {
    let p = project(&check_dir().join("GSD101-progress-bar-mismatch"), "pass");
    let (code, stdout, _) = run(p.gsd().arg("check"));
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(stdout, "All checks passed: no problems found.\n");
}

#[test]
fn every_rule_has_a_fixture_pair() {
    let have: Vec<String> = rule_fixtures().into_iter().map(|(c, _)| c).collect();
    for rule in gsd::check::all_rules() {
        assert!(
            have.contains(&rule.code.to_string()),
            "no fixture for {}",
            rule.code
        );
    }
}

#[test]
fn failing_fixtures_report_exactly_their_rule_in_every_format() {
    for (code, dir) in rule_fixtures() {
        let p = project(&dir, "fail");
        let json = check_json(&p);
        let found = codes(&json);
        assert!(!found.is_empty(), "{code}: nothing reported");
        assert!(
            found.iter().all(|c| *c == code),
            "{code}: reported {found:?}"
        );
        let rule = gsd::check::rule(&code).unwrap();
        let mut snapshot = String::new();
        for format in ["human", "json", "github", "sarif"] {
            let (exit, stdout, stderr) = run(p
                .gsd()
                .args(["check", "--select", "ALL", "--format", format]));
            let want = if rule.severity == gsd::check::Severity::Error {
                1
            } else {
                0
            };
            assert_eq!(exit, want, "{code} {format}: {stderr}");
            let stdout = if format == "sarif" {
                // The rule catalogue is the same in every run; keep only the results.
                let v: Value = serde_json::from_str(&stdout).unwrap();
                serde_json::to_string_pretty(&v["runs"][0]["results"]).unwrap()
            } else {
                stdout
            };
            snapshot.push_str(&format!("----- {format} -----\n{stdout}\n"));
        }
        if rule.fixable {
            let (exit, diff, _) =
                run(p
                    .gsd()
                    .args(["--dry-run", "check", "--select", "ALL", "--fix"]));
            assert_eq!(exit, 0);
            snapshot.push_str(&format!("----- check --fix --dry-run -----\n{diff}"));
        }
        insta::assert_snapshot!(format!("check__{code}"), snapshot);
    }
}

#[test]
fn passing_twins_report_nothing() {
    for (code, dir) in rule_fixtures() {
        let p = project(&dir, "pass");
        let json = check_json(&p);
        assert_eq!(
            codes(&json),
            Vec::<String>::new(),
            "{code}: pass twin not clean"
        );
    }
}

#[test]
fn fix_turns_each_fixable_failure_into_its_passing_twin() {
    for (code, dir) in rule_fixtures() {
        if !gsd::check::rule(&code).unwrap().fixable {
            continue;
        }
        let p = project(&dir, "fail");
        let (exit, stdout, stderr) = run(p.gsd().args(["check", "--select", "ALL", "--fix"]));
        assert_eq!(exit, 0, "{code}: {stdout}{stderr}");
        assert!(stderr.contains("fixed 1 problem"), "{code}: {stderr}");
        let after = check_json(&p);
        assert_eq!(after["summary"]["fixable"], 0, "{code}");
        assert_eq!(codes(&after), Vec::<String>::new(), "{code}");
        let twin = project(&dir, "pass");
        // A fix may write STATE.md, ROADMAP.md or PROJECT.md: each ends as its twin's.
        for file in ["STATE.md", "ROADMAP.md", "PROJECT.md"] {
            let exists = |p: &Project| p.planning().join(file).exists();
            assert_eq!(exists(&p), exists(&twin), "{code}: {file}");
            if exists(&p) {
                assert_eq!(
                    p.read(file),
                    twin.read(file),
                    "{code}: --fix changed more than the derived value in {file}"
                );
            }
        }
        // A second fix changes nothing.
        let (_, diff, _) = run(p
            .gsd()
            .args(["--dry-run", "check", "--select", "ALL", "--fix"]));
        assert_eq!(diff, "", "{code}: a second --fix would change files");
    }
}

#[test]
fn dry_run_fix_writes_nothing() {
    let p = project(
        &check_dir().join("GSD203-average-duration-mismatch"),
        "fail",
    );
    let before = p.read("STATE.md");
    let (exit, diff, _) = run(p
        .gsd()
        .args(["--dry-run", "check", "--select", "ALL", "--fix"]));
    assert_eq!(exit, 0);
    assert!(
        diff.contains("-- Average duration: 8 min\n+- Average duration: 6 min\n"),
        "{diff}"
    );
    assert_eq!(p.read("STATE.md"), before);
}

/// The `gsd …` commands a help text names (between backticks), as argument lists: quoted
/// words kept whole, and `<placeholder>`s filled with `1`, a value every such field takes.
fn commands_in(help: &str) -> Vec<Vec<String>> {
    help.split('`')
        .skip(1)
        .step_by(2)
        .filter(|c| c.starts_with("gsd "))
        .map(|c| {
            let mut args = Vec::new();
            let mut word = String::new();
            let mut quoted = false;
            for ch in c["gsd ".len()..].chars() {
                match ch {
                    '"' => quoted = !quoted,
                    ' ' if !quoted => {
                        if !word.is_empty() {
                            args.push(std::mem::take(&mut word));
                        }
                    }
                    _ => word.push(ch),
                }
            }
            if !word.is_empty() {
                args.push(word);
            }
            args.into_iter()
                .map(|a| {
                    if a.starts_with('<') && a.ends_with('>') {
                        "1".to_string()
                    } else {
                        a
                    }
                })
                .collect()
        })
        .collect()
}

/// Every finding whose help names a command: that command, run as written on the case the
/// finding is shown for, succeeds, and the finding is gone afterwards.
#[test]
fn every_command_a_hint_names_works_on_its_case() {
    let mut tried: Vec<String> = Vec::new();
    for (code, dir) in rule_fixtures() {
        let p = project(&dir, "fail");
        let json = check_json(&p);
        for d in json["diagnostics"].as_array().unwrap() {
            let help = d["help"].as_str().unwrap_or("");
            for args in commands_in(help) {
                let line = d["start"]["line"].as_u64().unwrap();
                let p = project(&dir, "fail");
                let (exit, stdout, stderr) = run(p.gsd().args(&args));
                assert_eq!(
                    exit,
                    0,
                    "{code}: `gsd {}` failed: {stdout}{stderr}",
                    args.join(" ")
                );
                let after = check_json(&p);
                let still = after["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|a| a["code"] == code && a["start"]["line"].as_u64() == Some(line));
                assert!(
                    !still,
                    "{code}: `gsd {}` left the finding at line {line}",
                    args.join(" ")
                );
                tried.push(format!("{code}: gsd {}", args.join(" ")));
            }
        }
    }
    for code in ["GSD003", "GSD304"] {
        assert!(
            tried.iter().any(|t| t.starts_with(code)),
            "{code}'s hint was not run: {tried:?}"
        );
    }
}
