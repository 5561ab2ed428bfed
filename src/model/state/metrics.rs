//! Performance Metrics: velocity bullets, the By Phase table and the recent trend.

use std::ops::Range;

use crate::model::field::{Field, find_field, find_field_where, find_qualified_field};
use crate::model::ids::PhaseNum;
use crate::model::values::{
    first_integer, first_number, is_placeholder_value, parse_minutes, strip_prefix_ci,
};
use crate::syntax::{Cell, Doc, LineKind};

/// The metrics section's fields, each optional.
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    /// `Total plans completed: 3`
    pub plans_completed: Option<Field>,
    /// `Average duration: 6 min`
    pub average: Option<Field>,
    /// `Total execution time: 0.3 hours`
    pub total_time: Option<Field>,
    pub by_phase: Option<ByPhaseTable>,
    /// `Last 5 plans: 3min, 3min, 12min`
    pub recent: Option<RecentTrend>,
    /// `Trend: …`
    pub trend: Option<Field>,
    /// Tool-appended `| Phase 03 P03 | 3min | … |` rows, anywhere in the file.
    pub plan_rows: Vec<crate::model::state::plan_rows::PlanMetricRow>,
}

/// The `**By Phase:**` table.
#[derive(Debug, Clone)]
pub struct ByPhaseTable {
    /// The header row's line index.
    pub header_line: usize,
    /// Lower-cased header names.
    pub columns: Vec<String>,
    /// The delimiter row's line index, when the table has one.
    pub delimiter_line: Option<usize>,
    pub rows: Vec<ByPhaseRow>,
    /// Line index after which a new row belongs (the last row, or the delimiter).
    pub last_line: usize,
}

/// One By Phase row. Cells are located by column meaning, not position.
#[derive(Debug, Clone)]
pub struct ByPhaseRow {
    pub line: usize,
    pub cells: Vec<Cell>,
    /// The phase number parsed from the first cell (`1`, `01-foundation`, `1. Name`, `Phase 01`).
    pub phase: Option<PhaseNum>,
    /// The phase number's range in the first cell.
    pub phase_range: Option<Range<usize>>,
    /// The name in the first cell, if it has one.
    pub name: Option<Range<usize>>,
    /// Column indexes of plans, total, average, status.
    pub plans: Option<usize>,
    pub total: Option<usize>,
    pub average: Option<usize>,
    pub status: Option<usize>,
}

impl ByPhaseRow {
    fn cell_text<'a>(&self, doc: &'a Doc, index: Option<usize>) -> Option<&'a str> {
        self.cells.get(index?).map(|c| doc.text(c.text.clone()))
    }

    /// Plans completed in the phase: `2` or the `N` of `N/M`.
    pub fn plans(&self, doc: &Doc) -> Option<u64> {
        let t = self.cell_text(doc, self.plans)?;
        // `6+FIX`, `3+FIX2+UAT`: plans the count leaves out; no number to add up.
        if t.contains('+') {
            return None;
        }
        first_integer(t)
            .filter(|(_, r)| r.start == 0)
            .map(|(n, _)| n)
    }

    /// The `M` of an `N/M` plans cell.
    pub fn plans_total(&self, doc: &Doc) -> Option<u64> {
        let t = self.cell_text(doc, self.plans)?;
        let (_, total) = t.split_once('/')?;
        total.trim().parse().ok()
    }

    pub fn total_minutes(&self, doc: &Doc) -> Option<f64> {
        parse_minutes(self.cell_text(doc, self.total)?)
    }

    pub fn average_minutes(&self, doc: &Doc) -> Option<f64> {
        parse_minutes(self.cell_text(doc, self.average)?)
    }

    pub fn status<'a>(&self, doc: &'a Doc) -> Option<&'a str> {
        self.cell_text(doc, self.status)
    }

    pub fn name<'a>(&self, doc: &'a Doc) -> Option<&'a str> {
        self.name.clone().map(|r| doc.text(r))
    }

    /// Whether this row is a placeholder (`| - | - | - | - |`).
    pub fn is_placeholder(&self, doc: &Doc) -> bool {
        self.cells
            .iter()
            .all(|c| matches!(doc.text(c.text.clone()), "" | "-" | "—" | "–"))
    }
}

/// `Last 5 plans`, `Last 3 plans`, `Last plans`, `Last plan`, `Recent plans`: the label of the
/// recent-trend list, with any count.
fn is_recent_label(label: &str) -> bool {
    if matches!(label, "last plans" | "last plan" | "recent plans") {
        return true;
    }
    let Some(rest) = label.strip_prefix("last ") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && matches!(&rest[digits..], " plans" | " plan")
}

/// `Last 5 plans: …` with each duration it lists.
#[derive(Debug, Clone)]
pub struct RecentTrend {
    pub field: Field,
    /// Each listed item: its whole range and its duration in minutes when readable.
    pub items: Vec<(Range<usize>, Option<f64>)>,
}

