//! Instants as the patient lived them: a UTC instant plus the IANA zone it was recorded in.
//!
//! Storing the zone next to the instant keeps "what time was it for me" answerable after travel or a
//! change of the device's zone, and keeps every comparison in UTC, where there are no gaps or folds.
//!
//! Zones come from the operating system's time-zone database (`/usr/share/zoneinfo` on Linux, the
//! system's `tzdata` on Android), read through jiff, so the device's own updates carry a
//! government's new daylight-saving rules to the reminders without an app release. A name the
//! system does not know is read from jiff's compact copy built into the app (0.25 MB; chrono-tz's
//! tables were 1.9 MB of the release binary), so every name the app ever accepted still opens.

use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;

use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc,
};
use serde::{Deserialize, Serialize};

use crate::error::Invalid;

/// A validated IANA time zone (e.g. `America/New_York`), serialized as its name.
#[derive(Clone, Copy, ts_rs::TS)]
#[ts(export_to = "../../ui/src/lib/generated/", type = "string")]
pub struct Zone(&'static Loaded);

/// A zone read from the database, kept for the life of the process: there are a few hundred zone
/// names, and only names the database knows are ever loaded, so the set is bounded.
struct Loaded {
    name: &'static str,
    rules: jiff::tz::TimeZone,
}

static UTC: Loaded = Loaded {
    name: "UTC",
    rules: jiff::tz::TimeZone::UTC,
};

/// Every zone loaded so far, looked up by exact name before the database is asked.
static LOADED: Mutex<Vec<&'static Loaded>> = Mutex::new(Vec::new());

thread_local! {
    /// The zone this thread named last: unlocking reads three zones a record, nearly always the
    /// same one, and this answers them without taking [`LOADED`]'s lock.
    static LAST: std::cell::Cell<Option<Zone>> = const { std::cell::Cell::new(None) };
}

impl Zone {
    /// Coordinated Universal Time.
    pub const UTC: Zone = Zone(&UTC);

    /// The zone named `name`; an unknown name is an error rather than a silent fallback to UTC,
    /// because a wrong zone would shift every reminder.
    pub fn new(name: &str) -> Result<Self, Invalid> {
        if let Some(zone) = LAST.get().filter(|z| z.name() == name) {
            return Ok(zone);
        }
        let zone = Self::load(name).ok_or_else(|| {
            Invalid::new(
                "zone",
                "must be an IANA time zone name such as America/New_York",
            )
        })?;
        LAST.set(Some(zone));
        Ok(zone)
    }

    fn load(name: &str) -> Option<Self> {
        if name == UTC.name {
            return Some(Self::UTC);
        }
        let mut loaded = LOADED
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = loaded.iter().find(|z| z.name == name) {
            return Some(Self(found));
        }
        // The system's database first (its rules are the newest the device has); a name it does not
        // know (an older system, or a legacy name like `US/Eastern` that newer systems package
        // apart) from the copy built into the app, so a zone recorded in the vault or sent by the
        // clinic is never refused on a device that lacks it.
        let rules = (jiff::tz::db().get(name))
            .or_else(|_| bundled().get(name))
            .ok()?;
        // The database's own spelling: it finds names case-insensitively.
        let canonical = rules.iana_name()?;
        if let Some(found) = loaded.iter().find(|z| z.name == canonical) {
            return Some(Self(found));
        }
        let zone: &'static Loaded = Box::leak(Box::new(Loaded {
            name: Box::leak(canonical.into()),
            rules: rules.clone(),
        }));
        loaded.push(zone);
        Some(Self(zone))
    }

    /// The IANA name, e.g. `Europe/London`.
    pub fn name(&self) -> &'static str {
        self.0.name
    }

    /// `utc` as wall-clock time in this zone.
    pub fn local(&self, utc: DateTime<Utc>) -> DateTime<Zone> {
        utc.with_timezone(self)
    }

    /// The calendar date `utc` falls on in this zone.
    pub fn local_date(&self, utc: DateTime<Utc>) -> NaiveDate {
        self.local(utc).date_naive()
    }

    /// The instant at which this zone's wall clock reads `date` `time`, resolved deterministically:
    ///
    /// - a wall time that does not exist (the clock jumps over it when daylight saving starts) is moved
    ///   forward by the length of the jump, so "02:30" on a day that skips 02:00-03:00 becomes 03:30:
    ///   the event still happens, as close as possible to when it was asked for;
    /// - a wall time that happens twice (the clock falls back) resolves to the earlier instant, so
    ///   anything planned at that time happens once, the first time the clock shows it.
    pub fn resolve(&self, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let wall = date.and_time(time);
        match self.from_local_datetime(&wall) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
            LocalResult::None => self.resolve_in_gap(wall),
        }
    }

    /// A nonexistent wall time read with the offset in force just before the jump, which is the same
    /// as moving it forward by the jump's length.
    fn resolve_in_gap(&self, wall: NaiveDateTime) -> DateTime<Utc> {
        // Walk back to the last wall time that exists; every real gap is far shorter than a day.
        for minutes in 1..=24 * 60 {
            let earlier = wall - Duration::minutes(minutes);
            let offset = match self.from_local_datetime(&earlier) {
                LocalResult::Single(t) => t.offset().fix(),
                LocalResult::Ambiguous(_, later) => later.offset().fix(),
                LocalResult::None => continue,
            };
            return (wall - offset).and_utc();
        }
        // No zone has a day-long gap; reading the wall time as UTC keeps this total without panicking.
        wall.and_utc()
    }

    fn offset(&self, seconds: i32) -> ZoneOffset {
        ZoneOffset {
            zone: *self,
            // Offsets in the database are well inside a day, which is all FixedOffset refuses.
            fixed: FixedOffset::east_opt(seconds).unwrap_or(Utc.fix()),
        }
    }
}

