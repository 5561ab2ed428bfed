//! `gsd check --format github`: GitHub Actions workflow commands, one per finding, so
//! findings show as annotations on the pull request.
//!
//! `::error title=gsd (GSD101),file=.planning/STATE.md,line=17,col=11,endLine=17,endColumn=21::…`
//! Escaping follows the runner's rules: in the message `%`, `\r`, `\n`; in property values
//! also `:` and `,`.

use crate::check::{Located, Severity};

/// Escapes a workflow-command message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(located: &[Located]) -> String {
    let mut out = String::new();
    for l in located {
        let d = l.diagnostic;
        let kind = match d.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = format!(
            "{}:{}:{}: {} {}",
            l.path, l.line, l.column, d.code, d.message
        );
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{kind} title={},file={},line={},col={},endLine={},endColumn={}::{}\n",
            escape_property(&format!("gsd ({}: {})", d.code, d.rule().name)),
            escape_property(&l.path),
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            escape_data(&message)
        ));
    }
    out
}

/// When gsd could not check: one error annotation with the message, so the run's summary
/// says why the step failed.
pub fn render_failure(message: &str) -> String {
    format!(
        "::error title={}::{}\n",
        escape_property("gsd check could not run"),
        escape_data(message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_runner() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a: b, c"), "a%3A b%2C c");
    }
}