impl Metrics {
    pub fn parse(doc: &Doc, lines: Range<usize>) -> Metrics {
        let plans_completed = find_qualified_field(
            doc,
            lines.clone(),
            &[
                "total plans completed",
                "plans completed",
                "total plans",
                "abgeschlossene pläne",
                "planos concluídos",
                "plans terminés",
            ],
        );
        let average = find_qualified_field(
            doc,
            lines.clone(),
            &[
                "average duration",
                "average plan duration",
                "average per plan",
                "avg duration",
                "average",
                "durchschnittliche dauer",
                "duração média",
                "durée moyenne",
            ],
        );
        let total_time = find_qualified_field(
            doc,
            lines.clone(),
            &["total execution time", "total time", "execution time"],
        );
        let recent = find_field_where(doc, lines.clone(), is_recent_label)
            .map(|field| RecentTrend::parse(doc, field));
        let trend = find_field(doc, lines.clone(), &["trend"]);
        Metrics {
            plans_completed,
            average,
            total_time,
            by_phase: ByPhaseTable::find(doc, lines),
            recent,
            trend,
            plan_rows: crate::model::state::plan_rows::read(doc, 0..doc.kinds.len()),
        }
    }

    /// The plans-completed count (`14 (v2.0: 13, v3.0: 1)` → 14).
    pub fn plans_completed_count(&self, doc: &Doc) -> Option<u64> {
        let f = self.plans_completed.as_ref()?;
        first_integer(&without_digit_group_commas(f.value(doc)))
            .filter(|(_, r)| r.start <= 1)
            .map(|(n, _)| n)
    }

    /// The average duration in minutes.
    pub fn average_minutes(&self, doc: &Doc) -> Option<f64> {
        let v = self.average.as_ref()?.value(doc);
        leading_duration(v)
    }

    /// The total execution time in hours.
    pub fn total_hours(&self, doc: &Doc) -> Option<f64> {
        let v = self.total_time.as_ref()?.value(doc);
        leading_duration(v).map(|m| m / 60.0).or_else(|| {
            // A bare number in this field is hours by the template's convention.
            first_number(v)
                .filter(|(_, r)| r.start <= 1 && v[r.end..].trim().is_empty())
                .map(|(n, _)| n)
        })
    }
}

/// A duration at the start of a value, ignoring a trailing parenthetical or prose
/// (`28 min`, `~30 min`, `3.3 hours (v3.0)`).
pub fn leading_duration(value: &str) -> Option<f64> {
    // `1,076 min`: a thousands separator is not a list separator.
    let grouped;
    let value = if value.contains(',') {
        grouped = without_digit_group_commas(value);
        grouped.as_str()
    } else {
        value
    };
    if let Some(m) = parse_minutes(value) {
        return Some(m);
    }
    let cut = value.find(['(', ',', ';', '—', '/']).unwrap_or(value.len());
    let head = value[..cut].trim();
    if let Some(m) = parse_minutes(head) {
        return Some(m);
    }
    // `6 min avg` → take number + first unit word.
    let mut words = head.split_whitespace();
    let first = words.next()?;
    if let Some(m) = parse_minutes(first).filter(|_| first.ends_with(char::is_alphabetic)) {
        return Some(m);
    }
    let second = words.next()?;
    parse_minutes(&format!("{first} {second}"))
}

/// Removes commas that separate digit groups (`1,076` → `1076`), keeping list commas.
fn without_digit_group_commas(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let group = c == ','
            && i > 0
            && b[i - 1].is_ascii_digit()
            && b.len() >= i + 4
            && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && b.get(i + 4).is_none_or(|x| !x.is_ascii_digit());
        if !group {
            out.push(c);
        }
    }
    out
}

impl RecentTrend {
    fn parse(doc: &Doc, field: Field) -> RecentTrend {
        let mut base = field.value.start;
        let mut value = field.value(doc);
        // `[38min, 51min, 44min]`: the brackets hold the list; they belong to no item.
        let trimmed = value.trim();
        if let Some(inner) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            base += value.find('[').map_or(0, |i| i + 1);
            value = inner;
        }
        let mut items = Vec::new();
        if !is_placeholder_value(value) {
            let mut start = 0;
            for piece in split_top_level_commas(value) {
                let r = start..start + piece.len();
                start += piece.len() + 1;
                let trimmed = piece.trim();
                if trimmed.is_empty() {
                    continue;
                }
                let lead = piece.len() - piece.trim_start().len();
                let abs = base + r.start + lead..base + r.start + lead + trimmed.len();
                items.push((abs, item_minutes(trimmed)));
            }
        }
        RecentTrend { field, items }
    }

    /// The durations listed, in minutes (unreadable items skipped).
    pub fn minutes(&self) -> Vec<f64> {
        self.items.iter().filter_map(|(_, m)| *m).collect()
    }
}

