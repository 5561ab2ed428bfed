//! The commands that change files: complete, begin, decide, block, unblock, todo, done-todo,
//! session, set.
//!
//! The sequence is the same for each: take the workspace lock (not for `--dry-run`, which must
//! change nothing; taking it removes what killed writers left behind), load the files the
//! command needs *under* the lock, run the pure op from [`crate::ops`], and commit its edits
//! all or nothing. Output is one line per changed file (nothing with `-q`), the unified diffs
//! with `--dry-run`, or a JSON summary.

use crate::change::Applied;
use crate::cli::{
    BlockArgs, DoneTodoArgs, PruneArgs, SetArgs, StateCommand, TodoArgs, UnblockArgs,
};
use crate::commands::{Context, Output};
use crate::error::UserError;
use crate::io::{WorkspaceLock, read_source};
use crate::model::PlanId;
use crate::model::phases::read_summary;
use crate::model::workspace::{Needs, Workspace};
use crate::ops::{self, Clock, Outcome};
use crate::render::change_report;
use crate::transaction::commit_all;

/// Runs one of the changing `state` commands.
pub fn run(ctx: &Context, cmd: StateCommand) -> anyhow::Result<Output> {
    apply(ctx, needs(&cmd), |ws, clock| execute(ws, clock, cmd))
}

/// The sequence every changing command shares: lock, load what `needs` asks for, run `op`
/// (which returns its name and what it wants done), commit all or nothing, render.
pub fn apply(
    ctx: &Context,
    needs: Needs,
    op: impl FnOnce(&Workspace, &Clock) -> Result<(&'static str, Outcome), UserError>,
) -> anyhow::Result<Output> {
    let root = ctx.root()?;
    let dry_run = ctx.global.dry_run;
    let _lock = if dry_run {
        None
    } else {
        Some(WorkspaceLock::for_writing(&Workspace::shared_dir(&root))?)
    };
    let ws = Workspace::load(&root, needs)?;
    let clock = Clock::new(crate::clock::now()?);
    let (name, mut outcome) = op(&ws, &clock)?;
    // The parsed files are no longer needed: free them before the new text is built, and
    // hand the changes to `commit` without copying them, so peak memory stays a small
    // multiple of the file size.
    drop(ws);
    let (files, summaries): (Vec<_>, Vec<_>) =
        std::mem::take(&mut outcome.changes).into_iter().unzip();
    let applied = commit_all(&files, &outcome.moves, dry_run)?;
    outcome.changes = files.into_iter().zip(summaries).collect();
    Ok(render(ctx, name, &outcome, &applied))
}

/// Which sibling files a command reads.
fn needs(cmd: &StateCommand) -> Needs {
    match cmd {
        StateCommand::Complete(_) | StateCommand::Begin(_) | StateCommand::Prune(_) => Needs {
            project: false,
            roadmap: true,
            phases: true,
        },
        // A `--plan` is checked against the plans ROADMAP.md and phases/ know.
        StateCommand::Decide(args) => Needs {
            project: args.project,
            roadmap: args.plan.is_some(),
            phases: args.plan.is_some(),
        },
        // A new phase number takes its name from ROADMAP.md.
        StateCommand::Set(SetArgs { field, .. }) if ops::set::resolve(field) == Some("phase") => {
            Needs {
                project: false,
                roadmap: true,
                phases: false,
            }
        }
        _ => Needs::STATE_ONLY,
    }
}

/// Dispatches to the op; returns the command's name and what it wants done. Public so the
/// spec tests (`tests/it/spec.rs`) run a command line on a workspace held in memory.
pub fn execute(
    ws: &Workspace,
    clock: &Clock,
    cmd: StateCommand,
) -> Result<(&'static str, Outcome), UserError> {
    Ok(match cmd {
        StateCommand::Set(SetArgs { field, value }) => {
            ("set", ops::set::set(ws, clock, &field, &value)?)
        }
        StateCommand::Complete(a) => {
            let summary_file = summary_of(ws, &a.plan)?;
            let plan_title = plan_title_of(ws, &a.plan);
            let prerequisites = prerequisites_of(ws, &a.plan);
            let read = |id: &PlanId| summary_at(ws, id);
            let args = ops::complete::Complete {
                plan: &a.plan,
                duration: a.duration.as_deref(),
                summary: a.summary.as_deref(),
                resume_file: a.resume_file.as_deref(),
                summary_file,
                plan_title,
                prerequisites,
                earlier_summaries: Some(ops::complete::SummaryReader(&read)),
            };
            ("complete", ops::complete::complete(ws, clock, &args)?)
        }
        StateCommand::Begin(a) => {
            let args = ops::begin::Begin {
                phase: &a.phase,
                plans: a.plans,
                name: a.name.as_deref(),
            };
            ("begin", ops::begin::begin(ws, clock, &args)?)
        }
        StateCommand::Decide(a) => {
            let d = ops::decide::Decision {
                text: &a.text,
                rationale: a.rationale.as_deref(),
                plan: a.plan.as_deref(),
                phase: a.phase.as_deref(),
                project: a.project,
            };
            ("decide", ops::decide::decide(ws, clock, &d)?)
        }
        StateCommand::Block(BlockArgs { text }) => ("block", ops::block::block(ws, clock, &text)?),
        StateCommand::Unblock(UnblockArgs { pattern }) => {
            ("unblock", ops::block::unblock(ws, clock, &pattern)?)
        }
        StateCommand::Todo(TodoArgs { text }) => ("todo", ops::todo::todo(ws, clock, &text)?),
        StateCommand::DoneTodo(DoneTodoArgs { pattern }) => {
            ("done-todo", ops::todo::done_todo(ws, clock, &pattern)?)
        }
        StateCommand::Session(a) => (
            "session",
            ops::session::session(ws, clock, &a.stopped_at, a.resume_file.as_deref())?,
        ),
        StateCommand::Prune(PruneArgs { keep_recent }) => {
            let archive = crate::io::read_planning_file(&ws.root, "STATE-ARCHIVE.md")?;
            (
                "prune",
                ops::prune::prune(ws, clock, keep_recent, archive.as_ref())?,
            )
        }
        StateCommand::Show | StateCommand::Get(_) | StateCommand::Ledger => {
            return Err(UserError::new(
                "internal error: a read-only command reached mutate",
            ));
        }
    })
}

/// The plan's SUMMARY.md, read here because ops do no I/O.
fn summary_of(
    ws: &Workspace,
    plan: &str,
) -> Result<Option<crate::model::phases::SummaryInfo>, UserError> {
    let Some((path, display)) = PlanId::parse(plan).and_then(|id| summary_path(ws, &id)) else {
        return Ok(None);
    };
    Ok(Some(read_summary(read_source(&path, &display)?)))
}

/// Another plan's SUMMARY.md, when it exists and is readable: it only adds to a list, so an
/// unreadable one is left out rather than an error.
fn summary_at(ws: &Workspace, id: &PlanId) -> Option<crate::model::phases::SummaryInfo> {
    let (path, display) = summary_path(ws, id)?;
    let text = crate::io::read_text_lenient(&path)?;
    Some(read_summary(crate::source::Source::new(display, text)))
}

/// Where a plan's SUMMARY.md is, and the path to show for it (relative to the project).
fn summary_path(ws: &Workspace, id: &PlanId) -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    let path = ws.phases.as_ref()?.summary_path(id)?;
    let display = path.strip_prefix(&ws.root).unwrap_or(&path).to_path_buf();
    Some((path, display))
}

