//! The STATE.md model, continued: decisions, blockers and todos, session, frontmatter,
//! degenerate files, and the careful human reading of the five seeds, field by field.

use serde_json::{Value, json};

use crate::model_state::{seed, show};

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

#[test]
fn details_quoted_in_prose_hides_nothing() {
    let v = show(
        "### Decisions\n\n- Old phases stay collapsed in `<details>` blocks\n\n## Session Continuity\n\nLast session: 2026-05-16\nStopped at: Phase 8 context gathered\n",
    );
    assert_eq!(v["session"]["last"], "2026-05-16");
    assert_eq!(v["session"]["stopped_at"], "Phase 8 context gathered");
}

#[test]
fn session_labels_without_a_session_section_are_read_anywhere() {
    // `Last session` cannot mean anything else, so it is read from the status section; an
    // ambiguous `Status:` in a milestones section is still not the position status.
    let v = show(
        "## Current Status\n\n**Phase:** 7\n**Last session:** 2026-05-02 (execute-phase)\n\n## Milestones\n\nStatus: shipped\n",
    );
    assert_eq!(v["session"]["last"], "2026-05-02 (execute-phase)");
    assert_eq!(v["position"]["status"], json!(null));
}

#[test]
fn by_phase_needs_its_label_or_a_phase_plans_header() {
    // Prose mentioning "by phase" is not the label, and a Quick Tasks table is not By Phase.
    let v = show(
        "## Notes\n\nWork is tracked by phase in ROADMAP.md.\n\n### Quick Tasks Completed\n\n| # | Description | Date |\n|---|---|---|\n| 260627-fsi | Remove worker | 2026-06-27 |\n",
    );
    assert_eq!(v["metrics"]["by_phase"], json!([]));
    let v = show(
        "## Performance Metrics\n\n**By Phase (v3.0):**\n\n| Phase | Plans | Status |\n|---|---|---|\n| 9 | 3/3 | Complete |\n",
    );
    assert_eq!(v["metrics"]["by_phase"][0]["plans_total"], 3);
}

#[test]
fn empty_bullets_are_not_entries() {
    let v = show(
        "### Decisions\n\n-\n\n- [Phase 1]: Real one\n\n### Blockers/Concerns\n\n- \n- Real blocker\n",
    );
    assert_eq!(v["decisions"].as_array().unwrap().len(), 1);
    assert_eq!(v["blockers"].as_array().unwrap().len(), 1);
}

#[test]
fn a_wholly_bold_value_reads_without_its_emphasis() {
    let v = show(
        "## Current Position\n\nStatus: **v1.4 SHIPPED 2026-06-03**\nMilestone: **v2** and **v3**\n",
    );
    assert_eq!(v["position"]["status"], "v1.4 SHIPPED 2026-06-03");
    assert_eq!(v["position"]["milestone"], "**v2** and **v3**");
}
