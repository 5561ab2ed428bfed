//! The command line, as clap derive types. This layer only describes and validates
//! arguments; `app` turns them into work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::cli_args::*;

const EXAMPLES: &str = "\
Examples:
  gsd state show                      dashboard of .planning/STATE.md
  gsd state show --json               the typed model, for scripts
  gsd state get status                one value, raw
  gsd state ledger                    what the files together say is done
  gsd state complete 02-01 --duration 12min
  gsd state decide \"Use cursor pagination\" --plan 02-02
  gsd --dry-run state block \"Waiting on API keys\"
  gsd next                            where the project stands, what to do next
  gsd phase complete 2                tick a finished phase in ROADMAP, REQUIREMENTS, STATE
  gsd project validate SYNC-01 --phase 4   move a requirement to Validated in PROJECT.md
  gsd check --format github           consistency check for CI
  gsd check --all                     every workstream and .planning/ below here
  gsd --ws api state show             work on .planning/workstreams/api/ (or GSD_WORKSTREAM=api)
  gsd completions bash > /etc/bash_completion.d/gsd
  gsd man > gsd.1                     the manual page
  gsd mcp                             serve the commands to a coding agent (MCP, stdio)

Exit codes: 0 success, 1 `gsd check` found problems, 2 the command could not do its job.";

