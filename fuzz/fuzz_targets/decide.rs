//! `state decide`: no panic, edits confined to their ranges, output parses and round-trips.
#![no_main]
#[path = "common.rs"]
mod common;

use gsd::ops::decide::{Decision, decide};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((state, roadmap)) = common::split(data) else {
        return;
    };
    let ws = common::workspace(state, roadmap);
    let text = common::pick(data, common::TEXTS);
    let plan = common::pick(data, &["", "02-01", "1-1", "x"]);
    let d = Decision {
        text,
        rationale: (data.len() % 3 == 0).then_some("Because | reasons"),
        plan: (!plan.is_empty()).then_some(plan),
        phase: None,
        project: false,
    };
    let outcome = decide(&ws, &common::clock(), &d);
    common::apply(state, roadmap, &outcome);
});
