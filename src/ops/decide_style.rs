//! How a decisions list tags its entries with a plan or phase, read from the entries as a
//! whole, and the tag a new entry gets.
//!
//! Real lists mix shapes (`- [Phase 23]: …`, `- [Phase 23-02]: …`, `- [02-05]: …`,
//! `- **Phase 18-01:** …`, `- 28-01: …`, `- … (02-01)`, untagged notes in between), so the
//! last bullet alone is a poor guide: after one untagged note the file's convention would be
//! lost, and a `[Phase 23]` bullet cannot show how the file writes a plan. Every entry's tag
//! is read into a [`TagStyle`]; a new entry takes the style the file uses most for the kind of
//! value it carries (a plan id, a phase, or a free tag slot such as `[Roadmap]`), among its
//! latest entries, ties going to the most recent. What the user passed is never dropped: with
//! no style to copy it is written in the template's `[Phase X]: ` form.

use crate::model::ids::{PhaseNum, PlanId};

/// What a tag holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A plan id (`02-01`).
    Plan,
    /// A phase number (`2`, `06.1`), perhaps with a slug after it (`03-content`).
    Phase,
    /// A free label in a tag's place (`[Roadmap]`, `**v4.0:**`): the file tags entries, just
    /// not with ids.
    Free,
}

/// An entry's tag: the text around its value, and what the value was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagStyle {
    /// Text before the value (`[Phase `, `**`, `(Plan `, `` for `28-01: `; ` (` when trailing).
    pub before: String,
    /// Text after the value (`]: `, `:** `, `) `; `)` when trailing).
    pub after: String,
    /// Whether the tag ends the entry (`… (02-01)`) instead of leading it.
    pub trailing: bool,
    pub slot: Slot,
    /// The value as written, for padding (`09-02`, `06.1`, `v4.0`).
    pub example: String,
}

/// The longest free label read as a tag slot (`[v2.0 Roadmap]`); longer bracketed text is
/// prose.
const FREE_TAG_MAX: usize = 24;

impl TagStyle {
    /// Reads the tag of one entry's text (after its list marker), if it has one.
    pub fn read(body: &str) -> Option<TagStyle> {
        leading(body).or_else(|| trailing(body))
    }

    /// Whether the value of this style's slot is written with the word `Phase` before it.
    fn says_phase(&self) -> bool {
        self.before.to_ascii_lowercase().contains("phase")
    }

    /// The entry `core` tagged with `value`.
    fn render(&self, value: &str, core: &str) -> String {
        if self.trailing {
            format!("{core}{}{value}{}", self.before, self.after)
        } else {
            format!("{}{value}{}{core}", self.before, self.after)
        }
    }
}

/// An entry's text without its tag (`[Phase 2]: Use X` → `Use X`, `Use X (02-01)` →
/// `Use X`), for reading how the entries themselves are written.
pub fn untagged(body: &str) -> &str {
    let Some(style) = TagStyle::read(body) else {
        return body;
    };
    let tag = format!("{}{}{}", style.before, style.example, style.after);
    if style.trailing {
        body.strip_suffix(tag.as_str()).unwrap_or(body)
    } else {
        body.strip_prefix(tag.as_str()).unwrap_or(body)
    }
}

