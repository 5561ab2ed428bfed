//! `gsd project …`: PROJECT.md shown (`show`, `get`: read-only, no lock, no STATE.md
//! needed) and evolved (`validate`, `outcome`, `touch`: through the same
//! lock-load-op-commit sequence as the `state` commands, [`crate::commands::mutate::apply`]).

use serde_json::Value;

use crate::cli::{self as c, OutcomeArg, ProjectCommand};
use crate::commands::{Context, Output};
use crate::error::UserError;
use crate::io::read_source;
use crate::model::decision_outcome::OutcomeKind;
use crate::model::project::ProjectDoc;
use crate::model::workspace::{Needs, Workspace};
use crate::ops::project_outcome::{SetOutcome, set_outcome};
use crate::ops::project_touch::touch;
use crate::ops::project_validate::{Validate, validate};
use crate::render::project_human::project_dashboard;
use crate::render::project_json::project_json;
use crate::render::state_json::follow;
use crate::render::style::Palette;

/// Short names for `gsd project get`, mapped to JSON paths.
pub const FIELDS: &[(&str, &str)] = &[
    ("title", "title"),
    ("what_this_is", "what_this_is"),
    ("core_value", "core_value"),
    ("milestone", "current_milestone"),
    ("validated", "requirements.counts.validated"),
    ("active", "requirements.counts.active"),
    ("out_of_scope", "requirements.counts.out_of_scope"),
    ("decisions", "key_decisions.counts.total"),
    ("pending_decisions", "key_decisions.counts.pending"),
    ("last_updated", "last_updated.date"),
    ("last_updated_text", "last_updated.text"),
];

/// The path every `project` output names the file by.
/// PROJECT.md is shared by all workstreams: always in `.planning/`.
const FILE: &str = ".planning/PROJECT.md";

/// Runs a `project` subcommand.
pub fn run(ctx: &Context, cmd: ProjectCommand) -> anyhow::Result<Output> {
    let needs = Needs {
        project: true,
        roadmap: false,
        phases: false,
    };
    match cmd {
        ProjectCommand::Show => show(ctx),
        ProjectCommand::Get(c::ProjectGetArgs { field }) => get(ctx, &field),
        ProjectCommand::Validate(c::ValidateArgs {
            pattern,
            phase,
            version,
        }) => crate::commands::mutate::apply(ctx, needs, |ws, _| {
            let requirements = crate::commands::phase::read_requirements(ws)?;
            let args = Validate {
                pattern: &pattern,
                phase: phase.as_deref(),
                version: version.as_deref(),
                requirements: requirements.as_ref(),
            };
            Ok(("project validate", validate(ws, &args)?))
        }),
        ProjectCommand::Outcome(c::OutcomeArgs {
            pattern,
            outcome,
            note,
        }) => crate::commands::mutate::apply(ctx, needs, |ws, _| {
            let args = SetOutcome {
                pattern: &pattern,
                kind: match outcome {
                    OutcomeArg::Good => OutcomeKind::Good,
                    OutcomeArg::Revisit => OutcomeKind::Revisit,
                    OutcomeArg::Pending => OutcomeKind::Pending,
                },
                note: note.as_deref(),
            };
            Ok(("project outcome", set_outcome(ws, &args)?))
        }),
        ProjectCommand::Touch(c::TouchArgs { after }) => {
            crate::commands::mutate::apply(ctx, needs, |ws, clock| {
                Ok(("project touch", touch(ws, clock, after.as_deref())?))
            })
        }
    }
}

/// PROJECT.md alone: `show` and `get` work in a folder without STATE.md.
fn load(ctx: &Context) -> anyhow::Result<ProjectDoc> {
    let root = ctx.root()?;
    let name = "PROJECT.md";
    let path = Workspace::path_of(&root, name);
    if !crate::io::exists(&path) {
        return Err(UserError::new("does not exist")
            .in_file(Workspace::display_path(name))
            .hint("`/gsd:new-project` writes PROJECT.md; `gsd project` reads it from .planning/")
            .into());
    }
    Ok(ProjectDoc::parse(read_source(
        &path,
        &Workspace::display_path(name),
    )?))
}

fn show(ctx: &Context) -> anyhow::Result<Output> {
    let project = load(ctx)?;
    let view = project_json(&project, FILE);
    if ctx.global.json {
        let mut text = serde_json::to_string_pretty(&view)?;
        text.push('\n');
        return Ok(Output::ok(text));
    }
    Ok(Output::ok(project_dashboard(
        &view,
        &Palette::new(ctx.color),
    )))
}

fn get(ctx: &Context, field: &str) -> anyhow::Result<Output> {
    let project = load(ctx)?;
    let view = project_json(&project, FILE);
    let path = FIELDS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(field) || name.replace('_', "-") == field)
        .map_or(field, |(_, p)| p);
    let Some(value) = follow(&view, path) else {
        let names: Vec<&str> = FIELDS.iter().map(|(n, _)| *n).collect();
        return Err(UserError::new(format!("unknown field `{field}`"))
            .hint(format!(
                "fields: {}; or a dotted path into `gsd project show --json` such as requirements.counts.active",
                names.join(", ")
            ))
            .into());
    };
    let text = match value {
        Value::Null => {
            return Ok(Output {
                stderr: if ctx.global.quiet {
                    String::new()
                } else {
                    format!("gsd: PROJECT.md has no value for `{field}`\n")
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
