//! `complete` keeps the Performance Metrics block in the file's own shape: the `Last 5 plans`
//! list grows until it reaches its label's cap while it still names every plan done, and a
//! shorter list that has already dropped plans stays at the length the file settled on; a
//! Progress note keeps its unit past a milestone qualifier (`0/4 v4.0 phases`).

use crate::spec::given;

/// A STATE.md whose velocity counts `done` plans and whose trend lists four of them.
fn four_listed_of(done: u64) -> String {
    format!(
        "## Current Position\n\nPhase: 1 of 2\nPlan: 4 of 6\n\n## Performance Metrics\n\n- Total plans completed: {done}\n- Average duration: 4 min\n- Total execution time: 0.4 hours\n- Last 5 plans: 01-01 (2min), 01-02 (5min), 01-03 (4min), 01-04 (1min)\n"
    )
}

#[test]
fn a_trend_naming_every_plan_done_fills_up_to_its_cap() {
    given(&four_listed_of(4))
        .running("state complete 01-05 --duration 3min")
        .contains("- Last 5 plans: 01-01 (2min), 01-02 (5min), 01-03 (4min), 01-04 (1min), 01-05 (3min)\n");
}

#[test]
fn a_trend_that_already_dropped_plans_keeps_its_length() {
    given(&four_listed_of(6))
        .running("state complete 01-05 --duration 3min")
        .contains("- Last 5 plans: 01-02 (5min), 01-03 (4min), 01-04 (1min), 01-05 (3min)\n");
}

#[test]
fn a_progress_note_of_milestone_phases_keeps_counting_phases() {
    // `(0/4 v4.0 phases)`: phases of one milestone. Finishing the first of two plans of its
    // first phase finishes no phase, so the percent (0 of 4 phases) stays.
    let roadmap = "# Roadmap\n\n- [x] **Phase 16: Config**\n- [ ] **Phase 17: Foundation**\n- [ ] **Phase 18: Discovery**\n- [ ] **Phase 19: Alerts**\n- [ ] **Phase 20: Lifecycle**\n\n### Phase 17: Foundation\n\nPlans:\n- [ ] 17-01-PLAN.md — Constants\n- [ ] 17-02-PLAN.md — Rehydration\n";
    given("## Current Position\n\nPhase: 17 of 20 (Foundation)\nPlan: 0 of 2\nStatus: Ready to execute\n\nProgress: [░░░░░░░░░░] 0% (0/4 v4.0 phases)\n")
        .and_roadmap(roadmap)
        .running("state complete 17-01 --duration 5min")
        .contains("Progress: [░░░░░░░░░░] 0% (0/4 v4.0 phases)\n");
}

#[test]
fn a_percent_is_rounded_to_the_nearest_even_after_a_floored_one() {
    // 2 of 19 written floored (10%, not 11%): one such value is no rule; 3 of 19 is 16%.
    given("## Current Position\n\nPhase: 42 of 44\nPlan: 2 of 19\n\nProgress: [██░░░░░░░░] 10% (2/19 plans)\n")
        .running("state complete 42-03 --duration 5min")
        .contains("Progress: [██░░░░░░░░] 16% (3/19 plans)\n");
}

#[test]
fn a_progress_note_counting_a_share_of_phases_is_left_as_written() {
    // `2.75/5 phases`: phases done plus a share of the current one, the author's own
    // arithmetic. It is neither misread (as 75 of 5) nor moved apart from its percent.
    given("## Current Position\n\nPhase: 11 of 13\nPlan: 2 of 4\n\nProgress: ████░░░░░░ 55% (2.75/5 phases)\n")
        .running("state complete 11-03 --duration 5min")
        .contains("Progress: ████░░░░░░ 55% (2.75/5 phases)\n")
        .notes("share of phases");
}

/// A STATE.md in phase 14 whose progress bar has no percent, only a note of phase 14's plans.
const PHASE_14_BAR: &str = "## Current Position\n\nPhase: 14 of 14\nPlan: 1 of 2\nStatus: In progress\n\nProgress: [█████░░░░░] 1/2 Phase 14 plans complete\n";

#[test]
fn a_bar_without_a_percent_draws_its_notes_counts() {
    given(PHASE_14_BAR)
        .running("state complete 14-02 --duration 5min")
        .contains("Progress: [██████████] 2/2 Phase 14 plans complete\n");
}

