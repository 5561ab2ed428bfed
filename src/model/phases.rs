//! The `phases/` folder: `NN-slug/NN-MM-PLAN.md` and `NN-MM-SUMMARY.md` files, and what a
//! SUMMARY says about its plan (frontmatter `duration`, the one-liner).
//!
//! Inside a phase folder (`02-api`, `phase-02`, `Phase-2-api`, `02`) a plan file is named
//! `02-01-PLAN.md`, and also, as real projects write it:
//!
//! - `02-01-slug-PLAN.md`, `02-01-FIX-PLAN.md` (anything after the plan number);
//! - `2-1-PLAN.md`, `02-1-PLAN.md` (any padding), `02-01a-PLAN.md` (a lettered plan);
//! - `02-api-01-PLAN.md` (the folder's own name, then the plan number);
//! - `2026-06-15-02-01-PLAN.md` (a leading date, dropped);
//! - `01-PLAN.md`, `PLAN-01.md`, `02-PLAN-01.md`, `PLAN-01-SUMMARY.md` (a plan number alone:
//!   a plan of the folder's phase);
//! - any of these inside a `plans/` or `summaries/` subfolder.
//!
//! A summary with no plan number (`PHASE-SUMMARY.md`, `SUMMARY.md`, `02-api-SUMMARY.md`, or
//! `02-SUMMARY.md` in phase 2's folder) covers the whole phase: it is kept as
//! [`PhaseDir::phase_summary`], not as a plan. `02-SUMMARY.md` in phase 2's folder is ambiguous;
//! it is plan 2's summary when the folder numbers plans that way (`01-PLAN.md`, `02-PLAN.md`…),
//! and both plan 2's summary and the phase summary when it pairs with a lone `02-PLAN.md`.

use std::path::PathBuf;

use crate::model::ids::{PhaseNum, PlanId};
pub use crate::model::summary::{SummaryInfo, read_summary};

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
    /// Every PLAN and SUMMARY file with its id, sorted by plan, kind, then path.
    pub files: Vec<PlanFile>,
    /// A SUMMARY of the whole phase, with no plan number (`PHASE-SUMMARY.md`, `SUMMARY.md`,
    /// `02-api-SUMMARY.md`, a lone `02-SUMMARY.md` in phase 2): evidence the phase is done.
    pub phase_summary: Option<PathBuf>,
    /// SUMMARY files whose names tie them to no plan gsd can name (`SHARE-01-SUMMARY.md`,
    /// `waves/W1-SUMMARY.md`): they record finished work, so a ticked plan in this folder
    /// without a SUMMARY of its own may be one of them.
    pub unread_summaries: Vec<PathBuf>,
    /// The workflow's other artifacts in the folder, which say how far the phase has come.
    pub stages: Stages,
}

/// Which of the GSD workflow's phase artifacts a folder holds: `NN-CONTEXT.md` (discussed),
/// `NN-RESEARCH.md`, `NN-VERIFICATION.md` / `NN-UAT.md` (verified).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stages {
    pub context: bool,
    pub research: bool,
    pub verification: bool,
}

impl Stages {
    /// Both folders' artifacts (two folders can share a phase number).
    pub fn merged(self, other: Stages) -> Stages {
        Stages {
            context: self.context || other.context,
            research: self.research || other.research,
            verification: self.verification || other.verification,
        }
    }

