//! `state todo`: no panic, edits confined to their ranges, output parses and round-trips.
#![no_main]
#[path = "common.rs"]
mod common;

use gsd::ops::todo::todo;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((state, roadmap)) = common::split(data) else {
        return;
    };
    let ws = common::workspace(state, roadmap);
    let outcome = todo(&ws, &common::clock(), common::pick(data, common::TEXTS));
    common::apply(state, roadmap, &outcome);
});