/// `[Phase 2]: `, `**[Phase 35-01]**: `, `[02-01]: `, `[10-03] `, `**Phase 18-01:** `,
/// `**38-01:** `, `Phase 40-02: `, `28-02: `, `(Plan 02-04) `, `[Roadmap]: `, `**v4.0:** `.
fn leading(body: &str) -> Option<TagStyle> {
    let mut i = 0;
    let bold = body.starts_with("**");
    if bold {
        i += 2;
    }
    let bracket = body[i..].starts_with('[');
    if bracket {
        i += 1;
    }
    let paren = !bracket && body[i..].starts_with("(Plan ");
    if paren {
        i += "(Plan ".len();
    }
    let phase_word = body[i..]
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("phase "));
    if phase_word {
        i += 6;
    }
    let value_start = i;
    let rest = &body[i..];
    let value_len = if bracket {
        rest.find(']')?
    } else if paren {
        rest.find(')')?
    } else {
        rest.find(|c: char| c == ':' || c == '*' || c.is_whitespace())
            .unwrap_or(rest.len())
    };
    let value = &rest[..value_len];
    if value.is_empty() || value.len() > FREE_TAG_MAX {
        return None;
    }
    i += value_len;
    // The closing text: `]`, `)`, bold markers and a colon, then the space before the text.
    let close_start = i;
    if bracket || paren {
        i += 1;
    }
    let mut bold_open = bold;
    let mut colon = false;
    for _ in 0..3 {
        if bold_open && body[i..].starts_with("**") {
            i += 2;
            bold_open = false;
        } else if !colon && body[i..].trim_start_matches(' ').starts_with(':') {
            // `[Phase 1] : texte`: French sets a space before the colon.
            i += body[i..].find(':').unwrap_or(0) + 1;
            colon = true;
        } else {
            break;
        }
    }
    let spaces = body[i..].len() - body[i..].trim_start_matches(' ').len();
    if bold_open || spaces == 0 || (!colon && !bracket && !paren) {
        return None;
    }
    i += spaces;
    let slot = if PlanId::parse(value).is_some() {
        Slot::Plan
    } else if ((phase_word || bracket || bold) && PhaseNum::parse(value).is_some())
        // `[Phase 03-content]`: a phase with its slug.
        || (phase_word && leading_number(value).is_some())
    {
        Slot::Phase
    } else if bracket || is_version(value) {
        if paren || value.contains(['[', '`']) {
            return None;
        }
        Slot::Free
    } else {
        return None;
    };
    Some(TagStyle {
        before: body[..value_start].to_string(),
        after: body[close_start..i].to_string(),
        trailing: false,
        slot,
        example: value.to_string(),
    })
}

/// `… (02-01)`, `… [01-01]`, `… [Phase 1]` at the end of the entry.
fn trailing(body: &str) -> Option<TagStyle> {
    let t = body.trim_end();
    let (open, close) = if t.ends_with(')') {
        ('(', ')')
    } else if t.ends_with(']') {
        ('[', ']')
    } else {
        return None;
    };
    let start = t.rfind(open)?;
    let inner = &t[start + 1..t.len() - 1];
    let before_value = if inner
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("phase "))
    {
        &inner[..6]
    } else {
        ""
    };
    let value = &inner[before_value.len()..];
    let slot = if PlanId::parse(value).is_some() {
        Slot::Plan
    } else if !before_value.is_empty() && PhaseNum::parse(value).is_some() {
        Slot::Phase
    } else {
        return None;
    };
    let gap = &t[..start];
    let spaces = gap.len() - gap.trim_end().len();
    if spaces == 0 {
        return None;
    }
    Some(TagStyle {
        before: format!("{}{open}{before_value}", &gap[gap.len() - spaces..]),
        after: close.to_string(),
        trailing: true,
        slot,
        example: value.to_string(),
    })
}

/// `v4.0`, `v2`: a version used as a tag.
fn is_version(value: &str) -> bool {
    value
        .strip_prefix(['v', 'V'])
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()) && !r.contains(' '))
}

/// The phase number a value starts with (`03` of `03-content`).
fn leading_number(value: &str) -> Option<&str> {
    let end = value
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(value.len());
    PhaseNum::parse(&value[..end]).map(|_| &value[..end])
}

/// What a new entry names.
#[derive(Debug, Clone, Copy)]
pub enum Given<'a> {
    Plan(&'a PlanId),
    Phase(&'a PhaseNum),
}

/// How many of the latest entries of one kind vote on the style.
const WINDOW: usize = 20;

/// The style for a new entry naming `given`, from the styles of the list's entries (in
/// document order): the most used style whose slot can hold it, trying the slots in order of
/// fit, among the latest [`WINDOW`] entries of that slot; ties go to the most recent.
pub fn choose<'s>(styles: &'s [TagStyle], given: Given) -> Option<&'s TagStyle> {
    let order: &[Slot] = match given {
        Given::Plan(_) => &[Slot::Plan, Slot::Phase, Slot::Free],
        Given::Phase(_) => &[Slot::Phase, Slot::Plan, Slot::Free],
    };
    order.iter().find_map(|slot| {
        let recent: Vec<&TagStyle> = styles
            .iter()
            .rev()
            .filter(|s| s.slot == *slot)
            .take(WINDOW)
            .collect();
        let shape = |s: &TagStyle| (s.before.clone(), s.after.clone(), s.trailing);
        // `recent` is newest first, so `max_by_key` keeps the last maximum: reverse to let
        // the newest win a tie.
        recent
            .iter()
            .rev()
            .max_by_key(|s| recent.iter().filter(|o| shape(o) == shape(s)).count())
            .copied()
    })
}

