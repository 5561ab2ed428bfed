//! Adding lines: after a neighbour, in place of a lone placeholder, or as a new section in
//! the right place. Shared by decide, block, todo and complete.
//!
//! A new line takes the line ending of the line it follows (so a mixed CRLF/LF file keeps each
//! region's style), and a file without a final newline still ends without one.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::state::context::list_marker;
use crate::model::state::{ItemList, ListShape, SectionRole, StateDoc, section_role};
use crate::syntax::sections::normalize_title;
use crate::syntax::{Doc, LineKind};

/// The line ending to use next to line `i`: its own, else the file's dominant one.
pub fn eol_of(doc: &Doc, i: usize) -> &'static str {
    let text = &doc.source.text;
    doc.source
        .lines
        .get(i)
        .and_then(|l| l.eol(text))
        .unwrap_or_else(|| doc.source.dominant_eol())
        .as_str()
}

/// Inserts `lines` (without terminators) after line `i`.
pub fn insert_after_line(doc: &Doc, i: usize, lines: &[String]) -> Edit {
    let span = doc.source.lines[i];
    let eol = eol_of(doc, i);
    if span.end == span.content_end {
        // The last line has no terminator: start the new lines with one and keep the file's
        // missing final newline.
        let mut text = String::new();
        for l in lines {
            text.push_str(eol);
            text.push_str(l);
        }
        Edit::insert(span.end, text)
    } else {
        let mut text = String::new();
        for l in lines {
            text.push_str(l);
            text.push_str(eol);
        }
        Edit::insert(span.end, text)
    }
}

/// Inserts `lines` before line `i`, with line `i`'s terminator style.
pub fn insert_before_line(doc: &Doc, i: usize, lines: &[String]) -> Edit {
    let eol = eol_of(doc, i);
    let mut text = String::new();
    for l in lines {
        text.push_str(l);
        text.push_str(eol);
    }
    Edit::insert(doc.line_start(i), text)
}

/// Replaces line `i`'s text (its terminator kept).
pub fn replace_line(doc: &Doc, i: usize, text: &str) -> Edit {
    let start = doc.line_start(i);
    Edit::replace(start..start + doc.line(i).len(), text)
}

/// The last line of the list item starting at `line`: its continuation lines and nested items.
pub fn item_end(doc: &Doc, line: usize) -> usize {
    let depth = match doc.kinds[line] {
        LineKind::ListItem { depth } => depth,
        _ => return line,
    };
    let mut end = line;
    let mut i = line + 1;
    while i < doc.kinds.len() {
        match doc.kinds[i] {
            LineKind::ListContinuation => end = i,
            LineKind::ListItem { depth: d } if d > depth => end = i,
            LineKind::Blank if matches!(doc.kinds.get(i + 1), Some(LineKind::ListItem { depth: d }) if *d > depth) =>
                {}
            _ => break,
        }
        i += 1;
    }
    end
}

/// The prefix of a new list item copied from item line `model`: indentation, marker (a
/// numbered list counts on) and an empty checkbox when the model has one.
pub fn item_prefix(doc: &Doc, model: usize) -> String {
    let line = doc.line(model);
    let Some((indent, marker)) = list_marker(line) else {
        return "- ".to_string();
    };
    let rest = line[indent.len() + marker.len()..].trim_start();
    let checkbox = rest.len() >= 3 && rest.starts_with('[') && rest.as_bytes()[2] == b']';
    let marker = match marker.strip_suffix(['.', ')']) {
        Some(digits) => {
            let n: u64 = digits.parse().unwrap_or(0);
            format!("{}{}", n.saturating_add(1), &marker[digits.len()..])
        }
        None => marker.to_string(),
    };
    format!("{indent}{marker} {}", if checkbox { "[ ] " } else { "" })
}

/// Where and how to add an entry to a list section: after its last item, in place of its
/// placeholder, or as the section's first list.
pub fn append_item(doc: &Doc, list: &ItemList, heading_line: usize, text: &str) -> Edit {
    let top_items: Vec<usize> = list
        .items
        .iter()
        .filter(|it| it.depth <= 1)
        .map(|it| it.line)
        .collect();
    if let Some(&last) = top_items.last() {
        if list.items.iter().any(|it| it.depth == 0) {
            // A table: handled by the caller; fall back to a row after the last one.
            return insert_after_line(doc, last, &[text.to_string()]);
        }
        let prefix = item_prefix(doc, last);
        return insert_after_line(doc, item_end(doc, last), &[format!("{prefix}{text}")]);
    }
    if let Some(p) = list.placeholder {
        return replace_placeholder(doc, p, text);
    }
    let bullet = match &list.shape {
        ListShape::Bullets { marker, indent } => format!("{indent}{marker} "),
        _ => "- ".to_string(),
    };
    first_in_section(
        doc,
        heading_line,
        list_end(doc, heading_line),
        &format!("{bullet}{text}"),
    )
}

