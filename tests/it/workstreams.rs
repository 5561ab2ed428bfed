//! Workstreams (`--ws`, `GSD_WORKSTREAM`, `.planning/active-workstream`) and `gsd check
//! --all`, on `fixtures/workstreams/mono`: a project whose state lives in two workstreams
//! (`api`, `web`; PROJECT.md shared in `.planning/`) with a nested project `apps/mobile`
//! whose progress bar disagrees with its percent (fixable).

use std::path::Path;

use serde_json::Value;

use crate::support::{Project, copy_dir, fixtures_dir, gsd, run};

/// A temp copy of the whole monorepo (not only its `.planning/`), without the active
/// pointer unless `active` names one.
fn mono(active: Option<&str>) -> Project {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures_dir().join("workstreams/mono"), dir.path());
    let pointer = dir.path().join(".planning/active-workstream");
    match active {
        Some(name) => std::fs::write(&pointer, format!("{name}\n")).unwrap(),
        None => std::fs::remove_file(&pointer).unwrap(),
    }
    Project { dir }
}

fn read(p: &Project, rel: &str) -> String {
    std::fs::read_to_string(p.root().join(rel)).unwrap()
}

#[test]
fn ws_flag_env_and_active_file_choose_the_folder() {
    let p = mono(None);
    let (code, out, _) = run(p.gsd().args(["--ws", "web", "state", "show", "--json"]));
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["file"], ".planning/workstreams/web/STATE.md");
    let (code, out, _) =
        run(p
            .gsd()
            .env("GSD_WORKSTREAM", "web")
            .args(["state", "get", "milestone"]));
    assert_eq!((code, out.as_str()), (0, "v1.0\n"));
    // The flag beats the variable.
    let (_, out, _) = run(p
        .gsd()
        .env("GSD_WORKSTREAM", "nope")
        .args(["--ws", "api", "state", "show"]));
    assert!(out.contains(".planning/workstreams/api/STATE.md"), "{out}");
    let p = mono(Some("web"));
    let (_, out, _) = run(p.gsd().args(["state", "show"]));
    assert!(out.contains(".planning/workstreams/web/STATE.md"), "{out}");
}

