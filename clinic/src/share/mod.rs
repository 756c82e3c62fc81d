//! Sharing journal entries with the care team, with consent (docs/share-protocol.md, server side).
//!
//! Map: [`care_team`] says who the recipients are; [`questionnaire`] publishes what the app answers;
//! [`transaction`] checks and stores a share (`POST /fhir`); [`consent`] lists and revokes consents;
//! [`disclosure`] decides what staff may see, records each view and reads the accounting back.
//!
//! For the portal: call [`view_shares`] (or [`visible_shares`] then [`record_view`]) inside one store
//! job with the signed-in staff member's [`Caller`](crate::access::Caller), the browser's address and
//! the clock's `now`; show [`PART2_NOTICE`] with every disclosed record. [`care_team::patients_of`]
//! lists a therapist's patients.

pub mod care_team;
pub mod consent;
pub mod disclosure;
pub mod questionnaire;
pub mod transaction;

pub use disclosure::{
    record_view, view_share, view_shares, visible_share, visible_shares, SharedEntry, VisibleShare,
    PART2_NOTICE,
};
