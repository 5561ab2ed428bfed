//! Classifying a long body in pieces, so pulldown-cmark's memory follows the piece, not the
//! file.
//!
//! pulldown-cmark builds a tree of its whole input before it yields the first event: several
//! times the input's size (≈ 60 MB for a 10 MB STATE.md). gsd's files grow by appending
//! bullets and headings, so a long body is cut into pieces at *fresh starts*: lines at column
//! 0 that begin an ATX heading (`## x`) or a bullet item (`- x`, `* x`, `+ x`).
//!
//! Why a piece may start there. When such a line `L` really is a top-level heading, or the
//! first line of an item of a top-level list, in the parse of the whole body, every block
//! before it has ended at `L` (paragraph, table, block quote, HTML block, code block, deeper
//! list); only a top-level list may go on through it, and what that changes (whether the list
//! is loose, i.e. whether its items' text comes as paragraphs) does not change any line's
//! kind (`line_range` makes sure of that for the one place pulldown-cmark's ranges would let
//! it: a tab-indented nested list that starts on the newline before it). So a parse that starts at `L` gives the lines from `L` on the kinds the whole parse
//! gives them. The lines before `L` look ahead at most one line (a setext underline, a table
//! delimiter row; pulldown-cmark ends link reference definitions at a block start too), so
//! the piece before `L` is parsed *with* `L` as its last line, and kinds are taken from it
//! for the lines before `L` only.
//!
//! Whether `L` is such a line is a question about what precedes it (it may sit in a code
//! fence, an HTML comment, a `<details>` block, a table row, or be a `- - -` rule), so it is
//! not guessed: the piece before `L` is parsed and `L` is accepted only if that parse gives it
//! the kind a parse starting at `L` gives it (`Heading(n)` or `ListItem { depth: 1 }`). A
//! rejected cut is retried at a candidate at least twice as far from the piece's start, so a
//! 10 MB code fence full of `# ` lines costs a few whole parses at most, not one per line.
//!
//! Some files keep their decisions in one long table instead, with no heading or bullet in
//! it for megabytes. A piece may also start at a body row of a top-level table: it is parsed
//! under a copy of the table's header and delimiter lines, which puts pulldown-cmark in the
//! state the whole parse is in at that row (`Walk::table_cut` says why, and when not).

use std::ops::Range;

use crate::source::Source;

use super::{LineKind, finish, frontmatter_slots, parse_piece};

/// The size a piece aims at. pulldown-cmark needs several times its input while it parses, so
/// this bounds that to a megabyte or two whatever the file's size (1.6 MB measured on a 10 MB
/// STATE.md, against 63 MB for one parse), while a piece is still large enough that the fixed
/// cost of starting a parse (and parsing each cut line twice) is lost in the noise: 10 MB
/// classify in 44 ms instead of 66. Files smaller than this (most are 2–20 KB) take one parse,
/// exactly as before.
pub(super) const CHUNK_BYTES: usize = 256 * 1024;

/// pulldown-cmark stops filling the missing cells of a table's short rows after this many
/// (`MAX_AUTOCOMPLETED_CELLS`, a guard against quadratic growth) and ends the table at the row
/// that would need one more. That count runs over the whole table, which a piece starting
/// inside the table does not see, so such a cut is taken only when the table cannot reach it.
const TABLE_CELL_BUDGET: usize = 1 << 18;

/// [`super::classify`] with pieces of about `chunk_bytes` (at least 1). Gives exactly what
/// [`super::classify_whole`] gives, for every input; tests call it with tiny pieces.
pub fn classify_chunked(source: &Source, from: usize, chunk_bytes: usize) -> Vec<LineKind> {
    classify_counting(source, from, chunk_bytes).0
}

/// Where the next piece may start.
#[derive(Debug, Clone, Copy)]
enum Candidate {
    /// A heading or bullet at column 0, with the kind a parse starting at it gives it.
    Fresh(LineKind),
    /// A line starting with `|` at column 0: maybe a body row of a top-level table.
    TableBody,
}

/// The header and delimiter lines of the table a piece starts inside of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TableHead {
    header: usize,
    delimiter: usize,
}

/// What the pieces have measured: bytes given to pulldown-cmark in all, and the most given
/// to one parse (the work, and what bounds the memory; tests hold both).
#[derive(Debug, Default, Clone, Copy)]
struct Work {
    total: usize,
    largest: usize,
}

impl Work {
    fn add(&mut self, bytes: usize) {
        self.total += bytes;
        self.largest = self.largest.max(bytes);
    }
}