/// `core` tagged with `given` in `style`, or in the template's `[Phase X]: ` form when the
/// list has no style to copy.
pub fn tag(style: Option<&TagStyle>, given: Given, core: &str) -> String {
    let Some(style) = style else {
        let value = match given {
            Given::Plan(p) => p.to_string(),
            Given::Phase(p) => p.to_string(),
        };
        return format!("[Phase {value}]: {core}");
    };
    let value = match (given, style.slot) {
        (Given::Plan(p), Slot::Plan) => plan_like(p, &style.example),
        (Given::Plan(p), Slot::Phase) => plan_like(p, leading_number(&style.example).unwrap_or("")),
        (Given::Plan(p), Slot::Free) => p.to_string(),
        (Given::Phase(p), Slot::Phase) => {
            phase_like(p, leading_number(&style.example).unwrap_or(""))
        }
        (Given::Phase(p), Slot::Plan) => {
            let phase_part = style.example.rsplit_once('-').map_or("", |(ph, _)| ph);
            let shown = phase_like(p, phase_part);
            // `(Plan 02-04) …` names a plan in words: a phase is `(Phase 02) …`.
            if let Some(at) = style.before.find("Plan ") {
                let before = format!("{}Phase {}", &style.before[..at], &style.before[at + 5..]);
                let named = TagStyle {
                    before,
                    ..style.clone()
                };
                return named.render(&shown, core);
            }
            // A bare `28-02: ` or a trailing `(02-01)` holding only a number would not read
            // as a phase: say so.
            let bare = !style.before.contains(['[', '*']) || style.trailing;
            if bare && !style.says_phase() {
                format!("Phase {shown}")
            } else {
                shown
            }
        }
        (Given::Phase(p), Slot::Free) => format!("Phase {p}"),
    };
    style.render(&value, core)
}

/// `plan` with its phase padded like `like`'s phase part and its plan number padded like
/// `like`'s (`6.1-5` next to `06.1-03` → `06.1-05`); as given when `like` is no plan id.
fn plan_like(plan: &PlanId, like: &str) -> String {
    let Some((phase_part, plan_part)) = like.rsplit_once('-') else {
        // Only a phase to go by (`[Phase 02]`): a padded phase goes with a padded plan
        // number, as plan ids are written (`09-02`).
        if like.len() > 1 && like.starts_with('0') {
            let id = PlanId::parse(&format!(
                "{}-{}",
                plan.phase.spelled_like(like),
                plan_raw(plan)
            ));
            return id.map_or_else(|| plan.to_string(), |i| i.canonical());
        }
        return plan.to_string();
    };
    let phase = phase_like(&plan.phase, phase_part);
    let digits = plan_part.chars().take_while(char::is_ascii_digit).count();
    let raw = plan_raw(plan);
    let own_digits = raw.chars().take_while(char::is_ascii_digit).count();
    let number = if digits > own_digits && plan_part.starts_with('0') {
        format!("{}{raw}", "0".repeat(digits - own_digits))
    } else {
        raw
    };
    format!("{phase}-{number}")
}

/// `phase` padded the way `written` (a phase number the file wrote) shows: `02` pads, `2`
/// does not, and `41` could be either, so the user's spelling stays.
fn phase_like(phase: &PhaseNum, written: &str) -> String {
    let lead = written.split('.').next().unwrap_or("");
    let lead_digits = lead.chars().take_while(char::is_ascii_digit).count();
    if lead_digits == 0 || (lead_digits > 1 && !lead.starts_with('0')) {
        phase.to_string()
    } else {
        phase.spelled_like(written)
    }
}

/// The plan part of `plan` as the user wrote it (`02a`).
fn plan_raw(plan: &PlanId) -> String {
    plan.to_string()
        .rsplit_once('-')
        .map_or_else(String::new, |(_, p)| p.to_string())
}

