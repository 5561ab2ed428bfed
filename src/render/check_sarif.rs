//! `gsd check --format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.
//!
//! One run; `tool.driver.rules` lists every rule (sorted by code) with its docs; each result
//! has `ruleId`, `ruleIndex`, `level`, a 1-based region with `columnKind` set to
//! `unicodeCodePoints` (columns count characters), and safe fixes as `artifactChanges`.

use serde_json::{Value, json};

use crate::check::{FileKind, Located, Severity, all_rules};
use crate::source::Source;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `source_of(file)` gives the file a fix edits, to turn byte offsets into regions.
pub fn render<'a>(
    located: &[Located],
    source_of: impl Fn(FileKind) -> Option<&'a Source>,
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
                        "artifactLocation": {"uri": l.path},
                        "region": {
                            "startLine": l.line,
                            "startColumn": l.column,
                            "endLine": l.end_line,
                            "endColumn": l.end_column,
                        }
                    }
                }],
            });
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
                        "artifactLocation": {"uri": l.path},
                        "replacements": replacements,
                    }],
                }]);
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "gsd",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rule_list,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&doc).expect("JSON values serialize");
    text.push('\n');
    text
}
