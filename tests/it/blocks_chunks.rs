//! The block classifier parses long bodies in pieces (`syntax::blocks::classify_chunked`) to
//! bound pulldown-cmark's memory. Its one promise: the same line kinds as one parse of the
//! whole body (`classify_whole`), for every input. Checked with tiny pieces (so a generated
//! document is cut at nearly every candidate line) over generated documents full of the
//! shapes that make a cut wrong, and over every Markdown fixture in the repository.

use std::path::{Path, PathBuf};

use gsd::source::Source;
use gsd::syntax::blocks::{classify_chunked, classify_whole};
use gsd::syntax::frontmatter;
use proptest::prelude::*;

use crate::support::fixtures_dir;

/// Chunked and whole classification of `text`, compared at each piece size.
fn assert_chunked_matches_whole(name: &str, text: &str, sizes: &[usize]) {
    let source = Source::new(name, text.to_string());
    let (_, from) = frontmatter::parse(&source);
    let whole = classify_whole(&source, from);
    for &size in sizes {
        let chunked = classify_chunked(&source, from, size);
        if chunked != whole {
            let line = (0..whole.len())
                .find(|&i| chunked.get(i) != whole.get(i))
                .unwrap_or(whole.len());
            panic!(
                "{name}: pieces of {size} bytes differ from one parse at line {}: {:?} vs {:?} \
                 ({:?})\n{text:?}",
                line + 1,
                chunked.get(line),
                whole.get(line),
                source.lines.get(line).map(|_| source.line_text(line)),
            );
        }
    }
}

/// Lines that look like a fresh start (heading or bullet at column 0), or nearly so.
fn candidate() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "# Title",
        "## Decisions",
        "###### six",
        "#",
        "#x",
        "- x",
        "- Decision: keep it",
        "* star",
        "+ plus",
        "-\tx",
        "- ",
        "-",
        "- - -",
        "* * *",
        "- # heading in item",
        "- [ ] task",
        "- [x] done",
        "- | a | b |",
        "- ```",
        "- <!--",
        "- > quoted",
    ])
    .prop_map(str::to_string)
}

/// Any single line, hostile ones weighted up.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => candidate(),
        2 => prop::sample::select(vec![
            "text", "Status: In progress", "**Phase:** 3 of 5", "  indented text", "    code?",
            "  - nested", "    - deeper", "1. one", "2) two", "  continuation",
            "---", "===", "***", "___", "", "", "  ",
            "| a | b |", "|---|---|", "| 1 | 2 |", "a | b", "--|--", "- | -",
            "```", "```md", "~~~", "  ```", "````",
            "<!--", "-->", "<!-- one line -->", "<details>", "</details>", "<summary>s</summary>",
            "<div>", "</div>", "<pre>", "</pre>", "<custom-tag>",
            "> quote", "> - quoted item", "> # quoted heading", ">",
            "[ref]: /url", "[ref]: /url \"title", "title\"", "[ref]:", "[multi", "]: /u",
            "Heading text", "\t- tab item", "\t\t- deeper tab", " \t- mixed", "\t```", "\tcode",
            "lazy", "  b", "- [ ] a", "  - [x] b",
        ])
        .prop_map(str::to_string),
    ]
}

/// A multi-line shape whose inside is full of candidates.
fn block() -> impl Strategy<Value = Vec<String>> {
    let inner = prop::collection::vec(
        prop_oneof![3 => candidate(), 1 => Just(String::new()), 1 => Just("text".to_string())],
        1..6,
    );
    (
        prop::sample::select(vec![
            ("```", "```"),
            ("~~~", "~~~"),
            ("```bash", ""),
            ("- item\n  ```", "  ```"),
            ("  ~~~", "  ~~~"),
            ("<!--", "-->"),
            ("<details>", "</details>"),
            ("<details>\n<summary>More</summary>\n", "</details>"),
            ("<div>", "</div>"),
            ("> quote", "> end"),
            ("| a | b |\n|---|---|\n| 1 | 2 |", ""),
            ("| a |\n|---|", "| 2 |"),
            ("Paragraph text", "==="),
            ("Paragraph text", "---"),
            ("- a\n  - b\n    - c", "  - d"),
            ("[ref]: /url 'title", "end'"),
        ]),
        inner,
        candidate(),
    )
        .prop_map(|((open, close), inner, after)| {
            let mut lines: Vec<String> = open.split('\n').map(str::to_string).collect();
            lines.extend(inner);
            if !close.is_empty() {
                lines.push(close.to_string());
            }
            lines.push(after);
            lines
        })
}

/// A run of list lines: items, nested items (spaces and tabs), lazy and indented text, blank
/// lines. Blank lines make a list loose, and the piece before a cut may see it tight.
fn list_run() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop::sample::select(vec![
            "- a",
            "- b",
            "* c",
            "+ d",
            "- [ ] e",
            "-\tf",
            "text",
            "lazy text",
            "  indented",
            "  - nested",
            "    - deeper",
            "\t- tab",
            "\t\t- tabs",
            " \t- mixed",
            "  \t- mixed2",
            "\ttabbed text",
            "",
            "",
            "  ```",
            "  # h",
            "  > q",
            "  | a |",
            "1. one",
        ])
        .prop_map(str::to_string),
        2..12,
    )
}

