//! GSD205–GSD206, and the reading of qualified values the metrics rules share: the written
//! text of Performance Metrics (how many recent durations, whether each duration reads),
//! as opposed to the sums GSD201–GSD204 check.

use std::ops::Range;

use crate::check::{Diagnostic, PlanningFile};
use crate::model::state::Metrics;
use crate::model::state::metrics::leading_duration;
use crate::model::values::{first_integer, parse_minutes};
use crate::syntax::Doc;

/// Whether the value says it is not the plain derived number: approximate (`~28 min`,
/// `about 5 min`) or qualified (`8min (automated only)`, `8min + manual`, `excluding …`).
pub(super) fn approximate(text: &str) -> bool {
    const QUALIFIERS: &[&str] = &[
        "approx",
        "approximately",
        "about",
        "around",
        "roughly",
        "est",
        "estimated",
        "only",
        "excl",
        "excluding",
        "except",
        "without",
        "auto",
        "automated",
        "manual",
    ];
    let lower = text.to_lowercase();
    text.trim_start().starts_with(['~', '≈'])
        || text.contains('+')
        || lower.contains("approx")
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| QUALIFIERS.contains(&w))
}

pub(super) fn recent(doc: &Doc, m: &Metrics, out: &mut Vec<Diagnostic>) {
    let Some(recent) = &m.recent else { return };
    let label = recent.field.label(doc).to_lowercase();
    let window = if label.contains("last plan") && !label.contains("plans") {
        1
    } else {
        first_integer(&label).map_or(5, |(n, _)| n as usize)
    };
    if recent.items.len() <= window || window == 0 {
        return;
    }
    let extra: Range<usize> =
        recent.items[window].0.start..recent.items.last().expect("non-empty").0.end;
    out.push(
        Diagnostic::new(
            "GSD205",
            PlanningFile::State,
            extra,
            format!(
                "`{}` lists {} durations, {} more than its window",
                recent.field.label(doc),
                recent.items.len(),
                recent.items.len() - window
            ),
        )
        .help(format!("keep only the {window} most recent durations")),
    );
}

/// Whether a duration text is a placeholder rather than a value: it has no digit (`-`, `N/A`,
/// `TBD`, `pending`, `?`) or holds a template slot (`[X] min`).
pub(super) fn placeholder(text: &str) -> bool {
    text.contains('[') || !text.chars().any(|c| c.is_ascii_digit())
}

/// Whether a duration reads, bounds included: `<1 min` and `≥2 hours` are durations.
pub(super) fn readable(text: &str) -> bool {
    let t = text
        .trim_start()
        .trim_start_matches(['<', '>', '≤', '≥', '~', '≈'])
        .trim_start_matches('=')
        .trim_start();
    parse_minutes(t).is_some() || leading_duration(t).is_some()
}

pub(super) fn unreadable(doc: &Doc, m: &Metrics, out: &mut Vec<Diagnostic>) {
    let mut flag = |span: Range<usize>, what: &str| {
        let text = doc.text(span.clone()).to_string();
        out.push(
            Diagnostic::new(
                "GSD206",
                PlanningFile::State,
                span,
                format!("{what} `{text}` is not a duration gsd can read"),
            )
            .help("write durations like `12 min`, `12min`, `1h 5m` or `0.3 hours`"),
        );
    };
    for (field, what) in [
        (&m.average, "Average duration"),
        (&m.total_time, "Total execution time"),
    ] {
        if let Some(f) = field {
            let v = f.value(doc);
            if !placeholder(v) && !approximate(v) && !readable(v) {
                flag(f.value.clone(), what);
            }
        }
    }
    if let Some(t) = &m.by_phase {
        for row in t.rows.iter().filter(|r| !r.is_placeholder(doc)) {
            for col in [row.total, row.average].into_iter().flatten() {
                if let Some(cell) = row.cells.get(col) {
                    let v = doc.text(cell.text.clone());
                    if !placeholder(v) && !readable(v) {
                        flag(cell.text.clone(), "the By Phase cell");
                    }
                }
            }
        }
    }
    if let Some(recent) = &m.recent {
        for (span, mins) in &recent.items {
            let item = doc.text(span.clone());
            // `06-02, 06-03`: a list of the recent plans, not of their durations.
            let names_a_plan = crate::model::ids::plan_ids_in(item)
                .first()
                .is_some_and(|id| item.trim_start().starts_with(&id.to_string()));
            if mins.is_none() && !placeholder(item) && !names_a_plan && !readable(item) {
                flag(span.clone(), "the recent-trend item");
            }
        }
    }
}
