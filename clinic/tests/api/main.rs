//! The clinic server over loopback: a real server per test, reached with a real HTTP(S) client.

mod authorization;
mod bad_input;
mod burst;
mod cluster;
mod copy;
mod device_key;
mod devices;
#[path = "../common/engine.rs"]
mod engine;
mod enrollment;
mod fault;
#[path = "../common/fhir_python.rs"]
mod fhir_python;
mod fhir_validity;
mod pg_tls;
mod program;
mod restart;
mod share;
mod share_authorization;
mod share_support;
mod share_validity;
mod support;
mod sync;
mod transport;
