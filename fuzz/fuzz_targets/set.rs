//! `state set`: no panic, edits confined to their ranges, output parses and round-trips, and
//! setting the same value again changes nothing.
#![no_main]
#[path = "common.rs"]
mod common;

use common::SecondRun;
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
    "progress",
    "average_duration",
    "total_time",
    "phase_name",
    "nope",
];

fuzz_target!(|data: &[u8]| {
    let field = FIELDS[data.len() % FIELDS.len()];
    let value = common::pick(data, common::TEXTS);
    common::run_op(data, Some(SecondRun::ChangesNothing), |ws, clock| {
        set(ws, clock, field, value)
    });
});
