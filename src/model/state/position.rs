//! Project reference, current position and progress of a STATE.md.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::field::{Field, find_field};
use crate::model::ids::PhaseNum;
use crate::model::values::{find_date, first_integer, leading_date, strip_prefix_ci};
use crate::syntax::Doc;

/// `See: .planning/PROJECT.md (updated DATE)`, `**Core value:**`, `**Current focus:**`.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub see: Option<Field>,
    /// The date in the see-line, with its absolute range.
    pub project_updated: Option<(NaiveDate, Range<usize>)>,
    pub core_value: Option<Field>,
    pub current_focus: Option<Field>,
}

impl Reference {
    pub fn parse(doc: &Doc, lines: Range<usize>) -> Reference {
        let see = find_field(doc, lines.clone(), &["see"]);
        let project_updated = see.as_ref().and_then(|f| {
            let v = f.value(doc);
            find_date(v).map(|(d, r)| (d, f.value.start + r.start..f.value.start + r.end))
        });
        Reference {
            see,
            project_updated,
            core_value: find_field(doc, lines.clone(), &["core value"]),
            current_focus: find_field(doc, lines, &["current focus"]),
        }
    }
}

/// The `Phase:` line: `2 of 5 (Name)`, `7 - Name`, `02.1`, `12A — EXECUTING`, free text.
#[derive(Debug, Clone)]
pub struct PhaseLine {
    pub field: Field,
    /// The phase number's range, when the value starts with one.
    pub number: Option<Range<usize>>,
    /// The `of M` total's range.
    pub total: Option<Range<usize>>,
    /// The phase name's range (inside the parentheses or after the separator).
    pub name: Option<Range<usize>>,
}

impl PhaseLine {
    pub fn parse(doc: &Doc, field: Field) -> PhaseLine {
        let base = field.value.start;
        let value = field.value(doc);
        // Skip decoration and a repeated word: `**27.2 — …`, `` `124` ``, `Phase 23 — 完成`.
        let mut pos = value.len() - value.trim_start_matches(['*', '`', ' ']).len();
        if strip_prefix_ci(&value[pos..], "phase ").is_some() {
            pos += 6;
        }
        let rest = &value[pos..];
        let num_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .unwrap_or(rest.len());
        let num_text = rest[..num_len].trim_end_matches('.');
        let number = PhaseNum::parse(num_text)
            .filter(|_| !num_text.is_empty())
            .map(|_| base + pos..base + pos + num_text.len());
        let mut total = None;
        let mut name = None;
        if let Some(num) = &number {
            let mut after = num.end - base;
            let tail = &value[after..];
            let t = tail.trim_start_matches(['`', '*']);
            let skipped = tail.len() - t.len();
            if let Some(of) = t.strip_prefix(" of ")
                && let Some((_, r)) = first_integer(of).filter(|(_, r)| r.start == 0)
            {
                let start = after + skipped + 4;
                total = Some(base + start..base + start + r.end);
                after = start + r.end;
            }
            name = name_after(value, after).map(|r| base + r.start..base + r.end);
        }
        PhaseLine {
            field,
            number,
            total,
            name,
        }
    }

    pub fn number<'a>(&self, doc: &'a Doc) -> Option<&'a str> {
        self.number.clone().map(|r| doc.text(r))
    }
}

/// A name after a phase number: `(Name)` or `— Name` / `- Name` / `-- Name` / `: Name`.
fn name_after(value: &str, from: usize) -> Option<Range<usize>> {
    let tail = &value[from..];
    let trimmed = tail.trim_start();
    let start = from + tail.len() - trimmed.len();
    if let Some(inner) = trimmed.strip_prefix('(') {
        let close = matching_paren(inner)?;
        let name = &inner[..close];
        let lead = name.len() - name.trim_start().len();
        return (!name.trim().is_empty())
            .then(|| start + 1 + lead..start + 1 + lead + name.trim().len());
    }
    for sep in ["—", "--", "-", "–", ":"] {
        if let Some(after) = trimmed.strip_prefix(sep) {
            let name_text = after.trim_start();
            let s = start + sep.len() + after.len() - name_text.len();
            // Stop at a trailing status separator or parenthesis.
            let end_rel = [" — ", " -- ", " - ", " ("]
                .iter()
                .filter_map(|m| name_text.find(m))
                .min()
                .unwrap_or(name_text.len());
            let name_trim = name_text[..end_rel].trim_end().trim_end_matches('*');
            return (!name_trim.is_empty()).then(|| s..s + name_trim.len());
        }
    }
    None
}

