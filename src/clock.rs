//! The only place gsd reads the clock. `GSD_NOW` (RFC 3339, or `YYYY-MM-DD` meaning midnight
//! local time) makes every command's output reproducible in tests and CI.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, TimeZone};

/// The variable that pins the clock.
pub const ENV: &str = "GSD_NOW";

/// Now, from `GSD_NOW` when set, else the local clock.
pub fn now() -> anyhow::Result<DateTime<FixedOffset>> {
    match std::env::var(ENV) {
        Ok(value) if !value.trim().is_empty() => parse(value.trim()).ok_or_else(|| {
            anyhow::anyhow!(
                "{ENV}={value:?} is not a date\n  hint: use RFC 3339 (2026-01-26T20:04:22Z) or YYYY-MM-DD"
            )
        }),
        _ => Ok(Local::now().fixed_offset()),
    }
}

/// Today's date, from `GSD_NOW` when set.
pub fn today() -> anyhow::Result<NaiveDate> {
    Ok(now()?.date_naive())
}

/// Parses an RFC 3339 timestamp or a plain date (midnight UTC).
pub fn parse(value: &str) -> Option<DateTime<FixedOffset>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(value) {
        return Some(t);
    }
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?;
    let utc = FixedOffset::east_opt(0)?;
    utc.from_local_datetime(&date.and_hms_opt(0, 0, 0)?)
        .single()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms() {
        assert_eq!(
            parse("2026-01-26").unwrap().to_rfc3339(),
            "2026-01-26T00:00:00+00:00"
        );
        assert_eq!(
            parse("2026-01-26T20:04:22+02:00").unwrap().to_rfc3339(),
            "2026-01-26T20:04:22+02:00"
        );
        assert!(parse("yesterday").is_none());
    }
}
