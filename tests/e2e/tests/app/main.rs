//! The real app binary, driven like a patient would: keyboard and clicks through WebKitWebDriver.

mod figures;
mod journey;
mod reminder;
