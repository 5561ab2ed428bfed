//! `state todo`: no panic, edits confined to their ranges, output parses and round-trips.
#![no_main]
#[path = "common.rs"]
mod common;

use gsd::ops::todo::todo;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = common::pick(data, common::TEXTS);
    common::run_op(data, None, |ws, clock| todo(ws, clock, text));
});
