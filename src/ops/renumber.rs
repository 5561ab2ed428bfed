//! Renumbering phases after one is removed: which phase becomes which, and the edits that
//! rewrite the references to them.
//!
//! Only what names a phase changes: a `Phase 4` word pair, a padded plan id (`04-01`,
//! `04-01-PLAN.md`), a phase folder's name (`04-export`), the leading number of a phase
//! table's first cell (ROADMAP.md's progress tables, STATE.md's By Phase table) and fields the
//! caller hands over (`Phase: 4 of 5`). A number in prose (`15 minutes`, `2 GB`), anything in
//! a code fence or frontmatter, and every cell of a table that is not a phase table stay as
//! written. Ranges (`Phases 4-6`) are not rewritten either: their ends may be other
//! milestones' phases.

use std::collections::HashSet;
use std::ops::Range;

use crate::edit::Edit;
use crate::model::ids::PhaseNum;
use crate::syntax::{Doc, LineKind};

/// Old phase numbers and the new ones, plus folder names that change with them.
#[derive(Debug, Clone, Default)]
pub struct Renumbering {
    pub map: Vec<(PhaseNum, PhaseNum)>,
    /// Folder names (`04-export` → `03-export`).
    pub folders: Vec<(String, String)>,
}

impl Renumbering {
    /// The shift that closes the gap `removed` leaves among `phases`: for an integer phase,
    /// every phase with a higher integer part moves down by one (`5` → `4`, `5.1` → `4.1`);
    /// for a decimal phase, its later siblings move down (`2.3` → `2.2`).
    pub fn closing_gap(removed: &PhaseNum, phases: &[PhaseNum]) -> Renumbering {
        let mut map = Vec::new();
        let rparts: Vec<&str> = removed.as_str().split('.').collect();
        for p in phases.iter().filter(|p| *p > removed) {
            let parts: Vec<&str> = p.as_str().split('.').collect();
            let depth = rparts.len() - 1;
            if parts.len() <= depth {
                continue;
            }
            // Same parent (all but the last group of `removed`) is required below the top.
            let same_parent = (0..depth).all(|i| {
                PhaseNum::parse(parts[i]).is_some()
                    && PhaseNum::parse(parts[i]) == PhaseNum::parse(rparts[i])
            });
            if !same_parent {
                continue;
            }
            let group = parts[depth];
            let digits: String = group.chars().take_while(char::is_ascii_digit).collect();
            let Ok(value) = digits.parse::<u64>() else {
                continue;
            };
            if value == 0 {
                continue;
            }
            let width = digits.len();
            let mut new_parts: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
            new_parts[depth] = format!("{:0>width$}{}", value - 1, &group[digits.len()..]);
            if let Some(n) = PhaseNum::parse(&new_parts.join(".")) {
                map.push((p.clone(), n));
            }
        }
        Renumbering {
            map,
            folders: Vec::new(),
        }
    }

    /// The new number of phase `n`, if it moves.
    pub fn get(&self, n: &PhaseNum) -> Option<&PhaseNum> {
        self.map.iter().find(|(o, _)| o == n).map(|(_, n)| n)
    }

    /// `written` (a phase number as a file spells it) renumbered in the same padding.
    pub fn respell(&self, written: &str) -> Option<String> {
        let n = PhaseNum::parse(written)?;
        let new = self.get(&n)?;
        Some(respell(new, written))
    }

    /// Edits for every phase reference in `doc`, skipping lines in `skip` (lines being
    /// deleted) and rewriting table rows only on `phase_rows` (their first cell's number).
    pub fn doc_edits(
        &self,
        doc: &Doc,
        skip: &HashSet<usize>,
        phase_rows: &HashSet<usize>,
    ) -> Vec<Edit> {
        let mut edits = Vec::new();
        for i in 0..doc.kinds.len() {
            if skip.contains(&i) {
                continue;
            }
            let kind = doc.kinds[i];
            if matches!(kind, LineKind::Code | LineKind::Frontmatter) {
                continue;
            }
            let start = doc.line_start(i);
            if kind.is_table_row() || doc.line(i).trim_start().starts_with('|') {
                if phase_rows.contains(&i)
                    && let Some(cells) = doc.cells(i)
                    && let Some(first) = cells.first()
                {
                    let text = doc.text(first.text.clone());
                    edits.extend(self.leading_number(text, first.text.start));
                    if let Some(folder) =
                        self.folders.iter().find(|(o, _)| text.contains(o.as_str()))
                    {
                        let at = text.find(folder.0.as_str()).unwrap_or(0);
                        let r = first.text.start + at..first.text.start + at + folder.0.len();
                        if !edits.iter().any(|e: &Edit| overlaps(&e.range, &r)) {
                            edits.push(Edit::replace(r, folder.1.clone()));
                        }
                    }
                }
                continue;
            }
            edits.extend(self.text_edits(doc.line(i), start));
        }
        edits
    }