    /// Notes the artifact a file name is, if any (`02-CONTEXT.md`, `CONTEXT.md`,
    /// `02-api-VERIFICATION.md`, `02-UAT.md`).
    fn note(&mut self, name: &str) {
        let Some(stem) = name.strip_suffix(".md") else {
            return;
        };
        let word = stem.rsplit(['-', '_']).next().unwrap_or(stem);
        match word {
            "CONTEXT" => self.context = true,
            "RESEARCH" => self.research = true,
            "VERIFICATION" | "UAT" => self.verification = true,
            _ => {}
        }
    }
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

impl PhasesDir {
    /// The listing of these phase folders, in phase order (folders sharing a number keep the
    /// order they were listed in). `io::phases_scan` lists the disk and builds each folder
    /// with [`PhaseDir::from_listing`].
    pub fn from_phases(mut phases: Vec<PhaseDir>) -> PhasesDir {
        phases.sort_by(|a, b| a.number.cmp(&b.number));
        PhasesDir { phases }
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
            .max_by_key(|p| p.files.len() + usize::from(p.phase_summary.is_some()))
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
    let name = without_p(name);
    let end = name.find('-').unwrap_or(name.len());
    let number = PhaseNum::parse(&name[..end])?;
    let slug = name
        .get(end + 1..)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    Some((number, slug))
}

/// `02-01-PLAN.md` (also `02-01-slug-PLAN.md`, `02-01-FIX-PLAN.md`, `2-1-PLAN.md`,
/// `02-01a-PLAN.md`, `2026-06-15-02-01-PLAN.md`) → 02-01. Only names that carry their phase;
/// [`PhaseDir::from_listing`] also reads the folder-relative forms.
pub fn plan_file_id(name: &str, suffix: &str) -> Option<PlanId> {
    let stem = without_date(name.strip_suffix(suffix)?);
    let mut parts = stem.splitn(3, '-');
    let phase = PhaseNum::parse(parts.next()?)?;
    PlanId::from_parts(phase, parts.next()?)
}

/// Subfolders of a phase folder whose files are read as the folder's own.
const PLAN_SUBDIRS: [&str; 3] = ["plans", "summaries", "waves"];

/// Whether a folder named `name` inside a phase folder holds files read as the folder's own
/// (`plans/`, `summaries/`, `waves/`, in any letter case). One level only: a `plans/plans/`
/// folder is not read, and an entry of that name is never a plan file itself.
pub fn is_plan_subdir(name: &str) -> bool {
    PLAN_SUBDIRS.iter().any(|d| name.eq_ignore_ascii_case(d))
}

/// A file (or anything else but a plan subfolder) a listing found in a phase folder or in
/// one of its plan subfolders ([`is_plan_subdir`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedFile {
    pub path: PathBuf,
    /// A regular file (a SUMMARY name that is a folder is no unread summary).
    pub is_file: bool,
}

impl PhaseDir {
    /// The phase folder at `path`, named `number` and `slug` ([`parse_dir_name`]), from what a
    /// listing found in it and its plan subfolders: the names alone decide, no file is read.
    pub fn from_listing(
        path: PathBuf,
        number: PhaseNum,
        slug: Option<String>,
        listed: &[ListedFile],
    ) -> PhaseDir {
        let mut named = Vec::new();
        let mut stages = Stages::default();
        let mut unread_summaries = Vec::new();
        for f in listed {
            let fname = f
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Some((kind, what)) = classify(&fname, &number, slug.as_deref()) {
                named.push((kind, what, f.path.clone()));
            } else {
                if fname.ends_with("SUMMARY.md") && f.is_file {
                    unread_summaries.push(f.path.clone());
                }
                stages.note(&fname);
            }
        }
        unread_summaries.sort();
        phase_from_names(path, number, slug, named, stages, unread_summaries)
    }
}

/// [`PhaseDir::from_listing`] once each file name is read.
fn phase_from_names(
    path: PathBuf,
    number: PhaseNum,
    slug: Option<String>,
    named: Vec<(PlanFileKind, Named, PathBuf)>,
    stages: Stages,
    unread_summaries: Vec<PathBuf>,
) -> PhaseDir {
    // `NN-PLAN.md` with NN the phase's own number is the phase's (single) plan, unless the
    // folder numbers several plans that way (`01-PLAN.md`, `02-PLAN.md`…).
    let is_phase_number =
        |id: &PlanId| id.suffix().is_none() && number.as_integer() == Some(u64::from(id.plan));
    let numbered = named
        .iter()
        .any(|(_, what, _)| matches!(what, Named::Bare { plan, .. } if !is_phase_number(plan)));
    let phase_plan = named.iter().any(|(kind, what, _)| {
        *kind == PlanFileKind::Plan
            && matches!(what, Named::Bare { plan, explicit: false } if is_phase_number(plan))
    });

    let mut files = Vec::new();
    let mut phase_summaries = Vec::new();
    for (kind, what, path) in named {
        let id = match what {
            Named::Plan(id) if id.phase == number => id,
            // Another phase's file (or `2026-06-15-…` read as phase 2026): not this phase's.
            Named::Plan(_) => continue,
            Named::Bare { plan, explicit } => {
                let whole_phase = kind == PlanFileKind::Summary
                    && !explicit
                    && !numbered
                    && is_phase_number(&plan);
                if whole_phase {
                    phase_summaries.push(path.clone());
                    if !phase_plan {
                        continue;
                    }
                }
                plan
            }
            Named::Phase => {
                phase_summaries.push(path);
                continue;
            }
        };
        files.push(PlanFile { id, kind, path });
    }
    files.sort_by(|a, b| (&a.id, a.kind, &a.path).cmp(&(&b.id, b.kind, &b.path)));
    let ids = |kind: PlanFileKind| {
        let mut v: Vec<PlanId> = Vec::new();
        for f in files.iter().filter(|f| f.kind == kind) {
            if !v.contains(&f.id) {
                v.push(f.id.clone());
            }
        }
        v
    };
    // Several whole-phase summaries: the shortest name (`SUMMARY.md` before
    // `02-api-SUMMARY.md`), then the path, so the choice does not depend on listing order.
    let phase_summary = phase_summaries
        .into_iter()
        .min_by_key(|p| (p.file_name().map_or(0, |n| n.len()), p.clone()));
    PhaseDir {
        number,
        path,
        slug,
        plans: ids(PlanFileKind::Plan),
        summaries: ids(PlanFileKind::Summary),
        files,
        phase_summary,
        unread_summaries,
        stages,
    }
}

/// What a file name in a phase folder names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Named {
    /// A plan with its phase written (`02-01-PLAN.md`); the phase may not be the folder's.
    Plan(PlanId),
    /// A plan number alone, of the folder's phase: `01-PLAN.md`, or `explicit`ly a plan number
    /// (`PLAN-01.md`, `02-PLAN-01.md`, `PLAN-01-SUMMARY.md`).
    Bare { plan: PlanId, explicit: bool },
    /// The whole phase: `SUMMARY.md`, `PHASE-SUMMARY.md`, `02-api-SUMMARY.md`.
    Phase,
}

