//! Shared by the benchmark binaries: the fixtures, the same files grown to 1 MB, 10 MB and
//! 100 MB by repeating realistic sections, and temp projects to run commands in.
//!
//! Grown files are generated here, never committed. A file is grown by repeating the bullets
//! it already has in its Decisions and Blockers sections (each copy tagged so it stays
//! unique), which is how real STATE.md files get long. The 100 MB size only runs when
//! `GSD_BENCH_HUGE=1`, because generating and parsing it takes a while on a laptop.

#![allow(dead_code)]

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The text every grown (and original) file carries as its one unique blocker, so
/// `state unblock` has exactly one match at every size.
pub const UNIQUE_BLOCKER: &str = "Waiting on the bench-unique vendor sign-off";

/// A file size to grow to; `Original` is the fixture as committed (plus the unique blocker).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Size {
    Original,
    Mb1,
    Mb10,
    Mb100,
}

impl Size {
    pub fn bytes(self) -> Option<usize> {
        match self {
            Size::Original => None,
            Size::Mb1 => Some(1 << 20),
            Size::Mb10 => Some(10 << 20),
            Size::Mb100 => Some(100 << 20),
        }
    }
}

/// One benchmark input: a fixture at a size.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Case {
    pub fixture: &'static str,
    pub size: Size,
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let size = match self.size {
            Size::Original => "orig",
            Size::Mb1 => "1MB",
            Size::Mb10 => "10MB",
            Size::Mb100 => "100MB",
        };
        write!(f, "{}/{size}", self.fixture)
    }
}

/// The STATE.md fixtures benchmarked (the five real seeds).
pub const FIXTURES: &[&str] = &["000", "001", "002", "003", "004"];

/// Every fixture at every size (100 MB only with `GSD_BENCH_HUGE=1`).
pub fn cases() -> Vec<Case> {
    let mut sizes = vec![Size::Original, Size::Mb1, Size::Mb10];
    if std::env::var_os("GSD_BENCH_HUGE").is_some_and(|v| v == "1") {
        sizes.push(Size::Mb100);
    }
    let mut out = Vec::new();
    for size in sizes {
        for fixture in FIXTURES {
            out.push(Case { fixture, size });
        }
    }
    out
}

/// The text of a case, generated once per process and cached (a leaked `&'static str`).
pub fn text(case: Case) -> &'static str {
    static CACHE: OnceLock<Mutex<Vec<(Case, &'static str)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap();
    if let Some((_, t)) = cache.iter().find(|(c, _)| *c == case) {
        return t;
    }
    let original = std::fs::read_to_string(fixture_path(case.fixture)).expect("fixture");
    let grown = grow(&original, case.size.bytes().unwrap_or(0));
    let leaked: &'static str = Box::leak(grown.into_boxed_str());
    cache.push((case, leaked));
    leaked
}

pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/seeds")
        .join(format!("{name}.md"))
}

/// Grows `text` to at least `target` bytes by repeating its own decision and blocker bullets
/// inside their sections, and adds [`UNIQUE_BLOCKER`] to the blockers.
pub fn grow(text: &str, target: usize) -> String {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let decisions = section_bullets(&lines, |t| t.contains("decision"));
    let blockers = section_bullets(&lines, |t| t.contains("blocker") || t.contains("concern"));
    let default_decision =
        vec!["- [Phase 2]: Use cursor pagination for list endpoints".to_string()];
    let default_blocker = vec!["- Waiting on API keys from the payments vendor".to_string()];
    let decision_units = if decisions.bullets.is_empty() {
        &default_decision
    } else {
        &decisions.bullets
    };
    let blocker_units = if blockers.bullets.is_empty() {
        &default_blocker
    } else {
        &blockers.bullets
    };

    let missing = target.saturating_sub(text.len());
    let mut extra_decisions = String::new();
    let mut extra_blockers = format!("- {UNIQUE_BLOCKER}{eol}");
    let mut n = 0usize;
    while extra_decisions.len() + extra_blockers.len() < missing {
        let d = &decision_units[n % decision_units.len()];
        extra_decisions.push_str(&tagged(d, n));
        extra_decisions.push_str(eol);
        let b = &blocker_units[n % blocker_units.len()];
        extra_blockers.push_str(&tagged(b, n));
        extra_blockers.push_str(eol);
        n += 1;
    }

    let mut out =
        String::with_capacity(text.len() + extra_decisions.len() + extra_blockers.len() + 64);
    let mut blockers_done = false;
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        if !line.ends_with('\n')
            && (Some(i) == decisions.insert_after || Some(i) == blockers.insert_after)
        {
            out.push_str(eol);
        }
        if Some(i) == decisions.insert_after {
            out.push_str(&extra_decisions);
        }
        if Some(i) == blockers.insert_after {
            out.push_str(&extra_blockers);
            blockers_done = true;
        }
    }
    if decisions.insert_after.is_none() && !extra_decisions.is_empty() {
        out.push_str(&format!("{eol}### Decisions{eol}{eol}{extra_decisions}"));
    }
    if !blockers_done {
        out.push_str(&format!(
            "{eol}### Blockers/Concerns{eol}{eol}{extra_blockers}"
        ));
    }
    out
}

