//! Table cells and rows: the one policy for a new cell's padding, escaping and width. A column
//! padded to a width keeps it; an unpadded cell keeps its single spaces; a row a tool aligned keeps
//! its columns where they were; a `
//! ` in text is written `\\
//! `.

use crate::syntax::{Cell, Doc, LineKind, table};

/// The new raw text of `cell` holding `text`, keeping its padding: a column padded to a
/// width stays that wide when the text fits; an unpadded cell keeps its single spaces.
pub fn cell_raw(doc: &Doc, cell: &Cell, text: &str) -> String {
    let raw = doc.text(cell.raw.clone());
    let width = raw.chars().count();
    let lead = cell.text.start - cell.raw.start;
    let trail = cell.raw.end - cell.text.end;
    let (lead, trail) = if cell.text.is_empty() {
        (lead.clamp(1, 1), 1)
    } else {
        (lead, trail)
    };
    let text_width = text.chars().count();
    let padded =
        trail > 1 || (cell.text.is_empty() && width > 2) || table_aligned(doc, cell.raw.start);
    let trail = if padded {
        width.saturating_sub(lead + text_width).max(1)
    } else {
        trail
    };
    format!("{}{}{}", " ".repeat(lead), text, " ".repeat(trail))
}

/// Whether the column holding byte `offset` is aligned: every row's cell in that column has
/// the same width, as tools that pad columns leave it. New cell text then keeps the width.
pub fn table_aligned(doc: &Doc, offset: usize) -> bool {
    let line = doc.source.line_of(offset);
    let in_table = |i: usize| {
        matches!(
            doc.kinds.get(i),
            Some(LineKind::TableRow | LineKind::TableDelimiter)
        )
    };
    let Some(column) = doc.cells(line).and_then(|cells| {
        cells
            .iter()
            .position(|c| c.raw.contains(&offset) || c.raw.start == offset)
    }) else {
        return false;
    };
    let mut first = line;
    while first > 0 && in_table(first - 1) {
        first -= 1;
    }
    let mut last = line;
    while in_table(last + 1) {
        last += 1;
    }
    let width = |i: usize| -> Option<usize> {
        let cells = table::split_cells(doc.line(i), doc.line_start(i));
        cells
            .get(column)
            .map(|c| doc.text(c.raw.clone()).chars().count())
    };
    let w = width(first);
    // Equal widths alone can be chance (`| Rationale |` over `| Typed SQL |`); a padded column
    // also has a cell with more than one space of padding.
    let padded = (first..=last).any(|i| {
        doc.kinds[i] == LineKind::TableRow
            && table::split_cells(doc.line(i), doc.line_start(i))
                .get(column)
                .is_some_and(|c| c.raw.end - c.text.end > 1 || c.text.start - c.raw.start > 1)
    });
    padded && last > first && w.is_some() && (first..=last).all(|i| width(i) == w)
}

/// Renders a new table row with `texts`, copying `template`'s indentation, outer pipes and
/// per-column padding. Missing template cells use single-space padding.
pub fn row_like(doc: &Doc, template_line: usize, texts: &[String]) -> String {
    let line = doc.line(template_line);
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let leading_pipe = trimmed.starts_with('|');
    let trailing_pipe = line.trim_end().ends_with('|');
    let cells = doc.cells(template_line).unwrap_or_default();
    let mut out = String::from(indent);
    if leading_pipe {
        out.push('|');
    }
    for (i, text) in texts.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        // A `|` in the text would split the cell: written `\|`, it reads back as `|`.
        let text = table::escape_cell(text);
        match cells.get(i) {
            Some(cell) => out.push_str(&cell_raw(doc, cell, &text)),
            None => {
                out.push(' ');
                out.push_str(&text);
                out.push(' ');
            }
        }
    }
    if trailing_pipe {
        out.push('|');
    }
    out
}

/// `text` made safe to write into line `line`: in a table row (a field kept in a `| Field |
/// Value |` table) and above a table delimiter row (`|---|---|`, where a `|` could turn the
/// line into that table's header and the field would vanish from the next parse), unescaped
/// pipes are written as `\|` (which Markdown renders as `|`). Anywhere else the text is kept
/// as given.
pub fn table_safe(doc: &Doc, line: usize, text: &str) -> String {
    let in_table = matches!(
        doc.kinds.get(line),
        Some(LineKind::TableRow | LineKind::PipeRow)
    );
    let next_is_delimiter = line + 1 < doc.kinds.len()
        && crate::syntax::table::is_delimiter(doc.line(line + 1))
        && doc.line(line + 1).contains('|');
    if in_table || next_is_delimiter {
        table::escape_cell(text).into_owned()
    } else {
        text.to_string()
    }
}

/// The new raw text of a row's cell: when the row is padded (any cell has more than one space
/// around its text: a tool aligned it, even if a later shifted or hand-written row spoils the
/// column's alignment) the cell keeps its width, so the row's columns stay where they were;
/// otherwise [`cell_raw`] decides from the column.
pub fn cell_in_row(doc: &Doc, row: &[Cell], cell: &Cell, text: &str) -> String {
    let padded = |c: &Cell| c.raw.end - c.text.end > 1 || c.text.start - c.raw.start > 1;
    if !row.iter().any(padded) {
        return cell_raw(doc, cell, text);
    }
    let width = doc.text(cell.raw.clone()).chars().count();
    let lead = (cell.text.start - cell.raw.start).max(1);
    let trail = width.saturating_sub(lead + text.chars().count()).max(1);
    format!("{}{text}{}", " ".repeat(lead), " ".repeat(trail))
}