#[test]
fn unknown_or_missing_workstream_is_a_clear_error() {
    let p = mono(None);
    let (code, _, err) = run(p.gsd().args(["--ws", "mobile", "state", "show"]));
    assert_eq!(code, 2);
    assert!(err.contains("no workstream `mobile`"), "{err}");
    assert!(err.contains("workstreams here: api, web"), "{err}");
    let (code, _, err) = run(p
        .gsd()
        .env("GSD_WORKSTREAM", "../x")
        .args(["state", "show"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("GSD_WORKSTREAM=../x: not a workstream name"),
        "{err}"
    );
    // No workstream chosen and no flat STATE.md: say which workstreams there are.
    let (code, _, err) = run(p.gsd().args(["state", "show"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("keeps its state in workstreams (api, web)"),
        "{err}"
    );
    // A stale pointer is ignored, as the workflow does.
    let p = mono(Some("gone"));
    let (code, _, err) = run(p.gsd().args(["state", "show"]));
    assert_eq!(code, 2);
    assert!(err.contains("keeps its state in workstreams"), "{err}");
}

#[test]
fn edits_stay_in_the_workstream_and_shared_files_stay_shared() {
    let p = mono(None);
    let web_before = read(&p, ".planning/workstreams/web/STATE.md");
    let (code, out, err) = run(p.gsd().args(["--ws", "api", "phase", "remove", "3"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "renamed .planning/workstreams/api/phases/04-export -> .planning/workstreams/api/phases/03-export"
        ),
        "{out}"
    );
    assert!(
        Path::new(
            &p.root()
                .join(".planning/workstreams/api/phases/03-export/03-01-PLAN.md")
        )
        .exists()
    );
    assert!(read(&p, ".planning/workstreams/api/ROADMAP.md").contains("### Phase 3: Export"));
    assert_eq!(read(&p, ".planning/workstreams/web/STATE.md"), web_before);
    assert!(!p.root().join(".planning/STATE.md").exists());
    // A decision recorded in a workstream lands in its STATE.md only.
    let (code, _, err) = run(p.gsd().env("GSD_WORKSTREAM", "web").args([
        "state",
        "decide",
        "Ship the web app first",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(read(&p, ".planning/workstreams/web/STATE.md").contains("Ship the web app first"));
    assert!(!read(&p, ".planning/workstreams/api/STATE.md").contains("Ship the web app first"));
    // `project` reads the shared PROJECT.md from inside a workstream.
    let (code, out, err) = run(p.gsd().args(["--ws", "web", "project", "show", "--json"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"file\": \".planning/PROJECT.md\""), "{out}");
}

#[test]
fn check_reports_paths_of_the_workstream() {
    let p = mono(None);
    let api_state = ".planning/workstreams/api/STATE.md";
    let text =
        read(&p, api_state).replace("Progress: [░░░░░░░░░░] 0%", "Progress: [░░░░░░░░░░] 40%");
    std::fs::write(p.root().join(api_state), text).unwrap();
    let (code, out, _) = run(p.gsd().args(["--ws", "api", "check", "--format", "github"]));
    assert_eq!(code, 1);
    assert!(
        out.contains("file=.planning/workstreams/api/STATE.md,line=30"),
        "{out}"
    );
    // A path in a workstream checks that workstream (pre-commit).
    let (code, out, _) = run(p.gsd().args(["check", api_state]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("GSD102"), "{out}");
    let (code, _, _) = run(p
        .gsd()
        .args(["check", ".planning/workstreams/web/STATE.md"]));
    assert_eq!(code, 0);
}

#[test]
fn check_all_walks_projects_and_workstreams() {
    let p = mono(None);
    // A dependency's planning folder is not the user's: never looked at.
    let vendored = p.root().join("node_modules/pkg/.planning");
    std::fs::create_dir_all(&vendored).unwrap();
    std::fs::write(vendored.join("STATE.md"), "").unwrap();
    let (code, out, err) = run(p.gsd().args(["check", "--all"]));
    assert_eq!(code, 1, "{err}");
    let headers: Vec<&str> = out.lines().filter(|l| l.ends_with("/:")).collect();
    assert_eq!(
        headers,
        [
            ".planning/workstreams/api/:",
            ".planning/workstreams/web/:",
            "apps/mobile/.planning/:"
        ]
    );
    assert!(out.contains("GSD101"), "{out}");
    assert!(!out.contains("node_modules") && !err.contains("node_modules"));
    assert!(
        err.contains("checked 3 planning folder(s) in 2 project(s)"),
        "{err}"
    );
    // JSON: one report per folder, each with its path.
    let (code, out, _) = run(p.gsd().args(["check", "--all", "--format", "json"]));
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let checked = v["checked"].as_array().unwrap();
    assert_eq!(checked.len(), 3);
    assert_eq!(checked[2]["path"], "apps/mobile/.planning/");
    assert_eq!(checked[2]["report"]["summary"]["errors"], 1);
    assert_eq!(checked[0]["workstream"], "api");
    // A folder that cannot be checked makes the run exit 2 and the others are still checked.
    std::fs::write(p.root().join(".planning/workstreams/web/STATE.md"), "").unwrap();
    let (code, out, err) = run(p.gsd().args(["check", "--all"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("gsd: error: .planning/workstreams/web/: "),
        "{err}"
    );
    assert!(out.contains("apps/mobile/.planning/:"), "{out}");
    // Fixing under --all fixes each folder.
    let (code, _, err) = run(gsd()
        .current_dir(p.root().join("apps/mobile"))
        .args(["check", "--all", "--fix"]));
    assert_eq!(code, 0, "{err}");
    assert!(read(&p, "apps/mobile/.planning/STATE.md").contains("Progress: [░░░░░░░░░░] 0%"));
}
