//! Wire types shared by the patient app's sync client and the clinic server.
//!
//! Everything here is a serialized form: the FHIR R4 subset Tideline speaks (`application/fhir+json`),
//! the enrollment exchange, and the format of a device-signed request. Domain types on either side are
//! free to change; these shapes are what the other side relies on, so each is pinned by a test against
//! exact JSON.
#![deny(missing_docs)]

mod appointment;
mod bundle;
mod capability;
mod datatype;
mod enrollment;
pub mod hex;
mod outcome;
mod person;
mod resource_type;
mod response;
pub mod signing;

pub use appointment::{
    Appointment, AppointmentParticipant, AppointmentStatus, ParticipationStatus,
};
pub use bundle::{Bundle, BundleEntry, BundleLink, BundleSearch, BundleType};
pub use capability::{
    CapabilityInteraction, CapabilityResource, CapabilityRest, CapabilitySearchParam,
    CapabilitySoftware, CapabilityStatement,
};
pub use datatype::{Extension, HumanName, Identifier, Meta, Reference};
pub use enrollment::{EnrollmentRequest, EnrollmentResponse};
pub use outcome::{IssueCode, IssueSeverity, OperationOutcome, OutcomeIssue};
pub use person::{Patient, Practitioner};
pub use resource_type::{
    AppointmentResponseType, AppointmentType, BundleType as BundleResourceType,
    CapabilityStatementType, OperationOutcomeType, PatientType, PractitionerType,
};
pub use response::AppointmentResponse;

/// The media type of every FHIR body the server accepts or emits.
pub const FHIR_JSON: &str = "application/fhir+json";

/// The FHIR version this subset follows.
pub const FHIR_VERSION: &str = "4.0.1";

/// The `Identifier.system` under which the app puts its idempotency key on an AppointmentResponse.
///
/// The key travels inside the resource (not in a header) so that the device signature, which covers
/// the body, covers the key too.
pub const IDEMPOTENCY_KEY_SYSTEM: &str = "urn:tideline:idempotency-key";

/// The core FHIR extension that carries an IANA time zone (`valueCode`), used on Appointment so the app
/// can show a session in the clinic's local time across daylight-saving changes.
pub const TIMEZONE_EXTENSION: &str = "http://hl7.org/fhir/StructureDefinition/timezone";
