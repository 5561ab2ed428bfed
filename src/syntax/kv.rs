//! `Label: value` lines in every decoration real files use.
//!
//! `Status: x`, `**Status:** x`, `**Status**: x`, `- **Phase**: 3`, `Current phase: 1`. The
//! parser returns the label and value as byte ranges plus the decoration, so an edit can
//! replace just the value and a new line can copy a neighbour's label style.

use std::ops::Range;

/// How a label is decorated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bold {
    /// `Status: x`
    #[default]
    Plain,
    /// `**Status:** x`
    ColonInside,
    /// `**Status**: x`
    ColonOutside,
}

/// The decoration of a `Label: value` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LabelStyle {
    /// The bullet before the label (`-`, `*`, `+`), if any.
    pub bullet: Option<char>,
    pub bold: Bold,
}

impl LabelStyle {
    /// Writes `label` in this style, with the separator and one space: `**Status:** `.
    pub fn render_label(self, label: &str) -> String {
        let mut out = String::new();
        if let Some(b) = self.bullet {
            out.push(b);
            out.push(' ');
        }
        match self.bold {
            Bold::Plain => {
                out.push_str(label);
                out.push_str(": ");
            }
            Bold::ColonInside => {
                out.push_str("**");
                out.push_str(label);
                out.push_str(":** ");
            }
            Bold::ColonOutside => {
                out.push_str("**");
                out.push_str(label);
                out.push_str("**: ");
            }
        }
        out
    }
}

/// A parsed `Label: value` line; ranges are absolute byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    /// The label text (no bullet, no `**`, no colon).
    pub label: Range<usize>,
    /// The value, trimmed of surrounding whitespace; an empty range right after the
    /// separator when the value is empty.
    pub value: Range<usize>,
    pub style: LabelStyle,
}

/// Lower-cases a label and collapses inner whitespace, for matching.
pub fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Parses `line` (the line's text, starting at byte `base` of the file) as a field line.
pub fn parse(line: &str, base: usize) -> Option<KeyValue> {
    let indent = line.len() - line.trim_start().len();
    let mut rest = &line[indent..];
    let mut pos = indent;
    let mut style = LabelStyle::default();
    if let Some(b) = rest.chars().next().filter(|c| matches!(c, '-' | '*' | '+'))
        && rest[1..].starts_with(' ')
        && !rest.starts_with("**")
    {
        style.bullet = Some(b);
        let skip = 1 + (rest[1..].len() - rest[1..].trim_start().len());
        rest = &rest[skip..];
        pos += skip;
    }
    let (label_range, after) = if let Some(inner) = rest.strip_prefix("**") {
        let close = inner.find("**")?;
        let label = &inner[..close];
        let after_bold = pos + 2 + close + 2;
        if let Some(l) = label.strip_suffix(':') {
            style.bold = Bold::ColonInside;
            let l_trim = l.trim_end();
            (pos + 2..pos + 2 + l_trim.len(), after_bold)
        } else if line[after_bold..].starts_with(':') {
            style.bold = Bold::ColonOutside;
            (pos + 2..pos + 2 + label.len(), after_bold + 1)
        } else {
            return None;
        }
    } else {
        let colon = rest.find(':')?;
        (pos..pos + colon, pos + colon + 1)
    };
    let label = &line[label_range.clone()];
    if !is_label(label) {
        return None;
    }
    let tail = &line[after..];
    if !(tail.is_empty() || tail.starts_with([' ', '\t'])) {
        return None;
    }
    let lead = tail.len() - tail.trim_start().len();
    let value = tail.trim();
    let value_start = after + lead;
    Some(KeyValue {
        label: base + label_range.start..base + label_range.end,
        value: base + value_start..base + value_start + value.len(),
        style,
    })
}

/// A label is short, starts with a letter and holds only word characters and a few
/// separators; this keeps URLs, times and sentences with colons from being read as fields.
fn is_label(label: &str) -> bool {
    let count = label.chars().count();
    (1..=40).contains(&count)
        && label.chars().next().is_some_and(char::is_alphabetic)
        && label.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '/' | '-' | '_' | '(' | ')' | '.' | '&')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kv(line: &str) -> Option<(String, String, LabelStyle)> {
        parse(line, 0).map(|k| {
            (
                line[k.label].to_string(),
                line[k.value].to_string(),
                k.style,
            )
        })
    }

    #[test]
    fn reads_every_decoration() {
        assert_eq!(kv("Status: In progress").unwrap().1, "In progress");
        let (l, v, s) = kv("**Current Phase:** 08").unwrap();
        assert_eq!(
            (l.as_str(), v.as_str(), s.bold),
            ("Current Phase", "08", Bold::ColonInside)
        );
        let (l, v, s) = kv("- **Phase**: 12 of 12 (complete)").unwrap();
        assert_eq!((l.as_str(), v.as_str()), ("Phase", "12 of 12 (complete)"));
        assert_eq!((s.bullet, s.bold), (Some('-'), Bold::ColonOutside));
        assert_eq!(kv("**Core value**: x").unwrap().1, "x");
    }

    #[test]
    fn empty_values_and_hard_breaks() {
        let (_, v, _) = kv("Resume file:").unwrap();
        assert_eq!(v, "");
        let k = parse("Status: x  ", 10).unwrap();
        assert_eq!(k.value, 18..19);
    }

    #[test]
    fn rejects_prose_and_urls() {
        assert!(kv("See https://x.y/z").is_none());
        assert!(kv("Note that at 10:30 we stopped").is_none());
        assert!(kv("| Status: x |").is_none());
    }

    #[test]
    fn renders_labels_in_style() {
        let s = LabelStyle {
            bullet: Some('-'),
            bold: Bold::ColonOutside,
        };
        assert_eq!(s.render_label("Status"), "- **Status**: ");
    }
}