/// The index of the `)` closing an already-opened parenthesis.
fn matching_paren(text: &str) -> Option<usize> {
    let mut depth = 1usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The `Plan:` line: `1 of 2`, `01 of 04 complete`, `07-02 of 2`, `0 of TBD`, `8/8 complete`.
#[derive(Debug, Clone)]
pub struct PlanLine {
    pub field: Field,
    /// The completed-count token (`1`, `01`, `07-02`).
    pub done: Option<Range<usize>>,
    /// The total token (`2`, `TBD`, `?`).
    pub total: Option<Range<usize>>,
}

impl PlanLine {
    pub fn parse(doc: &Doc, field: Field) -> PlanLine {
        let base = field.value.start;
        let value = field.value(doc);
        let lead = value.len() - value.trim_start_matches(['*', '`']).len();
        let rest = &value[lead..];
        let tok_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
            .unwrap_or(rest.len());
        let token = &rest[..tok_len];
        let looks_like_count = !token.is_empty()
            && token.starts_with(|c: char| c.is_ascii_digit())
            && token
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == '.');
        let mut done = None;
        let mut total = None;
        if looks_like_count {
            done = Some(base + lead..base + lead + tok_len);
            let after = &rest[tok_len..];
            let total_start = if let Some(t) = after.strip_prefix(" of ") {
                Some((tok_len + 4, t))
            } else {
                after.strip_prefix('/').map(|t| (tok_len + 1, t))
            };
            if let Some((offset, t)) = total_start {
                let len = t
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '?'))
                    .unwrap_or(t.len());
                if len > 0 {
                    total = Some(base + lead + offset..base + lead + offset + len);
                }
            }
        }
        PlanLine { field, done, total }
    }

    /// The number of completed plans the line states (`07-02` → 2), when it states one.
    pub fn done_count(&self, doc: &Doc) -> Option<u64> {
        let t = doc.text(self.done.clone()?);
        match t.rsplit_once('-') {
            Some((_, plan)) => plan.parse().ok(),
            None => t.parse().ok(),
        }
    }

    /// The total the line states, when it is a number.
    pub fn total_count(&self, doc: &Doc) -> Option<u64> {
        doc.text(self.total.clone()?).parse().ok()
    }
}

/// `Last activity: DATE — text` in any separator style.
#[derive(Debug, Clone)]
pub struct ActivityLine {
    pub field: Field,
    pub date: Option<(NaiveDate, Range<usize>)>,
    /// The separator between date and text (` — `, ` - `, ` -- `), as written.
    pub separator: Option<Range<usize>>,
    /// The text after the separator (or the whole value without a leading date).
    pub text: Option<Range<usize>>,
}

impl ActivityLine {
    pub fn parse(doc: &Doc, field: Field) -> ActivityLine {
        let base = field.value.start;
        let value = field.value(doc);
        let abs = |r: Range<usize>| base + r.start..base + r.end;
        if let Some((date, r)) = leading_date(value) {
            let tail = &value[r.end..];
            let sep_len = separator_len(tail);
            let text_start = r.end + sep_len;
            let text = (text_start < value.len()).then(|| abs(text_start..value.len()));
            ActivityLine {
                date: Some((date, abs(r.clone()))),
                separator: (sep_len > 0).then(|| abs(r.end..r.end + sep_len)),
                text,
                field,
            }
        } else {
            let date = find_date(value).map(|(d, r)| (d, abs(r)));
            ActivityLine {
                date,
                separator: None,
                text: (!value.is_empty()).then(|| abs(0..value.len())),
                field,
            }
        }
    }
}

/// The length of a ` — ` / ` - ` / ` -- ` / ` – ` / `: ` / ` ` separator at the start of `tail`.
pub fn separator_len(tail: &str) -> usize {
    for sep in [" — ", " -- ", " - ", " – ", ": ", " —", " "] {
        if tail.starts_with(sep) {
            return sep.len();
        }
    }
    0
}

