//! `gsd project show`: PROJECT.md at a glance, rendered from the JSON view
//! ([`super::project_json`]) so the two never disagree.
//!
//! In the order a person asks: what the project is and why (what this is, core value,
//! current milestone), how much of it is proven (requirements per group, versioned groups
//! apart, the active ones listed), its limits (constraints by label), the decisions and how
//! they turned out (counts by outcome, pending and revisit ones listed), and when the file
//! was last brought up to date.

use serde_json::Value;

use super::style::Palette;

/// Items listed under a row before "… and N more".
const LIST_MAX: usize = 5;
/// Characters of a listed item before it is cut with `…`.
const ITEM_WIDTH: usize = 90;
/// Characters of a free-text value before it is cut with `…`.
const VALUE_WIDTH: usize = 110;

/// Renders the view.
pub fn project_dashboard(view: &Value, p: &Palette) -> String {
    let mut out = String::new();
    let title = text(&view["title"]).unwrap_or_else(|| "PROJECT.md".to_string());
    out.push_str(&p.paint(p.heading, &title));
    out.push_str(&p.paint(
        p.dim,
        &format!("  ({})", view["file"].as_str().unwrap_or("")),
    ));
    out.push('\n');
    for (label, key) in [
        ("What", "what_this_is"),
        ("Core value", "core_value"),
        ("Milestone", "current_milestone"),
    ] {
        if let Some(v) = text(&view[key]) {
            row(&mut out, p, label, clip(&v, VALUE_WIDTH));
        }
    }
    requirements(&mut out, &view["requirements"], p);
    constraints(&mut out, &view["constraints"], p);
    decisions(&mut out, &view["key_decisions"], p);
    if let Some(date) = text(&view["last_updated"]["date"]) {
        let v = match text(&view["last_updated"]["text"]) {
            Some(t) => format!("{date} {}", clip(&t, VALUE_WIDTH)),
            None => date,
        };
        row(&mut out, p, "Updated", v);
    } else if let Some(f) = text(&view["footer"]) {
        row(&mut out, p, "Footer", clip(&f, VALUE_WIDTH));
    }
    out
}

fn requirements(out: &mut String, req: &Value, p: &Palette) {
    let Some(groups) = req["groups"].as_array().filter(|g| !g.is_empty()) else {
        row(out, p, "Requirements", p.paint(p.dim, "none found"));
        return;
    };
    for (kind, label, style) in [
        ("validated", "Validated", p.good),
        ("active", "Active", p.warn),
        ("out_of_scope", "Out of scope", p.dim),
        ("other", "Other", p.dim),
    ] {
        let of_kind: Vec<&Value> = groups.iter().filter(|g| g["kind"] == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let total = req["counts"][kind].as_u64().unwrap_or(0);
        let name = |g: &Value| {
            text(&g["version"]).unwrap_or_else(|| g["title"].as_str().unwrap_or("").to_string())
        };
        let mut v = p.paint(style, &total.to_string());
        match of_kind.as_slice() {
            // One group: its version (or placeholder) beside the count.
            [g] => {
                if let Some(ver) = text(&g["version"]) {
                    v.push_str(&p.paint(p.dim, &format!(" ({})", clip(&ver, 40))));
                } else if let Some(ph) = text(&g["placeholder"]) {
                    v.push_str(&p.paint(p.dim, &format!(" {}", clip(&ph, 60))));
                }
            }
            // Versioned groups are counted apart: `4  3 (v1.0 — shipped) · 1 (v0.9)`.
            groups => {
                let parts: Vec<String> = groups
                    .iter()
                    .map(|g| format!("{} ({})", g["count"], clip(&name(g), 40)))
                    .collect();
                v.push_str(&p.paint(p.dim, &format!("  {}", parts.join(" · "))));
            }
        }
        row(out, p, label, v);
        if kind == "active" {
            let open: Vec<String> = of_kind
                .iter()
                .flat_map(|g| g["items"].as_array().into_iter().flatten())
                .filter(|i| i["done"] != Value::Bool(true))
                .filter_map(|i| text(&i["text"]))
                .collect();
            list(out, p, &open);
        }
    }
}

fn constraints(out: &mut String, c: &Value, p: &Palette) {
    let Some(items) = c.as_array().filter(|i| !i.is_empty()) else {
        return;
    };
    let labels: Vec<String> = items.iter().filter_map(|i| text(&i["label"])).collect();
    let v = if labels.len() == items.len() {
        format!(
            "{} · {}",
            items.len(),
            clip(&labels.join(", "), VALUE_WIDTH)
        )
    } else {
        items.len().to_string()
    };
    row(out, p, "Constraints", v);
}

fn decisions(out: &mut String, kd: &Value, p: &Palette) {
    if kd.is_null() {
        return;
    }
    let c = &kd["counts"];
    let mut parts = Vec::new();
    for (key, style) in [
        ("good", p.good),
        ("revisit", p.bad),
        ("pending", p.warn),
        ("other", p.dim),
    ] {
        let n = c[key].as_u64().unwrap_or(0);
        if n > 0 {
            parts.push(p.paint(style, &format!("{n} {key}")));
        }
    }
    let total = c["total"].as_u64().unwrap_or(0);
    let v = if parts.is_empty() {
        total.to_string()
    } else {
        format!("{total} · {}", parts.join(", "))
    };
    row(out, p, "Decisions", v);
    let open: Vec<String> = kd["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["outcome_kind"] == "pending" || r["outcome_kind"] == "revisit")
        .filter_map(|r| {
            let d = text(&r["decision"])?;
            Some(match text(&r["outcome"]) {
                Some(o) => format!("{d} ({o})"),
                None => d,
            })
        })
        .collect();
    list(out, p, &open);
}

fn list(out: &mut String, p: &Palette, items: &[String]) {
    for item in items.iter().take(LIST_MAX) {
        out.push_str(&format!("               • {}\n", clip(item, ITEM_WIDTH)));
    }
    if items.len() > LIST_MAX {
        out.push_str(&p.paint(
            p.dim,
            &format!("               … and {} more\n", items.len() - LIST_MAX),
        ));
    }
}

fn row(out: &mut String, p: &Palette, label: &str, value: String) {
    out.push_str(&format!(
        "  {} {value}\n",
        p.paint(p.accent, &format!("{label:<12}"))
    ));
}

/// A value as display text; absent and empty values are `None`.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// One line of display text: Markdown emphasis dropped, cut with `…` past `max` characters.
fn clip(text: &str, max: usize) -> String {
    let plain = text.replace("**", "").replace("__", "");
    if plain.chars().count() <= max {
        plain
    } else {
        let mut t: String = plain.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}
