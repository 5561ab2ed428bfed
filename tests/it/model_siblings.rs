//! ROADMAP.md, PROJECT.md and phases/ models: byte identity for every variant fixture, and
//! what each variant must yield.

use std::path::{Path, PathBuf};

use gsd::edit::EditSet;
use gsd::model::PhaseNum;
use gsd::model::phases::{PhasesDir, read_summary};
use gsd::model::project::{ProjectDoc, RequirementKind};
use gsd::model::roadmap::{Column, MilestoneKind, Roadmap, RoadmapPhase};
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

fn roadmap(name: &str) -> Roadmap {
    Roadmap::parse(source(&fixtures_dir().join("roadmap").join(name)))
}

fn project(name: &str) -> ProjectDoc {
    ProjectDoc::parse(source(&fixtures_dir().join("project").join(name)))
}

fn n(s: &str) -> PhaseNum {
    PhaseNum::parse(s).unwrap()
}

fn phase<'a>(r: &'a Roadmap, num: &str) -> &'a RoadmapPhase {
    r.phase(&n(num))
        .unwrap_or_else(|| panic!("phase {num} missing"))
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
fn roadmap_bold_em_dash_with_milestone_table() {
    for file in ["bold-em-dash.md", "bom-crlf.md"] {
        let r = roadmap(file);
        let numbers: Vec<&str> = r.phases.iter().map(|p| p.number.as_str()).collect();
        assert_eq!(numbers, ["1", "2", "2.1", "3", "4"], "{file}");
        let p1 = phase(&r, "1");
        assert_eq!(p1.name.as_deref(), Some("Spreadsheet Import"));
        assert!(p1.is_checked());
        assert_eq!(p1.completed.as_ref().unwrap().0.to_string(), "2026-02-03");
        let (_, range) = p1.completed.clone().unwrap();
        assert_eq!(r.doc.text(range), "2026-02-03");
        assert_eq!(p1.plans_value.as_ref().unwrap().complete, Some(2));
        let hot = phase(&r, "02.1");
        assert!(hot.inserted);
        assert_eq!(hot.name.as_deref(), Some("Rate Rounding Fix"));
        assert_eq!(hot.plans.len(), 1);
        let p3 = phase(&r, "3");
        assert!(!p3.is_checked());
        assert_eq!((p3.plans_completed(), p3.plan_total()), (Some(1), Some(3)));
        let p4 = phase(&r, "4");
        assert_eq!(p4.plan_total(), None, "TBD stays unknown");
        assert_eq!(r.doc.text(p4.plans_value.clone().unwrap().value), "TBD");
        // `--` and `-` separators after the file name.
        assert_eq!(phase(&r, "1").plans.len(), 2);
        assert_eq!(phase(&r, "2").plans.len(), 2);
        let t = r.progress.as_ref().unwrap();
        assert_eq!(t.milestone_col, Some(1));
        assert_eq!(t.rows.len(), 5);
        assert_eq!(r.progress_cell(&n("2.1"), Column::Status), Some("Complete"));
        assert_eq!(r.progress_cell(&n("3"), Column::Completed), Some(""));
        assert_eq!(r.progress_cell(&n("1"), Column::Milestone), Some("v1.0"));
        let (table, row) = r.progress_row(&n("01")).unwrap();
        assert_eq!(table.plans(&r.doc, row), Some((2, 2)));
        assert_eq!(row.name.as_deref(), Some("Spreadsheet Import"));
    }
}

