//! What a changing command reports: the files it changed (with a one-line summary, or the
//! diff on a dry run), the moves it made, its notices. One renderer for every writer (`state
//! *`, `phase *`, `milestone *`, `project *`, `check --fix`), as JSON (`--json`, stable:
//! `version`, `command`, `dry_run`, `changed`, `files`, `notices`, `message`, and `moves` for
//! the commands that move files) and as text.

use std::path::Path;

use serde_json::json;

use crate::change::Applied;
use crate::ops::Outcome;

/// The summary `outcome` gives for the file shown as `display`.
fn summary_of<'a>(outcome: &'a Outcome, display: &Path) -> &'a str {
    outcome
        .changes
        .iter()
        .find(|(c, _)| c.display == display)
        .map_or("", |(_, s)| s.as_str())
}

/// The `--json` report of command `name`.
pub fn json(name: &str, outcome: &Outcome, applied: &[Applied], dry_run: bool) -> String {
    let files: Vec<_> = applied
        .iter()
        .filter(|a| a.changed)
        .map(|a| {
            let mut v = json!({
                "file": a.display.display().to_string(),
                "summary": summary_of(outcome, &a.display),
            });
            if dry_run {
                v["diff"] = json!(a.diff);
            }
            v
        })
        .collect();
    let mut value = json!({
        "version": 1,
        "command": name,
        "dry_run": dry_run,
        "changed": applied.iter().any(|a| a.changed),
        "files": files,
        "notices": outcome.notices,
        "message": outcome.message,
    });
    // Only commands that move files say so (`moves`), so other commands' output is as it was.
    if !outcome.moves.is_empty() {
        value["moves"] = outcome
            .moves
            .iter()
            .map(|m| {
                json!({
                    "from": m.display_from.display().to_string(),
                    "to": (!m.discard).then(|| m.display_to.display().to_string()),
                })
            })
            .collect();
    }
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}

/// The text report: standard output (message, moves, per-file summaries or diffs) and
/// standard error (notices). `quiet` keeps only what a dry run exists to show.
pub fn human(
    outcome: &Outcome,
    applied: &[Applied],
    dry_run: bool,
    quiet: bool,
) -> (String, String) {
    let (mut stdout, mut stderr) = (String::new(), String::new());
    if !quiet {
        for n in &outcome.notices {
            stderr.push_str(&format!("gsd: note: {n}\n"));
        }
        if let Some(m) = &outcome.message {
            stdout.push_str(m);
            stdout.push('\n');
        }
    }
    if !quiet || dry_run {
        // Every move is named, so a user can finish by hand what a failed disk interrupted.
        for m in &outcome.moves {
            stdout.push_str(&m.describe(dry_run));
            stdout.push('\n');
        }
    }
    for a in applied.iter().filter(|a| a.changed) {
        if dry_run {
            stdout.push_str(&a.diff);
        } else if !quiet {
            stdout.push_str(&format!(
                "{}: {}\n",
                a.display.display(),
                summary_of(outcome, &a.display)
            ));
        }
    }
    (stdout, stderr)
}
