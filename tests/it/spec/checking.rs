//! Specs for `gsd check`: **given** the consistent base project (`fixtures/check/base/`) with a
//! few lines changed, **checking** it (`gsd check --select ALL --format json`: every rule on,
//! style rules included) **reports** these findings, or is **quiet** about a rule.
//!
//! ```ignore
//! given_base()
//!     .editing("STATE.md", "- Total plans completed: 3", "- Total plans completed: 7")
//!     .checking()
//!     .reports_once("GSD405")
//!     .without_fix();
//! ```
//!
//! The project is a real folder and the real binary checks it: rules see `phases/`, resume
//! files and archives as they are on disk.

use serde_json::Value;

use crate::check_rules::{check_json, project};
use crate::support::{Project, fixtures_dir};

/// A project on disk, to be checked.
pub struct GivenProject {
    project: Project,
}

/// The consistent base project of the check fixtures, which checks clean.
pub fn given_base() -> GivenProject {
    // The base laid over itself: `project` always lays an overlay over `base/`.
    GivenProject {
        project: project(&fixtures_dir().join("check"), "base"),
    }
}

impl GivenProject {
    /// The same project with the first `from` in `file` (under `.planning/`) replaced by `to`;
    /// `from` must occur.
    pub fn editing(self, file: &str, from: &str, to: &str) -> GivenProject {
        let text = self.project.read(file);
        assert!(text.contains(from), "{file} has no {from:?}");
        self.project.write(file, &text.replacen(from, to, 1));
        self
    }

    /// The same project with `file` (under `.planning/`) holding exactly `text`.
    pub fn with_file(self, file: &str, text: &str) -> GivenProject {
        self.project.write(file, text);
        self
    }

    /// Runs `gsd check --select ALL --format json` on the project (it must exit 0 or 1).
    pub fn checking(&self) -> Checked {
        let json = check_json(&self.project);
        Checked {
            findings: json["diagnostics"].as_array().unwrap().clone(),
        }
    }
}

/// What `gsd check` found.
pub struct Checked {
    findings: Vec<Value>,
}

impl Checked {
    /// The findings of rule `code`.
    fn of(&self, code: &str) -> Vec<&Value> {
        self.findings.iter().filter(|d| d["code"] == code).collect()
    }

    /// No finding at all.
    pub fn is_clean(&self) -> &Checked {
        assert!(self.findings.is_empty(), "findings: {:#?}", self.findings);
        self
    }

    /// No finding of rule `code` (others may be reported).
    pub fn is_quiet_about(&self, code: &str) -> &Checked {
        let found = self.of(code);
        assert!(found.is_empty(), "{code} reported: {found:#?}");
        self
    }

    /// Exactly one finding of rule `code`, to look at further.
    pub fn reports_once(&self, code: &str) -> Finding<'_> {
        let found = self.of(code);
        assert_eq!(found.len(), 1, "{code} findings: {found:#?}");
        Finding {
            code: code.to_string(),
            d: found[0],
        }
    }
}

/// One finding, as `--format json` writes it.
pub struct Finding<'a> {
    code: String,
    d: &'a Value,
}

impl Finding<'_> {
    /// It starts at `line` (1-based) and `column`.
    pub fn at(&self, line: u64, column: u64) -> &Self {
        let start = &self.d["start"];
        assert_eq!(
            (&start["line"], &start["column"]),
            (&Value::from(line), &Value::from(column)),
            "{} at: {:#}",
            self.code,
            self.d
        );
        self
    }

    /// It starts on `line` (1-based).
    pub fn on_line(&self, line: u64) -> &Self {
        assert_eq!(
            self.d["start"]["line"], line,
            "{} at: {:#}",
            self.code, self.d
        );
        self
    }

    /// It offers no fix.
    pub fn without_fix(&self) -> &Self {
        assert!(
            self.d["fix"].is_null(),
            "{} offers a fix: {:#}",
            self.code,
            self.d
        );
        self
    }

    /// Its fix writes `replacement` (as its first edit).
    pub fn fixes_to(&self, replacement: &str) -> &Self {
        assert_eq!(
            self.d["fix"]["edits"][0]["replacement"], replacement,
            "{}: {:#}",
            self.code, self.d
        );
        self
    }

    /// Its help contains `part`.
    pub fn helps(&self, part: &str) -> &Self {
        let help = self.d["help"].as_str().unwrap_or_default();
        assert!(
            help.contains(part),
            "{} help {help:?} lacks {part:?}",
            self.code
        );
        self
    }

    /// Its message starts with `prefix`.
    pub fn says_first(&self, prefix: &str) -> &Self {
        let message = self.d["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with(prefix),
            "{} says {message:?}, not {prefix:?}…",
            self.code
        );
        self
    }
}

#[test]
fn a_check_spec_can_fail() {
    // The helpers must catch a wrong expectation, or every check spec would pass.
    let stale = given_base()
        .editing(
            "STATE.md",
            "- Total plans completed: 3",
            "- Total plans completed: 7",
        )
        .checking();
    stale.reports_once("GSD405");
    let wrong = |f: &dyn Fn()| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err();
    assert!(wrong(&|| {
        stale.is_quiet_about("GSD405");
    }));
    assert!(wrong(&|| {
        stale.is_clean();
    }));
    assert!(wrong(&|| {
        stale.reports_once("GSD404");
    }));
    assert!(wrong(&|| {
        stale.reports_once("GSD405").at(1, 1);
    }));
    given_base().checking().is_clean();
}
