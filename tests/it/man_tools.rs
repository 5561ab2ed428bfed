//! What is generated from the clap definitions stays whole as commands are added: every
//! command has an MCP tool whose properties are the command's arguments, every command is in
//! the manual page (rendered by `man` itself when it is installed) and in the completions.

use std::collections::BTreeSet;

use clap::CommandFactory;
use gsd::cli::Cli;
use gsd::mcp::tools;

use crate::support::{gsd, run};

/// Every command that does something, as its words (`["state", "complete"]`).
fn leaf_commands() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<(Vec<String>, clap::Command)>) {
        if cmd.has_subcommands() {
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                let mut p = path.clone();
                p.push(sub.get_name().to_string());
                walk(sub, p, out);
            }
        } else {
            out.push((path, cmd.clone()));
        }
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, Vec::new(), &mut out);
    out
}

#[test]
fn every_command_has_a_tool_with_its_arguments() {
    let specs = tools::all();
    let mut seen = BTreeSet::new();
    for (path, cmd) in leaf_commands() {
        if tools::NOT_TOOLS.contains(&path[0].as_str()) {
            continue;
        }
        let name = path.join("_").replace('-', "_");
        let spec =
            tools::find(&name).unwrap_or_else(|| panic!("`gsd {}` has no tool", path.join(" ")));
        seen.insert(name.clone());
        let tool = spec.tool();
        let schema = serde_json::Value::Object((*tool.input_schema).clone());
        let props: BTreeSet<String> = schema["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        let mut args: BTreeSet<String> = cmd
            .get_arguments()
            .filter(|a| !a.is_global_set() && a.get_id() != "help")
            .map(|a| a.get_id().to_string())
            .collect();
        if spec.writes {
            args.insert("dry_run".to_string());
        }
        assert_eq!(props, args, "{name}: tool properties vs. command arguments");
        let required: BTreeSet<String> = schema["required"]
            .as_array()
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let clap_required: BTreeSet<String> = cmd
            .get_arguments()
            .filter(|a| a.is_required_set())
            .map(|a| a.get_id().to_string())
            .collect();
        assert_eq!(required, clap_required, "{name}: required arguments");
        let about = cmd.get_about().map(|s| s.to_string()).unwrap_or_default();
        let description = tool.description.as_deref().unwrap_or_default();
        assert!(
            !about.is_empty() && description.starts_with(&about),
            "{name}: description {description:?} is not the command's help {about:?}"
        );
        assert_eq!(
            tool.annotations.as_ref().and_then(|a| a.read_only_hint),
            Some(!spec.writes)
        );
    }
    // And no tool without a command.
    let all: BTreeSet<String> = specs.iter().map(tools::ToolSpec::name).collect();
    assert_eq!(all, seen, "tools without a command");
}

#[test]
fn the_manual_page_covers_every_command() {
    let (code, page, err) = run(gsd().arg("man"));
    assert_eq!(code, 0, "{err}");
    assert!(
        page.contains("\n.TH gsd 1 "),
        "{}",
        &page[..200.min(page.len())]
    );
    for (path, cmd) in leaf_commands() {
        let heading = format!(".SH \"GSD {}\"", path.join(" ").to_uppercase());
        assert!(page.contains(&heading), "no {heading}");
        for arg in cmd.get_arguments().filter(|a| !a.is_global_set()) {
            if let Some(long) = arg.get_long() {
                let roff = format!("\\-\\-{}", long.replace('-', "\\-"));
                assert!(page.contains(&roff), "gsd {}: no --{long}", path.join(" "));
            }
        }
    }
    // `man` itself renders it, when it is installed.
    if std::process::Command::new("man")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("man not installed: rendering not checked");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gsd.1");
    std::fs::write(&file, &page).unwrap();
    let out = std::process::Command::new("man")
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .arg("-l")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for (path, _) in leaf_commands() {
        let heading = format!("GSD {}", path.join(" ").to_uppercase());
        assert!(text.contains(&heading), "rendered page lacks {heading}");
    }
    assert!(text.contains("state complete"), "{text}");
}

#[test]
fn man_dir_writes_a_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let (code, _, err) = run(gsd().args(["man", "--dir"]).arg(&out));
    assert_eq!(code, 0, "{err}");
    for page in ["gsd.1", "gsd-state-complete.1", "gsd-mcp.1", "gsd-check.1"] {
        assert!(out.join(page).is_file(), "no {page}");
    }
    let top = std::fs::read_to_string(out.join("gsd.1")).unwrap();
    assert!(top.contains(".SH \"GSD STATE COMPLETE\""));
}

#[test]
fn completions_offer_the_new_commands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, out, _) = run(gsd().args(["completions", shell]));
        assert_eq!(code, 0);
        for word in ["mcp", "man", "root"] {
            assert!(out.contains(word), "{shell} completions lack {word}");
        }
    }
}
