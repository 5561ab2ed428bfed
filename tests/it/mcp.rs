//! `gsd mcp` driven by a real MCP client: rmcp's client spawns `gsd mcp` as a child process
//! and talks to it over stdio, as Claude Code would.
//!
//! - a scripted session (initialize, tools/list, state_complete with and without dry_run,
//!   check) leaves the same file bytes as the same commands run by the CLI, and returns the
//!   CLI's `--json` output;
//! - bad arguments (wrong type, unknown, conflicting) and a bad file are tool errors with
//!   the message and hint, and change nothing;
//! - the project can come from the client's roots;
//! - two clients and a CLI writing at once lose no update.

#![allow(deprecated)] // MCP roots: deprecated in the newest revision, still what clients send.

use std::path::Path;

use rmcp::model::{
    CallToolRequestParams, CallToolResult, ClientCapabilities, ClientConfig, Implementation,
    ListRootsResult, ProtocolVersion, Root,
};
use rmcp::service::{RequestContext, RunningService};
use rmcp::transport::{ConfigureCommandExt, TokioChildProcess};
use rmcp::{ClientHandler, ErrorData, RoleClient, ServiceExt};
use serde_json::{Value, json};

use crate::support::{Project, planning_files, run};

fn demo() -> Project {
    Project::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo"))
}

/// `gsd mcp ARGS` in `cwd`, with the test clock, as a child process.
fn transport(cwd: &Path, args: &[&str]) -> TokioChildProcess {
    let cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_gsd")).configure(|c| {
        c.env_clear()
            .env("GSD_NOW", "2026-02-01T10:00:00Z")
            .env("NO_COLOR", "1")
            .env("GSD_LOCK_TIMEOUT", "120")
            .current_dir(cwd)
            .arg("mcp")
            .args(args);
    });
    TokioChildProcess::new(cmd).expect("spawn gsd mcp")
}

async fn client(project: &Project) -> RunningService<RoleClient, ()> {
    let root = project.root().to_str().unwrap().to_string();
    ().serve(transport(project.root(), &["--root", &root]))
        .await
        .expect("initialize")
}

async fn call<S: rmcp::service::Service<RoleClient>>(
    client: &RunningService<RoleClient, S>,
    tool: &str,
    args: Value,
) -> CallToolResult {
    let Value::Object(args) = args else {
        panic!("arguments must be an object")
    };
    client
        .call_tool(CallToolRequestParams::new(tool.to_string()).with_arguments(args))
        .await
        .unwrap_or_else(|e| panic!("{tool}: {e}"))
}

