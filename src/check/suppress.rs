//! Silencing findings from inside the files, for the cases a rule cannot know about.
//!
//! - `<!-- gsd-ignore GSD101 -->` on a finding's line, or on the line before it, silences
//!   those rules there; `<!-- gsd-ignore -->` silences every rule on that line.
//! - `<!-- gsd-ignore-file GSD404 -->` anywhere in a file silences those rules for every
//!   finding in that file (`<!-- gsd-ignore-file -->`: every rule). Put it near the top,
//!   below any frontmatter, so readers see it.
//!
//! Codes are separated by spaces or commas and compared case-insensitively. HTML comments
//! are invisible in rendered Markdown, so the files read the same with or without them.

use super::Diagnostic;
use crate::model::Workspace;

/// Whether a comment in the finding's file silences it.
pub fn is_suppressed(ws: &Workspace, d: &Diagnostic) -> bool {
    let Some(source) = d.file.source(ws) else {
        return false;
    };
    if source.lines.is_empty() {
        return false;
    }
    if ignores_file(&source.text, d.code) {
        return true;
    }
    let line = source.line_of(d.span.start.min(source.text.len()));
    let candidates = [Some(line), line.checked_sub(1)];
    candidates
        .into_iter()
        .flatten()
        .any(|i| ignores(source.line_text(i), "gsd-ignore", d.code))
}

/// Whether the text holds a `gsd-ignore-file` comment covering `code`. Cheap on big files:
/// only texts holding the marker are read comment by comment.
fn ignores_file(text: &str, code: &str) -> bool {
    text.contains("gsd-ignore-file")
        && text
            .lines()
            .filter(|l| l.contains("gsd-ignore-file"))
            .any(|l| ignores(l, "gsd-ignore-file", code))
}

/// Whether a line's `<!-- {directive} CODES -->` comments cover `code`.
fn ignores(line: &str, directive: &str, code: &str) -> bool {
    let mut rest = line;
    while let Some(start) = rest.find("<!--") {
        let after = &rest[start + 4..];
        let Some(end) = after.find("-->") else {
            return false;
        };
        let body = after[..end].trim();
        // `gsd-ignore` must not read the start of `gsd-ignore-file` as itself.
        let codes = body
            .strip_prefix(directive)
            .filter(|r| r.is_empty() || r.starts_with(|c: char| c.is_whitespace() || c == ','));
        if let Some(codes) = codes {
            let codes: Vec<&str> = codes
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|c| !c.is_empty())
                .collect();
            if codes.is_empty() || codes.iter().any(|c| c.eq_ignore_ascii_case(code)) {
                return true;
            }
        }
        rest = &after[end + 3..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_comments() {
        let line = |l: &str, code: &str| ignores(l, "gsd-ignore", code);
        assert!(line("x <!-- gsd-ignore GSD101 -->", "GSD101"));
        assert!(line("<!-- gsd-ignore GSD102, gsd101 -->", "GSD101"));
        assert!(line("<!-- gsd-ignore -->", "GSD203"));
        assert!(!line("<!-- gsd-ignore GSD102 -->", "GSD101"));
        assert!(!line("<!-- a comment -->", "GSD101"));
        // The file-wide form is not a line comment.
        assert!(!line("<!-- gsd-ignore-file GSD101 -->", "GSD101"));
        assert!(!line("<!-- gsd-ignore-file -->", "GSD101"));
    }

    #[test]
    fn file_comments() {
        let text = "# State\n<!-- gsd-ignore-file GSD404, GSD405 -->\n\nbody\n";
        assert!(ignores_file(text, "GSD404"));
        assert!(ignores_file(text, "gsd405"));
        assert!(!ignores_file(text, "GSD101"));
        assert!(ignores_file("<!-- gsd-ignore-file -->\n", "GSD101"));
        assert!(!ignores_file("<!-- gsd-ignore GSD101 -->\n", "GSD101"));
    }
}