/// The state of the walk through the body: the piece being cut and what it starts inside of.
struct Walk<'a> {
    source: &'a Source,
    from: usize,
    work: Work,
    /// The first line at or after some line that is blank (or the line count): a table ends
    /// there at the latest. Cut lines only move forward, so it is found in one pass in all.
    next_blank: usize,
    /// The last [`next_fresh_start`] asked, from which line, and its answer: asked again from
    /// a line not past the answer, it is the answer still (same one-pass argument).
    next_fresh: Option<(usize, Option<(usize, Candidate)>)>,
}

/// [`classify_chunked`], also returning the work done.
fn classify_counting(source: &Source, from: usize, chunk_bytes: usize) -> (Vec<LineKind>, Work) {
    let mut walk = Walk {
        source,
        from,
        work: Work::default(),
        next_blank: 0,
        next_fresh: None,
    };
    let mut kinds = frontmatter_slots(source, from);
    let end = source.text.len();
    let chunk_bytes = chunk_bytes.max(1);
    let mut start = from;
    let mut table: Option<TableHead> = None;
    let mut reach = chunk_bytes;
    while start < end {
        let first_line = source.line_of(start);
        let prefix = table.map(|head| walk.head_bytes(head));
        let mut tried = None;
        let mut accepted = None;
        if end - start > reach {
            let mut candidate = next_candidate(source, start + reach);
            while let Some((cut_line, kind)) = candidate {
                tried = Some(cut_line);
                let cut_span = source.lines[cut_line];
                let mut window = kinds[first_line..=cut_line].to_vec();
                walk.parse(prefix.clone(), start..cut_span.end, &mut window, first_line);
                let next_table = match kind {
                    Candidate::Fresh(expected) => {
                        (window.last() == Some(&Some(expected))).then_some(None)
                    }
                    Candidate::TableBody => walk.table_cut(&window, first_line, table).map(Some),
                };
                if let Some(next_table) = next_table {
                    let before_cut = window.len() - 1;
                    kinds[first_line..cut_line].copy_from_slice(&window[..before_cut]);
                    accepted = Some((cut_span.start, next_table));
                    break;
                }
                // A rejected `|` line (a pipe block without a delimiter row, a code fence) may
                // hide a heading or bullet a little further on: try that before growing.
                candidate = match kind {
                    Candidate::TableBody => walk.next_fresh_start(cut_line + 1),
                    Candidate::Fresh(_) => None,
                };
            }
        }
        match (accepted, tried) {
            (Some((cut_start, next_table)), _) => {
                start = cut_start;
                table = next_table;
                reach = chunk_bytes;
            }
            // Not a fresh start in context: try again further on, twice as far, so a long
            // block full of candidate lines is parsed a bounded number of times.
            (None, Some(cut_line)) => reach = 2 * (source.lines[cut_line].start - start),
            (None, None) => {
                walk.parse(prefix, start..end, &mut kinds[first_line..], first_line);
                break;
            }
        }
    }
    (finish(source, kinds), walk.work)
}

