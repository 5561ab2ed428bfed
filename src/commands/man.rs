//! `gsd man`: the manual page, generated from the same clap definitions as `--help`, so it
//! cannot fall behind the commands.
//!
//! `clap_mangen` renders one command per page, and its page for `gsd` only lists the
//! subcommands by name. A user who types `man gsd` expects every command there, so gsd.1 is
//! the top page followed by one section per command (its synopsis, description, options and
//! examples), the way git's or cargo's single pages read. `--dir` also writes clap_mangen's
//! page per command (`gsd-state-complete.1`) for `man gsd-state-complete`.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use clap_mangen::Man;

use crate::cli::Cli;
use crate::commands::Output;
use crate::error::UserError;

/// Prints gsd.1, or writes it and the per-command pages into `dir`.
pub fn run(dir: Option<&Path>) -> anyhow::Result<Output> {
    let page = page()?;
    let Some(dir) = dir else {
        return Ok(Output::ok(String::from_utf8_lossy(&page).into_owned()));
    };
    let cant = |e: std::io::Error| {
        UserError::new(format!("cannot write the manual pages: {e}"))
            .in_file(dir)
            .hint("pass --dir a folder you can write to, e.g. ~/.local/share/man/man1")
    };
    std::fs::create_dir_all(dir).map_err(cant)?;
    clap_mangen::generate_to(built(), dir).map_err(cant)?;
    // clap_mangen's own gsd.1 lists the commands by name only; the full page replaces it.
    std::fs::write(dir.join("gsd.1"), &page).map_err(cant)?;
    Ok(Output::ok(format!(
        "{}: gsd.1 and one page per command\n",
        dir.display()
    )))
}

/// The clap command tree, built so each subcommand knows its full name (`gsd state
/// complete`) and has the global options propagated.
fn built() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// gsd.1: the top page, then a section per command.
pub fn page() -> std::io::Result<Vec<u8>> {
    let cmd = built();
    let mut out = Vec::new();
    Man::new(cmd.clone()).render(&mut out)?;
    let mut commands = Vec::new();
    for sub in cmd.get_subcommands() {
        leaves(sub, &mut commands);
    }
    let globals: Vec<_> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().clone())
        .collect();
    writeln!(out, ".SH \"COMMANDS IN DETAIL\"")?;
    writeln!(
        out,
        "Each command also takes the global options above (-C, --dry-run, --json, --color, -q)."
    )?;
    for sub in commands {
        // The global options are described once, above; repeating them under each of the
        // thirty-odd commands would bury each command's own options.
        let mut sub = sub.clone();
        for id in &globals {
            sub = sub.mut_arg(id, |a| a.hide(true));
        }
        let name = sub
            .get_bin_name()
            .map_or_else(|| sub.get_name().to_string(), str::to_string);
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        let man = Man::new(sub.clone());
        let mut section = Vec::new();
        man.render_synopsis_section(&mut section)?;
        man.render_description_section(&mut section)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut section)?;
        }
        if sub.get_after_help().is_some() {
            man.render_extra_section(&mut section)?;
        }
        out.extend(subsections(&section));
    }
    Ok(out)
}

/// The commands that do something (`state complete`, `next`), depth first, leaving out the
/// groups (`state`) whose own page says only which commands they hold.
fn leaves<'a>(cmd: &'a clap::Command, out: &mut Vec<&'a clap::Command>) {
    if cmd.has_subcommands() {
        for sub in cmd.get_subcommands() {
            leaves(sub, out);
        }
    } else {
        out.push(cmd);
    }
}

/// Demotes a rendered page's sections (`.SH OPTIONS`) to subsections of the command's own
/// section, and names the examples section for what it holds.
fn subsections(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        match line.strip_prefix(".SH ") {
            Some("EXTRA") => out.push_str(".SS EXAMPLES"),
            Some(rest) => {
                out.push_str(".SS ");
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out.into_bytes()
}
