//! GSD101–GSD102: the progress line agrees with itself and with the plan counts.

use crate::check::{Diagnostic, FileKind, Input, Rule, Severity};
use crate::edit::Edit;
use crate::model::state::{Bar, ProgressLine};
use crate::model::values;
use crate::syntax::Doc;

pub static RULES: &[Rule] = &[
    Rule {
        code: "GSD101",
        name: "progress-bar-mismatch",
        severity: Severity::Error,
        fixable: true,
        summary: "The progress bar's fill disagrees with the percent next to it.",
        what: "Counts the filled glyphs of the progress bar (any width, any glyphs: `█░`, `#-`, \
`#.`, `=`, `▓`) and checks that they show the percent written after the bar. Any fill \
between rounding down and rounding up is accepted.",
        why: "The bar is what people read at a glance. A bar that shows 70% next to `30%` means \
one of them was edited by hand or by a tool that forgot the other.",
        example: "Progress: [███████░░░] 30%\n",
        fix: "`gsd check --fix` redraws the bar from the percent, keeping its width and glyphs: \
`Progress: [███░░░░░░░] 30%`.",
    },
    Rule {
        code: "GSD102",
        name: "progress-percent-mismatch",
        severity: Severity::Error,
        fixable: true,
        summary: "The progress percent disagrees with the completed and total plan counts.",
        what: "Computes completed / total plans from ROADMAP.md's plan checkboxes, from the phases \
folder (SUMMARY files over PLAN files), and from a `(12/22 plans …)` note on the progress \
line, and checks the percent against them. The percent may round either way; it passes when \
it agrees with any of the counts the project has, with any `N/M` in the note, with the share \
of phases ROADMAP.md records as done, or with the current milestone's plans or phases. A \
percent marked approximate (`~99%`) is not checked.",
        why: "The percent is a derived value. When it disagrees with the plans actually done, \
dashboards and status reports overstate or understate the project.",
        example: "Progress: [███░░░░░░░] 30% (4/10 plans complete)\n",
        fix: "`gsd check --fix` rewrites the percent from the counts (here `40%`); the bar is then \
redrawn to match. No fix is offered when the counts disagree with each other.",
    },
];

pub fn check(input: &Input) -> Vec<Diagnostic> {
    let state = &input.ws.state;
    let doc = &state.doc;
    let Some(progress) = &state.position.progress else {
        return Vec::new();
    };
    let Some(percent) = progress.percent_value(doc) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(bar) = &progress.bar {
        bar_vs_percent(bar, percent, &mut out);
    }
    percent_vs_counts(input, doc, progress, percent, &mut out);
    out
}

fn bar_vs_percent(bar: &Bar, percent: u64, out: &mut Vec<Diagnostic>) {
    if bar.width == 0 || percent > 100 {
        return;
    }
    let exact = percent as f64 * bar.width as f64 / 100.0;
    let filled = bar.filled as f64;
    if filled >= exact.floor() - 1e-9 && filled <= exact.ceil() + 1e-9 {
        return;
    }
    let want = (exact.round() as usize).min(bar.width);
    let drawn: String = std::iter::repeat_n(bar.fill, want)
        .chain(std::iter::repeat_n(bar.empty, bar.width - want))
        .collect();
    out.push(
        Diagnostic::new(
            "GSD101",
            FileKind::State,
            bar.span.clone(),
            format!(
                "the progress bar shows {} of {} filled (about {}%) but the line says {percent}%",
                bar.filled,
                bar.width,
                (bar.filled * 100 + bar.width / 2) / bar.width
            ),
        )
        .fix(
            format!("redraw the bar for {percent}%: `{drawn}`"),
            vec![Edit::replace(bar.span.clone(), drawn.clone())],
        ),
    );
}

/// A completed/total count and where it came from, for messages.
struct Counts {
    done: usize,
    total: usize,
    source: String,
}

