//! The STATE.md model on the shapes real files use, field by field, through the same JSON
//! view `gsd state show --json` prints: position, progress, metrics and where fields may be
//! read from. Each case is a small document written for the test. Decisions, blockers,
//! todos, session, frontmatter and the five seeds are in `model_state_context`.

use gsd::model::StateDoc;
use gsd::render::state_json::state_json;
use gsd::source::Source;
use serde_json::{Value, json};

pub(crate) fn show(text: &str) -> Value {
    state_json(
        &StateDoc::parse(Source::new("STATE.md", text.to_string())),
        ".planning/STATE.md",
    )
}

fn position(line: &str) -> Value {
    show(&format!(
        "# Project State\n\n## Current Position\n\n{line}\n"
    ))["position"]
        .clone()
}

pub(crate) fn seed(n: &str) -> Value {
    let path = crate::support::fixtures_dir().join(format!("seeds/{n}.md"));
    show(&std::fs::read_to_string(path).unwrap())
}

#[test]
fn phase_line_forms() {
    // (line, phase, total, name, status)
    let cases: &[(&str, Value, Value, Value, Value)] = &[
        (
            "Phase: 5 of 6 (CLI Experience)",
            json!("5"),
            json!(6),
            json!("CLI Experience"),
            json!(null),
        ),
        (
            "Phase: 1 of 5 (Contract Foundation) — COMPLETE",
            json!("1"),
            json!(5),
            json!("Contract Foundation"),
            json!("COMPLETE"),
        ),
        (
            "Phase: 9 of 10 (Gap Closure) - COMPLETE",
            json!("9"),
            json!(10),
            json!("Gap Closure"),
            json!("COMPLETE"),
        ),
        (
            "Phase: 01 (transcript-extraction) — EXECUTING",
            json!("01"),
            json!(null),
            json!("transcript-extraction"),
            json!("EXECUTING"),
        ),
        (
            "Phase: 09",
            json!("09"),
            json!(null),
            json!(null),
            json!(null),
        ),
        (
            "Phase: 25 — Extract Presentation from core/",
            json!("25"),
            json!(null),
            json!("Extract Presentation from core/"),
            json!(null),
        ),
        (
            "Phase: 78 — Integration Tests (complete)",
            json!("78"),
            json!(null),
            json!("Integration Tests"),
            json!("complete"),
        ),
        (
            "Phase: 7 - Database Setup",
            json!("7"),
            json!(null),
            json!("Database Setup"),
            json!(null),
        ),
        (
            "Phase: 02.1 of 6 (Hotfix)",
            json!("02.1"),
            json!(6),
            json!("Hotfix"),
            json!(null),
        ),
        (
            "Phase: 3.1c.3 (warmup) — IN PROGRESS",
            json!("3.1c.3"),
            json!(null),
            json!("warmup"),
            json!("IN PROGRESS"),
        ),
        (
            "**Phase:** 12A of 14 (Backend Split)",
            json!("12A"),
            json!(14),
            json!("Backend Split"),
            json!(null),
        ),
        (
            "Current phase: Phase 1 - Foundation",
            json!("1"),
            json!(null),
            json!("Foundation"),
            json!(null),
        ),
        (
            "Phase: Phase 23 — 完成",
            json!("23"),
            json!(null),
            json!("完成"),
            json!(null),
        ),
        (
            "Phase: 28 (all complete)",
            json!("28"),
            json!(null),
            json!(null),
            json!("all complete"),
        ),
        (
            "- **Phase**: 12 of 12 (complete)",
            json!("12"),
            json!(12),
            json!(null),
            json!("complete"),
        ),
        (
            "Phase: 02-authentication-identity",
            json!("02"),
            json!(null),
            json!("authentication-identity"),
            json!(null),
        ),
        (
            "Phase: Milestone v6.0 complete",
            json!("Milestone v6.0 complete"),
            json!(null),
            json!(null),
            json!(null),
        ),
        (
            "Phase: —",
            json!("—"),
            json!(null),
            json!(null),
            json!(null),
        ),
        (
            "Fase: 2 de 5 (Rotas)",
            json!("2"),
            json!(5),
            json!("Rotas"),
            json!(null),
        ),
        (
            "Phase: `124` — Parser Rewrite",
            json!("124"),
            json!(null),
            json!("Parser Rewrite"),
            json!(null),
        ),
        (
            "Phase: 13.1 (App Store Prep - IN PROGRESS)",
            json!("13.1"),
            json!(null),
            json!("App Store Prep"),
            json!("IN PROGRESS"),
        ),
        (
            "Phase: 31 of 31 in progress (Quote PDF Templates)",
            json!("31"),
            json!(31),
            json!("Quote PDF Templates"),
            json!("in progress"),
        ),
        (
            "Phase: 3 of 6 (Backend API) completed",
            json!("3"),
            json!(6),
            json!("Backend API"),
            json!("completed"),
        ),
    ];
    for (line, phase, total, name, status) in cases {
        let p = position(line);
        assert_eq!(
            (
                &p["phase"],
                &p["phase_total"],
                &p["phase_name"],
                &p["phase_status"]
            ),
            (phase, total, name, status),
            "{line}"
        );
    }
    // A text-only phase has no phase number.
    assert_eq!(
        position("Phase: Milestone v6.0 complete")["phase_number"],
        json!(null)
    );
    assert_eq!(
        position("Phase: 02.1 of 6 (Hotfix)")["phase_number"],
        json!("02.1")
    );
}

