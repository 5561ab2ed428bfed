//! PROJECT.md and phases/ models on their variants; byte identity of every ROADMAP/PROJECT
//! fixture and of whole `.planning/` trees; cross-file agreement of the consistent trees.

use std::path::{Path, PathBuf};

use gsd::edit::EditSet;
use gsd::model::PhaseNum;
use gsd::model::phases::read_summary;
use gsd::model::project::{ProjectDoc, RequirementKind};
use gsd::model::roadmap::Roadmap;
use gsd::source::Source;

use crate::support::fixtures_dir;

fn files_in(sub: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join(sub))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    v.sort();
    v
}

fn source(path: &Path) -> Source {
    Source::new(path, std::fs::read_to_string(path).unwrap())
}

fn project(name: &str) -> ProjectDoc {
    ProjectDoc::parse(source(&fixtures_dir().join("project").join(name)))
}

fn n(s: &str) -> PhaseNum {
    PhaseNum::parse(s).unwrap()
}

/// Every ROADMAP and PROJECT fixture, and every file of every project tree, writes back
/// byte-identical with no edit.
#[test]
fn sibling_fixtures_round_trip_byte_identical() {
    let mut paths = files_in("roadmap");
    paths.extend(files_in("project"));
    assert!(paths.len() >= 12, "fixtures missing: {paths:?}");
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let r = Roadmap::parse(Source::new(&path, text.clone()));
        let p = ProjectDoc::parse(Source::new(&path, text));
        for doc in [&r.doc, &p.doc] {
            let written = EditSet::new().apply(doc.render()).unwrap();
            assert_eq!(written.as_bytes(), &bytes[..], "{} changed", path.display());
        }
    }
}

#[test]
fn project_template_and_crlf() {
    for file in ["template.md", "crlf-no-final-newline.md"] {
        let p = project(file);
        assert_eq!(p.title_text(), Some("Harbor Ledger"), "{file}");
        assert!(
            p.what_this_is_text()
                .unwrap()
                .starts_with("A small web app")
        );
        assert_eq!(
            p.core_value_text(),
            Some(
                "An invoice a boater can pay the same day the boat leaves, with no manual re-entry."
            )
        );
        assert_eq!(p.requirements.validated.len(), 2);
        assert_eq!(p.requirements.active.len(), 2);
        assert_eq!(p.requirements.out_of_scope.len(), 2);
        assert_eq!(p.constraints.as_ref().unwrap().items.len(), 3);
        let kd = p.key_decisions.as_ref().unwrap();
        assert_eq!(kd.rows.len(), 3);
        assert_eq!(
            (kd.decision_col, kd.rationale_col, kd.outcome_col),
            (Some(0), Some(1), Some(2))
        );
        assert_eq!(kd.cell_text(&p.doc, 2, 2).as_deref(), Some("— Pending"));
        assert_eq!(p.last_updated.as_ref().unwrap().0.to_string(), "2026-02-12");
        assert!(p.footer.is_some());
    }
}

#[test]
fn project_versioned_requirements_and_escaped_cells() {
    let p = project("versioned.md");
    let groups: Vec<(RequirementKind, Option<&str>, usize)> = p
        .requirement_groups
        .iter()
        .map(|g| (g.kind, g.version.as_deref(), g.items.len()))
        .collect();
    assert_eq!(
        groups,
        [
            (
                RequirementKind::Validated,
                Some("v1.0 — shipped 2026-01-30"),
                3
            ),
            (RequirementKind::Validated, Some("v0.9"), 1),
            (RequirementKind::Active, Some("v1.1"), 2),
            (RequirementKind::OutOfScope, Some("v1"), 2),
            (RequirementKind::Other, None, 1),
        ]
    );
    assert_eq!(p.requirements.validated.len(), 4);
    assert!(
        p.requirement_groups[0].items.iter().all(|i| i.resolved),
        "✅ [x] [X]"
    );
    assert!(p.requirement_groups[2].items.iter().all(|i| !i.resolved));
    let kd = p.key_decisions.as_ref().unwrap();
    assert_eq!(kd.phase_col, Some(0));
    assert_eq!(kd.decision_col, Some(1));
    assert_eq!(kd.outcome_col, Some(3));
    assert_eq!(
        kd.rows[0].1.len(),
        4,
        "an escaped pipe does not split a cell"
    );
    assert_eq!(
        kd.cell_text(&p.doc, 0, 1).as_deref(),
        Some("Store notes as `a|b` escaped lines")
    );
    assert_eq!(p.last_updated.as_ref().unwrap().0.to_string(), "2026-03-02");
}

