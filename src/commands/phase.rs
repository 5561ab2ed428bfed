//! `gsd phase …`: the phase lifecycle commands. They change several files at once
//! (ROADMAP.md, REQUIREMENTS.md, STATE.md) through the same lock-load-op-commit sequence as
//! the `state` commands ([`crate::commands::mutate::apply`]).

use std::collections::BTreeMap;

use crate::cli::{self as c, PhaseCommand};
use crate::commands::{Context, Output};
use crate::error::UserError;
use crate::io::read_source;
use crate::model::ids::{PhaseNum, PlanId};
use crate::model::requirements::Requirements;
use crate::model::workspace::{Needs, Workspace};
use crate::ops::phase_complete::{PhaseComplete, phase_complete};
use crate::ops::phase_plan::{PhasePlan, phase_plan};

/// Runs a `phase` subcommand.
pub fn run(ctx: &Context, cmd: PhaseCommand) -> anyhow::Result<Output> {
    match cmd {
        PhaseCommand::Plan(c::PhaseArgs { phase }) => {
            crate::commands::mutate::apply(ctx, Needs::ALL, |ws, clock| {
                let args = PhasePlan {
                    phase: &phase,
                    titles: plan_titles(ws, &phase),
                };
                Ok(("phase plan", phase_plan(ws, clock, &args)?))
            })
        }
        PhaseCommand::Complete(c::PhaseCompleteArgs {
            phase,
            force,
            advance,
        }) => crate::commands::mutate::apply(ctx, Needs::ALL, |ws, clock| {
            let requirements = read_requirements(ws)?;
            let args = PhaseComplete {
                phase: &phase,
                force,
                advance,
                requirements: requirements.as_ref(),
            };
            Ok(("phase complete", phase_complete(ws, clock, &args)?))
        }),
        PhaseCommand::Add(c::PhaseAddArgs { name }) => {
            crate::commands::mutate::apply(ctx, Needs::ALL, |ws, clock| {
                Ok((
                    "phase add",
                    crate::ops::phase_edit::phase_add(ws, clock, &name)?,
                ))
            })
        }
        PhaseCommand::Insert(c::PhaseInsertArgs { after, name }) => {
            crate::commands::mutate::apply(ctx, Needs::ALL, |ws, clock| {
                Ok((
                    "phase insert",
                    crate::ops::phase_edit::phase_insert(ws, clock, &after, &name)?,
                ))
            })
        }
        PhaseCommand::Remove(c::PhaseRemoveArgs { phase, force }) => {
            crate::commands::mutate::apply(ctx, Needs::ALL, |ws, clock| {
                let requirements = read_requirements(ws)?;
                let args = crate::ops::phase_remove::PhaseRemove {
                    phase: &phase,
                    force,
                    listings: listings(ws),
                    requirements: requirements.as_ref(),
                    phase_files: phase_files_after(ws, &phase)?,
                };
                Ok((
                    "phase remove",
                    crate::ops::phase_remove::phase_remove(ws, clock, &args)?,
                ))
            })
        }
    }
}

/// The file names directly inside each phase folder (sorted), for renaming the ones named
/// after a renumbered phase.
fn listings(ws: &Workspace) -> Vec<(std::path::PathBuf, Vec<String>)> {
    let Some(dirs) = ws.phases.as_ref() else {
        return Vec::new();
    };
    dirs.phases
        .iter()
        .map(|d| (d.path.clone(), crate::io::phases_scan::file_names(&d.path)))
        .collect()
}

/// The PLAN and SUMMARY files of the phases after `phase` (those a removal renumbers), read
/// for their frontmatter's `phase:` fields. Nothing for a number that does not parse (the
/// op refuses it).
fn phase_files_after(
    ws: &Workspace,
    phase: &str,
) -> Result<Vec<(std::path::PathBuf, crate::source::Source)>, UserError> {
    let (Some(n), Some(dirs)) = (PhaseNum::parse(phase), ws.phases.as_ref()) else {
        return Ok(Vec::new());
    };
    let phases = Workspace::planning_dir(&ws.root).join("phases");
    let mut out = Vec::new();
    for d in dirs.phases.iter().filter(|d| d.number > n) {
        for f in &d.files {
            let rel = f.path.strip_prefix(&phases).unwrap_or(&f.path);
            let display = Workspace::display_path(&format!("phases/{}", rel.to_string_lossy()));
            out.push((f.path.clone(), read_source(&f.path, &display)?));
        }
    }
    Ok(out)
}

/// `.planning/REQUIREMENTS.md`, when the project keeps one (read here: ops do no I/O).
pub fn read_requirements(ws: &Workspace) -> Result<Option<Requirements>, UserError> {
    Ok(crate::io::read_planning_file(&ws.root, "REQUIREMENTS.md")?.map(Requirements::parse))
}

/// The titles of phase `phase`'s PLAN files (their heading, else the first line of their
/// `<objective>`), for the ROADMAP.md plan list. A PLAN that cannot be read has no title: the
/// list line is still written, with the id alone.
fn plan_titles(ws: &Workspace, phase: &str) -> BTreeMap<PlanId, String> {
    let mut out = BTreeMap::new();
    let (Some(n), Some(dirs)) = (PhaseNum::parse(phase), ws.phases.as_ref()) else {
        return out;
    };
    let Some(dir) = dirs.phase(&n) else {
        return out;
    };
    for id in &dir.plans {
        let Some(path) = dirs.plan_path(id) else {
            continue;
        };
        // A Windows-1252 byte in a PLAN does not cost it its title (see `source::decode`).
        let Some(text) = crate::io::read_text_lenient(&path) else {
            continue;
        };
        if let Some(title) = crate::model::plan_file::plan_title(&text).or_else(|| objective(&text))
        {
            out.insert(id.clone(), title);
        }
    }
    out
}

/// The first non-empty line inside a PLAN's `<objective>` block.
fn objective(text: &str) -> Option<String> {
    let start = text.find("<objective>")? + "<objective>".len();
    let end = text[start..]
        .find("</objective>")
        .map_or(text.len(), |e| start + e);
    text[start..end]
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.trim_end_matches('.').to_string())
}

/// `gsd requirements done ID...`.
pub fn requirements_done(ctx: &Context, ids: &[String]) -> anyhow::Result<Output> {
    crate::commands::mutate::apply(ctx, Needs::STATE_ONLY, |ws, _| {
        let reqs = read_requirements(ws)?.ok_or_else(|| {
            UserError::new("does not exist")
                .in_file(Workspace::display_path("REQUIREMENTS.md"))
                .hint("requirements are read from .planning/REQUIREMENTS.md (`/gsd:new-project` writes it)")
        })?;
        Ok((
            "requirements done",
            crate::ops::requirements::requirements_done(ws, &reqs, ids)?,
        ))
    })
}
