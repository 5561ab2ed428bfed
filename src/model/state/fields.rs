//! The names `gsd state get` and `gsd state set` take for STATE.md's fields: one table, so
//! both commands accept the same names (and the same aliases), `--help` and the shell
//! completions list them, and a misspelt name gets a suggestion.

/// One named field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldName {
    /// The name shown in help and messages.
    pub name: &'static str,
    /// Other names for it: the JSON key where it differs, the incumbent's spelling.
    pub aliases: &'static [&'static str],
    /// The JSON paths (`gsd state show --json`) `get` reads, the first with a value wins.
    pub paths: &'static [&'static str],
    /// The label of the STATE.md line `set` changes (for messages).
    pub label: &'static str,
    /// One line for `--help` and completions: what the value is, and what `set` accepts.
    pub about: &'static str,
}

const fn field(
    name: &'static str,
    aliases: &'static [&'static str],
    paths: &'static [&'static str],
    label: &'static str,
    about: &'static str,
) -> FieldName {
    FieldName {
        name,
        aliases,
        paths,
        label,
        about,
    }
}

/// Every field, in the order of a STATE.md.
pub const FIELDS: &[FieldName] = &[
    field(
        "core_value",
        &[],
        &["project_reference.core_value"],
        "Core value",
        "the project's core value (text)",
    ),
    field(
        "current_focus",
        &["focus"],
        &["project_reference.current_focus"],
        "Current focus",
        "what the project works on now (text)",
    ),
    field(
        "project_updated",
        &[],
        &["project_reference.project_updated"],
        "See",
        "the date in `See: .planning/PROJECT.md (updated DATE)` (YYYY-MM-DD)",
    ),
    field(
        "milestone",
        &[],
        &["position.milestone", "frontmatter.milestone"],
        "Milestone",
        "the current milestone (the body's `Milestone:` line, else the frontmatter's)",
    ),
    field(
        "phase",
        &["current_phase"],
        &["position.phase"],
        "Phase",
        "the current phase number (3, 02.1); set: a number keeps `of N` and takes the \
         ROADMAP name, or the whole value `3 of 5 (Name)`",
    ),
    field(
        "phase_total",
        &["total_phases"],
        &["position.phase_total"],
        "Phase",
        "N in `Phase: 2 of N` (a whole number)",
    ),
    field(
        "phase_name",
        &[],
        &["position.phase_name"],
        "Phase",
        "the phase name on the `Phase:` line (text)",
    ),
    field(
        "plan",
        &["current_plan"],
        &["position.plan"],
        "Plan",
        "A in `Plan: A of B`, plans done in the phase (a whole number, or the whole value)",
    ),
    field(
        "plan_total",
        &[],
        &["position.plan_total"],
        "Plan",
        "B in `Plan: A of B` (a whole number)",
    ),
    field(
        "status",
        &[],
        &["position.status"],
        "Status",
        "the status (text; the frontmatter `status:` follows)",
    ),
    field(
        "last_activity",
        &["activity"],
        &["position.last_activity.text"],
        "Last activity",
        "what was done last; set: the text gets today's date, a value starting with a date \
         is written as given",
    ),
    field(
        "last_activity_date",
        &[],
        &["position.last_activity.date"],
        "Last activity",
        "the date of the last activity (YYYY-MM-DD)",
    ),
    field(
        "progress",
        &["percent"],
        &["progress.percent"],
        "Progress",
        "the percent done, 0 to 100 (`40` or `40%`); set redraws the bar",
    ),
    field(
        "plans_completed",
        &["total_plans_completed"],
        &["metrics.plans_completed"],
        "Total plans completed",
        "plans completed in all (a whole number)",
    ),
    field(
        "average_duration",
        &["average_minutes", "average"],
        &["metrics.average_minutes"],
        "Average duration",
        "average time per plan; get: minutes; set: a number keeps the line's unit, or a \
         duration (`6 min`)",
    ),
    field(
        "total_time",
        &["total_hours", "total_execution_time", "execution_time"],
        &["metrics.total_hours"],
        "Total execution time",
        "total time of all plans; get: hours; set: a number keeps the line's unit, or a \
         duration (`2.5 hours`)",
    ),
    field(
        "trend",
        &[],
        &["metrics.trend"],
        "Trend",
        "the recent trend (text)",
    ),
    field(
        "last_session",
        &["session", "last"],
        &["session.last"],
        "Last session",
        "when the last session was (text, usually a timestamp)",
    ),
    field(
        "stopped_at",
        &[],
        &["session.stopped_at"],
        "Stopped at",
        "where work stopped (text)",
    ),
    field(
        "resume_file",
        &["resume"],
        &["session.resume_file"],
        "Resume file",
        "the file to resume from (a path, or None)",
    ),
];

/// The field a user-typed name means: its name or an alias, in any case, with `-` or a
/// space for `_` (`Last-Activity`, `average_minutes`).
pub fn resolve(name: &str) -> Option<&'static FieldName> {
    let n = normalize(name);
    FIELDS
        .iter()
        .find(|f| f.name == n || f.aliases.contains(&n.as_str()))
}

/// `name` as the table spells names: trimmed, lower case, `_` for `-` and spaces.
pub fn normalize(name: &str) -> String {
    name.trim().to_lowercase().replace(['-', ' '], "_")
}

/// The known name closest to a misspelt one (`stauts` → `status`), when one is close enough
/// to be what was meant: at most a third of its letters differ (two at least), or one name
/// starts with the other.
pub fn suggest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let n = normalize(name);
    if n.is_empty() {
        return None;
    }
    known
        .into_iter()
        .map(|k| (edit_distance(&n, k), k))
        .filter(|(d, k)| {
            *d <= (k.chars().count() / 3).max(2)
                || (n.len() >= 3 && (k.starts_with(n.as_str()) || n.starts_with(*k)))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Every name and alias `resolve` accepts.
pub fn all_names() -> impl Iterator<Item = &'static str> {
    FIELDS
        .iter()
        .flat_map(|f| std::iter::once(f.name).chain(f.aliases.iter().copied()))
}

/// The field names alone, comma-separated, for hints.
pub fn names_list() -> String {
    FIELDS.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
}

/// Levenshtein distance over characters, with an adjacent swap counting one (`stauts`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (rows[i - 1][j] + 1)
                .min(row[j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(rows[i - 2][j - 2] + 1);
            }
        }
        rows.push(row);
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_resolve_to_one_field() {
        assert_eq!(resolve("Last-Activity").unwrap().name, "last_activity");
        assert_eq!(resolve("average_minutes").unwrap().name, "average_duration");
        assert_eq!(resolve("total_hours").unwrap().name, "total_time");
        assert!(resolve("velocity").is_none());
    }

    #[test]
    fn every_name_is_unique() {
        let mut all: Vec<&str> = all_names().collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }

    #[test]
    fn misspellings_get_the_near_name() {
        assert_eq!(suggest("stauts", all_names()), Some("status"));
        assert_eq!(suggest("stoped_at", all_names()), Some("stopped_at"));
        assert_eq!(suggest("progres", all_names()), Some("progress"));
        assert_eq!(suggest("velocity", all_names()), None);
    }
}
