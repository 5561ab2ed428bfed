//! `gsd check`'s CI formats on a project in a subfolder of a git repository: GitHub
//! annotations and SARIF name files from the repository root wherever gsd runs, SARIF
//! validates against the vendored 2.1.0 schema (on exit 2 too), GitLab fingerprints survive
//! line shifts, and human paths start where gsd runs.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

use crate::support::{copy_dir, fixtures_dir, gsd, run};

/// A git repository holding a project in `sub/dir` with a wrong average (GSD203 on
/// STATE.md line 23, column 21), made an error by its `gsd.toml` whatever the rule's own
/// severity.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let git = std::process::Command::new("git")
            .current_dir(dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .args(["init", "-q"])
            .status();
        if !git.is_ok_and(|s| s.success()) {
            // No git on this machine: the marker gsd looks for is the same.
            std::fs::create_dir(dir.path().join(".git")).unwrap();
        }
        let planning = dir.path().join("sub/dir/.planning");
        copy_dir(&fixtures_dir().join("check/base/.planning"), &planning);
        copy_dir(
            &fixtures_dir().join("check/GSD203-average-duration-mismatch/fail/.planning"),
            &planning,
        );
        std::fs::write(
            planning.join("gsd.toml"),
            "[check.severity]\nGSD203 = \"error\"\n",
        )
        .unwrap();
        Repo { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().canonicalize().unwrap()
    }

    fn state(&self) -> PathBuf {
        self.root().join("sub/dir/.planning/STATE.md")
    }

    /// `gsd args…` run in `rel` (relative to the repository root).
    fn gsd_in(&self, rel: &str, args: &[&str]) -> (i32, String, String) {
        run(gsd().current_dir(self.root().join(rel)).args(args))
    }
}

/// The OASIS SARIF 2.1.0 (Errata 01) schema, vendored (fixtures/sarif/README.md says from
/// where).
fn sarif_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let text =
            std::fs::read_to_string(fixtures_dir().join("sarif/sarif-schema-2.1.0.json")).unwrap();
        let schema: Value = serde_json::from_str(&text).unwrap();
        jsonschema::draft4::new(&schema).unwrap()
    })
}

fn assert_valid_sarif(text: &str) -> Value {
    let doc: Value = serde_json::from_str(text).unwrap();
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF invalid:\n{}", errors.join("\n"));
    doc
}

#[test]
fn the_schema_refuses_what_is_not_sarif() {
    let v = sarif_validator();
    assert!(v.is_valid(&serde_json::json!({"version": "2.1.0", "runs": []})));
    assert!(!v.is_valid(&serde_json::json!({"runs": []})));
    let bad_location = serde_json::json!({"version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "gsd"}},
        "results": [{"message": {"text": "x"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "a", "uriBase": "%SRCROOT%"}}}]}],
    }]});
    assert!(!v.is_valid(&bad_location));
}

