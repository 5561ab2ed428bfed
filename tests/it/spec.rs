//! Tests that read as specs: **given** a STATE.md (and its siblings), **running** a gsd command
//! line, **produces** this text.
//!
//! ```ignore
//! given("## Current Position\n\nStatus: In progress\n")
//!     .running("state set status 'Phase complete'")
//!     .replaces("Status: In progress", "Status: Phase complete");
//! ```
//!
//! `gsd check` has specs of its own (`spec/checking.rs`): given the base project with a few
//! lines changed, checking it reports these findings.
//!
//! The command line goes through the real argument parser (`gsd::cli::Cli`) and the same
//! dispatch the binary uses (`commands::mutate::execute`), on a workspace held in memory, at
//! the tests' fixed clock. Every edit set is applied through `ops_support::apply_checked`,
//! which also checks that the edits touch only what they must.

use clap::Parser;
use gsd::cli::{Cli, Command};
use gsd::error::UserError;
use gsd::model::workspace::Workspace;
use gsd::ops::Outcome;

use crate::ops_support::{clock, new_state, new_text, report_of, tree};

mod checking;
mod text_checks;

pub use checking::given_base;

/// A project held in memory: STATE.md, and ROADMAP.md or PROJECT.md when given.
pub struct Given {
    ws: Workspace,
}

/// A project whose STATE.md is `state`.
pub fn given(state: &str) -> Given {
    Given {
        ws: Workspace::in_memory(state),
    }
}

/// A project loaded from a fixture tree (a folder holding `.planning/`), every file read.
pub fn given_tree(root: &std::path::Path) -> Given {
    Given { ws: tree(root) }
}

impl Given {
    /// The same project with ROADMAP.md `text`.
    pub fn and_roadmap(self, text: &str) -> Given {
        Given {
            ws: self.ws.with_roadmap(text),
        }
    }

    /// The same project with PROJECT.md `text`.
    pub fn and_project(self, text: &str) -> Given {
        Given {
            ws: self.ws.with_project(text),
        }
    }

    /// The same project with every `from` in STATE.md replaced by `to` (which must occur).
    pub fn editing_state(&self, from: &str, to: &str) -> Given {
        let text = &self.ws.state.doc.source.text;
        assert!(text.contains(from), "the given STATE.md has no {from:?}");
        Given {
            ws: self.ws.with_state(&text.replace(from, to)),
        }
    }

    /// Runs `command` (a `state …` command line, without `gsd`; quote words with spaces).
    pub fn running(&self, command: &str) -> Ran {
        let args = split_words(command);
        let cli = Cli::try_parse_from(std::iter::once("gsd".to_string()).chain(args))
            .unwrap_or_else(|e| panic!("`gsd {command}` does not parse: {e}"));
        let Command::State(cmd) = cli.command else {
            panic!("`gsd {command}` is not a `state` command");
        };
        let result = gsd::commands::mutate::execute(&self.ws, &clock(), cmd).map(|(_, o)| o);
        Ran {
            command: command.to_string(),
            before: self.ws.state.doc.source.text.clone(),
            result,
            ws: self.ws.clone(),
        }
    }
}

/// What running a command came to.
pub struct Ran {
    command: String,
    before: String,
    result: Result<Outcome, UserError>,
    ws: Workspace,
}

impl Ran {
    fn outcome(&self) -> &Outcome {
        match &self.result {
            Ok(o) => o,
            Err(e) => panic!("`gsd {}` failed: {}", self.command, e.message),
        }
    }

    /// STATE.md after the command (unchanged when the command changed nothing).
    pub fn state(&self) -> String {
        new_state(self.outcome()).unwrap_or_else(|| self.before.clone())
    }

    /// The new text of the sibling `file` (`ROADMAP.md`), when the command changed it.
    pub fn file(&self, file: &str) -> Option<String> {
        new_text(self.outcome(), file)
    }

    /// The command writes STATE.md (to new bytes).
    pub fn writes_state(&self) -> &Ran {
        assert!(
            new_state(self.outcome()).is_some_and(|t| t != self.before),
            "`gsd {}` left STATE.md as it was",
            self.command
        );
        self
    }

    /// STATE.md becomes exactly `expected`.
    pub fn produces(&self, expected: &str) -> &Ran {
        assert_eq!(self.state(), expected, "after `gsd {}`", self.command);
        self
    }

    /// STATE.md changes exactly by `from` → `to` (the first occurrence), nothing else.
    pub fn replaces(&self, from: &str, to: &str) -> &Ran {
        assert!(
            self.before.contains(from),
            "the given STATE.md has no {from:?}"
        );
        let expected = self.before.replacen(from, to, 1);
        self.produces(&expected)
    }

    /// STATE.md after the command contains `part`.
    pub fn contains(&self, part: &str) -> &Ran {
        let state = self.state();
        assert!(
            state.contains(part),
            "after `gsd {}`, STATE.md has no {part:?}:\n{state}",
            self.command
        );
        self
    }

