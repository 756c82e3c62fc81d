//! The Tideline clinic server: a FHIR R4 subset over HTTPS for the patient app, staff operations for
//! the clinic, an append-only audit trail, on one embedded SQLite database or on PostgreSQL.
//!
//! Map: [`db`] is the one storage interface (both engines); [`store`] opens the database and runs all
//! work on one writer thread; [`access`] holds every check of who is
//! calling and what they may touch; [`patient`], [`program`], [`sessions`], [`appointment`],
//! [`course`], [`report`], [`response`], [`enrollment`] and [`staff`] hold the rules, each over its
//! own tables (domain modules never import HTTP); [`audit`] records every
//! access and refusal; [`http`] adapts all of it to HTTP; [`server`] starts it.
#![deny(missing_docs)]
#![warn(clippy::too_many_lines)]

pub mod access;
pub mod appointment;
pub mod attendance;
pub mod audit;
pub mod capability;
pub mod clock;
pub mod confirm;
pub mod copy;
pub mod course;
pub mod db;
pub mod enrollment;
pub mod http;
pub mod patient;
pub mod portal;
pub mod problem;
pub mod program;
pub mod report;
pub mod response;
pub mod server;
pub mod sessions;
pub mod share;
pub mod staff;
pub mod store;
