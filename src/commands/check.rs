//! `gsd check` (consistency check, optionally fixing derived values) and `gsd rule`.
//!
//! Without `--fix` this only reads. With `--fix` it takes the workspace lock, deletes the
//! leftover files GSD501 reports, applies the safe fixes in memory round after round (a fixed
//! percent lets the bar be redrawn next round) until nothing fixable is left, turns the result
//! into minimal line edits, and hands them to [`crate::transaction::commit`]: written
//! atomically, or shown as a diff with `--dry-run` (which deletes nothing either).

use std::ops::Range;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::json;
use similar::{DiffTag, TextDiff};

use super::check_report::report;
use super::check_settings::Run;
use crate::check::policy::Policy;
use crate::check::rules::leftovers::LEFTOVER;
use crate::check::{self, Diagnostic, FileKind, Summary, all_rules};
use crate::cli::{CheckArgs, CheckFormat};
use crate::commands::{Context, Output};
use crate::edit::{Edit, EditSet};
use crate::error::UserError;
use crate::io::WorkspaceLock;
use crate::model::StateDoc;
use crate::model::workspace::{Needs, Workspace};
use crate::source::Source;
use crate::transaction::{FileChange, commit};

/// How many fix rounds to run before giving up (each round fixes what the last one exposed).
const MAX_FIX_ROUNDS: usize = 8;

/// `gsd check` on one project.
pub(super) fn run_project(ctx: &Context, args: &CheckArgs) -> anyhow::Result<Output> {
    let root = ctx.root()?;
    let today = crate::clock::today()?;
    let run = Run::new(ctx, args, &root, today)?;
    let _lock = if args.fix {
        Some(WorkspaceLock::acquire(
            &Workspace::shared_dir(&root),
            WorkspaceLock::timeout_from_env()?,
        )?)
    } else {
        None
    };
    let ws = Workspace::load(&root, Needs::ALL)?;
    if let Some(path) = &args.write_baseline {
        return super::check_settings::write_baseline(ctx, &run, &ws, path.as_deref());
    }
    if !args.fix {
        let diagnostics = run.findings(&ws);
        return Ok(report(ctx, &run, &ws, diagnostics, String::new()));
    }

    let before = run.findings(&ws);
    let leftovers: Vec<&str> = before
        .iter()
        .filter(|d| d.code == LEFTOVER)
        .filter_map(|d| d.path.as_deref())
        .collect();
    let mut note = String::new();
    let mut deleted = 0;
    if !leftovers.is_empty() && !ctx.global.quiet {
        let verb = if ctx.global.dry_run {
            "would delete"
        } else {
            "deleted"
        };
        for path in &leftovers {
            note.push_str(&format!("gsd: {verb} {path}\n"));
        }
    }
    if !ctx.global.dry_run {
        let paths: Vec<PathBuf> = leftovers.iter().map(|p| root.join(p)).collect();
        deleted = crate::io::leftovers::remove(&paths).len();
        if deleted > 0 && !ctx.global.quiet {
            note.push_str(&format!(
                "gsd: fixed {deleted} problem(s) by deleting leftover files\n"
            ));
        }
    }
    let (fixed_ws, after) = fix_in_memory(ws.clone(), today, &run.policy, before.clone())?;
    let original = ws.state.text();
    let updated = fixed_ws.state.text();
    // Deleted leftovers are fixed too, but not in STATE.md.
    let fixed = Summary::of(&before)
        .fixable
        .saturating_sub(Summary::of(&after).fixable)
        .saturating_sub(deleted);
    let wants_json = ctx.global.json || args.format == CheckFormat::Json;
    let mut fix_json = json!({
        "fixed": fixed + deleted,
        "files": [],
        "deleted": leftovers,
    });
    if original != updated {
        let change = FileChange {
            path: Workspace::path_of(&root, "STATE.md"),
            display: Workspace::display_path("STATE.md"),
            original: original.to_string(),
            edits: line_edits(original, updated),
        };
        let applied = commit(&[change], ctx.global.dry_run)?;
        let verb = if ctx.global.dry_run {
            "would fix"
        } else {
            "fixed"
        };
        let shown = Workspace::display_path("STATE.md").display().to_string();
        fix_json["files"] = json!([{
            "file": shown,
            "summary": format!("{verb} {fixed} problem(s)"),
        }]);
        if ctx.global.dry_run {
            let diff: String = applied.iter().map(|a| a.diff.as_str()).collect();
            if wants_json {
                fix_json["files"][0]["diff"] = json!(diff);
                return Ok(dry_run_json(&fix_json, true));
            }
            if !ctx.global.quiet {
                note.push_str(&format!(
                    "gsd: would fix {fixed} problem(s) in {shown} (dry run, nothing written)\n"
                ));
            }
            return Ok(Output {
                stdout: diff,
                stream: None,
                stderr: note,
                code: 0,
            });
        }
        if !ctx.global.quiet {
            note.push_str(&format!("gsd: fixed {fixed} problem(s) in {shown}\n"));
        }
    } else if ctx.global.dry_run {
        if wants_json {
            return Ok(dry_run_json(&fix_json, !leftovers.is_empty()));
        }
        if leftovers.is_empty() && !ctx.global.quiet {
            note.push_str("gsd: nothing to fix\n");
        }
        return Ok(Output {
            stderr: note,
            ..Output::default()
        });
    }
    if wants_json {
        // The report of what is left, with what the fix did beside it.
        let mut out = report(ctx, &run, &fixed_ws, after, note);
        if let Ok(serde_json::Value::Object(mut map)) =
            serde_json::from_str::<serde_json::Value>(&out.stdout)
        {
            map.insert("fix".to_string(), fix_json);
            out.stdout = serde_json::to_string_pretty(&map).unwrap_or_default() + "\n";
        }
        return Ok(out);
    }
    Ok(report(ctx, &run, &fixed_ws, after, note))
}

