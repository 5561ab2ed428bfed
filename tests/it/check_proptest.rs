//! `check` never panics: generated STATE.md / ROADMAP.md / PROJECT.md documents (random
//! position lines, bars of any glyphs and width, metrics tables, dates valid and not, CRLF,
//! BOM, emoji, noise) and phases folders run through every rule, every renderer and every fix.

use gsd::check::{self, PlanningFile, Summary, diagnostic::locate};
use gsd::edit::EditSet;
use gsd::model::Workspace;
use gsd::model::phases::PhasesDir;
use gsd::render::{check_github, check_gitlab, check_human, check_json, check_sarif};
use proptest::prelude::*;

fn date() -> impl Strategy<Value = String> {
    (2020u32..2070, 0u32..15, 0u32..33).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
}

fn bar() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!['█', '#', '=', '▓', '░', '-', '.', ' ']),
        prop::sample::select(vec!['░', '-', '.', ' ', '█']),
        0usize..25,
        0usize..25,
        0u32..130,
        any::<bool>(),
    )
        .prop_map(|(f, e, nf, ne, p, bracket)| {
            let run: String = std::iter::repeat_n(f, nf)
                .chain(std::iter::repeat_n(e, ne))
                .collect();
            if bracket {
                format!("Progress: [{run}] {p}%")
            } else {
                format!("**Progress:** {run} {p}% (3/{ne} plans)")
            }
        })
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "# Project State",
            "## Project Reference",
            "## Current Position",
            "## Performance Metrics",
            "## Accumulated Context",
            "### Decisions",
            "### Blockers/Concerns",
            "## Session Continuity",
            "**By Phase:**",
            "| Phase | Plans | Total | Avg/Plan |",
            "|---|---|---|---|",
            "---",
            "",
            "Resume file: None",
            "## Core Value",
            "<!-- gsd-ignore GSD101 -->",
            "```",
            "## Phases",
        ])
        .prop_map(str::to_string),
        (0u32..30, 0u32..30, "[A-Za-z —-]{0,12}")
            .prop_map(|(a, b, n)| format!("Phase: {a} of {b} ({n})")),
        (0u32..30, 0u32..30).prop_map(|(a, b)| format!("Plan: {a} of {b}")),
        (0u32..30).prop_map(|a| format!("Plan: {a} of")),
        bar(),
        (0u32..50).prop_map(|n| format!("- Total plans completed: {n}")),
        (0u32..100, 0u32..10).prop_map(|(a, b)| format!("- Average duration: {a}.{b} min")),
        (0u32..10, 0u32..100).prop_map(|(a, b)| format!("- Total execution time: {a}.{b} hours")),
        (0u32..20, 0u32..9, 0u32..200, 0u32..90)
            .prop_map(|(p, n, t, a)| format!("| {p} | {n} | {t} min | {a} min |")),
        prop::collection::vec(0u32..60, 0..9).prop_map(|v| format!(
            "- Last 5 plans: {}",
            v.iter()
                .map(|m| format!("{m}min"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        (0u32..20, 0u32..20, "[A-Za-z]{0,3}")
            .prop_map(|(p, m, s)| format!("- D-{s}{p:02}: choice ({p:02}-{m:02}) RESOLVED")),
        (date(), "[a-z ]{0,10}").prop_map(|(d, t)| format!("Last activity: {d} — {t}")),
        date().prop_map(|d| format!("Last session: {d}T10:00:00Z")),
        date().prop_map(|d| format!("See: .planning/PROJECT.md (updated {d})")),
        date().prop_map(|d| format!("*Last updated: {d} after x*")),
        (0u32..20, "[A-Za-z ]{0,10}")
            .prop_map(|(n, s)| format!("**Current focus:** Phase {n} — {s}")),
        "[a-z/._-]{0,20}".prop_map(|p| format!("Resume file: {p}")),
        (0u32..9, 0u32..9, any::<bool>()).prop_map(|(p, m, x)| format!(
            "- [{}] {p:02}-{m:02}-PLAN.md — x",
            if x { 'x' } else { ' ' }
        )),
        (0u32..9, "[A-Za-z ]{0,10}").prop_map(|(n, s)| format!("- [ ] **Phase {n}: {s}** - x")),
        "\\PC{0,30}",
    ]
}

/// A phases folder: a few phase directories holding some PLAN and SUMMARY files.
type PhaseFiles = Vec<(u32, Vec<(u32, bool)>)>;

fn phases() -> impl Strategy<Value = PhaseFiles> {
    prop::collection::vec(
        (
            1u32..9,
            prop::collection::vec((1u32..6, any::<bool>()), 0..5),
        ),
        0..5,
    )
}

/// Writes the phases folder under `root/.planning/phases` and reads it back.
fn scan(root: &std::path::Path, dirs: &PhaseFiles) -> PhasesDir {
    let phases = root.join(".planning/phases");
    for (n, files) in dirs {
        let dir = phases.join(format!("{n:02}-x"));
        std::fs::create_dir_all(&dir).unwrap();
        for (m, summary) in files {
            std::fs::write(dir.join(format!("{n:02}-{m:02}-PLAN.md")), "# Plan\n").unwrap();
            if *summary {
                std::fs::write(dir.join(format!("{n:02}-{m:02}-SUMMARY.md")), "# S\n").unwrap();
            }
        }
    }
    std::fs::create_dir_all(&phases).unwrap();
    gsd::io::phases_scan::scan(&phases).unwrap()
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 0..40),
        any::<bool>(),
        any::<bool>(),
        prop::option::of((date(), 0u32..120)),
    )
        .prop_map(|(lines, crlf, bom, fm)| {
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            if let Some((d, p)) = fm {
                text.push_str(&format!(
                    "---{eol}status: executing{eol}current_phase: 02{eol}last_updated: \"{d}T00:00:00Z\"{eol}progress:{eol}  percent: {p}{eol}---{eol}"
                ));
            }
            text.push_str(&lines.join(eol));
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn check_never_panics(
        state in document(),
        roadmap in document(),
        project in document(),
        phases in prop::option::of(phases()),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let phases = phases.map(|p| scan(dir.path(), &p));
        let ws = Workspace::in_memory(&state)
            .with_project(&project)
            .with_roadmap(&roadmap)
            .with_phases(phases)
            .at(dir.path());
        let today = chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        let diagnostics = check::check(&ws, today);
        let located = locate(&ws, &diagnostics, "app");
        prop_assert_eq!(located.len(), diagnostics.len());
        let summary = Summary::of(&diagnostics);
        check_human::render(&located, summary, false);
        check_human::render(&located, summary, true);
        check_json::render(&located, summary);
        check_github::render(&located);
        check_sarif::render(&located, |f| f.source(&ws), "file:///repo/", Some(1));
        check_gitlab::render(&located);
        for d in &diagnostics {
            if let Some(fix) = &d.fix {
                // A fix edits the file its finding is in (ROADMAP.md ticks, PROJECT.md dates).
                let text = match fix.file {
                    PlanningFile::State => &state,
                    PlanningFile::Roadmap => &roadmap,
                    PlanningFile::Project => &project,
                    PlanningFile::Other => {
                        prop_assert!(false, "a fix for no planning file: {:?}", d);
                        unreachable!()
                    }
                };
                let mut set = EditSet::new();
                set.extend(fix.edits.iter().cloned());
                prop_assert!(set.apply(text).is_ok());
            }
        }
    }
}
