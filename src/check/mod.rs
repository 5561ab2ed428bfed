//! `gsd check`: rules that prove STATE.md agrees with itself and with PROJECT.md,
//! ROADMAP.md and the phases folder.
//!
//! Each rule has a stable code (`GSD101`), a kebab-case name, a severity and ruff-style docs
//! that `gsd rule` prints. Rules live one family per file under [`rules`]; each family's
//! `check` reads the typed model, asks the [`crate::ledger`] which plans exist, which are done
//! and how many (built once per run), and returns [`Diagnostic`]s with byte spans and, for
//! derived values only, a safe [`diagnostic::Fix`] made of the same [`crate::edit::Edit`]s
//! every command uses. Nothing here does I/O except the few existence checks on `phases/` files
//! that cross-file rules need and the folder listing that finds leftover temp files
//! ([`rules::leftovers`]); nothing prints.
//!
//! Two promises shape every rule: a rule that needs a file the project lacks is skipped, not
//! failed; and a rule never cries wolf — when a value could be read two ways, or the file's
//! own rounding explains a difference, the rule stays silent.

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod policy;
pub mod rules;
pub mod select;
mod suppress;

use chrono::NaiveDate;

pub use diagnostic::{Diagnostic, Fix, Located, PlanningFile, Severity, Summary};
use suppress::is_suppressed;

use crate::ledger::Ledger;
use crate::model::Workspace;

/// A check rule's identity and documentation.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, `GSD101`.
    pub code: &'static str,
    /// Kebab-case name, `progress-bar-mismatch`.
    pub name: &'static str,
    pub severity: Severity,
    /// Whether `gsd check --fix` can fix it (derived values only).
    pub fixable: bool,
    /// Whether `gsd check` runs the rule without `--select` naming it. Style rules (how a
    /// line is written, not what the files claim) are off by default.
    pub on_by_default: bool,
    /// One line for listings and SARIF `shortDescription`.
    pub summary: &'static str,
    /// `## What it does`
    pub what: &'static str,
    /// `## Why is this bad?`
    pub why: &'static str,
    /// `## Example`: a failing snippet.
    pub example: &'static str,
    /// `## Fix`: what to do (and what `--fix` does, when it can).
    pub fix: &'static str,
}

impl Rule {
    /// The rule's documentation as Markdown, as `gsd rule CODE` prints it.
    pub fn docs(&self) -> String {
        let fix_note = if self.fixable {
            "safe fix available (`gsd check --fix`)"
        } else {
            "no automatic fix"
        };
        let fix_note = if self.on_by_default {
            fix_note.to_string()
        } else {
            format!(
                "{fix_note} · off by default (`gsd check --extend-select {}` runs it)",
                self.code
            )
        };
        format!(
            "# {code} {name}\n\nSeverity: {sev} · {fix_note}\n\n{summary}\n\n## What it does\n\n{what}\n\n## Why is this bad?\n\n{why}\n\n## Example\n\n```markdown\n{example}\n```\n\n## Fix\n\n{fix}\n",
            code = self.code,
            name = self.name,
            sev = self.severity.as_str(),
            summary = self.summary,
            what = self.what,
            why = self.why,
            example = self.example.trim_end(),
            fix = self.fix,
        )
    }
}

/// Every rule, sorted by code.
pub fn all_rules() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = rules::FAMILIES
        .iter()
        .flat_map(|f| f.rules.iter())
        .collect();
    all.sort_by_key(|r| r.code);
    all
}

/// The rule with this code or name (case-insensitive).
pub fn rule(code_or_name: &str) -> Option<&'static Rule> {
    rules::FAMILIES
        .iter()
        .flat_map(|f| f.rules.iter())
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// What the rules may look at: the workspace, its ledger and today's date (from
/// `gsd::clock`). Which plans exist, which are done and every count over them come from the
/// ledger, never from the files directly: `check`, `complete` and `state show` then count
/// the same way.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub ws: &'a Workspace,
    /// The ledger: the counts a finding states and a fix writes.
    pub ledger: &'a Ledger,
    /// Other readings of the same evidence that a written value may follow.
    pub readings: &'a Readings,
    pub today: NaiveDate,
}

