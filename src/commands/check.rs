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
use super::check_settings::{Run, format_of};
use crate::check::fix::{FIXABLE_FILES, fix_in_memory, line_edits};
use crate::check::rules::leftovers::LEFTOVER;
use crate::check::{self, Summary, all_rules};
use crate::cli::{CheckArgs, CheckFormat};
use crate::commands::{Context, Output};
use crate::error::UserError;
use crate::io::WorkspaceLock;
use crate::model::workspace::{Needs, Workspace};
use crate::transaction::{FileChange, commit};

/// `gsd check`, on the project found from the current folder (or `-C`), or with paths on
/// each project holding one of them, one after the other: outputs joined, the worst exit
/// code kept. When it cannot check (exit 2), the CI formats still print a valid document
/// holding the error ([`super::check_report::could_not_check`]).
pub fn run(ctx: &Context, args: &CheckArgs) -> anyhow::Result<Output> {
    super::check_report::could_not_check(format_of(ctx, args), run_all(ctx, args))
}

fn run_all(ctx: &Context, args: &CheckArgs) -> anyhow::Result<Output> {
    if args.paths.is_empty() {
        return run_project(ctx, args);
    }
    // Paths are relative to the folder gsd runs in (`-C` when given), as pre-commit gives them.
    let paths: Vec<PathBuf> = match &ctx.global.cwd {
        Some(dir) => args.paths.iter().map(|p| dir.join(p)).collect(),
        None => args.paths.clone(),
    };
    let projects = projects_of(&paths);
    if projects.is_empty() {
        let mut out = Output::default();
        if !ctx.global.quiet {
            out.stderr = "gsd: no path is in a .planning/ folder; nothing to check\n".to_string();
        }
        return Ok(out);
    }
    let format = format_of(ctx, args);
    if projects.len() > 1
        && matches!(
            format,
            CheckFormat::Json | CheckFormat::Sarif | CheckFormat::Gitlab
        )
    {
        return Err(UserError::new(format!(
            "the paths are in {} projects, and --format {} reports one project",
            projects.len(),
            match format {
                CheckFormat::Json => "json",
                CheckFormat::Gitlab => "gitlab",
                _ => "sarif",
            }
        ))
        .hint("run gsd check once per project (-C DIR), or use --format human or github")
        .into());
    }
    let mut all = Output::default();
    let several = projects.len() > 1;
    for project in projects {
        let mut one = ctx.clone();
        one.global.cwd = Some(project.clone());
        let out = run_project(&one, args)?;
        // Each report says which project it is for ("All checks passed" names no file);
        // a project `-q` left nothing to say about gets no heading either.
        if several && format == CheckFormat::Human && !out.stdout.is_empty() {
            all.stdout.push_str(&format!("{}:\n", project.display()));
        }
        all.stdout.push_str(&out.stdout);
        all.stderr.push_str(&out.stderr);
        all.code = all.code.max(out.code);
    }
    Ok(all)
}

/// The project folders (each holding a `.planning/`) of `paths`, in first-seen order: the
/// part of a path before its `.planning` component (the file may be deleted, so this reads
/// the path, not the disk), else the nearest folder above it that holds `.planning/`.
fn projects_of(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for path in paths {
        let parts: Vec<_> = path.components().collect();
        let project = match parts
            .iter()
            .position(|c| c.as_os_str() == crate::model::workspace::PLANNING)
        {
            Some(i) => parts[..i].iter().collect::<PathBuf>(),
            None => match path
                .parent()
                .map(|p| {
                    if p.as_os_str().is_empty() {
                        std::path::Path::new(".")
                    } else {
                        p
                    }
                })
                .and_then(|p| crate::io::load::find_root(p).ok())
            {
                Some(root) => root,
                None => continue,
            },
        };
        let project = if project.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            project
        };
        if !out.contains(&project) {
            out.push(project);
        }
    }
    out
}

/// `gsd check` on one project.
fn run_project(ctx: &Context, args: &CheckArgs) -> anyhow::Result<Output> {
    let root = ctx.root()?;
    let today = crate::clock::today()?;
    let run = Run::new(ctx, args, &root, today)?;
    let _lock = if args.fix {
        Some(WorkspaceLock::acquire(
            &Workspace::planning_dir(&root),
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
                path: Workspace::planning_dir(&root).join(name),
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
