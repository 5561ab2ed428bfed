//! Where a validated requirement goes and how it is written: the Validated group (the one of
//! its version, the file's unversioned one, or a new `### Validated (v1.1)` beside the other
//! versioned groups), and the entry in that group's notation, copied from its validated
//! neighbours: bullet and marker (`- ✓`, `- [x]`, `1.`), suffix form (` — Phase 3`,
//! ` — v1.1`, ` (validated in Phase 3)`), or a table row with the group's columns.
//!
//! [`super::project_validate`] finds the requirement and removes it from Active; this module
//! only computes the insertion.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::project::{ProjectDoc, RequirementGroup, RequirementKind};
use crate::model::project_items::{Suffix, SuffixKind, marker_len, suffix};
use crate::model::state::Item;
use crate::model::state::context::list_marker;
use crate::ops::insert::{
    eol_of, first_in_section, insert_after_line, insert_before_line, item_end, replace_line,
};
use crate::ops::project_error;
use crate::ops::project_validate_rows::{filled_when_column, row_texts, table_start};
use crate::ops::style::row_like;
use crate::syntax::{Doc, LineKind};

/// The requirement being validated.
pub(crate) struct Source<'a> {
    /// Its group in [`ProjectDoc::requirement_groups`].
    pub group: usize,
    pub item: &'a Item,
    pub phase: Option<&'a str>,
    pub version: Option<&'a str>,
    /// STATE.md's current phase, named in the hint when a phase is needed and not given.
    pub state_phase: Option<String>,
}

/// Which Validated group receives the requirement.
enum Target {
    Group(usize),
    /// A new `### Validated` (with its version) group.
    New(Option<String>),
}

/// The edit that adds `src`'s requirement to Validated, and the text it writes (first line).
pub(crate) fn insertion(p: &ProjectDoc, src: &Source) -> Result<(Edit, String), UserError> {
    let groups = &p.requirement_groups;
    let doc = &p.doc;
    let from = &groups[src.group];
    let want_version = src
        .version
        .map(str::to_string)
        .or_else(|| from.version.as_deref().and_then(version_token));
    let validated: Vec<usize> = (0..groups.len())
        .filter(|&i| groups[i].kind == RequirementKind::Validated && groups[i].status_col.is_none())
        .collect();
    let target = choose(groups, &validated, want_version.as_deref())?;
    // The neighbours whose notation is copied: the target's own items, else every validated
    // requirement in the file.
    let own: Vec<&Item> = match &target {
        Target::Group(i) => top_level(&groups[*i]).collect(),
        Target::New(_) => Vec::new(),
    };
    let neighbours: Vec<&Item> = if own.is_empty() {
        validated
            .iter()
            .flat_map(|&i| top_level(&groups[i]))
            .collect()
    } else {
        own.clone()
    };
    let found = neighbours.iter().rev().find_map(|i| {
        let text = i.main_text(doc);
        let body = &text[marker_len(&text)..];
        suffix(body).map(|s| (s, body.to_string(), *i))
    });
    // Where a refusal points: the neighbour whose suffix needs a value, else the requirement.
    let at = match &found {
        Some((s, _, i)) if i.depth > 0 => {
            let marker = marker_len(doc.text(i.text.clone()));
            doc.source
                .line_col(i.text.start + marker + s.range.start + 1)
        }
        Some((_, _, i)) => (i.line + 1, 1),
        None => (src.item.line + 1, 1),
    };
    let convention = found.map(|(s, body, _)| (s, body));
    let model = neighbours.last().copied();
    // Why a value is needed: a neighbour's suffix, a table's filled Phase column, or (no
    // validated requirement at all) the template's ` — Phase N`. Items that all go without
    // a suffix need none.
    let why = match (&convention, model) {
        (Some((s, body)), _) => Some(format!(
            "writes each validated requirement with what delivered it (`{}`)",
            body[s.range.clone()].trim()
        )),
        (None, Some(m)) if m.depth == 0 => filled_when_column(doc, m.line).map(|col| {
            format!("fills the `{col}` column of each validated requirement")
        }),
        (None, Some(_)) => None,
        (None, None) => Some(
            "has no validated requirement yet, and the GSD template writes one with the phase that delivered it (`- ✓ … — Phase N`)"
                .to_string(),
        ),
    };
    let value = suffix_value(src, convention.as_ref(), want_version.as_deref());
    if let (Some(why), None) = (&why, &value) {
        let at = match model {
            Some(m) if m.depth == 0 => (m.line + 1, 1),
            _ => at,
        };
        return Err(missing_value(p, src, why).at(at.0, at.1));
    }
    let suffix_text = value.as_ref().map(|v| match &convention {
        Some((s, _)) => s.with_value(v),
        None => format!(" — {v}"),
    });
    let lines = entry_lines(
        p,
        src,
        model,
        value.as_deref(),
        suffix_text.as_deref(),
        want_version.as_deref(),
    );
    let first = lines.first().cloned().unwrap_or_default();
    let edit = match target {
        Target::Group(i) => into_group(doc, &groups[i], &lines),
        Target::New(version) => new_group(p, src, &validated, version.as_deref(), &lines),
    };
    Ok((edit, first))
}

