//! Lock when the computer goes to sleep or its screen locks (Linux desktop): logind's
//! `PrepareForSleep(true)` on the system bus, and the session's screen saver turning on
//! (`org.freedesktop.ScreenSaver` or `org.gnome.ScreenSaver` `ActiveChanged(true)`) on the session
//! bus. Uses zbus, the D-Bus stack notify-rust and the plugins already bring, on its own runtime in
//! one thread. Either bus may be missing (a bare session, a container): then only that source is not watched.

use futures_lite::StreamExt;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use zbus::message::Type;
use zbus::{Connection, MatchRule, MessageStream};

use crate::state::AppState;

/// The signals that mean "the patient has left the screen", as (interface, member).
const SESSION_SIGNALS: [(&str, &str); 2] = [
    ("org.freedesktop.ScreenSaver", "ActiveChanged"),
    ("org.gnome.ScreenSaver", "ActiveChanged"),
];
const SLEEP_SIGNAL: (&str, &str) = ("org.freedesktop.login1.Manager", "PrepareForSleep");

/// Starts the watcher thread.
pub fn start<R: Runtime>(app: &AppHandle<R>) -> std::io::Result<()> {
    let handle = app.clone();
    std::thread::Builder::new()
        .name("session-watch".into())
        .spawn(move || zbus::block_on(watch(handle)))?;
    Ok(())
}

async fn stream(conn: &Connection, (interface, member): (&str, &str)) -> Option<MessageStream> {
    let rule: MatchRule<'_> = MatchRule::builder()
        .msg_type(Type::Signal)
        .interface(interface)
        .ok()?
        .member(member)
        .ok()?
        .build();
    MessageStream::for_match_rule(rule, conn, None).await.ok()
}

async fn watch<R: Runtime>(app: AppHandle<R>) {
    let session = Connection::session().await.ok();
    let system = Connection::system().await.ok();
    let mut streams = Vec::new();
    if let Some(conn) = &session {
        for signal in SESSION_SIGNALS {
            streams.extend(stream(conn, signal).await);
        }
    }
    if let Some(conn) = &system {
        streams.extend(stream(conn, SLEEP_SIGNAL).await);
    }
    let Some(first) = streams.pop() else {
        eprintln!("session-watch: no D-Bus; locking on sleep or screen lock is off");
        return;
    };
    let mut all = streams
        .into_iter()
        .fold(first.boxed(), |acc, s| acc.or(s).boxed());
    while let Some(message) = all.next().await {
        let Ok(message) = message else { continue };
        // `true`: going to sleep, or the screen saver came on. `false` (waking, unlocking) is ignored.
        if message.body().deserialize::<bool>().unwrap_or(false) {
            let state = app.state::<AppState>();
            if state.lock(chrono::Utc::now()) {
                let _ = app.emit("vault-locked", ());
            }
        }
    }
}