    /// A number at the start of `text` (`4. Export`, `04-export`, `Phase 04`), renumbered.
    fn leading_number(&self, text: &str, base: usize) -> Option<Edit> {
        let skip = text.strip_prefix("Phase ").map_or(0, |_| "Phase ".len());
        let rest = &text[skip..];
        let len = number_len(rest);
        let written = rest[..len].trim_end_matches('.');
        let new = self.respell(written)?;
        Some(Edit::replace(base + skip..base + skip + written.len(), new))
    }

    /// Edits for the phase references in one line of text (`Phase 4`, `04-01`, `04-export`).
    pub fn text_edits(&self, line: &str, base: usize) -> Vec<Edit> {
        let mut edits: Vec<Edit> = Vec::new();
        for (old, new) in &self.folders {
            for (at, _) in line.match_indices(old.as_str()) {
                let before = line[..at].chars().last();
                let after = line[at + old.len()..].chars().next();
                if before.is_some_and(|c| c.is_ascii_alphanumeric())
                    || after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
                {
                    continue;
                }
                edits.push(Edit::replace(base + at..base + at + old.len(), new.clone()));
            }
        }
        let lower = line.to_ascii_lowercase();
        for (at, _) in lower.match_indices("phase ") {
            if line[..at]
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            let from = at + "phase ".len();
            let rest = &line[from..];
            let len = number_len(rest);
            let written = rest[..len].trim_end_matches('.');
            // `Phase 4-6` is a range; leave it.
            let after = &rest[written.len()..];
            if after.starts_with(['-', '–']) && after[1..].starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            if let Some(new) = self.respell(written) {
                let r = base + from..base + from + written.len();
                if !edits.iter().any(|e| overlaps(&e.range, &r)) {
                    edits.push(Edit::replace(r, new));
                }
            }
        }
        for (r, new) in self.plan_ids(line) {
            let r = base + r.start..base + r.end;
            if !edits.iter().any(|e| overlaps(&e.range, &r)) {
                edits.push(Edit::replace(r, new));
            }
        }
        edits
    }

    /// Edits for the phase numbers in a cell that holds only phases (a traceability table's
    /// Phase column: `Phase 4`, `4, 5`, `Phase 04: Export`): every number, except the ends of
    /// a range (`4-6`) and a number glued to other text.
    pub fn cell_edits(&self, text: &str, base: usize) -> Vec<Edit> {
        let bytes = text.as_bytes();
        let mut edits = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let glued = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.');
            if !bytes[i].is_ascii_digit() || glued {
                i += 1;
                continue;
            }
            let len = number_len(&text[i..]);
            let written = text[i..i + len].trim_end_matches('.');
            let ranged = (i > 0 && matches!(bytes[i - 1], b'-'))
                || text[i + written.len()..].starts_with(['-', '–']);
            if !ranged && let Some(new) = self.respell(written) {
                edits.push(Edit::replace(base + i..base + i + written.len(), new));
            }
            i += len.max(1);
        }
        edits
    }

    /// Plan ids in `line` whose phase moves: `04-01`, `4-01-PLAN.md`, `04-1`, where one
    /// side is zero-padded or a `-PLAN`/`-SUMMARY` file name follows (so `10-12 depots` and
    /// `2026-02-01` stay). The range covers the phase part.
    fn plan_ids(&self, line: &str) -> Vec<(Range<usize>, String)> {
        let bytes = line.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let starts = bytes[i].is_ascii_digit()
                && (i == 0
                    || !(bytes[i - 1].is_ascii_alphanumeric()
                        || bytes[i - 1] == b'.'
                        || bytes[i - 1] == b'-'));
            if !starts {
                i += 1;
                continue;
            }
            let len = number_len(&line[i..]);
            let phase = line[i..i + len].trim_end_matches('.');
            let after = i + phase.len();
            let plan_len = line[after..]
                .strip_prefix('-')
                .map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count());
            if plan_len > 0 {
                let plan = &line[after + 1..after + 1 + plan_len];
                let tail = &line[after + 1 + plan_len..];
                let next = tail.chars().next();
                let letter = next.is_some_and(|c| c.is_ascii_lowercase())
                    && !tail[1..].starts_with(|c: char| c.is_ascii_alphanumeric());
                let bounded = next.is_none_or(|c| !c.is_ascii_alphanumeric()) || letter;
                let file = tail.starts_with("-PLAN") || tail.starts_with("-SUMMARY");
                let padded = phase.starts_with('0') || plan.starts_with('0');
                let date_like =
                    tail.starts_with('-') && tail[1..].starts_with(|c: char| c.is_ascii_digit());
                if bounded
                    && !date_like
                    && (padded || file)
                    && let Some(new) = self.respell(phase)
                {
                    out.push((i..after, new));
                }
            }
            i += len.max(1);
        }
        out
    }
}