/// A group's requirements (nested bullets belong to the item above them).
fn top_level(g: &RequirementGroup) -> impl Iterator<Item = &Item> {
    g.items.iter().filter(|i| i.depth <= 1)
}

/// `v1.0` from a group's version text (`v1.0 — shipped 2026-01-30`, `v1.1`), when it starts
/// with one.
fn version_token(version: &str) -> Option<String> {
    let t = version.trim();
    let end = t
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(t.len());
    let token = t[..end].trim_end_matches('.');
    let digits = token.strip_prefix(['v', 'V']).unwrap_or(token);
    digits
        .starts_with(|c: char| c.is_ascii_digit())
        .then(|| token.to_string())
}

/// Versions compare without their `v` (`v1.1` = `1.1`).
fn same_version(a: &str, b: &str) -> bool {
    let n = |s: &str| s.trim().trim_start_matches(['v', 'V']).to_ascii_lowercase();
    n(a) == n(b)
}

fn choose(
    groups: &[RequirementGroup],
    validated: &[usize],
    version: Option<&str>,
) -> Result<Target, UserError> {
    if let Some(v) = version
        && let Some(&i) = validated.iter().find(|&&i| {
            groups[i]
                .version
                .as_deref()
                .and_then(version_token)
                .is_some_and(|t| same_version(&t, v))
        })
    {
        return Ok(Target::Group(i));
    }
    // `### Validated (Part 1-3)` names no version: it is the file's one list.
    let unversioned: Vec<usize> = validated
        .iter()
        .copied()
        .filter(|&i| {
            groups[i]
                .version
                .as_deref()
                .and_then(version_token)
                .is_none()
        })
        .collect();
    if let Some(&i) = unversioned
        .iter()
        .find(|&&i| !groups[i].items.is_empty())
        .or(unversioned.first())
    {
        return Ok(Target::Group(i));
    }
    match (validated.first(), version) {
        (None, _) => Ok(Target::New(None)),
        (Some(_), Some(v)) => Ok(Target::New(Some(v.to_string()))),
        (Some(&first), None) => Err(project_error(format!(
            "keeps validated requirements by version (`### {}`), and this requirement's version is not known",
            groups[first].title
        ))
        .hint("pass --version V (e.g. --version v1.1): the requirement goes to `### Validated (V)`")),
    }
}

