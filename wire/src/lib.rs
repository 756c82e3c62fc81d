//! Wire types shared by the app and the clinic server (FHIR R4 subset).
#![deny(missing_docs)]
