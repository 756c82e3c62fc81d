//! Drives the real Tideline binary through tauri-driver and WebKitWebDriver.
//!
//! Each [`AppUnderTest`] starts its own tauri-driver on free ports, with `TIDELINE_DATA_DIR` pointing
//! at a directory the test owns, so suites can run one after another without sharing anything. Run
//! inside `xvfb-run ... dbus-run-session` (see `scripts/e2e.sh`).

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// The app binary: `TIDELINE_APP`, else the debug build in the cargo target directory.
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("TIDELINE_APP") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(
                std::env::var_os("CARGO_MANIFEST_DIR")
                    .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
            )
            .join("../../target")
        });
    target.join("debug/tideline")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// tauri-driver, running for one app session.
///
/// tauri-driver, WebKitWebDriver and the app it launches share one process group, which is killed
/// whole when the `Driver` drops (a failed test leaves no app behind) or when the test outlives its
/// watchdog (`TIDELINE_E2E_TEST_SECS`, 900 s by default: the clinic week takes about 5 minutes on a loaded machine): every WebDriver call then fails, so a
/// hung test fails on its own instead of holding the suite until CI's limit.
#[derive(Debug)]
pub struct Driver {
    child: Child,
    port: u16,
    watchdog: Option<mpsc::Sender<()>>,
}

/// Kills the process group led by `pid` (the driver, its WebKitWebDriver and the app).
fn kill_group(pid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pid}")])
        .stderr(Stdio::null())
        .status();
}

fn test_limit() -> Duration {
    let secs = std::env::var("TIDELINE_E2E_TEST_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(900);
    Duration::from_secs(secs)
}

/// Kills the group after the test's limit unless the `Driver` drops first (the sender closes).
fn watchdog(pid: u32) -> mpsc::Sender<()> {
    let (tx, rx) = mpsc::channel::<()>();
    let limit = test_limit();
    std::thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(limit) {
            eprintln!(
                "e2e watchdog: the test ran longer than {} s; killing its app and driver",
                limit.as_secs()
            );
            kill_group(pid);
        }
    });
    tx
}

impl Driver {
    /// Starts tauri-driver; the app it launches inherits `TIDELINE_DATA_DIR = data_dir`.
    pub fn start(data_dir: &Path) -> Self {
        Self::start_with_env(data_dir, &[])
    }

    /// Like [`Driver::start`], with more environment for the app (e.g. `XDG_CONFIG_HOME`).
    pub fn start_with_env(data_dir: &Path, env: &[(&str, &Path)]) -> Self {
        let (port, native) = (free_port(), free_port());
        let driver = which("tauri-driver");
        let child = Command::new(driver)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
            .env("TIDELINE_DATA_DIR", data_dir)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("tauri-driver starts (make test installs it)");
        let watchdog = Some(watchdog(child.id()));
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not open port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Self {
            child,
            port,
            watchdog,
        }
    }

    /// A WebDriver session on the app: this launches the app.
    pub async fn session(&self) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app_binary().display().to_string() }),
        );
        ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a WebDriver session on the app")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.watchdog.take();
        kill_group(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn which(name: &str) -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let candidates = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain([home.join(".cargo/bin")]);
    for dir in candidates {
        let path = dir.join(name);
        if path.is_file() {
            return path;
        }
    }
    panic!("{name} not found on PATH or in ~/.cargo/bin");
}

/// Waits up to 10 s for an element.
pub async fn find(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
}

/// Waits up to 10 s for a button whose visible text is exactly `text` and clicks it.
pub async fn click_button(c: &Client, text: &str) {
    // XPath 1 has no escapes: quote with whichever quote mark the text does not contain.
    let xpath = if text.contains('\'') {
        format!("//button[normalize-space(.)=\"{text}\"]")
    } else {
        format!("//button[normalize-space(.)='{text}']")
    };
    // A screen may re-render between finding the button and clicking it (data arriving): find it
    // again and retry for a few seconds before giving up.
    let mut tries = 0;
    loop {
        let button = c
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no button '{text}': {e}"));
        // A patient waits for a disabled button (e.g. until the passphrase is assessed), here up to
        // 30 s: the debug build on a busy machine is slow to answer the first time.
        if !button.is_enabled().await.unwrap_or(true) && tries < 120 {
            tries += 1;
            tokio::time::sleep(Duration::from_millis(250)).await;
            continue;
        }
        match scroll_and_click(c, &button).await {
            Ok(()) => return,
            Err(e) if tries >= 120 => panic!("button '{text}' not clickable: {e}"),
            Err(_) => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        }
    }
}

/// Scrolls an element to the middle of the window (WebKitWebDriver does not always bring one below
/// the fold into view by itself), then clicks it.
pub async fn scroll_and_click(
    c: &Client,
    element: &Element,
) -> Result<(), fantoccini::error::CmdError> {
    let arg = serde_json::to_value(element).expect("an element serializes");
    let _ = c
        .execute(
            "arguments[0].scrollIntoView({ block: 'center' });",
            vec![arg],
        )
        .await;
    element.click().await
}

/// Waits up to `secs` for the page text to contain `text`.
pub async fn wait_for_text(c: &Client, text: &str, secs: u64) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let body = c
            .find(Locator::Css("body"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap_or_default();
        if body.contains(text) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "page never showed '{text}'; it shows:\n{body}"
        );
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Replaces an input's value by typing.
pub async fn type_into(c: &Client, css: &str, text: &str) {
    let input = find(c, css).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

/// Every byte of every file under `dir`, with its path.
pub fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else if let Ok(bytes) = std::fs::read(&path) {
            out.push((path, bytes));
        }
    }
    out
}

/// Sets an input's value the way a picker would (date and time inputs have no portable typing) and
/// fires the `input` event the UI listens for.
pub async fn set_value(c: &Client, css: &str, value: &str) {
    find(c, css).await;
    c.execute(
        "const e = document.querySelector(arguments[0]); e.value = arguments[1];\
         e.dispatchEvent(new Event('input', { bubbles: true }));\
         e.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![serde_json::json!(css), serde_json::json!(value)],
    )
    .await
    .unwrap();
}

/// The WebDriver key code for the right arrow.
pub const ARROW_RIGHT: &str = "\u{E014}";
