//! Headings as sections: a title, a level and the lines each one owns.
//!
//! Sections are found by meaning, not by one exact title (`### Decisions (v3.0 - Current)`,
//! `## Aktuelle Position`), and files repeat headings, so sections are addressed by position
//! in a list, never by name in a map.

use std::ops::Range;

use super::blocks::LineKind;
use crate::source::Source;

/// One ATX heading and the lines under it.
#[derive(Debug, Clone)]
pub struct Section {
    /// 1 for `#`, 2 for `##`, …
    pub level: u8,
    /// The heading's title text (no `#`s, trimmed).
    pub title: Range<usize>,
    /// The heading's line index.
    pub line: usize,
    /// Lines after the heading up to the next heading of the same or a higher level.
    pub body: Range<usize>,
    /// Lines after the heading up to the next heading of any level.
    pub own: Range<usize>,
}

/// Builds the section list from the line kinds.
pub fn collect(source: &Source, kinds: &[LineKind]) -> Vec<Section> {
    let headings: Vec<(usize, u8)> = kinds
        .iter()
        .enumerate()
        .filter_map(|(i, k)| match k {
            LineKind::Heading(level) => Some((i, *level)),
            _ => None,
        })
        .collect();
    let mut sections = Vec::with_capacity(headings.len());
    let total = kinds.len();
    // A stack of open section indexes lets every heading close the sections it ends in one pass.
    let mut open: Vec<usize> = Vec::new();
    for (n, &(line, level)) in headings.iter().enumerate() {
        while let Some(&top) = open.last() {
            let top_section: &mut Section = &mut sections[top];
            if top_section.level >= level {
                top_section.body.end = line;
                open.pop();
            } else {
                break;
            }
        }
        let next_heading = headings.get(n + 1).map_or(total, |h| h.0);
        sections.push(Section {
            level,
            title: title_range(source, line),
            line,
            body: line + 1..total,
            own: line + 1..next_heading,
        });
        open.push(sections.len() - 1);
    }
    sections
}

/// The title of an ATX heading line: after the `#`s, before any closing `#`s, trimmed.
fn title_range(source: &Source, line: usize) -> Range<usize> {
    let span = source.lines[line];
    let text = source.line_text(line);
    let base = span.content_end - text.len();
    let lead = text.len() - text.trim_start().len();
    let after_hashes = lead + text[lead..].len() - text[lead..].trim_start_matches('#').len();
    let mut end = text.trim_end().len();
    let closing = text[..end].trim_end_matches('#');
    if closing.len() < end && closing.ends_with([' ', '\t']) {
        end = closing.trim_end().len();
    }
    let start = (after_hashes + text[after_hashes..].len()
        - text[after_hashes..].trim_start().len())
    .min(end);
    base + start..base + end.max(start)
}

/// Normalises a heading title for matching: lower case, markdown decoration and emoji
/// dropped, whitespace collapsed. `## ✅ **Current Position**` → `current position`.
pub fn normalize_title(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut last_space = true;
    for c in title.chars() {
        if c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '(' | ')' | ':' | '&') {
            for l in c.to_lowercase() {
                out.push(l);
            }
            last_space = false;
        } else if (c.is_whitespace() || c == '_') && !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::blocks::classify;

    #[test]
    fn nesting_and_titles() {
        let src = Source::new("t", "# State\n## A ##\ntext\n### A1\nx\n## B\n".to_string());
        let kinds = classify(&src, 0);
        let s = collect(&src, &kinds);
        assert_eq!(s.len(), 4);
        assert_eq!(src.slice(s[1].title.clone()), "A");
        assert_eq!(s[1].body, 2..5);
        assert_eq!(s[1].own, 2..3);
        assert_eq!(s[0].body, 1..6);
    }

    #[test]
    fn normalises_decorated_titles() {
        assert_eq!(
            normalize_title("✅ **Current  Position**"),
            "current position"
        );
        assert_eq!(
            normalize_title("Decisions (v3.0 - Current)"),
            "decisions (v3.0 - current)"
        );
    }
}
