//! The workstreams on disk: which exist in a project, and which one a run works on
//! (`--ws`, `GSD_WORKSTREAM`, `.planning/active-workstream`; see [`crate::model::workstream`]).

use std::path::Path;

use crate::error::UserError;
use crate::model::workstream::{ACTIVE_FILE, WORKSTREAMS, valid_name};

/// The workstreams of the project whose `.planning/` is `planning`: the folders in
/// `workstreams/` that hold a STATE.md or ROADMAP.md, sorted by name.
pub fn list(planning: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(planning.join(WORKSTREAMS)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter(|e| {
            ["STATE.md", "ROADMAP.md"]
                .iter()
                .any(|f| e.path().join(f).exists())
        })
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| valid_name(n))
        .collect();
    names.sort();
    names
}

/// Where a requested workstream name came from, for the error that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env,
}

/// The workstream to work on in the project whose `.planning/` is `planning`: `requested`
/// (from `--ws` or `GSD_WORKSTREAM`; blank means none) when it exists, else the one
/// `.planning/active-workstream` names when that exists, else none. An invalid or unknown
/// requested name is an error listing the workstreams there are.
pub fn resolve(
    planning: &Path,
    requested: Option<(&str, Source)>,
) -> Result<Option<String>, UserError> {
    let requested = requested
        .map(|(n, s)| (n.trim(), s))
        .filter(|(n, _)| !n.is_empty());
    let Some((name, source)) = requested else {
        return Ok(active(planning));
    };
    let shown = match source {
        Source::Flag => format!("--ws {name}"),
        Source::Env => format!("GSD_WORKSTREAM={name}"),
    };
    if !valid_name(name) {
        return Err(UserError::new(format!("{shown}: not a workstream name")).hint(
            "a workstream name is letters, digits, `.`, `_` and `-`, starting with a letter or digit",
        ));
    }
    if planning.join(WORKSTREAMS).join(name).is_dir() {
        return Ok(Some(name.to_string()));
    }
    let existing = list(planning);
    let hint = if existing.is_empty() {
        "this project has no workstreams (folders in .planning/workstreams/); drop --ws and \
         unset GSD_WORKSTREAM to work on .planning/ itself"
            .to_string()
    } else {
        format!("workstreams here: {}", existing.join(", "))
    };
    Err(UserError::new(format!(
        "{shown}: no workstream `{name}` (no folder .planning/{WORKSTREAMS}/{name}/)"
    ))
    .hint(hint))
}

/// The workstream `.planning/active-workstream` names, when it is a valid name of an existing
/// workstream (a stale pointer is ignored, as the workflow does).
fn active(planning: &Path) -> Option<String> {
    let text = std::fs::read_to_string(planning.join(ACTIVE_FILE)).ok()?;
    let name = text.trim();
    (valid_name(name) && planning.join(WORKSTREAMS).join(name).is_dir()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_requested_active_and_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let planning = dir.path().join(".planning");
        std::fs::create_dir_all(planning.join("workstreams/api")).unwrap();
        std::fs::write(planning.join("workstreams/api/STATE.md"), "# State\n").unwrap();
        assert_eq!(resolve(&planning, None).unwrap(), None);
        assert_eq!(
            resolve(&planning, Some(("api", Source::Flag)))
                .unwrap()
                .as_deref(),
            Some("api")
        );
        assert_eq!(resolve(&planning, Some(("  ", Source::Env))).unwrap(), None);
        let err = resolve(&planning, Some(("web", Source::Env))).unwrap_err();
        assert!(format!("{err:?}").contains("api"), "{err:?}");
        std::fs::write(planning.join(ACTIVE_FILE), "api\n").unwrap();
        assert_eq!(resolve(&planning, None).unwrap().as_deref(), Some("api"));
        std::fs::write(planning.join(ACTIVE_FILE), "gone\n").unwrap();
        assert_eq!(resolve(&planning, None).unwrap(), None);
    }
}
