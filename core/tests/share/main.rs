//! Sharing against the real clinic server on loopback: the consent and responses stored, a retried
//! share stored once, revocation, the accounting of disclosures, offline shares, validity of every
//! resource sent (fhir.resources), and the PDF report read back with pdftotext.

mod report;
mod sharing;
mod support;
mod validity;
