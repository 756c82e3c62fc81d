//! Get help now in the shell: the lines and their words come from `tideline_core::crisis`; this module
//! only asks the platform to open the address the core built. The window names a target from a
//! closed set and never passes an address, so it cannot make the app open anything else; the window
//! has no opener permission of its own.
//!
//! Most desktops have no app for `tel:` and `sms:`. On Linux the default handler is asked for first
//! (`xdg-mime query default x-scheme-handler/<scheme>`): without one, or when opening fails, the
//! answer is [`CrisisOpened::NoHandler`] and the window shows the number large with a Copy button.

use tideline_core::crisis::{self, AfterUse, CrisisDirectory, CrisisOpened, CrisisTarget, Dial};
use tideline_core::record::{Record, RecordId};
use tideline_core::Error;

use crate::cx::Cx;
use crate::ipc::IpcError;
use crate::state::AppState;

/// Every crisis line with its words: no vault needed (the lock screen shows them too).
pub fn crisis_lines(cx: &Cx<'_>) -> Result<CrisisDirectory, IpcError> {
    Ok(crisis::directory(cx.state.lang()))
}

/// What to say after a logged return to use.
pub fn crisis_after_use(cx: &Cx<'_>) -> Result<AfterUse, IpcError> {
    Ok(crisis::after_use(cx.state.lang()))
}

/// Opens a crisis line or one of the patient's contacts in the platform's handler.
pub fn crisis_open(cx: &Cx<'_>, target: CrisisTarget) -> Result<CrisisOpened, IpcError> {
    let dial = resolve(cx.state, &target)?;
    if cx.platform.open_url(&dial.uri) {
        Ok(CrisisOpened::Opened)
    } else {
        Ok(crisis::no_handler(&dial, cx.state.lang()))
    }
}

fn resolve(state: &AppState, target: &CrisisTarget) -> Result<Dial, Error> {
    if let Some(dial) = crisis::dial(target) {
        return Ok(dial);
    }
    let CrisisTarget::Contact { id, text } = target else {
        return Err(Error::NotFound);
    };
    let id: RecordId = id.parse().map_err(|_| Error::NotFound)?;
    state.with_vault(chrono::Utc::now(), |v| {
        match v.get(&id).map(|r| &r.record) {
            Some(Record::Contact(contact)) => crisis::contact_dial(contact, *text),
            _ => Err(Error::NotFound),
        }
    })
}

/// Whether something on this device opens addresses of the URI's scheme.
#[cfg(all(desktop, target_os = "linux"))]
pub(crate) fn has_handler(uri: &str) -> bool {
    let scheme = uri.split(':').next().unwrap_or_default();
    let asked = std::process::Command::new("xdg-mime")
        .args(["query", "default", &format!("x-scheme-handler/{scheme}")])
        .stderr(std::process::Stdio::null())
        .output();
    match asked {
        Ok(out) => out.status.success() && !String::from_utf8_lossy(&out.stdout).trim().is_empty(),
        // No xdg-utils: a browser may still open through the opener's other routes; a call cannot.
        Err(_) => scheme == "https",
    }
}

/// Elsewhere the platform's opener answers for itself (a failure becomes `NoHandler` too).
#[cfg(not(all(desktop, target_os = "linux")))]
pub(crate) fn has_handler(_uri: &str) -> bool {
    true
}
