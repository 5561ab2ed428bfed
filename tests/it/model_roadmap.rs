//! ROADMAP.md model on its variant fixtures (one per FORMATS.md §4 shape, plus BOM/CRLF,
//! mixed line endings and no-final-newline copies), and a property test over generated
//! roadmap-like documents.

use gsd::model::PhaseNum;
use gsd::model::roadmap::{Column, MilestoneKind, Roadmap, RoadmapPhase};
use gsd::source::Source;

use crate::support::fixtures_dir;

fn roadmap(name: &str) -> Roadmap {
    let path = fixtures_dir().join("roadmap").join(name);
    Roadmap::parse(Source::new(&path, std::fs::read_to_string(&path).unwrap()))
}

fn n(s: &str) -> PhaseNum {
    PhaseNum::parse(s).unwrap()
}

fn phase<'a>(r: &'a Roadmap, num: &str) -> &'a RoadmapPhase {
    r.phase(&n(num))
        .unwrap_or_else(|| panic!("phase {num} missing"))
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
        "- 🚧 **Phase 4–6: Range** - x",
        "### Phase 2—Tight dash",
        "| 3–Name | 1/2 | ✅ |",
        "- [x] 4–01: dash id",
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
