//! The arguments of each subcommand, as one type per command that three things derive from:
//! clap parses the command line into it, `serde` reads an MCP tool call's arguments into it,
//! and `schemars` describes it as the tool's JSON Schema (`gsd mcp`). One type, so the CLI
//! and the MCP tools cannot drift apart: a field added here is an option and a tool property
//! at once, with the same doc comment as its help text and its description.
//!
//! Serde conventions: every field is named as clap names the argument (its id), optional
//! arguments are `Option`, flags and lists default to off and empty, and unknown fields are
//! refused, so a misspelt tool argument is an error rather than silently ignored.
//! (The structs carry no doc comment of their own: clap would take it for the command's
//! about text, which the enum variant in [`crate::cli`] already gives.)

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use schemars::JsonSchema;
use serde::Deserialize;

// A command that takes no argument (`state show`, `next`).
#[derive(Debug, Clone, Default, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

// `state get`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GetArgs {
    /// The field: one of the names below (the same names `state set` takes), or a dotted
    /// path into `gsd state show --json` (`decisions.0.text`, `frontmatter.milestone`).
    #[arg(value_parser = crate::cli_values::FieldNames)]
    pub field: String,
}

// `state set`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetArgs {
    /// The field, by one of the names below (the same names `state get` takes).
    #[arg(value_parser = crate::cli_values::FieldNames)]
    pub field: String,
    /// The new value (one line, not empty), checked against what the field takes.
    #[arg(allow_negative_numbers = true)]
    pub value: String,
}

// `state complete`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
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

// `state begin`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
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

// `state decide`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
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
    #[serde(default)]
    pub project: bool,
}

// `state block`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BlockArgs {
    /// The blocker or concern (one line).
    pub text: String,
}

// `state unblock`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnblockArgs {
    /// Words from the one open blocker to resolve (case-insensitive).
    #[arg(value_name = "MATCH")]
    pub pattern: String,
}

// `state todo`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TodoArgs {
    /// The todo (one line).
    pub text: String,
}

// `state done-todo`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DoneTodoArgs {
    /// Words from the one open todo to close (case-insensitive).
    #[arg(value_name = "MATCH")]
    pub pattern: String,
}

// `state session`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionArgs {
    /// Where work stopped.
    #[arg(long)]
    pub stopped_at: String,
    /// The resume file (kept as is when omitted).
    #[arg(long, value_name = "PATH")]
    pub resume_file: Option<String>,
}

// `state prune`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PruneArgs {
    /// Finished phases whose decisions stay in STATE.md (the most recent ones).
    #[arg(long, default_value_t = crate::ops::prune::DEFAULT_KEEP, value_name = "K")]
    #[serde(default = "default_keep")]
    pub keep_recent: usize,
}

fn default_keep() -> usize {
    crate::ops::prune::DEFAULT_KEEP
}

// `project get`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectGetArgs {
    /// The field: a short name or a dotted path into `gsd project show --json`.
    pub field: String,
}

// `project validate`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateArgs {
    /// Words from the one Active requirement to validate (case-insensitive).
    #[arg(value_name = "MATCH")]
    pub pattern: String,
    /// The phase that delivered it (`— Phase 3`).
    #[arg(long, conflicts_with = "version")]
    pub phase: Option<String>,
    /// The version that shipped it (`— v1.1`, and the `### Validated (v1.1)` group).
    #[arg(long)]
    pub version: Option<String>,
}

// `project outcome`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeArgs {
    /// Words from the one decision to update (case-insensitive).
    #[arg(value_name = "MATCH")]
    pub pattern: String,
    /// The outcome.
    pub outcome: OutcomeArg,
    /// A comment after the outcome (`✓ Good — NOTE`).
    #[arg(long)]
    pub note: Option<String>,
}

/// `gsd project outcome`'s outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeArg {
    /// The decision worked out (`✓ Good`).
    Good,
    /// The decision needs another look (`⚠️ Revisit`).
    Revisit,
    /// Too early to say (`— Pending`).
    Pending,
}

// `project touch`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TouchArgs {
    /// What the update followed (`Phase 3`, `v1.2 milestone`); default: the footer's
    /// words are kept.
    #[arg(long, value_name = "EVENT")]
    pub after: Option<String>,
}

// `requirements done`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequirementsDoneArgs {
    /// Requirement ids (`AUTH-01`), case-insensitive.
    #[arg(required = true, value_name = "REQ-ID")]
    pub ids: Vec<String>,
}

// `phase plan`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseArgs {
    /// The phase number, e.g. 3 or 02.1.
    pub phase: String,
}

// `phase complete`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseCompleteArgs {
    /// The phase number, e.g. 3 or 02.1.
    pub phase: String,
    /// Complete the phase even when some of its plans have no SUMMARY.md.
    #[arg(long)]
    #[serde(default)]
    pub force: bool,
    /// Also move STATE.md to the next phase (`Ready to plan`), or mark the milestone
    /// complete when the phase was its last; by default STATE.md records the phase
    /// finished and stays on it until `gsd state begin`.
    #[arg(long)]
    #[serde(default)]
    pub advance: bool,
}

// `phase add`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseAddArgs {
    /// The phase name.
    pub name: String,
}

// `phase insert`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseInsertArgs {
    /// The phase the new one follows, e.g. 2.
    pub after: String,
    /// The phase name.
    pub name: String,
}

