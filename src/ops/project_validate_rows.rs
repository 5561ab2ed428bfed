//! The cells of a requirement row written into a requirements table (`| ID | Requirement |
//! Phase |`), and what such tables say: where a table starts, which column says when a
//! requirement was validated, and the Status word a table uses for validated rows. Used by
//! `gsd project validate` for tables under Validated and for one-table Status layouts.

use crate::model::project::RequirementKind;
use crate::model::project_items::requirement_ids;
use crate::model::state::Item;
use crate::syntax::table::unescape_cell;
use crate::syntax::{Doc, LineKind};

/// The first row (the header) of the table holding line `line`.
pub(crate) fn table_start(doc: &Doc, line: usize) -> usize {
    let mut i = line;
    while i > 0
        && matches!(
            doc.kinds[i - 1],
            LineKind::TableRow | LineKind::TableDelimiter
        )
    {
        i -= 1;
    }
    i
}

/// Lower-cased header cells of the table holding line `line`.
fn columns_of(doc: &Doc, line: usize) -> Vec<String> {
    doc.cells(table_start(doc, line))
        .unwrap_or_default()
        .iter()
        .map(|c| doc.text(c.text.clone()).trim_matches('*').to_lowercase())
        .collect()
}

/// The header of the table holding line `line`'s when-column (`Phase`, `Validated`), when
/// its rows fill it: a new row then needs a value too.
pub(crate) fn filled_when_column(doc: &Doc, line: usize) -> Option<String> {
    let start = table_start(doc, line);
    let header = doc.cells(start)?;
    let col = header
        .iter()
        .position(|c| is_when_column(&doc.text(c.text.clone()).trim_matches('*').to_lowercase()))?;
    let filled = (start + 1..doc.kinds.len())
        .take_while(|&i| matches!(doc.kinds[i], LineKind::TableRow | LineKind::TableDelimiter))
        .filter(|&i| doc.kinds[i] == LineKind::TableRow)
        .filter_map(|i| doc.cells(i).and_then(|c| c.get(col).cloned()))
        .any(|c| !matches!(doc.text(c.text), "" | "-" | "—"));
    filled.then(|| doc.text(header[col].text.clone()).to_string())
}

/// Whether column `col` of the table holding line `line` writes phases as bare numbers
/// (`1`, not `Phase 1`): a new value is then written the same way.
pub(crate) fn bare_numbers(doc: &Doc, line: usize, col: usize) -> bool {
    let start = table_start(doc, line);
    (start + 1..doc.kinds.len())
        .take_while(|&i| matches!(doc.kinds[i], LineKind::TableRow | LineKind::TableDelimiter))
        .filter_map(|i| doc.cells(i).and_then(|c| c.get(col).cloned()))
        .any(|c| doc.text(c.text).starts_with(|ch: char| ch.is_ascii_digit()))
}

/// A column that says when a requirement was validated.
pub(crate) fn is_when_column(c: &str) -> bool {
    [
        "phase",
        "validated",
        "version",
        "milestone",
        "shipped",
        "when",
        "release",
    ]
    .iter()
    .any(|w| c.starts_with(w))
}

/// The cells of the new row in the table holding `model_line`: a column the source row
/// shares (by header name) keeps its cell; the id column gets the requirement's id, the
/// requirement column its text, a when-column (`Phase`, `Validated`, `Version`) the value,
/// a Status column the word its table uses for validated ones.
pub(crate) fn row_texts(
    doc: &Doc,
    model_line: usize,
    item: &Item,
    body: &str,
    value: Option<&str>,
    version: Option<&str>,
) -> Vec<String> {
    let target = columns_of(doc, model_line);
    let from_table = item.depth == 0;
    let source_cols = if from_table {
        columns_of(doc, item.line)
    } else {
        Vec::new()
    };
    let source_cells = if from_table {
        doc.cells(item.line).unwrap_or_default()
    } else {
        Vec::new()
    };
    let main = target
        .iter()
        .position(|c| {
            [
                "requirement",
                "description",
                "item",
                "title",
                "feature",
                "capability",
            ]
            .iter()
            .any(|w| c.starts_with(w))
        })
        .unwrap_or(usize::from(target.len() > 1 && is_id_column(&target[0])));
    target
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if c.starts_with("status") || c == "state" {
                return status_word(doc, model_line, i, item.line);
            }
            if is_when_column(c) {
                let v = value.or(version).unwrap_or_default();
                return match v.strip_prefix("Phase ") {
                    Some(n) if bare_numbers(doc, model_line, i) => n.to_string(),
                    _ => v.to_string(),
                };
            }
            if let Some(j) = source_cols.iter().position(|s| s == c)
                && let Some(cell) = source_cells.get(j)
            {
                return unescape_cell(doc.text(cell.text.clone())).into_owned();
            }
            if is_id_column(c) {
                return requirement_ids(body).into_iter().next().unwrap_or_default();
            }
            if i == main {
                return body.to_string();
            }
            String::new()
        })
        .collect()
}

fn is_id_column(c: &str) -> bool {
    c == "id" || c == "#" || c.starts_with("req") && !c.starts_with("requirement")
}

/// The Status word validated rows of the table holding `model_line` use (its most common
/// one that is not the source row's), else `Validated`.
pub(crate) fn status_word(doc: &Doc, model_line: usize, col: usize, except: usize) -> String {
    let start = table_start(doc, model_line);
    let mut seen: Vec<(String, usize)> = Vec::new();
    let mut i = start + 1;
    while i < doc.kinds.len()
        && matches!(doc.kinds[i], LineKind::TableRow | LineKind::TableDelimiter)
    {
        if doc.kinds[i] == LineKind::TableRow
            && i != except
            && let Some(cell) = doc.cells(i).and_then(|c| c.get(col).cloned())
        {
            let t = unescape_cell(doc.text(cell.text)).into_owned();
            if crate::model::project::requirement_status_kind(&t) == RequirementKind::Validated {
                match seen.iter_mut().find(|(w, _)| *w == t) {
                    Some((_, n)) => *n += 1,
                    None => seen.push((t, 1)),
                }
            }
        }
        i += 1;
    }
    seen.into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or_else(|| "Validated".to_string(), |(w, _)| w)
}
