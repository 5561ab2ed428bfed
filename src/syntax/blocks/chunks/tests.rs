//! The chunked classifier against one parse, on the shapes that make a cut wrong.

use super::*;
use crate::syntax::blocks::classify_whole;

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
    let (kinds, work) = classify_counting(&source, 0, 64);
    assert_eq!(kinds, classify_whole(&source, 0));
    let len = source.text.len();
    assert!(
        work.total <= 4 * len,
        "fed {} bytes for a {len}-byte text",
        work.total
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
    let (kinds, work) = classify_counting(&source, 0, 4096);
    assert_eq!(kinds, classify_whole(&source, 0));
    let len = source.text.len();
    assert!(
        work.total < len + len / 50,
        "fed {} bytes for a {len}-byte text",
        work.total
    );
}

/// A table of `rows` body rows under a `| a | b | c |` head, each row `row(i)`.
fn long_table(rows: usize, row: impl Fn(usize) -> String) -> String {
    let mut text = String::from("# T\n\n| a | b | c |\n|---|:-:|--:|\n");
    for i in 0..rows {
        text.push_str(&row(i));
        text.push('\n');
    }
    text
}

#[test]
fn candidates_include_pipe_lines_at_column_zero() {
    let source = Source::new("t", "x\n| a |\n  | b |\n- c\n".to_string());
    assert!(matches!(
        next_candidate(&source, 1),
        Some((1, Candidate::TableBody))
    ));
    assert!(matches!(
        next_candidate(&source, 3),
        Some((3, Candidate::Fresh(LineKind::ListItem { depth: 1 })))
    ));
}

#[test]
fn tables_are_cut_between_rows() {
    assert_same_at_every_size("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n");
    assert_same_at_every_size("a | b\n--|--\n| 1 | 2 |\n| 3 |\n| 4 | 5 | 6 |\nx | y\n| z\n");
    assert_same_at_every_size("| a \\| b |\n|---|\n| `x | y` |\n| \\| |\n| c \\\\| d |\n| e |\n");
    assert_same_at_every_size("| a |\n|---|\n| 1 |\n|\n| 2 |\n| 3 |\n");
}

#[test]
fn tables_end_at_the_block_after_them() {
    assert_same_at_every_size("| a |\n|---|\n| 1 |\n| 2 |\n\n| 3 |\n| 4 |\n");
    assert_same_at_every_size("| a |\n|---|\n| 1 |\n| 2 |\n- x\n| 3 |\n| 4 |\n");
    assert_same_at_every_size("| a |\n|---|\n| 1 |\n| 2 |\n# h\n| 3 |\n| 4 |\n");
    assert_same_at_every_size("| a |\n|---|\n| 1 |\n| 2 |\ntext\n| 3 |\n| 4 |\n");
    assert_same_at_every_size("| a |\n|---|\n| 1 |\n> q\n| 2 |\n```\n| 3 |\n```\n| 4 |\n");
    assert_same_at_every_size("| a |\n|---|\n| 1 |\n| b | c |\n|---|---|\n| 2 |\n| 3 |\n");
}

#[test]
fn tables_in_containers_and_pipe_blocks_are_not_cut_wrongly() {
    assert_same_at_every_size("- x\n  | a |\n  |---|\n  | 1 |\n| 2 |\n| 3 |\n");
    assert_same_at_every_size("- | a |\n  |---|\n  | 1 |\n  | 2 |\n| 3 |\n");
    assert_same_at_every_size("> | a |\n> |---|\n> | 1 |\n| 2 |\n> | 3 |\n| 4 |\n");
    assert_same_at_every_size("- x\n| a |\n|---|\n| 1 |\n| 2 |\n");
    assert_same_at_every_size("> x\n| a |\n|---|\n| 1 |\n| 2 |\n");
    assert_same_at_every_size("| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n- x\n| 7 |\n");
    assert_same_at_every_size("text\n| a |\n|---|\n| 1 |\n| 2 |\n");
    assert_same_at_every_size("  | a |\n  |---|\n| 1 |\n| 2 |\n");
    assert_same_at_every_size("<div>\n| a |\n|---|\n| 1 |\n\n| 2 |\n| 3 |\n");
}