/// The value the suffix carries: what was passed (`--phase 3` → `Phase 3`, `--version
/// v1.1`), else, for a file that writes versions, the Active group's version.
fn suffix_value(
    src: &Source,
    convention: Option<&(Suffix, String)>,
    want_version: Option<&str>,
) -> Option<String> {
    let lower_phase = convention.is_some_and(|(s, body)| s.lower_case_phase(body));
    let versioned = convention.is_some_and(|(s, _)| s.kind == SuffixKind::Version);
    let v_prefixed = convention.is_none_or(|(s, body)| {
        s.kind != SuffixKind::Version || body[s.value.clone()].starts_with(['v', 'V'])
    });
    let version_text = |v: &str| {
        let bare = v.trim().trim_start_matches(['v', 'V']);
        if v_prefixed && bare.starts_with(|c: char| c.is_ascii_digit()) {
            format!("v{bare}")
        } else {
            v.trim().to_string()
        }
    };
    if let Some(phase) = src.phase {
        let word = if lower_phase { "phase" } else { "Phase" };
        return Some(format!("{word} {}", phase.trim()));
    }
    if let Some(v) = src.version {
        return Some(version_text(v));
    }
    (versioned)
        .then_some(want_version)
        .flatten()
        .map(version_text)
}

/// The refusal when the file's notation needs a phase or version and none was given; the
/// hint is a command that works, with STATE.md's current phase when it has one.
fn missing_value(p: &ProjectDoc, src: &Source, why: &str) -> UserError {
    let item = src.item.main_text(&p.doc);
    let hint = match &src.state_phase {
        Some(n) => format!(
            "pass --phase N or --version V; STATE.md is on phase {n}: gsd project validate \"{}\" --phase {n}",
            short(&item)
        ),
        None => "pass --phase N or --version V".to_string(),
    };
    project_error(format!("{why}; which phase or version delivered this one?")).hint(hint)
}

