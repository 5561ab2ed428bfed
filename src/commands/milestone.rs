//! `gsd milestone …`: closing and starting milestones. The files besides the workspace that
//! `complete` needs (REQUIREMENTS.md, MILESTONES.md, existing snapshots, SUMMARY one-liners)
//! are read here, under the lock, because ops do no I/O.

use crate::cli::{self as c, MilestoneCommand};
use crate::commands::{Context, Output};
use crate::io::read_source;
use crate::ledger::Ledger;
use crate::model::phases::read_summary;
use crate::model::workspace::{Needs, Workspace};
use crate::ops::milestone::{
    MilestoneComplete, MilestoneFiles, milestone_complete, milestone_file, milestone_phases,
    version,
};
use crate::ops::milestone_start::{MilestoneStart, milestone_start};

/// Runs a `milestone` subcommand.
pub fn run(ctx: &Context, cmd: MilestoneCommand) -> anyhow::Result<Output> {
    match cmd {
        MilestoneCommand::Complete(c::MilestoneCompleteArgs {
            version: raw,
            name,
            archive_phases,
            force,
        }) => crate::commands::mutate::apply(ctx, Needs::ALL, |ws, clock| {
            let v = version(&raw)?;
            let files = MilestoneFiles {
                requirements: crate::io::read_planning_file(&ws.root, "REQUIREMENTS.md")?,
                milestones: crate::io::read_planning_file(&ws.root, "MILESTONES.md")?,
                roadmap_snapshot: crate::io::exists(&milestone_file(
                    ws,
                    &format!("{v}-ROADMAP.md"),
                )),
                requirements_snapshot: crate::io::exists(&milestone_file(
                    ws,
                    &format!("{v}-REQUIREMENTS.md"),
                )),
                accomplishments: accomplishments(ws, &v),
            };
            let args = MilestoneComplete {
                version: &raw,
                name: name.as_deref(),
                archive_phases,
                force,
                files,
            };
            Ok(("milestone complete", milestone_complete(ws, clock, &args)?))
        }),
        MilestoneCommand::Start(c::MilestoneStartArgs { version, name }) => {
            crate::commands::mutate::apply(ctx, Needs::ALL, |ws, clock| {
                let args = MilestoneStart {
                    version: &version,
                    name: name.as_deref(),
                };
                Ok(("milestone start", milestone_start(ws, clock, &args)?))
            })
        }
    }
}

/// The one-liners of the milestone's SUMMARY files, in plan order. A SUMMARY that cannot be
/// read adds nothing: the entry is a digest, not a record.
fn accomplishments(ws: &Workspace, v: &str) -> Vec<String> {
    let ledger = Ledger::build(ws, None);
    let Some(dirs) = ws.phases.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for phase in milestone_phases(ws, &ledger, v) {
        for plan in &phase.plans {
            let Some(path) = dirs.summary_path(&plan.id) else {
                continue;
            };
            let Ok(source) = read_source(&path, &path) else {
                continue;
            };
            if let Some(line) = read_summary(source).one_liner {
                out.push(line);
            }
        }
    }
    out
}