// `phase remove`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseRemoveArgs {
    /// The phase number, e.g. 4 or 2.1.
    pub phase: String,
    /// Remove the phase even when work on it was recorded.
    #[arg(long)]
    #[serde(default)]
    pub force: bool,
}

// `milestone complete`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneCompleteArgs {
    /// The milestone version, e.g. v1.0.
    pub version: String,
    /// The milestone's name (default: from its ROADMAP.md group).
    #[arg(long)]
    pub name: Option<String>,
    /// Move the milestone's phase folders to milestones/<version>-phases/.
    #[arg(long)]
    #[serde(default)]
    pub archive_phases: bool,
    /// Close the milestone even when some of its phases are not complete.
    #[arg(long)]
    #[serde(default)]
    pub force: bool,
}

// `milestone start`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneStartArgs {
    /// The milestone version, e.g. v1.1.
    pub version: String,
    /// The milestone's name.
    #[arg(long)]
    pub name: Option<String>,
}

// `check`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    #[serde(default)]
    pub format: CheckFormat,
    /// Apply the safe fixes (derived values only).
    #[arg(long)]
    #[serde(default)]
    pub fix: bool,
    /// Exit 0 even when problems are found.
    #[arg(long)]
    #[serde(default)]
    pub exit_zero: bool,
    /// Check only these rules (codes, prefixes like GSD4, names, or ALL; comma-separated),
    /// instead of the rules on by default and those gsd.toml selects.
    #[arg(long, value_name = "RULE", value_delimiter = ',', help_heading = SELECT)]
    pub select: Option<Vec<String>>,
    /// Check these rules as well (style rules are off until named).
    #[arg(long, value_name = "RULE", value_delimiter = ',', help_heading = SELECT)]
    #[serde(default)]
    pub extend_select: Vec<String>,
    /// Do not check these rules (the more specific of --select and --ignore wins).
    #[arg(long, value_name = "RULE", value_delimiter = ',', help_heading = SELECT)]
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Record today's findings in a baseline (default .planning/gsd-baseline.json, or
    /// gsd.toml's `baseline`); later runs report only findings it does not hold.
    #[arg(long, value_name = "PATH", num_args = 0..=1, conflicts_with = "fix", help_heading = BASELINE)]
    #[serde(default, deserialize_with = "write_baseline")]
    #[schemars(with = "Option<WriteBaseline>")]
    pub write_baseline: Option<Option<PathBuf>>,
    /// Leave out the findings this baseline holds (default: .planning/gsd-baseline.json when
    /// it exists, or gsd.toml's `baseline`).
    #[arg(long, value_name = "PATH", conflicts_with = "no_baseline", help_heading = BASELINE)]
    pub baseline: Option<PathBuf>,
    /// Report every finding, baselined or not.
    #[arg(long, help_heading = BASELINE)]
    #[serde(default)]
    pub no_baseline: bool,
    /// Check every workstream and every `.planning/` in the current folder (or `-C DIR`) and
    /// below it (a monorepo; node_modules, target and .git are skipped), each reported with
    /// its path; the exit code is the worst.
    #[arg(long, conflicts_with = "paths")]
    #[serde(default)]
    pub all: bool,
    /// Files that changed, as pre-commit passes them: check each project whose `.planning/`
    /// holds one (`apps/web/.planning/STATE.md` checks `apps/web`, and
    /// `.planning/workstreams/api/STATE.md` the workstream `api`), instead of the project
    /// found from the current folder.
    #[arg(value_name = "PATH")]
    #[serde(default)]
    pub paths: Vec<PathBuf>,
}

/// The help heading of `gsd check`'s rule selection options.
const SELECT: &str = "Rule selection (also in gsd.toml's [check] table)";

/// The help heading of `gsd check`'s baseline options.
const BASELINE: &str = "Baseline";

/// `--write-baseline` as a tool argument: JSON has no "flag given without its value", so
/// `true` stands for the default path and a string for a path of its own.
#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
enum WriteBaseline {
    /// `true`: write the default baseline; `false`: write none.
    Default(bool),
    /// Write the baseline to this file.
    Path(PathBuf),
}

fn write_baseline<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<PathBuf>>, D::Error> {
    Ok(match Option::<WriteBaseline>::deserialize(d)? {
        None | Some(WriteBaseline::Default(false)) => None,
        Some(WriteBaseline::Default(true)) => Some(None),
        Some(WriteBaseline::Path(p)) => Some(Some(p)),
    })
}

/// `gsd check --format`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CheckFormat {
    /// For people: each problem with its lines and a fix hint.
    #[default]
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

// `rule`.
#[derive(Debug, Clone, Args, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleArgs {
    /// A rule code (GSD101) or name (progress-bar-mismatch); omit to list all rules.
    #[arg(value_parser = crate::cli_values::RuleCodes, hide_possible_values = true)]
    pub code: Option<String>,
}

// `mcp`.
#[derive(Debug, Clone, Args)]
pub struct McpArgs {
    /// The project folder (or any folder inside it) every tool works on; default: the first
    /// of the client's roots that holds `.planning/`, else -C or the current folder.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

// `man`.
#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// Also write one page per command (`gsd-state-complete.1`) and gsd.1 into DIR.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}
