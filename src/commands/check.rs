//! `gsd check` (consistency check, optionally fixing derived values) and `gsd rule`.
//!
//! Without `--fix` this only reads. With `--fix` it takes the workspace lock, deletes the
//! leftover files GSD501 reports, applies the safe fixes in memory round after round (a fixed
//! percent lets the bar be redrawn next round) until nothing fixable is left, turns the result
//! into minimal line edits, and hands them to [`crate::transaction::commit`]: written
//! atomically, or shown as a diff with `--dry-run` (which deletes nothing either).

use std::path::PathBuf;

use serde_json::json;

use super::check_report::report;
use super::check_settings::Run;
use crate::change::FileChange;
use crate::check::fix::{FIXABLE_FILES, fix_in_memory, line_edits};
use crate::check::rules::leftovers::LEFTOVER;
use crate::check::{self, Summary, all_rules};
use crate::cli::{CheckArgs, CheckFormat};
use crate::commands::{Context, Output};
use crate::error::UserError;
use crate::io::WorkspaceLock;
use crate::model::workspace::{Needs, Workspace};
use crate::transaction::commit;

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
    // Deleted leftovers are fixed too, but not in a planning file.
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
    let changes: Vec<FileChange> = FIXABLE_FILES
        .iter()
        .filter_map(|&kind| {
            let original = kind.source(&ws)?.text.as_str();
            let updated = kind.source(&fixed_ws)?.text.as_str();
            let name = kind.file_name()?;
            (original != updated).then(|| FileChange {
                path: Workspace::path_of(&root, name),
                display: Workspace::display_path(name),
                original: original.to_string(),
                edits: line_edits(original, updated),
            })
        })
        .collect();
    if !changes.is_empty() {
        let applied = commit(&changes, ctx.global.dry_run)?;
        let verb = if ctx.global.dry_run {
            "would fix"
        } else {
            "fixed"
        };
        let shown: Vec<String> = changes
            .iter()
            .map(|c| c.display.to_string_lossy().replace('\\', "/"))
            .collect();
        fix_json["files"] = json!(
            applied
                .iter()
                .zip(&shown)
                .map(|(a, file)| {
                    let mut f =
                        json!({ "file": file, "summary": format!("{verb} {fixed} problem(s)") });
                    if ctx.global.dry_run {
                        f["diff"] = json!(a.diff);
                    }
                    f
                })
                .collect::<Vec<_>>()
        );
        if ctx.global.dry_run {
            if wants_json {
                return Ok(dry_run_json(&fix_json, true));
            }
            let diff: String = applied.iter().map(|a| a.diff.as_str()).collect();
            if !ctx.global.quiet {
                note.push_str(&format!(
                    "gsd: would fix {fixed} problem(s) in {} (dry run, nothing written)\n",
                    shown.join(", ")
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
            note.push_str(&format!(
                "gsd: fixed {fixed} problem(s) in {}\n",
                shown.join(", ")
            ));
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