#[test]
fn github_annotations_name_files_from_the_repository_root() {
    let repo = Repo::new();
    let want = "file=sub/dir/.planning/STATE.md,line=23,col=21";
    // From the root with -C, from the project, from inside .planning/: the same path.
    for (cwd, args) in [
        ("", vec!["-C", "sub/dir", "check", "--format", "github"]),
        ("sub/dir", vec!["check", "--format", "github"]),
        ("sub/dir/.planning", vec!["check", "--format", "github"]),
    ] {
        let (code, out, err) = repo.gsd_in(cwd, &args);
        assert_eq!(code, 1, "{cwd}: {err}");
        assert!(out.starts_with("::error title=gsd (GSD203"), "{out}");
        assert!(out.contains(want), "{cwd}: {out}");
        // One summary line on standard error, naming the project.
        assert!(
            err.starts_with("gsd check sub/dir/.planning: Found 1 problem (1 error, 0 warnings)"),
            "{cwd}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // -q: the annotations only.
    let (_, _, err) = repo.gsd_in("sub/dir", &["-q", "check", "--format", "github"]);
    assert_eq!(err, "");
}

#[test]
fn github_workspace_is_the_base_when_set() {
    let repo = Repo::new();
    let (_, out, _) = run(gsd()
        .current_dir(repo.root().join("sub"))
        .env("GITHUB_WORKSPACE", repo.root().join("sub"))
        .args(["-C", "dir", "check", "--format", "github"]));
    assert!(out.contains("file=dir/.planning/STATE.md,line=23"), "{out}");
    // A workspace that does not hold the project is not used.
    let elsewhere = tempfile::tempdir().unwrap();
    let (_, out, _) = run(gsd()
        .current_dir(repo.root())
        .env("GITHUB_WORKSPACE", elsewhere.path())
        .args(["-C", "sub/dir", "check", "--format", "github"]));
    assert!(out.contains("file=sub/dir/.planning/STATE.md"), "{out}");
}

#[test]
fn sarif_is_valid_with_paths_under_srcroot() {
    let repo = Repo::new();
    for cwd in ["", "sub/dir/.planning"] {
        let args: &[&str] = if cwd.is_empty() {
            &["-C", "sub/dir", "check", "--format", "sarif"]
        } else {
            &["check", "--format", "sarif"]
        };
        let (code, out, _) = repo.gsd_in(cwd, args);
        assert_eq!(code, 1);
        let doc = assert_valid_sarif(&out);
        let run0 = &doc["runs"][0];
        let root_uri = format!("file://{}/", repo.root().display());
        assert_eq!(
            run0["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            root_uri.as_str()
        );
        let location = &run0["results"][0]["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"],
            serde_json::json!({"uri": "sub/dir/.planning/STATE.md", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(location["region"]["startLine"], 23);
        assert_eq!(run0["invocations"][0]["executionSuccessful"], true);
        // A fix's change names the same file.
        if let Some(fix) = run0["results"][0]["fixes"].get(0) {
            assert_eq!(
                fix["artifactChanges"][0]["artifactLocation"]["uri"],
                "sub/dir/.planning/STATE.md"
            );
        }
    }
}

/// Breaks a repository's project so that gsd cannot check it.
type Breaker = fn(&Repo);

#[test]
fn sarif_is_valid_and_holds_the_error_when_gsd_cannot_check() {
    let cases: [(&str, Breaker); 3] = [
        ("missing STATE.md", |r| {
            std::fs::remove_file(r.state()).unwrap()
        }),
        ("bad config", |r| {
            std::fs::write(
                r.root().join("sub/dir/.planning/gsd.toml"),
                "[check]\nselect = [\"GSD999\"]\n",
            )
            .unwrap()
        }),
        ("binary STATE.md", |r| {
            std::fs::write(r.state(), b"# State\n\0\0\n").unwrap()
        }),
    ];
    for (what, break_it) in cases {
        let repo = Repo::new();
        break_it(&repo);
        let (code, out, err) = repo.gsd_in("", &["-C", "sub/dir", "check", "--format", "sarif"]);
        assert_eq!(code, 2, "{what}");
        assert!(err.starts_with("gsd: error: "), "{what}: {err}");
        let doc = assert_valid_sarif(&out);
        let run0 = &doc["runs"][0];
        assert_eq!(run0["results"], serde_json::json!([]), "{what}");
        let invocation = &run0["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        assert_eq!(invocation["exitCode"], 2);
        let note = &invocation["toolExecutionNotifications"][0];
        assert_eq!(note["level"], "error");
        let text = note["message"]["text"].as_str().unwrap();
        assert!(err.contains(text), "{what}: {text} vs {err}");
        // GitHub: the error as an annotation.
        let (code, out, _) = repo.gsd_in("", &["-C", "sub/dir", "check", "--format", "github"]);
        assert_eq!(code, 2);
        assert!(
            out.starts_with("::error title=gsd check could not run::"),
            "{what}: {out}"
        );
    }
    // A bad selector on the command line: the same.
    let repo = Repo::new();
    let (code, out, err) = repo.gsd_in(
        "sub/dir",
        &["check", "--format", "sarif", "--ignore", "GSD999"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("--ignore: no rule matches `GSD999`"), "{err}");
    let doc = assert_valid_sarif(&out);
    let note = &doc["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert!(note["message"]["text"].as_str().unwrap().contains("GSD999"));
    // Not a project at all: still a valid log.
    let empty = tempfile::tempdir().unwrap();
    let (code, out, _) = run(gsd()
        .current_dir(empty.path())
        .args(["check", "--format", "sarif"]));
    assert_eq!(code, 2);
    assert_valid_sarif(&out);
}

#[test]
fn sarif_with_a_baseline_marks_results_new_and_counts_the_rest() {
    let repo = Repo::new();
    let sarif = |r: &Repo| {
        let (_, out, _) = r.gsd_in("", &["-C", "sub/dir", "check", "--format", "sarif"]);
        assert_valid_sarif(&out)
    };
    assert!(sarif(&repo)["runs"][0].get("properties").is_none());
    let (code, _, err) = repo.gsd_in("sub/dir", &["check", "--write-baseline"]);
    assert_eq!(code, 0, "{err}");
    let doc = sarif(&repo);
    assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(doc["runs"][0]["properties"]["baselined"], 1);
    // A new finding: reported as new.
    let text = std::fs::read_to_string(repo.state()).unwrap();
    std::fs::write(
        repo.state(),
        text.replace("[█████░░░░░] 50%", "[███████░░░] 50%"),
    )
    .unwrap();
    let (_, out, _) = repo.gsd_in(
        "",
        &[
            "-C", "sub/dir", "check", "--format", "sarif", "--select", "GSD101",
        ],
    );
    let doc = assert_valid_sarif(&out);
    let result = &doc["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "GSD101");
    assert_eq!(result["baselineState"], "new");
}

#[test]
fn gitlab_report_has_repository_paths_and_stable_fingerprints() {
    let repo = Repo::new();
    let report = |r: &Repo| -> Value {
        let (code, out, _) = r.gsd_in("", &["-C", "sub/dir", "check", "--format", "gitlab"]);
        assert_eq!(code, 1);
        serde_json::from_str(&out).unwrap()
    };
    let before = report(&repo);
    let issue = &before[0];
    assert_eq!(issue["location"]["path"], "sub/dir/.planning/STATE.md");
    assert_eq!(issue["location"]["lines"]["begin"], 23);
    assert_eq!(issue["severity"], "major");
    assert!(issue["check_name"].as_str().unwrap().starts_with("GSD203"));
    // Lines above move: same fingerprint, new line.
    let text = std::fs::read_to_string(repo.state()).unwrap();
    std::fs::write(repo.state(), text.replacen("\n", "\n\n\n", 1)).unwrap();
    let after = report(&repo);
    assert_eq!(after[0]["fingerprint"], issue["fingerprint"]);
    assert_eq!(after[0]["location"]["lines"]["begin"], 25);
}

#[test]
fn human_paths_start_where_gsd_runs() {
    let repo = Repo::new();
    for (cwd, args, want) in [
        (
            "",
            &["-C", "sub/dir", "check"][..],
            "--> sub/dir/.planning/STATE.md:23:21",
        ),
        (
            "sub",
            &["-C", "dir", "check"][..],
            "--> dir/.planning/STATE.md:23:21",
        ),
        ("sub/dir", &["check"][..], "--> .planning/STATE.md:23:21"),
        ("sub/dir/.planning", &["check"][..], "--> STATE.md:23:21"),
    ] {
        let (_, out, _) = repo.gsd_in(cwd, args);
        assert!(out.contains(want), "{cwd}: {out}");
    }
    let (_, json, _) = repo.gsd_in("sub/dir/.planning", &["check", "--format", "json"]);
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["diagnostics"][0]["file"], "STATE.md");
    // A folder inside the project, beside .planning/.
    std::fs::create_dir(repo.root().join("sub/dir/src")).unwrap();
    let (_, out, _) = repo.gsd_in("sub/dir/src", &["check"]);
    assert!(out.contains("--> ../.planning/STATE.md:23:21"), "{out}");
}

#[test]
fn a_gsd_toml_above_the_project_applies_up_to_the_repository_root() {
    let repo = Repo::new();
    // Without its own config, the project takes the nearest gsd.toml above it.
    std::fs::remove_file(repo.root().join("sub/dir/.planning/gsd.toml")).unwrap();
    std::fs::write(
        repo.root().join("gsd.toml"),
        "[check]\nignore = [\"GSD203\"]\n",
    )
    .unwrap();
    let (code, out, _) = repo.gsd_in("sub/dir", &["check"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "All checks passed: no problems found.\n")
    );
    // Nearer wins, whole: sub/gsd.toml selects again.
    std::fs::write(
        repo.root().join("sub/gsd.toml"),
        "[check]\nselect = [\"GSD203\"]\n",
    )
    .unwrap();
    let (_, out, _) = repo.gsd_in("sub/dir", &["check"]);
    assert!(out.contains("[GSD203]"), "{out}");
    // Errors name the shared file from the project.
    std::fs::write(repo.root().join("sub/gsd.toml"), "[check]\nselct = 1\n").unwrap();
    let (code, _, err) = repo.gsd_in("sub/dir", &["check"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("../gsd.toml:2:1: unknown field `selct`"),
        "{err}"
    );
    // The project's own file comes first.
    std::fs::write(
        repo.root().join("sub/dir/gsd.toml"),
        "[check]\nignore = [\"ALL\"]\n",
    )
    .unwrap();
    let (code, _, _) = repo.gsd_in("sub/dir", &["check"]);
    assert_eq!(code, 0);
    // Outside a repository no file above the project is read.
    let outside = tempfile::tempdir().unwrap();
    let inner = outside.path().join("proj");
    copy_dir(
        &repo.root().join("sub/dir/.planning"),
        &inner.join(".planning"),
    );
    std::fs::remove_file(inner.join(".planning/gsd.toml")).ok();
    std::fs::write(outside.path().join("gsd.toml"), "[check]\nselct = 1\n").unwrap();
    let (code, _, err) = run(gsd().current_dir(&inner).arg("check"));
    assert_ne!(code, 2, "{err}");
}
