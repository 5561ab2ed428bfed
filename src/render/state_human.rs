//! `gsd state show`: a compact dashboard for people, built from the same [`StateView`] the
//! `--json` form serializes, so the two never disagree.
//!
//! One line per fact, in the order a person scans: where the project is (milestone, phase,
//! plan, status, last activity), how far along (a bar redrawn from the percent, or the file's
//! own bar when it states no percent), how fast (velocity, recent durations and trend), what is
//! in the way (open blockers and todos, first five each) and where to resume. Rows the file has
//! no value for are left out; colour comes only from the [`Palette`] (plain when off).

use anstyle::Style;
use serde_json::Value;

use super::state_json::{ItemView, StateView};
use super::style::Palette;
use crate::model::state::context::is_bare_placeholder;

/// Items listed under Blockers / Todos before "… and N more".
const LIST_MAX: usize = 5;
/// Characters of an item shown before it is cut with `…`.
const ITEM_WIDTH: usize = 90;
/// Characters of a free-text value shown before it is cut with `…`.
const VALUE_WIDTH: usize = 110;
/// Width of the redrawn progress bar.
const BAR_WIDTH: usize = 20;

/// A value as display text; absent and empty values show nothing.
fn s(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(t) if t.trim().is_empty() => None,
        Value::String(t) => Some(t.clone()),
        other => Some(other.to_string()),
    }
}

/// Renders the dashboard from the same view `--json` prints, so the two never disagree.
pub fn dashboard(view: &StateView, palette: &Palette) -> String {
    let mut out = String::new();
    let p = palette;
    let title = view
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or("STATE.md");
    out.push_str(&p.paint(p.heading, title));
    out.push_str(&p.paint(p.dim, &format!("  ({})", view.file)));
    out.push('\n');
    let before = out.len();
    position(&mut out, &view.position, p);
    progress(&mut out, &view.progress, p);
    metrics(&mut out, &view.metrics, p);
    let facts = out.len() > before;
    if !view.decisions.is_empty() {
        row(&mut out, p, "Decisions", view.decisions.len().to_string());
    }
    let lists = !view.blockers.is_empty() || !view.todos.is_empty();
    if facts || lists {
        open_items(&mut out, view.blockers.iter(), p, "Blockers", p.bad);
        open_items(&mut out, view.todos.iter(), p, "Todos", p.warn);
    }
    session(&mut out, &view.session, p);
    if !facts && !lists && view.session["last"].is_null() {
        out.push_str(&p.paint(
            p.dim,
            "  No position, progress or metrics found: the file does not follow the GSD template.\n",
        ));
    }
    out
}

fn position(out: &mut String, pos: &Value, p: &Palette) {
    if let Some(m) = s(&pos["milestone"]) {
        row(out, p, "Milestone", clip(&m));
    }
    if let Some(phase) = s(&pos["phase"]) {
        let mut v = phase;
        if let Some(t) = s(&pos["phase_total"]) {
            v.push_str(&format!(" of {t}"));
        }
        if let Some(n) = s(&pos["phase_name"]) {
            v.push_str(&format!(" · {}", clip(&n)));
        }
        if let Some(st) = s(&pos["phase_status"]) {
            v.push_str(&p.paint(p.dim, &format!(" ({st})")));
        }
        row(out, p, "Phase", v);
    }
    if let Some(plan) = s(&pos["plan"]) {
        let v = match s(&pos["plan_total"]) {
            Some(t) => format!("{} of {t}", clip(&plan)),
            None => clip(&plan),
        };
        row(out, p, "Plan", v);
    }
    if let Some(st) = s(&pos["status"]) {
        let lower = st.to_lowercase();
        let style = if lower.contains("block") || lower.contains("paused") {
            p.bad
        } else if lower.contains("complete") || lower.contains("shipped") {
            p.good
        } else {
            p.warn
        };
        row(out, p, "Status", p.paint(style, &clip(&st)));
    }
    if let Value::Object(a) = &pos["last_activity"] {
        let date = a.get("date").and_then(s);
        let text = a.get("text").and_then(s);
        // A text that already carries the date (`Phase 12 execution (2026-03-07)`) says it once.
        let v = match (date, text) {
            (Some(d), Some(t)) if !t.contains(&d) => format!("{d} — {t}"),
            (_, Some(t)) => t,
            (Some(d), None) => d,
            (None, None) => return,
        };
        row(out, p, "Activity", clip(&v));
    }
}

fn progress(out: &mut String, prog: &Value, p: &Palette) {
    let note = s(&prog["note"]).map(|n| p.paint(p.dim, &format!(" {}", clip(&n))));
    if let Some(pct) = prog["percent"].as_f64() {
        let shown = s(&prog["percent"]).unwrap_or_default();
        row(
            out,
            p,
            "Progress",
            format!("{} {shown}%{}", bar(pct, p), note.unwrap_or_default()),
        );
    } else if let Some(file_bar) = s(&prog["bar"]["text"]) {
        // No percent: show the file's own bar as written.
        row(
            out,
            p,
            "Progress",
            format!("[{file_bar}]{}", note.unwrap_or_default()),
        );
    } else if let Some(n) = s(&prog["note"]) {
        row(out, p, "Progress", clip(&n));
    }
}

