//! Wire types shared by the patient app's sync client and the clinic server.
//!
//! Everything here is a serialized form: the FHIR R4 subset Tideline speaks (`application/fhir+json`),
//! the enrollment exchange, and the format of a device-signed request. Domain types on either side are
//! free to change; these shapes are what the other side relies on, so each is pinned by a test against
//! exact JSON.
#![deny(missing_docs)]
#![warn(clippy::too_many_lines)]

mod appointment;
mod audit_event;
pub mod base64;
mod bundle;
mod capability;
pub mod care;
mod care_team;
mod consent;
mod datatype;
mod device;
mod enrollment;
mod episode_of_care;
pub mod hex;
mod outcome;
mod person;
mod provenance;
pub mod questionnaire;
mod questionnaire_response;
mod resource_type;
mod response;
pub mod share;
pub mod signing;

pub use appointment::{
    Appointment, AppointmentParticipant, AppointmentStatus, ParticipationStatus,
};
pub use audit_event::{
    AuditAction, AuditEvent, AuditEventAgent, AuditEventEntity, AuditEventSource,
    AUDIT_EVENT_TYPE_SYSTEM, RESTFUL_INTERACTION_SYSTEM,
};
pub use bundle::{
    Bundle, BundleEntry, BundleEntryResponse, BundleLink, BundleRequest, BundleSearch, BundleType,
    TransactionBundle, TransactionEntry, TransactionResponseBundle, TransactionResponseEntry,
};
pub use capability::{
    CapabilityInteraction, CapabilityResource, CapabilityRest, CapabilitySearchParam,
    CapabilitySoftware, CapabilityStatement,
};
pub use care_team::CareTeam;
pub use consent::{
    Consent, ConsentActor, ConsentData, ConsentPolicy, ConsentProvision, ConsentStatus,
    DataMeaning, ProvisionType, ACT_REASON_SYSTEM, CONSENT_SCOPE_SYSTEM, LOINC_SYSTEM,
    PART2_POLICY_URI, PARTICIPATION_TYPE_SYSTEM, PATIENT_CONSENT_LOINC,
};
pub use datatype::{
    CodeableConcept, Coding, Extension, HumanName, Identifier, Meta, Narrative, Period, Reference,
};
pub use device::{
    Device, DeviceStatus, DEVICE_ENROLLED_EXTENSION_URL, DEVICE_REVOKED_EXTENSION_URL,
};
pub use enrollment::{EnrollmentRequest, EnrollmentResponse, KeyRenewal};
pub use episode_of_care::{DatePeriod, EpisodeOfCare, EpisodeStatus};
pub use outcome::{IssueCode, IssueSeverity, OperationOutcome, OutcomeIssue};
pub use person::{Patient, Practitioner};
pub use provenance::{
    Provenance, ProvenanceAgent, Signature, CONSENT_SIGNATURE_CODE, RAW_SIGNATURE_FORMAT,
    SIGNATURE_TYPE_SYSTEM,
};
pub use questionnaire::{
    AnswerOption, ItemType, PublicationStatus, Questionnaire, QuestionnaireItem,
};
pub use questionnaire_response::{
    Answer, QuestionnaireResponse, ResponseItem, ResponseStatus, SHARE_ENTRY_SYSTEM,
};
pub use resource_type::{
    AppointmentResponseType, AppointmentType, AuditEventType, BundleType as BundleResourceType,
    CapabilityStatementType, CareTeamType, ConsentType, DeviceType, EpisodeOfCareType,
    OperationOutcomeType, PatientType, PractitionerType, ProvenanceType, QuestionnaireResponseType,
    QuestionnaireType,
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
