//! `gsd mcp`: the commands as Model Context Protocol tools, served over stdio with the
//! official Rust SDK (`rmcp`), for coding agents that call tools rather than run commands.
//!
//! - [`tools`]: one tool per command, its schema from the command's argument type.
//! - [`call`]: a call run as the command line it stands for, through [`crate::app::run`].
//! - [`server`]: the MCP handler and which project a call works in.
//!
//! The async runtime is built here and only here, so every other command starts as fast as
//! it did before the server existed.

pub mod call;
pub mod server;
pub mod tools;

use std::io::{IsTerminal, Write};

use rmcp::ServiceExt;

use crate::cli::McpArgs;
use crate::commands::{Context, Output};
use crate::error::UserError;

/// Serves until the client closes the connection.
pub fn serve(ctx: &Context, args: &McpArgs) -> anyhow::Result<Output> {
    if let Some(root) = &args.root
        && !root.is_dir()
    {
        return Err(
            UserError::new(format!("--root {}: not a folder", root.display()))
                .hint("pass --root the folder that holds .planning/ (or any folder inside it)")
                .into(),
        );
    }
    let server = server::GsdServer {
        root: args.root.clone(),
        fallback: ctx.global.cwd.clone(),
    };
    if std::io::stdin().is_terminal() {
        // A person who typed `gsd mcp` would otherwise see nothing happen.
        let _ = writeln!(
            std::io::stderr(),
            "gsd mcp: serving {} tools over stdio for an MCP client (Ctrl-D to stop); \
             register it with `claude mcp add gsd -- gsd mcp`",
            tools::all().len()
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let running = server
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|e| anyhow::anyhow!("MCP session did not start: {e}"))?;
        running
            .waiting()
            .await
            .map_err(|e| anyhow::anyhow!("MCP session ended with an error: {e}"))?;
        anyhow::Ok(())
    })?;
    Ok(Output::default())
}