/// Applies every safe fix of a selected rule to STATE.md's text, in rounds, re-checking after
/// each; returns the fixed workspace and what is still found in it.
fn fix_in_memory(
    mut ws: Workspace,
    today: NaiveDate,
    policy: &Policy,
    mut diagnostics: Vec<Diagnostic>,
) -> anyhow::Result<(Workspace, Vec<Diagnostic>)> {
    for _ in 0..MAX_FIX_ROUNDS {
        let mut set = EditSet::new();
        let mut taken: Vec<Range<usize>> = Vec::new();
        for d in &diagnostics {
            let Some(fix) = d.fix.as_ref().filter(|_| d.file == FileKind::State) else {
                continue;
            };
            let clashes = fix.edits.iter().any(|e| {
                taken
                    .iter()
                    .any(|t| e.range.start < t.end && t.start < e.range.end || e.range == *t)
            });
            if clashes {
                continue;
            }
            taken.extend(fix.edits.iter().map(|e| e.range.clone()));
            set.extend(fix.edits.iter().cloned());
        }
        let set = set.without_noops(ws.state.text());
        if set.is_empty() {
            break;
        }
        let text = set.apply(ws.state.text())?;
        let path = ws.state.doc.source.path.clone();
        ws.state = StateDoc::parse(Source::new(path, text));
        diagnostics = policy.apply(check::check(&ws, today));
    }
    Ok((ws, diagnostics))
}

/// The change from `old` to `new` as edits replacing only the lines that differ.
fn line_edits(old: &str, new: &str) -> EditSet {
    let diff = TextDiff::from_lines(old, new);
    let mut offsets = Vec::with_capacity(diff.old_len() + 1);
    let mut at = 0;
    offsets.push(0);
    for s in diff.iter_old_slices() {
        at += s.len();
        offsets.push(at);
    }
    let mut set = EditSet::new();
    for op in diff.ops() {
        if op.tag() == DiffTag::Equal {
            continue;
        }
        let (o, n) = (op.old_range(), op.new_range());
        set.push(Edit::replace(
            offsets[o.start]..offsets[o.end],
            n.filter_map(|i| diff.new_slice(i)).collect::<String>(),
        ));
    }
    set
}

/// `gsd --json --dry-run check --fix`: what the fix would do, in the shape every changing
/// command's `--json` has (`files` with their diffs), plus the leftover files it would delete.
fn dry_run_json(fix: &serde_json::Value, changed: bool) -> Output {
    let value = json!({
        "version": 1,
        "command": "check --fix",
        "dry_run": true,
        "changed": changed,
        "fixed": fix["fixed"],
        "files": fix["files"],
        "deleted": fix["deleted"],
    });
    let mut stdout = serde_json::to_string_pretty(&value).unwrap_or_default();
    stdout.push('\n');
    Output::ok(stdout)
}

pub fn rule(ctx: &Context, code: Option<&str>) -> anyhow::Result<Output> {
    let Some(code) = code else {
        if ctx.global.json {
            let rules: Vec<_> = all_rules()
                .iter()
                .map(|r| {
                    json!({
                        "code": r.code, "name": r.name, "severity": r.severity.as_str(),
                        "fixable": r.fixable, "on_by_default": r.on_by_default,
                        "summary": r.summary,
                    })
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&rules)?;
            text.push('\n');
            return Ok(Output::ok(text));
        }
        let mut out = String::from("Rules (`gsd rule CODE` explains one):\n\n");
        for r in all_rules() {
            // Style rules run only when selected; the listing says so.
            out.push_str(&format!(
                "{}  {:<30} {:<7} {}  {}{}\n",
                r.code,
                r.name,
                r.severity.as_str(),
                if r.fixable { "fix" } else { "   " },
                r.summary,
                if r.on_by_default {
                    ""
                } else {
                    " (off by default)"
                },
            ));
        }
        return Ok(Output::ok(out));
    };
    let Some(rule) = check::rule(code.trim()) else {
        return Err(UserError::new(format!("unknown rule `{code}`"))
            .hint("run `gsd rule` to list every rule with its code and name")
            .into());
    };
    if ctx.global.json {
        let mut text = serde_json::to_string_pretty(&json!({
            "code": rule.code, "name": rule.name, "severity": rule.severity.as_str(),
            "fixable": rule.fixable, "on_by_default": rule.on_by_default,
            "summary": rule.summary, "what": rule.what,
            "why": rule.why, "example": rule.example, "fix": rule.fix,
        }))?;
        text.push('\n');
        return Ok(Output::ok(text));
    }
    Ok(Output::ok(rule.docs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_edits_touch_only_changed_lines() {
        let old = "a\r\nb 28\nc\n";
        let new = "a\r\nb 25\nc\n";
        let set = line_edits(old, new);
        assert_eq!(set.len(), 1);
        assert_eq!(set.edits()[0].range, 3..8);
        assert_eq!(set.apply(old).unwrap(), new);
    }
}
