//! In-memory benchmarks of each edit command's work without I/O: parse STATE.md, run the op
//! (the pure function behind the command), apply its edits. This is the part of a command
//! that grows with the file; the end-to-end numbers (`benches/commands.rs`) add the read, the
//! lock and the atomic write with fsync, whose cost depends on the disk.
//!
//! Run: `cargo bench --bench ops` (add `-- 10MB` to filter).

use chrono::DateTime;
use divan::Bencher;
use gsd::error::UserError;
use gsd::model::workspace::Workspace;
use gsd::ops::{Clock, Outcome};

mod support;
use support::{Case, UNIQUE_BLOCKER, cases, plan_and_phase, text};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

fn clock() -> Clock {
    Clock::new(DateTime::parse_from_rfc3339("2026-02-01T10:00:00+00:00").unwrap())
}

fn workspace(state: String) -> Workspace {
    Workspace::in_memory(&state)
}

/// Parse, run `op`, apply every edit set; the input copy is made outside the timing.
fn run_op(bencher: Bencher, case: Case, op: impl Fn(&Workspace) -> Result<Outcome, UserError>) {
    let input = text(case);
    bencher
        .counter(divan::counter::BytesCount::new(input.len()))
        .with_inputs(|| input.to_owned())
        .bench_local_values(|t| {
            let ws = workspace(t);
            let outcome = op(&ws).expect("op failed");
            let changes = outcome.file_changes();
            drop(ws);
            changes
                .iter()
                .map(|c| c.edits.apply(&c.original).unwrap().len())
                .sum::<usize>()
        });
}

#[divan::bench(args = cases(), sample_count = 20, sample_size = 1)]
fn complete(bencher: Bencher, case: Case) {
    let (plan, _) = plan_and_phase(case.fixture);
    run_op(bencher, case, |ws| {
        let args = gsd::ops::complete::Complete {
            plan,
            duration: Some("12min"),
            ..Default::default()
        };
        gsd::ops::complete::complete(ws, &clock(), &args)
    });
}

#[divan::bench(args = cases(), sample_count = 20, sample_size = 1)]
fn begin(bencher: Bencher, case: Case) {
    let (_, phase) = plan_and_phase(case.fixture);
    run_op(bencher, case, |ws| {
        let args = gsd::ops::begin::Begin {
            phase,
            plans: Some(3),
            name: None,
        };
        gsd::ops::begin::begin(ws, &clock(), &args)
    });
}

#[divan::bench(args = cases(), sample_count = 20, sample_size = 1)]
fn decide(bencher: Bencher, case: Case) {
    run_op(bencher, case, |ws| {
        let d = gsd::ops::decide::Decision {
            text: "Use cursor pagination",
            rationale: None,
            plan: None,
            phase: None,
            project: false,
        };
        gsd::ops::decide::decide(ws, &clock(), &d)
    });
}

#[divan::bench(args = cases(), sample_count = 20, sample_size = 1)]
fn block(bencher: Bencher, case: Case) {
    run_op(bencher, case, |ws| {
        gsd::ops::block::block(ws, &clock(), "Waiting on API keys")
    });
}

#[divan::bench(args = cases(), sample_count = 20, sample_size = 1)]
fn unblock(bencher: Bencher, case: Case) {
    run_op(bencher, case, |ws| {
        gsd::ops::block::unblock(ws, &clock(), UNIQUE_BLOCKER)
    });
}

#[divan::bench(args = cases(), sample_count = 20, sample_size = 1)]
fn todo(bencher: Bencher, case: Case) {
    run_op(bencher, case, |ws| {
        gsd::ops::todo::todo(ws, &clock(), "Write the migration guide")
    });
}

#[divan::bench(args = cases(), sample_count = 20, sample_size = 1)]
fn session(bencher: Bencher, case: Case) {
    run_op(bencher, case, |ws| {
        gsd::ops::session::session(ws, &clock(), "Benchmarking", None)
    });
}

#[divan::bench(args = cases(), sample_count = 20, sample_size = 1)]
fn set(bencher: Bencher, case: Case) {
    run_op(bencher, case, |ws| {
        gsd::ops::set::set(ws, &clock(), "status", "Doing the benchmark")
    });
}
