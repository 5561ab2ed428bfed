//! End-to-end command benchmarks: each edit command, `state show --json` and `check`, run
//! through `gsd::app::run` exactly as the binary runs them (argument parsing, workspace
//! lookup, lock, one read, one parse, edit, one atomic write with fsync), on every fixture
//! and on the same file grown to 1 MB and 10 MB (100 MB with `GSD_BENCH_HUGE=1`).
//!
//! STATE.md is rewritten before every iteration, outside the timing, so each run does the
//! same work. Run: `cargo bench --bench commands` (add `-- decide` to filter).

use clap::Parser;
use divan::Bencher;
use gsd::cli::Cli;

mod support;
use support::{BenchProject, Case, UNIQUE_BLOCKER, cases, plan_and_phase, text};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    // SAFETY: set before divan starts any thread.
    unsafe {
        std::env::set_var("GSD_NOW", "2026-02-01T10:00:00Z");
        std::env::set_var("NO_COLOR", "1");
    }
    divan::main();
}

/// Runs `gsd -C <project> -q <args>` on a fresh copy of the case's STATE.md per iteration.
fn run_command(bencher: Bencher, case: Case, args: &[&str]) {
    let input = text(case);
    let project = BenchProject::new(None);
    let root = project.dir.path().to_str().unwrap().to_owned();
    let mut argv = vec!["gsd", "-C", &root, "-q"];
    argv.extend_from_slice(args);
    bencher
        .counter(divan::counter::BytesCount::new(input.len()))
        .with_inputs(|| {
            project.reset(input);
            Cli::try_parse_from(&argv).expect("arguments")
        })
        .bench_local_values(|cli| {
            let mut out = gsd::app::run(cli).expect("command failed");
            assert!(out.code <= 1, "{}", out.stderr);
            out.write_stdout(&mut std::io::sink()).expect("output");
            out
        });
}

#[divan::bench(args = cases(), sample_count = 10, sample_size = 1)]
fn show_json(bencher: Bencher, case: Case) {
    run_command(bencher, case, &["state", "show", "--json"]);
}

#[divan::bench(args = cases(), sample_count = 10, sample_size = 1)]
fn check(bencher: Bencher, case: Case) {
    run_command(bencher, case, &["check", "--exit-zero"]);
}

#[divan::bench(args = cases(), sample_count = 10, sample_size = 1)]
fn complete(bencher: Bencher, case: Case) {
    let (plan, _) = plan_and_phase(case.fixture);
    run_command(
        bencher,
        case,
        &["state", "complete", plan, "--duration", "12min"],
    );
}

#[divan::bench(args = cases(), sample_count = 10, sample_size = 1)]
fn begin(bencher: Bencher, case: Case) {
    let (_, phase) = plan_and_phase(case.fixture);
    run_command(bencher, case, &["state", "begin", phase, "--plans", "3"]);
}

#[divan::bench(args = cases(), sample_count = 10, sample_size = 1)]
fn decide(bencher: Bencher, case: Case) {
    run_command(bencher, case, &["state", "decide", "Use cursor pagination"]);
}

#[divan::bench(args = cases(), sample_count = 10, sample_size = 1)]
fn block(bencher: Bencher, case: Case) {
    run_command(bencher, case, &["state", "block", "Waiting on API keys"]);
}

#[divan::bench(args = cases(), sample_count = 10, sample_size = 1)]
fn unblock(bencher: Bencher, case: Case) {
    run_command(bencher, case, &["state", "unblock", UNIQUE_BLOCKER]);
}

#[divan::bench(args = cases(), sample_count = 10, sample_size = 1)]
fn todo(bencher: Bencher, case: Case) {
    run_command(
        bencher,
        case,
        &["state", "todo", "Write the migration guide"],
    );
}

#[divan::bench(args = cases(), sample_count = 10, sample_size = 1)]
fn session(bencher: Bencher, case: Case) {
    run_command(
        bencher,
        case,
        &["state", "session", "--stopped-at", "Benchmarking"],
    );
}

#[divan::bench(args = cases(), sample_count = 10, sample_size = 1)]
fn set(bencher: Bencher, case: Case) {
    run_command(bencher, case, &["state", "set", "status", "In progress"]);
}
