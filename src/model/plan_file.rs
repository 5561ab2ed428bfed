//! What a plan's PLAN.md says of itself: its title and the plans it must wait for.
//!
//! The workflow writes each PLAN.md with a frontmatter that names its `wave` and the plans it
//! `depends_on` (`depends_on: ["02-01", "02-02"]`, `depends_on: [01]`, `depends_on: []`).
//! Finishing a plan therefore says its prerequisites are finished too, even where they left
//! no SUMMARY behind, and says nothing of plans that run beside it in the same wave.

use crate::model::ids::{PhaseNum, PlanId};
use crate::source::Source;
use crate::syntax::Doc;

/// The title of a PLAN.md: its first heading without a leading `Plan 02-02:` / `02-02:`.
pub fn plan_title(plan_md: &str) -> Option<String> {
    let heading = plan_md
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("# "))?
        .trim_start_matches('#')
        .trim();
    let rest = heading.strip_prefix("Plan ").unwrap_or(heading);
    let id_end = rest
        .find(|c: char| c.is_whitespace() || c == ':')
        .unwrap_or(rest.len());
    let rest = if PlanId::parse(&rest[..id_end]).is_some() {
        &rest[id_end..]
    } else {
        heading
    };
    let title = rest
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '—' | '-'))
        .trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// The plans a PLAN.md's frontmatter says it depends on, as ids (a bare number is a plan of
/// `phase`, the plan's own phase; `02-01-PLAN.md` is read as `02-01`). `None` when the file
/// has no frontmatter `depends_on` (older plans, written before waves: they run in order);
/// `Some(vec![])` for a plan that waits for nothing (`depends_on: []`, or an empty value).
/// Entries that name no plan (`"phase 2"`, a file that is not a plan) are left out.
pub fn depends_on(plan_md: &str, phase: &PhaseNum) -> Option<Vec<PlanId>> {
    let doc = Doc::parse(Source::new("PLAN.md", plan_md.to_string()));
    let yaml = doc.frontmatter.iter().find_map(|fm| fm.yaml.as_ref())?;
    let value = ["depends_on", "depends-on", "dependencies"]
        .iter()
        .find_map(|k| yaml.get(*k))?;
    let items: Vec<String> = match value {
        serde_json::Value::Null => Vec::new(),
        serde_json::Value::Array(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other)
            .map(|s| s.split(',').map(|p| p.trim().to_string()).collect())
            .unwrap_or_default(),
    };
    Some(
        items
            .iter()
            .filter_map(|item| plan_named(item, phase))
            .collect(),
    )
}

/// A YAML scalar as text (`01` arrives as the number 1, which may be a float `1.0`).
fn scalar(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => match n.as_u64() {
            Some(u) => Some(u.to_string()),
            None => n
                .as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 10_000.0)
                .map(|f| format!("{f:.0}")),
        },
        _ => None,
    }
}

/// `02-01`, `02-01-PLAN.md`, `Plan 02-01` → 02-01; `01` or `1` → plan 1 of `phase`.
fn plan_named(item: &str, phase: &PhaseNum) -> Option<PlanId> {
    let item = item.trim().trim_matches(['"', '\'', '`']).trim();
    let item = item.strip_prefix("Plan ").unwrap_or(item);
    let item = item.strip_suffix(".md").unwrap_or(item);
    let item = item.strip_suffix("-PLAN").unwrap_or(item);
    if !item.is_empty() && item.bytes().all(|b| b.is_ascii_digit()) {
        return PlanId::from_parts(phase.clone(), item);
    }
    PlanId::parse(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(n: &str) -> PhaseNum {
        PhaseNum::parse(n).expect("a phase number")
    }

    fn ids(v: Option<Vec<PlanId>>) -> Option<Vec<String>> {
        v.map(|v| v.iter().map(PlanId::canonical).collect())
    }

    #[test]
    fn plan_titles_drop_the_id() {
        assert_eq!(
            plan_title("---\nphase: 03\n---\n\n# Plan 03-02: PDF layout\n").as_deref(),
            Some("PDF layout")
        );
        assert_eq!(
            plan_title("# 02-01 — Filters\n").as_deref(),
            Some("Filters")
        );
        assert_eq!(plan_title("# Plan 02-02\n\nImplement the plan.\n"), None);
        assert_eq!(
            plan_title("# Cursor pagination\n").as_deref(),
            Some("Cursor pagination")
        );
    }

    #[test]
    fn dependencies_in_the_shapes_plans_write_them() {
        let p = phase("4");
        let read = |fm: &str| ids(depends_on(&format!("---\n{fm}\n---\n\n# Plan\n"), &p));
        assert_eq!(
            read("wave: 2\ndepends_on: [\"04-01\", \"04-02\"]"),
            Some(vec!["04-01".into(), "04-02".into()])
        );
        assert_eq!(read("depends_on: [01]"), Some(vec!["04-01".into()]));
        assert_eq!(
            read("depends_on: [02, 3]"),
            Some(vec!["04-02".into(), "04-03".into()])
        );
        assert_eq!(
            read("depends_on:\n  - 03-02-PLAN.md\n  - \"04-01\""),
            Some(vec!["03-02".into(), "04-01".into()])
        );
        assert_eq!(read("depends_on: 04-01"), Some(vec!["04-01".into()]));
        assert_eq!(read("depends_on: []"), Some(vec![]));
        assert_eq!(read("depends_on:"), Some(vec![]));
        assert_eq!(read("depends_on: [\"phase 3\"]"), Some(vec![]));
        assert_eq!(read("wave: 1"), None);
        assert_eq!(
            ids(depends_on("# Plan 04-02\n\nNo frontmatter.\n", &p)),
            None
        );
    }
}
