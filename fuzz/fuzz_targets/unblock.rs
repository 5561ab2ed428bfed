//! `state unblock`: no panic, edits confined to their ranges, output parses and round-trips;
//! resolving the same blocker again changes nothing more.
#![no_main]
#[path = "common.rs"]
mod common;

use common::SecondRun;
use gsd::ops::block::unblock;
use libfuzzer_sys::fuzz_target;

const PATTERNS: &[&str] = &["Redis", "API", "a", "~~", "RESOLVED", "", "🚀", "None"];

fuzz_target!(|data: &[u8]| {
    let pattern = common::pick(data, PATTERNS);
    common::run_op(data, Some(SecondRun::Apply), |ws, clock| {
        unblock(ws, clock, pattern)
    });
});