fn text(result: &CallToolResult) -> String {
    result
        .content
        .iter()
        .filter_map(|c| c.as_text().map(|t| t.text.clone()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_error(result: &CallToolResult) -> bool {
    result.is_error == Some(true)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scripted_session_gives_the_cli_bytes_and_json() {
    let served = demo();
    let by_cli = demo();
    let before = planning_files(&served, false);
    let client = client(&served).await;

    let info = client.peer_info().expect("server info");
    assert_eq!(info.server_info.as_ref().unwrap().name, "gsd");
    let tools = client.list_all_tools().await.expect("tools/list");
    let names: Vec<_> = tools.iter().map(|t| t.name.to_string()).collect();
    for expected in [
        "state_show",
        "state_get",
        "state_complete",
        "state_decide",
        "state_block",
        "state_unblock",
        "state_todo",
        "state_session",
        "state_set",
        "state_begin",
        "check",
        "phase_complete",
        "milestone_start",
    ] {
        assert!(
            names.contains(&expected.to_string()),
            "no {expected} in {names:?}"
        );
    }
    let complete = tools.iter().find(|t| t.name == "state_complete").unwrap();
    assert_eq!(complete.input_schema["required"], json!(["plan"]));
    assert_eq!(
        complete.input_schema["properties"]["dry_run"]["type"],
        "boolean"
    );
    let show = tools.iter().find(|t| t.name == "state_show").unwrap();
    assert!(
        !show.input_schema.contains_key("properties")
            || show.input_schema["properties"].get("dry_run").is_none()
    );

    // A reader returns exactly the CLI's --json output.
    let shown = call(&client, "state_show", json!({})).await;
    assert!(!is_error(&shown), "{}", text(&shown));
    let (code, cli_json, _) = run(by_cli.gsd().args(["--json", "state", "show"]));
    assert_eq!(code, 0);
    assert_eq!(text(&shown), cli_json);
    assert_eq!(
        shown.structured_content,
        Some(serde_json::from_str::<Value>(&cli_json).unwrap())
    );

    // dry_run: the diff, and nothing written.
    let args = json!({"plan": "02-02", "duration": "12min"});
    let mut dry = args.clone();
    dry["dry_run"] = json!(true);
    let preview = call(&client, "state_complete", dry).await;
    assert!(!is_error(&preview), "{}", text(&preview));
    let out = preview.structured_content.clone().unwrap();
    assert_eq!(out["dry_run"], true);
    assert!(
        out["files"][0]["diff"]
            .as_str()
            .unwrap()
            .contains("+++ b/.planning/STATE.md")
    );
    assert_eq!(planning_files(&served, false), before, "dry_run wrote");

    // The write: the same bytes as the CLI's.
    let done = call(&client, "state_complete", args).await;
    assert!(!is_error(&done), "{}", text(&done));
    let (code, cli_out, err) = run(by_cli.gsd().args([
        "--json",
        "state",
        "complete",
        "02-02",
        "--duration",
        "12min",
    ]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(text(&done), cli_out);
    assert_ne!(planning_files(&served, false), before);
    assert_eq!(
        planning_files(&served, false),
        planning_files(&by_cli, false)
    );

    let checked = call(&client, "check", json!({})).await;
    let (_, cli_check, _) = run(by_cli.gsd().args(["--json", "check"]));
    assert_eq!(text(&checked), cli_check);
    client.cancel().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_arguments_and_bad_files_are_tool_errors_that_change_nothing() {
    let project = demo();
    let before = planning_files(&project, false);
    let client = client(&project).await;

    let cases = [
        ("state_complete", json!({"plan": 3}), "invalid type"),
        ("state_complete", json!({}), "missing field `plan`"),
        (
            "state_block",
            json!({"text": "x", "bogus": 1}),
            "unknown field `bogus`",
        ),
        (
            "state_decide",
            json!({"text": "x", "plan": "02-01", "phase": "2"}),
            "cannot be used with",
        ),
        ("state_show", json!({"dry_run": true}), "dry_run"),
        (
            "state_block",
            json!({"text": "x", "dry_run": "yes"}),
            "dry_run",
        ),
        (
            "state_set",
            json!({"field": "status", "value": ""}),
            "hint:",
        ),
        (
            "state_complete",
            json!({"plan": "99-99"}),
            "not in this project",
        ),
    ];
    for (tool, args, expected) in cases {
        let result = call(&client, tool, args.clone()).await;
        assert!(
            is_error(&result),
            "{tool} {args}: not an error: {}",
            text(&result)
        );
        assert!(
            text(&result).contains(expected),
            "{tool} {args}: {:?} lacks {expected:?}",
            text(&result)
        );
        let error = &result.structured_content.as_ref().unwrap()["error"];
        assert!(error["message"].is_string(), "{error}");
    }
    assert_eq!(planning_files(&project, false), before);

    // A file gsd cannot read: the error names it, with the line and a hint.
    std::fs::write(
        project.planning().join("STATE.md"),
        b"# State\n\x00\x01\x02\xff\xfe binary \x89PNG\r\n",
    )
    .unwrap();
    let broken = planning_files(&project, false);
    let result = call(&client, "state_block", json!({"text": "Waiting"})).await;
    assert!(is_error(&result), "{}", text(&result));
    let error = &result.structured_content.as_ref().unwrap()["error"];
    assert_eq!(error["file"], ".planning/STATE.md", "{error}");
    assert_eq!(
        (&error["line"], &error["column"]),
        (&json!(2), &json!(1)),
        "{error}"
    );
    assert!(
        text(&result).contains(".planning/STATE.md:2:1: "),
        "{}",
        text(&result)
    );
    assert!(error["hint"].is_string(), "{error}");
    assert_eq!(planning_files(&project, false), broken);

    // An unknown tool is a protocol error, and the server goes on.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo/.planning/STATE.md"),
        project.planning().join("STATE.md"),
    )
    .unwrap();
    let unknown = client
        .call_tool(CallToolRequestParams::new("state_explode"))
        .await;
    assert!(unknown.is_err());
    let again = call(&client, "state_get", json!({"field": "status"})).await;
    assert!(!is_error(&again), "{}", text(&again));
    client.cancel().await.unwrap();
}

/// A client that names one root, as editors name the open folder.
#[derive(Clone)]
struct RootsClient {
    uri: String,
}

impl ClientHandler for RootsClient {
    fn get_info(&self) -> ClientConfig {
        let capabilities = ClientCapabilities::builder().enable_roots().build();
        let mut config = ClientConfig::new(capabilities, Implementation::new("roots-test", "1"));
        config.protocol_version = ProtocolVersion::V_2025_06_18;
        config
    }

    async fn list_roots(
        &self,
        _context: RequestContext<RoleClient>,
    ) -> Result<ListRootsResult, ErrorData> {
        Ok(ListRootsResult::new(vec![
            Root::new("file:///nonexistent/elsewhere"),
            Root::new(self.uri.clone()),
        ]))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_project_comes_from_the_clients_roots() {
    let project = demo();
    let elsewhere = tempfile::tempdir().unwrap();
    // A space in the folder name, so the URI is percent-encoded.
    let spaced = elsewhere.path().join("my project");
    crate::support::copy_dir(&project.planning(), &spaced.join(".planning"));
    let uri = format!("file://{}", spaced.display()).replace(' ', "%20");
    let client = RootsClient { uri }
        .serve(transport(elsewhere.path(), &[]))
        .await
        .expect("initialize");
    let result = call(&client, "state_block", json!({"text": "Waiting on keys"})).await;
    assert!(!is_error(&result), "{}", text(&result));
    let state = std::fs::read_to_string(spaced.join(".planning/STATE.md")).unwrap();
    assert!(state.contains("Waiting on keys"));
    client.cancel().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clients_and_the_cli_writing_at_once_lose_nothing() {
    const EACH: usize = 8;
    let project = demo();
    let a = client(&project).await;
    let b = client(&project).await;
    let root = project.root().to_path_buf();
    let cli = tokio::task::spawn_blocking(move || {
        for i in 0..EACH {
            let mut cmd = crate::support::gsd();
            cmd.env("GSD_LOCK_TIMEOUT", "120")
                .arg("-C")
                .arg(&root)
                .args(["-q", "state", "todo", &format!("From the CLI {i}")]);
            assert_eq!(run(&mut cmd).0, 0);
        }
    });
    let (ra, rb) = tokio::join!(todos(&a, "client A", EACH), todos(&b, "client B", EACH));
    cli.await.unwrap();
    for r in ra.iter().chain(&rb) {
        assert!(!is_error(r), "{}", text(r));
    }
    let state = project.read("STATE.md");
    for who in ["the CLI", "client A", "client B"] {
        for i in 0..EACH {
            let line = format!("From {who} {i}");
            assert_eq!(state.matches(&line).count(), 1, "{line} in\n{state}");
        }
    }
    a.cancel().await.unwrap();
    b.cancel().await.unwrap();
}

/// `n` state_todo calls in flight together on one connection; the server runs them
/// concurrently.
async fn todos(
    client: &RunningService<RoleClient, ()>,
    who: &str,
    n: usize,
) -> Vec<CallToolResult> {
    let calls = (0..n).map(|i| {
        call(
            client,
            "state_todo",
            json!({"text": format!("From {who} {i}")}),
        )
    });
    futures::future::join_all(calls).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_takes_lists_and_an_option_whose_value_may_be_left_out() {
    let project = demo();
    let client = client(&project).await;
    // `select` is a list; `write_baseline: true` is `--write-baseline` with the default path.
    let result = call(
        &client,
        "check",
        json!({"select": ["GSD1", "GSD2"], "write_baseline": true}),
    )
    .await;
    assert!(!is_error(&result), "{}", text(&result));
    let (_, cli, _) = run(project
        .gsd()
        .args(["--json", "check", "--select", "GSD1,GSD2"]));
    let baseline = project.planning().join("gsd-baseline.json");
    assert!(baseline.is_file(), "no baseline written: {}", text(&result));
    // A path of its own.
    let custom = call(
        &client,
        "check",
        json!({"write_baseline": "custom-baseline.json"}),
    )
    .await;
    assert!(!is_error(&custom), "{}", text(&custom));
    let bad = call(&client, "check", json!({"write_baseline": 3})).await;
    assert!(is_error(&bad), "{}", text(&bad));
    assert!(!cli.is_empty());
    client.cancel().await.unwrap();
}
