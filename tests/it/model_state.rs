//! The STATE.md model on the shapes real files use, field by field, through the same JSON
//! view `gsd state show --json` prints. Each case is a small document written for the test;
//! the seed cases pin the careful human reading of the five real files.

use gsd::model::StateDoc;
use gsd::render::state_json::state_json;
use gsd::source::Source;
use serde_json::{Value, json};

fn show(text: &str) -> Value {
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

fn seed(n: &str) -> Value {
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

#[test]
fn decision_shapes() {
    let doc = "### Decisions\n\n- [Phase 03-content]: A\n- [Phase 4][Auth]: B\n- [02-01]: C\n- D (02-03)\n\
- E [01-01]\n- D-01 (01-02): F\n- **Decision**: G. [Phase 1]\n- Phase 5: H\n\n**v4 (research):**\n\n1. I\n2. J\n   - nested\n\n\
### Decisions (v2.0 - Recent)\n\n| Question | Decision |\n|---|---|\n| Which? | K |\n| Phase 03 P01 | 4min | 1 tasks | 2 files |\n";
    let d = show(doc)["decisions"].clone();
    let got: Vec<(Value, Value, Value, Value)> = d
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["phase"].clone(),
                x["plan"].clone(),
                x["id"].clone(),
                x["subgroup"].clone(),
            )
        })
        .collect();
    assert_eq!(got.len(), 11, "{d:#}");
    assert_eq!(got[0].0, "03-content");
    assert_eq!(got[1].0, "4");
    assert_eq!((&got[2].0, &got[2].1), (&json!("02"), &json!("02-01")));
    assert_eq!(got[3].1, "02-03");
    assert_eq!(got[4].1, "01-01");
    assert_eq!((&got[5].2, &got[5].1), (&json!("D-01"), &json!("01-02")));
    assert_eq!(got[6].0, "1");
    assert_eq!(got[7].0, "5");
    assert_eq!(
        (&got[8].3, &got[9].3),
        (&json!("v4 (research)"), &json!("v4 (research)"))
    );
    assert_eq!(d[10]["text"], "K");
    assert_eq!(d[10]["group"], "Decisions (v2.0 - Recent)");
}