#[test]
fn a_note_of_one_phases_plans_named_after_the_counts_keeps_its_phase() {
    // `1/2 Phase 14 plans`: phase 14's plans, not `1/2 phases`. A plan of phase 13 finished
    // late leaves it as written.
    let roadmap = "# Roadmap\n\n### Phase 13: Onboarding\n\nPlans:\n- [x] 13-01-PLAN.md — Invites\n- [x] 13-02-PLAN.md — Roles\n- [ ] 13-03-PLAN.md — Navigation\n\n### Phase 14: Admin\n\nPlans:\n- [x] 14-01-PLAN.md — Routes\n- [ ] 14-02-PLAN.md — Dashboard\n";
    given(PHASE_14_BAR)
        .and_roadmap(roadmap)
        .running("state complete 13-03 --duration 5min")
        .contains("Progress: [█████░░░░░] 1/2 Phase 14 plans complete\n");
}

/// A roadmap whose phase 10 lists four plans, none done.
const PHASE_10_OF_FOUR: &str = "# Roadmap\n\n### Phase 10: Parallel\n\nPlans:\n- [ ] 10-01: Rename\n- [ ] 10-02: Workflow\n- [ ] 10-03: Command\n- [ ] 10-04: Schema\n";

#[test]
fn a_plans_tally_never_reaches_its_total_while_plans_are_known_open() {
    // `15 of 16+`: finishing 10-01 makes 16 done, but 10-02..04 are still open: not 100%.
    // 16 of 19 would lower the percent, so the line stays as written and the note says why.
    given("## Current Position\n\nPhase: 10 of 10\nPlan: 0 of 4\n\nProgress: ████████████░ 93% (15 of 16+ plans)\n")
        .and_roadmap(PHASE_10_OF_FOUR)
        .running("state complete 10-01 --duration 5min")
        .contains("Progress: ████████████░ 93% (15 of 16+ plans)\n")
        .notes("progress never goes back");
}

#[test]
fn a_tally_below_its_total_still_gains_the_plan() {
    given("## Current Position\n\nPhase: 10 of 10\nPlan: 0 of 4\n\nProgress: ████████░░ 75% (12 of 16 plans)\n")
        .and_roadmap(PHASE_10_OF_FOUR)
        .running("state complete 10-01 --duration 5min")
        .contains("81% (13 of 16 plans)\n");
}

#[test]
fn a_trend_in_the_order_plans_ran_is_appended_to() {
    // 42-03 ran after 43-08 (a plan of an earlier phase, late): the list is in the order
    // plans ran, not newest first, so 42-02 goes at its end.
    given("## Current Position\n\nPhase: 43 of 44\nPlan: 8 of 8\n\n## Performance Metrics\n\n- Total plans completed: 12\n- Last 3 plans: 43-07 (1min), 43-08 (2min), 42-03 (2min)\n")
        .running("state complete 42-02 --duration 3min")
        .contains("- Last 3 plans: 43-08 (2min), 42-03 (2min), 42-02 (3min)\n");
}

#[test]
fn a_trend_led_by_its_newest_plan_gains_the_new_one_first() {
    given("## Current Position\n\nPhase: 23 of 24\nPlan: 1 of 2\n\n## Performance Metrics\n\n- Total plans completed: 12\n- Last 3 plans: 23-01 (3min), 22-01 (4min), 22-02 (2min)\n")
        .running("state complete 23-02 --duration 3min")
        .contains("- Last 3 plans: 23-02 (3min), 23-01 (3min), 22-01 (4min)\n");
}

#[test]
fn a_percent_of_the_plans_known_before_this_one_moves_over_those_known_now() {
    // 83% is the file's own 15 done over 18 plans, the plans known before the nineteenth was
    // written: finishing plan 16 is 16 of 19 (84%), not an estimate of its own.
    let list: String = (1..=19)
        .map(|n| {
            let tick = if n <= 15 { "x" } else { " " };
            format!("- [{tick}] 06-{n:02}-PLAN.md — Step {n}\n")
        })
        .collect();
    let roadmap = format!("# Roadmap\n\n### Phase 6: Dashboard\n\nPlans:\n{list}");
    given("## Current Position\n\nPhase: 6 of 6\nPlan: 15 of 19\n\nProgress: ██████████░ 83%\n\n## Performance Metrics\n\n- Total plans completed: 15\n")
        .and_roadmap(&roadmap)
        .running("state complete 06-16 --duration 5min")
        .contains("Progress: █████████░░ 84%\n");
}

