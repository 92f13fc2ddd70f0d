//! Where a briefing's date is decided: `--date`, else `SOURCE_DATE_EPOCH`, else today — or, in
//! `brief build` without either, the day the briefing's content last changed (kept in the
//! manifest), so that an unchanged briefing keeps its date and its bytes. A date that is not
//! one, or is out of range, is a usage error (exit status 2), as a bad flag is.

use anyhow::Result;

use crate::error::{hinted, usage};
pub use crate::render::BriefDate;

/// A briefing's date and the PDF timestamp that goes with it.
#[derive(Debug, Clone, Copy)]
pub struct Dated {
    pub date: BriefDate,
    /// Seconds since the epoch, for the PDF's creation and modification dates.
    pub timestamp: i64,
    /// Whether the date was forced (`--date`, `SOURCE_DATE_EPOCH`) rather than taken as today.
    pub forced: bool,
}

/// The years typst can print and date a PDF with.
const FIRST: i32 = 1970;
const LAST: i32 = 9999;

impl Dated {
    pub fn from_naive(d: chrono::NaiveDate, forced: bool) -> Result<Dated> {
        use chrono::Datelike;
        if !(FIRST..=LAST).contains(&d.year()) {
            return Err(usage(hinted(
                format!("the date {d} is outside the years {FIRST}–{LAST}"),
                "give a date from 1970-01-01 to 9999-12-31",
            )));
        }
        let timestamp = d
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc()
            .timestamp();
        Ok(Dated {
            date: BriefDate::from_naive(d),
            timestamp,
            forced,
        })
    }

    /// `2026-11-22`, as the manifest keeps it.
    pub fn iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.date.year, self.date.month, self.date.day
        )
    }

    pub fn parse_iso(s: &str, forced: bool) -> Result<Dated> {
        let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
            usage(hinted(
                format!("--date {s:?} is not a date: {e}"),
                "write it as YYYY-MM-DD, e.g. 2026-11-22",
            ))
        })?;
        Dated::from_naive(d, forced)
    }
}

/// The date a run uses: `--date`, else `SOURCE_DATE_EPOCH`, else today (not forced).
pub fn resolve(arg: Option<&str>) -> Result<Dated> {
    if let Some(s) = arg {
        return Dated::parse_iso(s, true);
    }
    if let Some(s) = std::env::var_os("SOURCE_DATE_EPOCH").filter(|s| !s.is_empty()) {
        let s = s.to_string_lossy();
        let ts: i64 = s.trim().parse().map_err(|_| {
            usage(hinted(
                format!("SOURCE_DATE_EPOCH={s:?} is not a number of seconds"),
                "set it to seconds since 1970-01-01, e.g. SOURCE_DATE_EPOCH=1763769600",
            ))
        })?;
        let dt = chrono::DateTime::from_timestamp(ts, 0).ok_or_else(|| {
            usage(hinted(
                format!("SOURCE_DATE_EPOCH={s} is out of range"),
                "give seconds from 0 to 253402214400 (9999-12-31)",
            ))
        })?;
        return Dated::from_naive(dt.date_naive(), true);
    }
    Dated::from_naive(chrono::Local::now().date_naive(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_typst_can_print() {
        assert!(Dated::parse_iso("2026-11-22", true).is_ok());
        assert!(Dated::parse_iso("1969-12-31", true).is_err());
        assert!(Dated::parse_iso("+10000-01-01", true).is_err());
        assert!(Dated::parse_iso("2026-02-30", true).is_err());
        assert_eq!(
            Dated::parse_iso("2026-01-05", true).unwrap().iso(),
            "2026-01-05"
        );
    }
}
