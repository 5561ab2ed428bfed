//! Help and names (issue 13, item 10): `get` and `set` take the same field names, a misspelt
//! one gets the nearest, list indexes past the end say how many there are, every option and
//! value is described, global options sit apart in every subcommand's help, and completions
//! offer field names and rule codes.

use clap::CommandFactory;
use gsd::model::state::fields;

use crate::support::{Project, gsd, run};

const STATE: &str = "---
milestone: v2.0
---
# Project State

## Current Position

Phase: 1 of 2 (Setup)
Plan: 1 of 2
Status: In progress

## Performance Metrics

- Average duration: 6 min
- Total execution time: 0.5 hours

## Accumulated Context

### Decisions

- Use SQLite
- Ship weekly
";

fn project() -> Project {
    let p = Project::empty();
    p.write("STATE.md", STATE);
    p
}

#[test]
fn get_help_lists_every_field_with_what_it_is() {
    let (code, out, _) = run(gsd().args(["state", "get", "--help"]));
    assert_eq!(code, 0);
    for f in fields::FIELDS {
        assert!(
            out.contains(&format!("- {}:", f.name)),
            "{} missing:\n{out}",
            f.name
        );
    }
    let (_, short, _) = run(gsd().args(["state", "get", "-h"]));
    assert!(
        short.contains("core_value, current_focus, project_updated"),
        "{short}"
    );
    let (_, set, _) = run(gsd().args(["state", "set", "--help"]));
    assert!(
        set.contains("- average_duration:") && set.contains("average_minutes"),
        "{set}"
    );
}

#[test]
fn get_and_set_accept_the_same_names_and_aliases() {
    let p = project();
    for name in fields::all_names() {
        let (code, _, err) = run(p.gsd().args(["state", "get", name]));
        assert_eq!(code, 0, "get {name}: {err}");
        let (_, _, err) = run(p.gsd().args(["--dry-run", "state", "set", name, "1"]));
        assert!(!err.contains("unknown field"), "set {name}: {err}");
    }
    // The pairs the issue names read the same value.
    for (a, b) in [
        ("average_minutes", "average_duration"),
        ("total_hours", "total_time"),
    ] {
        let (_, x, _) = run(p.gsd().args(["state", "get", a]));
        let (_, y, _) = run(p.gsd().args(["state", "get", b]));
        assert_eq!(x, y, "{a} / {b}");
    }
    let (_, out, _) = run(p.gsd().args(["state", "get", "average_minutes"]));
    assert_eq!(out, "6\n");
}

#[test]
fn misspelt_names_get_the_nearest_one() {
    let p = project();
    for (cmd, typo, near) in [
        (&["state", "get"][..], "stauts", "status"),
        (&["state", "get"], "avrage_duration", "average_duration"),
        (&["state", "set"], "stoped_at", "stopped_at"),
        (&["state", "get"], "positon", "position"),
    ] {
        let mut args = cmd.to_vec();
        args.push(typo);
        if cmd[1] == "set" {
            args.push("x");
        }
        let (code, _, err) = run(p.gsd().args(&args));
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains(&format!("did you mean `{near}`?")),
            "{args:?}: {err}"
        );
    }
    let (_, _, err) = run(p.gsd().args(["state", "get", "position.stauts"]));
    assert!(err.contains("did you mean `position.status`?"), "{err}");
}

#[test]
fn an_index_past_the_end_says_how_many_there_are() {
    let p = project();
    let (code, _, err) = run(p.gsd().args(["state", "get", "decisions.999"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("no `decisions.999`: `decisions` has 2 entries: decisions.0 to decisions.1"),
        "{err}"
    );
    let (_, _, err) = run(p.gsd().args(["state", "get", "todos.0"]));
    assert!(err.contains("`todos` is empty"), "{err}");
    let (_, out, _) = run(p.gsd().args(["state", "get", "decisions.1.text"]));
    assert_eq!(out, "Ship weekly\n");
}

#[test]
fn milestone_reads_the_frontmatter_when_the_body_has_none() {
    let p = project();
    let (code, out, _) = run(p.gsd().args(["state", "get", "milestone"]));
    assert_eq!((code, out.as_str()), (0, "v2.0\n"));
    p.write(
        "STATE.md",
        &STATE.replace("Phase: 1", "Milestone: v2.1\nPhase: 1"),
    );
    let (_, out, _) = run(p.gsd().args(["state", "get", "milestone"]));
    assert_eq!(out, "v2.1\n", "the body's line comes first");
}

/// Every command's help, by its path of subcommand names.
fn every_command() -> Vec<(String, clap::Command)> {
    fn walk(prefix: &str, cmd: &clap::Command, out: &mut Vec<(String, clap::Command)>) {
        for sub in cmd.get_subcommands() {
            let path = format!("{prefix} {}", sub.get_name()).trim().to_string();
            out.push((path.clone(), sub.clone()));
            walk(&path, sub, out);
        }
    }
    let mut out = Vec::new();
    let mut root = gsd::cli::Cli::command();
    root.build();
    walk("", &root, &mut out);
    out.push((String::new(), root));
    out
}

#[test]
fn every_option_and_value_is_described() {
    for (path, cmd) in every_command() {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if matches!(id, "help" | "version") {
                continue;
            }
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            assert!(!help.trim().is_empty(), "`gsd {path}`: `{id}` has no help");
            // clap_complete's own `Shell` values carry no help; the names say it all.
            if id == "shell" {
                continue;
            }
            for v in arg.get_possible_values() {
                assert!(
                    v.get_help()
                        .is_some_and(|h| !h.to_string().trim().is_empty()),
                    "`gsd {path}`: value `{}` of `{id}` has no help",
                    v.get_name()
                );
            }
        }
    }
}

#[test]
fn global_options_are_grouped_apart_in_every_help() {
    for (path, _) in every_command() {
        if path.ends_with("help") || path.contains("help ") {
            continue;
        }
        let mut args: Vec<&str> = path.split_whitespace().collect();
        args.push("--help");
        let (code, out, err) = run(gsd().args(&args));
        assert_eq!(code, 0, "{args:?}: {err}");
        let (own, global) = out
            .split_once("Global options:")
            .unwrap_or_else(|| panic!("`gsd {path} --help` has no Global options group:\n{out}"));
        assert!(
            global.contains("--cwd") && global.contains("--dry-run"),
            "{out}"
        );
        assert!(
            !own.contains("--cwd <DIR>"),
            "`gsd {path}` mixes --cwd in:\n{out}"
        );
    }
}

#[test]
fn completions_offer_field_names_and_rule_codes() {
    for shell in ["bash", "zsh"] {
        let (code, out, _) = run(gsd().args(["completions", shell]));
        assert_eq!(code, 0);
        for word in ["core_value", "average_duration", "GSD101", "GSD501"] {
            assert!(out.contains(word), "{shell} completions lack {word}");
        }
    }
    // A rule name still works where the code is expected.
    let (code, out, _) = run(gsd().args(["rule", "progress-bar-mismatch"]));
    assert_eq!(code, 0, "{out}");
}