#[test]
fn a_plan_known_only_by_the_summaries_before_it_still_leaves_its_phase_open_until_done() {
    // `fixtures/ledger/summaries-only`: no PLAN files, no ROADMAP plan lists; phase 2 has
    // 02-01's SUMMARY only. Before 02-02 was done phase 2 was open (the plan existed), so the
    // note's 1 of 3 phases is the evidence's count, and finishing phase 2 makes it 2 of 3.
    crate::spec::given_tree(
        &crate::support::fixtures_dir()
            .join("ledger")
            .join("summaries-only"),
    )
    .running("state complete 02-02 --duration 5min")
    .contains("Progress: [=======...] 67% (2/3 phases complete)\n");
}

#[test]
fn an_estimated_total_stays_an_estimate() {
    given("## Current Position\n\nPhase: 7 of 9\nPlan: 1 of 3\n\nProgress: [#####.....] ~50% (10/~20 v1.1 plans estimated)\n")
        .running("state complete 07-02 --duration 5min")
        .contains("~55% (11/~20 v1.1 plans estimated)\n");
}

#[test]
fn a_bar_is_full_only_at_100_and_empty_only_at_0() {
    // 35 of 36 is 97%: nine glyphs of ten, not a bar that looks done.
    given("## Current Position\n\nPhase: 9 of 9\nPlan: 1 of 2\n\nProgress: █████████░ 94% (34/36 plans complete)\n")
        .running("state complete 09-02 --duration 5min")
        .contains("Progress: █████████░ 97% (35/36 plans complete)\n");
}

#[test]
fn a_bar_with_words_but_no_counts_is_not_redrawn_from_a_guess() {
    given("## Current Position\n\nPhase: 3 of 9\nPlan: 1 of 2\n\nProgress: [████████████████████] v1.0-v8.0 done (64 phases, 138 plans)\n")
        .running("state complete 03-02 --duration 5min")
        .contains("Progress: [████████████████████] v1.0-v8.0 done (64 phases, 138 plans)\n")
        .notes("no percent or counts");
}

#[test]
fn a_bar_without_a_percent_never_goes_back() {
    // 41/41 drawn full; a new milestone's plans would make it 42/44: the bar and its counts
    // stay, and the note says why.
    given("## Current Position\n\nPhase: 16 of 16\nPlan: 1 of 3\n\nProgress: [█████████████████████] 41/41 plans complete\n")
        .and_roadmap("# Roadmap\n\n### Phase 16: Fixes\n\nPlans:\n- [ ] 16-01-PLAN.md — One\n- [ ] 16-02-PLAN.md — Two\n- [ ] 16-03-PLAN.md — Three\n")
        .running("state complete 16-02 --duration 5min")
        .contains("Progress: [█████████████████████] 41/41 plans complete\n")
        .notes("never goes back");
}

#[test]
fn a_zero_percent_is_read_in_the_templates_scope() {
    // 0% is where every scope starts, so it does not say which one the file counts. STATE
    // never recorded the two plans ROADMAP ticks (it still says 0 of 4), and no phase is
    // done: the percent is not left at 0 because "0 of 2 phases" happens to give it, it
    // counts plans, as the template does: 3 of 6 once 01-03 is done.
    given("## Current Position\n\nPhase: 1 of 2 (Core)\nPlan: 0 of 4 in current phase\nStatus: Ready to execute\n\nProgress: [░░░░░░░░░░] 0%\n")
        .and_roadmap("# Roadmap\n\n### Phase 1: Core\n\nPlans:\n- [x] 01-01-PLAN.md — A\n- [x] 01-02-PLAN.md — B\n- [ ] 01-03-PLAN.md — C\n- [ ] 01-04-PLAN.md — D\n\n### Phase 2: Web\n\nPlans:\n- [ ] 02-01-PLAN.md — E\n- [ ] 02-02-PLAN.md — F\n")
        .running("state complete 01-03 --duration 5min")
        .contains("Progress: [█████░░░░░] 50%\n");
}

#[test]
fn a_trend_list_gains_the_plans_done_since_it_was_last_kept() {
    // `fixtures/ledger/unlisted-plans`: the list names 01-01 only, while 01-02 was done (and
    // counted) without joining it. Completing 01-03 adds both, each with its SUMMARY's
    // duration (`metrics: duration_minutes: 3` for 01-02), in the order they ran.
    let ran = crate::spec::given_tree(
        &crate::support::fixtures_dir()
            .join("ledger")
            .join("unlisted-plans"),
    )
    .running("state complete 01-03 --duration 6min");
    insta::assert_snapshot!("ledger__unlisted_plans_complete", ran.report());
    ran.contains("- Last 5 plans: 01-01 (6 min), 01-02 (3 min), 01-03 (6 min)\n")
        .contains("- Total plans completed: 3\n")
        .contains("| 1 | 3 | 15 min | 5.0 min |\n");
}

