//! The STATE.md edits adding or removing a phase makes: a note in `### Roadmap Evolution`
//! and the phase totals (`Phase: N of M`, the frontmatter's `total_phases`).

use crate::edit::Edit;
use crate::model::state::StateDoc;
use crate::ops::frontmatter;
use crate::ops::insert::insert_after_line;
use crate::syntax::LineKind;

/// A bullet at the end of STATE.md's `### Roadmap Evolution` list, where the file keeps one.
pub(crate) fn evolution_edits(state: &StateDoc, note: &str) -> Vec<Edit> {
    let doc = &state.doc;
    let Some(section) = doc.sections.iter().find(|s| {
        doc.title(s)
            .to_ascii_lowercase()
            .contains("roadmap evolution")
    }) else {
        return Vec::new();
    };
    let last_item =
        section.own.clone().rev().find(|&i| {
            doc.kinds[i] != LineKind::Code && doc.line(i).trim_start().starts_with("- ")
        });
    match last_item {
        Some(i) => vec![insert_after_line(doc, i, &[format!("- {note}")])],
        None => vec![insert_after_line(
            doc,
            section.line,
            &[String::new(), format!("- {note}")],
        )],
    }
}

/// Phase counts before and after the change: integer phases (what `Phase: N of M` counts)
/// and all phases (what the frontmatter's `total_phases` counts).
pub(crate) struct Totals {
    pub integers: (u64, u64),
    pub all: (u64, u64),
    /// The highest integer phase, before and after (`of M` in roadmaps that number on from
    /// earlier milestones means the last phase).
    pub highest: (u64, u64),
}

/// `Phase: N of M` and the frontmatter's `total_phases`, where they hold the count before
/// the change (a count that already differs is the author's and stays).
pub(crate) fn phase_total_edits(state: &StateDoc, t: &Totals) -> Vec<Edit> {
    let doc = &state.doc;
    let mut edits = Vec::new();
    if let Some(line) = &state.position.phase
        && let Some(r) = &line.total
    {
        let m = doc.text(r.clone()).trim().parse::<u64>().ok();
        if t.integers.0 != t.integers.1 && m == Some(t.integers.0) {
            edits.push(Edit::replace(r.clone(), t.integers.1.to_string()));
        } else if t.highest.0 != t.highest.1 && m == Some(t.highest.0) {
            edits.push(Edit::replace(r.clone(), t.highest.1.to_string()));
        }
    }
    let fm =
        frontmatter::get(doc, "progress.total_phases").and_then(|v| v.trim().parse::<u64>().ok());
    if fm == Some(t.all.0) {
        edits.extend(frontmatter::set(
            doc,
            "progress.total_phases",
            &t.all.1.to_string(),
        ));
    }
    edits
}
