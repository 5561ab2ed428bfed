//! Running a tool call as the command it names: the arguments, once read as the command's
//! argument type ([`super::tools::ToolSpec::check`]), are written back as a command line and
//! parsed by clap, so a tool call gets every check the CLI makes (`conflicts_with`, value
//! parsers, at least one id) and runs through the same [`crate::app::run`]: the same lock,
//! the same edits, the same `--json` output.

use std::ffi::OsString;
use std::path::Path;

use clap::Parser;
use rmcp::model::{CallToolResult, ContentBlock, JsonObject};
use serde_json::{Value, json};

use super::tools::ToolSpec;
use crate::cli::Cli;
use crate::error::UserError;

/// The command line for a call of `tool` with `args` (`dry_run` already taken out), in
/// `root` when given.
pub fn argv(
    tool: &ToolSpec,
    args: &JsonObject,
    dry_run: bool,
    root: Option<&Path>,
) -> Result<Vec<OsString>, String> {
    let cmd = tool
        .command()
        .ok_or_else(|| format!("internal error: no command for tool {}", tool.name()))?;
    let mut argv: Vec<OsString> = vec!["gsd".into(), "--json".into(), "--color=never".into()];
    if dry_run {
        argv.push("--dry-run".into());
    }
    if let Some(root) = root {
        argv.push("-C".into());
        argv.push(root.as_os_str().to_owned());
    }
    argv.extend(tool.path.iter().map(OsString::from));
    let mut positionals = Vec::new();
    for arg in cmd.get_arguments().filter(|a| !a.is_global_set()) {
        let Some(value) = args.get(arg.get_id().as_str()) else {
            continue;
        };
        let values = scalars(arg.get_id().as_str(), value)?;
        if arg.is_positional() {
            positionals.push((arg.get_index().unwrap_or(0), values));
            continue;
        }
        let Some(long) = arg.get_long() else {
            continue;
        };
        // A flag, or an option whose value may be left out (`--write-baseline`): `true` gives
        // it alone, `false` leaves it out.
        if let Value::Bool(on) = value {
            if *on {
                argv.push(format!("--{long}").into());
            }
            continue;
        }
        // `--name=value`, so a value that starts with `-` is not read as an option.
        for v in values {
            argv.push(format!("--{long}={v}").into());
        }
    }
    positionals.sort_by_key(|(index, _)| *index);
    if !positionals.is_empty() {
        // Everything after `--` is a positional value, even `-5` or `--x`.
        argv.push("--".into());
        for (_, values) in positionals {
            argv.extend(values.into_iter().map(OsString::from));
        }
    }
    Ok(argv)
}

/// A JSON argument value as the strings clap reads (a list gives one string per item).
fn scalars(name: &str, value: &Value) -> Result<Vec<String>, String> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Number(n) => Ok(vec![n.to_string()]),
        Value::Bool(b) => Ok(vec![b.to_string()]),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.clone()),
                Value::Number(n) => Ok(n.to_string()),
                _ => Err(format!("{name}: expected a list of strings")),
            })
            .collect(),
        Value::Object(_) => Err(format!("{name}: expected a value, not an object")),
    }
}

/// Parses `argv` and runs it as the CLI would, returning the tool result. Blocking: file
/// I/O and the workspace lock, so the server runs it off the async threads.
pub fn run(argv: Vec<OsString>) -> CallToolResult {
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => {
            let message = e.render().to_string();
            return failure(
                message.trim().trim_start_matches("error: "),
                None,
                Some("the tool's input schema lists its arguments and what each takes"),
            );
        }
    };
    let result = crate::app::run(cli);
    // Warnings are kept per thread: take them on the thread that raised them.
    let warnings = crate::app::warnings(false);
    match result {
        Ok(mut out) => {
            let mut stdout = Vec::new();
            if let Err(e) = out.write_stdout(&mut stdout) {
                return failure(&format!("cannot render the output: {e}"), None, None);
            }
            let text = String::from_utf8_lossy(&stdout).into_owned();
            let mut content = vec![ContentBlock::text(text.clone())];
            let stderr = format!("{warnings}{}", out.stderr);
            if !stderr.is_empty() {
                content.push(ContentBlock::text(stderr));
            }
            let mut result = CallToolResult::success(content);
            if let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(&text) {
                result.structured_content = Some(value);
            }
            result
        }
        Err(err) => {
            let user = err.chain().find_map(|c| c.downcast_ref::<UserError>());
            let mut message = format!("{warnings}{err:#}");
            if user.is_none() && message.is_empty() {
                message = "the command failed".to_string();
            }
            failure(&message, user, None)
        }
    }
}

/// A tool error: the message as text (as the CLI prints it, with the file, line and hint),
/// and the same split into fields for a client that reads `structuredContent`.
pub fn failure(message: &str, user: Option<&UserError>, hint: Option<&str>) -> CallToolResult {
    let mut error = json!({ "message": message });
    if let Some(u) = user {
        error["message"] = json!(u.message);
        if let Some(path) = &u.path {
            error["file"] = json!(path.display().to_string());
        }
        if let Some((line, column)) = u.location {
            error["line"] = json!(line);
            error["column"] = json!(column);
        }
        if let Some(h) = &u.hint {
            error["hint"] = json!(h);
        }
    }
    let mut text = message.to_string();
    if let Some(h) = hint {
        error["hint"] = json!(h);
        text.push_str(&format!("\n  hint: {h}"));
    }
    let mut result = CallToolResult::error(vec![ContentBlock::text(text)]);
    result.structured_content = Some(json!({ "version": 1, "error": error }));
    result
}
