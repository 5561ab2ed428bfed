//! The `phases/` folder: `NN-slug/NN-MM-PLAN.md` and `NN-MM-SUMMARY.md` files, and what a
//! SUMMARY says about its plan (frontmatter `duration`, the one-liner).

use std::path::{Path, PathBuf};

use crate::model::ids::{PhaseNum, PlanId};
use crate::source::Source;
use crate::syntax::Doc;

/// One phase directory.
#[derive(Debug, Clone)]
pub struct PhaseDir {
    pub number: PhaseNum,
    pub path: PathBuf,
    /// The slug after the number (`api-pagination`), if any.
    pub slug: Option<String>,
    /// Plan ids with a `-PLAN.md` file.
    pub plans: Vec<PlanId>,
    /// Plan ids with a `-SUMMARY.md` file.
    pub summaries: Vec<PlanId>,
    /// Every PLAN and SUMMARY file with its id, sorted by plan then kind.
    pub files: Vec<PlanFile>,
}

/// Whether a plan file is the plan or its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlanFileKind {
    Plan,
    Summary,
}

/// One `NN-MM-PLAN.md` / `NN-MM-slug-SUMMARY.md` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFile {
    pub id: PlanId,
    pub kind: PlanFileKind,
    pub path: PathBuf,
}

/// The folder listing; files are read only when asked for.
#[derive(Debug, Clone, Default)]
pub struct PhasesDir {
    pub phases: Vec<PhaseDir>,
}

/// What a SUMMARY.md says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummaryInfo {
    /// Frontmatter `duration:` as written (`12min`).
    pub duration: Option<String>,
    /// The one-liner: the first bold line after the title, or the first paragraph.
    pub one_liner: Option<String>,
}

impl PhasesDir {
    /// Lists `dir` (a `phases/` folder). Unreadable entries are skipped.
    pub fn scan(dir: &Path) -> std::io::Result<PhasesDir> {
        let mut phases = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let Ok(entry) = entry else { continue };
            if !entry.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some((number, slug)) = parse_dir_name(&name) else {
                continue;
            };
            let mut files = Vec::new();
            if let Ok(listing) = std::fs::read_dir(entry.path()) {
                for f in listing.flatten() {
                    let fname = f.file_name().to_string_lossy().into_owned();
                    let found = plan_file_id(&fname, "-PLAN.md")
                        .map(|id| (id, PlanFileKind::Plan))
                        .or_else(|| {
                            plan_file_id(&fname, "-SUMMARY.md")
                                .map(|id| (id, PlanFileKind::Summary))
                        });
                    // `2026-06-15-01-01-PLAN.md` or another phase's file: not this phase's plan.
                    if let Some((id, kind)) = found.filter(|(id, _)| id.phase == number) {
                        files.push(PlanFile {
                            id,
                            kind,
                            path: f.path(),
                        });
                    }
                }
            }
            files.sort_by(|a, b| (a.id.plan, a.kind, &a.path).cmp(&(b.id.plan, b.kind, &b.path)));
            let ids = |kind: PlanFileKind| {
                let mut v: Vec<PlanId> = Vec::new();
                for f in files.iter().filter(|f| f.kind == kind) {
                    if !v.contains(&f.id) {
                        v.push(f.id.clone());
                    }
                }
                v
            };
            phases.push(PhaseDir {
                number,
                path: entry.path(),
                slug,
                plans: ids(PlanFileKind::Plan),
                summaries: ids(PlanFileKind::Summary),
                files,
            });
        }
        phases.sort_by(|a, b| a.number.cmp(&b.number));
        Ok(PhasesDir { phases })
    }

    /// The folder of phase `n`.
    ///
    /// When two folders share a number (`39-cleanup-uat` next to an empty, renamed
    /// `39-cleanup-and-uat`), the one holding the most plan files wins; ties go to the first.
    pub fn phase(&self, n: &PhaseNum) -> Option<&PhaseDir> {
        self.phases
            .iter()
            .filter(|p| &p.number == n)
            .rev()
            .max_by_key(|p| p.files.len())
    }

    /// (plans with a SUMMARY, plans with a PLAN) over all phases.
    pub fn plan_counts(&self) -> (usize, usize) {
        let done = self.phases.iter().map(|p| p.summaries.len()).sum();
        let total = self
            .phases
            .iter()
            .map(|p| p.plans.len().max(p.summaries.len()))
            .sum();
        (done, total)
    }

    /// The SUMMARY.md path of a plan, when it exists (`02-01-SUMMARY.md` preferred over a
    /// slugged or `-FIX-` variant).
    pub fn summary_path(&self, id: &PlanId) -> Option<PathBuf> {
        self.file_path(id, PlanFileKind::Summary)
    }

    /// The PLAN.md path of a plan, when it exists.
    pub fn plan_path(&self, id: &PlanId) -> Option<PathBuf> {
        self.file_path(id, PlanFileKind::Plan)
    }

    fn file_path(&self, id: &PlanId, kind: PlanFileKind) -> Option<PathBuf> {
        let dir = self.phase(&id.phase)?;
        // The plain file first, then a slugged one; a `-FIX-` follow-up last.
        let rank = |f: &PlanFile| {
            let name = f.path.file_name().map(|n| n.to_string_lossy().into_owned());
            let fix = name.as_deref().is_some_and(|n| n.contains("-FIX"));
            (fix, f.path.as_os_str().len())
        };
        let shortest = dir
            .files
            .iter()
            .filter(|f| &f.id == id && f.kind == kind)
            .min_by_key(|f| rank(f))?;
        Some(shortest.path.clone())
    }
}

