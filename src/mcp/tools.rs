//! The MCP tools: one per gsd command, named after it (`state complete` → `state_complete`),
//! described by its clap help, with the JSON Schema of its argument type from
//! [`crate::cli_args`]. The table below pairs each command with that type; nothing else about
//! a tool is written down twice, and tests/it/mcp.rs checks that every command has a tool
//! whose properties are the command's arguments.

use std::sync::Arc;

use clap::CommandFactory;
use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::cli::Cli;
use crate::cli_args as a;

/// One tool: which command it runs and how its arguments are described and checked.
#[derive(Clone, Copy)]
pub struct ToolSpec {
    /// The command's words, `["state", "complete"]`.
    pub path: &'static [&'static str],
    /// Whether the command changes files: then the tool takes `dry_run`.
    pub writes: bool,
    schema: fn() -> Result<Arc<JsonObject>, String>,
    check: fn(Value) -> Result<(), serde_json::Error>,
}

impl ToolSpec {
    /// The tool's name: the command's words joined by `_`, `-` read as `_`
    /// (`state done-todo` → `state_done_todo`), as MCP clients expect identifiers.
    pub fn name(&self) -> String {
        self.path.join("_").replace('-', "_")
    }

    /// Reads `args` as the command's argument type: a missing, unknown or mistyped
    /// argument is refused with serde's message, which names it.
    pub fn check(&self, args: &JsonObject) -> Result<(), serde_json::Error> {
        (self.check)(Value::Object(args.clone()))
    }

    /// The clap command this tool runs.
    pub fn command(&self) -> Option<clap::Command> {
        let mut cmd = Cli::command();
        cmd.build();
        let mut at = cmd;
        for word in self.path {
            at = at.find_subcommand(word)?.clone();
        }
        Some(at)
    }

    /// The tool as `tools/list` describes it.
    pub fn tool(&self) -> Tool {
        let about = self.command().map_or_else(String::new, |c| {
            c.get_long_about()
                .or(c.get_about())
                .map(|s| s.to_string())
                .unwrap_or_default()
        });
        // rmcp's own schema settings (JSON Schema 2020-12, as MCP asks); a type that
        // could not be described is caught by the tests, and gets an open object here.
        let mut schema = (self.schema)().map_or_else(
            |_| json!({"type": "object"}),
            |s| Value::Object((*s).clone()),
        );
        let mut description = about;
        // clap drops the help's closing full stop; the sentence after it needs one.
        if !description.is_empty() && !description.ends_with(['.', ')']) {
            description.push('.');
        }
        if self.writes {
            description.push_str(
                " Changes files under the workspace lock; with dry_run it returns the diffs \
                 and writes nothing.",
            );
            add_dry_run(&mut schema);
        }
        let object = match schema {
            Value::Object(map) => map,
            _ => JsonObject::new(),
        };
        let annotations = ToolAnnotations::new()
            .read_only(!self.writes)
            .destructive(false);
        Tool::new(self.name(), description, Arc::new(object)).annotate(annotations)
    }
}

/// Adds the `dry_run` property every writer takes.
fn add_dry_run(schema: &mut Value) {
    if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        props.insert(
            "dry_run".to_string(),
            json!({
                "type": "boolean",
                "default": false,
                "description": "Return the unified diff of every file the command would change; write nothing."
            }),
        );
    } else if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "properties".to_string(),
            json!({ "dry_run": { "type": "boolean", "default": false } }),
        );
    }
}

/// A tool whose arguments are `P`.
fn spec<P: DeserializeOwned + JsonSchema + 'static>(
    path: &'static [&'static str],
    writes: bool,
) -> ToolSpec {
    ToolSpec {
        path,
        writes,
        schema: rmcp::handler::server::common::schema_for_input::<P>,
        check: |v| serde_json::from_value::<P>(v).map(drop),
    }
}

/// Commands that are about the `gsd` binary rather than a project, so no tool runs them:
/// the server itself, its manual and shell completions.
pub const NOT_TOOLS: &[&str] = &["mcp", "man", "completions"];

/// Every tool, in the order of `gsd --help`.
pub fn all() -> Vec<ToolSpec> {
    vec![
        spec::<a::NoArgs>(&["state", "show"], false),
        spec::<a::GetArgs>(&["state", "get"], false),
        spec::<a::NoArgs>(&["state", "ledger"], false),
        spec::<a::SetArgs>(&["state", "set"], true),
        spec::<a::CompleteArgs>(&["state", "complete"], true),
        spec::<a::BeginArgs>(&["state", "begin"], true),
        spec::<a::DecideArgs>(&["state", "decide"], true),
        spec::<a::BlockArgs>(&["state", "block"], true),
        spec::<a::UnblockArgs>(&["state", "unblock"], true),
        spec::<a::TodoArgs>(&["state", "todo"], true),
        spec::<a::DoneTodoArgs>(&["state", "done-todo"], true),
        spec::<a::SessionArgs>(&["state", "session"], true),
        spec::<a::PruneArgs>(&["state", "prune"], true),
        spec::<a::PhaseArgs>(&["phase", "plan"], true),
        spec::<a::PhaseCompleteArgs>(&["phase", "complete"], true),
        spec::<a::PhaseAddArgs>(&["phase", "add"], true),
        spec::<a::PhaseInsertArgs>(&["phase", "insert"], true),
        spec::<a::PhaseRemoveArgs>(&["phase", "remove"], true),
        spec::<a::MilestoneCompleteArgs>(&["milestone", "complete"], true),
        spec::<a::MilestoneStartArgs>(&["milestone", "start"], true),
        spec::<a::NoArgs>(&["next"], false),
        spec::<a::NoArgs>(&["roadmap", "show"], false),
        spec::<a::NoArgs>(&["project", "show"], false),
        spec::<a::ProjectGetArgs>(&["project", "get"], false),
        spec::<a::ValidateArgs>(&["project", "validate"], true),
        spec::<a::OutcomeArgs>(&["project", "outcome"], true),
        spec::<a::TouchArgs>(&["project", "touch"], true),
        spec::<a::RequirementsDoneArgs>(&["requirements", "done"], true),
        // Writes only with `fix`; dry_run then shows the fixes.
        spec::<a::CheckArgs>(&["check"], true),
        spec::<a::RuleArgs>(&["rule"], false),
    ]
}

/// The tool called `name`.
pub fn find(name: &str) -> Option<ToolSpec> {
    all().into_iter().find(|t| t.name() == name)
}
