//! `state decide`: no panic, edits confined to their ranges, output parses and round-trips.
#![no_main]
#[path = "common.rs"]
mod common;

use gsd::ops::decide::{Decision, decide};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let plan = common::pick(data, &["", "02-01", "1-1", "x"]);
    let d = Decision {
        text: common::pick(data, common::TEXTS),
        rationale: (data.len() % 3 == 0).then_some("Because | reasons"),
        plan: (!plan.is_empty()).then_some(plan),
        phase: None,
        project: false,
    };
    common::run_op(data, None, |ws, clock| decide(ws, clock, &d));
});
