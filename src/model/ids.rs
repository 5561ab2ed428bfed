//! Phase numbers (`2`, `02`, `2.1`, `12A`, `3.1c.3`) and plan ids (`02-01`).
//!
//! Phase numbers compare padding-insensitively (`2` = `02`, `02.1` = `2.1`) because STATE.md,
//! ROADMAP.md and folder names pad differently. The original spelling is kept for writing.

use std::cmp::Ordering;
use std::fmt;

/// A phase number as written, compared by its normalised form.
#[derive(Debug, Clone, Eq)]
pub struct PhaseNum {
    raw: String,
    key: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Num(u64),
    Text(String),
}

impl PhaseNum {
    /// Parses a phase number: digits, optionally followed by `.digits` groups and letters.
    pub fn parse(raw: &str) -> Option<PhaseNum> {
        let raw = raw.trim();
        if raw.is_empty() || !raw.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        if !raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') || raw.ends_with('.') {
            return None;
        }
        let mut key = Vec::new();
        for group in raw.split('.') {
            if group.is_empty() {
                return None;
            }
            let digits_end = group
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(group.len());
            if digits_end > 0 {
                key.push(Part::Num(group[..digits_end].parse().ok()?));
            }
            if digits_end < group.len() {
                key.push(Part::Text(group[digits_end..].to_ascii_lowercase()));
            }
        }
        Some(PhaseNum {
            raw: raw.to_string(),
            key,
        })
    }

    /// The number as written (`02`).
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The integer part, when the phase is a plain integer (`02` → 2).
    pub fn as_integer(&self) -> Option<u64> {
        match self.key.as_slice() {
            [Part::Num(n)] => Some(*n),
            _ => None,
        }
    }

    /// Zero-padded to `width` digits in the leading integer (`2` → `02`).
    pub fn padded(&self, width: usize) -> String {
        let digits_end = self
            .raw
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.raw.len());
        let lead = self.raw[..digits_end].trim_start_matches('0');
        let lead = if lead.is_empty() { "0" } else { lead };
        format!("{lead:0>width$}{}", &self.raw[digits_end..])
    }
}

impl PartialEq for PhaseNum {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl PartialOrd for PhaseNum {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PhaseNum {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.cmp(&other.key)
    }
}

impl std::hash::Hash for PhaseNum {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl std::hash::Hash for Part {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            Part::Num(n) => n.hash(state),
            Part::Text(t) => t.hash(state),
        }
    }
}

impl fmt::Display for PhaseNum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

/// A plan id `PP-MM` (`02-01`, `02.1-03`, `12A-01`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlanId {
    pub phase: PhaseNum,
    pub plan: u32,
    raw_plan: String,
}

impl PlanId {
    /// Parses `02-01`, also accepting a `-PLAN.md` / `-SUMMARY.md` file name.
    pub fn parse(raw: &str) -> Option<PlanId> {
        let raw = raw.trim();
        let raw = raw
            .strip_suffix("-PLAN.md")
            .or_else(|| raw.strip_suffix("-SUMMARY.md"))
            .unwrap_or(raw);
        let (phase, plan) = raw.rsplit_once('-')?;
        if plan.is_empty() || plan.len() > 4 || !plan.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Some(PlanId {
            phase: PhaseNum::parse(phase)?,
            plan: plan.parse().ok()?,
            raw_plan: plan.to_string(),
        })
    }

    /// The canonical spelling, `PP-MM` with two-digit padding.
    pub fn canonical(&self) -> String {
        format!("{}-{:02}", self.phase.padded(2), self.plan)
    }
}

impl fmt::Display for PlanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.phase, self.raw_plan)
    }
}

/// Finds plan ids (`02-01`) mentioned in free text, in order.
pub fn plan_ids_in(text: &str) -> Vec<PlanId> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'.'
                || bytes[i - 1] == b'-');
        if boundary && bytes[i].is_ascii_digit() {
            let mut j = i;
            while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'.') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'-' {
                let mut k = j + 1;
                while k < bytes.len() && bytes[k].is_ascii_digit() {
                    k += 1;
                }
                let ends = k == bytes.len()
                    || !(bytes[k].is_ascii_alphanumeric()
                        || bytes[k] == b'-' && bytes.get(k + 1).is_some_and(u8::is_ascii_digit));
                if k > j + 1 && k - j - 1 <= 3 && ends {
                    if let Some(id) = PlanId::parse(&text[i..k]) {
                        out.push(id);
                    }
                    i = k;
                    continue;
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_compare_without_padding() {
        assert_eq!(
            PhaseNum::parse("02").unwrap(),
            PhaseNum::parse("2").unwrap()
        );
        assert_eq!(
            PhaseNum::parse("02.1").unwrap(),
            PhaseNum::parse("2.1").unwrap()
        );
        assert!(PhaseNum::parse("2").unwrap() < PhaseNum::parse("2.1").unwrap());
        assert!(PhaseNum::parse("2.1").unwrap() < PhaseNum::parse("10").unwrap());
        assert!(PhaseNum::parse("12A").unwrap() > PhaseNum::parse("12").unwrap());
        assert!(PhaseNum::parse("3.1c.3").is_some());
        assert!(PhaseNum::parse("v1").is_none());
        assert_eq!(PhaseNum::parse("2").unwrap().padded(2), "02");
        assert_eq!(PhaseNum::parse("2.1").unwrap().padded(2), "02.1");
    }

    #[test]
    fn plan_ids() {
        let id = PlanId::parse("02-01").unwrap();
        assert_eq!((id.phase.as_str(), id.plan), ("02", 1));
        assert_eq!(PlanId::parse("2-1").unwrap().canonical(), "02-01");
        assert_eq!(PlanId::parse("07-02-PLAN.md").unwrap().plan, 2);
        assert!(PlanId::parse("02").is_none());
        assert!(PlanId::parse("x-01").is_none());
    }

    #[test]
    fn finds_ids_in_text() {
        let ids =
            plan_ids_in("Completed 02-01-PLAN.md (x) and 11-02; not 2026-01-21 or D-09-01-01");
        let got: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
        assert_eq!(got, vec!["02-01", "11-02"]);
    }
}
