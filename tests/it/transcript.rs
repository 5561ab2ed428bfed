//! A command's whole effect as one text for an insta snapshot: the command line, its exit
//! code, stdout, stderr, and the unified diff of every file it changed under `.planning/`
//! (files with bytes that are not UTF-8 are shown as gsd reads them; tests that care about
//! those bytes compare them separately).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{Project, run};

/// Every file under `dir`, by path relative to `root`.
pub fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.join(".planning")];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                out.insert(p.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    out
}

fn text(bytes: &[u8]) -> String {
    gsd::source::Source::from_bytes("x", bytes.to_vec())
        .map(|s| s.text)
        .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
}

/// Runs `gsd -C <project> args…` and returns the transcript; the exit code is returned too.
pub fn transcript(p: &Project, args: &[&str]) -> (i32, String) {
    let before = files(p.root());
    let (code, out, err) = run(p.gsd().args(args));
    let after = files(p.root());
    let mut t = format!("$ gsd {}\nexit {code}\n", args.join(" "));
    if !out.is_empty() {
        t.push_str(&format!("--- stdout\n{out}"));
    }
    if !err.is_empty() {
        t.push_str(&format!("--- stderr\n{err}"));
    }
    for (path, new) in &after {
        let old = before.get(path).map(|b| text(b)).unwrap_or_default();
        let new = text(new);
        if old != new {
            t.push_str(&gsd::render::diff::unified_diff(path, &old, &new));
        }
    }
    (code, t)
}
