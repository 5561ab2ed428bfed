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

use crate::source::Source;

use super::{LineKind, finish, frontmatter_slots, parse_range};

/// The size a piece aims at. pulldown-cmark needs several times its input while it parses, so
/// this bounds that to a megabyte or two whatever the file's size (1.6 MB measured on a 10 MB
/// STATE.md, against 63 MB for one parse), while a piece is still large enough that the fixed
/// cost of starting a parse (and parsing each cut line twice) is lost in the noise: 10 MB
/// classify in 44 ms instead of 66. Files smaller than this (most are 2–20 KB) take one parse,
/// exactly as before.
pub(super) const CHUNK_BYTES: usize = 256 * 1024;

/// [`super::classify`] with pieces of about `chunk_bytes` (at least 1). Gives exactly what
/// [`super::classify_whole`] gives, for every input; tests call it with tiny pieces.
pub fn classify_chunked(source: &Source, from: usize, chunk_bytes: usize) -> Vec<LineKind> {
    classify_counting(source, from, chunk_bytes).0
}

/// [`classify_chunked`], also returning how many bytes pulldown-cmark was given in all (the
/// work done, which tests hold to a small multiple of the body's length).
fn classify_counting(source: &Source, from: usize, chunk_bytes: usize) -> (Vec<LineKind>, usize) {
    let mut parsed = 0;
    let mut kinds = frontmatter_slots(source, from);
    let end = source.text.len();
    let chunk_bytes = chunk_bytes.max(1);
    let mut start = from;
    let mut reach = chunk_bytes;
    while start < end {
        let first_line = source.line_of(start);
        let cut = if end - start > reach {
            next_fresh_start(source, start + reach)
        } else {
            None
        };
        let Some((cut_line, expected)) = cut else {
            parse_range(source, start..end, &mut kinds[first_line..], first_line);
            parsed += end - start;
            break;
        };
        let cut_span = source.lines[cut_line];
        let mut window = kinds[first_line..=cut_line].to_vec();
        parse_range(source, start..cut_span.end, &mut window, first_line);
        parsed += cut_span.end - start;
        if window.last() == Some(&Some(expected)) {
            let before_cut = window.len() - 1;
            kinds[first_line..cut_line].copy_from_slice(&window[..before_cut]);
            start = cut_span.start;
            reach = chunk_bytes;
        } else {
            // Not a fresh start in context: try again further on, twice as far, so a long
            // block full of candidate lines is parsed a bounded number of times.
            reach = 2 * (cut_span.start - start);
        }
    }
    (finish(source, kinds), parsed)
}