    /// The command writes nothing: no file changes, not even to the same bytes.
    pub fn changes_nothing(&self) -> &Ran {
        assert_eq!(
            self.state(),
            self.before,
            "`gsd {}` changed STATE.md",
            self.command
        );
        let files: Vec<_> = self
            .outcome()
            .changes
            .iter()
            .map(|(c, _)| &c.display)
            .collect();
        assert!(files.is_empty(), "`gsd {}` writes {files:?}", self.command);
        self
    }

    /// The command changes nothing and says exactly `message` (`02-01 is already complete`).
    pub fn says(&self, message: &str) -> &Ran {
        self.changes_nothing();
        assert_eq!(
            self.outcome().message.as_deref(),
            Some(message),
            "after `gsd {}`",
            self.command
        );
        self
    }

    /// The command refuses with a message containing `part`.
    pub fn fails_with(&self, part: &str) -> &Ran {
        match &self.result {
            Ok(_) => panic!("`gsd {}` succeeded; expected an error", self.command),
            Err(e) => assert!(
                e.message.contains(part),
                "`gsd {}` failed with {:?}, not {part:?}",
                self.command,
                e.message
            ),
        }
        self
    }

    /// The command refuses (whatever the message).
    pub fn fails(&self) -> &Ran {
        assert!(
            self.result.is_err(),
            "`gsd {}` succeeded; expected an error",
            self.command
        );
        self
    }

    /// The command refuses with a hint containing `part`.
    pub fn hints(&self, part: &str) -> &Ran {
        match &self.result {
            Ok(_) => panic!("`gsd {}` succeeded; expected an error", self.command),
            Err(e) => {
                let hint = e.hint.as_deref().unwrap_or_default();
                assert!(
                    hint.contains(part),
                    "`gsd {}` hints {hint:?}, not {part:?}",
                    self.command
                );
            }
        }
        self
    }

    /// What the command did, for a snapshot: `## <command>` (without `state `), then its
    /// notices, message and each file's checked diff, or the error, as
    /// `ops_support::report` writes them.
    pub fn report(&self) -> String {
        let command = self.command.strip_prefix("state ").unwrap_or(&self.command);
        format!("## {command}\n{}", report_of(&self.result))
    }

    /// [`Ran::report`] with `## <label>: <command>` as its title, for snapshots that run one
    /// command on several inputs.
    pub fn report_on(&self, label: &str) -> String {
        let command = self.command.strip_prefix("state ").unwrap_or(&self.command);
        format!("## {label}: {command}\n{}", report_of(&self.result))
    }

    /// The command's notices include one containing `part`.
    pub fn notes(&self, part: &str) -> &Ran {
        let notices = &self.outcome().notices;
        assert!(
            notices.iter().any(|n| n.contains(part)),
            "`gsd {}` notices {notices:?} say nothing of {part:?}",
            self.command
        );
        self
    }

    /// The project after this command (siblings as they were), to run another on it.
    pub fn then(&self) -> Given {
        Given {
            ws: self.ws.with_state(&self.state()),
        }
    }
}

/// Splits a command line into words: spaces separate, single or double quotes group.
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(quote.is_none(), "unclosed quote in {line:?}");
    if in_word {
        words.push(word);
    }
    words
}

#[test]
fn words_split_like_a_shell() {
    assert_eq!(
        split_words(r#"state set status 'Phase complete' "a b" ''"#),
        vec!["state", "set", "status", "Phase complete", "a b", ""]
    );
}

#[test]
fn a_spec_can_fail() {
    // The helpers must catch a wrong expectation, or every spec would pass.
    let ran = given("## Current Position\n\nStatus: In progress\n")
        .running("state set status 'Phase complete'");
    ran.replaces("Status: In progress", "Status: Phase complete")
        .then()
        .running("state set status 'Phase complete'")
        .changes_nothing();
    let wrong = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ran.replaces("Status: In progress", "Status: Done");
    }));
    assert!(wrong.is_err());
    let refused = given("## Current Position\n\nStatus: x\n").running("state set colour red");
    refused.fails_with("colour");
}

#[test]
fn siblings_are_read() {
    given("## Current Position\n\nPhase: 2 of 3 (API)\n")
        .and_roadmap("# Roadmap\n\n### Phase 3: Docs\n")
        .running("state set phase 3")
        .contains("Phase: 3 of 3 (Docs)");
    given("## Current Position\n\nPhase: 2 of 3 (API)\n")
        .running("state set phase 3")
        .notes("does not name phase 3");
    let project = "# P\n\n## Key Decisions\n\n| Decision | Rationale | Outcome |\n|---|---|---|\n| Use Rust | Speed | ✓ Good |\n";
    let ran = given("## Accumulated Context\n\n### Decisions\n\n- Use Rust\n")
        .and_project(project)
        .running("state decide 'Use SQLite' --project");
    let new = ran.file("PROJECT.md").expect("PROJECT.md changed");
    assert!(new.contains("| Use SQLite |"), "{new}");
}
