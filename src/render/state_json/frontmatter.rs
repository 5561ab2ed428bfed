//! STATE.md's frontmatter as JSON: scalars typed the way YAML would read them, dotted keys nested.

use crate::model::state::StateDoc;
use serde_json::{Map, Value, json};

/// The frontmatter, each scalar typed by its spelling so nothing is reinterpreted: `05` and
/// `1.0` stay strings, `12` is a number, `true` a boolean, quotes are removed. Lists and other
/// structure the line reader does not see come from the YAML parse where it succeeds.
/// Several stacked blocks merge, later keys winning; `null` without frontmatter.
pub(super) fn frontmatter_json(state: &StateDoc) -> Value {
    let doc = &state.doc;
    if doc.frontmatter.is_empty() {
        return Value::Null;
    }
    let mut out = Map::new();
    for fm in &doc.frontmatter {
        let mut block = Map::new();
        for e in &fm.entries {
            if e.value_span.is_empty() {
                continue;
            }
            let raw = doc.source.slice(e.value_span.clone());
            insert_path(&mut block, &e.key, typed_scalar(raw));
        }
        if let Some(Value::Object(yaml)) = &fm.yaml {
            for (k, v) in yaml {
                block.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        for (k, v) in block {
            out.insert(k, v);
        }
    }
    Value::Object(out)
}

/// A frontmatter scalar as JSON, by its spelling.
pub(super) fn typed_scalar(raw: &str) -> Value {
    let unquoted = crate::syntax::frontmatter::unquote(raw);
    if unquoted.len() != raw.len() {
        return json!(unquoted);
    }
    let canonical_int = raw
        .strip_prefix('-')
        .unwrap_or(raw)
        .bytes()
        .all(|b| b.is_ascii_digit())
        && !raw.is_empty()
        && raw != "-"
        && !(raw.trim_start_matches('-').starts_with('0') && raw.trim_start_matches('-').len() > 1);
    match raw {
        "true" | "True" => json!(true),
        "false" | "False" => json!(false),
        "null" | "~" => Value::Null,
        _ if canonical_int => raw.parse::<i64>().map_or_else(|_| json!(raw), |n| json!(n)),
        _ => json!(raw),
    }
}

/// A value wholly wrapped in one emphasis pair reads without it (`**v1.4 SHIPPED**` →
/// `v1.4 SHIPPED`); anything else is kept exactly as written.
pub(super) fn unemphasized(value: &str) -> &str {
    for mark in ["**", "__"] {
        if let Some(inner) = value
            .strip_prefix(mark)
            .and_then(|v| v.strip_suffix(mark))
            .filter(|inner| !inner.is_empty() && !inner.contains(mark))
        {
            return inner;
        }
    }
    value
}

pub(super) fn insert_path(map: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        Some((head, rest)) => {
            let child = map
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = child {
                insert_path(m, rest, value);
            }
        }
        None => {
            map.insert(path.to_string(), value);
        }
    }
}
