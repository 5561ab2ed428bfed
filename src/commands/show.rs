//! `gsd state show` and `gsd state get`: read-only, they never write or lock.

use serde_json::Value;

use crate::app::{Context, Output};
use crate::error::UserError;
use crate::model::workspace::{Needs, Workspace};
use crate::render::state_human::dashboard;
use crate::render::state_json::state_view;
use crate::render::style::Palette;

/// Short names for `gsd state get`, mapped to JSON paths.
pub const FIELDS: &[(&str, &str)] = &[
    ("phase", "position.phase"),
    ("phase_total", "position.phase_total"),
    ("phase_name", "position.phase_name"),
    ("plan", "position.plan"),
    ("plan_total", "position.plan_total"),
    ("status", "position.status"),
    ("milestone", "position.milestone"),
    ("last_activity", "position.last_activity.text"),
    ("last_activity_date", "position.last_activity.date"),
    ("percent", "progress.percent"),
    ("progress", "progress.percent"),
    ("core_value", "project_reference.core_value"),
    ("current_focus", "project_reference.current_focus"),
    ("project_updated", "project_reference.project_updated"),
    ("plans_completed", "metrics.plans_completed"),
    ("average_minutes", "metrics.average_minutes"),
    ("total_hours", "metrics.total_hours"),
    ("trend", "metrics.trend"),
    ("last_session", "session.last"),
    ("stopped_at", "session.stopped_at"),
    ("resume_file", "session.resume_file"),
];

fn load(ctx: &Context) -> anyhow::Result<Workspace> {
    let root = ctx.root()?;
    Ok(Workspace::load(&root, Needs::STATE_ONLY)?)
}

/// The path every `state` output names the file by.
const FILE: &str = ".planning/STATE.md";

pub fn show(ctx: &Context) -> anyhow::Result<Output> {
    let ws = load(ctx)?;
    if ctx.global.json {
        // Written while it is produced: the JSON of a large file is twice its size.
        Ok(Output::streamed(move |w| {
            serde_json::to_writer_pretty(&mut *w, &state_view(&ws.state, FILE))?;
            w.write_all(b"\n")
        }))
    } else {
        let view = state_view(&ws.state, FILE);
        Ok(Output::ok(dashboard(&view, &Palette::new(ctx.color))))
    }
}

/// The dotted JSON path a field name stands for: a short name from [`FIELDS`] or a path.
pub fn field_path(field: &str) -> &str {
    FIELDS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(field) || name.replace('_', "-") == field)
        .map_or(field, |(_, p)| p)
}

pub fn get(ctx: &Context, field: &str) -> anyhow::Result<Output> {
    let ws = load(ctx)?;
    // Only the JSON on the field's path is built.
    let Some(value) = state_view(&ws.state, FILE).path(field_path(field)) else {
        let names: Vec<&str> = FIELDS.iter().map(|(n, _)| *n).collect();
        return Err(UserError::new(format!("unknown field `{field}`"))
            .hint(format!(
                "fields: {}; or a dotted path into `gsd state show --json` such as position.plan",
                names.join(", ")
            ))
            .into());
    };
    let text = match &value {
        Value::Null => {
            return Ok(Output {
                stderr: if ctx.global.quiet {
                    String::new()
                } else {
                    format!("gsd: STATE.md has no value for `{field}`\n")
                },
                ..Output::default()
            });
        }
        Value::String(s) => s.clone(),
        v if ctx.global.json || v.is_object() || v.is_array() => serde_json::to_string_pretty(v)?,
        v => v.to_string(),
    };
    Ok(Output::ok(format!("{text}\n")))
}

/// `gsd state ledger`: the ledger of STATE.md, ROADMAP.md and `phases/` together.
pub fn ledger(ctx: &Context) -> anyhow::Result<Output> {
    let root = ctx.root()?;
    let ws = Workspace::load(
        &root,
        Needs {
            project: false,
            roadmap: true,
            phases: true,
        },
    )?;
    let ledger = crate::ledger::Ledger::build(&ws, None);
    if ctx.global.json {
        let mut text =
            serde_json::to_string_pretty(&crate::render::ledger_view::ledger_json(&ledger))?;
        text.push('\n');
        Ok(Output::ok(text))
    } else {
        Ok(Output::ok(crate::render::ledger_view::ledger_human(
            &ledger,
            &Palette::new(ctx.color),
        )))
    }
}

/// The workspace the read-only roadmap views need: ROADMAP.md and `phases/` beside STATE.md.
fn roadmap_workspace(ctx: &Context) -> anyhow::Result<Workspace> {
    let root = ctx.root()?;
    Ok(Workspace::load(
        &root,
        Needs {
            project: false,
            roadmap: true,
            phases: true,
        },
    )?)
}

/// `gsd next`: the one step the ledger points to, and the per-phase picture.
pub fn next(ctx: &Context) -> anyhow::Result<Output> {
    let ws = roadmap_workspace(ctx)?;
    let ledger = crate::ledger::Ledger::build(&ws, None);
    let view = crate::render::next_view::next_json(&ledger, ws.roadmap.as_ref());
    if ctx.global.json {
        let mut text = serde_json::to_string_pretty(&view)?;
        text.push('\n');
        return Ok(Output::ok(text));
    }
    Ok(Output::ok(crate::render::next_view::next_human(
        &ledger,
        ws.roadmap.as_ref(),
        &Palette::new(ctx.color),
    )))
}

/// `gsd roadmap show`.
pub fn roadmap(ctx: &Context) -> anyhow::Result<Output> {
    let ws = roadmap_workspace(ctx)?;
    let ledger = crate::ledger::Ledger::build(&ws, None);
    if ctx.global.json {
        let view = crate::render::next_view::roadmap_json(&ledger, ws.roadmap.as_ref());
        let mut text = serde_json::to_string_pretty(&view)?;
        text.push('\n');
        return Ok(Output::ok(text));
    }
    Ok(Output::ok(crate::render::next_view::roadmap_human(
        &ledger,
        ws.roadmap.as_ref(),
        &Palette::new(ctx.color),
    )))
}
