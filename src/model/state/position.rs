//! Project reference and current position of a STATE.md (the progress line is in
//! [`super::progress`], re-exported here).

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::field::Field;
use crate::model::ids::{PhaseNum, PlanId};
use crate::model::values::{find_date, first_integer, leading_date, strip_prefix_ci};
use crate::syntax::Doc;

pub use super::progress::{Bar, Count, ProgressLine};

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
    /// Builds the reference from fields already located (the see-line's date is read here).
    pub fn from_fields(
        doc: &Doc,
        see: Option<Field>,
        core_value: Option<Field>,
        current_focus: Option<Field>,
    ) -> Reference {
        let project_updated = see.as_ref().and_then(|f| {
            let v = f.value(doc);
            find_date(v).map(|(d, r)| (d, f.value.start + r.start..f.value.start + r.end))
        });
        Reference {
            see,
            project_updated,
            core_value,
            current_focus,
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
    /// A status written on the line: `— EXECUTING`, `- COMPLETE`, `(complete)`.
    pub status: Option<Range<usize>>,
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
            if let Some((word, of)) = strip_of(t)
                && let Some((_, r)) = first_integer(of).filter(|(_, r)| r.start == 0)
            {
                let start = after + skipped + word;
                total = Some(base + start..base + start + r.end);
                after = start + r.end;
            }
            // A closing backtick or bold marker after the number: `` `124` — Name ``.
            after += value[after..].len() - value[after..].trim_start_matches(['`', '*']).len();
            name = name_after(value, after);
        }
        // `31 of 31 in progress (Quote PDF Templates)`: a status word, then the name.
        let mut status = None;
        if name.is_none()
            && let Some(after) = total.as_ref().or(number.as_ref()).map(|r| r.end - base)
        {
            let tail = &value[after..];
            if let Some(open) = tail.find(" (") {
                let words = tail[..open].trim();
                if !words.is_empty() && is_status_word(words) {
                    let lead = tail.len() - tail.trim_start().len();
                    status = Some(after + lead..after + lead + words.len());
                    name = name_after(value, after + open);
                }
            }
        }
        // A parenthetical or trailing word that is a status is not the name: `28 (all
        // complete)`, `1 of 5 (Foundation) — COMPLETE`.
        if let Some(n) = name.clone()
            && is_status_word(&value[n.clone()])
        {
            status = Some(n);
            name = None;
        }
        // `(App Store Prep - IN PROGRESS)`: a status after a dash inside the name.
        if status.is_none()
            && let Some(n) = name.clone()
        {
            let text = &value[n.clone()];
            let split = [" — ", " -- ", " - ", " – "]
                .iter()
                .filter_map(|sep| text.rfind(sep).map(|i| (i, sep.len())))
                .max_by_key(|(i, _)| *i);
            if let Some((i, len)) = split
                && is_status_word(&text[i + len..])
            {
                status = Some(n.start + i + len..n.end);
                name = Some(n.start..n.start + i);
            }
        }
        if status.is_none() {
            let from = name
                .as_ref()
                .map(|n| n.end)
                .or(total.as_ref().map(|t| t.end - base))
                .or(number.as_ref().map(|n| n.end - base));
            if let Some(from) = from {
                status = trailing_status(value, from);
            }
        }
        let abs = |r: Range<usize>| base + r.start..base + r.end;
        PhaseLine {
            field,
            number,
            total,
            name: name.map(abs),
            status: status.map(abs),
        }
    }

    /// The status written on the line, if any.
    pub fn status<'a>(&self, doc: &'a Doc) -> Option<&'a str> {
        self.status.clone().map(|r| doc.text(r))
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
pub fn matching_paren(text: &str) -> Option<usize> {
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

/// `of M` in English and the localised forms (`de`, `von`, `sur`): the bytes to skip and the
/// text after them.
fn strip_of(text: &str) -> Option<(usize, &str)> {
    [" of ", " de ", " von ", " sur "]
        .iter()
        .find_map(|w| text.strip_prefix(w).map(|rest| (w.len(), rest)))
}

/// Whether a short text is a status rather than a name: `complete`, `All complete`,
/// `EXECUTING`, `in progress`, `complete — all 2 plans done`, `✅ Complete`.
pub fn is_status_word(text: &str) -> bool {
    let t = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    const WORDS: &[&str] = &[
        "complete",
        "completed",
        "all complete",
        "done",
        "all done",
        "in progress",
        "in-progress",
        "executing",
        "planning",
        "planned",
        "pending",
        "not started",
        "blocked",
        "paused",
        "verifying",
        "verified",
        "shipped",
        "closed",
    ];
    let lead = WORDS.iter().any(|w| {
        t.strip_prefix(w).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.is_empty() || rest.starts_with(['—', '-', '–', ',', ';', '(', ':', '.'])
        })
    });
    // A short text ending in a status word: `v1.5 COMPLETE`, `Milestone Complete`.
    let short_tail = t.split_whitespace().count() <= 3
        && WORDS
            .iter()
            .any(|w| t.trim_end_matches(['.', '!']).ends_with(&format!(" {w}")));
    lead || short_tail
}