/// The title of the plan's PLAN.md, when the file exists and is readable (it is only a
/// default for the activity text, so an unreadable PLAN is not an error).
fn plan_title_of(ws: &Workspace, plan: &str) -> Option<String> {
    let id = PlanId::parse(plan)?;
    let path = ws.phases.as_ref()?.plan_path(&id)?;
    let text = crate::io::read_text_lenient(&path)?;
    crate::model::plan_file::plan_title(&text)
}

/// The plans `plan`'s PLAN.md says it depends on, followed through their own PLAN.md files
/// (each read once); `None` when its PLAN.md is missing or has no `depends_on`.
fn prerequisites_of(ws: &Workspace, plan: &str) -> Option<Vec<PlanId>> {
    let id = PlanId::parse(plan)?;
    let phases = ws.phases.as_ref()?;
    let depends_on = |of: &PlanId| {
        let text = crate::io::read_text_lenient(&phases.plan_path(of)?)?;
        crate::model::plan_file::depends_on(&text, &of.phase)
    };
    let mut found = depends_on(&id)?;
    let mut next = 0;
    while let Some(dep) = found.get(next).cloned() {
        for more in depends_on(&dep).unwrap_or_default() {
            if more != id && !found.contains(&more) {
                found.push(more);
            }
        }
        next += 1;
    }
    Some(found)
}

fn render(ctx: &Context, name: &str, outcome: &Outcome, applied: &[Applied]) -> Output {
    let g = &ctx.global;
    if g.json {
        return Output::ok(change_report::json(name, outcome, applied, g.dry_run));
    }
    let (stdout, stderr) = change_report::human(outcome, applied, g.dry_run, g.quiet);
    Output {
        stdout,
        stderr,
        ..Output::default()
    }
}
