//! `gsd state show`: a compact dashboard for people, built from the same JSON value the
//! `--json` form prints, so the two never disagree.

use serde_json::Value;

use super::style::Palette;

fn s(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(t) => Some(t.clone()),
        other => Some(other.to_string()),
    }
}

/// Renders the dashboard from `state_json` output.
pub fn dashboard(json: &Value, palette: &Palette) -> String {
    let mut out = String::new();
    let p = palette;
    let title = s(&json["title"]).unwrap_or_else(|| "STATE.md".to_string());
    out.push_str(&p.paint(p.heading, &title));
    out.push_str(&p.paint(
        p.dim,
        &format!("  ({})", s(&json["file"]).unwrap_or_default()),
    ));
    out.push('\n');

    let pos = &json["position"];
    if let Some(m) = s(&pos["milestone"]) {
        row(&mut out, p, "Milestone", m);
    }
    if let Some(phase) = s(&pos["phase"]) {
        let mut v = phase;
        if let Some(t) = s(&pos["phase_total"]) {
            v.push_str(&format!(" of {t}"));
        }
        if let Some(n) = s(&pos["phase_name"]) {
            v.push_str(&format!(" · {n}"));
        }
        row(&mut out, p, "Phase", v);
    }
    if let Some(plan) = s(&pos["plan"]) {
        let v = match s(&pos["plan_total"]) {
            Some(t) => format!("{plan} of {t}"),
            None => plan,
        };
        row(&mut out, p, "Plan", v);
    }
    if let Some(st) = s(&pos["status"]) {
        let lower = st.to_lowercase();
        let style = if lower.contains("complete") || lower.contains("shipped") {
            p.good
        } else if lower.contains("block") || lower.contains("paused") {
            p.bad
        } else {
            p.warn
        };
        row(&mut out, p, "Status", p.paint(style, &st));
    }
    if let Value::Object(a) = &pos["last_activity"] {
        let v = [a.get("date").and_then(s), a.get("text").and_then(s)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" — ");
        row(&mut out, p, "Activity", v);
    }
    let prog = &json["progress"];
    if let Some(pct) = prog["percent"].as_u64() {
        row(
            &mut out,
            p,
            "Progress",
            format!("{} {pct}%", bar(pct, 20, p)),
        );
    } else if let Some(note) = s(&prog["note"]) {
        row(&mut out, p, "Progress", note);
    }

    let m = &json["metrics"];
    let mut velocity = Vec::new();
    if let Some(n) = s(&m["plans_completed"]) {
        velocity.push(format!("{n} plans"));
    }
    if let Some(a) = s(&m["average_minutes"]) {
        velocity.push(format!("{a} min avg"));
    }
    if let Some(h) = s(&m["total_hours"]) {
        velocity.push(format!("{h} h total"));
    }
    if !velocity.is_empty() {
        row(&mut out, p, "Velocity", velocity.join(" · "));
    }
    if let Value::Array(recent) = &m["recent"]
        && !recent.is_empty()
    {
        let mut v = recent
            .iter()
            .filter_map(s)
            .map(|x| format!("{x}m"))
            .collect::<Vec<_>>()
            .join(", ");
        if let Some(t) = s(&m["trend"]) {
            v.push_str(&p.paint(p.dim, &format!("  ({t})")));
        }
        row(&mut out, p, "Recent", v);
    }
    if let Value::Array(d) = &json["decisions"] {
        row(&mut out, p, "Decisions", d.len().to_string());
    }
    let open = |key: &str| -> Vec<String> {
        json[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|i| i["resolved"] != Value::Bool(true))
                    .filter_map(|i| s(&i["text"]))
                    .collect()
            })
            .unwrap_or_default()
    };
    for (label, key) in [("Blockers", "blockers"), ("Todos", "todos")] {
        let items = open(key);
        if items.is_empty() {
            row(&mut out, p, label, p.paint(p.dim, "none open"));
        } else {
            row(&mut out, p, label, format!("{} open", items.len()));
            for item in items.iter().take(5) {
                out.push_str(&format!("            • {}\n", truncate(item, 90)));
            }
            if items.len() > 5 {
                out.push_str(&p.paint(
                    p.dim,
                    &format!("            … and {} more\n", items.len() - 5),
                ));
            }
        }
    }
    let ses = &json["session"];
    if let Some(last) = s(&ses["last"]) {
        let mut v = last;
        if let Some(st) = s(&ses["stopped_at"]) {
            v.push_str(&format!(" — {st}"));
        }
        row(&mut out, p, "Session", v);
    }
    if let Some(r) = s(&ses["resume_file"]).filter(|r| !r.eq_ignore_ascii_case("none")) {
        row(&mut out, p, "Resume", r);
    }
    out
}

fn row(out: &mut String, p: &Palette, label: &str, value: String) {
    out.push_str(&format!(
        "  {} {value}\n",
        p.paint(p.accent, &format!("{label:<9}"))
    ));
}

fn bar(pct: u64, width: usize, p: &Palette) -> String {
    let filled = ((pct.min(100) as usize * width) + 50) / 100;
    format!(
        "[{}{}]",
        p.paint(p.good, &"█".repeat(filled)),
        p.paint(p.dim, &"░".repeat(width - filled))
    )
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}