#[test]
fn plan_line_forms() {
    // (line, plan, total, plan_id)
    let cases: &[(&str, Value, Value, Value)] = &[
        ("Plan: 1 of 2 in phase", json!(1), json!(2), json!(null)),
        (
            "Plan: 0 of TBD (ready to start)",
            json!(0),
            json!("TBD"),
            json!(null),
        ),
        ("Plan: 07-02 of 2", json!("07-02"), json!(2), json!("07-02")),
        ("Plan: 01 of 04 complete", json!(1), json!(4), json!(null)),
        ("Plan: 8/8 complete", json!(8), json!(8), json!(null)),
        (
            "Plan: Not started",
            json!("Not started"),
            json!(null),
            json!(null),
        ),
        (
            "Plan: 1 of ? in current phase",
            json!(1),
            json!("?"),
            json!(null),
        ),
        (
            "Plan: All plans complete",
            json!("All plans complete"),
            json!(null),
            json!(null),
        ),
        ("Plano: 1 de 3", json!(1), json!(3), json!(null)),
    ];
    for (line, plan, total, id) in cases {
        let p = position(line);
        assert_eq!(
            (&p["plan"], &p["plan_total"], &p["plan_id"]),
            (plan, total, id),
            "{line}"
        );
    }
}

#[test]
fn last_activity_separators() {
    let cases = [
        (
            "Last activity: 2026-01-26 — Completed 02-01",
            "2026-01-26",
            Some("Completed 02-01"),
        ),
        (
            "Last activity: 2026-01-26 - Completed 02-01",
            "2026-01-26",
            Some("Completed 02-01"),
        ),
        (
            "Last activity: 2026-01-26 -- Completed 02-01",
            "2026-01-26",
            Some("Completed 02-01"),
        ),
        ("Last activity: 2026-01-26", "2026-01-26", None),
        (
            "- **Last Activity**: Phase 12 execution (2026-03-07)",
            "2026-03-07",
            Some("Phase 12 execution (2026-03-07)"),
        ),
    ];
    for (line, date, text) in cases {
        let a = &position(line)["last_activity"];
        assert_eq!(
            (&a["date"], &a["text"]),
            (&json!(date), &json!(text)),
            "{line}"
        );
    }
}