fn percent_vs_counts(
    input: &Input,
    doc: &Doc,
    progress: &ProgressLine,
    percent: u64,
    out: &mut Vec<Diagnostic>,
) {
    // `~99%` says itself that it is not exact.
    if let Some(span) = &progress.percent
        && doc.text(0..span.start).trim_end().ends_with(['~', '≈'])
    {
        return;
    }
    let ws = input.ws;
    let mut candidates: Vec<Counts> = Vec::new();
    if let Some(roadmap) = &ws.roadmap {
        let (done, total) = roadmap.plan_counts();
        if total > 0 {
            candidates.push(Counts {
                done,
                total,
                source: format!("ROADMAP.md ticks {done} of {total} plans"),
            });
        }
    }
    if let Some(phases) = &ws.phases {
        let (done, total) = phases.plan_counts();
        if total > 0 {
            candidates.push(Counts {
                done,
                total,
                source: format!("phases/ has SUMMARY files for {done} of {total} plans"),
            });
        }
    }
    if let Some(((done, r), (total, _))) = progress.plan_counts(doc) {
        let note = progress.note.clone().unwrap_or(0..0);
        let before = doc.text(note.start..r.start.max(note.start)).to_lowercase();
        if total > 0 && !before.contains("phase") {
            candidates.push(Counts {
                done: done as usize,
                total: total as usize,
                source: format!("the note says {done}/{total} plans"),
            });
        }
    }
    // The files are the most reliable count (roadmaps often leave plan lines unticked).
    candidates.sort_by_key(|c| !c.source.starts_with("phases/"));
    let Some(primary) = candidates.first() else {
        return;
    };
    let agrees = |done: usize, total: usize| {
        let exact = done as f64 * 100.0 / total as f64;
        total > 0 && (percent as f64 - exact).abs() < 1.0 - 1e-9
    };
    if candidates.iter().any(|c| agrees(c.done, c.total))
        || other_shares(input, doc, progress)
            .into_iter()
            .any(|(d, t)| agrees(d, t))
    {
        return;
    }
    let want_of = |c: &Counts| values::percent(c.done as u64, c.total as u64);
    let want = want_of(primary);
    let span = progress.percent.clone().expect("percent was read");
    let d = Diagnostic::new(
        "GSD102",
        FileKind::State,
        span.clone(),
        format!("progress says {percent}% but {} ({want}%)", primary.source),
    );
    // Rewritten only when every count the project keeps gives the same percent.
    out.push(if candidates.iter().all(|c| want_of(c) == want) {
        d.fix(
            format!("set the percent to {want}%"),
            vec![Edit::replace(span, want.to_string())],
        )
    } else {
        let all: Vec<String> = candidates
            .iter()
            .map(|c| format!("{} ({}%)", c.source, want_of(c)))
            .collect();
        d.help(format!("the counts disagree: {}", all.join("; ")))
    });
}

/// Other shares a percent may legitimately be of: any `N/M` or `N of M` in the note
/// (`75% (6/8 phases complete)`), the share of phases ROADMAP.md records as done, and the
/// current milestone's plans.
fn other_shares(input: &Input, doc: &Doc, progress: &ProgressLine) -> Vec<(usize, usize)> {
    let mut shares = Vec::new();
    if let Some(note) = &progress.note {
        shares.extend(fractions_in(doc.text(note.clone())));
    }
    let Some(roadmap) = &input.ws.roadmap else {
        return shares;
    };
    let done = |p: &crate::model::roadmap::RoadmapPhase| {
        p.is_checked()
            || roadmap
                .progress_row(&p.number)
                .and_then(|(t, r)| t.status(&roadmap.doc, r))
                == Some(crate::model::roadmap::RowStatus::Complete)
    };
    let boxed: Vec<_> = roadmap
        .phases
        .iter()
        .filter(|p| p.checkbox.is_some() || p.glyph.is_some())
        .collect();
    shares.push((boxed.iter().filter(|p| done(p)).count(), boxed.len()));
    shares.push((
        roadmap.phases.iter().filter(|p| done(p)).count(),
        roadmap.phases.len(),
    ));
    // The current milestone: the roadmap group of the phase STATE.md is in.
    let position = &input.ws.state.position;
    let current = position
        .phase
        .as_ref()
        .and_then(|p| p.number(doc))
        .and_then(crate::model::PhaseNum::parse)
        .and_then(|n| roadmap.phase(&n))
        .and_then(|p| p.milestone);
    if let Some(group) = current {
        let members: Vec<_> = roadmap
            .phases
            .iter()
            .filter(|p| p.milestone == Some(group))
            .collect();
        let listed: usize = members.iter().map(|p| p.plans.len()).sum();
        let ticked: usize = members
            .iter()
            .map(|p| p.plans.iter().filter(|x| x.checkbox.checked).count())
            .sum();
        shares.push((ticked, listed));
        shares.push((members.iter().filter(|p| done(p)).count(), members.len()));
        if let Some(phases) = &input.ws.phases {
            let dirs = members.iter().filter_map(|p| phases.phase(&p.number));
            let (d, t) = dirs.fold((0, 0), |(d, t), dir| {
                (
                    d + dir.summaries.len(),
                    t + dir.plans.len().max(dir.summaries.len()),
                )
            });
            shares.push((d, t));
        }
    }
    shares
}