/// Splits on commas outside parentheses.
fn split_top_level_commas(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth <= 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// A recent-trend item's duration: `3min`, `05-02 (2min)`, `3 min (01-01)`.
fn item_minutes(item: &str) -> Option<f64> {
    if let Some(m) = parse_minutes(item) {
        return Some(m);
    }
    if let Some(open) = item.find('(') {
        let inner = item[open + 1..].trim_end_matches(')');
        if let Some(m) = parse_minutes(inner) {
            return Some(m);
        }
        return parse_minutes(item[..open].trim());
    }
    None
}

impl ByPhaseTable {
    /// Finds the By Phase table: the first table after a `By Phase` label in `lines`, else the
    /// first table in `lines` whose header starts with `Phase` and has a `Plans` column.
    pub fn find(doc: &Doc, lines: Range<usize>) -> Option<ByPhaseTable> {
        // The label is a line of its own (`**By Phase:**`, `**By Phase (v3.0):**`), not prose
        // that happens to say "by phase".
        let label_line = lines.clone().find(|&i| {
            doc.kinds[i].is_prose()
                && strip_prefix_ci(
                    doc.line(i).trim_start_matches(['*', '-', '#', ' ']),
                    "by phase",
                )
                .is_some()
        });
        let start = label_line.map_or(lines.start, |l| l + 1);
        // The table under the label, before the next heading.
        let header = (start..lines.end)
            .take_while(|&i| label_line.is_none() || !matches!(doc.kinds[i], LineKind::Heading(_)))
            .find(|&i| doc.kinds[i] == LineKind::TableRow)?;
        let cells = doc.cells(header)?;
        let header_text = |c: &Cell| doc.text(c.text.clone()).to_lowercase();
        let first = cells.first().map(header_text).unwrap_or_default();
        let has_plans = cells.iter().any(|c| header_text(c).starts_with("plans"));
        let fits = if label_line.is_some() {
            first.contains("phase") || has_plans
        } else {
            first == "phase" && has_plans
        };
        fits.then(|| Self::read(doc, header, lines.end))
    }

    fn read(doc: &Doc, header: usize, end: usize) -> ByPhaseTable {
        let columns: Vec<String> = doc
            .cells(header)
            .unwrap_or_default()
            .iter()
            .map(|c| doc.text(c.text.clone()).to_lowercase())
            .collect();
        let col = |pred: &dyn Fn(&str) -> bool| columns.iter().position(|c| pred(c));
        let plans = col(&|c| c.starts_with("plans") || c == "plan count");
        let total = col(&|c| c.starts_with("total") || c == "time" || c == "duration");
        let average = col(&|c| c.starts_with("avg") || c.starts_with("average"));
        let status = col(&|c| c.starts_with("status"));
        let mut delimiter_line = None;
        let mut rows = Vec::new();
        let mut last_line = header;
        let mut i = header + 1;
        while i < end && doc.kinds[i] == LineKind::TableDelimiter {
            delimiter_line = Some(i);
            last_line = i;
            i += 1;
        }
        while i < end && doc.kinds[i] == LineKind::TableRow {
            let cells = doc.cells(i).unwrap_or_default();
            if crate::model::state::plan_rows::is_plan_metric_row(doc, &cells) {
                i += 1;
                continue;
            }
            let (phase, phase_range, name) = cells
                .first()
                .map(|c| parse_phase_cell(doc, c.text.clone()))
                .unwrap_or((None, None, None));
            rows.push(ByPhaseRow {
                line: i,
                cells,
                phase,
                phase_range,
                name,
                plans,
                total,
                average,
                status,
            });
            last_line = i;
            i += 1;
        }
        ByPhaseTable {
            header_line: header,
            columns,
            delimiter_line,
            rows,
            last_line,
        }
    }

    /// The row for a phase, if the table has one.
    pub fn row(&self, phase: &PhaseNum) -> Option<&ByPhaseRow> {
        self.rows.iter().find(|r| r.phase.as_ref() == Some(phase))
    }
}

/// Reads a By Phase first cell: `1`, `01`, `03.1`, `01-foundation`, `1. Name`, `Phase 01`,
/// `1 — Name`, `41 Project Foundation`.
fn parse_phase_cell(
    doc: &Doc,
    range: Range<usize>,
) -> (Option<PhaseNum>, Option<Range<usize>>, Option<Range<usize>>) {
    let text = doc.text(range.clone());
    let mut pos = 0;
    if strip_prefix_ci(text, "phase ").is_some() {
        pos = 6;
    }
    let rest = &text[pos..];
    let len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let mut num_text = rest[..len].trim_end_matches('.');
    // A letter suffix directly after the digits (`12A`).
    let after_digits = &rest[num_text.len()..];
    let letter = after_digits
        .chars()
        .next()
        .filter(|c| c.is_ascii_alphabetic())
        .filter(|_| {
            after_digits[1..].is_empty() || after_digits[1..].starts_with([' ', '-', '.', '|'])
        });
    if letter.is_some() {
        num_text = &rest[..num_text.len() + 1];
    }
    let Some(phase) = PhaseNum::parse(num_text) else {
        return (None, None, None);
    };
    let num_range = range.start + pos..range.start + pos + num_text.len();
    let tail = &rest[num_text.len()..];
    let name_rel = tail
        .trim_start_matches(['.', ' '])
        .trim_start_matches(['—', '-', '–', ':'])
        .trim();
    let name = (!name_rel.is_empty()).then(|| {
        let off = tail.find(name_rel).unwrap_or(0);
        let start = num_range.end + off;
        start..start + name_rel.len()
    });
    (Some(phase), Some(num_range), name)
}