#[test]
fn progress_line_forms() {
    // (line, percent, bar text, note)
    let wide = format!("Progress: {}{} 75% (x)", "█".repeat(99), "░".repeat(33));
    let cases: Vec<(&str, Value, Value, Value)> = vec![
        (
            "Progress: [████████░░] 75%",
            json!(75),
            json!("████████░░"),
            json!(null),
        ),
        (
            "Progress: [########--] 75%",
            json!(75),
            json!("########--"),
            json!(null),
        ),
        (
            "Progress: [#.......] 12%",
            json!(12),
            json!("#......."),
            json!(null),
        ),
        (
            "Progress: [===========] 100%",
            json!(100),
            json!("==========="),
            json!(null),
        ),
        (
            "Progress: [██▓░░░░░░░░] 22%",
            json!(22),
            json!("██▓░░░░░░░░"),
            json!(null),
        ),
        (
            "Progress: ██████████ 100% (All done)",
            json!(100),
            json!("██████████"),
            json!("(All done)"),
        ),
        (
            "**Progress:** ░░░░░░░░░░ 0/6 phases (v2)",
            json!(null),
            json!("░░░░░░░░░░"),
            json!("0/6 phases (v2)"),
        ),
        (
            "**Overall Progress:** 75% (Phase 3 Complete)",
            json!(75),
            json!(null),
            json!("(Phase 3 Complete)"),
        ),
        (
            "Progress: Ready for v1.4 planning",
            json!(null),
            json!(null),
            json!("Ready for v1.4 planning"),
        ),
        (
            "Progress: 0/4 phases complete",
            json!(null),
            json!(null),
            json!("0/4 phases complete"),
        ),
        (
            "Progress: ███████░░░ 65.6% (7/8 plans)",
            json!(65.6),
            json!("███████░░░"),
            json!("(7/8 plans)"),
        ),
        (
            "Progress: [█████████░] ~80%",
            json!(80),
            json!("█████████░"),
            json!(null),
        ),
        (
            "v2.0 Progress: [██████    ] 60%",
            json!(60),
            json!("██████    "),
            json!(null),
        ),
        (
            "Progress: [====] v1.0 complete | v1.1 [████░░] 64%",
            json!(64),
            json!("████░░"),
            json!(null),
        ),
        (
            wide.as_str(),
            json!(75),
            json!(format!("{}{}", "█".repeat(99), "░".repeat(33))),
            json!("(x)"),
        ),
    ];
    for (line, percent, bar, note) in cases {
        let p = show(&format!("## Current Position\n\n{line}\n"))["progress"].clone();
        assert_eq!(
            (&p["percent"], &p["bar"]["text"], &p["note"]),
            (&percent, &bar, &note),
            "{line}"
        );
    }
    let p = show("## Current Position\n\nProgress: [██████░░░░░] 55% (12/22 plans complete)\n");
    assert_eq!(p["progress"]["bar"]["width"], 11);
    assert_eq!(p["progress"]["bar"]["filled"], 6);
}

#[test]
fn fields_are_never_read_from_code_comments_quotes_details_or_other_sections() {
    let doc = "# S\n\n<!--\nStatus: comment\n-->\n\n> Status: quote\n\n## Current Position\n\n\
```\nStatus: code\n```\n\n<details>\n<summary>old</summary>\n\nPhase: 2 of 9 (Old)\n\n</details>\n\n\
Phase: 4 of 9 (Real)\n\n| Area | Status |\n|---|---|\n| API | table |\n\n## Project Alignment\n\nStatus: aligned\nPlan: 9 of 9\n";
    let p = show(doc)["position"].clone();
    assert_eq!(p["phase"], "4");
    assert_eq!(p["phase_name"], "Real");
    assert_eq!(
        p["status"],
        json!(null),
        "status lives only in other places"
    );
    assert_eq!(p["plan"], json!(null));
}

