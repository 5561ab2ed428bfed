//! The MCP server: lists the tools and runs a call as its command, in the project the
//! client works on.
//!
//! Which project: `--root` when given (the user said so); else the first of the client's
//! roots (`roots/list`) that is a folder inside a gsd project; else `-C` or the folder the
//! client started `gsd mcp` in, which is what Claude Code and most clients do.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, Implementation, ListToolsResult,
    PaginatedRequestParams, ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler};
use serde_json::Value;

use super::call;
use super::tools;

/// How long a client may take to say its roots before the server uses its own folder.
const ROOTS_TIMEOUT: Duration = Duration::from_secs(5);

/// The server's state: only where it works.
#[derive(Debug, Clone)]
pub struct GsdServer {
    /// `--root`: every call works here.
    pub root: Option<PathBuf>,
    /// `-C`: the folder used when the client names no project.
    pub fallback: Option<PathBuf>,
}

impl GsdServer {
    /// The folder a call works in; `None` means the server's current folder.
    async fn folder(&self, context: &RequestContext<RoleServer>) -> Option<PathBuf> {
        if let Some(root) = &self.root {
            return Some(root.clone());
        }
        if let Some(found) = client_root(context).await {
            return Some(found);
        }
        self.fallback.clone()
    }
}

/// The first of the client's roots that lies in a gsd project, when the client has roots.
/// (MCP's newest revision deprecates roots; the clients of today still send them.)
#[allow(deprecated)]
async fn client_root(context: &RequestContext<RoleServer>) -> Option<PathBuf> {
    let info = context.peer.peer_info()?;
    info.capabilities.roots.as_ref()?;
    let listed = tokio::time::timeout(ROOTS_TIMEOUT, context.peer.list_roots()).await;
    let roots = listed.ok()?.ok()?.roots;
    roots
        .iter()
        .filter_map(|r| file_uri_path(&r.uri))
        .find(|p| crate::io::load::find_root(p).is_ok())
}

/// The path of a `file://` URI (`file:///home/me/my%20app` → `/home/me/my app`).
pub fn file_uri_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file://localhost/x` and `file:///x` name the same file; other hosts are not ours.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    Some(Path::new(decoded.as_ref()).to_path_buf())
}

impl ServerHandler for GsdServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("gsd", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "Reads and changes a Get Shit Done project's .planning/ files (STATE.md, \
                 ROADMAP.md, PROJECT.md, REQUIREMENTS.md, phases/). Each tool is the gsd \
                 command of the same name and returns its --json output. Tools that change \
                 files take dry_run, which returns the diffs and writes nothing; edits keep \
                 every byte they do not need to change.",
            )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(
            tools::all().iter().map(tools::ToolSpec::tool).collect(),
        ))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let Some(tool) = tools::find(&request.name) else {
            return Err(ErrorData::invalid_params(
                format!("no tool named {}", request.name),
                None,
            ));
        };
        let mut args = request.arguments.unwrap_or_default();
        let dry_run = match args.remove("dry_run") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) if tool.writes => b,
            Some(Value::Bool(_)) => {
                return Ok(call::failure(
                    &format!("{}: dry_run is for tools that change files", tool.name()),
                    None,
                    Some("this tool only reads; call it without dry_run"),
                )
                .into());
            }
            Some(_) => {
                return Ok(call::failure("dry_run: expected true or false", None, None).into());
            }
        };
        if let Err(e) = tool.check(&args) {
            return Ok(call::failure(
                &format!("invalid arguments for {}: {e}", tool.name()),
                None,
                Some("the tool's input schema lists its arguments and what each takes"),
            )
            .into());
        }
        let folder = self.folder(&context).await;
        let argv = match call::argv(&tool, &args, dry_run, folder.as_deref()) {
            Ok(argv) => argv,
            Err(message) => return Ok(call::failure(&message, None, None).into()),
        };
        let result = tokio::task::spawn_blocking(move || call::run(argv))
            .await
            .unwrap_or_else(|e| {
                call::failure(
                    &format!("internal error: the command stopped ({e})"),
                    None,
                    Some("please report this with the call that caused it"),
                )
            });
        Ok(result.into())
    }
}
