//! Where the paths in `gsd check`'s output start.
//!
//! - For people (human, JSON): at the folder gsd runs in, as a shell would name the file
//!   (`app/.planning/STATE.md` from the repository root, `STATE.md` inside `.planning/`,
//!   `../.planning/STATE.md` from `app/src`), so it can be pasted into an editor; with `-C`
//!   to a folder that is neither above nor inside the current one, at the project folder
//!   (`.planning/STATE.md`).
//! - For CI (GitHub annotations, SARIF, GitLab): at the repository root, which is what those
//!   systems resolve paths against wherever the step runs: `GITHUB_WORKSPACE` when it is set
//!   and holds the project, else the nearest folder above the project holding `.git` (a
//!   folder, or a file in a worktree or submodule), else the folder gsd runs in when the
//!   project is inside it, else the project folder.

use std::path::{Component, Path, PathBuf};

/// Shows project-relative paths relative to the folder gsd runs in.
#[derive(Debug, Clone)]
pub struct FromCwd {
    /// Both canonical; `None` when either cannot be resolved (paths then stay as they are,
    /// after the project folder as given).
    resolved: Option<(PathBuf, PathBuf)>,
    root: PathBuf,
}

impl FromCwd {
    pub fn new(root: &Path) -> FromCwd {
        let cwd = std::env::current_dir().and_then(|c| c.canonicalize());
        FromCwd {
            resolved: cwd.ok().zip(root.canonicalize().ok()),
            root: root.to_path_buf(),
        }
    }

    /// `rel` (`.planning/STATE.md`, relative to the project folder) as seen from the
    /// current folder: `app/.planning/STATE.md`, `STATE.md`, `../.planning/STATE.md`.
    pub fn show(&self, rel: &str) -> String {
        match &self.resolved {
            // Inside the project or above it: as a shell there names the file.
            Some((cwd, root)) if root.starts_with(cwd) || cwd.starts_with(root) => {
                relative(cwd, &root.join(rel)).unwrap_or_else(|| rel.to_string())
            }
            // `-C` to a folder elsewhere: `../../elsewhere/.planning/STATE.md` helps nobody;
            // the path starts at the project folder the user named.
            Some(_) => rel.to_string(),
            None => {
                let root = slashed(&self.root);
                match root.as_str() {
                    "" | "." => rel.to_string(),
                    _ => format!("{}/{rel}", root.trim_end_matches('/')),
                }
            }
        }
    }
}

/// The repository root CI paths start at, and the project folder relative to it.
#[derive(Debug, Clone)]
pub struct RepoBase {
    /// Absolute.
    pub root: PathBuf,
    /// `/`-separated, empty when the project is the repository root.
    pub prefix: String,
}

/// The base for CI paths (see the module docs).
pub fn repo_base(root: &Path) -> RepoBase {
    let Ok(abs) = root.canonicalize() else {
        return RepoBase {
            root: root.to_path_buf(),
            prefix: String::new(),
        };
    };
    let workspace = std::env::var_os("GITHUB_WORKSPACE")
        .filter(|w| !w.is_empty())
        .and_then(|w| PathBuf::from(w).canonicalize().ok())
        .filter(|w| abs.starts_with(w));
    let base = workspace
        .or_else(|| {
            abs.ancestors()
                .find(|d| d.join(".git").exists())
                .map(Path::to_path_buf)
        })
        // No repository: the folder gsd runs in when it holds the project, else the project.
        .or_else(|| {
            std::env::current_dir()
                .and_then(|c| c.canonicalize())
                .ok()
                .filter(|cwd| abs.starts_with(cwd))
        })
        .unwrap_or_else(|| abs.clone());
    RepoBase {
        prefix: relative(&base, &abs).unwrap_or_default(),
        root: base,
    }
}

/// `to` relative to `from` (both absolute), with `..` where needed; `None` when they share
/// no root (another drive).
fn relative(from: &Path, to: &Path) -> Option<String> {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    if from.first() != to.first() {
        return None;
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let ups = std::iter::repeat_n("..".to_string(), from.len() - common);
    let downs = to[common..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    Some(ups.chain(downs).collect::<Vec<_>>().join("/"))
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_go_up_and_down() {
        let r = |a: &str, b: &str| relative(Path::new(a), Path::new(b)).unwrap();
        assert_eq!(r("/repo", "/repo/apps/web"), "apps/web");
        assert_eq!(r("/repo", "/repo"), "");
        assert_eq!(r("/repo/apps/web/.planning", "/repo/apps/web"), "..");
        assert_eq!(r("/repo/docs", "/repo/apps/web"), "../apps/web");
        assert_eq!(
            r(
                "/repo/apps/web/.planning",
                "/repo/apps/web/.planning/STATE.md"
            ),
            "STATE.md"
        );
    }
}
