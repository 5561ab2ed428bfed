//! gsd: a fast, round-trip-safe reader and editor for Get Shit Done `.planning/` files.
//!
//! Layers, each depending only on those above it (docs/ARCHITECTURE.md; `tests/it/
//! architecture.rs` fails on any cycle):
//! - [`source`]: the file's exact bytes, BOM, line endings, line index.
//! - [`syntax`]: frontmatter, Markdown blocks (pulldown-cmark), typed lines, sections.
//! - [`model`]: STATE.md, PROJECT.md, ROADMAP.md and `phases/` as typed values with spans
//!   (what one file says), and the shared vocabularies (ids, phase references, status words).
//!   The model never reads the disk: io lists `phases/` and looks up what the text names
//!   on disk, and the model is handed the result.
//! - [`ledger`]: what the files together say: which plans exist and are done, counts per
//!   phase, milestone and project, the current and next phase. The only place such a fact is
//!   derived; [`ops`], [`check`] and [`render`] ask it (docs/LEDGER.md).
//! - [`edit`]: byte-range edits; the only producer of output bytes.
//! - [`change`]: what a command wants done to the files (per-file edits, moves), as data.
//! - [`ops`]: one module per changing command, pure: workspace in, edits out.
//! - [`check`]: the consistency rules.
//! - [`render`]: every output format, one renderer each.
//! - [`io`], [`transaction`], [`clock`]: the only modules that read or write files or read the
//!   clock ([`io::load`] reads a project into a workspace, [`io::phases_scan`] walks
//!   `phases/`, [`io::facts`] captures the disk facts check rules ask).
//! - [`commands`]: one module per command family (lock, load, run, commit, render);
//!   [`app`] only dispatches.
//! - [`cli`], [`cli_args`]: the command line; each command's argument type is also its MCP
//!   tool's input (serde) and JSON Schema (schemars).
//! - [`mcp`]: `gsd mcp`, the commands as Model Context Protocol tools over stdio; it runs a
//!   call as the command line it stands for, and holds the only async runtime. It runs in
//!   the `gsd-mcp` binary, which `gsd mcp` hands over to ([`mcp_launch`]), so the CLI's
//!   start-up does not carry it.
//!
//! The invariant everything rests on: parsing a file and writing it back with no edit gives
//! the same bytes, for any UTF-8 input, and for any other text input too: bytes that are not
//! UTF-8 are read as stand-ins and written back as they were ([`source::decode`]).

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod change;
pub mod check;
pub mod cli;
pub mod cli_args;
pub mod cli_values;
pub mod clock;
pub mod commands;
pub mod edit;
pub mod error;
pub mod io;
pub mod ledger;
pub mod mcp;
pub mod mcp_launch;
pub mod model;
pub mod ops;
pub mod render;
pub mod source;
pub mod syntax;
pub mod transaction;
