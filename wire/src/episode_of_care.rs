//! `EpisodeOfCare`: one period of a patient's course of care at the clinic (one level of care, from a
//! date until the next step or discharge). Read with [`crate::care::course_from_episodes`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::care::{LevelOfCare, LEVEL_OF_CARE_SYSTEM, WEEKLY_TARGET_EXTENSION_URL};
use crate::{CodeableConcept, Coding, EpisodeOfCareType, Extension, Meta, Reference};

/// `EpisodeOfCare.status`, the FHIR R4 value set in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EpisodeStatus {
    /// Starts in the future.
    Planned,
    /// Waiting for a place.
    Waitlist,
    /// In force.
    Active,
    /// Paused.
    Onhold,
    /// Ended (a step to another level, or discharge).
    Finished,
    /// Did not happen.
    Cancelled,
    /// Created by mistake.
    EnteredInError,
}

impl EpisodeStatus {
    /// Whether an episode with this status is part of the patient's course (not cancelled or in error).
    pub fn is_in_course(self) -> bool {
        !matches!(
            self,
            EpisodeStatus::Cancelled | EpisodeStatus::EnteredInError
        )
    }
}

/// `Period` of calendar days (FHIR `dateTime` at day precision), in the program's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatePeriod {
    /// First day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// Last day; open while the episode is in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
}

/// `EpisodeOfCare`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EpisodeOfCare {
    /// Always `"EpisodeOfCare"`.
    pub resource_type: EpisodeOfCareType,
    /// Server id.
    pub id: String,
    /// Version and last change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// The weekly target in minutes ([`WEEKLY_TARGET_EXTENSION_URL`]) and the program's time zone
    /// ([`crate::TIMEZONE_EXTENSION`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Where the episode stands.
    pub status: EpisodeStatus,
    /// The level of care, one coding in [`LEVEL_OF_CARE_SYSTEM`].
    #[serde(rename = "type", default, skip_serializing_if = "Vec::is_empty")]
    pub kind: Vec<CodeableConcept>,
    /// The patient.
    pub patient: Reference,
    /// The clinic (`Organization/{id}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managing_organization: Option<Reference>,
    /// The days the episode covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<DatePeriod>,
}

impl EpisodeOfCare {
    /// An episode at `level` for `Patient/{patient_id}` from `start`, open-ended.
    pub fn new(
        id: &str,
        status: EpisodeStatus,
        level: LevelOfCare,
        patient_id: &str,
        start: NaiveDate,
    ) -> Self {
        EpisodeOfCare {
            resource_type: EpisodeOfCareType,
            id: id.into(),
            meta: None,
            extension: Vec::new(),
            status,
            kind: vec![CodeableConcept::of(Coding::new(
                LEVEL_OF_CARE_SYSTEM,
                level.code(),
                level.display(),
            ))],
            patient: Reference::to("Patient", patient_id),
            managing_organization: None,
            period: Some(DatePeriod {
                start: Some(start),
                end: None,
            }),
        }
    }

    /// With a weekly target in minutes.
    pub fn with_target(mut self, minutes: Option<u32>) -> Self {
        self.extension
            .retain(|extension| extension.url != WEEKLY_TARGET_EXTENSION_URL);
        if let Some(minutes) = minutes {
            self.extension.push(Extension::integer(
                WEEKLY_TARGET_EXTENSION_URL,
                i64::from(minutes),
            ));
        }
        self
    }

    /// Managed by `Organization/{organization_id}`.
    pub fn managed_by(mut self, organization_id: &str) -> Self {
        self.managing_organization = Some(Reference::to("Organization", organization_id));
        self
    }

    /// Ending on `end` (inclusive).
    pub fn ending(mut self, end: Option<NaiveDate>) -> Self {
        let start = self.period.as_ref().and_then(|period| period.start);
        self.period = Some(DatePeriod { start, end });
        self
    }

    /// In the program's IANA time zone.
    pub fn in_zone(mut self, zone: &str) -> Self {
        self.extension
            .push(Extension::code(crate::TIMEZONE_EXTENSION, zone));
        self
    }

    /// The level of care, if the type names one.
    pub fn level(&self) -> Option<LevelOfCare> {
        self.kind
            .iter()
            .flat_map(|concept| &concept.coding)
            .find(|coding| coding.system == LEVEL_OF_CARE_SYSTEM)
            .and_then(|coding| LevelOfCare::from_code(&coding.code))
    }

    /// The weekly target from its extension, if present and well formed.
    pub fn weekly_target_minutes(&self) -> Option<u32> {
        Extension::find(&self.extension, WEEKLY_TARGET_EXTENSION_URL)
            .and_then(|extension| extension.value_integer)
            .and_then(|minutes| u32::try_from(minutes).ok())
    }

    /// The program's IANA time zone, if present.
    pub fn time_zone(&self) -> Option<&str> {
        Extension::find(&self.extension, crate::TIMEZONE_EXTENSION)
            .and_then(|extension| extension.value_code.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_episode_has_the_exact_fhir_shape() {
        let episode = EpisodeOfCare::new(
            "4",
            EpisodeStatus::Finished,
            LevelOfCare::Iop,
            "3",
            "2026-03-02".parse().unwrap(),
        )
        .with_target(Some(540))
        .in_zone("America/Chicago")
        .managed_by("1")
        .ending(Some("2026-03-31".parse().unwrap()));
        let expected = json!({
            "resourceType": "EpisodeOfCare", "id": "4",
            "extension": [
                {"url": "urn:tideline:extension:weekly-target-minutes", "valueInteger": 540},
                {"url": "http://hl7.org/fhir/StructureDefinition/timezone", "valueCode": "America/Chicago"}
            ],
            "status": "finished",
            "type": [{"coding": [{"system": "urn:tideline:codesystem:level-of-care", "code": "iop",
                "display": "Intensive outpatient (ASAM 2.1)"}]}],
            "patient": {"reference": "Patient/3"},
            "managingOrganization": {"reference": "Organization/1"},
            "period": {"start": "2026-03-02", "end": "2026-03-31"}
        });
        assert_eq!(serde_json::to_value(&episode).unwrap(), expected);
        let back: EpisodeOfCare = serde_json::from_value(expected).unwrap();
        assert_eq!(back, episode);
        assert_eq!(back.level(), Some(LevelOfCare::Iop));
        assert_eq!(back.weekly_target_minutes(), Some(540));
        assert_eq!(back.time_zone(), Some("America/Chicago"));
        assert!(EpisodeStatus::Active.is_in_course());
        assert!(!EpisodeStatus::EnteredInError.is_in_course());
    }
}
