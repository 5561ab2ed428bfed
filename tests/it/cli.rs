//! The command line itself: `state get`, `completions`, `--help` on every command, `-C`.

use clap::CommandFactory;

use crate::support::{Project, fixtures_dir, gsd, run};

fn demo() -> Project {
    Project::copy_of(&fixtures_dir().join("../examples/demo"))
}

#[test]
fn state_get_prints_raw_values() {
    let p = demo();
    for (field, want) in [
        ("status", "In progress\n"),
        ("phase", "2\n"),
        ("phase_total", "5\n"),
        ("phase_name", "API Pagination & Filtering\n"),
        ("plan", "1\n"),
        ("plan_total", "2\n"),
        ("percent", "30\n"),
        ("position.plan", "1\n"),
        ("last-activity-date", "2026-01-26\n"),
        (
            "resume_file",
            ".planning/phases/02-api-pagination/02-02-PLAN.md\n",
        ),
    ] {
        let (code, out, err) = run(p.gsd().args(["state", "get", field]));
        assert_eq!((code, out.as_str(), err.as_str()), (0, want, ""), "{field}");
    }
}

#[test]
fn state_get_absent_value_is_empty_with_a_note() {
    let p = demo();
    let (code, out, err) = run(p.gsd().args(["state", "get", "milestone"]));
    assert_eq!((code, out.as_str()), (0, ""));
    assert!(err.contains("no value for `milestone`"), "{err}");
    let (code, _, err) = run(p.gsd().args(["-q", "state", "get", "milestone"]));
    assert_eq!((code, err.as_str()), (0, ""));
}

#[test]
fn state_get_unknown_field_lists_the_fields() {
    let p = demo();
    let (code, out, err) = run(p.gsd().args(["state", "get", "velocity"]));
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.starts_with("gsd: error: unknown field `velocity`"),
        "{err}"
    );
    for name in ["status", "phase", "plan_total", "progress", "stopped_at"] {
        assert!(err.contains(name), "{name} missing from {err}");
    }
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef gsd"),
        ("fish", "complete -c gsd"),
    ] {
        let (code, out, err) = run(gsd().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(out.contains("state"), "{shell}: subcommands missing");
    }
    let (code, _, err) = run(gsd().args(["completions", "tcsh"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("invalid value 'tcsh'"), "{err}");
}

/// Every command and subcommand has `--help` with an `Examples:` block.
#[test]
fn every_command_has_help_with_examples() {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in cmd.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let mut paths = Vec::new();
    walk(&gsd::cli::Cli::command(), Vec::new(), &mut paths);
    assert!(paths.len() >= 10, "{paths:?}");
    for path in paths {
        let (code, out, err) = run(gsd().args(&path).arg("--help"));
        assert_eq!(code, 0, "{path:?}: {err}");
        assert!(
            out.contains("Examples:"),
            "gsd {} --help has no examples",
            path.join(" ")
        );
    }
}

#[test]
fn usage_errors_exit_2_and_version_exits_0() {
    let (code, _, err) = run(gsd().args(["state", "frobnicate"]));
    assert_eq!(code, 2);
    assert!(err.contains("unrecognized subcommand"), "{err}");
    let (code, out, _) = run(gsd().arg("--version"));
    assert_eq!(code, 0);
    assert!(out.starts_with("gsd "), "{out}");
    let (code, _, _) = run(&mut gsd());
    assert_eq!(code, 2, "no subcommand is a usage error");
}

#[test]
fn short_and_long_cwd_agree() {
    let p = demo();
    let short = run(gsd()
        .arg("-C")
        .arg(p.root())
        .args(["state", "show", "--json"]));
    let long = run(gsd()
        .arg(format!("--cwd={}", p.root().display()))
        .args(["state", "show", "--json"]));
    assert_eq!(short.0, 0);
    assert_eq!(short, long);
}

/// The README shows real output: every command in a `console` block that runs on the demo
/// (`$ gsd -C examples/demo …`) prints exactly the lines shown under it, up to the next `$ `
/// line (stdout, then stderr, as a terminal shows them). A `| jq -c .a.b` after the command
/// is done in the test. If this fails after a deliberate output change, paste the new output
/// into README.md.
#[test]
fn readme_examples_are_real_output() {
    let readme = std::fs::read_to_string(fixtures_dir().join("../README.md")).unwrap();
    let examples = readme_demo_examples(&readme);
    assert!(examples.len() >= 8, "found only {examples:?}");
    let p = demo();
    let mut failures = String::new();
    for (line, command, shown) in &examples {
        let (pipeline, jq) = match command.split_once(" | ") {
            Some((cmd, filter)) => (cmd, Some(filter)),
            None => (command.as_str(), None),
        };
        let words = shell_words(pipeline);
        let args = &words[3..]; // after `gsd -C examples/demo`
        let (_, out, err) = run(gsd()
            .env("GSD_NOW", "2026-01-27T09:30:00Z")
            .arg("-C")
            .arg(p.root())
            .args(args));
        let printed = match jq {
            Some(filter) => jq_like(&out, filter),
            None => format!("{out}{err}"),
        };
        if printed != *shown {
            failures.push_str(&format!(
                "README.md:{line}: `{command}` prints\n{printed}\nbut the README shows\n{shown}\n"
            ));
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

/// Each `$ gsd -C examples/demo …` line of a `console` block: its line number, the command
/// (after `$ `) and the output shown under it.
fn readme_demo_examples(readme: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut in_console = false;
    let mut current: Option<(usize, String, String)> = None;
    for (i, line) in readme.lines().enumerate() {
        if !in_console {
            in_console = line.trim_end() == "```console";
            continue;
        }
        let ends = line.trim_end() == "```";
        if ends || line.starts_with("$ ") {
            out.extend(current.take());
        }
        if ends {
            in_console = false;
        } else if let Some(cmd) = line.strip_prefix("$ ") {
            if cmd.starts_with("gsd -C examples/demo ") {
                current = Some((i + 1, cmd.to_string(), String::new()));
            }
        } else if let Some((_, _, shown)) = current.as_mut() {
            shown.push_str(line);
            shown.push('\n');
        }
    }
    out
}

/// A command line split into words the way a shell would for these examples: spaces
/// separate, single and double quotes group.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (None, ' ') => {
                if any || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            (None, c) => word.push(c),
        }
    }
    if any || !word.is_empty() {
        words.push(word);
    }
    words
}

/// The README's `jq` filters, done on the JSON: `jq -c .a.b` (compact), `jq -r .a`
/// (a string raw), `jq .a` (pretty).
fn jq_like(json: &str, filter: &str) -> String {
    let words = shell_words(filter);
    assert_eq!(words.first().map(String::as_str), Some("jq"), "{filter}");
    let path = words.last().unwrap();
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut v = &value;
    for part in path
        .trim_start_matches('.')
        .split('.')
        .filter(|p| !p.is_empty())
    {
        v = &v[part];
    }
    let flags: Vec<&str> = words[1..words.len() - 1]
        .iter()
        .map(String::as_str)
        .collect();
    match (flags.as_slice(), v) {
        (["-r"], serde_json::Value::String(s)) => format!("{s}\n"),
        (["-c"], v) => format!("{v}\n"),
        ([], v) => format!("{}\n", serde_json::to_string_pretty(v).unwrap()),
        _ => panic!("unsupported jq filter in README: {filter}"),
    }
}
