//! The progress line: `Progress: [████░░░░░░] 40% (12/22 plans …)` in every bar style real
//! files use (`█░`, `#-`, `#.`, `=`, `▓`, any width, with or without brackets, two bars on one
//! line), a percent (decimal, `~`), and the note after it.

use std::ops::Range;

use crate::model::field::Field;
use crate::model::values::{first_integer, first_number};
use crate::syntax::Doc;

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

/// A bar starting at byte `at` of `value` (bracketed, or a bare run of bar glyphs); the bar
/// with a span relative to `value`, and the byte after it (after `]`).
fn bar_at(value: &str, at: usize) -> Option<(Bar, usize)> {
    let text = value.get(at..)?;
    let bracketed = text.starts_with('[');
    let glyph_start = usize::from(bracketed);
    let run_len: usize = text[glyph_start..]
        .char_indices()
        .find(|&(_, c)| {
            !(FILL_GLYPHS.contains(&c) || EMPTY_GLYPHS.contains(&c)) || (!bracketed && c == ' ')
        })
        .map_or(text.len() - glyph_start, |(i, _)| i);
    let run = &text[glyph_start..glyph_start + run_len];
    let closes = !bracketed || text[glyph_start + run_len..].starts_with(']');
    let has_fill_glyph = run.chars().any(|c| FILL_GLYPHS.contains(&c) || c == '░');
    if run.chars().count() < 3 || !closes || !(bracketed || has_fill_glyph) {
        return None;
    }
    let fill = run
        .chars()
        .find(|c| FILL_GLYPHS.contains(c))
        .unwrap_or(if run.contains('░') { '█' } else { '#' });
    let empty = run
        .chars()
        .find(|c| EMPTY_GLYPHS.contains(c))
        .unwrap_or(if fill == '█' { '░' } else { '-' });
    let bar = Bar {
        span: at + glyph_start..at + glyph_start + run_len,
        filled: run.chars().filter(|c| FILL_GLYPHS.contains(c)).count(),
        width: run.chars().count(),
        fill,
        empty,
    };
    Some((bar, at + glyph_start + run_len + usize::from(bracketed)))
}

/// The digits of a percent right at `at` (after spaces and an optional `~`): `75%`, `~80%`,
/// `65.6%`. The range is relative to `value` and excludes the `%`.
fn percent_at(value: &str, at: usize) -> Option<Range<usize>> {
    let tail = value.get(at..)?;
    let (_, r) = first_number(tail)?;
    let before = tail[..r.start].trim().trim_start_matches(['~', '≈']).trim();
    (before.is_empty() && tail[r.end..].starts_with('%')).then(|| at + r.start..at + r.end)
}

/// The first bar after `from` that is not full, else the last full one (see
/// [`ProgressLine::parse`]); `None` when the line has no second bar.
fn milestone_bar(value: &str, from: usize) -> Option<Bar> {
    let bars: Vec<Bar> = value[from..]
        .match_indices('[')
        .filter_map(|(i, _)| bar_at(value, from + i).map(|(b, _)| b))
        .collect();
    bars.iter()
        .find(|b| b.filled < b.width)
        .or(bars.last())
        .cloned()
}

const FILL_GLYPHS: &[char] = &['█', '#', '=', '▓', '■', '●', '▰'];
const EMPTY_GLYPHS: &[char] = &['░', '-', '.', ' ', '□', '○', '▱', '▒', '_'];

