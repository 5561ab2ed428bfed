//! What every command is given (how it was called: [`Context`]) and what it gives back (what
//! to print and the exit code: [`Output`]). Owned here rather than by `app` so the commands
//! depend on nothing above them; `app` only dispatches.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cli::{ColorChoice, GlobalArgs};
use crate::error::UserError;
use crate::io::load::find_root;
use crate::model::workstream;

/// What a command produced.
#[derive(Debug, Default)]
pub struct Output {
    pub stdout: String,
    /// More standard output, written after `stdout` straight to the stream `main` gives it.
    pub stream: Option<Stream>,
    pub stderr: String,
    /// 0 success, 1 check found problems, 2 could not do the job.
    pub code: u8,
}

/// Output produced while it is written, for results too large to hold as one string:
/// `state show --json` of a 10 MB STATE.md prints about 20 MB of JSON, which as a `String`
/// would double the command's peak memory.
pub struct Stream(Box<WriteFn>);

/// What a [`Stream`] runs: writes its output to the writer it is given.
type WriteFn = dyn FnOnce(&mut dyn Write) -> std::io::Result<()>;

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stream(..)")
    }
}

impl Output {
    pub fn ok(stdout: String) -> Output {
        Output {
            stdout,
            ..Output::default()
        }
    }

    /// Success whose standard output `write` produces when `main` prints it.
    pub fn streamed(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()> + 'static) -> Output {
        Output {
            stream: Some(Stream(Box::new(write))),
            ..Output::default()
        }
    }

    /// Writes the standard output (text, then the stream) to `w`.
    pub fn write_stdout(&mut self, w: &mut dyn Write) -> std::io::Result<()> {
        w.write_all(self.stdout.as_bytes())?;
        if let Some(Stream(write)) = self.stream.take() {
            write(w)?;
        }
        Ok(())
    }
}

/// Everything a command needs to know about how it was called.
#[derive(Debug, Clone)]
pub struct Context {
    pub global: GlobalArgs,
    /// Whether to colour human output.
    pub color: bool,
}

impl Context {
    pub fn new(global: GlobalArgs) -> Context {
        let color = match global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        Context { global, color }
    }

    /// The folder holding `.planning/`, from `-C` or by walking up from the current folder.
    pub fn root(&self) -> Result<PathBuf, UserError> {
        let start = match &self.global.cwd {
            Some(dir) => {
                if !dir.is_dir() {
                    let what = if dir.exists() {
                        "is not a directory"
                    } else {
                        "does not exist"
                    };
                    return Err(
                        UserError::new(format!("-C {}: {what}", dir.display())).hint(
                            "pass -C the folder that holds .planning/ (or any folder inside it)",
                        ),
                    );
                }
                dir.clone()
            }
            None => std::env::current_dir()
                .map_err(|e| UserError::new(format!("cannot read the current folder: {e}")))?,
        };
        find_root(&start)
    }
}

impl Context {
    /// The workstream this run asked for: `--ws`, else `GSD_WORKSTREAM` (unset or blank:
    /// none), with where it came from.
    pub fn requested_workstream(&self) -> Option<(String, crate::io::workstreams::Source)> {
        match &self.global.ws {
            Some(name) => Some((name.clone(), crate::io::workstreams::Source::Flag)),
            None => std::env::var("GSD_WORKSTREAM")
                .ok()
                .filter(|v| !v.trim().is_empty())
                .map(|v| (v, crate::io::workstreams::Source::Env)),
        }
    }

    /// Chooses the workstream of the project at `root` ([`crate::io::workstreams::resolve`]) and works
    /// on it until the guard drops.
    pub fn enter_workstream(&self, root: &Path) -> Result<workstream::Entered, UserError> {
        let requested = self.requested_workstream();
        let planning = crate::model::workspace::Workspace::shared_dir(root);
        let chosen = crate::io::workstreams::resolve(
            &planning,
            requested.as_ref().map(|(n, s)| (n.as_str(), *s)),
        )?;
        Ok(workstream::enter(chosen))
    }
}
