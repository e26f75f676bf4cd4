//! The sandbox's sense of time. Tests use a manual clock to expire codes and unlock accounts
//! without waiting; the binary uses the system clock.

use std::sync::Mutex;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeDelta, Timelike, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// Wall-clock time in Vietnam (UTC+7, no daylight saving), as the portal writes it.
    fn vietnam_now(&self) -> NaiveDateTime {
        to_vietnam(self.now())
    }
}

/// The machine's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that moves only when told to.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    /// Starts at the machine's current time, so tokens it stamps still verify elsewhere.
    pub fn starting_now() -> ManualClock {
        ManualClock(Mutex::new(Utc::now()))
    }

    pub fn advance(&self, by: TimeDelta) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Converts a UTC instant to Vietnam wall-clock time, in whole seconds: the portal's wire format
/// has no fractions, and a time must compare the same before and after a round trip.
pub fn to_vietnam(instant: DateTime<Utc>) -> NaiveDateTime {
    let offset = FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| unreachable!("+07:00 is a valid offset"));
    let local = instant.with_timezone(&offset).naive_local();
    local.with_nanosecond(0).unwrap_or(local)
}
