//! Block structure from pulldown-cmark, flattened to one kind per physical line.
//!
//! gsd's files are read line by line (a `Status:` field, a table row, a bullet), but *which*
//! lines may be read that way is a Markdown question: a `Status:` inside a code fence or an
//! HTML comment is not a field. pulldown-cmark's offset iterator answers it; this module turns
//! its events into a [`LineKind`] per line. It never fails:
//! text pulldown-cmark does not place in a block is still a line with a kind.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::source::Source;

mod chunks;

#[doc(hidden)]
pub use chunks::classify_chunked;

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
///
/// The body is parsed in pieces of a few hundred KiB (the `chunks` module says why that
/// gives the same kinds as one parse of the whole body), so memory stays bounded on huge
/// files.
pub fn classify(source: &Source, from: usize) -> Vec<LineKind> {
    chunks::classify_chunked(source, from, chunks::CHUNK_BYTES)
}

/// [`classify`] with one pulldown-cmark parse over the whole body: the reference the chunked
/// version is tested against. Memory grows with the file (pulldown-cmark builds a tree of
/// the whole input before its first event), so production code uses [`classify`].
#[doc(hidden)]
pub fn classify_whole(source: &Source, from: usize) -> Vec<LineKind> {
    let mut kinds = frontmatter_slots(source, from);
    if from < source.text.len() {
        parse_piece(source, None, from..source.text.len(), &mut kinds, 0);
    }
    finish(source, kinds)
}

/// One slot per line, the lines before `from` already marked as frontmatter.
fn frontmatter_slots(source: &Source, from: usize) -> Vec<Option<LineKind>> {
    source
        .lines
        .iter()
        .map(|line| (line.end <= from && from > source.body_start).then_some(LineKind::Frontmatter))
        .collect()
}

/// Runs pulldown-cmark over `source.text[prefix]` (if any) followed by `source.text[range]`
/// and records what its events say about each line in `window`, which holds the slots of
/// lines `first_line..` (it must cover every line the range touches). Slots already set are
/// kept unless a heading claims the line. The `chunks` module starts a piece inside a table
/// by putting the table's header and delimiter lines before it. Events inside the prefix are dropped and the others mapped back to `range`, so
/// only the lines of `range` get kinds.
fn parse_piece(
    source: &Source,
    prefix: Option<Range<usize>>,
    range: Range<usize>,
    window: &mut [Option<LineKind>],
    first_line: usize,
) {
    let text = &source.text;
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let offset = range.start;
    let (input, prefix_len) = match prefix {
        None => (Cow::Borrowed(&text[range]), 0),
        Some(prefix) => {
            let len = prefix.len();
            (Cow::Owned([&text[prefix], &text[range]].concat()), len)
        }
    };
    let last_slot = window.len() - 1;
    // Window-relative first and last line of an event (an empty range at the very end of the
    // parsed text belongs to its last line, as it would at the end of the file).
    let lines_of = |range: Range<usize>| {
        let (first, last) = line_range(source, range);
        (
            (first - first_line).min(last_slot),
            (last - first_line).min(last_slot),
        )
    };
    let mut list_depth: u8 = 0;
    // Lines after an item's first line; tight items have no paragraph to claim them.
    let mut item_tails: Vec<Range<usize>> = Vec::new();

    let set =
        |kinds: &mut [Option<LineKind>], lines: (usize, usize), kind: LineKind, overwrite: bool| {
            for slot in &mut kinds[lines.0..=lines.1] {
                if overwrite || slot.is_none() {
                    *slot = Some(kind);
                }
            }
        };

    for (event, range) in Parser::new_ext(&input, options).into_offset_iter() {
        if range.start < prefix_len && range.end <= prefix_len {
            continue;
        }
        let range =
            range.start.max(prefix_len) - prefix_len + offset..range.end - prefix_len + offset;
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    let level = level as u8;
                    let atx = text[range.clone()].trim_start().starts_with('#');
                    let (first, last) = lines_of(range);
                    if atx {
                        set(window, (first, last), LineKind::Heading(level), true);
                    } else {
                        // Setext: text lines then an underline. gsd reads the text as text.
                        for slot in &mut window[first..last] {
                            slot.get_or_insert(LineKind::Text);
                        }
                        window[last].get_or_insert(LineKind::Rule);
                    }
                }
                Tag::CodeBlock(_) => set(window, lines_of(range), LineKind::Code, false),
                Tag::HtmlBlock => set(window, lines_of(range), LineKind::Html, false),
                Tag::BlockQuote(_) => set(window, lines_of(range), LineKind::Quote, false),
                Tag::List(_) => list_depth = list_depth.saturating_add(1),
                Tag::Item => {
                    let (first, last) = lines_of(range);
                    window[first].get_or_insert(LineKind::ListItem { depth: list_depth });
                    item_tails.push(first + 1..last + 1);
                }
                Tag::Paragraph => {
                    let (first, last) = lines_of(range);
                    let in_list = list_depth > 0;
                    for slot in &mut window[first..=last] {
                        slot.get_or_insert(if in_list {
                            LineKind::ListContinuation
                        } else {
                            LineKind::Text
                        });
                    }
                }
                Tag::TableHead => {
                    let (first, last) = lines_of(range);
                    set(window, (first, last), LineKind::TableRow, false);
                    // The delimiter row follows the head line.
                    if let Some(slot) = window.get_mut(last + 1) {
                        slot.get_or_insert(LineKind::TableDelimiter);
                    }
                }
                Tag::TableRow => set(window, lines_of(range), LineKind::TableRow, false),
                _ => {}
            },
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
            }
            Event::Rule => set(window, lines_of(range), LineKind::Rule, false),
            _ => {}
        }
    }

    for tail in item_tails {
        for slot in &mut window[tail] {
            slot.get_or_insert(LineKind::ListContinuation);
        }
    }
}

