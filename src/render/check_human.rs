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

/// `Found 3 problems (2 errors, 1 warning); 2 fixable with `gsd check --fix`.`, then what
/// the run left out: `; 4 baselined; 1 warning hidden by -q`.
pub fn summary_line(s: Summary) -> String {
    let total = s.errors + s.warnings;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut left_out = Vec::new();
    if let Some(n) = s.baselined.filter(|n| *n > 0) {
        left_out.push(format!("{n} baselined"));
    }
    if s.hidden_warnings > 0 {
        left_out.push(format!(
            "{} hidden by -q",
            plural(s.hidden_warnings, "warning")
        ));
    }
    if total == 0 {
        return if left_out.is_empty() {
            "All checks passed: no problems found.".to_string()
        } else {
            format!(
                "All checks passed: no new problems ({}).",
                left_out.join(", ")
            )
        };
    }
    let mut line = format!(
        "Found {} ({}, {})",
        plural(total, "problem"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning")
    );
    if s.fixable > 0 {
        line.push_str(&format!("; {} fixable with `gsd check --fix`", s.fixable));
    }
    for part in left_out {
        line.push_str("; ");
        line.push_str(&part);
    }
    line.push('.');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_what_was_left_out() {
        let s = Summary {
            errors: 1,
            fixable: 1,
            baselined: Some(3),
            hidden_warnings: 2,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(s),
            "Found 1 problem (1 error, 0 warnings); 1 fixable with `gsd check --fix`; 3 baselined; 2 warnings hidden by -q."
        );
        let s = Summary {
            baselined: Some(4),
            ..Summary::default()
        };
        assert_eq!(
            summary_line(s),
            "All checks passed: no new problems (4 baselined)."
        );
        assert_eq!(
            summary_line(Summary::default()),
            "All checks passed: no problems found."
        );
    }
}
