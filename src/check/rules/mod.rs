//! The rule families, one file each, and the small helpers they share: lenient text
//! comparison and tolerance that follows the precision the file itself wrote.

pub mod context;
pub mod core_value;
pub mod coverage;
pub mod cross_file;
pub mod cross_frontmatter;
pub mod cross_plans;
pub mod leftovers;
pub mod metrics;
pub mod metrics_text;
pub mod parse;
pub mod parse_position;
pub mod position;
pub mod position_counts;
pub mod progress;

use std::ops::Range;

use super::{Diagnostic, Input, Rule};
use crate::model::values::{
    decimals, first_integer, first_number, format_decimals, format_in_precision, minutes_per_unit,
};

/// A family: its rules (documentation) and the function that checks them all.
pub struct Family {
    pub rules: &'static [Rule],
    pub check: fn(&Input) -> Vec<Diagnostic>,
}

/// Every family, in code order.
pub static FAMILIES: &[Family] = &[
    Family {
        rules: parse::RULES,
        check: parse::check,
    },
    Family {
        rules: progress::RULES,
        check: progress::check,
    },
    Family {
        rules: position::RULES,
        check: position::check,
    },
    Family {
        rules: metrics::RULES,
        check: metrics::check,
    },
    Family {
        rules: context::RULES,
        check: context::check,
    },
    Family {
        rules: cross_file::RULES,
        check: cross_file::check,
    },
    Family {
        rules: coverage::RULES,
        check: coverage::check,
    },
    Family {
        rules: leftovers::RULES,
        check: leftovers::check,
    },
];