#[test]
fn project_localised_and_bare() {
    let p = project("localized.md");
    assert_eq!(
        p.core_value, None,
        "no section named Core Value: absent, not guessed"
    );
    let kd = p.key_decisions.as_ref().unwrap();
    assert_eq!(
        (kd.decision_col, kd.rationale_col, kd.outcome_col),
        (Some(0), Some(1), Some(2))
    );
    assert_eq!(kd.rows.len(), 2);
    assert!(p.last_updated.is_none());
    assert!(p.footer.is_some());

    let p = project("bare.md");
    assert_eq!(p.title_text(), Some("___"));
    assert!(p.key_decisions.is_none() && p.last_updated.is_none() && p.footer.is_none());
    let active = &p.requirement_groups[0];
    assert_eq!(active.kind, RequirementKind::Active);
    assert!(active.items.is_empty());
    assert!(active.placeholder.is_some());
}

#[test]
fn phases_dir_names_files_and_summaries() {
    let tmp = tempfile::tempdir().unwrap();
    let phases = tmp.path().join("phases");
    let files: &[&str] = &[
        "01-setup/01-01-PLAN.md",
        "01-setup/01-01-SUMMARY.md",
        "01-setup/01-02-cli-PLAN.md",
        "01-setup/01-02-FIX-PLAN.md",
        "01-setup/01-CONTEXT.md",
        "01-setup/2026-06-15-01-01-PLAN.md",
        "002-export/002-01-PLAN.md",
        "02.1-hotfix/02.1-01-PLAN.md",
        "3.2-polish/3.2-01-PLAN.md",
        "4-docs/04-01-PLAN.md",
        "76/76-01-PLAN.md",
        "12.3.1-identity/12.3.1-01-PLAN.md",
        "2A-backend/2A-01-PLAN.md",
        "phase-18/18-01-PLAN.md",
        "CTRX-15-api/CTRX-15-01-PLAN.md",
    ];
    for f in files {
        let p = phases.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "# plan\n").unwrap();
    }
    let dir = gsd::io::phases_scan::scan(&phases).unwrap();
    let numbers: Vec<&str> = dir.phases.iter().map(|p| p.number.as_str()).collect();
    assert_eq!(
        numbers,
        ["01", "002", "02.1", "2A", "3.2", "4", "12.3.1", "18", "76"]
    );
    let one = dir.phase(&n("1")).unwrap();
    let plans: Vec<String> = one.plans.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        plans,
        ["01-01", "01-02"],
        "slugged, FIX and dated files handled"
    );
    assert_eq!(one.summaries.len(), 1);
    assert_eq!(one.slug.as_deref(), Some("setup"));
    assert_eq!(dir.phase(&n("2")).unwrap().plans.len(), 1, "002 = 2");
    assert_eq!(dir.phase(&n("04")).unwrap().plans.len(), 1);
    assert_eq!(dir.phase(&n("18")).unwrap().slug, None);
    let summaries: usize = dir.phases.iter().map(|p| p.summaries.len()).sum();
    let plans: usize = dir.phases.iter().map(|p| p.plans.len()).sum();
    assert_eq!((summaries, plans), (1, 10));
    let plan = gsd::model::PlanId::parse("01-02").unwrap();
    assert!(dir.plan_path(&plan).unwrap().ends_with("01-02-cli-PLAN.md"));

    let s = read_summary(Source::new(
        "S",
        "---\nphase: 01-setup\nplan: 01\nduration: 1h 5m\ncompleted: 2026-02-01\n---\n\n# Phase 1 Plan 1: Setup Summary\n\n**Repository skeleton with CI and lint**\n\n## Accomplishments\n".to_string(),
    ));
    assert_eq!(s.duration.as_deref(), Some("1h 5m"));
    assert_eq!(
        s.one_liner.as_deref(),
        Some("Repository skeleton with CI and lint")
    );
}

/// Every Markdown file under `dir`, recursively.
fn markdown_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            markdown_under(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

/// Parses every markdown file under `dir` and writes it back unchanged: the same bytes.
/// Returns how many files it checked.
fn assert_markdown_round_trips(dir: &Path) -> usize {
    let mut files = Vec::new();
    markdown_under(dir, &mut files);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let doc = gsd::syntax::Doc::parse(Source::new(path, text));
        let written = EditSet::new().apply(doc.render()).unwrap();
        assert_eq!(written.as_bytes(), &bytes[..], "{} changed", path.display());
    }
    files.len()
}

