//! `gsd state show` and `gsd state get`: read-only, they never write or lock.

use serde_json::Value;

use crate::commands::{Context, Output};
use crate::error::UserError;
use crate::model::state::fields;
use crate::model::workspace::{Needs, Workspace};
use crate::render::state_human::dashboard;
use crate::render::state_json::state_view;
use crate::render::style::Palette;

fn load(ctx: &Context) -> anyhow::Result<Workspace> {
    let root = ctx.root()?;
    Ok(Workspace::load(&root, Needs::STATE_ONLY)?)
}

/// The path every `state` output names the file by (`.planning/STATE.md`, or the
/// workstream's).
fn file() -> String {
    Workspace::display_path("STATE.md")
        .to_string_lossy()
        .replace('\\', "/")
}

pub fn show(ctx: &Context) -> anyhow::Result<Output> {
    let ws = load(ctx)?;
    if ctx.global.json {
        let file = file();
        // Written while it is produced: the JSON of a large file is twice its size.
        Ok(Output::streamed(move |w| {
            serde_json::to_writer_pretty(&mut *w, &state_view(&ws.state, &file))?;
            w.write_all(b"\n")
        }))
    } else {
        let file = file();
        let view = state_view(&ws.state, &file);
        Ok(Output::ok(dashboard(&view, &Palette::new(ctx.color))))
    }
}

/// The JSON paths a field name stands for: a name or alias from the field table (the same
/// names `gsd state set` takes), else the name itself as a dotted path.
pub fn field_paths(field: &str) -> Vec<String> {
    match fields::resolve(field) {
        Some(f) => f.paths.iter().map(|p| (*p).to_string()).collect(),
        None => vec![field.to_string()],
    }
}

pub fn get(ctx: &Context, field: &str) -> anyhow::Result<Output> {
    let ws = load(ctx)?;
    let file = file();
    let view = state_view(&ws.state, &file);
    // Only the JSON on the field's paths is built.
    let paths = field_paths(field);
    let found: Vec<Value> = paths.iter().filter_map(|p| view.path(p)).collect();
    // A named field whose line the file lacks (`position.last_activity` is null) has no
    // value; only an unknown name or path is an error.
    if found.is_empty() && fields::resolve(field).is_none() {
        return Err(miss(&view, field).into());
    }
    let value = found
        .iter()
        .find(|v| !v.is_null())
        .cloned()
        .unwrap_or(Value::Null);
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

/// Why `get` found nothing at `field`: the list entry past the end (`decisions.999`: how
/// many there are), the key an object lacks (with its keys), or an unknown name (with the
/// nearest one and the list).
fn miss(view: &crate::render::state_json::StateView, field: &str) -> UserError {
    let parts: Vec<&str> = field.split('.').collect();
    if parts.len() > 1
        && let Some(top) = view.key(parts[0])
    {
        let mut v = &top;
        let mut walked = parts[0].to_string();
        for part in &parts[1..] {
            let next = match v {
                Value::Array(items) => match part.parse::<usize>() {
                    Ok(i) if i < items.len() => &items[i],
                    Ok(_) | Err(_) => {
                        let how_many = match items.len() {
                            0 => format!("`{walked}` is empty"),
                            1 => format!("`{walked}` has 1 entry: {walked}.0"),
                            n => format!(
                                "`{walked}` has {n} entries: {walked}.0 to {walked}.{}",
                                n - 1
                            ),
                        };
                        return UserError::new(format!("no `{field}`: {how_many}"))
                            .hint("an entry is named by its index, counted from 0");
                    }
                },
                Value::Object(map) => match map.get(*part) {
                    Some(x) => x,
                    None => {
                        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                        let near = fields::suggest(part, keys.iter().copied())
                            .map(|k| format!("; did you mean `{walked}.{k}`?"))
                            .unwrap_or_default();
                        return UserError::new(format!(
                            "no `{field}`: `{walked}` has no key `{part}`{near}"
                        ))
                        .hint(format!("keys of `{walked}`: {}", keys.join(", ")));
                    }
                },
                _ => {
                    return UserError::new(format!("no `{field}`: `{walked}` is a single value"))
                        .hint(format!("`gsd state get {walked}` prints it"));
                }
            };
            v = next;
            walked = format!("{walked}.{part}");
        }
    }
    let names = fields::all_names().chain(TOP_KEYS.iter().copied());
    let near = fields::suggest(field, names)
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default();
    UserError::new(format!("unknown field `{field}`{near}")).hint(format!(
        "fields: {}; or a dotted path into `gsd state show --json` such as position.plan (`gsd state get --help` says what each field is)",
        fields::names_list()
    ))
}

/// The top-level keys of `gsd state show --json`, for suggestions.
const TOP_KEYS: &[&str] = &[
    "project_reference",
    "position",
    "progress",
    "metrics",
    "decisions",
    "todos",
    "blockers",
    "session",
    "milestones",
    "frontmatter",
    "sections",
];

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