/// `new` spelled with `written`'s zero padding.
pub fn respell(new: &PhaseNum, written: &str) -> String {
    new.spelled_like(written)
        .split('.')
        .next()
        .map(|lead| {
            let rest: Vec<&str> = new.as_str().split('.').skip(1).collect();
            if rest.is_empty() {
                lead.to_string()
            } else {
                format!("{lead}.{}", rest.join("."))
            }
        })
        .unwrap_or_else(|| new.to_string())
}

/// The length of a phase number at the start of `text` (digits, dots, letters).
fn number_len(text: &str) -> usize {
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return 0;
    }
    text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(text.len())
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(v: &[&str]) -> Vec<PhaseNum> {
        v.iter().map(|s| PhaseNum::parse(s).unwrap()).collect()
    }

    fn apply(r: &Renumbering, line: &str) -> String {
        let mut set = crate::edit::EditSet::new();
        set.extend(r.text_edits(line, 0));
        set.apply(line).unwrap()
    }

    #[test]
    fn closing_the_gap_moves_only_later_phases() {
        let r = Renumbering::closing_gap(
            &PhaseNum::parse("3").unwrap(),
            &nums(&["1", "2", "3", "4", "4.1", "05"]),
        );
        let m: Vec<_> = r.map.iter().map(|(a, b)| format!("{a}>{b}")).collect();
        assert_eq!(m, ["4>3", "4.1>3.1", "05>04"]);
        let d = Renumbering::closing_gap(
            &PhaseNum::parse("2.1").unwrap(),
            &nums(&["2", "2.1", "2.2", "2.3", "3"]),
        );
        let m: Vec<_> = d.map.iter().map(|(a, b)| format!("{a}>{b}")).collect();
        assert_eq!(m, ["2.2>2.1", "2.3>2.2"]);
    }

    #[test]
    fn only_phase_references_change() {
        let mut r =
            Renumbering::closing_gap(&PhaseNum::parse("3").unwrap(), &nums(&["3", "4", "10"]));
        r.folders.push(("04-export".into(), "03-export".into()));
        assert_eq!(
            apply(&r, "- Phase 4 export needs 4 files"),
            "- Phase 3 export needs 4 files"
        );
        assert_eq!(
            apply(&r, "see phases/04-export/04-01-PLAN.md"),
            "see phases/03-export/03-01-PLAN.md"
        );
        assert_eq!(
            apply(&r, "- [04-01]: x (04-02) and 10-01"),
            "- [03-01]: x (03-02) and 9-01"
        );
        assert_eq!(
            apply(&r, "10-12 depots, 2026-04-01, 4 GB, Phases 4-10"),
            "10-12 depots, 2026-04-01, 4 GB, Phases 4-10"
        );
        assert_eq!(apply(&r, "Phase 4-10 sync"), "Phase 4-10 sync");
    }

    #[test]
    fn phase_cells_renumber_every_phase_but_ranges() {
        let r = Renumbering::closing_gap(
            &PhaseNum::parse("3").unwrap(),
            &nums(&["3", "4", "4.1", "10"]),
        );
        let cell = |text: &str| {
            let mut set = crate::edit::EditSet::new();
            set.extend(r.cell_edits(text, 0));
            set.apply(text).unwrap()
        };
        assert_eq!(cell("Phase 4"), "Phase 3");
        assert_eq!(cell("4, 10"), "3, 9");
        assert_eq!(cell("Phase 4.1: Export"), "Phase 3.1: Export");
        assert_eq!(cell("Phases 4-10"), "Phases 4-10");
        assert_eq!(cell("Phase 2"), "Phase 2");
        assert_eq!(cell("v4 Phase10"), "v4 Phase10");
    }
}
