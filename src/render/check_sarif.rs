//! `gsd check --format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.
//!
//! One run; `tool.driver.rules` lists every rule (sorted by code) with its docs; each result
//! has `ruleId`, `ruleIndex`, `level`, a 1-based region with `columnKind` set to
//! `unicodeCodePoints` (columns count characters), and safe fixes as `artifactChanges`.
//! Paths are relative to the repository root, named `%SRCROOT%` in `originalUriBaseIds`, as
//! code scanning expects. When gsd cannot check, [`render_failure`] gives a valid log with no
//! results and the error as a tool execution notification, so an upload step still works.

use serde_json::{Value, json};

use crate::check::{Located, PlanningFile, Severity, all_rules};
use crate::source::Source;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The base every artifact URI is relative to.
const SRCROOT: &str = "%SRCROOT%";

/// An artifact location relative to [`SRCROOT`].
fn artifact(path: &str) -> Value {
    json!({"uri": uri_escape(path), "uriBaseId": SRCROOT})
}

/// `source_of(file)` gives the file a fix edits, to turn byte offsets into regions;
/// `srcroot` is the repository root's `file://` URI (ending in `/`). `baselined`: how many
/// findings a baseline left out, when one was read; each result is then `baselineState`
/// `new`, and the run's `properties` say how many were left out.
pub fn render<'a>(
    located: &[Located],
    source_of: impl Fn(PlanningFile) -> Option<&'a Source>,
    srcroot: &str,
    baselined: Option<usize>,
) -> String {
    let rules = all_rules();
    let rule_list: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.what},
                "help": {"text": r.fix, "markdown": r.docs()},
                "defaultConfiguration": {"level": level(r.severity)},
                "properties": {"fixable": r.fixable},
            })
        })
        .collect();
    let results: Vec<Value> = located
        .iter()
        .map(|l| {
            let d = l.diagnostic;
            let index = rules.iter().position(|r| r.code == d.code);
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": index,
                "level": level(d.severity()),
                "message": {"text": match &d.help {
                    Some(h) => format!("{} (help: {h})", d.message),
                    None => d.message.clone(),
                }},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact(&l.path),
                        "region": {
                            "startLine": l.line,
                            "startColumn": l.column,
                            "endLine": l.end_line,
                            "endColumn": l.end_column,
                        }
                    }
                }],
            });
            if baselined.is_some() {
                result["baselineState"] = json!("new");
            }
            if let (Some(fix), Some(source)) = (&d.fix, source_of(d.file)) {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let (sl, sc) = source.line_col(e.range.start);
                        let (el, ec) = source.line_col(e.range.end);
                        json!({
                            "deletedRegion": {
                                "startLine": sl, "startColumn": sc,
                                "endLine": el, "endColumn": ec,
                            },
                            "insertedContent": {"text": e.replacement},
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": {"text": fix.title},
                    "artifactChanges": [{
                        "artifactLocation": artifact(&l.path),
                        "replacements": replacements,
                    }],
                }]);
            }
            result
        })
        .collect();
    let mut doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver(rule_list)},
            "invocations": [{"executionSuccessful": true}],
            "originalUriBaseIds": {SRCROOT: {"uri": srcroot}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    if let Some(n) = baselined {
        doc["runs"][0]["properties"] = json!({"baselined": n});
    }
    pretty(&doc)
}

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn driver(rules: Vec<Value>) -> Value {
    json!({
        "name": "gsd",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    })
}

fn pretty(doc: &Value) -> String {
    let mut text = serde_json::to_string_pretty(doc).expect("JSON values serialize");
    text.push('\n');
    text
}

/// A `file://` URI for an absolute folder, ending in `/` (SARIF `originalUriBaseIds`).
pub fn folder_uri(dir: &std::path::Path) -> String {
    let mut path = dir.to_string_lossy().replace('\\', "/");
    if !path.starts_with('/') {
        path.insert(0, '/'); // `C:/repo` -> `/C:/repo`
    }
    if !path.ends_with('/') {
        path.push('/');
    }
    format!("file://{}", uri_escape(&path))
}

/// Percent-encodes what a URI path may not hold as is (spaces, `%`, `#`, `?`, non-ASCII).
pub fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The log of a run that could not check: no results, the error as a notification, exit
/// code 2.
pub fn render_failure(message: &str) -> String {
    pretty(&json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver(Vec::new())},
            "invocations": [{
                "executionSuccessful": false,
                "exitCode": 2,
                "toolExecutionNotifications": [{
                    "level": "error",
                    "message": {"text": message},
                }],
            }],
            "results": [],
        }],
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_escaped() {
        assert_eq!(uri_escape("my app/ü#1"), "my%20app/%C3%BC%231");
        assert_eq!(folder_uri(std::path::Path::new("/r s")), "file:///r%20s/");
    }
}
