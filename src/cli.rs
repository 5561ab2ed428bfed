//! The command line, as clap derive types. This layer only describes and validates
//! arguments; `app` turns them into work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
  gsd completions bash > /etc/bash_completion.d/gsd

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
        after_help = "Examples:\n  gsd check\n  gsd check --format github          annotations in a GitHub Actions log\n  gsd check --fix                    apply the safe fixes\n  gsd --dry-run check --fix          show the fixes as a diff\n  gsd check --select GSD4 --ignore GSD404   only the cross-file rules, but one\n  gsd check --write-baseline         accept today's findings; later runs report new ones\n\nSettings: .planning/gsd.toml (or gsd.toml beside .planning/), a [check] table with\nselect, extend-select, ignore, baseline and [check.severity]; flags override it.\nExit codes: 0 no errors, 1 errors found, 2 could not check."
    )]
    Check(CheckArgs),
    /// Explain a check rule: what it checks, why, an example, the fix.
    #[command(
        after_help = "Examples:\n  gsd rule                 list every rule\n  gsd rule GSD101\n  gsd rule progress-bar-mismatch"
    )]
    Rule {
        /// A rule code (GSD101) or name (progress-bar-mismatch); omit to list all rules.
        #[arg(value_parser = crate::cli_values::RuleCodes, hide_possible_values = true)]
        code: Option<String>,
    },
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
    Get {
        /// The field: one of the names below (the same names `state set` takes), or a dotted
        /// path into `gsd state show --json` (`decisions.0.text`, `frontmatter.milestone`).
        #[arg(value_parser = crate::cli_values::FieldNames)]
        field: String,
    },
    /// What ROADMAP.md, phases/ and STATE.md together say is done: plans and phases, the
    /// current and next phase, and the evidence for each phase (docs/LEDGER.md). Read-only.
    #[command(after_help = "Examples:\n  gsd state ledger\n  gsd state ledger --json | jq .plans")]
    Ledger,
    /// Set one field in place, keeping its label style.
    #[command(
        after_help = "Examples:\n  gsd state set status \"Ready to execute\"\n  gsd state set current_focus \"Phase 3 — API\""
    )]
    Set {
        /// The field, by one of the names below (the same names `state get` takes).
        #[arg(value_parser = crate::cli_values::FieldNames)]
        field: String,
        /// The new value (one line, not empty), checked against what the field takes.
        #[arg(allow_negative_numbers = true)]
        value: String,
    },
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
    Block {
        /// The blocker or concern (one line).
        text: String,
    },
    /// Resolve the one blocker matching MATCH (struck through, marked resolved with the date).
    #[command(
        visible_alias = "resolve-blocker",
        after_help = "Examples:\n  gsd state unblock \"API keys\"      strikes through the one blocker matching"
    )]
    Unblock {
        /// Words from the one open blocker to resolve (case-insensitive).
        #[arg(value_name = "MATCH")]
        pattern: String,
    },
    /// Add a pending todo.
    #[command(
        after_help = "Examples:\n  gsd state todo \"Add rate limiting to the upload endpoint\""
    )]
    Todo {
        /// The todo (one line).
        text: String,
    },
    /// Close the one open todo matching MATCH (ticked, struck or removed, as the list does).
    #[command(
        after_help = "Examples:\n  gsd state done-todo \"rate limiting\"    ticks, strikes or removes the one todo matching"
    )]
    DoneTodo {
        /// Words from the one open todo to close (case-insensitive).
        #[arg(value_name = "MATCH")]
        pattern: String,
    },
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
    Prune {
        /// Finished phases whose decisions stay in STATE.md (the most recent ones).
        #[arg(long, default_value_t = crate::ops::prune::DEFAULT_KEEP, value_name = "K")]
        keep_recent: usize,
    },
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
    Get {
        /// The field: a short name or a dotted path into `gsd project show --json`.
        field: String,
    },
    /// Move the one Active requirement matching MATCH to Validated, written the way the
    /// file writes its validated ones; REQUIREMENTS.md's checkbox and traceability row for
    /// the ids it names follow.
    #[command(
        after_help = "Examples:\n  gsd project validate \"JWT authentication\" --phase 2   - ✓ JWT authentication — Phase 2\n  gsd project validate SYNC-01 --version v1.1\n  gsd --dry-run project validate \"PDF invoice\" --phase 3\n\nRefuses (exit 2, listing them) when MATCH names no Active requirement or more than one."
    )]
    Validate {
        /// Words from the one Active requirement to validate (case-insensitive).
        #[arg(value_name = "MATCH")]
        pattern: String,
        /// The phase that delivered it (`— Phase 3`).
        #[arg(long, conflicts_with = "version")]
        phase: Option<String>,
        /// The version that shipped it (`— v1.1`, and the `### Validated (v1.1)` group).
        #[arg(long)]
        version: Option<String>,
    },
    /// Set the Outcome cell of the one Key Decisions row matching MATCH, in the table's own
    /// words (`✓ Good`, `⚠️ Revisit`, `— Pending`).
    #[command(
        after_help = "Examples:\n  gsd project outcome \"SQLite over Postgres\" good\n  gsd project outcome WebSocket revisit --note \"battery use\"\n  gsd --dry-run project outcome CRDT pending"
    )]
    Outcome {
        /// Words from the one decision to update (case-insensitive).
        #[arg(value_name = "MATCH")]
        pattern: String,
        /// The outcome.
        outcome: OutcomeArg,
        /// A comment after the outcome (`✓ Good — NOTE`).
        #[arg(long)]
        note: Option<String>,
    },
    /// Set PROJECT.md's last-updated footer to today, and STATE.md's `See: .planning/PROJECT.md
    /// (updated DATE)` line with it.
    #[command(
        after_help = "Examples:\n  gsd project touch --after \"Phase 3\"     *Last updated: 2026-02-01 after Phase 3*\n  gsd project touch                      the date only, the words after it kept"
    )]
    Touch {
        /// What the update followed (`Phase 3`, `v1.2 milestone`); default: the footer's
        /// words are kept.
        #[arg(long, value_name = "EVENT")]
        after: Option<String>,
    },
}

