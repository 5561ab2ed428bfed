//! The syntax layer: the file's bytes seen as frontmatter, blocks, typed lines and sections.
//!
//! [`Doc::parse`] never fails on UTF-8 input and never copies text: everything is a byte range
//! into [`Source::text`]. The model layer reads fields from it; the edit layer splices into the
//! same ranges.

pub mod blocks;
pub mod frontmatter;
pub mod kv;
pub mod sections;
pub mod table;

use std::ops::Range;

pub use blocks::LineKind;
pub use frontmatter::{Frontmatter, FrontmatterEntry};
pub use kv::{Bold, KeyValue, LabelStyle};
pub use sections::Section;
pub use table::Cell;

use crate::source::Source;

/// A run of table lines starting with a row ([`Doc::table_blocks`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableBlock {
    pub header_line: usize,
    /// The header cells, bold markers trimmed, lower-cased.
    pub header: Vec<String>,
    /// The lines after the header (delimiter rows included).
    pub body: Range<usize>,
}

/// A parsed Markdown file: the source plus its structure.
#[derive(Debug, Clone)]
pub struct Doc {
    pub source: Source,
    /// Frontmatter blocks at the top (usually none or one; two are stacked in the wild).
    pub frontmatter: Vec<Frontmatter>,
    /// Where the Markdown body starts (after BOM and frontmatter).
    pub body_from: usize,
    /// One kind per line of `source.lines`.
    pub kinds: Vec<LineKind>,
    pub sections: Vec<Section>,
}

impl Doc {
    /// Parses a source. Infallible: unknown structure is kept as plain lines.
    pub fn parse(source: Source) -> Doc {
        let (frontmatter, body_from) = frontmatter::parse(&source);
        let kinds = blocks::classify(&source, body_from);
        let sections = sections::collect(&source, &kinds);
        Doc {
            source,
            frontmatter,
            body_from,
            kinds,
            sections,
        }
    }

    /// Writes the document back: with no edits, exactly the bytes that were read.
    pub fn render(&self) -> &str {
        &self.source.text
    }

    /// The text of line `i` without terminator (BOM stripped on line 0).
    pub fn line(&self, i: usize) -> &str {
        self.source.line_text(i)
    }

    /// The absolute byte offset where [`Doc::line`]`(i)` starts.
    pub fn line_start(&self, i: usize) -> usize {
        let span = self.source.lines[i];
        span.content_end - self.line(i).len()
    }

    /// The full byte range of line `i`, terminator included.
    pub fn line_span(&self, i: usize) -> Range<usize> {
        let span = self.source.lines[i];
        self.line_start(i)..span.end
    }

    /// The text of a byte range.
    pub fn text(&self, range: Range<usize>) -> &str {
        &self.source.text[range]
    }

    /// A section's title text.
    pub fn title(&self, section: &Section) -> &str {
        self.text(section.title.clone())
    }

    /// Parses line `i` as a `Label: value` field, if it is prose.
    pub fn key_value(&self, i: usize) -> Option<KeyValue> {
        if !self.kinds[i].is_prose() {
            return None;
        }
        kv::parse(self.line(i), self.line_start(i))
    }

    /// Every block of consecutive table lines (rows, pipe rows, delimiter rows), in order:
    /// the readers of header-driven tables (progress, traceability) walk these instead of
    /// each finding table starts and ends on its own.
    pub fn table_blocks(&self) -> Vec<TableBlock> {
        let in_table = |k: LineKind| k.is_table_row() || k == LineKind::TableDelimiter;
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.kinds.len() {
            if !self.kinds[i].is_table_row() {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < self.kinds.len() && in_table(self.kinds[j]) {
                j += 1;
            }
            let header: Vec<String> = self
                .cells(i)
                .unwrap_or_default()
                .iter()
                .map(|c| self.text(c.text.clone()).trim_matches('*').to_lowercase())
                .collect();
            out.push(TableBlock {
                header_line: i,
                header,
                body: i + 1..j,
            });
            i = j;
        }
        out
    }

    /// Splits line `i` into table cells, if it is a table or pipe row.
    pub fn cells(&self, i: usize) -> Option<Vec<Cell>> {
        if !self.kinds[i].is_table_row() {
            return None;
        }
        Some(table::split_cells(self.line(i), self.line_start(i)))
    }
}
