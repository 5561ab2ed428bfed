//! What a plan's SUMMARY.md says: its frontmatter `duration`, one-liner, tasks and files.

use crate::source::Source;
use crate::syntax::Doc;

/// What a SUMMARY.md says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummaryInfo {
    /// Frontmatter `duration:` as written (`12min`).
    pub duration: Option<String>,
    /// The one-liner: the first bold line after the title, or the first paragraph.
    pub one_liner: Option<String>,
    /// Tasks done: frontmatter `tasks` / `tasks_completed`, else a `**Tasks:** N` line.
    pub tasks: Option<u64>,
    /// Files touched: the `key-files` frontmatter's `created` and `modified` lists, else a
    /// `**Files modified:** N` line.
    pub files: Option<u64>,
}

/// Reads a SUMMARY.md's duration and one-liner.
pub fn read_summary(source: Source) -> SummaryInfo {
    let doc = Doc::parse(source);
    let duration = doc
        .frontmatter
        .iter()
        .find_map(|fm| fm.get("duration").map(|e| e.value(&doc.source).to_string()))
        .filter(|d| !d.is_empty());
    let from_frontmatter = doc
        .frontmatter
        .iter()
        .find_map(|fm| {
            ["one-liner", "one_liner", "oneliner"]
                .iter()
                .find_map(|k| fm.get(k).map(|e| e.value(&doc.source)))
        })
        .map(|v| v.trim().trim_matches(['"', '\'']).trim().to_string())
        .filter(|v| !v.is_empty());
    let start = doc
        .sections
        .iter()
        .find(|s| s.level == 1)
        .map_or(0, |s| s.line + 1);
    let body_line = doc
        .source
        .line_of(doc.body_from.min(doc.source.text.len().saturating_sub(1)));
    let one_liner = from_frontmatter.or_else(|| {
        (start.max(body_line)..doc.kinds.len())
            .find(|&i| doc.kinds[i] == crate::syntax::LineKind::Text)
            .and_then(|i| one_liner_of(doc.line(i)))
    });
    let yaml = doc.frontmatter.iter().find_map(|fm| fm.yaml.as_ref());
    // `duration_minutes: 7`, at the top or in a `metrics:` block: minutes by name.
    let duration = duration.or_else(|| {
        let y = yaml?;
        let minutes = ["duration_minutes", "duration-minutes"]
            .iter()
            .find_map(|k| {
                y.get(k)
                    .or_else(|| y.get("metrics").and_then(|m| m.get(k)))
                    .and_then(|v| v.as_f64().or_else(|| v.as_str()?.trim().parse().ok()))
            })?;
        Some(format!("{minutes} min"))
    });
    let number = |v: &serde_json::Value| {
        v.as_u64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
    };
    let tasks = yaml
        .and_then(|y| {
            ["tasks", "tasks_completed", "tasks-completed"]
                .iter()
                .find_map(|k| y.get(k).and_then(number))
        })
        .or_else(|| labelled_count(&doc, &["tasks", "tasks completed"]));
    let files = yaml
        .and_then(|y| {
            let kf = y.get("key-files").or_else(|| y.get("key_files"))?;
            let len = |k: &str| kf.get(k).and_then(|v| v.as_array()).map(Vec::len);
            match (len("created"), len("modified")) {
                (None, None) => None,
                (c, m) => Some((c.unwrap_or(0) + m.unwrap_or(0)) as u64),
            }
        })
        .or_else(|| labelled_count(&doc, &["files modified", "files"]));
    SummaryInfo {
        duration,
        one_liner,
        tasks,
        files,
    }
}

/// `**Tasks:** 3` / `- Files modified: 5`: the count after one of `labels` on a body line.
pub(crate) fn labelled_count(doc: &Doc, labels: &[&str]) -> Option<u64> {
    (0..doc.kinds.len()).find_map(|i| {
        let line = doc.line(i).trim_start_matches(['-', '*', ' ']);
        let (label, value) = line.split_once(':')?;
        let label = label.trim_matches(['*', ' ']).to_ascii_lowercase();
        if !labels.contains(&label.as_str()) {
            return None;
        }
        let value = value.trim_start_matches(['*', ' ']);
        let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })
}

/// The one-liner on a SUMMARY's first paragraph line: `**Text**` (the template's bare form),
/// `**One-liner:** Text` (the labelled form: the prose after the label), else the line.
pub(crate) fn one_liner_of(line: &str) -> Option<String> {
    let t = line.trim();
    let text = match t.strip_prefix("**").and_then(|rest| rest.split_once("**")) {
        Some((inner, after)) if inner.trim_end().ends_with(':') => after.trim(),
        Some((inner, after)) if after.trim().is_empty() => inner.trim(),
        _ => t,
    };
    (!text.is_empty()).then(|| text.to_string())
}