/// `gsd project outcome`'s outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutcomeArg {
    /// The decision worked out (`✓ Good`).
    Good,
    /// The decision needs another look (`⚠️ Revisit`).
    Revisit,
    /// Too early to say (`— Pending`).
    Pending,
}

#[derive(Debug, Subcommand)]
pub enum RequirementsCommand {
    /// Tick each requirement's checkbox and set its traceability status to complete.
    #[command(
        visible_alias = "mark-complete",
        after_help = "Examples:\n  gsd requirements done AUTH-01 AUTH-02\n  gsd --dry-run requirements done UI-3"
    )]
    Done {
        /// Requirement ids (`AUTH-01`), case-insensitive.
        #[arg(required = true, value_name = "REQ-ID")]
        ids: Vec<String>,
    },
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
    Plan {
        /// The phase number, e.g. 3 or 02.1.
        phase: String,
    },
    /// Mark a phase finished: its ROADMAP.md checkbox, plan boxes and progress row, its
    /// requirements, and STATE.md's position moved to the next phase.
    #[command(
        after_help = "Examples:\n  gsd phase complete 3\n  gsd --dry-run phase complete 02.1\n\nRefuses (exit 2) while plans of the phase have a PLAN file but no SUMMARY, unless --force.\nRunning it twice changes nothing."
    )]
    Complete {
        /// The phase number, e.g. 3 or 02.1.
        phase: String,
        /// Complete the phase even when some of its plans have no SUMMARY.md.
        #[arg(long)]
        force: bool,
        /// Also move STATE.md to the next phase (`Ready to plan`), or mark the milestone
        /// complete when the phase was its last; by default STATE.md records the phase
        /// finished and stays on it until `gsd state begin`.
        #[arg(long)]
        advance: bool,
    },
    /// Add the next integer phase at the end of the roadmap: checklist line, detail section
    /// and progress row in the file's shape.
    #[command(
        after_help = "Examples:\n  gsd phase add \"Reporting\"\n  gsd --dry-run phase add \"Docs site\""
    )]
    Add {
        /// The phase name.
        name: String,
    },
    /// Insert a decimal phase after AFTER (2 → 2.1, then 2.2), marked INSERTED.
    #[command(
        after_help = "Examples:\n  gsd phase insert 2 \"Hotfix: token refresh\"     adds phase 2.1\n  gsd --dry-run phase insert 02 \"Audit\""
    )]
    Insert {
        /// The phase the new one follows, e.g. 2.
        after: String,
        /// The phase name.
        name: String,
    },
    /// Remove a phase and renumber the later ones: folders, file names, ROADMAP.md and the
    /// phase references in STATE.md. Every rename is listed.
    #[command(
        after_help = "Examples:\n  gsd --dry-run phase remove 4     the renames and diffs, nothing written\n  gsd phase remove 4\n  gsd phase remove 3 --force        even with SUMMARY files\n\nRefuses (exit 2) a phase with SUMMARY files, a complete phase or the current one, unless --force."
    )]
    Remove {
        /// The phase number, e.g. 4 or 2.1.
        phase: String,
        /// Remove the phase even when work on it was recorded.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MilestoneCommand {
    /// Close a milestone: snapshot ROADMAP.md and REQUIREMENTS.md to milestones/, add its
    /// entry to MILESTONES.md, optionally move its phase folders, and set STATE.md to
    /// milestone complete.
    #[command(
        after_help = "Examples:\n  gsd milestone complete v1.0\n  gsd milestone complete v1.0 --name MVP --archive-phases\n  gsd --dry-run milestone complete v1.0     shows the new files, diffs and moves\n\nRefuses (exit 2) while phases of the milestone are not complete, unless --force.\nRunning it twice changes nothing."
    )]
    Complete {
        /// The milestone version, e.g. v1.0.
        version: String,
        /// The milestone's name (default: from its ROADMAP.md group).
        #[arg(long)]
        name: Option<String>,
        /// Move the milestone's phase folders to milestones/<version>-phases/.
        #[arg(long)]
        archive_phases: bool,
        /// Close the milestone even when some of its phases are not complete.
        #[arg(long)]
        force: bool,
    },
    /// Start a milestone: STATE.md's milestone, position and frontmatter (the Progress line
    /// is kept).
    #[command(
        after_help = "Examples:\n  gsd milestone start v1.1\n  gsd milestone start v2.0 --name \"Payments\""
    )]
    Start {
        /// The milestone version, e.g. v1.1.
        version: String,
        /// The milestone's name.
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Debug, Clone, Args)]
pub struct CompleteArgs {
    /// The plan id, e.g. 02-01.
    pub plan: String,
    /// How long the plan took (12min, 1h 5m, 90s); default: the SUMMARY.md `duration:`.
    #[arg(long)]
    pub duration: Option<String>,
    /// One line on what was done; default: the SUMMARY one-liner.
    #[arg(long)]
    pub summary: Option<String>,
    /// The resume file to record.
    #[arg(long, value_name = "PATH")]
    pub resume_file: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct BeginArgs {
    /// The phase number, e.g. 3 or 02.1.
    pub phase: String,
    /// Plans in the phase (default: from ROADMAP.md or phases/).
    #[arg(long)]
    pub plans: Option<u32>,
    /// The phase name (default: from ROADMAP.md).
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct DecideArgs {
    /// The decision (one line).
    pub text: String,
    /// Why: written after the decision the way the list joins them, or in a
    /// Rationale (Why, Reason) column of a decisions table.
    #[arg(long)]
    pub rationale: Option<String>,
    /// The plan it belongs to (02-01).
    #[arg(long, conflicts_with = "phase")]
    pub plan: Option<String>,
    /// The phase it belongs to.
    #[arg(long)]
    pub phase: Option<String>,
    /// Also add a row to PROJECT.md's Key Decisions table.
    #[arg(long)]
    pub project: bool,
}

#[derive(Debug, Clone, Args)]
pub struct SessionArgs {
    /// Where work stopped.
    #[arg(long)]
    pub stopped_at: String,
    /// The resume file (kept as is when omitted).
    #[arg(long, value_name = "PATH")]
    pub resume_file: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Apply the safe fixes (derived values only).
    #[arg(long)]
    pub fix: bool,
    /// Exit 0 even when problems are found.
    #[arg(long)]
    pub exit_zero: bool,
    /// Check only these rules (codes, prefixes like GSD4, names, or ALL; comma-separated),
    /// instead of the rules on by default and those gsd.toml selects.
    #[arg(long, value_name = "RULE", value_delimiter = ',', help_heading = SELECT)]
    pub select: Option<Vec<String>>,
    /// Check these rules as well (style rules are off until named).
    #[arg(long, value_name = "RULE", value_delimiter = ',', help_heading = SELECT)]
    pub extend_select: Vec<String>,
    /// Do not check these rules (the more specific of --select and --ignore wins).
    #[arg(long, value_name = "RULE", value_delimiter = ',', help_heading = SELECT)]
    pub ignore: Vec<String>,
    /// Record today's findings in a baseline (default .planning/gsd-baseline.json, or
    /// gsd.toml's `baseline`); later runs report only findings it does not hold.
    #[arg(long, value_name = "PATH", num_args = 0..=1, conflicts_with = "fix", help_heading = BASELINE)]
    pub write_baseline: Option<Option<PathBuf>>,
    /// Leave out the findings this baseline holds (default: .planning/gsd-baseline.json when
    /// it exists, or gsd.toml's `baseline`).
    #[arg(long, value_name = "PATH", conflicts_with = "no_baseline", help_heading = BASELINE)]
    pub baseline: Option<PathBuf>,
    /// Report every finding, baselined or not.
    #[arg(long, help_heading = BASELINE)]
    pub no_baseline: bool,
    /// Files that changed, as pre-commit passes them: check each project whose `.planning/`
    /// holds one (`apps/web/.planning/STATE.md` checks `apps/web`), instead of the project
    /// found from the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// The help heading of `gsd check`'s rule selection options.
const SELECT: &str = "Rule selection (also in gsd.toml's [check] table)";

/// The help heading of `gsd check`'s baseline options.
const BASELINE: &str = "Baseline";

/// `gsd check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// For people: each problem with its lines and a fix hint.
    Human,
    /// For scripts: `{"version": 1, "summary", "diagnostics"}`.
    Json,
    /// GitHub Actions annotations (`::error file=…`).
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitLab code quality report (Code Climate JSON).
    Gitlab,
}
