//! The real app binary, driven like a patient would: keyboard and clicks through WebKitWebDriver.

mod autolock;
mod boot;
mod capture;
mod care;
mod clinic;
mod crisis;
mod desktop;
mod figures;
mod help_layer;
mod journey;
mod reminder;
mod session_lock;
mod spanish;
