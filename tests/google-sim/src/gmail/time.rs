//! Calendar arithmetic for the Gmail half: civil dates ↔ Unix days, RFC 5322 dates with an
//! offset, and the America/Los_Angeles offset that Gmail applies to `after:`/`before:` dates.

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number: (year, month 1–12, day 1–31).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Day of the week, 0 = Sunday.
fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// Whether a civil date is valid.
pub(crate) fn valid_date(year: i64, month: u32, day: u32) -> bool {
    (1..=12).contains(&month)
        && day >= 1
        && civil_from_days(days_from_civil(year, month, day)) == (year, month, day)
}

/// Unix seconds of a wall-clock time at a fixed UTC offset (in minutes, east positive).
pub(crate) fn unix_from_local(
    (year, month, day): (i64, u32, u32),
    (hour, minute, second): (u32, u32, u32),
    offset_minutes: i32,
) -> i64 {
    days_from_civil(year, month, day) * 86_400
        + i64::from(hour) * 3600
        + i64::from(minute) * 60
        + i64::from(second)
        - i64::from(offset_minutes) * 60
}

/// An RFC 5322 date, e.g. `Thu, 20 Nov 2025 08:00:00 +0100`.
pub(crate) fn rfc5322(unix: i64, offset_minutes: i32) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let local = unix + i64::from(offset_minutes) * 60;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!(
        "{}, {day} {} {year} {:02}:{:02}:{:02} {sign}{:02}{:02}",
        DAYS[usize::try_from(weekday(days)).unwrap_or(0)],
        MONTHS[(month - 1) as usize],
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        off / 60,
        off % 60
    )
}

/// Day number of the `n`-th (1-based) Sunday of a month.
fn nth_sunday(year: i64, month: u32, n: i64) -> i64 {
    let first = days_from_civil(year, month, 1);
    let to_sunday = (7 - weekday(first)) % 7;
    first + to_sunday + 7 * (n - 1)
}

/// UTC offset of America/Los_Angeles at a Unix time, in seconds: daylight time from the second
/// Sunday of March 02:00 PST to the first Sunday of November 02:00 PDT.
pub(crate) fn pacific_offset(unix: i64) -> i64 {
    let (year, _, _) = civil_from_days(unix.div_euclid(86_400));
    let start = nth_sunday(year, 3, 2) * 86_400 + 10 * 3600;
    let end = nth_sunday(year, 11, 1) * 86_400 + 9 * 3600;
    if (start..end).contains(&unix) {
        -7 * 3600
    } else {
        -8 * 3600
    }
}

/// Unix seconds of midnight of a date in Gmail's search time zone (America/Los_Angeles).
pub(crate) fn pacific_midnight(year: i64, month: u32, day: u32) -> i64 {
    let local = days_from_civil(year, month, day) * 86_400;
    let guess = local + 8 * 3600;
    local - pacific_offset(guess)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            civil_from_days(days_from_civil(2025, 12, 31)),
            (2025, 12, 31)
        );
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert!(!valid_date(2025, 2, 29));
        assert!(valid_date(2024, 2, 29));
    }

    #[test]
    fn rfc5322_with_offset() {
        let t = unix_from_local((2025, 11, 20), (8, 0, 0), 60);
        assert_eq!(rfc5322(t, 60), "Thu, 20 Nov 2025 08:00:00 +0100");
        assert_eq!(rfc5322(t, 0), "Thu, 20 Nov 2025 07:00:00 +0000");
    }

    #[test]
    fn pacific_dst() {
        // 2026-01-15 is PST, 2025-07-01 PDT.
        assert_eq!(
            pacific_midnight(2026, 1, 15),
            unix_from_local((2026, 1, 15), (0, 0, 0), -480)
        );
        assert_eq!(
            pacific_midnight(2025, 7, 1),
            unix_from_local((2025, 7, 1), (0, 0, 0), -420)
        );
    }
}
