//! The pre-commit hooks (issue 13, item 12): they build with `cargo install --locked`, match
//! `.planning/` in any folder, and check each project of a monorepo where it lies.

use std::path::Path;

use crate::support::{Project, fixtures_dir, gsd, run};

fn hooks() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(fixtures_dir().join("../.pre-commit-hooks.yaml")).unwrap();
    serde_saphyr::from_str(&text).expect(".pre-commit-hooks.yaml parses")
}

/// Whether `path` matches the extended regular expression `re`, as pre-commit (Python `re`)
/// would for these simple patterns; `grep -E` does the matching.
fn matches(re: &str, path: &str) -> bool {
    let out = std::process::Command::new("grep")
        .args(["-Eq", "--", re])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(path.as_bytes())?;
            child.wait()
        })
        .expect("grep runs");
    out.success()
}

#[test]
fn hooks_match_planning_folders_anywhere_and_nothing_else() {
    let hooks = hooks();
    assert!(hooks.len() >= 2, "{hooks:?}");
    for hook in &hooks {
        let id = hook["id"].as_str().unwrap();
        let files = hook["files"].as_str().unwrap();
        for path in [
            ".planning/STATE.md",
            "apps/web/.planning/STATE.md",
            "services/api/.planning/phases/01-x/01-01-PLAN.md",
            "gsd.toml",
            "apps/web/gsd.toml",
        ] {
            assert!(matches(files, path), "{id}: `{files}` misses {path}");
        }
        for path in [
            "docs/planning/STATE.md",
            "x.planning/STATE.md",
            "README.md",
            "gsd.toml.bak",
            "xgsd.toml",
        ] {
            assert!(!matches(files, path), "{id}: `{files}` matches {path}");
        }
    }
}

#[test]
fn the_building_hook_uses_cargo_install_locked() {
    let hooks = hooks();
    let built = hooks
        .iter()
        .find(|h| h["id"] == "gsd-check")
        .expect("a gsd-check hook");
    assert_eq!(built["language"], "script");
    let entry = built["entry"].as_str().unwrap();
    let script = fixtures_dir().join("..").join(entry);
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(text.contains("cargo install --locked"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&script).unwrap().permissions().mode();
        assert!(
            mode & 0o111 != 0,
            "{entry} must be executable for language: script"
        );
    }
    let system = hooks
        .iter()
        .find(|h| h["language"] == "system")
        .expect("a language: system variant");
    assert_eq!(system["entry"], "gsd check");
}

/// A monorepo with two projects, one of them with a wrong bar.
fn monorepo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for app in ["apps/web", "apps/api"] {
        let p = Project::copy_of(&fixtures_dir().join("../examples/demo"));
        crate::support::copy_dir(&p.planning(), &dir.path().join(app).join(".planning"));
    }
    let api = dir.path().join("apps/api/.planning/STATE.md");
    let text = std::fs::read_to_string(&api).unwrap();
    std::fs::write(&api, text.replace("[███░░░░░░░] 30%", "[█████░░░░░] 30%")).unwrap();
    dir
}

fn in_dir(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(gsd().current_dir(dir).args(args))
}

#[test]
fn check_with_paths_checks_each_project_holding_one() {
    let dir = monorepo();
    let (code, out, err) = in_dir(
        dir.path(),
        &[
            "check",
            "apps/web/.planning/STATE.md",
            "apps/api/.planning/ROADMAP.md",
            "apps/web/.planning/ROADMAP.md",
        ],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.starts_with("apps/web:\nAll checks passed"), "{out}");
    assert!(out.contains("apps/api:\nerror[GSD101]"), "{out}");
    assert!(out.contains("--> apps/api/.planning/STATE.md:"), "{out}");
    // Only the web project: clean. No path in a .planning/ folder: nothing to do.
    let (code, _, _) = in_dir(dir.path(), &["check", "apps/web/.planning/STATE.md"]);
    assert_eq!(code, 0);
    let (code, _, err) = in_dir(dir.path(), &["check", "README.md"]);
    assert_eq!(code, 0, "{err}");
    // -q: only the project with an error says anything.
    let (code, out, _) = in_dir(
        dir.path(),
        &[
            "-q",
            "check",
            "apps/web/.planning/STATE.md",
            "apps/api/.planning/STATE.md",
            "--select",
            "GSD101",
        ],
    );
    assert!(!out.contains("apps/web:"), "{out}");
    if code == 1 {
        assert!(out.starts_with("apps/api:\nerror[GSD101]"), "{out}");
    }
    // A staged gsd.toml checks its project, with the settings it holds.
    let config = dir.path().join("apps/api/gsd.toml");
    std::fs::write(&config, "[check]\nignore = [\"GSD101\"]\n").unwrap();
    let (code, out, err) = in_dir(dir.path(), &["check", "apps/api/gsd.toml"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out, "All checks passed: no problems found.\n");
    std::fs::remove_file(&config).unwrap();
    // JSON and SARIF describe one project.
    let (code, _, err) = in_dir(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "apps/web/.planning/STATE.md",
            "apps/api/.planning/STATE.md",
        ],
    );
    assert_eq!(code, 2, "{err}");
    let (code, out, _) = in_dir(
        dir.path(),
        &["check", "--json", "apps/api/.planning/STATE.md"],
    );
    assert_eq!(code, 1);
    assert!(out.contains("GSD101"), "{out}");
}

#[test]
fn the_hook_script_passes_options_and_paths_to_gsd_check() {
    let dir = monorepo();
    let script = fixtures_dir().join("../scripts/pre-commit-gsd-check");
    let hook = |args: &[&str]| {
        let out = std::process::Command::new(&script)
            .current_dir(dir.path())
            .env("GSD", env!("CARGO_BIN_EXE_gsd"))
            .env("GSD_NOW", "2026-02-01T10:00:00Z")
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, out) = hook(&["apps/api/.planning/STATE.md", "apps/web/.planning/STATE.md"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("apps/api/.planning/STATE.md"), "{out}");
    let (code, out) = hook(&["--exit-zero", "apps/api/.planning/STATE.md"]);
    assert_eq!(code, 0, "{out}");
}