#[test]
fn roadmap_details_groups_and_shifted_rows() {
    for file in ["details-collapsed.md", "no-final-newline.md"] {
        let r = roadmap(file);
        let numbers: Vec<&str> = r.phases.iter().map(|p| p.number.as_str()).collect();
        assert_eq!(numbers, ["1", "2", "3", "4", "5"], "{file}");
        // Plain lines directly under <summary> are HTML to pulldown-cmark; still found.
        let p2 = phase(&r, "2");
        assert!(p2.is_checked());
        assert_eq!(p2.name.as_deref(), Some("Tags"));
        assert_eq!(p2.completed.as_ref().unwrap().0.to_string(), "2026-01-20");
        // A heading inside a second <details> (after a blank line) is real Markdown.
        let p1 = phase(&r, "1");
        assert_eq!(p1.plans.len(), 3);
        assert!(p1.heading.is_some());
        // `#### Phase N:` under a `### v1.1` milestone heading.
        let p4 = phase(&r, "4");
        assert_eq!(p4.heading_level, Some(4));
        assert_eq!((p4.plans_completed(), p4.plan_total()), (Some(1), Some(2)));
        let groups: Vec<(&str, MilestoneKind)> = r
            .milestones
            .iter()
            .map(|m| (m.title.as_str(), m.kind))
            .collect();
        assert_eq!(groups[0].0, "✅ v1.0 MVP (Phases 1-3) — SHIPPED 2026-01-30");
        assert_eq!(groups[0].1, MilestoneKind::Details);
        assert!(
            groups
                .iter()
                .any(|(t, k)| t.contains("v1.1 Sync") && *k == MilestoneKind::Heading(3))
        );
        assert_eq!(
            r.milestones[p2.milestone.unwrap()].kind,
            MilestoneKind::Details
        );
        assert!(r.milestones[p4.milestone.unwrap()].title.contains("v1.1"));
        // The column-shifted row: values one column left of their headers.
        let (table, row) = r.progress_row(&n("3")).unwrap();
        assert!(row.shifted);
        assert_eq!(table.plans(&r.doc, row), Some((2, 2)));
        assert_eq!(
            r.progress_cell(&n("3"), Column::Completed),
            Some("2026-01-30")
        );
        assert_eq!(r.progress_cell(&n("3"), Column::Milestone), None);
        assert!(!r.progress_row(&n("4")).unwrap().1.shifted);
    }
}

#[test]
fn roadmap_emoji_numbered_and_heading_markers() {
    let r = roadmap("emoji-numbered.md");
    let numbers: Vec<&str> = r.phases.iter().map(|p| p.number.as_str()).collect();
    assert_eq!(numbers, ["13", "14", "15", "999.1", "16", "17"]);
    let p13 = phase(&r, "13");
    assert!(p13.is_checked() && p13.checkbox.is_none());
    assert_eq!(r.doc.text(p13.glyph.clone().unwrap().glyph), "✅");
    assert!(!phase(&r, "15").is_checked());
    assert_eq!(phase(&r, "16").name.as_deref(), Some("Sharing"));
    assert!(phase(&r, "16").listing.is_some());
    // `## Phase 13 — Foundation [COMPLETE]` and `## Phase 14 — Importers ✅`.
    assert_eq!(p13.heading_level, Some(2));
    assert_eq!(p13.plans.len(), 2);
    assert!(
        p13.plans.iter().all(|p| p.checkbox.checked),
        "[X] is ticked"
    );
    assert_eq!(phase(&r, "14").name.as_deref(), Some("Importers"));
    assert_eq!(phase(&r, "999.1").name.as_deref(), Some("Offline Mode"));
    let t = r.progress.as_ref().unwrap();
    assert_eq!((t.plans_col, t.completed_col), (None, None));
    assert_eq!(
        r.progress_cell(&n("14"), Column::Status),
        Some("Complete ✓")
    );
}

