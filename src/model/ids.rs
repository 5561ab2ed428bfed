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

    /// This number spelled like `written`, another phase number as a file wrote it: its
    /// leading zero padding kept (`02` → `03`, `2` → `3`, `02.1` → `03`).
    pub fn spelled_like(&self, written: &str) -> String {
        let lead = written.split('.').next().unwrap_or("");
        if lead.len() > 1 && lead.starts_with('0') {
            self.padded(lead.len())
        } else {
            self.padded(1)
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

/// A plan id `PP-MM` (`02-01`, `02.1-03`, `12A-01`), optionally with a one-letter suffix on
/// the plan number (`01-02a`, an inserted plan kept apart from `01-02`).
///
/// Ids compare by (phase, plan number, suffix): `2-1` = `02-01`, and the suffix's case is
/// ignored (`05-02B` = `05-02b`). The plan number is kept as written for display.
#[derive(Debug, Clone)]
pub struct PlanId {
    pub phase: PhaseNum,
    pub plan: u32,
    /// The suffix letter, lowercased for comparing (`a` in `01-02a`).
    suffix: Option<char>,
    /// The plan part as written (`02a`), for display.
    raw_plan: String,
}

impl PlanId {
    /// Parses `02-01` or `01-02a`, also accepting a `-PLAN.md` / `-SUMMARY.md` file name.
    pub fn parse(raw: &str) -> Option<PlanId> {
        let raw = raw.trim();
        let raw = raw
            .strip_suffix("-PLAN.md")
            .or_else(|| raw.strip_suffix("-SUMMARY.md"))
            .unwrap_or(raw);
        let (phase, plan) = raw.rsplit_once('-')?;
        Self::from_parts(PhaseNum::parse(phase)?, plan)
    }

    /// The plan `plan` (`01`, `2`, `02a`) of `phase`; `None` unless `plan` is one to four digits
    /// with at most one trailing ASCII letter.
    pub fn from_parts(phase: PhaseNum, plan: &str) -> Option<PlanId> {
        let (digits, suffix) = match plan.char_indices().last()? {
            (i, c) if c.is_ascii_alphabetic() => (&plan[..i], Some(c.to_ascii_lowercase())),
            _ => (plan, None),
        };
        if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(PlanId {
            phase,
            plan: digits.parse().ok()?,
            suffix,
            raw_plan: plan.to_string(),
        })
    }

    /// The suffix letter (`a` in `01-02a`), lowercased.
    pub fn suffix(&self) -> Option<char> {
        self.suffix
    }

    /// The canonical spelling, `PP-MM` with two-digit padding and the suffix as written
    /// (`2-1` → `02-01`, `1-2a` → `01-02a`).
    pub fn canonical(&self) -> String {
        let letter = self
            .raw_plan
            .chars()
            .last()
            .filter(char::is_ascii_alphabetic)
            .map(String::from)
            .unwrap_or_default();
        format!("{}-{:02}{letter}", self.phase.padded(2), self.plan)
    }

    /// This id written the way `written` (another id, as it appears in a file) is: its
    /// phase's padding and its plan number's width (`01-10` → `01-09`, `1-3` → `1-4`), since
    /// plan ids keep a fixed width within a file.
    pub fn spelled_like(&self, written: &PlanId) -> String {
        let raw = written.to_string();
        let (phase, plan) = raw.rsplit_once('-').unwrap_or((&raw, ""));
        let width = if plan.len() > 1 && plan.chars().all(|c| c.is_ascii_digit()) {
            plan.len()
        } else {
            1
        };
        format!("{}-{:0>width$}", self.phase.spelled_like(phase), self.plan)
    }

    fn key(&self) -> (&PhaseNum, u32, Option<char>) {
        (&self.phase, self.plan, self.suffix)
    }
}

impl PartialEq for PlanId {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for PlanId {}

impl PartialOrd for PlanId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PlanId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl std::hash::Hash for PlanId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
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
                let digits = k - j - 1;
                let ends_at = |e: usize| {
                    e == bytes.len()
                        || !(bytes[e].is_ascii_alphanumeric()
                            || bytes[e] == b'-' && bytes.get(e + 1).is_some_and(u8::is_ascii_digit))
                };
                // A single lowercase letter right after the number is a suffix (`01-02a`).
                let end = if bytes.get(k).is_some_and(u8::is_ascii_lowercase) && ends_at(k + 1) {
                    k + 1
                } else {
                    k
                };
                if digits > 0 && digits <= 3 && ends_at(end) {
                    if let Some(id) = PlanId::parse(&text[i..end]) {
                        out.push(id);
                    }
                    i = end;
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

/// `AUTH-01`, `UI2-3`, `PERF-10`, `REQ-001`.
pub fn is_requirement_id(token: &str) -> bool {
    let Some((head, num)) = token.rsplit_once('-') else {
        return false;
    };
    let head_ok = head.starts_with(|c: char| c.is_ascii_uppercase())
        && head
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    head_ok && !num.is_empty() && num.chars().all(|c| c.is_ascii_digit())
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

    fn id(s: &str) -> PlanId {
        PlanId::parse(s).unwrap()
    }

    #[test]
    fn plan_ids_compare_without_padding() {
        assert_eq!(id("2-1"), id("02-01"));
        assert_eq!(id("02.1-3"), id("2.1-003"));
        assert_ne!(id("02-01"), id("02-02"));
        let set: std::collections::HashSet<PlanId> = ["2-1", "02-01", "002-001", "02-02"]
            .iter()
            .map(|s| id(s))
            .collect();
        assert_eq!(set.len(), 2);
        assert_eq!(id("2-1").to_string(), "2-1", "display keeps the spelling");
        assert_eq!(id("2-1").canonical(), "02-01");
    }

    #[test]
    fn plan_id_letter_suffix() {
        let a = id("01-02a");
        assert_eq!((a.phase.as_str(), a.plan, a.suffix()), ("01", 2, Some('a')));
        assert_ne!(a, id("01-02"));
        assert_eq!(a, id("1-2a"));
        assert_eq!(id("1-2a").canonical(), "01-02a");
        assert_eq!(id("1-2a").to_string(), "1-2a");
        assert_eq!(id("05-02B"), id("05-02b"), "suffix case is ignored");
        assert_eq!(id("05-02B").to_string(), "05-02B");
        assert_eq!(id("01-02a-PLAN.md"), a);
        assert_eq!(id("01-02").suffix(), None);
        for bad in ["01-02ab", "01-a", "01-12345", "01-2a3", "01-", "a-01"] {
            assert!(PlanId::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn plan_ids_order_by_phase_plan_suffix() {
        let mut ids: Vec<PlanId> = [
            "02-01", "01-03", "01-02b", "1-2", "01-02a", "2.1-01", "10-01",
        ]
        .iter()
        .map(|s| id(s))
        .collect();
        ids.sort();
        let got: Vec<String> = ids.iter().map(PlanId::canonical).collect();
        assert_eq!(
            got,
            [
                "01-02", "01-02a", "01-02b", "01-03", "02-01", "02.1-01", "10-01"
            ]
        );
        assert!(id("1-2") < id("01-02a"));
        assert_eq!(id("1-2").cmp(&id("01-02")), Ordering::Equal);
    }

    #[test]
    fn finds_suffixed_ids_in_text() {
        let ids = plan_ids_in(
            "Done 01-02a and 01-03b-PLAN.md (x), 01-04c. Not 01-05ab, 2-3x4, 01-06A or 01-07a1",
        );
        let got: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
        assert_eq!(got, vec!["01-02a", "01-03b", "01-04c"]);
    }
}