#[test]
fn tables_with_odd_line_endings_and_frontmatter() {
    assert_same_at_every_size("\u{feff}| a |\r\n|---|\r\n| 1 |\r\n| 2 |\r\n| 3 |");
    assert_same_at_every_size("| a |\r|---|\r| 1 |\r| 2 |\r| 3 |\r");
    assert_same_at_every_size("---\na: 1\n---\n| a |\n|---|\r\n| 1 |\r| 2 |\n| 3 |");
}

#[test]
fn a_long_table_is_cut_and_each_piece_stays_small() {
    // The shape the 10 MB benchmarks grow: one table of thousands of decisions.
    let text = long_table(20_000, |i| {
        format!("| Decision {i} | keep \\| it | `a|b` {i} |")
    });
    let source = Source::new("t", text);
    let (kinds, work) = classify_counting(&source, 0, 4096);
    assert_eq!(kinds, classify_whole(&source, 0));
    let len = source.text.len();
    assert!(work.total < 2 * len, "fed {} bytes for {len}", work.total);
    assert!(
        work.largest < 3 * 4096,
        "a piece of {} bytes for a {len}-byte text",
        work.largest
    );
}

#[test]
fn a_pipe_block_without_delimiter_falls_back_to_bullets() {
    // Metric rows appended for ever, bullets between them: the `|` candidates are rejected and
    // the bullets after them taken, so pieces stay small here too.
    let mut text = String::new();
    for i in 0..5_000 {
        text.push_str(&format!(
            "| Phase {i} P1 | 3min |\n| Phase {i} P2 | 4min |\n- note {i}\n"
        ));
    }
    let source = Source::new("t", text);
    let (kinds, work) = classify_counting(&source, 0, 1024);
    assert_eq!(kinds, classify_whole(&source, 0));
    assert!(work.largest < 3 * 1024, "a piece of {} bytes", work.largest);
    assert!(
        work.total < 3 * source.text.len(),
        "fed {} bytes",
        work.total
    );
}

#[test]
fn a_table_that_may_run_out_of_filled_cells_is_not_cut() {
    // pulldown-cmark fills at most 2^18 missing cells per table, then ends it: rows of one cell
    // under a 9-column head reach that after 32 768 rows, which a piece cannot count. So no
    // cut inside such a table; the kinds are still the whole parse's.
    let mut text = String::from("| a | b | c | d | e | f | g | h | i |\n|-|-|-|-|-|-|-|-|-|\n");
    for i in 0..33_000 {
        text.push_str(&format!("|{}\n", i % 10));
    }
    text.push_str("- after\n");
    let source = Source::new("t", text);
    let whole = classify_whole(&source, 0);
    assert_eq!(
        whole[33_001],
        LineKind::PipeRow,
        "pulldown-cmark's limit moved"
    );
    let (kinds, work) = classify_counting(&source, 0, 4096);
    assert_eq!(kinds, whole);
    assert!(work.largest > source.text.len() / 2);
}

#[test]
fn only_spaces_and_tabs_end_a_table_for_the_cell_budget() {
    // A no-break space line is a row to pulldown-cmark, so the table goes on past it: the
    // budget must count the rows after it too.
    let mut text = String::from("| a | b | c | d | e | f | g | h | i |\n|-|-|-|-|-|-|-|-|-|\n");
    for i in 0..33_000 {
        text.push_str(&format!("|{}\n", i % 10));
        if i == 100 {
            text.push_str("\u{a0}\n");
        }
    }
    let source = Source::new("t", text);
    let whole = classify_whole(&source, 0);
    assert_eq!(
        whole[102],
        LineKind::TableRow,
        "pulldown-cmark's blank lines moved"
    );
    for size in [64, 4096] {
        assert_eq!(
            classify_chunked(&source, 0, size),
            whole,
            "pieces of {size}"
        );
    }
}
