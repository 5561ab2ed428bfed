//! Properties of the document layer over generated STATE.md-like files: headings, key lines in
//! every decoration, lists (nested, numbered, checkboxes), tables (with and without delimiter
//! rows, ragged, escaped pipes), fences, HTML comments and `<details>`, frontmatter (valid,
//! invalid, stacked), unicode (`█░`, emoji, CJK, combining marks), mixed CRLF/LF/CR, a BOM,
//! with or without a final newline.
//!
//! For every such file: parsing never panics, the JSON view never panics, a no-edit write gives
//! the same bytes, lines cover the text exactly, `line_col` agrees with the line table, and
//! every span the model reports lies inside the text, on character boundaries, inside its line.

use gsd::edit::EditSet;
use gsd::model::StateDoc;
use gsd::render::state_json::state_json;
use gsd::source::Source;
use proptest::prelude::*;

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "Phase",
            "Plan",
            "Status",
            "complete",
            "In progress",
            "—",
            "-",
            "--",
            "(",
            ")",
            "█",
            "░",
            "▓",
            "#",
            "=",
            "%",
            "12",
            "02.1",
            "12A",
            "3.1c.3",
            "07-02",
            "of",
            "TBD",
            "?",
            "🚀",
            "📋",
            "✅",
            "✓",
            "完成",
            "状态",
            "é",
            "e\u{301}",
            "~~",
            "**",
            "`",
            "|",
            "\\|",
            ":",
            ": ",
            "[",
            "]",
            "[x]",
            "<!--",
            "-->",
            "<details>",
            "</details>",
            "None",
            "\t",
            "  ",
        ]),
        0..8,
    )
    .prop_map(|w| w.join(" "))
}

fn key_line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "Phase",
            "Current Phase",
            "Plan",
            "Status",
            "Last activity",
            "Progress",
            "Last session",
            "Stopped at",
            "Resume file",
            "Total plans completed",
            "Average duration",
            "Total execution time",
            "Last 5 plans",
            "Trend",
            "Core value",
            "Current focus",
            "See",
            "Fase",
            "Statut",
        ]),
        prop::sample::select(vec!["{}: ", "**{}:** ", "**{}**: ", "- **{}**: ", "- {}: "]),
        prop_oneof![
            words(),
            Just("3 of 5 (Name) — COMPLETE".to_string()),
            Just("0 of TBD (ready to start)".to_string()),
            Just("07-02 of 2".to_string()),
            Just("[████░░░░░░] 40% (4/10 plans)".to_string()),
            Just("[==] v1 | v2 [██░░] 64%".to_string()),
            Just("2026-02-30 — text".to_string()),
            Just("~6.5 hours".to_string()),
            Just("3min, 05-02 (2min), 4m 12s".to_string()),
        ],
    )
        .prop_map(|(label, style, value)| style.replace("{}", label) + &value)
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => key_line(),
        2 => words(),
        1 => (1usize..7, words()).prop_map(|(n, w)| format!("{} {w}", "#".repeat(n))),
        1 => prop::sample::select(vec![
            "## Current Position", "## Performance Metrics", "### Decisions",
            "### Blockers/Concerns", "### Pending Todos", "## Session Continuity",
            "## Posição Atual", "## Milestones", "## Progress",
        ]).prop_map(str::to_string),
        2 => (prop::sample::select(vec!["- ", "  - ", "    * ", "1. ", "- [ ] ", "- [x] "]), words())
            .prop_map(|(m, w)| format!("{m}{w}")),
        2 => prop::collection::vec(words(), 1..5).prop_map(|c| format!("| {} |", c.join(" | "))),
        1 => prop::sample::select(vec![
            "|---|---|", "| Phase | Plans | Total | Avg/Plan |", "| Phase 03 P03 | 3min | 2 tasks | 3 files |",
            "| 1. Name | 2/3 | Complete |", "| ID | Decision | Date |",
            "```", "```bash", "~~~", "<!-- Status: hidden", "-->", "<details>", "</details>",
            "> Status: quoted", "---", "***", "*Updated after each plan completion*", "",
        ]).prop_map(str::to_string),
    ]
}

fn frontmatter() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "",
        "---\nstatus: executing\ncurrent_phase: 05\nprogress:\n  percent: 40\n---\n",
        "---\nlast_activity: 2026-06-17 -- Completed task 1: x: y\n---\n",
        "---\na: 1\n---\n---\na: 2\n---\n",
        "---\n",
        "---\nbroken: [unclosed\n  - item\n---\n",
    ])
    .prop_map(str::to_string)
}

