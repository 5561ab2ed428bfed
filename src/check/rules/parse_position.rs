//! GSD001: STATE.md records no position at all, in any shape gsd or a person would read
//! as one.

use crate::check::{Diagnostic, PlanningFile};
use crate::model::StateDoc;

/// Whether a line records the position in a shape the model does not read: a heading such as
/// `## Current Phase` or `## Estado actual`, a table row (`| Phase | 3 of 5 |`), or a label
/// in another language (`Fase: 2`, `Phase actuelle :`, `Aktuelle Phase:`, `阶段:`).
pub(super) fn names_position(line: &str) -> bool {
    const WORDS: &[&str] = &[
        "current phase",
        "current position",
        "current status",
        "current state",
        "phase",
        "fase",
        "etapa",
        "estado",
        "estado actual",
        "posición",
        "posicion",
        "posição",
        "phase actuelle",
        "position actuelle",
        "état",
        "aktuelle phase",
        "aktueller stand",
        "stand",
        "stato",
        "fase attuale",
        "阶段",
        "当前阶段",
        "当前位置",
        "フェーズ",
        "現在のフェーズ",
        "단계",
        "현재 단계",
    ];
    let t = line.trim();
    let label = if let Some(h) = t.strip_prefix('#') {
        h.trim_start_matches('#')
    } else if let Some(row) = t.strip_prefix('|') {
        row.split('|').next().unwrap_or("")
    } else {
        match t.find([':', '：']) {
            Some(i) => &t[..i],
            None => return false,
        }
    };
    let label = label
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '-' | '`'))
        .to_lowercase();
    WORDS.contains(&label.as_str())
}

pub(super) fn missing_position(state: &StateDoc, out: &mut Vec<Diagnostic>) {
    let p = &state.position;
    if p.section.is_some()
        || p.phase.is_some()
        || p.plan.is_some()
        || p.status.is_some()
        || p.progress.is_some()
    {
        return;
    }
    let doc = &state.doc;
    // Between milestones the position can live in the frontmatter alone (`status: complete`).
    if doc
        .frontmatter
        .first()
        .is_some_and(|fm| fm.get("status").is_some())
    {
        return;
    }
    if (0..doc.kinds.len()).any(|i| names_position(doc.line(i))) {
        return;
    }
    let first = (0..doc.kinds.len()).find(|&i| !doc.line(i).trim().is_empty());
    let span = first.map_or(0..0, |i| {
        let start = doc.line_start(i);
        start..start + doc.line(i).trim_end().len()
    });
    out.push(
        Diagnostic::new(
            "GSD001",
            PlanningFile::State,
            span,
            "STATE.md has no Current Position (no section, and no Phase, Plan, Status or Progress line)"
                .into(),
        )
        .help("add a `## Current Position` section with `Phase:`, `Plan:`, `Status:` and `Progress:` lines"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_in_other_shapes_are_seen() {
        for line in [
            "## Current Phase",
            "| Phase | 3 of 5 |",
            "**Fase:** 2 de 4",
            "Phase actuelle : 2",
            "- **Aktuelle Phase**: 3",
            "阶段: 2",
        ] {
            assert!(names_position(line), "{line}");
        }
        assert!(!names_position("## Decisions"));
        assert!(!names_position("Some prose: with a colon"));
        let c = crate::check::rules::testing::codes(
            "# State\n\n## Current Phase\n\nWorking on the API.\n",
        );
        assert!(!c.iter().any(|(c, _)| *c == "GSD001"), "{c:?}");
    }
}
