//! Turns parsed arguments into work: finds the workspace, runs the command, and returns
//! what to print and the exit code. Nothing here prints; `main` does.

use crate::cli::{Cli, Command, StateCommand};
use crate::commands;

// Re-exported: `main` and older callers name them here.
pub use crate::commands::context::{Context, Output, Stream};

/// Runs a parsed command line. Warnings raised while reading files (bytes that are not
/// UTF-8) come first on standard error, unless `-q`; a failed command leaves them for
/// [`warnings`].
pub fn run(cli: Cli) -> anyhow::Result<Output> {
    let quiet = cli.global.quiet;
    let mut out = dispatch(cli)?;
    let warnings = warnings(quiet);
    if !warnings.is_empty() {
        out.stderr.insert_str(0, &warnings);
    }
    Ok(out)
}

/// The warnings raised since the last call, as lines for standard error (empty with `-q`).
pub fn warnings(quiet: bool) -> String {
    let all = crate::io::take_warnings();
    if quiet {
        return String::new();
    }
    all.iter().map(|w| format!("gsd: warning: {w}\n")).collect()
}

fn dispatch(cli: Cli) -> anyhow::Result<Output> {
    let ctx = Context::new(cli.global);
    // Every command on one project works in its workstream; `check` (one project, paths or
    // `--all`) chooses per project, and the commands that read no project choose none.
    let per_project = match &cli.command {
        // `check` chooses inside its own error handling, so a CI format still prints a
        // document when there is no project or no such workstream.
        Command::Check(_) => true,
        Command::Rule(_) | Command::Completions { .. } | Command::Mcp(_) | Command::Man(_) => true,
        _ => false,
    };
    let _workstream = if per_project {
        None
    } else {
        Some(ctx.enter_workstream(&ctx.root()?)?)
    };
    match cli.command {
        Command::State(cmd) => match cmd {
            StateCommand::Show => commands::show::show(&ctx),
            StateCommand::Get(crate::cli::GetArgs { field }) => commands::show::get(&ctx, &field),
            StateCommand::Ledger => commands::show::ledger(&ctx),
            other => commands::mutate::run(&ctx, other),
        },
        Command::Phase(cmd) => commands::phase::run(&ctx, cmd),
        Command::Milestone(cmd) => commands::milestone::run(&ctx, cmd),
        Command::Next => commands::show::next(&ctx),
        Command::Requirements(crate::cli::RequirementsCommand::Done(
            crate::cli::RequirementsDoneArgs { ids },
        )) => commands::phase::requirements_done(&ctx, &ids),
        Command::Roadmap(crate::cli::RoadmapCommand::Show) => commands::show::roadmap(&ctx),
        Command::Project(cmd) => commands::project::run(&ctx, cmd),
        Command::Check(args) => commands::check_all::run(&ctx, &args),
        Command::Rule(crate::cli::RuleArgs { code }) => {
            commands::check::rule(&ctx, code.as_deref())
        }
        Command::Mcp(_) => crate::mcp_launch::run(),
        Command::Man(args) => commands::man::run(args.dir.as_deref()),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "gsd", &mut buf);
            Ok(Output::ok(String::from_utf8_lossy(&buf).into_owned()))
        }
    }
}
