//! `state session`: no panic, edits confined to their ranges, output parses and round-trips,
//! and a second identical run (same clock) changes nothing.
#![no_main]
#[path = "common.rs"]
mod common;

use common::SecondRun;
use gsd::ops::session::session;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let stopped = common::pick(data, common::TEXTS);
    let resume = (data.len() % 2 == 0).then_some(".planning/phases/02-api/02-01-PLAN.md");
    common::run_op(data, Some(SecondRun::ChangesNothing), |ws, clock| {
        session(ws, clock, stopped, resume)
    });
});
