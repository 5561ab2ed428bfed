//! When a plan finished, as its SUMMARY.md records it: the frontmatter's `completed:` (or
//! `completed_at:` / `date:`) date. `gsd check --fix` dates a phase it marks complete with the
//! latest of its plans' dates, never with today's: a fix writes what the files show.

use chrono::NaiveDate;

use crate::model::values::leading_date;

/// The frontmatter keys that date a finished plan, in order of preference.
const KEYS: [&str; 3] = ["completed", "completed_at", "date"];

/// The completion date a SUMMARY file's frontmatter writes, from its text (io reads the file:
/// `model::disk_facts::DiskFacts::summary_date`).
pub fn completed_date_in(text: &str) -> Option<NaiveDate> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let block: Vec<&str> = lines.take_while(|l| l.trim_end() != "---").collect();
    KEYS.iter().find_map(|key| {
        block.iter().find_map(|line| {
            let value = line.strip_prefix(key)?.strip_prefix(':')?;
            let value = value.trim().trim_matches(['"', '\'']);
            leading_date(value).map(|(d, _)| d)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_frontmatter_date() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            completed_date_in("---\nphase: 02\ncompleted: 2026-01-26\n---\n# S\n"),
            d("2026-01-26")
        );
        assert_eq!(
            completed_date_in("---\ncompleted_at: \"2026-01-27T10:00:00Z\"\n---\n"),
            d("2026-01-27")
        );
        assert_eq!(completed_date_in("# S\n\ncompleted: 2026-01-26\n"), None);
        assert_eq!(completed_date_in("---\ncompleted: soon\n---\n"), None);
    }
}