/// `02-api`, `2.1-hotfix`, `12A-x`, `12.3.1-x`, `phase-18`, `Phase-3-x`, `76` → number and
/// slug.
pub fn parse_dir_name(name: &str) -> Option<(PhaseNum, Option<String>)> {
    let name = name
        .strip_prefix("phase-")
        .or_else(|| name.strip_prefix("Phase-"))
        .unwrap_or(name);
    let end = name.find('-').unwrap_or(name.len());
    let number = PhaseNum::parse(&name[..end])?;
    let slug = name
        .get(end + 1..)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    Some((number, slug))
}

/// `02-01-PLAN.md` (also `02-01-slug-PLAN.md`, `02-01-FIX-PLAN.md`) → 02-01.
pub fn plan_file_id(name: &str, suffix: &str) -> Option<PlanId> {
    let stem = name.strip_suffix(suffix)?;
    let mut parts = stem.splitn(3, '-');
    let phase = parts.next()?;
    let plan = parts.next()?;
    PlanId::parse(&format!("{phase}-{plan}"))
}

/// Reads a SUMMARY.md's duration and one-liner.
pub fn read_summary(source: Source) -> SummaryInfo {
    let doc = Doc::parse(source);
    let duration = doc
        .frontmatter
        .iter()
        .find_map(|fm| fm.get("duration").map(|e| e.value(&doc.source).to_string()))
        .filter(|d| !d.is_empty());
    let from_frontmatter = doc
        .frontmatter
        .iter()
        .find_map(|fm| {
            ["one-liner", "one_liner", "oneliner"]
                .iter()
                .find_map(|k| fm.get(k).map(|e| e.value(&doc.source)))
        })
        .map(|v| v.trim().trim_matches(['"', '\'']).trim().to_string())
        .filter(|v| !v.is_empty());
    let start = doc
        .sections
        .iter()
        .find(|s| s.level == 1)
        .map_or(0, |s| s.line + 1);
    let body_line = doc
        .source
        .line_of(doc.body_from.min(doc.source.text.len().saturating_sub(1)));
    let one_liner = from_frontmatter.or_else(|| {
        (start.max(body_line)..doc.kinds.len())
            .find(|&i| doc.kinds[i] == crate::syntax::LineKind::Text)
            .and_then(|i| one_liner_of(doc.line(i)))
    });
    SummaryInfo {
        duration,
        one_liner,
    }
}

/// The one-liner on a SUMMARY's first paragraph line: `**Text**` (the template's bare form),
/// `**One-liner:** Text` (the labelled form: the prose after the label), else the line.
fn one_liner_of(line: &str) -> Option<String> {
    let t = line.trim();
    let text = match t.strip_prefix("**").and_then(|rest| rest.split_once("**")) {
        Some((inner, after)) if inner.trim_end().ends_with(':') => after.trim(),
        Some((inner, after)) if after.trim().is_empty() => inner.trim(),
        _ => t,
    };
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dir_and_file_names() {
        let (n, slug) = parse_dir_name("02.1-hot-fix").unwrap();
        assert_eq!((n.as_str(), slug.as_deref()), ("02.1", Some("hot-fix")));
        assert_eq!(parse_dir_name("76").unwrap().0.as_str(), "76");
        assert!(parse_dir_name("notes").is_none());
        assert_eq!(plan_file_id("02-01-PLAN.md", "-PLAN.md").unwrap().plan, 1);
        assert_eq!(
            plan_file_id("02-03-api-SUMMARY.md", "-SUMMARY.md")
                .unwrap()
                .plan,
            3
        );
    }

    #[test]
    fn summary_duration_and_one_liner() {
        let s = read_summary(Source::new(
            "S",
            "---\nphase: 02\nduration: 12min\n---\n\n# Phase 2 Plan 1 Summary\n\n**Cursor pagination for all list endpoints**\n\n## Details\n".to_string(),
        ));
        assert_eq!(s.duration.as_deref(), Some("12min"));
        let labelled = read_summary(Source::new(
            "S",
            "# Phase 3 Plan 2: X Summary\r\n\r\n**One-liner:** Gap-free numbering from a sequence\r\n".to_string(),
        ));
        assert_eq!(
            labelled.one_liner.as_deref(),
            Some("Gap-free numbering from a sequence")
        );
        let fm = read_summary(Source::new(
            "S",
            "---\none-liner: \"From frontmatter\"\n---\n# T\n\n**Body**\n".to_string(),
        ));
        assert_eq!(fm.one_liner.as_deref(), Some("From frontmatter"));
        let plain = read_summary(Source::new("S", "# T\n\nJust prose.\n".to_string()));
        assert_eq!(plain.one_liner.as_deref(), Some("Just prose."));
        assert_eq!(
            s.one_liner.as_deref(),
            Some("Cursor pagination for all list endpoints")
        );
    }
}