/// The dashes the files write between a value and what follows it (`DATE — text`,
/// `Name - COMPLETE`), with their spaces.
pub const DASH_SEPARATORS: [&str; 4] = [" — ", " -- ", " - ", " – "];

/// A status after the name: the first ` — X` / ` - X` / ` -- X` / `(X)` whose text is a
/// status word. Returns its range relative to `value`.
fn trailing_status(value: &str, from: usize) -> Option<Range<usize>> {
    let tail = value.get(from..)?;
    let mut candidates: Vec<usize> = Vec::new();
    for sep in DASH_SEPARATORS {
        candidates.extend(tail.match_indices(sep).map(|(i, m)| i + m.len()));
    }
    candidates.extend(tail.match_indices('(').map(|(i, _)| i + 1));
    candidates.extend(tail.match_indices(") ").map(|(i, _)| i + 2));
    candidates.sort_unstable();
    candidates.into_iter().find_map(|start| {
        // Start at the first word: `) - COMPLETE` reads `COMPLETE`.
        let text = &tail[start..];
        let start = start + text.len() - text.trim_start_matches([' ', '-', '–', '—']).len();
        let text = &tail[start..];
        let end = text
            .find([')', '(', '—', '*'])
            .or_else(|| text.find(" - "))
            .unwrap_or(text.len());
        let piece = text[..end].trim_end();
        (!piece.is_empty() && is_status_word(piece))
            .then(|| from + start..from + start + piece.len())
    })
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
            let total_start = if let Some((w, t)) = strip_of(after) {
                Some((tok_len + w, t))
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
            } else if after.to_ascii_lowercase().starts_with(" plan") && !token.contains(['-', '.'])
            {
                // `8 plans in 5 waves`: the phase's size, not a count of plans done.
                total = done.take();
            }
        }
        PlanLine { field, done, total }
    }

    /// `Plan: 02-01 + 02-02 complete`: the plans a list of ids names, when the line's first
    /// id is followed by at least one more (`+ 02-02`, `, 02-02 and 02-03`).
    pub fn done_list(&self, doc: &Doc) -> Option<DoneList> {
        const SEPARATORS: [&str; 5] = [" + ", ", ", " & ", " and ", "+"];
        let done = self.done.clone()?;
        let mut ids = vec![PlanId::parse(doc.text(done.clone()))?];
        let after = doc.text(done.end..self.field.value.end);
        let (mut at, mut separator) = (0, None);
        while let Some(sep) = SEPARATORS.iter().find(|s| after[at..].starts_with(**s)) {
            let rest = &after[at + sep.len()..];
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
                .unwrap_or(rest.len());
            let Some(id) = PlanId::parse(&rest[..len]) else {
                break;
            };
            ids.push(id);
            separator.get_or_insert(*sep);
            at += sep.len() + len;
        }
        Some(DoneList {
            ids,
            separator: separator?,
            end: done.end + at,
        })
    }

    /// The number of completed plans the line states (`07-02` → 2), when it states one.
    pub fn done_count(&self, doc: &Doc) -> Option<u64> {
        let t = doc.text(self.done.clone()?);
        match t.rsplit_once('-') {
            Some((_, plan)) => plan.parse().ok(),
            None => t.parse().ok(),
        }
    }

    /// The plan id when the line names one (`07-02 of 2` → `07-02`).
    pub fn plan_id<'a>(&self, doc: &'a Doc) -> Option<&'a str> {
        let t = doc.text(self.done.clone()?);
        crate::model::ids::PlanId::parse(t).map(|_| t)
    }

    /// The total the line states, when it is a number.
    pub fn total_count(&self, doc: &Doc) -> Option<u64> {
        doc.text(self.total.clone()?).parse().ok()
    }
}

/// A `Plan:` value that lists plans by id (`02-01 + 02-02 complete`).
#[derive(Debug, Clone)]
pub struct DoneList {
    /// The plans named, in the order written.
    pub ids: Vec<PlanId>,
    /// The separator between the first two (` + `, `, `).
    pub separator: &'static str,
    /// Where the last id ends (a byte offset in the document).
    pub end: usize,
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
    for sep in DASH_SEPARATORS.into_iter().chain([": ", " —", " "]) {
        if tail.starts_with(sep) {
            return sep.len();
        }
    }
    0
}