/// Puts `text` as a list's first item in place of its lone placeholder line. A `- None yet`
/// bullet keeps its indentation, marker and spacing: only the words after the marker are
/// replaced. A bare `None yet.` line becomes a `- ` bullet.
pub fn replace_placeholder(doc: &Doc, line: usize, text: &str) -> Edit {
    let l = doc.line(line);
    if matches!(doc.kinds[line], LineKind::ListItem { .. })
        && let Some((indent, marker)) = list_marker(l)
    {
        let after = indent.len() + marker.len();
        let gap = l[after..].len() - l[after..].trim_start().len();
        if gap > 0 {
            let start = doc.line_start(line);
            return Edit::replace(start + after + gap..start + l.len(), text);
        }
    }
    replace_line(doc, line, &format!("- {text}"))
}

/// The line index where the section headed at `heading_line` ends (its next heading).
fn list_end(doc: &Doc, heading_line: usize) -> usize {
    doc.sections
        .iter()
        .find(|s| s.line == heading_line)
        .map_or(doc.kinds.len(), |s| s.own.end)
}

/// Adds `line` as the first list in a section that has none: after its last non-blank line
/// (with a blank line between prose and the list), or after the heading.
pub fn first_in_section(doc: &Doc, heading_line: usize, end: usize, line: &str) -> Edit {
    let last_text = (heading_line + 1..end)
        .rev()
        .find(|&i| doc.kinds[i] != LineKind::Blank);
    match last_text {
        Some(i) => insert_after_line(doc, i, &[String::new(), line.to_string()]),
        None => {
            // `### Heading` then blank lines (or nothing) up to the next heading.
            if heading_line + 1 < end && doc.kinds[heading_line + 1] == LineKind::Blank {
                let mut lines = vec![line.to_string()];
                if heading_line + 2 < doc.kinds.len() && heading_line + 2 == end {
                    lines.push(String::new());
                }
                insert_after_line(doc, heading_line + 1, &lines)
            } else {
                let mut lines = vec![String::new(), line.to_string()];
                if heading_line + 1 < doc.kinds.len() {
                    lines.push(String::new());
                }
                insert_after_line(doc, heading_line, &lines)
            }
        }
    }
}

/// Creates a `### {title}` subsection holding `first_line` where the template keeps it: at
/// the end of `## Accumulated Context`, else just before `## Session Continuity` (as a
/// section of that heading's level, so it does not nest under the section before it). Never at the end of the file: a
/// file with neither heading is refused.
pub fn create_context_section(
    state: &StateDoc,
    title: &str,
    first_line: &str,
) -> Result<Edit, UserError> {
    let doc = &state.doc;
    let role_of = |s: &crate::syntax::Section| section_role(&normalize_title(doc.title(s)));
    if let Some(ctx) = doc
        .sections
        .iter()
        .find(|s| role_of(s) == SectionRole::Context)
    {
        let level = "#".repeat(usize::from(ctx.level) + 1);
        // The end of the Accumulated Context body: after its last non-blank line.
        let last = (ctx.line..ctx.body.end)
            .rev()
            .find(|&i| doc.kinds[i] != LineKind::Blank)
            .unwrap_or(ctx.line);
        let lines = [
            String::new(),
            format!("{level} {title}"),
            String::new(),
            first_line.to_string(),
        ];
        return Ok(insert_after_line(doc, last, &lines));
    }
    if let Some(ses) = doc
        .sections
        .iter()
        .find(|s| role_of(s) == SectionRole::Session)
    {
        let level = "#".repeat(usize::from(ses.level));
        return Ok(insert_before_line(
            doc,
            ses.line,
            &[
                format!("{level} {title}"),
                String::new(),
                first_line.to_string(),
                String::new(),
            ],
        ));
    }
    Err(crate::ops::state_error(format!(
        "has no `{title}` section and no `## Accumulated Context` or `## Session Continuity` to put one in"
    ))
    .hint(format!(
        "add a `### {title}` heading where you want it, then run the command again"
    )))
}