/// Every `N/M` and `N of M` in free text.
fn fractions_in(text: &str) -> Vec<(usize, usize)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | '[' | ']'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if let Some((a, b)) = w.split_once('/')
            && let (Ok(a), Ok(b)) = (a.parse(), b.trim_end_matches(['.', ':']).parse())
        {
            out.push((a, b));
        }
        if *w == "of"
            && i > 0
            && let (Ok(a), Some(Ok(b))) = (
                words[i - 1].parse(),
                words
                    .get(i + 1)
                    .map(|x| x.trim_end_matches(['.', ':']).parse()),
            )
        {
            out.push((a, b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::{codes, findings};
    use crate::edit::EditSet;

    fn bar_codes(line: &str) -> Vec<&'static str> {
        codes(&format!("## Current Position\n\n{line}\n"))
            .into_iter()
            .map(|(c, _)| c)
            .collect()
    }

    #[test]
    fn bars_of_any_width_and_glyphs() {
        for ok in [
            "Progress: [███░░░░░░░] 30%",
            "Progress: [##########] 100% (Phase 6: 4/4 plans)",
            "Progress: [########--] 75%",
            "Progress: [#.......] 12%",
            "Progress: [#############       ] 67%",
            "Progress: [===========] 100%",
            "**Progress:** ░░░░░░░░░░ 0%",
            "Progress: ███████████████░░░░░ 75% (x)",
            "Progress: [███████░░░] 67%",
            "Progress: [██████░░░░] 67%",
        ] {
            assert_eq!(bar_codes(ok), Vec::<&str>::new(), "{ok}");
        }
        for bad in [
            "Progress: [███████░░░] 30%",
            "Progress: [##--------] 75%",
            "Progress: [===========] 55%",
            "Progress: ████████████████████ 10%",
            "Progress: [█████░░░░░] 67%",
        ] {
            assert_eq!(bar_codes(bad), vec!["GSD101"], "{bad}");
        }
    }

    #[test]
    fn the_fix_redraws_in_the_same_glyphs_and_width() {
        let text = "## Current Position\r\n\r\nProgress: [##........] 75%\r\n";
        let d = findings(text);
        let mut set = EditSet::new();
        set.extend(d[0].fix.clone().unwrap().edits);
        assert_eq!(
            set.apply(text).unwrap(),
            "## Current Position\r\n\r\nProgress: [########..] 75%\r\n"
        );
    }

    #[test]
    fn the_percent_is_checked_against_the_note() {
        let c = codes("Progress: [██████░░░░░] 55% (12/22 plans complete)\n");
        assert!(c.is_empty(), "{c:?}");
        let c = codes("Progress: [███░░░░░░░] 30% (4/10 plans complete)\n");
        assert_eq!(c[0].0, "GSD102");
        assert!(c[0].1.contains("4/10 plans (40%)"), "{}", c[0].1);
        // A phase-scoped count is not the overall progress.
        let c = codes("Progress: [████░░░░░░] 40% (Phase 3: 0/8 plans complete)\n");
        assert!(c.is_empty(), "{c:?}");
    }
}