/// Fast, round-trip-safe tool for Get Shit Done `.planning/` files.
#[derive(Debug, Parser)]
#[command(name = "gsd", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// The help heading of the options every command takes, so each subcommand's `--help` shows
/// its own options apart from them.
const GLOBAL: &str = "Global options";

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Run as if started in DIR (default: walk up to the folder holding `.planning/`).
    #[arg(short = 'C', long = "cwd", value_name = "DIR", global = true, help_heading = GLOBAL)]
    pub cwd: Option<PathBuf>,
    /// Print a unified diff of every file the command would change; write nothing.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub dry_run: bool,
    /// Machine-readable output on stdout.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub json: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN", help_heading = GLOBAL)]
    pub color: ColorChoice,
    /// Print nothing but errors (and requested values).
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub quiet: bool,
    /// Work on workstream NAME: `.planning/workstreams/NAME/` (its STATE.md, ROADMAP.md,
    /// REQUIREMENTS.md, phases/) instead of `.planning/` [env: GSD_WORKSTREAM; default: the
    /// one `.planning/active-workstream` names].
    #[arg(long = "ws", value_name = "NAME", global = true, help_heading = GLOBAL)]
    pub ws: Option<String>,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal unless NO_COLOR is set.
    Auto,
    /// Always colour, even into a pipe.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read and change .planning/STATE.md.
    #[command(
        subcommand,
        after_help = "Examples:\n  gsd state show\n  gsd state get status\n  gsd state complete 02-01 --duration 12min\n  gsd state decide \"Use cursor pagination\" --plan 02-02"
    )]
    State(StateCommand),
    /// Finish a phase: ROADMAP.md, REQUIREMENTS.md and STATE.md in one step.
    #[command(
        subcommand,
        after_help = "Examples:\n  gsd phase complete 3\n  gsd --dry-run phase complete 02.1\n  gsd phase complete 4 --force     even with plans lacking a SUMMARY\n  gsd phase complete 3 --advance   and move STATE.md to phase 4"
    )]
    Phase(PhaseCommand),
    /// Close a milestone (snapshots, MILESTONES.md, STATE.md) or start the next one.
    #[command(
        subcommand,
        after_help = "Examples:\n  gsd milestone complete v1.0 --name MVP\n  gsd --dry-run milestone complete v1.0 --archive-phases\n  gsd milestone start v1.1 --name \"Payments\""
    )]
    Milestone(MilestoneCommand),
    /// Where the project stands and the one thing to do next, with the evidence for it.
    #[command(
        visible_alias = "progress",
        after_help = "Examples:\n  gsd next\n  gsd next --json | jq -r .route       discuss-phase, plan-phase, execute-plan,\n                                       verify-phase, complete-phase, complete-milestone, unknown"
    )]
    Next,
    /// Read ROADMAP.md's phases with what the files together say of each.
    #[command(
        subcommand,
        after_help = "Examples:\n  gsd roadmap show\n  gsd roadmap show --json"
    )]
    Roadmap(RoadmapCommand),
    /// Read PROJECT.md, and do the edits a phase transition makes to it.
    #[command(
        subcommand,
        after_help = "Examples:\n  gsd project show\n  gsd project validate \"PDF invoice\" --phase 3\n  gsd project outcome \"SQLite\" good\n  gsd project touch --after \"Phase 3\""
    )]
    Project(ProjectCommand),
    /// Mark requirements in REQUIREMENTS.md delivered.
    #[command(
        subcommand,
        after_help = "Examples:\n  gsd requirements done AUTH-01 AUTH-02\n  gsd --dry-run requirements mark-complete UI-3"
    )]
    Requirements(RequirementsCommand),
    /// Check STATE.md for consistency with itself, PROJECT.md, ROADMAP.md and phases/.
    #[command(
        after_help = "Examples:\n  gsd check\n  gsd check --all                    every workstream and .planning/ below here\n  gsd --ws api check                 the workstream .planning/workstreams/api/\n  gsd check --format github          annotations in a GitHub Actions log\n  gsd check --fix                    apply the safe fixes\n  gsd --dry-run check --fix          show the fixes as a diff\n  gsd check --select GSD4 --ignore GSD404   only the cross-file rules, but one\n  gsd check --write-baseline         accept today's findings; later runs report new ones\n\nSettings: .planning/gsd.toml (or gsd.toml beside .planning/), a [check] table with\nselect, extend-select, ignore, baseline and [check.severity]; flags override it.\nExit codes: 0 no errors, 1 errors found, 2 could not check."
    )]
    Check(CheckArgs),
    /// Explain a check rule: what it checks, why, an example, the fix.
    #[command(
        after_help = "Examples:\n  gsd rule                 list every rule\n  gsd rule GSD101\n  gsd rule progress-bar-mismatch"
    )]
    Rule(RuleArgs),
    /// Serve the commands as Model Context Protocol tools over stdio, for coding agents.
    #[command(
        after_help = "Examples:\n  claude mcp add gsd -- gsd mcp\n  gsd mcp --root ~/src/app        this project, whatever folders the client names\n\nEach command is a tool (state_show, state_complete, check, ...) taking the command's\narguments; writers also take dry_run. Results are the command's --json output."
    )]
    Mcp(McpArgs),
    /// Print the manual page: gsd.1, covering every command.
    #[command(
        after_help = "Examples:\n  gsd man > gsd.1 && man ./gsd.1\n  gsd man --dir ~/.local/share/man/man1     also one page per command (gsd-state-complete.1)"
    )]
    Man(ManArgs),
    /// Print shell completions.
    #[command(
        after_help = "Examples:\n  gsd completions bash > ~/.local/share/bash-completion/completions/gsd\n  gsd completions zsh > \"${fpath[1]}/_gsd\"\n  gsd completions fish > ~/.config/fish/completions/gsd.fish"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum StateCommand {
    /// Show the project's position, progress, velocity, blockers and session.
    #[command(after_help = "Examples:\n  gsd state show\n  gsd state show --json | jq .position")]
    Show,
    /// Print one value, raw (`status`, `position.plan`, `metrics.total_hours`).
    #[command(
        after_help = "Examples:\n  gsd state get status\n  gsd state get position.plan_total"
    )]
    Get(GetArgs),
    /// What ROADMAP.md, phases/ and STATE.md together say is done: plans and phases, the
    /// current and next phase, and the evidence for each phase (docs/LEDGER.md). Read-only.
    #[command(after_help = "Examples:\n  gsd state ledger\n  gsd state ledger --json | jq .plans")]
    Ledger,
    /// Set one field in place, keeping its label style.
    #[command(
        after_help = "Examples:\n  gsd state set status \"Ready to execute\"\n  gsd state set current_focus \"Phase 3 — API\""
    )]
    Set(SetArgs),
    /// Mark a plan finished: position, progress, metrics, session, ROADMAP.
    #[command(
        after_help = "Examples:\n  gsd state complete 02-01 --duration 12min\n  gsd --dry-run state complete 02-02"
    )]
    Complete(CompleteArgs),
    /// Start a phase: position, plan count, status, focus.
    #[command(
        visible_alias = "begin-phase",
        after_help = "Examples:\n  gsd state begin 3\n  gsd state begin 02.1 --plans 2 --name \"Hotfix\""
    )]
    Begin(BeginArgs),
    /// Log a decision in the file's own decision format.
    #[command(
        visible_alias = "add-decision",
        after_help = "Examples:\n  gsd state decide \"Use cursor pagination\" --plan 02-02\n  gsd state decide \"SQLite for tests\" --rationale \"No server in CI\" --project"
    )]
    Decide(DecideArgs),
    /// Add a blocker or concern.
    #[command(
        visible_alias = "add-blocker",
        after_help = "Examples:\n  gsd state block \"Waiting on API keys from the payer\""
    )]
    Block(BlockArgs),
    /// Resolve the one blocker matching MATCH (struck through, marked resolved with the date).
    #[command(
        visible_alias = "resolve-blocker",
        after_help = "Examples:\n  gsd state unblock \"API keys\"      strikes through the one blocker matching"
    )]
    Unblock(UnblockArgs),
    /// Add a pending todo.
    #[command(
        after_help = "Examples:\n  gsd state todo \"Add rate limiting to the upload endpoint\""
    )]
    Todo(TodoArgs),
    /// Close the one open todo matching MATCH (ticked, struck or removed, as the list does).
    #[command(
        after_help = "Examples:\n  gsd state done-todo \"rate limiting\"    ticks, strikes or removes the one todo matching"
    )]
    DoneTodo(DoneTodoArgs),
    /// Record session continuity.
    #[command(
        visible_alias = "record-session",
        after_help = "Examples:\n  gsd state session --stopped-at \"Drafted 03-02-PLAN.md\"\n  gsd state session --stopped-at \"Paused\" --resume-file .planning/phases/03-x/03-02-PLAN.md"
    )]
    Session(SessionArgs),
    /// Move decisions of long-finished phases and resolved blockers to STATE-ARCHIVE.md.
    #[command(
        after_help = "Examples:\n  gsd state prune                   keeps the decisions of the last 3 finished phases\n  gsd --dry-run state prune --keep-recent 1"
    )]
    Prune(PruneArgs),
}