/// The first line starting at or after byte `at` that is a fresh-start candidate, with the
/// kind a parse starting at it gives it.
fn next_fresh_start(source: &Source, at: usize) -> Option<(usize, LineKind)> {
    let mut index = source.line_of(at);
    if source.lines.get(index)?.start < at {
        index += 1;
    }
    (index..source.lines.len())
        .find_map(|i| fresh_start_kind(source.line_text(i)).map(|kind| (i, kind)))
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
mod tests {
    use super::super::classify_whole;
    use super::*;

    /// Classifies `text` with pieces of every size from 1 to its length and compares each
    /// with one whole parse.
    fn assert_same_at_every_size(text: &str) {
        let source = Source::new("t", text.to_string());
        let (_, from) = crate::syntax::frontmatter::parse(&source);
        let whole = classify_whole(&source, from);
        for size in 1..=text.len().max(1) {
            assert_eq!(
                classify_chunked(&source, from, size),
                whole,
                "pieces of {size} bytes differ from one parse of {text:?}"
            );
        }
    }

    #[test]
    fn candidates_are_headings_and_bullets_at_column_zero() {
        assert_eq!(fresh_start_kind("## Decisions"), Some(LineKind::Heading(2)));
        assert_eq!(fresh_start_kind("#"), Some(LineKind::Heading(1)));
        assert_eq!(fresh_start_kind("###\tx"), Some(LineKind::Heading(3)));
        assert_eq!(fresh_start_kind("####### x"), None);
        assert_eq!(fresh_start_kind("#x"), None);
        assert_eq!(
            fresh_start_kind("- x"),
            Some(LineKind::ListItem { depth: 1 })
        );
        assert_eq!(
            fresh_start_kind("*\tx"),
            Some(LineKind::ListItem { depth: 1 })
        );
        assert_eq!(
            fresh_start_kind("+ x"),
            Some(LineKind::ListItem { depth: 1 })
        );
        assert_eq!(fresh_start_kind("- "), None);
        assert_eq!(fresh_start_kind("-"), None);
        assert_eq!(fresh_start_kind("---"), None);
        assert_eq!(fresh_start_kind("  - x"), None);
        assert_eq!(fresh_start_kind("1. x"), None);
        assert_eq!(fresh_start_kind(""), None);
    }

    #[test]
    fn code_fences_full_of_candidates() {
        assert_same_at_every_size("# A\n```\n# not\n- not\n```\n- x\n# B\n");
        assert_same_at_every_size("~~~md\n## no\n- no\n~~~\n## yes\n");
        assert_same_at_every_size("- item\n  ```\n# x\n- y\n  ```\n- z\n");
        assert_same_at_every_size("```\n# never closed\n- x\n# y\n");
    }

    #[test]
    fn html_blocks_spanning_candidates() {
        assert_same_at_every_size("<!--\n# hidden\n- hidden\n-->\n# shown\n- x\n");
        assert_same_at_every_size("<details>\n# in\n- in\n\n# out\n</details>\n- x\n");
        assert_same_at_every_size("<div>\n- in\n# in\n");
    }

    #[test]
    fn block_quotes_then_candidates() {
        assert_same_at_every_size("> quoted\n- bullet\n> q\n# h\n> - q\n- b\n");
    }

    #[test]
    fn paragraphs_then_bullets_empty_or_not() {
        assert_same_at_every_size("text\n-\n- x\ntext\n- \n# h\n-\n");
        assert_same_at_every_size("text\n- - -\n* * *\n- x\n");
    }

    #[test]
    fn tables_then_candidates() {
        assert_same_at_every_size("| a | b |\n|---|---|\n| 1 | 2 |\n- x\n| 3 |\n# h\n| 4 |\n");
        assert_same_at_every_size("a | b\n- | -\n- x | y\n--|--\n# c | d\n--|--\n");
    }

    #[test]
    fn setext_underlines_after_candidates() {
        assert_same_at_every_size("para\n# h\n===\n- x\n---\n- y\n  ---\n# z\n---\n");
        assert_same_at_every_size("para\n- x\n===\nmore\n---\n");
    }

    #[test]
    fn nested_lists_and_continuations() {
        assert_same_at_every_size("- a\n  - b\n    - c\n- d\n  more\n\n- e\n\n  para\n* f\n+ g\n");
        assert_same_at_every_size("1. a\n- b\n2. c\n   - d\n- e\n");
    }

    #[test]
    fn lists_tight_before_a_cut_and_loose_after_it() {
        // A blank line late in the list makes the whole list loose (its text comes as
        // paragraphs); the piece before a cut sees a tight list. Kinds must not care.
        assert_same_at_every_size("- [ ] a\nb\n\t- c\n- d\ne\n\t- f\n\n- g\n");
        assert_same_at_every_size("- a\n\n- b\nc\n\t- d\n- e\n");
        // The two inputs the property test first failed on.
        assert_same_at_every_size(
            "| a | b |\n|---|---|\n| 1 | 2 |\n-\tx\n\n- [ ] task\n#x\n\t- tab item",
        );
        assert_same_at_every_size("- x\ntext\n\t- tab\n- [ ] e\n\n- a\n- a");
    }

    #[test]
    fn link_definitions_around_candidates() {
        assert_same_at_every_size("[a]: /u \"t\n# h\nx\"\n[b]:\n#\n- [c]: /v\n[d\n- e\n]: /w\n");
    }

    #[test]
    fn line_endings_bom_frontmatter_and_no_final_newline() {
        assert_same_at_every_size("\u{feff}# A\r\n- x\r\n```\r\n# y\r\n```\r\n- z");
        assert_same_at_every_size("# A\r- x\r<!--\r# y\r-->\r- z\r");
        assert_same_at_every_size("---\na: 1\n---\n# A\n- x\n---\n- y");
        assert_same_at_every_size("\u{feff}---\r\na: 1\r\n---\r\n- x\r\n# h");
    }

    #[test]
    fn a_rejected_cut_is_retried_further_on() {
        // A fence holding many candidates, then real ones: with 8-byte pieces every early cut
        // is rejected, yet the result is the whole parse's.
        let mut text = String::from("```\n");
        for i in 0..200 {
            text.push_str(&format!("# {i}\n- {i}\n"));
        }
        text.push_str("```\n");
        for i in 0..50 {
            text.push_str(&format!("- after {i}\n## h {i}\n"));
        }
        let source = Source::new("t", text);
        assert_eq!(classify_chunked(&source, 0, 8), classify_whole(&source, 0));
    }

    #[test]
    fn work_stays_linear_when_cuts_are_rejected() {
        // 100 000 candidate lines inside one fence: retrying each of them with pieces of 64
        // bytes would feed pulldown-cmark gigabytes; doubling keeps it to a few times the text.
        let mut text = String::from("~~~\n");
        for i in 0..50_000 {
            text.push_str(&format!("# {i}\n- {i}\n"));
        }
        text.push_str("~~~\n- done\n");
        let source = Source::new("t", text);
        let (kinds, parsed) = classify_counting(&source, 0, 64);
        assert_eq!(kinds, classify_whole(&source, 0));
        let len = source.text.len();
        assert!(
            parsed <= 4 * len,
            "fed {parsed} bytes for a {len}-byte text"
        );
    }

    #[test]
    fn pieces_stay_near_their_target_on_appended_bullets() {
        // The common huge file: bullets appended for ever. Every cut is accepted, so each
        // byte is parsed about once (plus one line per cut) and no piece grows.
        let mut text = String::from("# State\n\n### Decisions\n\n");
        for i in 0..20_000 {
            text.push_str(&format!("- Decision {i}: keep the file long\n"));
        }
        let source = Source::new("t", text);
        let (kinds, parsed) = classify_counting(&source, 0, 4096);
        assert_eq!(kinds, classify_whole(&source, 0));
        let len = source.text.len();
        assert!(
            parsed < len + len / 50,
            "fed {parsed} bytes for a {len}-byte text"
        );
    }
}
