//! YAML frontmatter, read two ways and edited one way.
//!
//! Real frontmatter is not reliably YAML: GSD writes plain scalars holding `": "`, which a
//! strict parser rejects, and two files stack two blocks. So every block is read *line by line*
//! into `key: value` entries with byte spans (that reader never fails, and it is what edits
//! splice into), and additionally, where it succeeds, by a YAML parser (serde-saphyr) for typed
//! values in `--json`. Values keep their spelling: `05` and `1.0` are strings of the raw text.

use std::ops::Range;

use crate::source::Source;

/// One `---` … `---` block at the top of the file.
#[derive(Debug, Clone)]
pub struct Frontmatter {
    /// The whole block, both fences and their line endings included.
    pub span: Range<usize>,
    /// The lines between the fences.
    pub inner: Range<usize>,
    /// Every `key: value` line, nested keys as `parent.child`.
    pub entries: Vec<FrontmatterEntry>,
    /// The block as YAML, when a YAML parser accepts it.
    pub yaml: Option<serde_json::Value>,
}

/// One `key: value` line of a frontmatter block.
#[derive(Debug, Clone)]
pub struct FrontmatterEntry {
    /// Dotted path: `status`, `progress.percent`.
    pub key: String,
    /// The key's bytes on its line.
    pub key_span: Range<usize>,
    /// The value's bytes (without surrounding spaces, quotes included); empty for a parent key.
    pub value_span: Range<usize>,
    /// The 0-based line index.
    pub line: usize,
}

impl FrontmatterEntry {
    /// The value's text as written, quotes removed when it is a simple quoted scalar.
    pub fn value<'a>(&self, source: &'a Source) -> &'a str {
        unquote(source.slice(self.value_span.clone()))
    }
}

impl Frontmatter {
    /// The entry for a dotted key, if present.
    pub fn get(&self, key: &str) -> Option<&FrontmatterEntry> {
        self.entries.iter().find(|e| e.key == key)
    }
}

/// Removes one pair of matching quotes around a scalar.
pub fn unquote(raw: &str) -> &str {
    let bytes = raw.as_bytes();
    if bytes.len() >= 2
        && ((bytes[0] == b'"' && bytes[bytes.len() - 1] == b'"')
            || (bytes[0] == b'\'' && bytes[bytes.len() - 1] == b'\''))
    {
        &raw[1..raw.len() - 1]
    } else {
        raw
    }
}

/// Finds the frontmatter blocks at the top of the file (after a BOM) and returns them with the
/// byte offset where the Markdown body starts.
pub fn parse(source: &Source) -> (Vec<Frontmatter>, usize) {
    let mut blocks = Vec::new();
    let mut body_from = source.body_start;
    let mut line_index = 0;
    while let Some(open) = source.lines.get(line_index) {
        if open.start < body_from || source.line_text(line_index).trim_end() != "---" {
            break;
        }
        let close = (line_index + 1..source.lines.len()).find(|&i| {
            let t = source.line_text(i).trim_end();
            t == "---" || t == "..."
        });
        let Some(close) = close else { break };
        let inner = source.lines[line_index].end..source.lines[close].start;
        let entries = read_entries(source, line_index + 1, close);
        let yaml = parse_yaml(source.slice(inner.clone()));
        blocks.push(Frontmatter {
            span: open.start..source.lines[close].end,
            inner,
            entries,
            yaml,
        });
        body_from = source.lines[close].end;
        line_index = close + 1;
    }
    (blocks, body_from)
}

/// Reads `key: value` lines; indentation nests keys under the nearest shallower parent.
fn read_entries(source: &Source, first: usize, end: usize) -> Vec<FrontmatterEntry> {
    let mut entries = Vec::new();
    let mut parents: Vec<(usize, String)> = Vec::new();
    for i in first..end {
        let line = source.lines[i];
        let text = source.line_text(i);
        let indent = text.len() - text.trim_start().len();
        let trimmed = text.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('-') {
            continue;
        }
        let Some(colon) = find_key_colon(trimmed) else {
            continue;
        };
        let key = &trimmed[..colon];
        if key.is_empty() || key.contains(' ') && !key.starts_with('"') {
            continue;
        }
        while parents.last().is_some_and(|(d, _)| *d >= indent) {
            parents.pop();
        }
        let line_start = line.content_end - text.len();
        let key_start = line_start + indent;
        let after = &trimmed[colon + 1..];
        let value = after.trim();
        let value_start = key_start + colon + 1 + (after.len() - after.trim_start().len());
        let path = parents
            .iter()
            .map(|(_, k)| k.as_str())
            .chain(std::iter::once(key))
            .collect::<Vec<_>>()
            .join(".");
        entries.push(FrontmatterEntry {
            key: path,
            key_span: key_start..key_start + colon,
            value_span: value_start..value_start + value.len(),
            line: i,
        });
        if value.is_empty() {
            parents.push((indent, key.to_string()));
        }
    }
    entries
}

/// The colon that ends a YAML key: the first `:` followed by a space or the end of line.
fn find_key_colon(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b':' && (i + 1 == bytes.len() || bytes[i + 1] == b' '))
}

/// A best-effort YAML read for typed JSON output; `None` when the block is not valid YAML.
fn parse_yaml(text: &str) -> Option<serde_json::Value> {
    if text.trim().is_empty() {
        return None;
    }
    serde_saphyr::from_str::<serde_json::Value>(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_keys_and_keeps_spelling() {
        let src = Source::new(
            "t",
            "---\ncurrent_phase: 05\nprogress:\n  percent: 40\nlast_activity: 2026-06-17 -- Completed task 1: x\n---\n# S\n"
                .to_string(),
        );
        let (fm, body) = parse(&src);
        assert_eq!(fm.len(), 1);
        let fm = &fm[0];
        assert_eq!(fm.get("current_phase").unwrap().value(&src), "05");
        assert_eq!(fm.get("progress.percent").unwrap().value(&src), "40");
        assert_eq!(
            fm.get("last_activity").unwrap().value(&src),
            "2026-06-17 -- Completed task 1: x"
        );
        assert_eq!(&src.text[body..], "# S\n");
    }

    #[test]
    fn stacked_blocks_are_both_read() {
        let src = Source::new("t", "---\na: 1\n---\n---\na: 2\n---\nbody\n".to_string());
        let (fm, body) = parse(&src);
        assert_eq!(fm.len(), 2);
        assert_eq!(&src.text[body..], "body\n");
    }

    #[test]
    fn a_rule_in_the_body_is_not_frontmatter() {
        let src = Source::new("t", "# T\n\n---\n*x*\n".to_string());
        assert!(parse(&src).0.is_empty());
    }
}