#[derive(Debug, Subcommand)]
pub enum ProjectCommand {
    /// What the project is, its core value, requirements per group, constraints, key
    /// decisions with their outcomes, and when the file was last updated. Read-only.
    #[command(
        after_help = "Examples:\n  gsd project show\n  gsd project show --json | jq .requirements.counts"
    )]
    Show,
    /// Print one value, raw (`core_value`, `active`, `requirements.groups.0.title`).
    #[command(
        after_help = "Examples:\n  gsd project get core_value\n  gsd project get last_updated\n  gsd project get key_decisions.counts.pending"
    )]
    Get(ProjectGetArgs),
    /// Move the one Active requirement matching MATCH to Validated, written the way the
    /// file writes its validated ones; REQUIREMENTS.md's checkbox and traceability row for
    /// the ids it names follow.
    #[command(
        after_help = "Examples:\n  gsd project validate \"JWT authentication\" --phase 2   - ✓ JWT authentication — Phase 2\n  gsd project validate SYNC-01 --version v1.1\n  gsd --dry-run project validate \"PDF invoice\" --phase 3\n\nRefuses (exit 2, listing them) when MATCH names no Active requirement or more than one."
    )]
    Validate(ValidateArgs),
    /// Set the Outcome cell of the one Key Decisions row matching MATCH, in the table's own
    /// words (`✓ Good`, `⚠️ Revisit`, `— Pending`).
    #[command(
        after_help = "Examples:\n  gsd project outcome \"SQLite over Postgres\" good\n  gsd project outcome WebSocket revisit --note \"battery use\"\n  gsd --dry-run project outcome CRDT pending"
    )]
    Outcome(OutcomeArgs),
    /// Set PROJECT.md's last-updated footer to today, and STATE.md's `See: .planning/PROJECT.md
    /// (updated DATE)` line with it.
    #[command(
        after_help = "Examples:\n  gsd project touch --after \"Phase 3\"     *Last updated: 2026-02-01 after Phase 3*\n  gsd project touch                      the date only, the words after it kept"
    )]
    Touch(TouchArgs),
}

