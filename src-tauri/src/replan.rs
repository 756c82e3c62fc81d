//! Re-planning reminders outside a command: the app-level glue above the shell's state, the
//! reminder scheduler and the dispatch (so `state` and `reminders` need not know each other).

use chrono::Utc;
use tauri::{AppHandle, Manager, Runtime};
use tideline_core::session::ParticipantResponse;

use crate::platform::Platform;
use crate::state::AppState;

/// Plans reminders again from the open vault (after an unlock and every change to sessions or
/// settings) and applies the settings that live outside it (start at login). Nothing when locked.
pub fn replan(state: &AppState, platform: &dyn Platform) {
    if let Some(settings) = state.replan_reminders(Utc::now()) {
        platform.start_at_login(settings.start_at_login);
    }
}

/// Re-plans from the open vault outside a command (the background sync, a notification's answer);
/// commands get the same through the dispatch's `Replan` flag.
pub fn sync<R: Runtime>(app: &AppHandle<R>) {
    replan(
        &app.state::<AppState>(),
        &crate::device::TauriPlatform::new(app.clone()),
    );
}

/// Records an answer given on a notification, and re-plans if it was applied at once (a declined
/// session gets no further reminders).
pub fn answer<R: Runtime>(app: &AppHandle<R>, session: &str, response: ParticipantResponse) {
    if app
        .state::<AppState>()
        .answer(session, response, Utc::now())
    {
        sync(app);
    }
}