#[test]
fn roadmap_ids_waves_and_plans_field() {
    for file in ["ids-and-waves.md", "mixed-eol.md"] {
        let r = roadmap(file);
        let numbers: Vec<&str> = r.phases.iter().map(|p| p.number.as_str()).collect();
        assert_eq!(numbers, ["01", "02", "02A", "03.1.2"], "{file}");
        assert!(phase(&r, "1").is_checked(), "padding-insensitive lookup");
        let p2 = phase(&r, "2");
        let ids: Vec<String> = p2.plans.iter().map(|p| p.id.to_string()).collect();
        assert_eq!(
            ids,
            ["02-01", "02-02", "02-03", "02-04"],
            "indented and `Plan 03` forms"
        );
        assert_eq!(p2.plans_value.as_ref().unwrap().total, Some(4));
        let p2a = phase(&r, "2a");
        assert_eq!(p2a.name.as_deref(), Some("Schedule Import"));
        assert_eq!(
            (p2a.plans_completed(), p2a.plan_total()),
            (Some(2), Some(3))
        );
        let nested = phase(&r, "3.1.2");
        assert!(nested.inserted);
        assert_eq!(nested.plans[0].id.to_string(), "03.1.2-01");
        let t = r.progress.as_ref().unwrap();
        let rows: Vec<Option<&str>> = t
            .rows
            .iter()
            .map(|r| r.phase.as_ref().map(|p| p.as_str()))
            .collect();
        assert_eq!(
            rows,
            [Some("01"), Some("02"), Some("02A"), Some("03.1.2"), None]
        );
        assert_eq!(t.rows[1].name.as_deref(), Some("Firing Schedules"));
        assert_eq!(r.progress_cell(&n("1"), Column::Status), Some("Done"));
    }
}

#[test]
fn roadmap_mojibake_passes_through() {
    let r = roadmap("mojibake.md");
    assert_eq!(r.phases.len(), 2);
    assert_eq!(phase(&r, "2").name.as_deref(), Some("RÃ©sultats"));
    assert_eq!(phase(&r, "1").plans.len(), 1);
    assert_eq!(
        r.progress_cell(&n("1"), Column::Status),
        Some("âœ… Complete")
    );
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
    let dir = PhasesDir::scan(&phases).unwrap();
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
    assert_eq!(dir.plan_counts(), (1, 10));
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
        let mut files = Vec::new();
        markdown_under(&tree.join(".planning"), &mut files);
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8(bytes.clone()).unwrap();
            let doc = gsd::syntax::Doc::parse(Source::new(&path, text));
            let written = EditSet::new().apply(doc.render()).unwrap();
            assert_eq!(written.as_bytes(), &bytes[..], "{} changed", path.display());
        }
        let ws = gsd::model::Workspace::load(&tree, gsd::model::workspace::Needs::ALL)
            .unwrap_or_else(|e| panic!("{}: {e}", tree.display()));
        let name = tree.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(ws.roadmap.is_some(), name != "no-roadmap", "{name}");
        assert_eq!(ws.phases.is_some(), name != "no-phases-dir", "{name}");
        assert!(ws.project.is_some(), "{name}");
    }
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
        let (ticked, listed) = roadmap.plan_counts();
        let (summaries, _) = phases.plan_counts();
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

mod generated {
    use proptest::prelude::*;

    use gsd::model::project::ProjectDoc;
    use gsd::model::roadmap::Roadmap;
    use gsd::source::Source;

    /// Lines real ROADMAP.md and PROJECT.md files are made of, plus their broken cousins.
    const FRAGMENTS: &[&str] = &[
        "# Roadmap: X",
        "## Phases",
        "- [x] **Phase 1: Foundation** - base (completed 2026-01-02)",
        "- [ ] **Phase 2.1: Fix** — INSERTED",
        "- [X] Phase 03: Plain (2/2 plans) — completed 2026-13-40",
        "- ✅ **Phase 13: Emoji** - x",
        "1. Phase 4: Numbered — y",
        "- [ ] **Phase",
        "- [ ] Phase 2A",
        "### Phase 2: API",
        "#### Phase 12.3.1: Deep (INSERTED)",
        "## Phase 5 — Dash [COMPLETE]",
        "**Plans**: 2/3 plans complete",
        "**Plans:** TBD",
        "**Plans**:",
        "- [x] 02-01-PLAN.md — a",
        "  - [ ] 02-02: b",
        "- [ ] Plan 01 (Wave 1): c",
        "- [x] 2026-01-05 not a plan",
        "<details>",
        "<summary>✅ v1.0 MVP</summary>",
        "</details>",
        "<!-- - [x] Phase 9: Commented -->",
        "```",
        "| Phase | Milestone | Plans Complete | Status | Completed |",
        "|-------|-----------|----------------|--------|-----------|",
        "| 1. A | v1.0 | 1/1 | Complete | 2026-01-01 |",
        "| 2. B | 1/1 | Complete | 2026-01-01 | - |",
        "| 1-7. Range | x |",
        "| Phase | Status |",
        "|",
        "## Key Decisions",
        "| Decision | Rationale | Outcome |",
        "| a \\| b | c | ✓ Good |",
        "### Validated (v4.0)",
        "- ✓ Done — v1.0",
        "### Active",
        "(None yet — ship to validate)",
        "*Last updated: 2026-01-22 after v1.3*",
        "---",
        "â€” mojibake Ã¨",
        "",
    ];

