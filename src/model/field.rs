//! A `Label: value` field found in a document, with the spans an edit needs.

use std::ops::Range;

use crate::syntax::kv::normalize_label;
use crate::syntax::{Doc, LabelStyle};

/// A field line: its line index, label and value ranges, and its label decoration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub line: usize,
    pub label: Range<usize>,
    /// The value, trimmed; empty (but positioned) when the field has no value.
    pub value: Range<usize>,
    pub style: LabelStyle,
}

impl Field {
    /// The value text as written.
    pub fn value<'a>(&self, doc: &'a Doc) -> &'a str {
        doc.text(self.value.clone())
    }

    /// The label text as written.
    pub fn label<'a>(&self, doc: &'a Doc) -> &'a str {
        doc.text(self.label.clone())
    }
}

/// The first prose line in `lines` whose label is one of `labels` (compared case- and
/// space-insensitively). Lines in code, HTML, tables and quotes are never fields.
pub fn find_field(doc: &Doc, lines: Range<usize>, labels: &[&str]) -> Option<Field> {
    lines
        .filter_map(|i| field_at(doc, i))
        .find(|f| labels.contains(&normalize_label(f.label(doc)).as_str()))
}

/// The first field in `lines` whose normalized label satisfies `wanted`.
pub fn find_field_where(
    doc: &Doc,
    lines: Range<usize>,
    wanted: impl Fn(&str) -> bool,
) -> Option<Field> {
    lines
        .filter_map(|i| field_at(doc, i))
        .find(|f| wanted(&normalize_label(f.label(doc))))
}

/// Like [`find_field`], also matching a label with a qualifier in parentheses after it
/// (`Total plans completed (all milestones)`, `Average duration (v1.2)`): the qualifier is
/// part of the label and stays as written; the value is read the same way. An exact label
/// wins over a qualified one.
pub fn find_qualified_field(doc: &Doc, lines: Range<usize>, labels: &[&str]) -> Option<Field> {
    find_field(doc, lines.clone(), labels).or_else(|| {
        lines.filter_map(|i| field_at(doc, i)).find(|f| {
            let label = normalize_label(f.label(doc));
            let Some((head, qualifier)) = label.split_once(" (") else {
                return false;
            };
            qualifier.ends_with(')') && labels.contains(&head.trim_end())
        })
    })
}

/// Line `i` as a field, if it is one.
pub fn field_at(doc: &Doc, i: usize) -> Option<Field> {
    let kv = doc.key_value(i)?;
    Some(Field {
        line: i,
        label: kv.label,
        value: kv.value,
        style: kv.style,
    })
}
