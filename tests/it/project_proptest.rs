//! Properties of `gsd project validate/outcome/touch` over generated PROJECT.md files in the
//! shapes real ones take (placeholder, `✓ … — v1.0`, `[x] … (validated in Phase 1: …)`,
//! requirements tables, versioned groups, no Validated group; list, table, multi-line and
//! numbered Active requirements; Key Decisions with extra columns; footers or none; CRLF, no
//! final newline): no panic; only the edited lines change (`apply_checked`); the result says
//! what was asked (the requirement is in Validated and not in Active, the outcome reads as
//! the kind asked, the footer has today's date); and a second run changes nothing.

use gsd::model::Workspace;
use gsd::model::decision_outcome::{OutcomeKind, classify};
use gsd::model::project::{ProjectDoc, RequirementKind};
use gsd::ops::Outcome;
use gsd::ops::project_outcome::{SetOutcome, set_outcome};
use gsd::ops::project_touch::touch;
use gsd::ops::project_validate::{Validate, validate};
use gsd::render::project_json::project_json;
use gsd::source::Source;
use proptest::prelude::*;

use crate::ops_support::{apply_checked, clock, state_only};

const STATE: &str = "# Project State\n\n## Project Reference\n\nSee: .planning/PROJECT.md (updated 2026-01-05)\n\n## Current Position\n\nPhase: 2 of 3 (API)\n";

#[derive(Debug, Clone)]
enum Op {
    Validate {
        n: usize,
        phase: Option<String>,
        version: Option<String>,
    },
    Outcome {
        n: usize,
        kind: OutcomeKind,
        note: Option<String>,
    },
    Touch(Option<String>),
}

fn words() -> impl Strategy<Value = String> {
    "[a-zé█🚀][a-z0-9éü█🚀 ]{0,14}[a-z0-9]"
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (
            0usize..3,
            prop::option::of("[1-9]"),
            prop::option::of("v1\\.[0-3]")
        )
            .prop_map(|(n, phase, version)| {
                // --phase and --version exclude each other on the command line.
                let version = if phase.is_some() { None } else { version };
                Op::Validate { n, phase, version }
            }),
        (
            0usize..3,
            prop::sample::select(vec![
                OutcomeKind::Good,
                OutcomeKind::Revisit,
                OutcomeKind::Pending
            ]),
            prop::option::of(words())
        )
            .prop_map(|(n, kind, note)| Op::Outcome { n, kind, note }),
        prop::option::of(words()).prop_map(Op::Touch),
    ]
}

/// A PROJECT.md in one of the real shapes, with requirements `REQ{n}` and decisions `DEC{n}`.
#[allow(clippy::too_many_arguments)]
fn project_md(
    validated: u8,
    active: u8,
    decisions: u8,
    footer: u8,
    text: &str,
    crlf: bool,
    final_newline: bool,
) -> String {
    let mut t = String::from(
        "# Gen\n\n## What This Is\n\nA generated project.\n\n## Core Value\n\nIt works.\n\n## Requirements\n\n",
    );
    t.push_str(match validated {
        0 => "### Validated\n\n(None yet — ship to validate)\n\n",
        1 => "### Validated\n\n- ✓ Old one — v1.0\n- ✓ Old two — Phase 1\n\n",
        2 => "### Validated\n\n- [x] **OLD-01**: Old (validated in Phase 1: base)\n\n",
        3 => "### Validated\n\n| ID | Requirement | Phase |\n|----|-------------|-------|\n| OLD-01 | Old | Phase 1 |\n\n",
        4 => "### Validated (v1.0 — shipped)\n\n- ✓ Old one — v1.0\n\n### Validated (v0.9)\n\n- ✓ Older — v0.9\n\n",
        _ => "",
    });
    let heading = if validated == 4 {
        "### Active (v1.1)"
    } else {
        "### Active"
    };
    t.push_str(&format!("{heading}\n\n"));
    for n in 0..3 {
        t.push_str(&match active {
            0 => format!("- [ ] REQ{n} {text}\n"),
            1 if n == 0 => format!(
                "| ID | Requirement | Priority |\n|----|----|----|\n| R-0{n} | REQ{n} {text} | High |\n"
            ),
            1 => format!("| R-0{n} | REQ{n} {text} | High |\n"),
            2 => format!("- [ ] REQ{n} {text}\n  more {text}\n  - detail {n}\n"),
            _ => format!("{}. REQ{n} {text}\n", n + 1),
        });
    }
    t.push_str("\n### Out of Scope\n\n- Nothing — later\n\n## Key Decisions\n\n");
    t.push_str(match decisions {
        0 => "| Decision | Rationale | Outcome |\n|---|---|---|\n",
        _ => "| ID | Decision | Rationale | Outcome | Phase |\n|----|----------|-----------|---------|-------|\n",
    });
    for n in 0..3 {
        let outcome = ["— Pending", "✓ Good — fine", "Pending"][n];
        t.push_str(&match decisions {
            0 => format!("| DEC{n} {text} | because | {outcome} |\n"),
            _ => format!("| D-{n} | DEC{n} `a\\|b` {text} | because | {outcome} | {n} |\n"),
        });
    }
    t.push_str(match footer {
        0 => "\n---\n*Last updated: 2026-01-05 after init*\n",
        1 => "\n_Last updated: 2026-01-05_\n",
        _ => "",
    });
    if !final_newline {
        while t.ends_with('\n') {
            t.pop();
        }
    }
    if crlf {
        t = t.replace('\n', "\r\n");
    }
    t
}

