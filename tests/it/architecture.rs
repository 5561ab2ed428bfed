//! The shape of the code, checked: the module graph has no cycle (between layers, and between
//! any two source files), and no source file outgrows one job.
//!
//! The graph is read from the source text: every `crate::a::b` path and every `super::x` path
//! outside comments and `#[cfg(test)]` modules is an edge from the file that writes it to the
//! deepest module file the path names. A child naming its own ancestor (a `mod.rs` facade) is
//! not an edge: the parent declares the child, so that loop is Rust's, not ours.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

/// Every module of `src/` (as its path segments) with the file that holds it.
fn modules() -> BTreeMap<Module, PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&root).expect("under src/");
            let mut parts: Module = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            if parts == ["lib"] || parts == ["main"] {
                continue;
            }
            out.insert(parts, path);
        }
    }
    out
}

/// The file's code without comments and without its `#[cfg(test)]` modules.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut skip_depth: Option<i32> = None;
    let mut depth = 0i32;
    let mut test_attr = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("//") {
            continue;
        }
        if skip_depth.is_none() && t.starts_with("#[cfg(test)]") {
            test_attr = true;
            continue;
        }
        let opens = line.matches('{').count() as i32;
        let closes = line.matches('}').count() as i32;
        let declares_mod = ["mod ", "pub mod ", "pub(crate) mod ", "pub(super) mod "]
            .iter()
            .any(|m| t.starts_with(m));
        if test_attr && declares_mod && opens > 0 {
            skip_depth = Some(depth);
        }
        test_attr = false;
        depth += opens - closes;
        if let Some(d) = skip_depth {
            if depth <= d {
                skip_depth = None;
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The `a::b::c` paths written after `prefix` (`crate::`, `super::`), including the items of
/// a `prefix{a, b::c}` group.
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().last();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let path_len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        let head: Vec<String> = rest[..path_len]
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if rest[path_len..].starts_with('{') {
            let close = rest[path_len..]
                .find('}')
                .map_or(rest.len(), |c| path_len + c);
            for item in rest[path_len + 1..close].split(',') {
                let item = item.trim();
                let item_path: Vec<String> = item
                    .split(|c: char| c.is_whitespace() || c == '{')
                    .next()
                    .unwrap_or("")
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                let mut full = head.clone();
                full.extend(item_path);
                out.push(full);
            }
        } else {
            out.push(head);
        }
    }
    out
}

/// The deepest module `path` names.
fn resolve(modules: &BTreeMap<Module, PathBuf>, path: &[String]) -> Option<Module> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| modules.contains_key(m))
}

/// Edges between modules, each cut to its first `level` segments.
fn graph(level: usize) -> BTreeMap<Module, BTreeSet<Module>> {
    let modules = modules();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, file) in &modules {
        let code = code_of(&std::fs::read_to_string(file).expect("a source file"));
        let is_facade = file.ends_with("mod.rs");
        let parent: Module = if is_facade {
            module.clone()
        } else {
            module[..module.len() - 1].to_vec()
        };
        let mut targets: Vec<Vec<String>> = paths_after(&code, "crate::");
        for p in paths_after(&code, "super::") {
            let base = if is_facade {
                module[..module.len().saturating_sub(1)].to_vec()
            } else {
                parent[..parent.len().saturating_sub(0)].to_vec()
            };
            let mut full = base;
            full.extend(p);
            targets.push(full);
        }
        for t in targets {
            let Some(target) = resolve(&modules, &t) else {
                continue;
            };
            let from: Module = module.iter().take(level).cloned().collect();
            let to: Module = target.iter().take(level).cloned().collect();
            let related = from.starts_with(&to) || to.starts_with(&from);
            if !related {
                edges.entry(from).or_default().insert(to);
            }
        }
    }
    edges
}