/// Free text reduced for comparison: lower case, Markdown decoration and punctuation
/// dropped, every kind of dash treated as a space, whitespace collapsed.
/// `**API — Pagination & Filtering.**` and `api - pagination & filtering` compare equal.
pub fn lenient(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || c == '&' || c == '%' || c == '/' {
            for l in c.to_lowercase() {
                out.push(l);
            }
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

/// Whether two free-text values say the same thing, leniently.
pub fn same_text(a: &str, b: &str) -> bool {
    lenient(a) == lenient(b)
}

/// Whether one free-text value contains the other, leniently (word-aligned).
pub fn mentions(haystack: &str, needle: &str) -> bool {
    let h = format!(" {} ", lenient(haystack));
    let n = lenient(needle);
    !n.is_empty() && h.contains(&format!(" {n} "))
}

/// Every whole number written in `text` (`14 (v2.0: 13, v3.0: 1)` → 14, 2, 0, 13, 3, 0, 1):
/// a count that matches any of them agrees with a value that breaks itself down.
pub fn integers_in(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter_map(|t| t.parse().ok())
        .collect()
}

/// The count a value starts with (`3`, `1,076 (v2.0: 13)`): its number and byte range, digit
/// groups (`1,076`) read whole. `None` when the value does not start with a number.
pub fn leading_count(value: &str) -> Option<(u64, Range<usize>)> {
    let (_, r) = first_integer(value).filter(|(_, r)| r.start <= 1)?;
    let b = value.as_bytes();
    let mut end = r.end;
    // `,076`: a comma and exactly three digits continue the number.
    while b.get(end) == Some(&b',')
        && b.len() >= end + 4
        && b[end + 1..end + 4].iter().all(u8::is_ascii_digit)
        && b.get(end + 4).is_none_or(|x| !x.is_ascii_digit())
    {
        end += 4;
    }
    let n = value[r.start..end].replace(',', "").parse().ok()?;
    Some((n, r.start..end))
}

/// `n` written like `like`: with `,` digit groups when `like` has them.
pub fn count_like(n: u64, like: &str) -> String {
    if like.contains(',') {
        crate::model::values::with_thousands(n)
    } else {
        n.to_string()
    }
}

/// Whether `written` (shown with `decimals` decimals) is `exact` rounded the file's way:
/// within half a unit of the last written digit.
pub fn within(written: f64, decimals: usize, exact: f64) -> bool {
    let half_unit = 0.5 * 10f64.powi(-(decimals as i32));
    (written - exact).abs() <= half_unit + 1e-9
}

/// A number written in a value (`~28 min`, `0.3 hours`, `5min`) with its unit in minutes.
#[derive(Debug, Clone)]
pub struct Amount {
    pub number: f64,
    /// The number's absolute byte range.
    pub range: Range<usize>,
    pub decimals: usize,
    /// Minutes per unit (60 for hours, 1 for minutes, 1/60 for seconds).
    pub unit_minutes: f64,
    /// The unit word as written (`hours`, `min`), empty for a bare number.
    pub unit: String,
}

impl Amount {
    /// Reads the leading amount of `value` (which starts at byte `base`). A bare number
    /// takes `default_unit` minutes (hours for `Total execution time`, minutes elsewhere).
    /// Compound values (`1h 5m`) and prose are not amounts.
    pub fn read(value: &str, base: usize, default_unit: f64) -> Option<Amount> {
        let (mut number, mut r) = first_number(value)?;
        // `1,076 min`: digit groups belong to the number.
        if let Some((n, whole)) = leading_count(value).filter(|(_, w)| w.start == r.start)
            && whole.end > r.end
        {
            number = n as f64;
            r = whole;
        }
        if !value[..r.start]
            .trim()
            .trim_start_matches(['~', '≈'])
            .is_empty()
        {
            return None;
        }
        let after = value[r.end..].trim_start();
        let unit_len = after
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(after.len());
        let unit = after[..unit_len].to_string();
        let unit_minutes = if unit.is_empty() {
            default_unit
        } else {
            minutes_per_unit(&unit)?
        };
        // `1h 5m`: a second number with a unit right after is a compound duration.
        let rest = after[unit_len..].trim_start();
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        Some(Amount {
            number,
            range: base + r.start..base + r.end,
            decimals: decimals(&value[r.clone()]),
            unit_minutes,
            unit,
        })
    }

    /// Whether this amount is `exact_minutes`, rounded as written.
    pub fn agrees(&self, exact_minutes: f64) -> bool {
        within(
            self.number,
            self.decimals,
            exact_minutes / self.unit_minutes,
        )
    }

    /// The replacement text for this amount's digits holding `exact_minutes`: in the written
    /// precision, or with one more decimal when that makes it exact (`7.5` next to `5`).
    pub fn rewrite(&self, exact_minutes: f64) -> String {
        format_in_precision(exact_minutes / self.unit_minutes, self.decimals)
    }

    /// `exact_minutes` in this amount's unit and precision, for messages (`0.3 hours`).
    pub fn show(&self, exact_minutes: f64) -> String {
        let number = self.rewrite(exact_minutes);
        if self.unit.is_empty() {
            number
        } else {
            format!("{number} {}", self.unit)
        }
    }
}

/// Formats minutes for messages: `25 min`, `42.5 min`.
pub fn minutes(m: f64) -> String {
    if (m - m.round()).abs() < 1e-9 {
        format!("{} min", m.round() as i64)
    } else {
        format!("{} min", format_decimals(m, 1).trim_end_matches('0'))
    }
}

/// Test helpers: a workspace holding only the given STATE.md text, checked on a fixed day.
#[cfg(test)]
pub mod testing {
    use crate::check::{Diagnostic, check};
    use crate::model::Workspace;

    pub fn codes(state: &str) -> Vec<(&'static str, String)> {
        findings(state)
            .into_iter()
            .map(|d| (d.code, d.message))
            .collect()
    }

    pub fn findings(state: &str) -> Vec<Diagnostic> {
        let ws = Workspace::in_memory(state);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 2, 1).expect("a date");
        check(&ws, today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_text() {
        assert!(same_text(
            "**API — Pagination & Filtering.**",
            "api - pagination & filtering"
        ));
        assert!(mentions(
            "Phase 2 - API Pagination & Filtering (next)",
            "API Pagination & Filtering"
        ));
        assert!(!mentions("Phase 2 - API", "Pagination"));
    }

    #[test]
    fn counts_are_read_with_their_digit_groups() {
        assert_eq!(leading_count("1,076"), Some((1076, 0..5)));
        assert_eq!(leading_count("14 (v2.0: 13, v3.0: 1)"), Some((14, 0..2)));
        assert_eq!(leading_count("3, then 4"), Some((3, 0..1)));
        assert_eq!(leading_count("about 3"), None);
        assert_eq!(count_like(1077, "1,076"), "1,077");
        assert_eq!(count_like(1234567, "1,076"), "1,234,567");
        assert_eq!(count_like(12, "9"), "12");
    }

    #[test]
    fn tolerance_follows_written_precision() {
        let a = Amount::read("0.3 hours", 0, 60.0).unwrap();
        assert!(a.agrees(18.0));
        assert!(!a.agrees(24.0));
        let b = Amount::read("3.3 hours", 0, 60.0).unwrap();
        assert!(b.agrees(200.0));
        let c = Amount::read("28 min", 0, 1.0).unwrap();
        assert!(!c.agrees(25.0));
        assert!(Amount::read("3min", 0, 1.0).unwrap().agrees(2.5));
        assert!(Amount::read("1h 5m", 0, 1.0).is_none());
        assert!(Amount::read("about 5 min", 0, 1.0).is_none());
        let grouped = Amount::read("1,076 min", 0, 1.0).unwrap();
        assert_eq!((grouped.number, grouped.range.clone()), (1076.0, 0..5));
        assert_eq!(grouped.unit, "min");
    }
}
