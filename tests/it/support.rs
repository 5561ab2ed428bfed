//! Test fixture: a temp folder holding a `.planning/` tree and a way to run `gsd` in it with
//! a cleared environment and a fixed clock, plus the fixture catalogue.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's `fixtures/` folder.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every STATE.md-shaped fixture file (seeds and variants), sorted, as (name, path).
pub fn state_fixtures() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for sub in ["seeds", "variants"] {
        let dir = fixtures_dir().join(sub);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "md") {
                let name = format!("{sub}__{}", p.file_stem().unwrap().to_string_lossy());
                out.push((name, p));
            }
        }
    }
    out.sort();
    out
}

/// A temp project with a `.planning/` folder.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// An empty project (`.planning/` exists, no files).
    pub fn empty() -> Project {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join(".planning")).unwrap();
        Project { dir }
    }

    /// A project whose STATE.md is a copy of `state`.
    pub fn with_state(state: &Path) -> Project {
        let p = Project::empty();
        copy_writable(state, &p.planning().join("STATE.md"));
        p
    }

    /// A project copied from a whole `.planning/` tree (a folder containing `.planning/`).
    pub fn copy_of(tree: &Path) -> Project {
        let p = tempfile::tempdir().expect("tempdir");
        copy_dir(&tree.join(".planning"), &p.path().join(".planning"));
        Project { dir: p }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn planning(&self) -> PathBuf {
        self.dir.path().join(".planning")
    }

    pub fn write(&self, name: &str, text: &str) {
        let path = self.planning().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, text).unwrap();
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.planning().join(name)).unwrap()
    }

    /// `gsd` with `-C <project>`, a cleared environment and GSD_NOW fixed.
    pub fn gsd(&self) -> Command {
        let mut cmd = gsd();
        cmd.arg("-C").arg(self.root());
        cmd
    }
}

/// The `gsd` binary with a cleared environment and a fixed clock.
pub fn gsd() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gsd"));
    cmd.env_clear()
        .env("GSD_NOW", "2026-02-01T10:00:00Z")
        .env("NO_COLOR", "1")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd
}

/// Copies a directory tree, every file made writable (see [`copy_writable`]).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            copy_writable(&e.path(), &target);
        }
    }
}

/// Copies a file and makes the copy writable: the checkout may hold fixtures read-only, and
/// gsd refuses to change a read-only file.
fn copy_writable(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(to).unwrap().permissions().mode();
        std::fs::set_permissions(to, std::fs::Permissions::from_mode(mode | 0o200)).unwrap();
    }
}

/// Runs a command and returns (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("run gsd");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The files under a project's `.planning/` by relative path, with their text (`md_only`:
/// Markdown files alone, leaving out anything else a command might create or leave).
pub fn planning_files(p: &Project, md_only: bool) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![p.planning()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if !md_only || path.extension().is_some_and(|x| x == "md") {
                let rel = path.strip_prefix(p.planning()).unwrap();
                out.insert(
                    rel.display().to_string(),
                    std::fs::read_to_string(&path).unwrap_or_default(),
                );
            }
        }
    }
    out
}
