//! `state session`: no panic, edits confined to their ranges, output parses and round-trips,
//! and a second identical run (same clock) changes nothing.
#![no_main]
#[path = "common.rs"]
mod common;

use gsd::ops::session::session;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((state, roadmap)) = common::split(data) else {
        return;
    };
    let ws = common::workspace(state, roadmap);
    let stopped = common::pick(data, common::TEXTS);
    let resume = (data.len() % 2 == 0).then_some(".planning/phases/02-api/02-01-PLAN.md");
    let clock = common::clock();
    let outcome = session(&ws, &clock, stopped, resume);
    let (after, _) = common::apply(state, roadmap, &outcome);
    let again = session(&common::workspace(&after, roadmap), &clock, stopped, resume);
    common::assert_second_run_changes_nothing(&outcome, &again);
});