fn workspace(project: &str) -> Workspace {
    let mut ws = state_only(STATE);
    ws.project = Some(ProjectDoc::parse(Source::new(
        ".planning/PROJECT.md",
        project.to_string(),
    )));
    ws
}

fn run(ws: &Workspace, op: &Op) -> Result<Outcome, gsd::error::UserError> {
    match op {
        Op::Validate { n, phase, version } => validate(
            ws,
            &Validate {
                pattern: &format!("REQ{n}"),
                phase: phase.as_deref(),
                version: version.as_deref(),
                requirements: None,
            },
        ),
        Op::Outcome { n, kind, note } => set_outcome(
            ws,
            &SetOutcome {
                pattern: &format!("DEC{n}"),
                kind: *kind,
                note: note.as_deref(),
            },
        ),
        Op::Touch(after) => touch(ws, &clock(), after.as_deref()),
    }
}

/// The new PROJECT.md of an outcome (invariants checked), if it changes it.
fn new_project(out: &Outcome) -> Option<String> {
    for (change, _) in &out.changes {
        let text = apply_checked(change);
        if change.display.ends_with("PROJECT.md") {
            return Some(text);
        }
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn project_ops_keep_their_promises(
        validated in 0u8..6,
        active in 0u8..4,
        decisions in 0u8..2,
        footer in 0u8..3,
        text in words(),
        crlf in any::<bool>(),
        final_newline in any::<bool>(),
        op in op(),
    ) {
        let original = project_md(validated, active, decisions, footer, &text, crlf, final_newline);
        let ws = workspace(&original);
        let Ok(out) = run(&ws, &op) else {
            // A refusal (a notation that needs a phase or version that was not given) is fine.
            return Ok(());
        };
        let Some(new) = new_project(&out) else {
            return Ok(());
        };
        let p = ProjectDoc::parse(Source::new("P", new.clone()));
        let view = project_json(&p, "P");
        match &op {
            Op::Validate { n, .. } => {
                let needle = format!("REQ{n} ");
                let holds = |kind: RequirementKind| p.requirement_groups.iter()
                    .filter(|g| g.kind == kind)
                    .flat_map(|g| &g.items)
                    .any(|i| p.doc.text(i.text.clone()).contains(&needle));
                prop_assert!(holds(RequirementKind::Validated), "not validated:\n{new}");
                prop_assert!(!holds(RequirementKind::Active), "still active:\n{new}");
            }
            Op::Outcome { n, kind, .. } => {
                let row = view["key_decisions"]["rows"][*n].clone();
                let dec = format!("DEC{n}");
                prop_assert!(row["decision"].as_str().unwrap().contains(&dec));
                prop_assert_eq!(classify(row["outcome"].as_str().unwrap()), Some(*kind), "{}", new);
            }
            Op::Touch(_) => {
                prop_assert_eq!(view["last_updated"]["date"].as_str(), Some("2026-02-01"), "{}", new);
            }
        }
        // A second run changes nothing more.
        let again = run(&workspace(&new), &op).expect("a second run succeeds");
        prop_assert!(new_project(&again).is_none(), "second run changed:\n{new}");
    }
}