    fn document() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            4 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            1 => "\\PC{0,12}",
        ];
        let eol = prop::sample::select(&["\n", "\r\n", "\n", ""][..]);
        (any::<bool>(), prop::collection::vec((line, eol), 0..40)).prop_map(|(bom, lines)| {
            let mut s = if bom {
                "\u{feff}".to_string()
            } else {
                String::new()
            };
            for (l, e) in lines {
                s.push_str(&l);
                s.push_str(e);
            }
            s
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// No panic, byte identity, and every span the models hand to edit code points at
        /// what it claims to.
        #[test]
        fn sibling_models_never_panic_and_spans_hold(text in document()) {
            let r = Roadmap::parse(Source::new("R", text.clone()));
            prop_assert_eq!(r.doc.render(), text.as_str());
            for p in &r.phases {
                let boxes = p.checkbox.iter().chain(p.plans.iter().map(|pl| &pl.checkbox));
                for cb in boxes {
                    let mark = r.doc.text(cb.mark.clone());
                    prop_assert!(matches!(mark, " " | "x" | "X"), "mark {:?}", mark);
                    prop_assert_eq!(cb.checked, mark != " ");
                }
                if let Some((date, range)) = &p.completed {
                    prop_assert_eq!(r.doc.text(range.clone()), date.to_string());
                }
                if let Some(v) = &p.plans_value {
                    let _ = r.doc.text(v.value.clone());
                }
            }
            for t in &r.progress_tables {
                for row in &t.rows {
                    for c in &row.cells {
                        let _ = r.doc.text(c.raw.clone());
                    }
                }
            }
            let p = ProjectDoc::parse(Source::new("P", text.clone()));
            prop_assert_eq!(p.doc.render(), text.as_str());
            if let Some(kd) = &p.key_decisions {
                for i in 0..kd.rows.len() {
                    let _ = kd.cell_text(&p.doc, i, 0);
                }
            }
        }
    }
}

#[test]
fn roadmap_frontmatter_and_empty_plans_field() {
    let r = roadmap("frontmatter-trailing-space.md");
    let numbers: Vec<&str> = r.phases.iter().map(|p| p.number.as_str()).collect();
    assert_eq!(
        numbers,
        ["6", "7"],
        "frontmatter `Phase 7:` text is not a phase line"
    );
    let p6 = phase(&r, "6");
    assert!(p6.is_checked());
    assert_eq!(p6.completed.as_ref().unwrap().0.to_string(), "2026-02-27");
    let p7 = phase(&r, "7");
    let field = p7.plans_value.as_ref().unwrap();
    assert_eq!((r.doc.text(field.value.clone()), field.total), ("", None));
    let (table, row) = r.progress_row(&n("6")).unwrap();
    assert_eq!(
        table.status(&r.doc, row),
        Some(gsd::model::roadmap::RowStatus::Complete)
    );
    let (table, row) = r.progress_row(&n("7")).unwrap();
    assert_eq!(
        table.status(&r.doc, row),
        Some(gsd::model::roadmap::RowStatus::NotStarted)
    );
}
