//! Block structure from pulldown-cmark, flattened to one kind per physical line.
//!
//! gsd's files are read line by line (a `Status:` field, a table row, a bullet), but *which*
//! lines may be read that way is a Markdown question: a `Status:` inside a code fence or an
//! HTML comment is not a field. pulldown-cmark's offset iterator answers it; this module turns
//! its events into a [`LineKind`] per line. It never fails:
//! text pulldown-cmark does not place in a block is still a line with a kind.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::source::Source;

/// What a physical line is, as far as gsd's readers care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Only whitespace.
    Blank,
    /// Part of a YAML frontmatter block (fences included).
    Frontmatter,
    /// An ATX heading (`## Title`) of this level.
    Heading(u8),
    /// Paragraph text (including the lines of a setext heading's text).
    Text,
    /// The first line of a list item; `depth` is 1 for a top-level list.
    ListItem { depth: u8 },
    /// A later line of a list item's paragraph.
    ListContinuation,
    /// A row of a GFM table (header or body).
    TableRow,
    /// The `|---|---|` delimiter row of a GFM table.
    TableDelimiter,
    /// A line that looks like a table row but belongs to no GFM table (no delimiter row):
    /// tool-appended metric rows, ragged pipe blocks.
    PipeRow,
    /// Inside a fenced or indented code block (fences included).
    Code,
    /// Inside an HTML block (comments, `<details>`).
    Html,
    /// Inside a block quote.
    Quote,
    /// A thematic break (`---`, `***`) or a setext underline.
    Rule,
}

impl LineKind {
    /// Lines whose text may hold `Label: value` fields and bullets gsd reads.
    pub fn is_prose(self) -> bool {
        matches!(
            self,
            LineKind::Text | LineKind::ListItem { .. } | LineKind::ListContinuation
        )
    }

    /// Rows of a table, with or without a delimiter row.
    pub fn is_table_row(self) -> bool {
        matches!(self, LineKind::TableRow | LineKind::PipeRow)
    }
}