#[test]
fn blocker_and_todo_markers() {
    let doc = "### Blockers/Concerns\n\n- ~~A~~ — Resolved\n- B ✅ FIXED\n- C — fixed in 07-01\n- ✓ D\n- E\n1. F\n\n\
**Ops:**\n- ~~G~~ **RESOLVED (07-03):** x\n\n### Pending Todos\n\n- [ ] H\n- [x] I\n";
    let v = show(doc);
    let b: Vec<(Value, Value)> = v["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["text"].clone(), x["resolved"].clone()))
        .collect();
    let open: Vec<&Value> = b
        .iter()
        .filter(|x| x.1 == json!(false))
        .map(|x| &x.0)
        .collect();
    assert_eq!(open, vec![&json!("E"), &json!("F")]);
    assert_eq!(b.len(), 7);
    let t = &v["todos"];
    assert_eq!(
        (&t[0]["text"], &t[0]["resolved"]),
        (&json!("H"), &json!(false))
    );
    assert_eq!(
        (&t[1]["text"], &t[1]["resolved"]),
        (&json!("I"), &json!(true))
    );
    // A "None" line with trailing prose is not an item, and not a placeholder either.
    let v = show(
        "### Blockers/Concerns\n\nNone — all resolved. History:\n\n| Category | Item | Status |\n|---|---|---|\n| ops | ~~X~~ RESOLVED | closed |\n| legal | Y | open |\n",
    );
    let b = &v["blockers"];
    assert_eq!(
        (&b[0]["text"], &b[0]["resolved"]),
        (&json!("~~X~~ RESOLVED"), &json!(true))
    );
    assert_eq!(
        (&b[1]["text"], &b[1]["resolved"]),
        (&json!("Y"), &json!(false))
    );
}

#[test]
fn session_values_are_kept_as_written() {
    let v = show(
        "## Session Continuity\n\nLast session: --stopped-at\nStopped at: Completed 05-02-PLAN.md\nResume file: None — next action is /gsd:x\n",
    );
    assert_eq!(v["session"]["last"], "--stopped-at");
    assert_eq!(v["session"]["resume_file"], "None — next action is /gsd:x");
}

#[test]
fn frontmatter_keeps_spelling() {
    let v = show(
        "---\ngsd_state_version: 1.0\ncurrent_phase: 05\nlast_updated: \"2026-10-02T09:12:44.512Z\"\nprogress:\n  percent: 79\n  done: true\nlast_activity: 2026-06-17 -- Completed task 1: x\n---\n# S\n",
    );
    let fm = &v["frontmatter"];
    assert_eq!(fm["current_phase"], "05");
    assert_eq!(fm["gsd_state_version"], "1.0");
    assert_eq!(fm["last_updated"], "2026-10-02T09:12:44.512Z");
    assert_eq!(fm["progress"]["percent"], 79);
    assert_eq!(fm["progress"]["done"], true);
    assert_eq!(fm["last_activity"], "2026-06-17 -- Completed task 1: x");
}

#[test]
fn degenerate_files_have_no_fields() {
    for text in [
        "",
        "{\"version\":{\"vectorClock\":{}}}",
        "\u{feff}",
        "\r\n\r\n",
        "---\n---\n",
    ] {
        let v = show(text);
        assert_eq!(v["position"]["phase"], json!(null), "{text:?}");
        assert_eq!(v["decisions"], json!([]));
    }
}

#[test]
fn seeds_agree_with_a_careful_reading() {
    let s = seed("000");
    assert_eq!(
        (
            &s["position"]["phase"],
            &s["position"]["phase_total"],
            &s["position"]["plan"],
            &s["position"]["plan_total"]
        ),
        (&json!("2"), &json!(5), &json!(1), &json!(2))
    );
    assert_eq!(s["progress"]["percent"], 30);
    assert_eq!(
        (
            &s["metrics"]["plans_completed"],
            &s["metrics"]["average_minutes"],
            &s["metrics"]["total_hours"]
        ),
        (&json!(3), &json!(6), &json!(0.3))
    );
    assert_eq!(s["metrics"]["recent"], json!([3, 3, 12]));
    assert_eq!(s["decisions"].as_array().unwrap().len(), 12);
    assert_eq!(s["metrics"]["by_phase"].as_array().unwrap().len(), 2);

    let s = seed("001");
    assert_eq!(
        (&s["position"]["plan"], &s["position"]["plan_total"]),
        (&json!(1), &json!(2))
    );
    assert_eq!(s["decisions"].as_array().unwrap().len(), 6);
    assert_eq!(s["metrics"]["total_hours"], 0.05);

    let s = seed("002");
    assert_eq!(
        (&s["position"]["plan"], &s["position"]["plan_total"]),
        (&json!(0), &json!("TBD"))
    );
    assert_eq!(s["progress"]["percent"], 67);
    assert_eq!(
        (
            &s["metrics"]["plans_completed"],
            &s["metrics"]["average_minutes"],
            &s["metrics"]["total_hours"]
        ),
        (&json!(8), &json!(28), &json!(3.3))
    );
    assert_eq!(s["metrics"]["recent"], json!([12, 10, 10, 45, 35]));
    assert_eq!(s["decisions"].as_array().unwrap().len(), 21);
    let phases: Vec<&Value> = s["metrics"]["by_phase"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["phase"])
        .collect();
    assert_eq!(phases, vec!["1", "2", "4", "5"]);

    let s = seed("003");
    let p = &s["position"];
    assert_eq!(
        (
            &p["phase"],
            &p["phase_name"],
            &p["plan"],
            &p["plan_total"],
            &p["plan_id"]
        ),
        (
            &json!("7"),
            &json!("Database Setup"),
            &json!("07-02"),
            &json!(2),
            &json!("07-02")
        )
    );
    assert_eq!(
        p["milestone"],
        "v1.0 Factory and Gateway CRUD (Database + API Layer)"
    );
    assert_eq!(
        (&s["progress"]["percent"], &s["progress"]["note"]),
        (
            &json!(55),
            &json!("(12/22 plans complete across all milestones)")
        )
    );
    assert_eq!(s["metrics"]["recent"], json!([2, 2, 2, 3]));
    assert_eq!(s["metrics"]["total_hours"], 0.42);
    let rows = s["metrics"]["by_phase"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(
        (
            &rows[0]["phase"],
            &rows[0]["name"],
            &rows[0]["plans"],
            &rows[0]["plans_total"]
        ),
        (
            &json!("1"),
            &json!("Foundation & Configuration"),
            &json!(1),
            &json!(1)
        )
    );
    let d = s["decisions"].as_array().unwrap();
    assert_eq!(d.len(), 12);
    assert_eq!(
        (&d[0]["text"], &d[0]["rationale"]),
        (
            &json!("PostgreSQL over MongoDB"),
            &json!("Relational model + JSONB flexibility + TypeScript ecosystem")
        )
    );

    let s = seed("004");
    let m = &s["metrics"];
    assert_eq!(
        (
            &m["plans_completed"],
            &m["average_minutes"],
            &m["total_hours"]
        ),
        (&json!(14), &json!(30), &json!(6.5))
    );
    let rows = m["by_phase"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        (
            &rows[2]["phase"],
            &rows[2]["plans"],
            &rows[2]["plans_total"],
            &rows[2]["status"]
        ),
        (&json!("11"), &json!(1), &json!(4), &json!("In progress"))
    );
    assert_eq!(
        (&s["position"]["plan"], &s["position"]["plan_total"]),
        (&json!(1), &json!(4))
    );
    let d = s["decisions"].as_array().unwrap();
    assert_eq!(d.len(), 14);
    assert_eq!(
        d.iter()
            .filter(|x| x["group"] == "Decisions (v3.0 - Current)")
            .count(),
        11
    );
    assert_eq!(
        (&d[0]["id"], &d[0]["plan"], &d[0]["date"]),
        (&json!("D-09-01-01"), &json!("09-01"), &json!("2026-01-21"))
    );
    assert_eq!(m["recent"], json!([]));
    assert_eq!(s["milestones"].as_array().unwrap().len(), 3);
    let open: Vec<&Value> = s["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["resolved"] == false)
        .collect();
    assert_eq!(open.len(), 2);
}

#[test]
fn every_blocker_section_is_read_once() {
    let v = show(
        "## Blockers\n\n- A\n\n### Known Risks\n\n- B\n\n## Notes\n\nx\n\n### Blockers/Concerns Carried Forward\n\n- C\n",
    );
    let texts: Vec<&Value> = v["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| &b["text"])
        .collect();
    assert_eq!(texts, vec!["A", "B", "C"]);
}
