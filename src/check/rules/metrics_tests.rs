//! Unit tests of the metrics rules (GSD201–GSD206), kept apart to keep the rules short.
use crate::check::rules::testing::codes;

const TABLE: &str = "## Current Position\n\nStatus: In progress\n\n## Performance Metrics\n\n- Total plans completed: 3\n- Average duration: 6 min\n- Total execution time: 0.3 hours\n\n**By Phase:**\n\n| Phase | Plans | Total | Avg/Plan |\n|---|---|---|---|\n| 1 | 2 | 15 min | 7.5 min |\n| 2 | 1 | 3 min | 3 min |\n";

#[test]
fn precision_follows_the_file() {
    assert!(codes(TABLE).is_empty());
    // 18 min is 0.30 hours; two decimals written means ±0.005, and rounded table cells
    // add 5% of slack: 0.31 passes, 0.33 (10% off) does not.
    assert!(codes(&TABLE.replace("0.3 hours", "0.31 hours")).is_empty());
    let c = codes(&TABLE.replace("0.3 hours", "0.33 hours"));
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].0, "GSD202");
    // Minutes are fine too.
    assert!(codes(&TABLE.replace("0.3 hours", "18 min")).is_empty());
}

#[test]
fn scoped_tables_and_approximations_are_not_checked() {
    let scoped = TABLE
        .replace("**By Phase:**", "**By Phase (v3.0):**")
        .replace("completed: 3", "completed: 14");
    assert!(!codes(&scoped).iter().any(|(c, _)| *c == "GSD201"));
    let broken_down = TABLE.replace("completed: 3", "completed: 14 (v2.0: 11, v3.0: 3)");
    assert!(!codes(&broken_down).iter().any(|(c, _)| *c == "GSD201"));
    let approx = TABLE.replace("Average duration: 6 min", "Average duration: ~8 min");
    assert!(codes(&approx).is_empty());
    for qualified in [
        "8min (automated only)",
        "8 min + manual",
        "9 min excluding UAT",
    ] {
        let q = TABLE.replace(
            "Average duration: 6 min",
            &format!("Average duration: {qualified}"),
        );
        assert!(codes(&q).is_empty(), "{qualified}");
    }
    // Without a table, an average checked against the totals is reported with no fix.
    let no_table = TABLE
        .split("**By Phase:**")
        .next()
        .unwrap()
        .replace("Average duration: 6 min", "Average duration: 9 min");
    let ids = TABLE.replace(
        "Status: In progress",
        "Status: In progress\n\n- Last 5 plans: 06-02, 06-03, 07-01 through 07-03",
    );
    assert!(codes(&ids).is_empty(), "{:?}", codes(&ids));
    let fix_rows = TABLE.replace(
        "| 1 | 2 | 15 min | 7.5 min |",
        "| 1 | 2+FIX | 15 min | 5 min |",
    );
    assert!(codes(&fix_rows).is_empty(), "{:?}", codes(&fix_rows));
    let d = crate::check::rules::testing::findings(&no_table);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "GSD203");
    assert!(d[0].fix.is_none());
}

#[test]
fn placeholders_are_not_unreadable() {
    let template = "## Current Position\n\n## Performance Metrics\n\n- Total plans completed: 0\n- Average duration: -\n- Total execution time: 0 hours\n\n**By Phase:**\n\n| Phase | Plans | Total | Avg/Plan |\n|---|---|---|---|\n| - | - | - | - |\n\n- Last 5 plans: -\n";
    assert!(codes(template).is_empty(), "{:?}", codes(template));
}

#[test]
fn bounded_and_grouped_durations_read() {
    // `<1 min`, `[..]` and days are durations or placeholders, not unreadable values.
    for value in ["<1 min", "[..]", "2 days", "≥ 3 hours", "1.5 days"] {
        let c = codes(&TABLE.replace(
            "Average duration: 6 min",
            &format!("Average duration: {value}"),
        ));
        assert!(!c.iter().any(|(c, _)| *c == "GSD206"), "{value}: {c:?}");
    }
    let c = codes(&TABLE.replace("Average duration: 6 min", "Average duration: 12 mn"));
    assert!(c.iter().any(|(c, _)| *c == "GSD206"), "{c:?}");
}

#[test]
fn a_stale_by_phase_table_is_no_ground_for_a_fix() {
    // Without sibling files, a table whose plans fall short of `Total plans completed` lags.
    let stale = TABLE
        .replace("completed: 3", "completed: 9")
        .replace("0.3 hours", "2 hours");
    let found = crate::check::rules::testing::findings(&stale);
    let time = found.iter().find(|d| d.code == "GSD202").expect("GSD202");
    assert!(time.fix.is_none(), "{time:?}");
    assert!(time.help.as_deref().unwrap_or("").contains("stale"));
}
