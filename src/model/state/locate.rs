//! Where a STATE.md field is looked for, and in which order.
//!
//! Real files put the same fact in several places: the `## Current Position` section, a
//! bold-field header right under the title, a `| Field | Value |` table, a `<details>` block of
//! history, an unrelated `## Project Alignment` section with its own `Status:`. A careful reader
//! takes the field from the section whose job it is, then from the header above the first
//! section, and only when the file has no such section at all from anywhere that is not
//! another section's job. Lines inside `<details>` are collapsed history and never hold the
//! current value. [`Locator`] encodes that order once per document, so each field lookup is a
//! scan of the few lines that can hold it.

use std::ops::Range;

use crate::model::field::{Field, field_at};
use crate::syntax::kv::normalize_label;
use crate::syntax::{Doc, LabelStyle, LineKind};

use super::{SectionRole, labels};

/// Per-document lookup state: section roles, the header lines and the hidden lines.
pub struct Locator<'a> {
    doc: &'a Doc,
    /// The role of each section in `doc.sections`.
    pub roles: Vec<SectionRole>,
    /// Lines between the body start and the first heading below the title (`##` or deeper).
    preamble: Range<usize>,
    /// Lines inside `<details>` … `</details>`.
    hidden: Vec<bool>,
    /// The canonical role owning each line (`None` for Other/Context sections and lines
    /// outside any section).
    owner: Vec<Option<SectionRole>>,
    /// Every visible prose line that reads as `Label: value` with a label some lookup asks
    /// for ([`labels::ALL`]), with its normalised label, in line order: parsed once, so a
    /// dozen field lookups do not re-parse the document, and small however many other
    /// `Label: value` bullets (decisions, notes) the file has.
    fields: Vec<(usize, String, Field)>,
}

impl<'a> Locator<'a> {
    pub fn new(doc: &'a Doc, roles: Vec<SectionRole>, body: Range<usize>) -> Locator<'a> {
        let first_sub = doc
            .sections
            .iter()
            .find(|s| s.level >= 2)
            .map_or(body.end, |s| s.line);
        let preamble = body.start..first_sub.max(body.start);
        let hidden = details_mask(doc);
        let mut owner = vec![None; doc.kinds.len()];
        for (s, role) in doc.sections.iter().zip(&roles) {
            if !matches!(role, SectionRole::Other | SectionRole::Context) {
                for slot in &mut owner[s.own.clone()] {
                    *slot = Some(*role);
                }
            }
        }
        let fields = (0..doc.kinds.len())
            .filter(|&i| !hidden[i])
            .filter_map(|i| field_at(doc, i))
            // No known label is longer than this: most `Label: value` bullets are skipped
            // before their label is normalised.
            .filter(|f| f.label(doc).len() <= LONGEST_LABEL)
            .map(|f| (f.line, normalize_label(f.label(doc)), f))
            .filter(|(_, label, _)| is_known(label))
            .collect();
        Locator {
            doc,
            roles,
            preamble,
            hidden,
            owner,
            fields,
        }
    }

    /// Indexes of the sections with `role`, in document order.
    pub fn sections(&self, role: SectionRole) -> impl Iterator<Item = usize> + '_ {
        self.roles
            .iter()
            .enumerate()
            .filter(move |(_, r)| **r == role)
            .map(|(i, _)| i)
    }

    /// The first section with `role`.
    pub fn first(&self, role: SectionRole) -> Option<usize> {
        self.sections(role).next()
    }

    /// A field with one of `labels` (normalised, lower case) for `role`: in each section of
    /// `role` (and then of `also`), then in the header above the first section; when the file
    /// has no section of `role` at all, anywhere that no other canonical section owns.
    pub fn field(&self, role: SectionRole, also: &[SectionRole], labels: &[&str]) -> Option<Field> {
        self.lookup(role, also, labels, false)
    }

    /// Like [`Locator::field`], for labels that cannot mean anything else (`Last session`,
    /// `Core value`): when the file has no section of `role`, any section may hold them.
    pub fn unambiguous_field(&self, role: SectionRole, labels: &[&str]) -> Option<Field> {
        self.lookup(role, &[], labels, true)
    }

    fn lookup(
        &self,
        role: SectionRole,
        also: &[SectionRole],
        labels: &[&str],
        anywhere: bool,
    ) -> Option<Field> {
        debug_assert!(
            labels.iter().all(|l| is_known(l)),
            "a lookup label missing from labels::ALL: {labels:?}"
        );
        let doc = self.doc;
        let mut any_section = false;
        for r in std::iter::once(role).chain(also.iter().copied()) {
            for s in self.sections(r) {
                any_section = true;
                let lines = doc.sections[s].body.clone();
                if let Some(f) = self.scan(lines.clone(), labels) {
                    return Some(f);
                }
                if r == SectionRole::Position
                    && let Some(f) = self.table_field(lines, labels)
                {
                    return Some(f);
                }
            }
        }
        if let Some(f) = self.scan(self.preamble.clone(), labels) {
            return Some(f);
        }
        if any_section {
            return None;
        }
        self.fields_in(self.preamble.end..doc.kinds.len())
            .filter(|(i, _, _)| {
                anywhere || self.owner[*i].is_none_or(|o| o == role || also.contains(&o))
            })
            .find(|(_, label, _)| label_matches(label, labels))
            .map(|(_, _, f)| f.clone())
    }

