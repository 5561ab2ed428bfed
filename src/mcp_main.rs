//! `gsd-mcp`: the MCP server binary that `gsd mcp` hands over to ([`gsd::mcp_launch`] says
//! why it is a binary of its own). It takes the same command line as `gsd mcp`.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use gsd::cli::{Cli, Command};

fn main() -> ExitCode {
    // Run directly, `gsd-mcp ARGS` means `gsd mcp ARGS`; handed over by gsd, the arguments
    // already hold `mcp`.
    let mut args: Vec<_> = std::env::args_os().collect();
    if !args.iter().skip(1).any(|a| a == "mcp") {
        args.insert(1, "mcp".into());
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let Command::Mcp(args) = &cli.command else {
        let _ = writeln!(std::io::stderr(), "gsd-mcp: error: only serves `gsd mcp`");
        return ExitCode::from(2);
    };
    let ctx = gsd::app::Context::new(cli.global.clone());
    match gsd::mcp::serve(&ctx, args) {
        Ok(_) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "gsd: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
