//! The vault, through its public API, against real SQLite files in temporary directories.

mod activity;
mod backup;
mod crash;
mod draft;
mod early;
mod files;
mod inbox;
mod journal_page;
mod keys;
mod loading;
mod migrate;
mod plaintext;
mod quick_unlock;
mod records;
mod rotate;
mod support;