impl ProgressLine {
    pub fn parse(doc: &Doc, field: Field) -> ProgressLine {
        let base = field.value.start;
        let value = field.value(doc);
        let abs = |r: Range<usize>| base + r.start..base + r.end;
        let mut bar = None;
        // A bar in inline code (`` `[█████░░░] 28%` `` in a table cell) is still the bar.
        let mut cursor = value.len() - value.trim_start_matches('`').len();
        if let Some((b, end)) = bar_at(value, cursor) {
            bar = Some(b);
            cursor = end;
        }
        let mut percent = percent_at(value, cursor);
        if let Some(p) = &percent {
            cursor = p.end + 1;
        } else if bar.is_some() {
            // Two bars on one line (`[====] v1.0 complete | v1.1 [████░░] 64%`): the bar that
            // carries the percent is the one the line reports.
            let second = value[cursor..]
                .match_indices('[')
                .map(|(i, _)| cursor + i)
                .find_map(|at| {
                    let (b, end) = bar_at(value, at)?;
                    Some((b, percent_at(value, end)?))
                });
            if let Some((b, p)) = second {
                bar = Some(b);
                cursor = p.end + 1;
                percent = Some(p);
            } else if let Some(current) = bar
                .as_ref()
                .filter(|b| b.filled == b.width)
                .and_then(|_| milestone_bar(value, cursor))
            {
                // One bar per milestone and no percent (`[####] v1.0 | [##░░] v2.0`): the
                // current milestone's bar is the first one not full, else the last.
                bar = Some(current);
            }
        }
        // `[####] 41/41 plans (100%)`, `1/6 phases (17%)`: the percent after the counts.
        if percent.is_none() {
            percent = value[cursor..].match_indices('%').find_map(|(i, _)| {
                let at = cursor + i;
                let start = value[..at]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
                    .map_or(0, |(j, c)| j + c.len_utf8());
                let opens = value[..start].ends_with(['(', ' ', '~']) || start == cursor;
                (start < at && opens && value[start..at].parse::<f64>().is_ok())
                    .then_some(start..at)
            });
        }
        // The closing backtick of an inline-code value is no note.
        let rest = &value[cursor..];
        let inner = rest.trim().trim_end_matches('`').trim_end();
        let note = (!inner.is_empty()).then(|| {
            let lead = rest.len() - rest.trim_start().len();
            abs(cursor + lead..cursor + lead + inner.len())
        });
        ProgressLine {
            field,
            bar: bar.map(|b| Bar {
                span: abs(b.span),
                ..b
            }),
            percent: percent.map(abs),
            note,
        }
    }

    /// The percent as written, decimals included (`65.6%` → 65.6).
    pub fn percent_number(&self, doc: &Doc) -> Option<f64> {
        doc.text(self.percent.clone()?).parse().ok()
    }

    /// The percent as a number.
    pub fn percent_value(&self, doc: &Doc) -> Option<u64> {
        doc.text(self.percent.clone()?).parse().ok()
    }

    /// Whether the note counts a share with decimals (`2.75/5 phases`): phases done plus a
    /// fraction of the current one, a figure [`Self::note_counts`] does not read.
    pub fn note_has_share(&self, doc: &Doc) -> bool {
        let Some(note) = self.note.clone() else {
            return false;
        };
        let text = doc.text(note);
        text.match_indices('/')
            .any(|(i, _)| ends_in_decimal(&text[..i]))
    }

    /// `Phase 4: 2/10 = 22/31 total plans`: a second count the note sets equal to its first
    /// (` = ` right after it), the same plans counted over a wider scope.
    pub fn note_equal_counts(&self, doc: &Doc) -> Option<NoteCounts> {
        let first = self.note_counts(doc)?;
        let note = self.note.clone()?;
        let rest_at = first.total.1.end;
        let rest = doc.text(rest_at..note.end);
        let eq = rest.strip_prefix(" = ")?;
        let at = rest_at + (rest.len() - eq.len());
        let (done, dr) = first_integer(eq).filter(|(_, r)| r.start == 0)?;
        let after = eq[dr.end..].strip_prefix('/')?;
        let (total, tr) = first_integer(after).filter(|(_, r)| r.start == 0)?;
        let t0 = at + dr.end + 1;
        Some(NoteCounts {
            done: (done, at..at + dr.end),
            total: (total, t0..t0 + tr.end),
            unit: NoteUnit::Plans,
        })
    }

    /// The first `N/M` (or `N of M`) count in the note, and what it counts: `phases` when the
    /// word after it says so, `plans` when the note speaks of plans.
    pub fn note_counts(&self, doc: &Doc) -> Option<NoteCounts> {
        let note = self.note.clone()?;
        let text = doc.text(note.clone());
        let lower = text.to_lowercase();
        let (slash, sep_len) = [("/", 1), (" of ", 4)]
            .iter()
            .filter_map(|(sep, len)| {
                lower.match_indices(sep).find_map(|(i, _)| {
                    let before = text[..i].chars().next_back()?;
                    let after = text[i + len..]
                        .trim_start_matches(['~', '≈'])
                        .chars()
                        .next()?;
                    (before.is_ascii_digit() && after.is_ascii_digit()).then_some((i, *len))
                })
            })
            .min_by_key(|(i, _)| *i)?;
        let before = &text[..slash];
        let done_start = before.rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        // `2.75/5 phases`: a share of phases, not a count this parser can move.
        if ends_in_decimal(before) {
            return None;
        }
        let done: u64 = before[done_start..].parse().ok()?;
        let after = &text[slash + sep_len..];
        // `10/~20 plans estimated`: an estimated total.
        let approx = after.len() - after.trim_start_matches(['~', '≈']).len();
        let (total, r) = first_integer(&after[approx..]).filter(|(_, r)| r.start == 0)?;
        let r = r.start + approx..r.end + approx;
        // `0/4 v4.0 phases`, `2/5 milestone plans`: the unit after a milestone qualifier.
        let word = after[r.end..]
            .split_whitespace()
            .skip_while(|w| is_milestone_qualifier(w))
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        // `2/4 phases`, but `1/8 phase plans` and `1/2 Phase 14 plans` count plans.
        let words: Vec<&str> = word.split_whitespace().take(3).collect();
        let of_phase = match words.as_slice() {
            [_, w, ..] if w.starts_with("plan") => true,
            [_, n, w] => n.starts_with(|c: char| c.is_ascii_digit()) && w.starts_with("plan"),
            _ => false,
        };
        let phases = word.starts_with("phase") && !of_phase;
        let unit = if phases {
            NoteUnit::Phases
        } else if word.starts_with("plan") || lower.contains("plan") {
            NoteUnit::Plans
        } else {
            return None;
        };
        let t0 = note.start + slash + sep_len;
        Some(NoteCounts {
            done: (done, note.start + done_start..note.start + slash),
            total: (total, t0..t0 + r.end),
            unit,
        })
    }
}

