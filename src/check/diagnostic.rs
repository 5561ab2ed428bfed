//! A finding: which rule, where (a byte range in one of the planning files, or a whole file
//! gsd does not parse), what is wrong, how to fix it, and — for derived values only — the
//! edits that fix it.
//!
//! Diagnostics hold byte ranges, like the rest of gsd; [`Located`] turns them into 1-based
//! line and character columns once, so every output format reports the same position.

use std::ops::Range;

use crate::edit::Edit;
use crate::model::Workspace;
pub use crate::model::planning_file::PlanningFile;
use crate::source::Source;

/// How serious a finding is. `Error` fails `gsd check` (exit 1); `Warning` is reported only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A safe fix: edits to one file that bring a value in line with the evidence. The file is
/// usually the one the finding points into, but need not be: a plan's SUMMARY.md is fixed by
/// ticking ROADMAP.md, a frontmatter mirror by writing STATE.md's frontmatter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, for `help:` lines and SARIF (`Set the percent to 25`).
    pub title: String,
    /// The file the edits apply to.
    pub file: PlanningFile,
    pub edits: Vec<Edit>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub file: PlanningFile,
    /// The bytes the finding is about (kept on one line by the renderers).
    pub span: Range<usize>,
    pub message: String,
    /// How to fix it by hand (or what `--fix` will do).
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// For a finding about a whole file gsd does not parse ([`PlanningFile::Other`]): that file,
    /// relative to the project folder, `/`-separated (`.planning/.gsd-tmp.STATE.md.a1B2c3`).
    pub path: Option<String>,
    /// A severity other than the rule's, for this finding: the one the project gives the rule
    /// (`[check.severity]` in `gsd.toml`, set by [`super::policy::Policy`]), or the rule's own
    /// call for this finding (GSD102 is an error when its sources agree, else a warning).
    pub severity_override: Option<Severity>,
}

impl Diagnostic {
    pub fn new(
        code: &'static str,
        file: PlanningFile,
        span: Range<usize>,
        message: String,
    ) -> Self {
        Diagnostic {
            code,
            file,
            span,
            message,
            help: None,
            fix: None,
            path: None,
            severity_override: None,
        }
    }

    /// A finding about the whole file at `path` (relative to the project folder), one gsd
    /// does not parse.
    pub fn about_file(code: &'static str, path: String, message: String) -> Self {
        Diagnostic {
            path: Some(path),
            ..Diagnostic::new(code, PlanningFile::Other, 0..0, message)
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attaches a safe fix to the finding's own file; its title becomes the help text when
    /// there is none.
    pub fn fix(self, title: impl Into<String>, edits: Vec<Edit>) -> Self {
        let file = self.file;
        self.fix_in(file, title, edits)
    }

    /// Attaches a safe fix whose edits apply to `file`.
    pub fn fix_in(
        mut self,
        file: PlanningFile,
        title: impl Into<String>,
        edits: Vec<Edit>,
    ) -> Self {
        let title = title.into();
        if self.help.is_none() {
            self.help = Some(title.clone());
        }
        self.fix = Some(Fix { title, file, edits });
        self
    }

    /// The rule this finding belongs to.
    pub fn rule(&self) -> &'static super::Rule {
        super::rule(self.code).expect("diagnostics only use registered codes")
    }

    /// The rule's severity, or the one the project's config gives it.
    pub fn severity(&self) -> Severity {
        self.severity_override.unwrap_or(self.rule().severity)
    }

    /// Gives this finding a severity other than its rule's.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity_override = Some(severity);
        self
    }
}

/// A diagnostic with its position resolved: 1-based lines, 1-based character columns, the
/// end exclusive and on the same line as the start.
#[derive(Debug, Clone)]
pub struct Located<'a> {
    pub diagnostic: &'a Diagnostic,
    /// The file as shown: `.planning/STATE.md`, after the project's folder when the project
    /// is below the current folder (`app/.planning/STATE.md`), so CI annotations map to the
    /// repository.
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The text of the start line (no terminator, no BOM).
    pub line_text: &'a str,
    /// The span's bytes relative to `line_text`.
    pub line_span: Range<usize>,
}

impl Located<'_> {
    /// Whether the finding is about a whole file (no line to show): line 1, column 1.
    pub fn is_whole_file(&self) -> bool {
        self.diagnostic.file == PlanningFile::Other
    }
}

/// Resolves positions for every diagnostic (those whose file is not loaded are dropped —
/// rules only point into files they read). `prefix` is the project folder relative to where
/// gsd runs (empty when it runs in the project folder).
pub fn locate<'a>(
    ws: &'a Workspace,
    diagnostics: &'a [Diagnostic],
    prefix: &str,
) -> Vec<Located<'a>> {
    diagnostics
        .iter()
        .filter_map(|d| match (d.file.source(ws), &d.path) {
            (Some(source), _) => Some(locate_one(source, d, prefix)),
            (None, Some(path)) => Some(Located {
                diagnostic: d,
                path: shown_path(prefix, path),
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
                line_text: "",
                line_span: 0..0,
            }),
            (None, None) => None,
        })
        .collect()
}

/// `prefix` + `path`, with one `/` between them.
pub fn shown_path(prefix: &str, path: &str) -> String {
    if prefix.is_empty() {
        path.to_string()
    } else {
        format!("{}/{path}", prefix.trim_end_matches('/'))
    }
}

fn locate_one<'a>(source: &'a Source, d: &'a Diagnostic, prefix: &str) -> Located<'a> {
    let len = source.text.len();
    let start = d.span.start.min(len);
    let (line, column) = source.line_col(start);
    let (line_text, line_start) = if source.lines.is_empty() {
        ("", 0)
    } else {
        let text = source.line_text(line - 1);
        let span = source.lines[line - 1];
        (text, span.content_end - text.len())
    };
    let line_end = line_start + line_text.len();
    let end = d.span.end.clamp(start, len).min(line_end.max(start));
    let rel_start = start.saturating_sub(line_start).min(line_text.len());
    let rel_end = end
        .saturating_sub(line_start)
        .clamp(rel_start, line_text.len());
    let end_column = column + line_text[rel_start..rel_end].chars().count();
    Located {
        diagnostic: d,
        // The file's own display path: `.planning/workstreams/api/STATE.md` in a workstream.
        path: shown_path(prefix, &source.path.to_string_lossy().replace('\\', "/")),
        line,
        column,
        end_line: line,
        end_column,
        line_text,
        line_span: rel_start..rel_end,
    }
}

/// Counts by severity, and how many findings `--fix` could fix; and what the run left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub fixable: usize,
    /// Findings left out because the baseline holds them (`None`: no baseline was read).
    pub baselined: Option<usize>,
    /// Warnings left out by `-q`.
    pub hidden_warnings: usize,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic]) -> Summary {
        let mut s = Summary::default();
        for d in diagnostics {
            match d.severity() {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
            }
            if d.fix.is_some() {
                s.fixable += 1;
            }
        }
        s
    }
}