/// Turns the slots into kinds: blank lines are [`LineKind::Blank`] (unless code or
/// frontmatter), pipe lines pulldown-cmark left as text are [`LineKind::PipeRow`], and lines
/// no block claimed are [`LineKind::Text`].
fn finish(source: &Source, kinds: Vec<Option<LineKind>>) -> Vec<LineKind> {
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
///
/// A range that starts in a line's terminator and goes on past it starts on the next line:
/// pulldown-cmark begins a tab-indented nested list (`\t- c` under `- a` / `b`) at the
/// newline before it. Read literally, that gave the list item's kind to the line above
/// (`b`) when nothing had claimed it yet, i.e. only in a tight list, so a line's kind would
/// depend on a blank line anywhere else in the list.
fn line_range(source: &Source, range: Range<usize>) -> (usize, usize) {
    let mut first = source.line_of(range.start);
    if let Some(line) = source.lines.get(first)
        && range.start > line.start
        && range.start >= line.content_end
        && range.end > line.end
        && first + 1 < source.lines.len()
    {
        first += 1;
    }
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
    fn tab_indented_nested_items_start_on_their_own_line() {
        // pulldown-cmark starts such an item at the previous line's newline; tight or loose,
        // the item is the tab line and the line above stays the outer item's text.
        let item = LineKind::ListItem { depth: 2 };
        let k = kinds("- a\nb\n\t- c\n");
        assert_eq!(&k[1..3], &[LineKind::ListContinuation, item]);
        let k = kinds("- a\n\n  b\n\t- c\n- d\r\ne\r\n\t- f\r\n");
        assert_eq!(&k[2..4], &[LineKind::ListContinuation, item]);
        assert_eq!(&k[5..7], &[LineKind::ListContinuation, item]);
    }

    #[test]
    fn html_comments_are_html() {
        let k = kinds("<!-- Status: x -->\n\nStatus: y\n");
        assert_eq!(k[0], LineKind::Html);
        assert_eq!(k[2], LineKind::Text);
    }
}