/// A count read from text and the range of its digits.
pub type Count = (u64, Range<usize>);

/// `Progress: [████░░░░░░] 40% (note)`.
#[derive(Debug, Clone)]
pub struct ProgressLine {
    pub field: Field,
    pub bar: Option<Bar>,
    /// The digits of the percent (without `%`).
    pub percent: Option<Range<usize>>,
    /// Text after the percent (or after the bar when there is no percent), trimmed.
    pub note: Option<Range<usize>>,
}

/// A progress bar: the glyph run (inside brackets when bracketed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub span: Range<usize>,
    /// Glyphs counted as filled.
    pub filled: usize,
    /// All glyphs.
    pub width: usize,
    pub fill: char,
    pub empty: char,
}

const FILL_GLYPHS: &[char] = &['█', '#', '=', '▓', '■', '●', '▰'];
const EMPTY_GLYPHS: &[char] = &['░', '-', '.', ' ', '□', '○', '▱', '▒', '_'];

impl ProgressLine {
    pub fn parse(doc: &Doc, field: Field) -> ProgressLine {
        let base = field.value.start;
        let value = field.value(doc);
        let mut bar = None;
        let mut cursor = 0;
        let bracketed = value.starts_with('[');
        let glyph_start = usize::from(bracketed);
        let run_len: usize = value[glyph_start..]
            .char_indices()
            .find(|&(_, c)| {
                !(FILL_GLYPHS.contains(&c) || EMPTY_GLYPHS.contains(&c)) || (!bracketed && c == ' ')
            })
            .map_or(value.len() - glyph_start, |(i, _)| i);
        let run = &value[glyph_start..glyph_start + run_len];
        let closes = !bracketed || value[glyph_start + run_len..].starts_with(']');
        let has_fill_glyph = run.chars().any(|c| FILL_GLYPHS.contains(&c) || c == '░');
        if run.chars().count() >= 3 && closes && (bracketed || has_fill_glyph) {
            let fill = run
                .chars()
                .find(|c| FILL_GLYPHS.contains(c))
                .unwrap_or(if run.contains('░') { '█' } else { '#' });
            let empty = run
                .chars()
                .find(|c| EMPTY_GLYPHS.contains(c))
                .unwrap_or(if fill == '█' { '░' } else { '-' });
            bar = Some(Bar {
                span: base + glyph_start..base + glyph_start + run_len,
                filled: run.chars().filter(|c| FILL_GLYPHS.contains(c)).count(),
                width: run.chars().count(),
                fill,
                empty,
            });
            cursor = glyph_start + run_len + usize::from(bracketed);
        }
        let mut percent = None;
        let tail = &value[cursor..];
        if let Some((_, r)) = first_integer(tail) {
            let before = tail[..r.start].trim();
            let followed = tail[r.end..].starts_with('%');
            if followed && before.is_empty() {
                percent = Some(base + cursor + r.start..base + cursor + r.end);
                cursor += r.end + 1;
            }
        }
        let rest = &value[cursor..];
        let note = (!rest.trim().is_empty()).then(|| {
            let lead = rest.len() - rest.trim_start().len();
            base + cursor + lead..base + cursor + lead + rest.trim().len()
        });
        ProgressLine {
            field,
            bar,
            percent,
            note,
        }
    }

    /// The percent as a number.
    pub fn percent_value(&self, doc: &Doc) -> Option<u64> {
        doc.text(self.percent.clone()?).parse().ok()
    }

    /// `(12/22 plans …)` in the note: completed and total plan counts with their ranges.
    pub fn plan_counts(&self, doc: &Doc) -> Option<(Count, Count)> {
        let note = self.note.clone()?;
        let text = doc.text(note.clone());
        let lower = text.to_lowercase();
        if !lower.contains("plan") {
            return None;
        }
        let slash = text.find('/')?;
        let before = &text[..slash];
        let done_start = before.rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        let done: u64 = before[done_start..].parse().ok()?;
        let after = &text[slash + 1..];
        let (total, r) = first_integer(after).filter(|(_, r)| r.start == 0)?;
        Some((
            (done, note.start + done_start..note.start + slash),
            (
                total,
                note.start + slash + 1..note.start + slash + 1 + r.end,
            ),
        ))
    }
}