/// Runs pulldown-cmark over `source.text[from..]` and returns a kind for every line of the
/// file. Lines before `from` (BOM, frontmatter) must already be classified by the
/// caller; they are left as [`LineKind::Frontmatter`] when `from > body_start`.
pub fn classify(source: &Source, from: usize) -> Vec<LineKind> {
    let text = &source.text;
    let mut kinds: Vec<Option<LineKind>> = vec![None; source.lines.len()];
    for (i, line) in source.lines.iter().enumerate() {
        if line.end <= from && from > source.body_start {
            kinds[i] = Some(LineKind::Frontmatter);
        }
    }
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let body = &text[from..];
    let mut list_depth: u8 = 0;
    // Lines after an item's first line; tight items have no paragraph to claim them.
    let mut item_tails: Vec<Range<usize>> = Vec::new();

    let set = |kinds: &mut Vec<Option<LineKind>>,
               range: Range<usize>,
               kind: LineKind,
               overwrite: bool| {
        let (first, last) = line_range(source, range);
        for slot in &mut kinds[first..=last] {
            if overwrite || slot.is_none() {
                *slot = Some(kind);
            }
        }
    };

    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = range.start + from..range.end + from;
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    let level = level as u8;
                    let atx = text[range.clone()].trim_start().starts_with('#');
                    if atx {
                        set(&mut kinds, range, LineKind::Heading(level), true);
                    } else {
                        // Setext: text lines then an underline. gsd reads the text as text.
                        let (first, last) = line_range(source, range);
                        for slot in &mut kinds[first..last] {
                            slot.get_or_insert(LineKind::Text);
                        }
                        kinds[last].get_or_insert(LineKind::Rule);
                    }
                }
                Tag::CodeBlock(_) => set(&mut kinds, range, LineKind::Code, false),
                Tag::HtmlBlock => set(&mut kinds, range, LineKind::Html, false),
                Tag::BlockQuote(_) => set(&mut kinds, range, LineKind::Quote, false),
                Tag::List(_) => list_depth = list_depth.saturating_add(1),
                Tag::Item => {
                    let (first, last) = line_range(source, range);
                    kinds[first].get_or_insert(LineKind::ListItem { depth: list_depth });
                    item_tails.push(first + 1..last + 1);
                }
                Tag::Paragraph => {
                    let (first, last) = line_range(source, range);
                    let in_list = list_depth > 0;
                    for slot in &mut kinds[first..=last] {
                        slot.get_or_insert(if in_list {
                            LineKind::ListContinuation
                        } else {
                            LineKind::Text
                        });
                    }
                }
                Tag::TableHead => {
                    set(&mut kinds, range.clone(), LineKind::TableRow, false);
                    // The delimiter row follows the head line.
                    let (_, last) = line_range(source, range);
                    if let Some(slot) = kinds.get_mut(last + 1) {
                        slot.get_or_insert(LineKind::TableDelimiter);
                    }
                }
                Tag::TableRow => {
                    set(&mut kinds, range, LineKind::TableRow, false);
                }
                _ => {}
            },
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
            }
            Event::Rule => set(&mut kinds, range, LineKind::Rule, false),
            _ => {}
        }
    }

    for tail in item_tails {
        for slot in &mut kinds[tail] {
            slot.get_or_insert(LineKind::ListContinuation);
        }
    }
    kinds
        .into_iter()
        .enumerate()
        .map(|(i, kind)| {
            let line_text = source.line_text(i);
            let blank = line_text.trim().is_empty();
            match kind {
                _ if blank
                    && kind != Some(LineKind::Code)
                    && kind != Some(LineKind::Frontmatter) =>
                {
                    LineKind::Blank
                }
                None | Some(LineKind::Text) | Some(LineKind::ListContinuation)
                    if line_text.trim_start().starts_with('|') =>
                {
                    LineKind::PipeRow
                }
                None => LineKind::Text,
                Some(kind) => kind,
            }
        })
        .collect()
}

/// The first and last line indexes a byte range touches (an empty range touches one line).
fn line_range(source: &Source, range: Range<usize>) -> (usize, usize) {
    let first = source.line_of(range.start);
    let last_byte = if range.end > range.start {
        range.end - 1
    } else {
        range.start
    };
    let last = source.line_of(last_byte).max(first);
    (first, last.min(source.lines.len().saturating_sub(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LineKind> {
        let src = Source::new("t", text.to_string());
        classify(&src, src.body_start)
    }

    #[test]
    fn fields_in_code_fences_are_code() {
        let k = kinds("# T\n\n```\nStatus: x\n```\nStatus: y\n");
        assert_eq!(k[3], LineKind::Code);
        assert_eq!(k[5], LineKind::Text);
    }

    #[test]
    fn tables_and_pipe_blocks_are_told_apart() {
        let k = kinds("| a | b |\n|---|---|\n| 1 | 2 |\n\n| Phase 1 P1 | 3min |\n");
        assert_eq!(
            &k[..5],
            &[
                LineKind::TableRow,
                LineKind::TableDelimiter,
                LineKind::TableRow,
                LineKind::Blank,
                LineKind::PipeRow
            ]
        );
    }

    #[test]
    fn list_items_know_their_depth() {
        let k = kinds("- a\n  - b\n- c\n  more\n");
        assert_eq!(k[0], LineKind::ListItem { depth: 1 });
        assert_eq!(k[1], LineKind::ListItem { depth: 2 });
        assert_eq!(k[3], LineKind::ListContinuation);
    }

    #[test]
    fn html_comments_are_html() {
        let k = kinds("<!-- Status: x -->\n\nStatus: y\n");
        assert_eq!(k[0], LineKind::Html);
        assert_eq!(k[2], LineKind::Text);
    }
}
