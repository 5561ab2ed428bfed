//! How a blocker says it is resolved in its own words (`— RESOLVED (02-01)`, `✅ FIXED`,
//! `**RESOLVED (02-07):** …`), and which part of it names what it was about. `gsd state
//! unblock` strikes that part through and `gsd check` names a blocker by it, so both read it
//! here.

/// The byte offset of the first whole word `resolved` or `fixed` (any case) that is not
/// negated (`not fixed`, `unresolved`).
pub fn marker_at(text: &str) -> Option<usize> {
    let mut previous = "";
    let mut at = 0;
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let start = at;
        at += word.len()
            + text[at + word.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        if word.is_empty() {
            continue;
        }
        let hit = (word.eq_ignore_ascii_case("resolved") || word.eq_ignore_ascii_case("fixed"))
            && !previous.eq_ignore_ascii_case("not");
        if hit {
            return Some(start);
        }
        previous = word;
    }
    None
}

/// The part of a blocker marked resolved that says what it was about (what `unblock`
/// strikes through): the text before the marker and its separator, or, when the marker
/// leads (`**RESOLVED (02-07):** …`, `[Pre-Phase 3 RESOLVED]: …`), the text after its label.
/// `None` when there is no marker or nothing but it.
pub fn marked_subject(text: &str) -> Option<std::ops::Range<usize>> {
    let m = marker_at(text)?;
    let mut before = text[..m].trim_end();
    // The marker in bold (`— **RESOLVED**`): its opening `**` belongs to it.
    before = before
        .strip_suffix("**")
        .or_else(|| before.strip_suffix("__"))
        .unwrap_or(before);
    let subject = before.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '—' | '–' | '-' | ':' | '(' | '[' | '✅' | '✓' | '✔')
    });
    // A marker inside the subject's own brackets (`[Pre-Phase 3 RESOLVED]:`) is a label.
    let unclosed =
        |open: char, close: char| subject.matches(open).count() > subject.matches(close).count();
    if !subject.trim().is_empty() && !unclosed('[', ']') && !unclosed('(', ')') {
        let lead = subject.len() - subject.trim_start().len();
        return Some(lead..subject.len());
    }
    // The marker leads: what follows its label.
    let after_marker = &text[m..];
    let rest_at = [":** ", "**: ", ": ", " — ", " - ", ") "]
        .iter()
        .filter_map(|sep| after_marker.find(sep).map(|i| m + i + sep.len()))
        .min()?;
    let rest = text[rest_at..].trim_end();
    (!rest.trim().is_empty()).then(|| rest_at..rest_at + rest.len())
}
