//! The sync client against the real clinic server on loopback, over HTTP and HTTPS: enrollment, the
//! schedule, answers through the outbox while offline, lost replies, crashes mid-sync, revocation and
//! refused answers.

mod activity;
mod answers;
mod backup_credential;
mod care;
mod devices;
mod key_renewal;
mod lost_reply;
mod refusals;
mod schedule;
mod split;
mod support;