impl Walk<'_> {
    /// [`next_fresh_start`] from line `index`, remembered: the lines asked from only grow
    /// (they follow cut lines), so a long stretch without one is scanned once, not per cut.
    fn next_fresh_start(&mut self, index: usize) -> Option<(usize, Candidate)> {
        if let Some((asked, answer)) = self.next_fresh
            && asked <= index
            && answer.is_none_or(|(line, _)| line >= index)
        {
            return answer;
        }
        let answer = next_fresh_start(self.source, index);
        self.next_fresh = Some((index, answer));
        answer
    }

    fn parse(
        &mut self,
        prefix: Option<Range<usize>>,
        range: Range<usize>,
        window: &mut [Option<LineKind>],
        first_line: usize,
    ) {
        self.work
            .add(prefix.as_ref().map_or(0, |p| p.len()) + range.len());
        parse_piece(self.source, prefix, range, window, first_line);
    }

    /// The bytes of a table's header and delimiter lines, line endings included.
    fn head_bytes(&self, head: TableHead) -> Range<usize> {
        let lines = &self.source.lines;
        lines[head.header].start.max(self.from)..lines[head.delimiter].end
    }

    /// Whether the last line of `window` (parsed from the piece's start through it) may start
    /// the next piece as a body row of a table, and that table's head if so.
    ///
    /// Why a piece may start there. The line `L` starts with `|` at column 0 and is a body row
    /// in context, so the table it belongs to matched no container at `L` (a list item needs
    /// the row indented, a block quote needs `>`): the table is top-level. pulldown-cmark then
    /// holds nothing about what came before but the open table (its header's columns, and how
    /// many missing cells it filled, see [`TABLE_CELL_BUDGET`]); lists before it were closed
    /// by it and link definitions change no block. A parse of the table's header and
    /// delimiter lines followed by the text from `L` on is in that same state at `L`, so it
    /// gives every line from `L` on the kind the whole parse gives it. The head is the
    /// delimiter row found going back over body rows only (two tables are always parted by
    /// a head and a delimiter), or the head the piece itself started under. `L` is a body row
    /// whatever follows it, so the piece before it may end with it, as with a heading.
    fn table_cut(
        &mut self,
        window: &[Option<LineKind>],
        first_line: usize,
        piece_table: Option<TableHead>,
    ) -> Option<TableHead> {
        let cut_line = first_line + window.len() - 1;
        let kind = |line: usize| window[line - first_line];
        if kind(cut_line) != Some(LineKind::TableRow) {
            return None;
        }
        let mut line = cut_line;
        let head = loop {
            if line == first_line {
                break piece_table?;
            }
            line -= 1;
            match kind(line)? {
                LineKind::TableRow => {}
                LineKind::TableDelimiter if line > first_line => {
                    let header = line - 1;
                    let at_column_0 = !self
                        .source
                        .line_text(header)
                        .starts_with(|c: char| c.is_whitespace());
                    if kind(header) != Some(LineKind::TableRow) || !at_column_0 {
                        return None;
                    }
                    break TableHead {
                        header,
                        delimiter: line,
                    };
                }
                _ => return None,
            }
        };
        if !self.within_cell_budget(head, cut_line) {
            return None;
        }
        // The argument above says `L` is a row after the head; check it on `L` alone.
        let row = self.source.lines[cut_line];
        let mut slot = [None];
        self.parse(
            Some(self.head_bytes(head)),
            row.start..row.end,
            &mut slot,
            cut_line,
        );
        (slot[0] == Some(LineKind::TableRow)).then_some(head)
    }

    /// Whether the table of `head`, which goes on through `row`, cannot fill more missing
    /// cells than pulldown-cmark's budget: it has at most as many columns as its delimiter
    /// row has pipes plus one, every row has a cell, and it ends at a blank line at the latest
    /// (only spaces and tabs: a line of other white space may be a row, so it is not a bound).
    fn within_cell_budget(&mut self, head: TableHead, row: usize) -> bool {
        let lines = self.source.lines.len();
        if self.next_blank < row {
            self.next_blank = (row..lines)
                .find(|&i| {
                    self.source
                        .line_text(i)
                        .bytes()
                        .all(|b| b == b' ' || b == b'\t')
                })
                .unwrap_or(lines);
        }
        let columns = self.source.line_text(head.delimiter).matches('|').count() + 1;
        let rows = self.next_blank - head.delimiter;
        (columns - 1).saturating_mul(rows) < TABLE_CELL_BUDGET
    }
}

/// The first line starting at or after byte `at` that may start a piece: a heading or a
/// bullet at column 0, or a line starting with `|`.
fn next_candidate(source: &Source, at: usize) -> Option<(usize, Candidate)> {
    let mut index = source.line_of(at);
    if source.lines.get(index)?.start < at {
        index += 1;
    }
    (index..source.lines.len()).find_map(|i| {
        let line = source.line_text(i);
        match fresh_start_kind(line) {
            Some(kind) => Some((i, Candidate::Fresh(kind))),
            None => line.starts_with('|').then_some((i, Candidate::TableBody)),
        }
    })
}

/// The first heading or bullet at column 0 from line `index` on.
fn next_fresh_start(source: &Source, index: usize) -> Option<(usize, Candidate)> {
    (index..source.lines.len())
        .find_map(|i| fresh_start_kind(source.line_text(i)).map(|kind| (i, Candidate::Fresh(kind))))
}

/// `Heading(n)` for `#`..`######` followed by a space, a tab or the end of the line;
/// `ListItem { depth: 1 }` for `-`, `*` or `+` followed by a space or tab and some text.
/// Only lines at column 0 (an indented one may belong to an enclosing item).
fn fresh_start_kind(line: &str) -> Option<LineKind> {
    let bytes = line.as_bytes();
    let gap = |b: Option<&u8>| matches!(b, Some(b' ' | b'\t'));
    match bytes.first()? {
        b'#' => {
            let level = bytes.iter().take_while(|&&b| b == b'#').count();
            let after = bytes.get(level);
            (level <= 6 && (after.is_none() || gap(after)))
                .then_some(LineKind::Heading(level as u8))
        }
        b'-' | b'*' | b'+' => (gap(bytes.get(1)) && !line[1..].trim().is_empty())
            .then_some(LineKind::ListItem { depth: 1 }),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
