//! `gsd check --format json`: a stable, versioned document for scripts.
//!
//! `{"version": 1, "summary": {errors, warnings, fixable, baselined?, hidden_warnings?},
//! "diagnostics": [{code, name, severity, message, help,
//! file, start {line, column}, end {line, column}, fix {title, edits [{start, end,
//! replacement}]} | null}]}`. Lines and columns are 1-based, columns in characters; the end
//! is exclusive. Edit offsets are byte offsets into the file as read.

use serde_json::{Value, json};

use crate::check::{Located, Summary};

/// The JSON format's version; bumped only on an incompatible change.
pub const VERSION: u32 = 1;

pub fn render(located: &[Located], summary: Summary) -> String {
    let diagnostics: Vec<Value> = located
        .iter()
        .map(|l| {
            let d = l.diagnostic;
            let rule = d.rule();
            json!({
                "code": d.code,
                "name": rule.name,
                "severity": d.severity().as_str(),
                "message": d.message,
                "help": d.help,
                "file": l.path,
                "start": {"line": l.line, "column": l.column},
                "end": {"line": l.end_line, "column": l.end_column},
                "fix": d.fix.as_ref().map(|f| json!({
                    "applicability": "safe",
                    "title": f.title,
                    "edits": f.edits.iter().map(|e| json!({
                        "start": e.range.start,
                        "end": e.range.end,
                        "replacement": e.replacement,
                    })).collect::<Vec<_>>(),
                })),
            })
        })
        .collect();
    let mut counts = json!({
        "errors": summary.errors,
        "warnings": summary.warnings,
        "fixable": summary.fixable,
    });
    // Only when a baseline was read or `-q` hid warnings, so other runs keep their shape.
    if let Some(n) = summary.baselined {
        counts["baselined"] = json!(n);
    }
    if summary.hidden_warnings > 0 {
        counts["hidden_warnings"] = json!(summary.hidden_warnings);
    }
    let doc = json!({
        "version": VERSION,
        "summary": counts,
        "diagnostics": diagnostics,
    });
    let mut text = serde_json::to_string_pretty(&doc).expect("JSON values serialize");
    text.push('\n');
    text
}
