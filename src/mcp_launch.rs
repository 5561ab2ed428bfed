//! `gsd mcp` hands over to the `gsd-mcp` binary installed beside `gsd`.
//!
//! The server needs an async runtime, the MCP SDK and JSON Schema generation: 3 MB of code
//! and 2 600 load-time relocations that every other command would pay for at start-up
//! (measured: +8 % page faults and about +10 % time on `state show --json`) if they lived in
//! `gsd` itself. In their own binary they cost the CLI nothing, and `gsd mcp` still works as
//! the one command users register. This module must not name anything in [`crate::mcp`].

use std::ffi::OsString;
use std::path::PathBuf;

use crate::commands::Output;
use crate::error::UserError;

/// The server binary's file name.
pub const SERVER: &str = if cfg!(windows) {
    "gsd-mcp.exe"
} else {
    "gsd-mcp"
};

/// Runs `gsd-mcp` with this process's arguments (so it parses `-C`, `--root` and the rest
/// itself), in place of this process where the platform allows.
pub fn run() -> anyhow::Result<Output> {
    let server = server_path()?;
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let mut cmd = std::process::Command::new(&server);
    cmd.args(&args);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // exec only returns on failure.
        let err = cmd.exec();
        Err(cannot_start(&server, &err).into())
    }
    #[cfg(not(unix))]
    {
        let status = cmd.status().map_err(|e| cannot_start(&server, &e))?;
        Ok(Output {
            code: status.code().unwrap_or(2).clamp(0, 255) as u8,
            ..Output::default()
        })
    }
}

/// `gsd-mcp` beside the running `gsd`, else the first on `PATH`.
fn server_path() -> Result<PathBuf, UserError> {
    if let Some(beside) = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.canonicalize().ok()?.with_file_name(SERVER)))
        .filter(|p| p.is_file())
    {
        return Ok(beside);
    }
    if let Some(on_path) = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(SERVER))
            .find(|p| p.is_file())
    }) {
        return Ok(on_path);
    }
    Err(
        UserError::new(format!("the MCP server binary {SERVER} is not installed")).hint(
            "it is installed beside gsd by `cargo install --locked --path .` and by the npm \
                 package; from a checkout, `cargo build --bins` builds it",
        ),
    )
}

fn cannot_start(server: &std::path::Path, err: &std::io::Error) -> UserError {
    UserError::new(format!("cannot start {}: {err}", server.display()))
        .hint("reinstall gsd, which installs gsd-mcp beside it")
}