#[derive(Debug, Subcommand)]
pub enum RequirementsCommand {
    /// Tick each requirement's checkbox and set its traceability status to complete.
    #[command(
        visible_alias = "mark-complete",
        after_help = "Examples:\n  gsd requirements done AUTH-01 AUTH-02\n  gsd --dry-run requirements done UI-3"
    )]
    Done(RequirementsDoneArgs),
}

#[derive(Debug, Subcommand)]
pub enum RoadmapCommand {
    /// Phases with their goal, status and plans done of total. Read-only.
    #[command(
        after_help = "Examples:\n  gsd roadmap show\n  gsd roadmap show --json | jq '.phases[] | select(.status != \"complete\")'"
    )]
    Show,
}

#[derive(Debug, Subcommand)]
pub enum PhaseCommand {
    /// Record a phase's plans once its PLAN files are written: the ROADMAP.md plan list and
    /// counts, and STATE.md ready to execute the phase.
    #[command(
        visible_alias = "planned-phase",
        after_help = "Examples:\n  gsd phase plan 3                 after /gsd:plan-phase 3 wrote 03-01..03-04-PLAN.md\n  gsd --dry-run phase plan 02.1"
    )]
    Plan(PhaseArgs),
    /// Mark a phase finished: its ROADMAP.md checkbox, plan boxes and progress row, its
    /// requirements, and STATE.md's position moved to the next phase.
    #[command(
        after_help = "Examples:\n  gsd phase complete 3\n  gsd --dry-run phase complete 02.1\n\nRefuses (exit 2) while plans of the phase have a PLAN file but no SUMMARY, unless --force.\nRunning it twice changes nothing."
    )]
    Complete(PhaseCompleteArgs),
    /// Add the next integer phase at the end of the roadmap: checklist line, detail section
    /// and progress row in the file's shape.
    #[command(
        after_help = "Examples:\n  gsd phase add \"Reporting\"\n  gsd --dry-run phase add \"Docs site\""
    )]
    Add(PhaseAddArgs),
    /// Insert a decimal phase after AFTER (2 → 2.1, then 2.2), marked INSERTED.
    #[command(
        after_help = "Examples:\n  gsd phase insert 2 \"Hotfix: token refresh\"     adds phase 2.1\n  gsd --dry-run phase insert 02 \"Audit\""
    )]
    Insert(PhaseInsertArgs),
    /// Remove a phase and renumber the later ones: folders, file names, ROADMAP.md and the
    /// phase references in STATE.md. Every rename is listed.
    #[command(
        after_help = "Examples:\n  gsd --dry-run phase remove 4     the renames and diffs, nothing written\n  gsd phase remove 4\n  gsd phase remove 3 --force        even with SUMMARY files\n\nRefuses (exit 2) a phase with SUMMARY files, a complete phase or the current one, unless --force."
    )]
    Remove(PhaseRemoveArgs),
}

#[derive(Debug, Subcommand)]
pub enum MilestoneCommand {
    /// Close a milestone: snapshot ROADMAP.md and REQUIREMENTS.md to milestones/, add its
    /// entry to MILESTONES.md, optionally move its phase folders, and set STATE.md to
    /// milestone complete.
    #[command(
        after_help = "Examples:\n  gsd milestone complete v1.0\n  gsd milestone complete v1.0 --name MVP --archive-phases\n  gsd --dry-run milestone complete v1.0     shows the new files, diffs and moves\n\nRefuses (exit 2) while phases of the milestone are not complete, unless --force.\nRunning it twice changes nothing."
    )]
    Complete(MilestoneCompleteArgs),
    /// Start a milestone: STATE.md's milestone, position and frontmatter (the Progress line
    /// is kept).
    #[command(
        after_help = "Examples:\n  gsd milestone start v1.1\n  gsd milestone start v2.0 --name \"Payments\""
    )]
    Start(MilestoneStartArgs),
}