/// The IANA database as this build of the app knows it: what the system's database lacks.
fn bundled() -> &'static jiff::tz::TimeZoneDatabase {
    static BUNDLED: std::sync::OnceLock<jiff::tz::TimeZoneDatabase> = std::sync::OnceLock::new();
    BUNDLED.get_or_init(jiff::tz::TimeZoneDatabase::bundled)
}

/// An instant for the database, which covers the years -9999 to 9999: an instant beyond them reads
/// the rules at the nearest end (the last rule of a zone holds forever).
fn instant(utc: &NaiveDateTime) -> jiff::Timestamp {
    let (min, max) = (jiff::Timestamp::MIN, jiff::Timestamp::MAX);
    let seconds = utc.and_utc().timestamp();
    jiff::Timestamp::from_second(seconds.clamp(min.as_second(), max.as_second())).unwrap_or(max)
}

/// A wall-clock time for the database (see [`instant`] for the years beyond it; a leap second reads
/// as the second before it).
fn wall_clock(local: &NaiveDateTime) -> jiff::civil::DateTime {
    let whole = jiff::tz::Offset::UTC.to_datetime(instant(local));
    let nanos = local.and_utc().timestamp_subsec_nanos().min(999_999_999);
    whole
        .with()
        .subsec_nanosecond(nanos as i32)
        .build()
        .unwrap_or(whole)
}

/// A zone's offset at one instant: what chrono keeps beside a `DateTime<Zone>`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    fixed: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.fixed, self.zone.name())
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.fixed, f)
    }
}

/// A zone is a chrono time zone, so `DateTime<Zone>` is wall-clock time there and its arithmetic
/// crosses daylight-saving changes.
impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        use jiff::tz::AmbiguousOffset;
        match self
            .0
            .rules
            .to_ambiguous_timestamp(wall_clock(local))
            .offset()
        {
            AmbiguousOffset::Unambiguous { offset } => {
                LocalResult::Single(self.offset(offset.seconds()))
            }
            // The earlier instant first, as chrono's Ambiguous has it: the offset before the fold.
            AmbiguousOffset::Fold { before, after } => {
                LocalResult::Ambiguous(self.offset(before.seconds()), self.offset(after.seconds()))
            }
            AmbiguousOffset::Gap { .. } => LocalResult::None,
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset(self.0.rules.to_offset(instant(utc)).seconds())
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        // One loaded value per name, so the same zone is the same address.
        std::ptr::eq(self.0, other.0) || self.name() == other.name()
    }
}

