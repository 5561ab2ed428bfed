//! `state complete`: no panic, edits confined to their ranges (STATE.md and ROADMAP.md only),
//! output parses and round-trips, and a second identical run changes nothing (DESIGN §4.8).
#![no_main]
#[path = "common.rs"]
mod common;

use common::SecondRun;
use gsd::ops::complete::{Complete, complete};
use libfuzzer_sys::fuzz_target;

const PLANS: &[&str] = &[
    "01-01", "01-02", "02-01", "02-02", "2-1", "03-01", "02.1-01", "12A-03", "x-1", "",
];
const DURATIONS: &[&str] = &["12min", "1h 5m", "90s", "45 min", "abc"];

fuzz_target!(|data: &[u8]| {
    let args = Complete {
        plan: common::pick(data, PLANS),
        duration: Some(DURATIONS[data.len() % DURATIONS.len()]),
        summary: (data.len() % 2 == 0).then_some("Did | the 🚀 thing"),
        ..Default::default()
    };
    common::run_op(data, Some(SecondRun::ChangesNothing), |ws, clock| {
        complete(ws, clock, &args)
    });
});
