//! The clinic server.
#![deny(missing_docs)]