impl Eq for Zone {}

impl std::hash::Hash for Zone {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Zone").field(&self.name()).finish()
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Zone {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Invalid> {
        Self::new(s)
    }
}

impl TryFrom<String> for Zone {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::new(&s)
    }
}

// Serialized by hand rather than with `#[serde(try_from)]` so that deserializing goes through the same
// validation as `try_from`, without ts-rs tripping over the serde attribute.
impl Serialize for Zone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.name().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The name is looked at where it lies, never copied: unlocking reads three zones a record.
        struct Name;
        impl serde::de::Visitor<'_> for Name {
            type Value = Zone;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an IANA time zone name")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Zone, E> {
                Zone::new(name).map_err(E::custom)
            }
        }
        d.deserialize_str(Name)
    }
}

impl From<Zone> for String {
    fn from(z: Zone) -> String {
        z.name().to_owned()
    }
}

/// An instant as recorded: UTC for ordering and arithmetic, the zone for showing it as the patient
/// lived it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "../../ui/src/lib/generated/")]
pub struct Stamp {
    /// The instant, in UTC.
    pub utc: DateTime<Utc>,
    /// The zone the instant was recorded in.
    pub zone: Zone,
}

// Read by hand for its instant: see [`parse_utc`].
impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire<'a> {
            #[serde(borrow)]
            utc: std::borrow::Cow<'a, str>,
            zone: Zone,
        }
        let wire = Wire::deserialize(d)?;
        Ok(Self {
            utc: parse_utc(&wire.utc).map_err(serde::de::Error::custom)?,
            zone: wire.zone,
        })
    }
}

/// Reads an instant as chrono's `Deserialize` does: an RFC 3339 date and time, any offset,
/// converted to UTC. The form chrono writes in UTC (`2026-03-01T09:15:00Z`, with 0 to 9 digits of
/// fraction) is read by position ([`utc_by_position`]), and everything else (offsets, a space for
/// `T`, a leap second, a mistake) by chrono's parser, so the instants and refusals are chrono's
/// (tests/domain/time.rs holds them equal) without chrono's general format machinery on the path
/// unlocking takes three times a record.
pub fn parse_utc(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    match utc_by_position(text) {
        Some(utc) => Ok(utc),
        None => text
            .parse::<DateTime<chrono::FixedOffset>>()
            .map(|t| t.with_timezone(&Utc)),
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z`, a valid date and a time before 24:00 without a leap second;
/// `None` for anything else.
fn utc_by_position(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || *b.last()? != b'Z'
    {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let nanos = match &b[19..b.len() - 1] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            num(20..20 + digits.len())? * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    if second > 59 {
        return None;
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    Some(date.and_time(time).and_utc())
}

impl Stamp {
    /// A stamp for `utc` recorded in `zone`.
    pub fn new(utc: DateTime<Utc>, zone: Zone) -> Self {
        Self { utc, zone }
    }

    /// The instant at which `zone`'s wall clock reads `date` `time` (see [`Zone::resolve`] for gaps and
    /// folds).
    pub fn at_local(zone: Zone, date: NaiveDate, time: NaiveTime) -> Self {
        Self {
            utc: zone.resolve(date, time),
            zone,
        }
    }

    /// The wall-clock time where it was recorded.
    pub fn local(&self) -> DateTime<Zone> {
        self.zone.local(self.utc)
    }

    /// The calendar date where it was recorded.
    pub fn local_date(&self) -> NaiveDate {
        self.zone.local_date(self.utc)
    }

    /// The wall-clock time in another zone (e.g. the patient's current one after travel).
    pub fn local_in(&self, zone: Zone) -> DateTime<Zone> {
        zone.local(self.utc)
    }
}