fn project_trees() -> Vec<PathBuf> {
    let mut trees: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join("projects"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    trees.sort();
    trees.push(fixtures_dir().join("../examples/demo"));
    trees
}

/// Whole `.planning/` trees (and the demo): every file round-trips, and the workspace loads.
#[test]
fn project_trees_round_trip_and_load() {
    let trees = project_trees();
    assert!(trees.len() >= 6);
    for tree in trees {
        assert_markdown_round_trips(&tree.join(".planning"));
        let ws = gsd::model::Workspace::load(&tree, gsd::model::workspace::Needs::ALL)
            .unwrap_or_else(|e| panic!("{}: {e}", tree.display()));
        let name = tree.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(ws.roadmap.is_some(), name != "no-roadmap", "{name}");
        assert_eq!(ws.phases.is_some(), name != "no-phases-dir", "{name}");
        assert!(ws.project.is_some(), "{name}");
    }
}

/// The ledger's and the commands' fixture trees (`fixtures/ledger/*`, `fixtures/ops/*`):
/// every markdown file in them comes back byte-identical when parsed and written unchanged.
#[test]
fn ledger_and_ops_trees_round_trip() {
    let mut checked = 0;
    for group in ["ledger", "ops"] {
        for tree in std::fs::read_dir(fixtures_dir().join(group))
            .unwrap()
            .flatten()
        {
            let planning = tree.path().join(".planning");
            if !planning.is_dir() {
                continue;
            }
            checked += assert_markdown_round_trips(&planning);
        }
    }
    assert!(checked >= 20, "only {checked} files found");
}

/// The trees meant to be consistent agree across files: plans ticked in ROADMAP = SUMMARY
/// files = STATE's plans completed; progress rows match the checklists; the percent matches.
#[test]
fn consistent_trees_agree_across_files() {
    for name in [
        "projects/consistent",
        "projects/crlf",
        "projects/decimal-phases",
        "../examples/demo",
    ] {
        let tree = fixtures_dir().join(name);
        let ws = gsd::model::Workspace::load(&tree, gsd::model::workspace::Needs::ALL).unwrap();
        let roadmap = ws.roadmap.as_ref().unwrap();
        let phases = ws.phases.as_ref().unwrap();
        // Counted through the ledger, which holds each plan's evidence.
        let ledger = gsd::ledger::Ledger::build(&ws, None);
        let plans = || ledger.phases.iter().flat_map(|p| &p.plans);
        let ticked = plans().filter(|p| p.evidence.ticked).count();
        let listed = plans().filter(|p| p.evidence.listed).count();
        let summaries = plans().filter(|p| p.evidence.summary_file).count();
        let state_done = ws.state.metrics.plans_completed_count(&ws.state.doc);
        assert_eq!(ticked, summaries, "{name}: ROADMAP ticks vs SUMMARY files");
        assert_eq!(
            Some(ticked as u64),
            state_done,
            "{name}: STATE plans completed"
        );
        for p in &roadmap.phases {
            if let Some((table, row)) = roadmap.progress_row(&p.number)
                && let Some((done, total)) = table.plans(&roadmap.doc, row)
            {
                assert_eq!(
                    Some(done as usize),
                    p.plans_completed(),
                    "{name} phase {}",
                    p.number
                );
                assert_eq!(
                    Some(total as usize),
                    p.plan_total(),
                    "{name} phase {}",
                    p.number
                );
            }
            if let Some(dir) = phases.phase(&p.number)
                && !p.plans.is_empty()
            {
                let done: Vec<_> = p
                    .plans
                    .iter()
                    .filter(|pl| pl.checkbox.checked)
                    .map(|pl| &pl.id)
                    .collect();
                let summarised: Vec<_> = dir.summaries.iter().collect();
                assert_eq!(done, summarised, "{name} phase {}", p.number);
            }
        }
        let percent = (ticked * 100 + listed / 2) / listed;
        let json = gsd::render::state_json::state_json(&ws.state, "STATE.md");
        assert_eq!(
            json["progress"]["percent"], percent as u64,
            "{name}: percent"
        );
    }
}