/// The strongly connected components with more than one module (Tarjan).
fn cycles(g: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct Walk<'a> {
        g: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<Module, usize>,
        low: BTreeMap<Module, usize>,
        stack: Vec<Module>,
        on: BTreeSet<Module>,
        next: usize,
        found: Vec<Vec<Module>>,
    }
    impl Walk<'_> {
        fn visit(&mut self, v: &Module) {
            self.index.insert(v.clone(), self.next);
            self.low.insert(v.clone(), self.next);
            self.next += 1;
            self.stack.push(v.clone());
            self.on.insert(v.clone());
            for w in self.g.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(lw);
                } else if self.on.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut comp = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on.remove(&w);
                    let done = &w == v;
                    comp.push(w);
                    if done {
                        break;
                    }
                }
                if comp.len() > 1 {
                    comp.sort();
                    self.found.push(comp);
                }
            }
        }
    }
    let mut walk = Walk {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in g.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

fn describe(found: &[Vec<Module>], g: &BTreeMap<Module, BTreeSet<Module>>) -> String {
    let mut out = String::new();
    for comp in found {
        let set: BTreeSet<&Module> = comp.iter().collect();
        for a in comp {
            for b in g.get(a).into_iter().flatten().filter(|b| set.contains(b)) {
                out.push_str(&format!("  {} -> {}\n", a.join("::"), b.join("::")));
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn layers_form_no_cycle() {
    let g = graph(1);
    let found = cycles(&g);
    assert!(
        found.is_empty(),
        "the layers depend on each other in a circle:\n{}",
        describe(&found, &g)
    );
}

#[test]
fn source_files_form_no_cycle() {
    let g = graph(usize::MAX);
    let found = cycles(&g);
    assert!(
        found.is_empty(),
        "source files depend on each other in a circle (move the shared part to a module both \
         use):\n{}",
        describe(&found, &g)
    );
}

#[test]
fn the_graph_reader_sees_edges() {
    // A reader that saw nothing would pass the two tests above on any code.
    let g = graph(1);
    let ops = g
        .get(&vec!["ops".to_string()])
        .expect("ops depends on something");
    assert!(ops.contains(&vec!["model".to_string()]));
    assert!(ops.contains(&vec!["edit".to_string()]));
    let paths = paths_after("use crate::{a::b, c};\nlet x = crate::d::e(1);", "crate::");
    assert_eq!(
        paths,
        vec![vec!["a", "b"], vec!["c"], vec!["d", "e"]]
            .into_iter()
            .map(|p| p.into_iter().map(str::to_string).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );
    let code = code_of("fn a() {}\n// crate::x\n#[cfg(test)]\nmod tests {\n    use crate::y;\n}\n");
    assert_eq!(code, "fn a() {}\n");
}

/// Code lines (outside `#[cfg(test)]` modules and comments) a source file may hold: one job.
const MAX_CODE_LINES: usize = 400;

/// Files still over the limit, each with the size it may not outgrow (a ratchet: split one,
/// then drop its entry).
const NOT_YET_SPLIT: &[(&str, usize)] = &[];

#[test]
fn source_files_stay_small() {
    let mut over: Vec<(usize, String)> = modules()
        .values()
        .map(|file| {
            let text = std::fs::read_to_string(file).expect("a source file");
            let lines = code_of(&text)
                .lines()
                .filter(|l| !l.trim().is_empty())
                .count();
            let rel = file
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(file)
                .display()
                .to_string();
            (lines, rel)
        })
        .filter(|(lines, file)| {
            let cap = NOT_YET_SPLIT
                .iter()
                .find(|(f, _)| f == file)
                .map_or(MAX_CODE_LINES, |(_, cap)| *cap);
            *lines > cap
        })
        .collect();
    over.sort();
    assert!(
        over.is_empty(),
        "source files over {MAX_CODE_LINES} code lines (split them by job):\n{}",
        over.iter()
            .map(|(n, f)| format!("  {n:5} {f}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The layers that do no I/O (docs/ARCHITECTURE.md, "Pure core"): io reads the disk and hands
/// them what it found (`io::load`, `io::phases_scan`, `io::facts`).
const PURE_LAYERS: &[&str] = &["model", "ledger", "check", "ops", "render"];

/// What touching the disk looks like in Rust source: `std::fs`, `fs::…`, `File::…`, a folder
/// listing, or asking a path whether something is there.
const DISK_ACCESS: &[&str] = &[
    "std::fs",
    "fs::",
    "File::",
    "read_dir",
    ".exists()",
    ".is_dir()",
    ".is_file()",
    ".metadata(",
];

/// The disk accesses in `code`: each pattern found where it starts a name (`PlanningFile::`
/// is not `File::`), with its line.
fn disk_access_in(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in code.lines() {
        for pattern in DISK_ACCESS {
            let starts_a_name = |at: usize| {
                pattern.starts_with('.')
                    || !line[..at]
                        .chars()
                        .last()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
            };
            if line.match_indices(pattern).any(|(at, _)| starts_a_name(at)) {
                out.push(format!("`{pattern}` in: {}", line.trim()));
            }
        }
    }
    out
}

#[test]
fn the_pure_core_does_not_touch_the_disk() {
    let mut found = Vec::new();
    for (module, file) in modules() {
        if !PURE_LAYERS.contains(&module[0].as_str()) {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&file).expect("a source file"));
        for hit in disk_access_in(&code) {
            found.push(format!("  {}: {hit}", module.join("::")));
        }
    }
    assert!(
        found.is_empty(),
        "model, ledger, check, ops and render do no I/O: read the disk in io (io::load, \
         io::facts) and pass the result in:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_disk_access_reader_sees_disk_access() {
    // A reader that saw nothing would pass the test above on any code.
    let code = code_of(
        "use std::fs;\nlet ok = PlanningFile::State;\nif p.is_dir() {}\nlet f = File::open(p);\n\
         #[cfg(test)]\nmod tests {\n    fn t() { std::fs::write(p, \"\"); }\n}\n",
    );
    let hits = disk_access_in(&code);
    assert_eq!(hits.len(), 3, "{hits:?}");
    assert!(hits[0].starts_with("`std::fs`"), "{hits:?}");
    assert!(hits[1].starts_with("`.is_dir()`"), "{hits:?}");
    assert!(hits[2].starts_with("`File::`"), "{hits:?}");
}