/// The ledger's evidence read other ways. A value that any reading reproduces is not wrong
/// (a rule never cries wolf); a fix is offered only where every reading gives the same count.
#[derive(Debug, Clone)]
pub struct Readings {
    /// Plans whose files disagree (ticked without a SUMMARY, or the other way round) read as
    /// not done ([`Ledger::undisputed`]).
    pub undisputed: Ledger,
    /// Without STATE.md's own counters ([`Ledger::besides_state`]): STATE's values are
    /// checked against the other files, and do not vouch for each other.
    pub files: Ledger,
    /// Both: the other files alone, disputed plans not done.
    pub files_undisputed: Ledger,
}

impl Readings {
    pub fn of(ledger: &Ledger) -> Readings {
        let files = ledger.besides_state();
        Readings {
            undisputed: ledger.undisputed(),
            files_undisputed: files.undisputed(),
            files,
        }
    }
}

impl Input<'_> {
    /// The ledger and every other reading, the ledger first.
    pub fn every_reading(&self) -> [&Ledger; 4] {
        let r = self.readings;
        [self.ledger, &r.undisputed, &r.files, &r.files_undisputed]
    }

    /// The readings without STATE.md's own counters.
    pub fn file_readings(&self) -> [&Ledger; 2] {
        [&self.readings.files, &self.readings.files_undisputed]
    }
}

/// Runs every rule, drops suppressed findings, and sorts the rest by file and position.
/// Rules that are off by default run too: which findings a run reports is the caller's
/// [`policy::Policy`] (`--select`, `gsd.toml`), applied to this list.
pub fn check(ws: &Workspace, today: NaiveDate) -> Vec<Diagnostic> {
    let ledger = Ledger::build(ws, None);
    let readings = Readings::of(&ledger);
    let input = Input {
        ws,
        ledger: &ledger,
        readings: &readings,
        today,
    };
    let mut out: Vec<Diagnostic> = rules::FAMILIES
        .iter()
        .flat_map(|f| (f.check)(&input))
        .filter(|d| !is_suppressed(ws, d))
        .collect();
    out.sort_by(|a, b| {
        (a.file, a.span.start, a.code, &a.message).cmp(&(b.file, b.span.start, b.code, &b.message))
    });
    out.dedup();
    drop_repeats(&mut out);
    out
}

/// Rule pairs that can report one fact twice, at the same bytes: the first is kept. A
/// `Total plans completed` the files contradict (GSD405) is not also a By Phase mismatch
/// (GSD201): fixing it against the files is what settles both.
const SAME_FACT: &[(&str, &str)] = &[("GSD405", "GSD201")];

/// Drops the second finding of a [`SAME_FACT`] pair that points at the same bytes as the first.
fn drop_repeats(out: &mut Vec<Diagnostic>) {
    let repeated: Vec<(PlanningFile, std::ops::Range<usize>, &str)> = SAME_FACT
        .iter()
        .flat_map(|(kept, dropped)| {
            out.iter()
                .filter(move |d| d.code == *kept)
                .map(move |d| (d.file, d.span.clone(), *dropped))
        })
        .collect();
    out.retain(|d| {
        !repeated
            .iter()
            .any(|(file, span, code)| d.code == *code && d.file == *file && d.span == *span)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_say_when_a_rule_is_off_by_default() {
        let style = Rule {
            on_by_default: false,
            ..*rule("GSD206").unwrap()
        };
        assert!(
            style
                .docs()
                .contains("off by default (`gsd check --extend-select GSD206` runs it)")
        );
        let on = Rule {
            on_by_default: true,
            ..style
        };
        assert!(!on.docs().contains("off by default"));
    }

    #[test]
    fn codes_and_names_are_unique_and_documented() {
        let rules = all_rules();
        for (i, r) in rules.iter().enumerate() {
            assert!(r.code.starts_with("GSD") && r.code.len() == 6, "{}", r.code);
            assert!(r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            assert!(!r.what.is_empty() && !r.why.is_empty() && !r.example.is_empty());
            for other in &rules[i + 1..] {
                assert_ne!(r.code, other.code);
                assert_ne!(r.name, other.name);
            }
        }
    }
}