/// Whether `text` already starts with a tag of its own (`Phase 2 (02-01 done): …`,
/// `[Phase 20/20-05] …`, `02-01: …`), so that no tag is added for the user.
pub fn has_own_tag(text: &str) -> bool {
    let t = text.trim_start_matches('*');
    if t.starts_with('[') || leading(text).is_some() {
        return true;
    }
    t.get(..6).is_some_and(|w| w.eq_ignore_ascii_case("phase "))
        && t[6..].starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(body: &str) -> TagStyle {
        TagStyle::read(body).unwrap_or_else(|| panic!("no tag in {body:?}"))
    }

    #[test]
    fn reads_the_shapes_real_lists_use() {
        let cases = [
            ("[Phase 2]: Use X", "[Phase ", "]: ", Slot::Phase),
            ("[Phase 23-02]: Use X", "[Phase ", "]: ", Slot::Plan),
            ("**[Phase 35-01]**: Use X", "**[Phase ", "]**: ", Slot::Plan),
            ("[02-05]: Use X", "[", "]: ", Slot::Plan),
            ("[10-03] Use X", "[", "] ", Slot::Plan),
            ("**Phase 18-01:** Use X", "**Phase ", ":** ", Slot::Plan),
            ("**38-01:** Use X", "**", ":** ", Slot::Plan),
            ("Phase 40-02: Use X", "Phase ", ": ", Slot::Plan),
            ("28-02: Use X", "", ": ", Slot::Plan),
            ("(Plan 02-04) Use X", "(Plan ", ") ", Slot::Plan),
            ("[Roadmap]: Use X", "[", "]: ", Slot::Free),
            ("**v4.0:** Use X", "**", ":** ", Slot::Free),
            ("v8.0: Use X", "", ": ", Slot::Free),
            ("[Phase 03-content]: Use X", "[Phase ", "]: ", Slot::Phase),
            ("[Phase 1] : Utiliser X", "[Phase ", "] : ", Slot::Phase),
        ];
        for (body, before, after, slot) in cases {
            let s = style(body);
            assert_eq!(
                (s.before.as_str(), s.after.as_str(), s.slot),
                (before, after, slot),
                "{body}"
            );
        }
        let t = style("Use X (02-01)");
        assert!(t.trailing);
        assert_eq!((t.before.as_str(), t.after.as_str()), (" (", ")"));
        for untagged in [
            "Inbox Parser: Used split",
            "**Decision**: Use X",
            "**Phase 6: Exports** — text",
            "Use X",
            "3: text",
            "**13-07: Gap closure**",
        ] {
            assert!(TagStyle::read(untagged).is_none(), "{untagged}");
        }
    }

    #[test]
    fn the_files_convention_wins_over_its_last_bullet() {
        let styles: Vec<TagStyle> = [
            "[88-02]: a",
            "[86-02]: b",
            "[Phase 87-01]: c",
            "[87-02]: d",
            "[Phase 87-03]: e",
        ]
        .iter()
        .map(|b| style(b))
        .collect();
        let plan = PlanId::parse("89-01").unwrap();
        let chosen = choose(&styles, Given::Plan(&plan));
        assert_eq!(tag(chosen, Given::Plan(&plan), "X"), "[89-01]: X");
    }

    #[test]
    fn a_value_goes_in_the_slot_that_fits() {
        let p = |s: &str| PlanId::parse(s).unwrap();
        let ph = |s: &str| PhaseNum::parse(s).unwrap();
        let plan = p("9-2");
        let phase = ph("9");
        let cases: [(&str, Given, &str); 10] = [
            ("[09-02]: a", Given::Phase(&phase), "[09]: X"),
            ("[Phase 2]: a", Given::Plan(&plan), "[Phase 9-2]: X"),
            ("[Phase 02]: a", Given::Plan(&plan), "[Phase 09-02]: X"),
            ("[Phase 02-01]: a", Given::Plan(&plan), "[Phase 09-02]: X"),
            ("28-02: a", Given::Phase(&phase), "Phase 9: X"),
            ("a (02-01)", Given::Phase(&phase), "X (Phase 09)"),
            ("(Plan 02-04) a", Given::Phase(&phase), "(Phase 09) X"),
            ("[Roadmap]: a", Given::Plan(&plan), "[9-2]: X"),
            ("[Roadmap]: a", Given::Phase(&phase), "[Phase 9]: X"),
            ("**v4.0:** a", Given::Plan(&plan), "**9-2:** X"),
        ];
        for (model, given, want) in cases {
            let styles = vec![style(model)];
            assert_eq!(tag(choose(&styles, given), given, "X"), want, "{model}");
        }
        assert_eq!(tag(None, Given::Plan(&plan), "X"), "[Phase 9-2]: X");
        assert_eq!(tag(None, Given::Phase(&phase), "X"), "[Phase 9]: X");
    }

    #[test]
    fn own_tags() {
        assert!(has_own_tag("Phase 2 (02-01 done): x"));
        assert!(has_own_tag("[Phase 20/20-05] x"));
        assert!(has_own_tag("02-01: x"));
        assert!(!has_own_tag("Phased rollout"));
        assert!(!has_own_tag("Use X"));
    }
}