/// A long GFM table (or a pipe block with no delimiter row), possibly inside a list item or a
/// block quote, then the line that ends it. With tiny pieces it is cut between nearly every
/// two rows, each cut starting a piece under a copy of the table's head.
fn table_run() -> impl Strategy<Value = Vec<String>> {
    let head = prop::sample::select(vec![
        ("| a | b | c |", "|---|:-:|--:|"),
        (
            "| Decision | Rationale | Impact |",
            "|----------|-----------|--------|",
        ),
        ("a | b", "--|--"),
        ("| a |", "|---|"),
        ("| a | b |", "|---|"),
        ("| a | b |", ""),
        ("| a \\| b |", "|---|"),
        ("| `a|b` |", "|---|---|"),
    ]);
    let rows = prop::collection::vec(
        prop::sample::select(vec![
            "| 1 | 2 | 3 |",
            "| Decision: keep | it | now |",
            "| x \\| y | z |",
            "| `code | pipe` | w |",
            "| \\\\| two |",
            "1 | 2",
            "| only |",
            "| 1 | 2 | 3 | 4 | 5 |",
            "|",
            "| |",
            "|---|---|",
            "  | indented |",
            "    | four |",
            "| - x |",
            "| # h |",
            "\t| tab |",
        ])
        .prop_map(str::to_string),
        1..25,
    );
    let ender = prop::sample::select(vec![
        "",
        "- bullet",
        "# heading",
        "paragraph",
        "> quote",
        "```",
        "<!--",
        "| a |",
        "---",
        "    code",
    ]);
    let container = prop::sample::select(vec!["", "", "", "list", "quote", "lazy"]);
    (head, rows, ender, container).prop_map(|((header, delimiter), rows, ender, container)| {
        let mut lines = vec![header.to_string()];
        if !delimiter.is_empty() {
            lines.push(delimiter.to_string());
        }
        lines.extend(rows);
        let mut lines: Vec<String> = match container {
            "list" => std::iter::once("- item".to_string())
                .chain(lines.into_iter().map(|l| format!("  {l}")))
                .collect(),
            "quote" => lines.into_iter().map(|l| format!("> {l}")).collect(),
            // The head in a container, the rows at column 0.
            "lazy" => std::iter::once("- item".to_string())
                .chain(lines.into_iter().enumerate().map(
                    |(i, l)| {
                        if i < 2 { format!("  {l}") } else { l }
                    },
                ))
                .collect(),
            _ => lines,
        };
        lines.push(ender.to_string());
        lines
    })
}

fn document() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::sample::select(vec!["", "---\nstatus: x\n---\n", "---\r\na: 1\r\n---\r\n"]),
        prop::collection::vec(
            prop_oneof![
                3 => line().prop_map(|l| vec![l]),
                2 => block(),
                2 => list_run(),
                2 => table_run(),
            ],
            0..30,
        ),
        prop::sample::select(vec!["\n", "\n", "\r\n", "\r", "mixed"]),
        any::<bool>(),
    )
        .prop_map(|(bom, fm, segments, eol, final_newline)| {
            let lines: Vec<String> = segments.into_iter().flatten().collect();
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str(fm);
            for (i, l) in lines.iter().enumerate() {
                text.push_str(l);
                if i + 1 < lines.len() || final_newline {
                    text.push_str(match eol {
                        "mixed" => ["\n", "\r\n", "\r"][i % 3],
                        e => e,
                    });
                }
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn chunked_classification_matches_one_parse(text in document(), size in 1usize..200) {
        assert_chunked_matches_whole("generated", &text, &[1, 2, 3, 5, 8, 16, 64, size]);
    }
}

/// Every `.md` file under `dir`, recursively.
fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "md") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_classifies_the_same_in_pieces() {
    let mut files = Vec::new();
    markdown_files(&fixtures_dir(), &mut files);
    assert!(files.len() > 100, "fixtures missing: {}", files.len());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_chunked_matches_whole(&path.display().to_string(), &text, &[1, 16, 64, 4096]);
    }
}

#[test]
fn a_grown_state_file_classifies_the_same_in_real_pieces() {
    // The shape the pieces are for: a real STATE.md with thousands of appended decisions,
    // cut at the production size and at smaller ones.
    let seed = std::fs::read_to_string(fixtures_dir().join("seeds/000.md")).unwrap();
    let mut text = seed.clone();
    for i in 0..12_000 {
        text.push_str(&format!(
            "\n- Decision {i}: keep the file long (01-0{})",
            i % 9 + 1
        ));
        if i % 1000 == 0 {
            text.push_str("\n\n## Section\n\n");
            text.push_str(&seed);
        }
    }
    assert!(text.len() > 512 * 1024);
    assert_chunked_matches_whole("grown", &text, &[256 * 1024, 64 * 1024, 4096]);
}
