//! Pipe-table rows split into cells with byte spans.
//!
//! Used for GFM table rows and for pipe rows outside any table (tool-appended metric rows).
//! Splits on `|` that is neither escaped (`\|`) nor inside a code span; tolerates a missing
//! leading or trailing pipe and ragged rows.

use std::ops::Range;

/// One cell: `raw` includes its padding, `text` is trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub raw: Range<usize>,
    pub text: Range<usize>,
}

/// Splits a row (the line's text starting at byte `base`) into cells.
pub fn split_cells(line: &str, base: usize) -> Vec<Cell> {
    let trimmed_start = line.len() - line.trim_start().len();
    let body_end = line.trim_end().len();
    let bytes = line.as_bytes();
    let mut start = trimmed_start;
    if bytes.get(start) == Some(&b'|') {
        start += 1;
    }
    let mut cells = Vec::new();
    let mut cell_start = start;
    let mut in_code = false;
    let mut i = start;
    while i < body_end {
        match bytes[i] {
            b'\\' => {
                i += 2;
                continue;
            }
            // A backtick opens a code span only when one closes it later in the row: an
            // unmatched one is literal text, and must not swallow the cell separators after it.
            b'`' if in_code || line[i + 1..body_end].contains('`') => in_code = !in_code,
            b'|' if !in_code => {
                cells.push(make_cell(line, base, cell_start, i));
                cell_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if cell_start < body_end || cells.is_empty() {
        let end = body_end.max(cell_start);
        if !line[cell_start..end].trim().is_empty() || cells.is_empty() {
            cells.push(make_cell(line, base, cell_start, end));
        }
    }
    cells
}

fn make_cell(line: &str, base: usize, from: usize, to: usize) -> Cell {
    let raw = &line[from..to];
    let lead = raw.len() - raw.trim_start().len();
    let text = raw.trim();
    Cell {
        raw: base + from..base + to,
        text: base + from + lead..base + from + lead + text.len(),
    }
}

/// `text` as a cell's content: every `|` not already escaped is written `\|`, so the row
/// keeps its column count (GFM splits on a `|` even inside a code span, and renders `\|` as
/// `|`). Idempotent: text that is already escaped comes back unchanged.
pub fn escape_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('|') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    let mut escaped = false;
    for c in text.chars() {
        if c == '|' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

/// A cell's text as the reader means it: `\|` is a `|` (the inverse of [`escape_cell`]).
pub fn unescape_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains("\\|") {
        std::borrow::Cow::Owned(text.replace("\\|", "|"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Whether a row is a delimiter row (`|---|:--:|`).
pub fn is_delimiter(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<&str> {
        split_cells(line, 0)
            .into_iter()
            .map(|c| &line[c.text])
            .collect()
    }

    #[test]
    fn splits_rows_with_escapes_and_code() {
        assert_eq!(texts("| 1 | 2 min | x |"), vec!["1", "2 min", "x"]);
        assert_eq!(texts("| a \\| b | `c|d` |"), vec!["a \\| b", "`c|d`"]);
        assert_eq!(texts("a | b"), vec!["a", "b"]);
        assert_eq!(texts("| a | |"), vec!["a", ""]);
        assert_eq!(
            texts("| don't use ` here | R |"),
            vec!["don't use ` here", "R"]
        );
    }

    #[test]
    fn escapes_round_trip() {
        assert_eq!(escape_cell("Pipe | test"), "Pipe \\| test");
        assert_eq!(escape_cell("`string | null`"), "`string \\| null`");
        assert_eq!(escape_cell("a \\| b"), "a \\| b");
        assert_eq!(escape_cell("no pipes"), "no pipes");
        for t in ["Pipe | test", "a || b", "|", "x"] {
            let row = format!("| {} | R |", escape_cell(t));
            assert_eq!(texts(&row).len(), 2, "{row}");
            assert_eq!(unescape_cell(texts(&row)[0]), t);
        }
    }

    #[test]
    fn delimiter_rows() {
        assert!(is_delimiter("|-------|:---:|"));
        assert!(!is_delimiter("| 1 | 2 |"));
    }
}
