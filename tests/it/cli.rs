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

/// The README shows real output: each of these commands, run on the demo, prints exactly
/// what the README says it prints. If this fails after a deliberate output change, paste the
/// new output into README.md.
#[test]
fn readme_examples_are_real_output() {
    let readme = std::fs::read_to_string(fixtures_dir().join("../README.md")).unwrap();
    let demo = fixtures_dir().join("../examples/demo");
    for args in [
        &["state", "show"][..],
        &["state", "get", "status"],
        &["state", "get", "position.plan_total"],
        &["check"],
        &["next"],
    ] {
        let (code, out, _) = run(gsd().arg("-C").arg(&demo).args(args));
        assert_eq!(code, 0, "{args:?}");
        let shown = format!("$ gsd -C examples/demo {}\n{out}", args.join(" "));
        assert!(readme.contains(&shown), "README.md does not show:\n{shown}");
    }
    let (code, out, _) = run(gsd()
        .arg("-C")
        .arg(&demo)
        .args(["state", "get", "velocity"]));
    assert_eq!(code, 2, "{out}");
}
