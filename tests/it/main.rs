//! The one integration-test binary. Modules by purpose:
//! - `support`: the CLI fixture (temp copy of a `.planning/` tree, fixed GSD_NOW, cleared env).
//! - `roundtrip`: byte identity for every fixture, and the property test over generated files.
//! - `state_set`: `state set` refuses bad values, keeps units and line parts, moves mirrors.
//! - `state_show`: `state show` / `state get` snapshots for every fixture.
//! - `proptest_roundtrip`: generated documents: no panic, identity, sane line/column and spans.
//! - `model_state`: the STATE.md model on the tricky shapes, field by field.
//! - `model_roadmap`: the ROADMAP.md model on its variant fixtures, and a property test.
//! - `model_siblings`: PROJECT.md and phases/ models, byte identity of every sibling fixture
//!   and project tree, cross-file agreement of the consistent trees.
//! - `errors`: missing/invalid/unreadable inputs: exit 2, a message with a hint, no write.
//! - `ops_*`: the changing commands: diff snapshots per fixture, regressions, CLI, properties.
//! - `begin_regressions`: `state begin` on real shapes: only the position changes, `of Y`,
//!   the plan counter's convention, the file's status words; never backwards.
//! - `cli`: `state get`, completions, `--help` examples on every command, `-C`.
//! - `help_names`: field names shared by get and set, suggestions, help groups and
//!   descriptions, completions.
//! - `check_leniency`: loose-but-consistent shapes from real projects, each with a wrong twin.
//! - `check_adoption`: rule selection (flags and `gsd.toml`), severities, baselines, `-q`,
//!   file-wide ignore comments.
//! - `check_ci`: GitHub, SARIF (schema-validated, on exit 2 too) and GitLab output of a
//!   project in a subfolder of a git repository; human paths from where gsd runs.
//! - `check_rules`, `check_cli`, `check_proptest`: `gsd check` per rule (fixtures, four
//!   formats, --fix), on seeds and as a CLI, and never panicking on generated documents.
//! - `ledger_consistency`: the counts `gsd check` states and `complete` writes are the
//!   ledger's, on every fixture tree.
//! - `project_cmds`, `project_proptest`: `gsd project show/get/validate/outcome/touch` on
//!   their fixture trees, and the writers' promises over generated PROJECT.md files.
//! - `bad_input`, `crash`, `concurrency`: the bad-input matrix, SIGKILL (single- and
//!   multi-file commands) and 100-writer safety.
//! - `crash_steps`: a fault hook before each step of every multi-file command (moves, files,
//!   deletions): each file old or new in full, nothing lost.
//! - `workstreams`: `--ws`, `GSD_WORKSTREAM`, the active-workstream file, `check --all`.
//! - `leftovers`: temp files killed writers leave, swept by writers, reported and deleted by
//!   `gsd check`; the lock leaves no file.
//! - `encoding`: bytes that are not UTF-8 kept and their lines refused; UTF-16, empty files.
//! - `transcript`: a command's exit code, output and file diffs as one snapshot text.
//! - `small_things`: `--json` dry runs, CRLF diffs that apply, bad durations and timeouts,
//!   separators and rationale joins copied from the file.
//! - `precommit`: the pre-commit hooks: `--locked` builds, monorepo paths, `check PATH...`.
//! - `spec`: tests that read as specs: given a STATE.md (or a fixture tree), running a `state`
//!   command line through the real parser and dispatch, produces this text; used by
//!   `ops_regressions`, `begin_regressions` and `ops_conventions`.
//! - `mcp`, `man_tools`: `gsd mcp` driven by rmcp's client over stdio (a session gives the
//!   CLI's bytes and JSON, tool errors, roots, concurrent writers); every command has a tool,
//!   a manual section and completions.
//! - `metrics_conventions`: the Performance Metrics block in the file's own shape (the trend
//!   list's length).
//! - `blocks_chunks`: the block classifier gives the same line kinds in pieces as in one parse.

mod architecture;
mod bad_input;
mod begin_regressions;
mod blocks_chunks;
mod check_adoption;
mod check_ci;
mod check_cli;
mod check_fixes;
mod check_leniency;
mod check_proptest;
mod check_rules;
mod cli;
mod concurrency;
mod crash;
mod crash_steps;
mod encoding;
mod errors;
mod help_names;
mod ledger_consistency;
mod ledger_regressions;
mod leftovers;
mod man_tools;
mod mcp;
mod metrics_conventions;
mod milestone_lifecycle;
mod model_roadmap;
mod model_siblings;
mod model_state;
mod model_state_context;
mod ops_cli;
mod ops_conventions;
mod ops_proptest;
mod ops_regressions;
mod ops_roadmap;
mod ops_roadmap_proptest;
mod ops_snapshots;
mod ops_support;
mod phase_lifecycle;
mod plan_dependencies;
mod precommit;
mod project_cmds;
mod project_proptest;
mod proptest_roundtrip;
mod roundtrip;
mod small_things;
mod spec;
mod state_set;
mod state_show;
mod status_conventions;
mod support;
mod transcript;
mod workstreams;