#[test]
fn header_fields_and_key_value_tables() {
    // The bold-field variant: fields right under the title, no position section.
    let p = show(
        "# Q\n\n**Current Phase:** 08\n**Status:** Ready to execute\n\n## Session\n\n**Last Session:** 2026-05-30 22:10\n",
    );
    assert_eq!(
        (&p["position"]["phase"], &p["position"]["status"]),
        (&json!("08"), &json!("Ready to execute"))
    );
    assert_eq!(p["session"]["last"], "2026-05-30 22:10");
    // A `| Field | Value |` table in the position section.
    let p = show("## Current Position\n\n| Field | Value |\n|---|---|\n| Phase | 6 of 6 (Release) |\n| Status | Shipped |\n")["position"].clone();
    assert_eq!(
        (&p["phase"], &p["phase_total"], &p["status"]),
        (&json!("6"), &json!(6), &json!("Shipped"))
    );
}

#[test]
fn by_phase_tables_and_tool_rows() {
    let doc = "## Performance Metrics\n\n**By Phase:**\n\n| Phase | Plans | Total | Avg/Plan |\n|---|---|---|---|\n\
| 01-foundation | 3 | 15 min | 5 min |\n| Phase 02 | 2 | 12 min | 6 min |\n| 1. Setup | 1/1 | 2min | 2min |\n\
| - | - | - | - |\n| Phase 03 P03 | 3min | 2 tasks | 3 files |\n\n*Updated after each plan completion*\n\
| Phase 03 P01 | 4m 12s | 3 tasks | 5 files |\n| Phase 07-grid-fixes P01 | 4 | 1 tasks | 2 files |\n";
    let m = show(doc)["metrics"].clone();
    let rows: Vec<(Value, Value, Value, Value)> = m["by_phase"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["phase"].clone(),
                r["name"].clone(),
                r["plans"].clone(),
                r["total_minutes"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (json!("01"), json!("foundation"), json!(3), json!(15)),
            (json!("02"), json!(null), json!(2), json!(12)),
            (json!("1"), json!("Setup"), json!(1), json!(2)),
        ]
    );
    let plan_rows: Vec<(Value, Value, Value)> = m["plan_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["phase"].clone(), r["plan"].clone(), r["minutes"].clone()))
        .collect();
    assert_eq!(
        plan_rows,
        vec![
            (json!("03"), json!("03"), json!(3)),
            (json!("03"), json!("01"), json!(4.2)),
            (json!("07-grid-fixes"), json!("01"), json!(4)),
        ]
    );
}

/// `gsd state get` builds only the JSON on its path (one top-level key; of a list, one entry).
/// Every path must give what the same path gives in the whole object.
#[test]
fn a_path_alone_gives_what_it_gives_in_the_whole_object() {
    use gsd::render::state_json::{follow, state_view};
    let dir = crate::support::fixtures_dir().join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.push(crate::support::fixtures_dir().join("../examples/demo/.planning/STATE.md"));
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let state = StateDoc::parse(Source::new("STATE.md", text));
        let whole = state_json(&state, ".planning/STATE.md");
        let view = state_view(&state, ".planning/STATE.md");
        let mut paths = vec!["no_such_key".to_string(), "decisions.x".to_string()];
        for (key, value) in whole.as_object().unwrap() {
            paths.push(key.clone());
            match value {
                Value::Array(items) => {
                    for i in 0..=items.len() {
                        for tail in ["", ".text", ".line", ".nope"] {
                            paths.push(format!("{key}.{i}{tail}"));
                        }
                    }
                }
                Value::Object(map) => {
                    for sub in map.keys() {
                        paths.push(format!("{key}.{sub}"));
                        paths.push(format!("{key}.{sub}.0"));
                    }
                }
                _ => {}
            }
        }
        assert!(paths.len() > 30, "{path:?}");
        for p in &paths {
            assert_eq!(view.path(p), follow(&whole, p).cloned(), "{path:?}: {p}");
        }
    }
}