/// The first words of a requirement, for a command line in a hint.
fn short(text: &str) -> String {
    let body = &text[marker_len(text)..];
    let plain = body.replace(['*', '`', '"'], "");
    plain
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The lines of the new entry: a list line, a table row, or (a table row into a group with
/// no table yet) the source table's header and delimiter rows before it.
fn entry_lines(
    p: &ProjectDoc,
    src: &Source,
    model: Option<&Item>,
    value: Option<&str>,
    suffix_text: Option<&str>,
    version: Option<&str>,
) -> Vec<String> {
    let doc = &p.doc;
    let text = src.item.main_text(doc);
    let first = text[marker_len(&text)..].trim_end().to_string();
    let from_table = src.item.depth == 0;
    // A list item's later lines: its paragraph's continuation lines, then nested bullets.
    let later: Vec<usize> = if from_table {
        Vec::new()
    } else {
        (src.item.line + 1..=item_end(doc, src.item.line)).collect()
    };
    let paragraph = later
        .iter()
        .take_while(|&&l| doc.kinds[l] == LineKind::ListContinuation)
        .count();
    // In a table cell the paragraph is one line.
    let joined = || {
        std::iter::once(first.as_str())
            .chain(later[..paragraph].iter().map(|&l| doc.line(l).trim()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let prefix = match model {
        Some(m) if m.depth == 0 => {
            let texts = row_texts(doc, m.line, src.item, &joined(), value, version);
            return vec![row_like(doc, m.line, &texts)];
        }
        None if from_table => {
            let header = table_start(doc, src.item.line);
            let texts = row_texts(doc, src.item.line, src.item, &first, value, version);
            let mut lines = vec![doc.line(header).to_string()];
            if header + 1 < src.item.line && doc.kinds[header + 1] == LineKind::TableDelimiter {
                lines.push(doc.line(header + 1).to_string());
            }
            lines.push(row_like(doc, src.item.line, &texts));
            return lines;
        }
        Some(m) => list_prefix(doc, m),
        None => {
            let line = doc.line(src.item.line);
            let (indent, bullet) = list_marker(line).unwrap_or(("", "-"));
            let bullet = if bullet.ends_with(['.', ')']) {
                "1."
            } else {
                bullet
            };
            format!("{indent}{bullet} ✓ ")
        }
    };
    // The suffix closes the item's paragraph; nested bullets follow it as they were.
    let mut lines = vec![format!("{prefix}{first}")];
    lines.extend(later.iter().map(|&l| doc.line(l).to_string()));
    let last = &mut lines[paragraph];
    let trimmed = last.trim_end().len();
    last.truncate(trimmed);
    push_suffix(last, suffix_text);
    lines
}

/// The start of a list line in `model`'s shape: its indentation and bullet (a numbered list
/// counts on) and its marker (`✓ `, `[x] `, none; an unticked box is ticked).
fn list_prefix(doc: &Doc, model: &Item) -> String {
    let line = doc.line(model.line);
    let (indent, bullet) = list_marker(line).unwrap_or(("", "-"));
    let bullet = match bullet.strip_suffix(['.', ')']) {
        Some(digits) => format!(
            "{}{}",
            digits.parse::<u64>().unwrap_or(0).saturating_add(1),
            &bullet[digits.len()..]
        ),
        None => bullet.to_string(),
    };
    let text = doc.text(model.text.clone());
    let marker = match &text[..marker_len(text)] {
        "[ ] " => "[x] ",
        m => m,
    };
    format!("{indent}{bullet} {marker}")
}

fn push_suffix(out: &mut String, suffix_text: Option<&str>) {
    if let Some(s) = suffix_text
        && !out.ends_with(s)
    {
        out.push_str(s);
    }
}

/// The entry added to an existing group: after its last requirement, in place of its
/// placeholder, or as its first content.
fn into_group(doc: &Doc, g: &RequirementGroup, lines: &[String]) -> Edit {
    if let Some(last) = top_level(g).last() {
        return insert_after_line(doc, item_end(doc, last.line), lines);
    }
    if let Some(p) = g.placeholder {
        return replace_line(doc, p, &lines.join(eol_of(doc, p)));
    }
    let end = doc
        .sections
        .iter()
        .find(|s| s.line == g.heading_line)
        .map_or(doc.kinds.len(), |s| s.own.end);
    first_in_section(
        doc,
        g.heading_line,
        end,
        &lines.join(eol_of(doc, g.heading_line)),
    )
}

/// A new Validated group holding the entry: beside the file's versioned Validated groups in
/// their order (newest first when they run that way, or when there is one), else just
/// above the Active group.
fn new_group(
    p: &ProjectDoc,
    src: &Source,
    validated: &[usize],
    version: Option<&str>,
    lines: &[String],
) -> Edit {
    let doc = &p.doc;
    let groups = &p.requirement_groups;
    let level_of = |line: usize| match doc.kinds[line] {
        LineKind::Heading(l) => usize::from(l),
        _ => 3,
    };
    let anchor = validated.first().copied().unwrap_or(src.group);
    let hashes = "#".repeat(level_of(groups[anchor].heading_line));
    let heading = match version {
        Some(v) => format!("{hashes} Validated ({v})"),
        None => format!("{hashes} Validated"),
    };
    let mut block = vec![heading, String::new()];
    block.extend(lines.iter().cloned());
    let ascending = match (validated.first(), validated.last()) {
        (Some(&a), Some(&b)) if a != b => {
            let v = |i: usize| groups[i].version.as_deref().and_then(version_token);
            matches!((v(a), v(b)), (Some(x), Some(y)) if older(&x, &y))
        }
        _ => false,
    };
    if ascending && let Some(&last) = validated.last() {
        let end = doc
            .sections
            .iter()
            .find(|s| s.line == groups[last].heading_line)
            .map_or(doc.kinds.len(), |s| s.body.end);
        if end < doc.kinds.len() {
            block.push(String::new());
            return insert_before_line(doc, end, &block);
        }
        let last_text = (0..doc.kinds.len())
            .rev()
            .find(|&i| doc.kinds[i] != LineKind::Blank)
            .unwrap_or(0);
        let mut after = vec![String::new()];
        after.extend(block);
        return insert_after_line(doc, last_text, &after);
    }
    block.push(String::new());
    insert_before_line(doc, groups[anchor].heading_line, &block)
}

/// Whether version `a` is older than `b` (`v0.9` < `v1.0` < `v1.10`), numerically by part.
fn older(a: &str, b: &str) -> bool {
    let parts = |s: &str| -> Vec<u64> {
        s.trim_start_matches(['v', 'V'])
            .split('.')
            .map(|p| p.parse().unwrap_or(0))
            .collect()
    };
    parts(a) < parts(b)
}