fn document() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        frontmatter(),
        prop::collection::vec(
            (line(), prop::sample::select(vec!["\n", "\r\n", "\r"])),
            0..40,
        ),
        any::<bool>(),
    )
        .prop_map(|(bom, fm, lines, final_newline)| {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str(&fm);
            let count = lines.len();
            for (i, (l, eol)) in lines.into_iter().enumerate() {
                text.push_str(&l);
                if i + 1 < count || final_newline {
                    text.push_str(eol);
                }
            }
            text
        })
}

fn assert_span(text: &str, r: &std::ops::Range<usize>, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} {r:?} out of bounds"
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} splits a character"
    );
    assert!(
        !text[r.clone()].contains(['\n', '\r']),
        "{what} {r:?} crosses a line"
    );
}

fn check_document(text: &str) {
    let state = StateDoc::parse(Source::new("STATE.md", text.to_string()));
    // Identity.
    assert_eq!(EditSet::new().apply(state.text()).unwrap(), text);
    // The JSON view never panics and always has its version.
    let json = state_json(&state, ".planning/STATE.md");
    assert_eq!(json["version"], 1);

    // Lines cover the text exactly, one kind per line.
    let src = &state.doc.source;
    let mut at = 0;
    for l in &src.lines {
        assert_eq!(l.start, at);
        assert!(l.start <= l.content_end && l.content_end <= l.end);
        at = l.end;
    }
    assert_eq!(at, text.len());
    assert_eq!(state.doc.kinds.len(), src.lines.len());

    // line_col agrees with the line table: walking back `col - 1` characters from the offset
    // lands on the line's start (after the BOM on line 1).
    for (offset, _) in text.char_indices().step_by(7) {
        let (line, col) = src.line_col(offset);
        assert!(line >= 1 && line <= src.lines.len().max(1) && col >= 1);
        let span = src.lines[line - 1];
        let start = if line == 1 {
            src.body_start.min(span.content_end)
        } else {
            span.start
        };
        if offset >= start && offset <= span.content_end {
            assert_eq!(
                text[start..offset].chars().count() + 1,
                col,
                "offset {offset}"
            );
        }
    }

    // Every span the model reports is a sane range inside one line.
    let pos = &state.position;
    let fields = [
        pos.status.as_ref(),
        pos.milestone.as_ref(),
        pos.phase.as_ref().map(|p| &p.field),
        pos.plan.as_ref().map(|p| &p.field),
        pos.last_activity.as_ref().map(|a| &a.field),
        pos.progress.as_ref().map(|p| &p.field),
        state.session.last.as_ref(),
        state.session.stopped_at.as_ref(),
        state.session.resume_file.as_ref(),
        state.metrics.plans_completed.as_ref(),
        state.metrics.average.as_ref(),
        state.metrics.total_time.as_ref(),
    ];
    for f in fields.into_iter().flatten() {
        assert_span(text, &f.label, "label");
        assert_span(text, &f.value, "value");
        let line = src.lines[f.line];
        assert!(f.value.start >= line.start && f.value.end <= line.content_end);
    }
    if let Some(p) = &pos.phase {
        for r in [&p.number, &p.total, &p.name, &p.status]
            .into_iter()
            .flatten()
        {
            assert_span(text, r, "phase part");
        }
    }
    if let Some(p) = &pos.progress {
        for r in [&p.percent, &p.note].into_iter().flatten() {
            assert_span(text, r, "progress part");
        }
        if let Some(b) = &p.bar {
            assert_span(text, &b.span, "bar");
            assert_eq!(text[b.span.clone()].chars().count(), b.width);
        }
    }
    for list in [state.todos(), state.blockers()].into_iter().flatten() {
        for item in &list.items {
            assert_span(text, &item.text, "item");
            assert_span(text, &item.main, "item main");
        }
    }
    for row in &state.metrics.plan_rows {
        assert_span(text, &row.phase, "plan row phase");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_parse_round_trip_and_map_lines(text in document()) {
        check_document(&text);
    }

    #[test]
    fn arbitrary_unicode_never_panics_and_round_trips(text in "\\PC*(\r\n|\n|\r)?\\PC*") {
        check_document(&text);
    }
}

#[test]
fn every_fixture_line_maps_back_to_itself() {
    for (name, path) in crate::support::state_fixtures() {
        let text = std::fs::read_to_string(&path).unwrap();
        check_document(&text);
        let _ = name;
    }
}
