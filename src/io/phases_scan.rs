//! Listing the `phases/` folder: which phase folders there are and which files each holds
//! (and its `plans/`, `summaries/`, `waves/` subfolders). The walk is here because io does all
//! disk access; what the names mean is the model's ([`crate::model::phases`]). No file is
//! read: a listing costs one `read_dir` per folder.

use std::path::{Path, PathBuf};

use crate::model::phases::{ListedFile, PhaseDir, PhasesDir, is_plan_subdir, parse_dir_name};

/// Lists `dir` (a `phases/` folder). Unreadable entries are skipped; files are not read.
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
        let path = entry.path();
        let listed = list_phase(&path);
        phases.push(PhaseDir::from_listing(path, number, slug, &listed));
    }
    Ok(PhasesDir::from_phases(phases))
}

/// Everything in one phase folder and, one level down, in its plan subfolders.
fn list_phase(path: &Path) -> Vec<ListedFile> {
    let mut listed = Vec::new();
    for sub in list_folder(path, &mut listed) {
        // One level only: a `plans/plans/` folder is not read.
        list_folder(&sub, &mut listed);
    }
    listed
}

/// Adds the entries of `dir` to `listed`, except plan subfolders, which it returns (an entry
/// with such a name that is no folder is neither). An unreadable folder adds nothing.
fn list_folder(dir: &Path, listed: &mut Vec<ListedFile>) -> Vec<PathBuf> {
    let mut subdirs = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return subdirs;
    };
    for f in entries.flatten() {
        let name = f.file_name();
        let kind = f.file_type();
        if is_plan_subdir(&name.to_string_lossy()) {
            if kind.is_ok_and(|t| t.is_dir()) {
                subdirs.push(f.path());
            }
            continue;
        }
        listed.push(ListedFile {
            path: f.path(),
            is_file: kind.is_ok_and(|t| t.is_file()),
        });
    }
    subdirs
}

/// The file names directly inside `dir`, sorted (none when it cannot be listed).
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::phases::tests::{listed, phase, shown};

    /// A `phases/` folder holding `files` (paths under it), scanned.
    fn scan_tree(files: &[&str]) -> (tempfile::TempDir, PhasesDir) {
        let tmp = tempfile::tempdir().unwrap();
        for f in files {
            let p = tmp.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "# x\n").unwrap();
        }
        let dir = scan(tmp.path()).unwrap();
        (tmp, dir)
    }

    #[test]
    fn plans_and_summaries_subfolders() {
        let (_tmp, dir) = scan_tree(&[
            "03-ui/plans/03-01-PLAN.md",
            "03-ui/plans/03-02-PLAN.md",
            "03-ui/summaries/03-01-SUMMARY.md",
            "03-ui/Plans-old/03-09-PLAN.md",
            "03-ui/plans/deeper/03-08-PLAN.md",
            "03-ui/03-03-PLAN.md",
            "03-ui/03-CONTEXT.md",
        ]);
        let p = phase(&dir, "3");
        assert_eq!(shown(&p.plans), ["03-01", "03-02", "03-03"]);
        assert_eq!(
            listed(p),
            [
                "03-01 Plan plans/03-01-PLAN.md",
                "03-01 Summary summaries/03-01-SUMMARY.md",
                "03-02 Plan plans/03-02-PLAN.md",
                "03-03 Plan 03-03-PLAN.md",
            ]
        );
        // A file named `plans` is not a folder to read.
        let (_tmp, dir) = scan_tree(&["05-x/plans", "05-x/05-01-PLAN.md"]);
        assert_eq!(shown(&phase(&dir, "5").plans), ["05-01"]);
    }

    #[test]
    fn a_summary_named_folder_is_no_unread_summary() {
        let (tmp, dir) = scan_tree(&["04-x/04-01-PLAN.md", "04-x/W1-SUMMARY.md/notes.md"]);
        assert!(phase(&dir, "4").unread_summaries.is_empty());
        std::fs::write(tmp.path().join("04-x/W2-SUMMARY.md"), "# S\n").unwrap();
        let dir = scan(tmp.path()).unwrap();
        assert_eq!(phase(&dir, "4").unread_summaries.len(), 1);
        assert!(scan(&tmp.path().join("missing")).is_err());
    }
}