/// Reads a file name in the folder of phase `number` (slug `slug`); `None` when it is not a PLAN
/// or SUMMARY file (`02-CONTEXT.md`, `02-PLAN-CHECK.md`, `02-GAP-PLAN.md`, `PLAN.md`).
fn classify(name: &str, number: &PhaseNum, slug: Option<&str>) -> Option<(PlanFileKind, Named)> {
    let stem = name.strip_suffix(".md")?;
    let bare = |plan: &str, explicit| {
        PlanId::from_parts(number.clone(), plan).map(|plan| Named::Bare { plan, explicit })
    };
    if stem == "SUMMARY" {
        return Some((PlanFileKind::Summary, Named::Phase));
    }
    let (kind, core) = if let Some(core) = stem.strip_suffix("-PLAN") {
        (PlanFileKind::Plan, core)
    } else if let Some(core) = stem.strip_suffix("-SUMMARY") {
        (PlanFileKind::Summary, core)
    } else {
        // `PLAN-01.md`, `SUMMARY-01.md`, `02-PLAN-01.md`.
        for (kind, word) in [
            (PlanFileKind::Plan, "PLAN"),
            (PlanFileKind::Summary, "SUMMARY"),
        ] {
            if let Some(plan) = stem.strip_prefix(word).and_then(|r| r.strip_prefix('-')) {
                return Some((kind, bare(plan, true)?));
            }
            let Some((phase, plan)) = stem.split_once(&format!("-{word}-")) else {
                continue;
            };
            let phase = PhaseNum::parse(without_date(phase))?;
            return if phase == *number {
                Some((kind, bare(plan, true)?))
            } else {
                Some((kind, Named::Plan(PlanId::from_parts(phase, plan)?)))
            };
        }
        return None;
    };
    let core = without_date(core);
    if core == "PHASE" {
        return (kind == PlanFileKind::Summary).then_some((kind, Named::Phase));
    }
    if let Some(plan) = core.strip_prefix("PLAN-") {
        return Some((kind, bare(plan, true)?));
    }
    // `02-api-01-PLAN.md` / `02-api-SUMMARY.md` in `02-api/`.
    if let Some(rest) = slug.and_then(|slug| after_folder_name(core, number, slug)) {
        if rest.is_empty() {
            return (kind == PlanFileKind::Summary).then_some((kind, Named::Phase));
        }
        let plan = rest.split('-').next().unwrap_or(rest);
        if let Some(id) = PlanId::from_parts(number.clone(), plan) {
            return Some((kind, Named::Plan(id)));
        }
    }
    let mut parts = core.splitn(3, '-');
    let first = without_p(parts.next()?);
    // `19.2-PLAN.md` in phase 19's folder: plan 2 of phase 19 (a plan of phase 19.2 would sit
    // in that phase's own folder).
    if let Some(plan) = first
        .strip_prefix(&number.to_string())
        .and_then(|r| r.strip_prefix('.'))
        .filter(|_| number.as_integer().is_some() && parts.clone().next().is_none())
        && let Some(named) = bare(plan, true)
    {
        return Some((kind, named));
    }
    match parts.next() {
        Some(plan) => Some((
            kind,
            Named::Plan(PlanId::from_parts(PhaseNum::parse(first)?, plan)?),
        )),
        None => Some((kind, bare(first, false)?)),
    }
}