fn metrics(out: &mut String, m: &Value, p: &Palette) {
    let mut velocity = Vec::new();
    if let Some(n) = m["plans_completed"].as_u64() {
        velocity.push(format!("{n} plan{}", if n == 1 { "" } else { "s" }));
    }
    if let Some(a) = s(&m["average_minutes"]) {
        velocity.push(format!("{a} min avg"));
    }
    if let Some(h) = m["total_hours"].as_f64() {
        let h = format!("{h:.2}");
        velocity.push(format!(
            "{} h total",
            h.trim_end_matches('0').trim_end_matches('.')
        ));
    }
    if !velocity.is_empty() {
        row(out, p, "Velocity", velocity.join(" · "));
    }
    // The Last-N list, else the durations of the last tool-written plan rows.
    let mut recent: Vec<String> = m["recent"]
        .as_array()
        .map(|r| r.iter().filter_map(s).map(|x| format!("{x}m")).collect())
        .unwrap_or_default();
    if recent.is_empty()
        && let Some(rows) = m["plan_rows"].as_array()
    {
        let mins: Vec<String> = rows
            .iter()
            .filter_map(|r| s(&r["minutes"]))
            .map(|x| format!("{x}m"))
            .collect();
        recent = mins[mins.len().saturating_sub(LIST_MAX)..].to_vec();
    }
    let trend = s(&m["trend"]);
    if !recent.is_empty() || trend.is_some() {
        let mut v = recent.join(", ");
        if let Some(t) = trend.as_deref().map(clip) {
            let t = if v.is_empty() { t } else { format!("  ({t})") };
            v.push_str(&p.paint(p.dim, &t));
        }
        row(out, p, "Recent", v);
    }
}

fn open_items<'a>(
    out: &mut String,
    items: impl Iterator<Item = ItemView<'a>>,
    p: &Palette,
    label: &str,
    style: Style,
) {
    let open: Vec<std::borrow::Cow<'a, str>> = items
        .filter(|i| !i.resolved && !i.text.trim().is_empty())
        .map(|i| i.text)
        .collect();
    if open.is_empty() {
        row(out, p, label, p.paint(p.dim, "none open"));
        return;
    }
    row(
        out,
        p,
        label,
        p.paint(style, &format!("{} open", open.len())),
    );
    for item in open.iter().take(LIST_MAX) {
        out.push_str(&format!(
            "            • {}\n",
            truncate(&plain(item), ITEM_WIDTH)
        ));
    }
    if open.len() > LIST_MAX {
        out.push_str(&p.paint(
            p.dim,
            &format!("            … and {} more\n", open.len() - LIST_MAX),
        ));
    }
}

fn session(out: &mut String, ses: &Value, p: &Palette) {
    let last = s(&ses["last"]);
    let stopped = s(&ses["stopped_at"]);
    if last.is_some() || stopped.is_some() {
        let v = [last, stopped].into_iter().flatten().collect::<Vec<_>>();
        row(out, p, "Session", clip(&v.join(" — ")));
    }
    if let Some(r) = s(&ses["resume_file"]).filter(|r| !is_none(r)) {
        row(out, p, "Resume", clip(r.trim_matches('`')));
    }
    if let Some(n) = s(&ses["next"]) {
        row(out, p, "Next", clip(&n));
    }
}

/// `None`, `—`, `` `None` ``, `(none)`: a resume pointer that points nowhere (the State
/// model's "nothing here" placeholders, in backticks or not).
fn is_none(text: &str) -> bool {
    let t = text.trim().trim_matches('`');
    t.trim().is_empty() || is_bare_placeholder(t)
}

fn row(out: &mut String, p: &Palette, label: &str, value: String) {
    out.push_str(&format!(
        "  {} {value}\n",
        p.paint(p.accent, &format!("{label:<9}"))
    ));
}

fn bar(pct: f64, p: &Palette) -> String {
    let filled = crate::model::state::progress::filled_glyphs(BAR_WIDTH, pct);
    format!(
        "[{}{}]",
        p.paint(p.good, &"█".repeat(filled)),
        p.paint(p.dim, &"░".repeat(BAR_WIDTH - filled))
    )
}

/// A free-text value made compact for one dashboard row.
fn clip(text: &str) -> String {
    truncate(&plain(text), VALUE_WIDTH)
}

/// Markdown emphasis markers dropped for display (`**ISS-002**:` → `ISS-002:`).
fn plain(text: &str) -> String {
    text.replace("**", "").replace("__", "")
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StateDoc;
    use crate::render::state_json::state_view;
    use crate::source::Source;

    fn render(text: &str, color: bool) -> String {
        let state = StateDoc::parse(Source::new("S", text.to_string()));
        dashboard(&state_view(&state, "f"), &Palette::new(color))
    }

    #[test]
    fn plain_palette_has_no_escapes_and_colour_does() {
        let text =
            "# S\n\n## Current Position\n\nStatus: Blocked on API\n\nProgress: [████░░░░░░] 40%\n";
        let plain_out = render(text, false);
        assert!(!plain_out.contains('\u{1b}'));
        assert!(plain_out.contains("[████████░░░░░░░░░░░░] 40%"));
        assert!(render(text, true).contains('\u{1b}'));
    }

    #[test]
    fn resume_pointers_to_nowhere_are_not_shown() {
        for none in [
            "",
            "None",
            "`None`",
            "(none)",
            "—",
            "N/A",
            "Nenhum",
            "None yet.",
        ] {
            assert!(is_none(none), "{none:?}");
        }
        for path in [
            "`.planning/phases/02-x/02-01-PLAN.md`",
            "None of the above.md",
        ] {
            assert!(!is_none(path), "{path:?}");
        }
    }

    #[test]
    fn a_file_without_template_fields_says_so() {
        assert!(render("just some notes\n", false).contains("does not follow the GSD template"));
    }
}
