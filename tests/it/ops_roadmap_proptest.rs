//! A property of `complete`'s progress-table edit over generated ROADMAP.md tables: 4 or 5
//! columns, aligned or single-space cells, a status vocabulary family, column-shifted rows,
//! and any phase with any number of its plans done. After completing the next plan, the
//! phase's row reads `done/total` with the right status and date (found again by meaning),
//! keeps its cell count and, when aligned, its width; every other row is byte-identical; a
//! `**Plans**: k/m …` field counts one more (other field forms are left alone); CRLF is kept.

use gsd::model::roadmap::{Column, Roadmap, RowStatus};
use gsd::ops::{self, complete::Complete};
use gsd::source::Source;
use proptest::prelude::*;

use crate::ops_support::{clock, new_text, state_only};

const STATE: &str = "## Current Position\n\nPhase: 1 of 9\nPlan: 0 of 1\nStatus: Ready\nLast activity: 2026-01-30 — Planned\n\n## Session Continuity\n\nLast session: 2026-01-30\nStopped at: Planned\n";
const NAMES: [&str; 6] = ["Setup", "Core", "Public API", "Web", "Docs Site", "Ops"];
const FAMILIES: [&str; 4] = ["Complete", "✅ Complete", "Done", "Complete ✓"];

#[derive(Debug, Clone)]
struct Table {
    rows: usize,
    milestone: bool,
    aligned: bool,
    family: usize,
    shifted: Vec<bool>,
    target: usize,
    plans: u32,
    done: u32,
    /// Index into [`FIELDS`] of the phase's `**Plans**:` field form.
    field: usize,
    crlf: bool,
}

/// `**Plans**:` field forms: (label, value template with `{k}` done and `{m}` total, whether
/// it counts completed plans).
const FIELDS: [(&str, &str, bool); 5] = [
    ("**Plans**:", "{m} plans", false),
    ("**Plans**:", "{k}/{m} plans complete", true),
    ("**Plans:**", "{k}/{m} complete", true),
    ("**Plans:**", "TBD", false),
    ("**Plans**:", "{m} plans in 2 waves", false),
];

fn table() -> impl Strategy<Value = Table> {
    (
        2usize..=6,
        any::<bool>(),
        any::<bool>(),
        0usize..4,
        1u32..=4,
    )
        .prop_flat_map(|(rows, milestone, aligned, family, plans)| {
            (
                Just((rows, milestone, aligned, family, plans)),
                proptest::collection::vec(any::<bool>(), rows),
                0..rows,
                0..plans,
                0..FIELDS.len(),
                any::<bool>(),
            )
        })
        .prop_map(
            |((rows, milestone, aligned, family, plans), shifted, target, done, field, crlf)| {
                Table {
                    rows,
                    milestone,
                    aligned,
                    family,
                    shifted: shifted.into_iter().map(|s| s && milestone).collect(),
                    target,
                    plans,
                    done,
                    field,
                    crlf,
                }
            },
        )
}

/// The target phase's `**Plans**:` line with `done` plans complete.
fn field_line(t: &Table, done: u32) -> String {
    let (label, value, _) = FIELDS[t.field];
    let value = value
        .replace("{k}", &done.to_string())
        .replace("{m}", &t.plans.to_string());
    format!("{label} {value}")
}

