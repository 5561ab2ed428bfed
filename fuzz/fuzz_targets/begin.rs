//! `state begin`: no panic, edits confined to their ranges, output parses and round-trips,
//! and re-running on the phase just begun changes nothing.
#![no_main]
#[path = "common.rs"]
mod common;

use common::SecondRun;
use gsd::ops::begin::{Begin, begin};
use libfuzzer_sys::fuzz_target;

const PHASES: &[&str] = &["1", "2", "02", "3", "2.1", "12A", "0", "x", ""];

fuzz_target!(|data: &[u8]| {
    let args = Begin {
        phase: common::pick(data, PHASES),
        plans: (data.len() % 3 == 0).then_some(4),
        name: (data.len() % 2 == 0).then_some("API | Pagination 🚀"),
    };
    common::run_op(data, Some(SecondRun::ChangesNothing), |ws, clock| {
        begin(ws, clock, &args)
    });
});
