//! Copying the neighbours' style: new text looks as if the file's author wrote it.
//!
//! Every helper here takes an existing piece of the file (a number, a table row, a bar, a
//! timestamp) as the model for the new one, so the edit keeps zero padding, units, precision,
//! table padding, bar glyphs and timestamp shape instead of imposing gsd's own defaults.

pub use crate::model::values::pad_like;

mod cells;
mod dates;
mod numbers;

pub use cells::{cell_in_row, cell_raw, row_like, table_aligned, table_safe};
pub use dates::{date_separator, date_separator_in, done_suffix, file_separator, timestamp_like};
pub use numbers::{
    duration_like, increment_trailing, phase_like, render_bar, replace_first_number,
};

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset};

    use crate::model::state::Bar;
    use crate::source::Source;
    use crate::syntax::Doc;

    #[test]
    fn pipes_are_escaped_only_above_a_table_delimiter() {
        let doc = Doc::parse(Source::new(
            "S",
            "Phase: 2\n|---|---|\nStatus: x\n".to_string(),
        ));
        assert_eq!(table_safe(&doc, 0, "A | B"), "A \\| B");
        assert_eq!(table_safe(&doc, 0, "A \\| B"), "A \\| B");
        assert_eq!(table_safe(&doc, 2, "A | B"), "A | B");
    }

    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-02-01T10:00:00+00:00").unwrap()
    }

    #[test]
    fn padding_and_units_follow_the_neighbour() {
        assert_eq!(pad_like(2, "01"), "02");
        assert_eq!(pad_like(2, "1"), "2");
        assert_eq!(increment_trailing("D-07"), "D-08");
        assert_eq!(increment_trailing("KI-009"), "KI-010");
        assert_eq!(increment_trailing("12"), "13");
        assert_eq!(duration_like(13.0, "3 min"), "13 min");
        assert_eq!(duration_like(10.0, "3min"), "10min");
        assert_eq!(duration_like(28.0, "0.3 hours"), "0.5 hours");
        assert_eq!(duration_like(6.5, "3 min"), "6.5 min");
        assert_eq!(duration_like(4.4, "4m 12s"), "4m 24s");
        assert_eq!(duration_like(65.0, "1h 5m"), "1h 5m");
        assert_eq!(duration_like(125.0, "1h5m"), "2h5m");
        assert_eq!(replace_first_number("~30 min", 7.0).unwrap(), "~7 min");
    }

    #[test]
    fn timestamps_keep_their_shape() {
        let t = |s: &str| timestamp_like(s, now()).unwrap();
        assert_eq!(
            t("2026-01-26 20:04:22 (plan execution)"),
            ("2026-02-01 10:00:00".into(), 19)
        );
        assert_eq!(
            t("2026-02-08T04:57:13Z"),
            ("2026-02-01T10:00:00Z".into(), 20)
        );
        assert_eq!(
            t("2026-03-11T22:55:15.042Z"),
            ("2026-02-01T10:00:00.000Z".into(), 24)
        );
        assert_eq!(
            t("2026-01-21 14:23 UTC"),
            ("2026-02-01 10:00 UTC".into(), 20)
        );
        assert_eq!(t("2026-01-21"), ("2026-02-01".into(), 10));
        assert!(timestamp_like("--stopped-at", now()).is_none());
    }

    #[test]
    fn bars_keep_glyphs_and_width() {
        let bar = Bar {
            span: 0..0,
            filled: 3,
            width: 10,
            fill: '█',
            empty: '░',
        };
        assert_eq!(render_bar(&bar, 40), "████░░░░░░");
    }
}
