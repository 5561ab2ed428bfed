//! `gsd check` for people: rustc-style snippets (annotate-snippets) and a summary line.
//!
//! ```text
//! error[GSD203]: Average duration is 28 min but …
//!   --> .planning/STATE.md:23:21
//!    |
//! 23 | - Average duration: 28 min
//!    |                     ^^
//!    |
//! help: set the average to 25
//! ```

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::check::{Located, Severity, Summary};

/// Renders every finding, then one summary line.
pub fn render(located: &[Located], summary: Summary, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for l in located {
        let d = l.diagnostic;
        let level = match d.severity() {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(d.message.as_str()).id(d.code);
        // A finding about a whole file has no line to show: only where the file is.
        let group = if l.is_whole_file() {
            title.element(Origin::path(l.path.as_str()))
        } else {
            title.element(
                Snippet::source(l.line_text)
                    .line_start(l.line)
                    .path(l.path.as_str())
                    .annotation(AnnotationKind::Primary.span(l.line_span.clone())),
            )
        };
        let mut report: Vec<Group> = vec![group];
        if let Some(help) = &d.help {
            let help = if d.fix.is_some() {
                format!("{help} (fixable with `gsd check --fix`)")
            } else {
                help.clone()
            };
            report.push(Group::with_title(Level::HELP.secondary_title(help)));
        }
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    out.push_str(&summary_line(summary));
    out.push('\n');
    out
}

/// `Found 3 problems (2 errors, 1 warning); 2 fixable with `gsd check --fix`.`
pub fn summary_line(s: Summary) -> String {
    let total = s.errors + s.warnings;
    if total == 0 {
        return "All checks passed: no problems found.".to_string();
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "Found {} ({}, {})",
        plural(total, "problem"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning")
    );
    if s.fixable > 0 {
        line.push_str(&format!("; {} fixable with `gsd check --fix`", s.fixable));
    }
    line.push('.');
    line
}
