//! FHIR data types used by more than one resource.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `Meta`: the version and last change of a resource, which the app uses to skip unchanged records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Meta {
    /// Increases by one on every change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    /// When the server last changed the resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<DateTime<Utc>>,
}

/// `Reference`, always relative (`"Patient/12"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reference {
    /// `Type/id`.
    pub reference: String,
}

impl Reference {
    /// A reference to `resource_type/id`.
    pub fn to(resource_type: &str, id: &str) -> Self {
        Reference {
            reference: format!("{resource_type}/{id}"),
        }
    }

    /// The id if this reference points at `resource_type`, so callers never split strings by hand.
    pub fn id_of(&self, resource_type: &str) -> Option<&str> {
        let id = self
            .reference
            .strip_prefix(resource_type)?
            .strip_prefix('/')?;
        (!id.is_empty() && !id.contains('/')).then_some(id)
    }
}

/// `HumanName`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HumanName {
    /// The whole name as written, when it is not split into parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Family name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Given names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<String>,
}

/// `Identifier` (system and value only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Identifier {
    /// The namespace of the value.
    pub system: String,
    /// The value.
    pub value: String,
}

/// `Extension`: a code (the IANA time zone, an attendance mark), an integer (minutes), a string or URL
/// (a session's place or video link), or nested extensions (the attendance mark with its minutes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Extension {
    /// What the extension means.
    pub url: String,
    /// A code value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_code: Option<String>,
    /// An integer value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    /// A string value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_string: Option<String>,
    /// A URL value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_url: Option<String>,
    /// An instant (FHIR `dateTime` with a zone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_date_time: Option<DateTime<Utc>>,
    /// Nested extensions (a complex extension has these instead of a value).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
}

impl Extension {
    /// An extension with a `valueCode`.
    pub fn code(url: &str, code: &str) -> Self {
        Extension {
            url: url.into(),
            value_code: Some(code.into()),
            ..Extension::default()
        }
    }

    /// An extension with a `valueInteger`.
    pub fn integer(url: &str, value: i64) -> Self {
        Extension {
            url: url.into(),
            value_integer: Some(value),
            ..Extension::default()
        }
    }

    /// An extension with a `valueString`.
    pub fn string(url: &str, value: &str) -> Self {
        Extension {
            url: url.into(),
            value_string: Some(value.into()),
            ..Extension::default()
        }
    }

    /// An extension with a `valueUrl`.
    pub fn url(url: &str, value: &str) -> Self {
        Extension {
            url: url.into(),
            value_url: Some(value.into()),
            ..Extension::default()
        }
    }

    /// An extension with a `valueDateTime` instant.
    pub fn date_time(url: &str, value: DateTime<Utc>) -> Self {
        Extension {
            url: url.into(),
            value_date_time: Some(value),
            ..Extension::default()
        }
    }

    /// A complex extension made of nested ones.
    pub fn nested(url: &str, extension: Vec<Extension>) -> Self {
        Extension {
            url: url.into(),
            extension,
            ..Extension::default()
        }
    }

    /// The first extension with `url` in a list.
    pub fn find<'a>(list: &'a [Extension], url: &str) -> Option<&'a Extension> {
        list.iter().find(|extension| extension.url == url)
    }
}

/// `Coding`: a code from a code system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Coding {
    /// The code system's URI.
    pub system: String,
    /// The code.
    pub code: String,
    /// Its meaning in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Coding {
    /// A coding with a display text.
    pub fn new(system: &str, code: &str, display: &str) -> Self {
        Coding {
            system: system.into(),
            code: code.into(),
            display: Some(display.into()),
        }
    }

    /// Whether this is `code` in `system`, whatever the display says.
    pub fn is(&self, system: &str, code: &str) -> bool {
        self.system == system && self.code == code
    }
}

/// `CodeableConcept`: one or more codings for the same concept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CodeableConcept {
    /// The codings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    /// The concept in words (e.g. the reason staff gave for a cancellation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl CodeableConcept {
    /// A concept with one coding.
    pub fn of(coding: Coding) -> Self {
        CodeableConcept {
            coding: vec![coding],
            text: None,
        }
    }

    /// A concept given only in words.
    pub fn text(text: &str) -> Self {
        CodeableConcept {
            coding: Vec::new(),
            text: Some(text.into()),
        }
    }

    /// Whether any coding is `code` in `system`.
    pub fn has(&self, system: &str, code: &str) -> bool {
        self.coding.iter().any(|coding| coding.is(system, code))
    }
}

/// `Period`: a time span; either end may be open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Period {
    /// Start, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTime<Utc>>,
    /// End, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateTime<Utc>>,
}

/// `Narrative`: the human-readable text of a resource, as limited XHTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Narrative {
    /// `generated` (made from the structured data) or `additional`.
    pub status: String,
    /// One XHTML `div` in the XHTML namespace.
    pub div: String,
}

impl Narrative {
    /// A generated narrative of plain paragraphs; each is escaped, so no text can inject markup.
    pub fn paragraphs<S: AsRef<str>>(paragraphs: &[S]) -> Self {
        let mut div = String::from("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        for paragraph in paragraphs {
            div.push_str("<p>");
            for c in paragraph.as_ref().chars() {
                match c {
                    '&' => div.push_str("&amp;"),
                    '<' => div.push_str("&lt;"),
                    '>' => div.push_str("&gt;"),
                    '"' => div.push_str("&quot;"),
                    // Control characters are not allowed in XML; a newline inside a paragraph becomes a space.
                    c if c.is_control() => div.push(' '),
                    c => div.push(c),
                }
            }
            div.push_str("</p>");
        }
        div.push_str("</div>");
        Narrative {
            status: "generated".into(),
            div,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_yields_its_id_only_for_its_own_type() {
        let patient = Reference::to("Patient", "12");
        assert_eq!(patient.id_of("Patient"), Some("12"));
        assert_eq!(patient.id_of("Practitioner"), None);
        assert_eq!(
            Reference {
                reference: "PatientX/1".into()
            }
            .id_of("Patient"),
            None
        );
        assert_eq!(
            Reference {
                reference: "Patient/".into()
            }
            .id_of("Patient"),
            None
        );
    }

    #[test]
    fn a_narrative_escapes_markup() {
        let narrative = Narrative::paragraphs(&["a <b> & \"c\"", "line\nbreak"]);
        assert_eq!(
            narrative.div,
            "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a &lt;b&gt; &amp; &quot;c&quot;</p><p>line break</p></div>"
        );
    }
}