/// What follows the folder's own name (`02-api`, padded either way, `phase-` or not) at the
/// start of `core`: `""` for exactly the name, the rest after its `-`, or `None`.
fn after_folder_name<'a>(core: &'a str, number: &PhaseNum, slug: &str) -> Option<&'a str> {
    let core = core
        .strip_prefix("phase-")
        .or_else(|| core.strip_prefix("Phase-"))
        .unwrap_or(core);
    let (num, rest) = core.split_once('-')?;
    if PhaseNum::parse(num)? != *number {
        return None;
    }
    let rest = rest.strip_prefix(slug)?;
    if rest.is_empty() {
        Some(rest)
    } else {
        rest.strip_prefix('-')
    }
}

/// `P13` → `13`: some projects letter their phase numbers (`P13-slug/P13-01-PLAN.md`).
fn without_p(name: &str) -> &str {
    match name.strip_prefix(['P', 'p']) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
        _ => name,
    }
}

/// `2026-06-15-02-01` → `02-01`: a leading `YYYY-MM-DD-` is dropped.
fn without_date(stem: &str) -> &str {
    let b = stem.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let dated = b.len() > 11
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'-';
    if dated { &stem[11..] } else { stem }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::source::Source;

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
        let dated = plan_file_id("2026-06-15-2-1a-PLAN.md", "-PLAN.md").unwrap();
        assert_eq!(dated.canonical(), "02-01a");
        assert!(plan_file_id("01-PLAN.md", "-PLAN.md").is_none());
    }

    /// A `phases/` listing holding `files` (paths under it), built in memory the way
    /// `io::phases_scan` walks a folder: phase folders ([`parse_dir_name`]), their files and
    /// those of their plan subfolders, one level deep.
    fn listing_of(files: &[&str]) -> PhasesDir {
        let root = std::path::Path::new("/phases");
        let mut folders: Vec<(String, Vec<ListedFile>)> = Vec::new();
        for f in files {
            let parts: Vec<&str> = f.split('/').collect();
            let inside = match parts[1..] {
                [name] => !is_plan_subdir(name),
                [sub, name] => is_plan_subdir(sub) && !is_plan_subdir(name),
                _ => false,
            };
            let at = match folders.iter().position(|(d, _)| d == parts[0]) {
                Some(at) => at,
                None => {
                    folders.push((parts[0].to_string(), Vec::new()));
                    folders.len() - 1
                }
            };
            if inside {
                let path = root.join(f);
                folders[at].1.push(ListedFile {
                    path,
                    is_file: true,
                });
            }
        }
        let phases = folders
            .into_iter()
            .filter_map(|(dir, listed)| {
                let (number, slug) = parse_dir_name(&dir)?;
                Some(PhaseDir::from_listing(
                    root.join(&dir),
                    number,
                    slug,
                    &listed,
                ))
            })
            .collect();
        PhasesDir::from_phases(phases)
    }

    #[test]
    fn lettered_phases_dotted_plans_waves_and_unread_summaries() {
        let dir = listing_of(&[
            "P13-workbench/P13-01-PLAN.md",
            "P13-workbench/P13-01-SUMMARY.md",
            "19-analytics/19.1-PLAN.md",
            "19-analytics/19.1-SUMMARY.md",
            "19-analytics/19.2-PLAN.md",
            "27-cooklang/27-01-PLAN.md",
            "27-cooklang/waves/W1-SUMMARY.md",
            "04-sharing/SHARE-01-SUMMARY.md",
        ]);
        assert_eq!(shown(&phase(&dir, "13").summaries), ["13-01"]);
        let nineteen = phase(&dir, "19");
        assert_eq!(shown(&nineteen.plans), ["19-01", "19-02"]);
        assert_eq!(shown(&nineteen.summaries), ["19-01"]);
        assert_eq!(nineteen.phase_summary, None);
        let names = |p: &PhaseDir| -> Vec<String> {
            p.unread_summaries
                .iter()
                .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(names(phase(&dir, "27")), ["W1-SUMMARY.md"]);
        assert_eq!(names(phase(&dir, "4")), ["SHARE-01-SUMMARY.md"]);
        assert!(phase(&dir, "19").unread_summaries.is_empty());
    }

    pub(crate) fn phase<'a>(dir: &'a PhasesDir, n: &str) -> &'a PhaseDir {
        dir.phase(&PhaseNum::parse(n).unwrap())
            .unwrap_or_else(|| panic!("phase {n}"))
    }

    pub(crate) fn shown(ids: &[PlanId]) -> Vec<String> {
        ids.iter().map(PlanId::canonical).collect()
    }

    /// The file names of a phase's files, in order, as `id kind name`.
    pub(crate) fn listed(p: &PhaseDir) -> Vec<String> {
        p.files
            .iter()
            .map(|f| {
                let name = f.path.strip_prefix(&p.path).unwrap().to_string_lossy();
                format!(
                    "{} {:?} {}",
                    f.id.canonical(),
                    f.kind,
                    name.replace('\\', "/")
                )
            })
            .collect()
    }

    fn summary_name(p: &PhaseDir) -> Option<String> {
        let path = p.phase_summary.as_ref()?;
        Some(
            path.strip_prefix(&p.path)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/"),
        )
    }

    #[test]
    fn standard_slugged_fix_and_dated_files() {
        let dir = listing_of(&[
            "01-setup/01-01-PLAN.md",
            "01-setup/01-01-SUMMARY.md",
            "01-setup/01-02-cli-PLAN.md",
            "01-setup/01-02-FIX-PLAN.md",
            "01-setup/2026-06-15-01-03-PLAN.md",
            "01-setup/2026-06-15-01-03-SUMMARY.md",
            "01-setup/01-CONTEXT.md",
        ]);
        let p = phase(&dir, "1");
        assert_eq!(shown(&p.plans), ["01-01", "01-02", "01-03"]);
        assert_eq!(shown(&p.summaries), ["01-01", "01-03"]);
        assert_eq!(
            listed(p),
            [
                "01-01 Plan 01-01-PLAN.md",
                "01-01 Summary 01-01-SUMMARY.md",
                "01-02 Plan 01-02-FIX-PLAN.md",
                "01-02 Plan 01-02-cli-PLAN.md",
                "01-03 Plan 2026-06-15-01-03-PLAN.md",
                "01-03 Summary 2026-06-15-01-03-SUMMARY.md",
            ]
        );
        assert_eq!(p.phase_summary, None);
        let id = PlanId::parse("01-02").unwrap();
        assert!(dir.plan_path(&id).unwrap().ends_with("01-02-cli-PLAN.md"));
    }

    #[test]
    fn folder_name_then_plan_number() {
        let dir = listing_of(&[
            "02-api/02-api-01-PLAN.md",
            "02-api/02-api-01-SUMMARY.md",
            "02-api/02-api-02-PLAN.md",
            "02-api/02-api-03-retry-PLAN.md",
            "02-api/02-api-SUMMARY.md",
            "02-api/02-api-PLAN.md",
            "02-api/02-api-RESEARCH.md",
            "Phase-3-ui/03-ui-01-PLAN.md",
            "Phase-3-ui/Phase-3-ui-02-PLAN.md",
            "Phase-3-ui/3-ui-SUMMARY.md",
        ]);
        let api = phase(&dir, "2");
        assert_eq!(shown(&api.plans), ["02-01", "02-02", "02-03"]);
        assert_eq!(shown(&api.summaries), ["02-01"]);
        assert_eq!(summary_name(api).as_deref(), Some("02-api-SUMMARY.md"));
        let ui = phase(&dir, "3");
        assert_eq!(shown(&ui.plans), ["03-01", "03-02"]);
        assert_eq!(summary_name(ui).as_deref(), Some("3-ui-SUMMARY.md"));
    }

    #[test]
    fn unpadded_ids_match_padded_ones() {
        let dir = listing_of(&[
            "02-core/2-1-PLAN.md",
            "02-core/02-2-PLAN.md",
            "02-core/02-01-SUMMARY.md",
            "02-core/002-02-SUMMARY.md",
            "4-docs/04-01-PLAN.md",
        ]);
        let p = phase(&dir, "02");
        assert_eq!(shown(&p.plans), ["02-01", "02-02"]);
        assert_eq!(p.plans, p.summaries, "2-1 is 02-01");
        assert_eq!(p.plans[0].to_string(), "2-1", "spelling kept");
        let summaries: usize = dir.phases.iter().map(|p| p.summaries.len()).sum();
        let plans: usize = dir.phases.iter().map(|p| p.plans.len()).sum();
        assert_eq!((summaries, plans), (2, 3));
        assert_eq!(shown(&phase(&dir, "4").plans), ["04-01"]);
    }

    #[test]
    fn lettered_plans_stay_apart() {
        let dir = listing_of(&[
            "01-setup/01-03-PLAN.md",
            "01-setup/01-02a-PLAN.md",
            "01-setup/01-02-PLAN.md",
            "01-setup/01-02a-SUMMARY.md",
            "01-setup/01-02B-PLAN.md",
        ]);
        let p = phase(&dir, "1");
        assert_eq!(shown(&p.plans), ["01-02", "01-02a", "01-02B", "01-03"]);
        assert_eq!(shown(&p.summaries), ["01-02a"]);
        assert_eq!(p.summaries[0].suffix(), Some('a'));
    }

    #[test]
    fn plan_number_alone() {
        let dir = listing_of(&[
            "phase-04/PLAN-01.md",
            "phase-04/SUMMARY-01.md",
            "phase-04/04-PLAN-02.md",
            "phase-04/PLAN-02-SUMMARY.md",
            "phase-04/PLAN-03.md",
            "05-auth/01-PLAN.md",
            "05-auth/01-SUMMARY.md",
            "05-auth/02-PLAN.md",
            "05-auth/05-PLAN.md",
            "05-auth/05-SUMMARY.md",
            "02.1-hotfix/01-PLAN.md",
            "02.1-hotfix/02.1-02-PLAN.md",
        ]);
        let four = phase(&dir, "4");
        assert_eq!(shown(&four.plans), ["04-01", "04-02", "04-03"]);
        assert_eq!(shown(&four.summaries), ["04-01", "04-02"]);
        let five = phase(&dir, "5");
        assert_eq!(shown(&five.plans), ["05-01", "05-02", "05-05"]);
        assert_eq!(
            shown(&five.summaries),
            ["05-01", "05-05"],
            "05-SUMMARY.md among numbered plans is plan 5's"
        );
        assert_eq!(five.phase_summary, None);
        let hotfix = phase(&dir, "2.1");
        assert_eq!(shown(&hotfix.plans), ["02.1-01", "02.1-02"]);
    }

    #[test]
    fn phase_level_summaries() {
        let dir = listing_of(&[
            // A lone NN-SUMMARY.md next to NN-MM plans: the phase's summary.
            "06-x/06-01-PLAN.md",
            "06-x/06-02-PLAN.md",
            "06-x/06-01-SUMMARY.md",
            "06-x/06-SUMMARY.md",
            // A phase with one unnumbered plan and its summary: both.
            "07-y/07-PLAN.md",
            "07-y/07-SUMMARY.md",
            // PHASE-SUMMARY.md and SUMMARY.md: the shorter name is kept.
            "08-z/PHASE-SUMMARY.md",
            "08-z/SUMMARY.md",
            "08-z/08-01-PLAN.md",
            // Only a summary.
            "09/09-SUMMARY.md",
            // Phase 1's lone 01-SUMMARY.md is the phase's too.
            "01-a/01-01-PLAN.md",
            "01-a/01-SUMMARY.md",
        ]);
        let six = phase(&dir, "6");
        assert_eq!(shown(&six.plans), ["06-01", "06-02"]);
        assert_eq!(shown(&six.summaries), ["06-01"]);
        assert_eq!(summary_name(six).as_deref(), Some("06-SUMMARY.md"));
        let seven = phase(&dir, "7");
        assert_eq!(shown(&seven.plans), ["07-07"]);
        assert_eq!(shown(&seven.summaries), ["07-07"]);
        assert_eq!(summary_name(seven).as_deref(), Some("07-SUMMARY.md"));
        let eight = phase(&dir, "8");
        assert_eq!(summary_name(eight).as_deref(), Some("SUMMARY.md"));
        assert!(eight.summaries.is_empty());
        let nine = phase(&dir, "9");
        assert!(nine.files.is_empty());
        assert_eq!(summary_name(nine).as_deref(), Some("09-SUMMARY.md"));
        let one = phase(&dir, "1");
        assert!(one.summaries.is_empty());
        assert_eq!(summary_name(one).as_deref(), Some("01-SUMMARY.md"));
    }

    #[test]
    fn other_files_are_not_plans() {
        let dir = listing_of(&[
            "08-x/08-CONTEXT.md",
            "08-x/08-RESEARCH.md",
            "08-x/08-VERIFICATION.md",
            "08-x/08-UAT.md",
            "08-x/08-PLAN-CHECK.md",
            "08-x/08-GAP-PLAN.md",
            "08-x/08-FIX1-SUMMARY.md",
            "08-x/PLAN.md",
            "08-x/PHASE-PLAN.md",
            "08-x/08-x-PLAN.md",
            "08-x/SESSION-2026-01-18-SUMMARY.md",
            "08-x/2026-06-15-SUMMARY.md",
            "08-x/09-01-PLAN.md",
            "08-x/08-01-PLAN.txt",
            "notes/01-01-PLAN.md",
        ]);
        assert_eq!(dir.phases.len(), 1);
        let p = phase(&dir, "8");
        assert!(p.files.is_empty(), "{:?}", listed(p));
        assert_eq!(p.phase_summary, None);
    }

    #[test]
    fn file_names_alone() {
        let n = |s: &str| PhaseNum::parse(s).unwrap();
        let c = |name: &str, phase: &str, slug: Option<&str>| classify(name, &n(phase), slug);
        let plan = |s: &str| Named::Plan(PlanId::parse(s).unwrap());
        assert_eq!(
            c("2026-06-15-01-01-PLAN.md", "1", None),
            Some((PlanFileKind::Plan, plan("01-01")))
        );
        assert_eq!(
            c("02-api-01-PLAN.md", "2", Some("api")),
            Some((PlanFileKind::Plan, plan("02-01")))
        );
        assert_eq!(
            c("02-api-01-PLAN.md", "2", None),
            None,
            "without the folder's slug, `api` is no plan number"
        );
        assert_eq!(
            c("SUMMARY-03.md", "2", None),
            Some((
                PlanFileKind::Summary,
                Named::Bare {
                    plan: PlanId::parse("2-03").unwrap(),
                    explicit: true
                }
            ))
        );
        assert_eq!(
            c("10-PLAN-01.md", "9", None),
            Some((PlanFileKind::Plan, plan("10-01")))
        );
        assert_eq!(without_date("2026-06-15-02-01"), "02-01");
        assert_eq!(without_date("2026-06-15"), "2026-06-15");
        assert_eq!(without_date("2026-6-15-02-01"), "2026-6-15-02-01");
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
        // Minutes by name, at the top or in a `metrics:` block.
        let named =
            |fm: &str| read_summary(Source::new("S", format!("---\n{fm}\n---\n# T\n"))).duration;
        assert_eq!(named("duration_minutes: 7").as_deref(), Some("7 min"));
        assert_eq!(
            named("metrics:\n  duration_minutes: 7\n  completed_date: 2026-02-23").as_deref(),
            Some("7 min")
        );
        assert_eq!(
            named("duration: 4min\nduration_minutes: 7").as_deref(),
            Some("4min")
        );
    }
}