#[test]
fn counters_that_stopped_where_the_trend_list_did_record_the_plans_it_missed() {
    // The same project with every counter stopped at 01-01, as the list did: 01-02 is
    // recorded with 01-03, so the count, the time and the phase's row agree with the list.
    let tree = crate::support::fixtures_dir()
        .join("ledger")
        .join("unlisted-plans");
    let stopped = crate::spec::given_tree(&tree)
        .editing_state("- Total plans completed: 2", "- Total plans completed: 1")
        .editing_state("- Average duration: 4.5 min", "- Average duration: 6 min")
        .editing_state("0.15 hours", "0.10 hours")
        .editing_state("| 1 | 2 | 9 min | 4.5 min |", "| 1 | 1 | 6 min | 6 min |");
    stopped
        .running("state complete 01-03 --duration 6min")
        .contains("- Total plans completed: 3\n")
        .contains("- Average duration: 5 min\n")
        .contains("- Total execution time: 0.25 hours\n")
        .contains("| 1 | 3 | 15 min | 5 min |\n");
    // A count the list does not match (it names fewer plans than it counts) is a tally the
    // list says nothing about: it gains this plan alone.
    crate::spec::given_tree(&tree)
        .editing_state("| 1 | 2 | 9 min | 4.5 min |", "| 1 | 1 | 6 min | 6 min |")
        .running("state complete 01-03 --duration 6min")
        .contains("- Total plans completed: 3\n")
        .contains("| 1 | 3 | 15 min | 5 min |\n");
}

#[test]
fn a_note_setting_a_phase_count_equal_to_a_total_moves_both() {
    // `Phase 4: 2/10 = 22/31 total plans` at 71%: the phase's count and the project's both
    // gain the plan, and the percent is the second's (23 of 31 is 74%).
    given("## Current Position\n\nPhase: 4 of 5\nPlan: 2 of 10\n\nProgress: [███████░░░] 71% (Phases 1-3 complete + Phase 4: 2/10 = 22/31 total plans)\n")
        .running("state complete 04-03 --duration 5min")
        .contains("Progress: [███████░░░] 74% (Phases 1-3 complete + Phase 4: 3/10 = 23/31 total plans)\n");
}

#[test]
fn a_by_phase_row_counting_extra_runs_gains_the_plan_in_its_count() {
    // `4+FIX`: four plans and a fix run; the plan joins the four, the average is over all six.
    given("## Current Position\n\nPhase: 5 of 6\nPlan: 4 of 6\n\n**By Phase:**\n\n| Phase | Plans | Total | Avg/Plan |\n|-------|-------|-------|----------|\n| 05-parity | 4+FIX | 35 min | 7.0 min |\n")
        .running("state complete 05-05 --duration 6min")
        .contains("| 05-parity | 5+FIX | 41 min | 6.8 min |\n");
}

#[test]
fn an_average_within_a_rounded_totals_range_is_that_total_over_the_count() {
    // `0.6 hours` is anywhere from 33 to 39 minutes: 3.5 minutes over 10 plans is that total
    // divided, not an average kept apart, so it becomes the new total over 11 (40 / 11).
    given("## Current Position\n\nPhase: 4 of 5\nPlan: 3 of 4\n\n## Performance Metrics\n\n**Velocity:**\n- Total plans completed: 10\n- Average duration: 3.5 minutes\n- Total execution time: 0.6 hours\n")
        .running("state complete 04-04 --duration 4min")
        .contains("- Average duration: 3.6 minutes\n")
        .contains("- Total execution time: 0.7 hours\n");
    // An average no reading of the total gives (13 min beside 0.87 hours over 6 plans) is
    // kept apart: it moves by this plan's share.
    given("## Current Position\n\nPhase: 3 of 5\nPlan: 2 of 3\n\n## Performance Metrics\n\n**Velocity:**\n- Total plans completed: 6\n- Average duration: 13min\n- Total execution time: 0.87 hours\n")
        .running("state complete 03-03 --duration 2min")
        .contains("- Average duration: 11min\n");
}