    /// Every field with one of `labels` in the section [`Locator::field`] takes its field from
    /// (the first section of `role`, then of `also`, that has one), in line order; else the
    /// one field the header or the rest of the file gives. More than one means the file stacks the line (`Last
    /// session:` written again below the old one), and a reader has to choose.
    pub fn candidates(
        &self,
        role: SectionRole,
        also: &[SectionRole],
        labels: &[&str],
        anywhere: bool,
    ) -> Vec<Field> {
        let doc = self.doc;
        // The first section that holds the field, as for `field`: a duplicate section further
        // down is a shadow, not a newer entry.
        for r in std::iter::once(role).chain(also.iter().copied()) {
            for s in self.sections(r) {
                let out: Vec<Field> = self
                    .fields_in(doc.sections[s].body.clone())
                    .filter(|(_, label, _)| label_matches(label, labels))
                    .map(|(_, _, f)| f.clone())
                    .collect();
                if !out.is_empty() {
                    return out;
                }
            }
        }
        // The position's `| Phase | 6 of 6 |` table and the header hold one line each.
        self.lookup(role, also, labels, anywhere)
            .into_iter()
            .collect()
    }

    /// Whether line `i` is inside a `<details>` block.
    pub fn is_hidden(&self, i: usize) -> bool {
        self.hidden.get(i).copied().unwrap_or(false)
    }

    fn scan(&self, lines: Range<usize>, labels: &[&str]) -> Option<Field> {
        self.fields_in(lines)
            .find(|(_, label, _)| label_matches(label, labels))
            .map(|(_, _, f)| f.clone())
    }

    /// The parsed field lines inside `lines`.
    fn fields_in(&self, lines: Range<usize>) -> impl Iterator<Item = &(usize, String, Field)> {
        let from = self.fields.partition_point(|(i, _, _)| *i < lines.start);
        self.fields[from..]
            .iter()
            .take_while(move |(i, _, _)| *i < lines.end)
    }

    /// A `| Phase | 6 of 6 |` row of a two-column key/value table.
    fn table_field(&self, lines: Range<usize>, labels: &[&str]) -> Option<Field> {
        let doc = self.doc;
        // The header row of a wider table names columns, never a field: `| Phase | Plans |
        // Total | Avg/Plan |` heads a metrics table, it does not say the phase is "Plans".
        // (A two-column table may use its header row as its first field.)
        let column_header = |i: usize| {
            doc.kinds.get(i + 1) == Some(&LineKind::TableDelimiter)
                && doc.cells(i).is_some_and(|c| c.len() > 2)
        };
        lines
            .filter(|&i| {
                doc.kinds[i] == LineKind::TableRow && !column_header(i) && !self.is_hidden(i)
            })
            .find_map(|i| {
                let cells = doc.cells(i)?;
                let (key, value) = (cells.first()?, cells.get(1)?);
                let label = normalize_label(doc.text(key.text.clone()).trim_matches('*'));
                label_matches(&label, labels).then(|| Field {
                    line: i,
                    label: key.text.clone(),
                    value: value.text.clone(),
                    style: LabelStyle::default(),
                })
            })
    }
}

/// A bound on the bytes of a label [`is_known`] accepts as written (a version tag, bold
/// markers and spacing included): the longest known label is 19 bytes.
const LONGEST_LABEL: usize = 48;

/// Whether a normalised label is one any lookup asks for.
fn is_known(normal: &str) -> bool {
    labels::ALL.iter().any(|list| label_matches(normal, list))
}

/// Whether a normalised label is one of `labels`, also with a leading version tag:
/// `v2.0 Progress` is the progress line of the current milestone.
fn label_matches(normal: &str, labels: &[&str]) -> bool {
    if labels.contains(&normal) {
        return true;
    }
    normal
        .split_once(' ')
        .filter(|(first, _)| {
            first.starts_with('v') && first[1..].starts_with(|c: char| c.is_ascii_digit())
        })
        .is_some_and(|(_, rest)| labels.contains(&rest))
}

/// Marks the lines inside `<details>` … `</details>` (nesting counted; tags count only on
/// HTML-block lines, never in code or prose).
fn details_mask(doc: &Doc) -> Vec<bool> {
    let mut mask = vec![false; doc.kinds.len()];
    let mut depth = 0usize;
    for (i, slot) in mask.iter_mut().enumerate() {
        // Only HTML blocks open and close it: `<details>` quoted in a bullet is prose.
        if doc.kinds[i] != LineKind::Html {
            *slot = depth > 0;
            continue;
        }
        let line = doc.line(i);
        let opens = if line.contains("<details") {
            line.matches("<details").count()
        } else {
            0
        };
        let closes = if line.contains("</details") {
            line.matches("</details").count()
        } else {
            0
        };
        depth += opens;
        *slot = depth > 0;
        depth = depth.saturating_sub(closes);
    }
    mask
}