/// Whether `text` ends in a number with a decimal part (`… 2.75`).
fn ends_in_decimal(text: &str) -> bool {
    let whole = text.trim_end_matches(|c: char| c.is_ascii_digit());
    whole.len() < text.len()
        && whole
            .strip_suffix('.')
            .is_some_and(|w| w.ends_with(|c: char| c.is_ascii_digit()))
}

/// `v4.0`, `v2`, `milestone`: a word that says which milestone a count is of, not what it
/// counts.
fn is_milestone_qualifier(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let version = lower.strip_prefix('v').is_some_and(|v| {
        v.starts_with(|c: char| c.is_ascii_digit())
            && v.chars().all(|c| c.is_ascii_digit() || c == '.')
    });
    version || lower == "milestone"
}

/// How many of `width` glyphs a bar for `percent` fills: the nearest whole glyph, except that
/// a bar is full only at 100% and empty only at 0% (97% of ten glyphs is nine, 4% is one: a
/// bar never looks done, or untouched, when it is not). The one rule for drawing a bar
/// (`complete`, `check --fix`, the dashboard) and for checking one.
pub fn filled_glyphs(width: usize, percent: f64) -> usize {
    let p = percent.clamp(0.0, 100.0);
    let nearest = ((p * width as f64 / 100.0).round() as usize).min(width);
    if width >= 2 && p > 0.0 && p < 100.0 {
        nearest.clamp(1, width - 1)
    } else {
        nearest
    }
}

/// `Phase 6: 3/4 plans` → phase 6: the phase a progress note is scoped to, when it names one
/// right before its counts (`Phase 6: 3/4`, `Phase 6 — 3/4`, `Phase 6 (3/4)`) or right after
/// them as the owner of the plans counted (`1/2 Phase 14 plans complete`).
pub fn note_phase(note: &str) -> Option<crate::model::ids::PhaseNum> {
    let lower = note.to_ascii_lowercase();
    let at = lower.find("phase ")?;
    let rest = &note[at + 6..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(rest.len());
    let after = rest[end..].trim_start();
    // `1/2 Phase 14 plans complete`: the phase's plans, counted before it is named.
    let counted = note[..at].split_whitespace().next_back().is_some_and(|w| {
        w.split_once('/').is_some_and(|(d, t)| {
            !d.is_empty()
                && !t.is_empty()
                && d.chars().all(|c| c.is_ascii_digit())
                && t.chars().all(|c| c.is_ascii_digit())
        })
    });
    let plans_follow = after.to_ascii_lowercase().starts_with("plan") && counted;
    let counts_follow = plans_follow
        || after.starts_with([':', '—', '-', '('])
            && after
                .trim_start_matches([':', '—', '-', '(', ' '])
                .starts_with(|c: char| c.is_ascii_digit());
    counts_follow
        .then(|| crate::model::ids::PhaseNum::parse(rest[..end].trim_end_matches('.')))
        .flatten()
}

impl ProgressLine {
    /// The phase the line's note is scoped to (`(Phase 6: 3/4 plans)`), when it names one.
    pub fn note_phase(&self, doc: &Doc) -> Option<crate::model::ids::PhaseNum> {
        note_phase(doc.text(self.note.clone()?))
    }
}

/// What a progress note's `N/M` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteUnit {
    Plans,
    Phases,
}

/// A progress note's `N/M`: done and total with their ranges, and the unit.
#[derive(Debug, Clone)]
pub struct NoteCounts {
    pub done: Count,
    pub total: Count,
    pub unit: NoteUnit,
}
