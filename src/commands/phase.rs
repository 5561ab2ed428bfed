//! `gsd phase …`: the phase lifecycle commands. They change several files at once
//! (ROADMAP.md, REQUIREMENTS.md, STATE.md) through the same lock-load-op-commit sequence as
//! the `state` commands ([`crate::commands::mutate::apply`]).

use crate::app::{Context, Output};
use crate::cli::PhaseCommand;
use crate::error::UserError;
use crate::io::read_source;
use crate::model::requirements::Requirements;
use crate::model::workspace::{Needs, Workspace};
use crate::ops::phase_complete::{PhaseComplete, phase_complete};

/// Runs a `phase` subcommand.
pub fn run(ctx: &Context, cmd: PhaseCommand) -> anyhow::Result<Output> {
    match cmd {
        PhaseCommand::Complete {
            phase,
            force,
            advance,
        } => crate::commands::mutate::apply(ctx, Needs::ALL, |ws, clock| {
            let requirements = read_requirements(ws)?;
            let args = PhaseComplete {
                phase: &phase,
                force,
                advance,
                requirements: requirements.as_ref(),
            };
            Ok(("phase complete", phase_complete(ws, clock, &args)?))
        }),
    }
}

/// `.planning/REQUIREMENTS.md`, when the project keeps one (read here: ops do no I/O).
pub fn read_requirements(ws: &Workspace) -> Result<Option<Requirements>, UserError> {
    let name = "REQUIREMENTS.md";
    let path = Workspace::planning_dir(&ws.root).join(name);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    Ok(Some(Requirements::parse(read_source(
        &path,
        &Workspace::display_path(name),
    )?)))
}