/// A copy of a bullet or table row made unique: ` (rN)` after a bullet's text, or after the
/// text of a row's second cell (so the row keeps its columns).
fn tagged(unit: &str, n: usize) -> String {
    if !unit.starts_with('|') {
        return format!("{unit} (r{n})");
    }
    let mut cells: Vec<String> = unit.split('|').map(str::to_string).collect();
    let at = if cells.len() > 3 { 2 } else { 1 };
    let cell = cells[at].trim_end().to_string();
    cells[at] = format!("{cell} (r{n}) ");
    cells.join("|")
}

struct SectionBullets {
    /// Top-level bullet lines of the section, without their line ending.
    bullets: Vec<String>,
    /// The line after which copies go: the section's last bullet, else its heading.
    insert_after: Option<usize>,
}

fn section_bullets(lines: &[&str], wanted: impl Fn(&str) -> bool) -> SectionBullets {
    let mut found = SectionBullets {
        bullets: Vec::new(),
        insert_after: None,
    };
    let mut inside = false;
    let mut in_table_body = false;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed.starts_with('#') {
            if inside {
                break;
            }
            if wanted(&trimmed.to_lowercase()) {
                inside = true;
                found.insert_after = Some(i);
            }
            continue;
        }
        if !inside {
            continue;
        }
        let table_row = trimmed.starts_with('|') && !trimmed.contains("---");
        if trimmed.starts_with("|") && trimmed.contains("---") {
            in_table_body = true;
        } else if trimmed.starts_with("- ")
            || trimmed.starts_with("* ")
            || (in_table_body && table_row)
        {
            found.bullets.push(trimmed.to_string());
            found.insert_after = Some(i);
        }
    }
    found
}

/// A temp project whose `.planning/STATE.md` is rewritten before every iteration.
pub struct BenchProject {
    pub dir: tempfile::TempDir,
}

impl BenchProject {
    /// A project with `STATE.md` and, when `tree` is given, the rest of that `.planning/`.
    pub fn new(tree: Option<&Path>) -> BenchProject {
        let dir = tempfile::tempdir().expect("tempdir");
        let planning = dir.path().join(".planning");
        std::fs::create_dir(&planning).unwrap();
        if let Some(tree) = tree {
            copy_dir(&tree.join(".planning"), &planning);
        }
        BenchProject { dir }
    }

    pub fn state_path(&self) -> PathBuf {
        self.dir.path().join(".planning/STATE.md")
    }

    pub fn reset(&self, text: &str) {
        std::fs::write(self.state_path(), text).unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::write(&target, std::fs::read(e.path()).unwrap()).unwrap();
        }
    }
}

/// A plan each fixture has not completed yet, and a phase it is not in.
pub fn plan_and_phase(fixture: &str) -> (&'static str, &'static str) {
    match fixture {
        "000" => ("02-02", "3"),
        "001" => ("02-02", "2"),
        "002" => ("03-01", "4"),
        "003" => ("07-03", "4"),
        _ => ("11-02", "12"),
    }
}