/// The ROADMAP.md text and the target row's line index.
fn render(t: &Table) -> (String, usize) {
    let mut header = vec!["Phase".to_string()];
    if t.milestone {
        header.push("Milestone".into());
    }
    header.extend(["Plans Complete", "Status", "Completed"].map(String::from));
    let mut rows: Vec<(Vec<String>, bool)> = Vec::new();
    for (i, name) in NAMES.iter().enumerate().take(t.rows) {
        let (plans, status, date) = match i.cmp(&t.target) {
            std::cmp::Ordering::Less => (
                format!("{0}/{0}", t.plans),
                FAMILIES[t.family].to_string(),
                format!("2026-01-1{i}"),
            ),
            std::cmp::Ordering::Equal => (
                format!("{}/{}", t.done, t.plans),
                if t.done == 0 {
                    "Not started"
                } else {
                    "In Progress"
                }
                .to_string(),
                "-".to_string(),
            ),
            std::cmp::Ordering::Greater => {
                (format!("0/{}", t.plans), "Not started".into(), "-".into())
            }
        };
        let mut cells = vec![format!("{}. {name}", i + 1)];
        if t.milestone && !t.shifted[i] {
            cells.push("v1.0".into());
        }
        cells.extend([plans, status, date]);
        rows.push((cells, t.shifted[i]));
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .filter(|(_, s)| !s)
                .map(|(cells, _)| cells[c].chars().count())
                .chain([header[c].len()])
                .max()
                .unwrap_or(1)
        })
        .collect();
    let line = |cells: &[String], pad: bool| {
        let mut s = String::from("|");
        for (i, c) in cells.iter().enumerate() {
            let w = if pad { widths[i] } else { c.chars().count() };
            s.push_str(&format!(" {c}{} |", " ".repeat(w - c.chars().count())));
        }
        s
    };
    let mut text = String::from("# Roadmap\n\n## Phases\n\n");
    for (i, name) in NAMES.iter().enumerate().take(t.rows) {
        let mark = if i < t.target { 'x' } else { ' ' };
        text.push_str(&format!("- [{mark}] **Phase {}: {name}** - x\n", i + 1));
    }
    text.push_str(&format!(
        "\n### Phase {}: {}\n{}\n\nPlans:\n",
        t.target + 1,
        NAMES[t.target],
        field_line(t, t.done)
    ));
    for p in 1..=t.plans {
        let mark = if p <= t.done { 'x' } else { ' ' };
        text.push_str(&format!(
            "- [{mark}] {:02}-{p:02}-PLAN.md — step\n",
            t.target + 1
        ));
    }
    text.push_str("\n## Progress\n\n");
    text.push_str(&line(&header, t.aligned));
    text.push('\n');
    let delim: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    let delim_line = if t.aligned {
        format!(
            "|{}|",
            delim
                .iter()
                .map(|d| format!("-{d}-"))
                .collect::<Vec<_>>()
                .join("|")
        )
    } else {
        format!("|{}|", vec!["---"; header.len()].join("|"))
    };
    text.push_str(&delim_line);
    text.push('\n');
    let first_row = text.lines().count();
    for (cells, shifted) in &rows {
        text.push_str(&line(cells, t.aligned && !shifted));
        text.push('\n');
    }
    if t.crlf {
        text = text.replace('\n', "\r\n");
    }
    (text, first_row + t.target)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn progress_row_is_updated_by_meaning_and_nothing_else_moves(t in table()) {
        let (text, target_line) = render(&t);
        let mut ws = state_only(STATE);
        ws.roadmap = Some(Roadmap::parse(Source::new(".planning/ROADMAP.md", text.clone())));
        let plan = format!("{:02}-{:02}", t.target + 1, t.done + 1);
        let args = Complete { plan: &plan, duration: Some("5 min"), ..Default::default() };
        let out = ops::complete::complete(&ws, &clock(), &args).unwrap();
        let new = new_text(&out, "ROADMAP.md").expect("ROADMAP.md changes");
        let old_lines: Vec<&str> = text.lines().collect();
        let new_lines: Vec<&str> = new.lines().collect();
        prop_assert_eq!(old_lines.len(), new_lines.len());
        // Every progress row but the target's is byte-identical.
        for i in target_line - t.target..target_line - t.target + t.rows {
            if i != target_line {
                prop_assert_eq!(old_lines[i], new_lines[i]);
            }
        }
        let field = field_line(&t, t.done);
        let field_at = old_lines.iter().position(|l| *l == field).expect("field line");
        let counts = FIELDS[t.field].2;
        let want_field = if counts { field_line(&t, t.done + 1) } else { field };
        prop_assert_eq!(new_lines[field_at], want_field.as_str());
        let r = Roadmap::parse(Source::new("R", new.clone()));
        let (table, row) = r.progress_row(&r.phases[t.target].number).expect("row");
        let done = t.done + 1;
        let complete = done == t.plans;
        prop_assert_eq!(table.plans(&r.doc, row), Some((done, t.plans)));
        let status = r.doc.text(table.cell(row, Column::Status).unwrap().text.clone());
        let want = if complete { RowStatus::Complete } else { RowStatus::InProgress };
        prop_assert_eq!(RowStatus::classify(status), want, "{}", new);
        if complete && t.target > 0 {
            prop_assert_eq!(status, FAMILIES[t.family]);
        }
        let date = r.doc.text(table.cell(row, Column::Completed).unwrap().text.clone());
        prop_assert_eq!(date, if complete { "2026-02-01" } else { "-" });
        let cells = |l: &str| l.matches('|').count();
        prop_assert_eq!(cells(old_lines[target_line]), cells(new_lines[target_line]));
        let completed_width = old_lines[target_line].rsplit('|').nth(1).unwrap().chars().count();
        let fits = !complete || completed_width >= "2026-02-01".len() + 2;
        if t.aligned && !t.shifted[t.target] && fits {
            prop_assert_eq!(
                old_lines[target_line].chars().count(),
                new_lines[target_line].chars().count(),
                "{}", new
            );
        }
    }
}
