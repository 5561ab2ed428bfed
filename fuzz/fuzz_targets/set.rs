//! `state set`: no panic, edits confined to their ranges, output parses and round-trips, and
//! setting the same value again changes nothing.
#![no_main]
#[path = "common.rs"]
mod common;

use gsd::ops::set::set;
use libfuzzer_sys::fuzz_target;

const FIELDS: &[&str] = &[
    "status",
    "current_focus",
    "last_activity",
    "stopped_at",
    "resume_file",
    "core_value",
    "phase",
    "plan",
    "nope",
];

fuzz_target!(|data: &[u8]| {
    let Some((state, roadmap)) = common::split(data) else {
        return;
    };
    let ws = common::workspace(state, roadmap);
    let field = FIELDS[data.len() % FIELDS.len()];
    let value = common::pick(data, common::TEXTS);
    let outcome = set(&ws, field, value);
    let (after, _) = common::apply(state, roadmap, &outcome);
    let again = set(&common::workspace(&after, roadmap), field, value);
    common::assert_second_run_changes_nothing(&outcome, &again);
});
