//! `state begin`: no panic, edits confined to their ranges, output parses and round-trips,
//! and re-running on the phase just begun changes nothing.
#![no_main]
#[path = "common.rs"]
mod common;

use gsd::ops::begin::{Begin, begin};
use libfuzzer_sys::fuzz_target;

const PHASES: &[&str] = &["1", "2", "02", "3", "2.1", "12A", "0", "x", ""];

fuzz_target!(|data: &[u8]| {
    let Some((state, roadmap)) = common::split(data) else {
        return;
    };
    let ws = common::workspace(state, roadmap);
    let args = Begin {
        phase: common::pick(data, PHASES),
        plans: (data.len() % 3 == 0).then_some(4),
        name: (data.len() % 2 == 0).then_some("API | Pagination 🚀"),
    };
    let clock = common::clock();
    let outcome = begin(&ws, &clock, &args);
    let (state2, roadmap2) = common::apply(state, roadmap, &outcome);
    let again = begin(&common::workspace(&state2, &roadmap2), &clock, &args);
    common::assert_second_run_changes_nothing(&outcome, &again);
});
