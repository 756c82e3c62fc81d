//! Watching the session bus: every `Notify` call, as the notification server received it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One `org.freedesktop.Notifications.Notify` call seen on the bus.
#[derive(Debug, Clone, PartialEq)]
pub struct NotifyCall {
    /// When the bus carried it (dbus-monitor's timestamp, seconds since the epoch).
    pub time: f64,
    pub serial: u32,
    pub sender: String,
    pub app_name: String,
    pub summary: String,
    pub body: String,
    pub actions: Vec<String>,
    /// The id the server answered with.
    pub id: Option<u32>,
}

/// dbus-monitor on the session bus, recording Notify calls and method returns.
pub struct BusMonitor {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl BusMonitor {
    pub fn start() -> Self {
        assert!(
            std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
            "run under dbus-run-session (scripts/test-notify.sh): these tests need a private session bus"
        );
        let mut child = Command::new("dbus-monitor")
            .args([
                "--session",
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
                "type='method_return'",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-monitor runs (Debian package dbus)");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&lines);
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        // dbus-monitor announces itself with a NameAcquired/NameLost pair once it is listening.
        let deadline = Instant::now() + Duration::from_secs(5);
        while lines.lock().unwrap().is_empty() {
            assert!(Instant::now() < deadline, "dbus-monitor did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { child, lines }
    }

    /// Every Notify call so far, with the id the server returned for it.
    pub fn calls(&self) -> Vec<NotifyCall> {
        parse(&self.lines.lock().unwrap())
    }

    /// Waits up to `timeout` for a Notify call whose body is `body` and whose id is known.
    pub fn wait_for(&self, body: &str, timeout: Duration) -> NotifyCall {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(call) = self
                .calls()
                .into_iter()
                .find(|c| c.body == body && c.id.is_some())
            {
                return call;
            }
            assert!(
                Instant::now() < deadline,
                "no notification with body {body:?} reached the bus within {timeout:?}; saw {:?}",
                self.calls()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for BusMonitor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn field<'a>(header: &'a str, key: &str) -> Option<&'a str> {
    header
        .split_whitespace()
        .find_map(|w| w.strip_prefix(key))
        .map(|v| v.trim_end_matches(';'))
}

fn quoted(line: &str) -> Option<String> {
    let rest = line.trim().strip_prefix("string \"")?;
    Some(rest.strip_suffix('"').unwrap_or(rest).to_owned())
}

/// Splits dbus-monitor's text into messages (a header line, then indented arguments).
fn parse(lines: &[String]) -> Vec<NotifyCall> {
    let mut messages: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in lines {
        if line.starts_with(' ') {
            if let Some(last) = messages.last_mut() {
                last.1.push(line);
            }
        } else {
            messages.push((line, Vec::new()));
        }
    }
    let mut calls: Vec<NotifyCall> = Vec::new();
    for (header, args) in &messages {
        if header.starts_with("method call") && header.contains("member=Notify") {
            // Top-level arguments are indented three spaces; array items deeper.
            let top: Vec<String> = args
                .iter()
                .filter(|l| l.starts_with("   string") || l.starts_with("   uint32"))
                .filter_map(|l| quoted(l))
                .collect();
            let mut actions = Vec::new();
            let mut in_actions = false;
            for l in args {
                if l.trim() == "array [" && !in_actions && actions.is_empty() {
                    in_actions = true;
                } else if in_actions && l.trim() == "]" {
                    break;
                } else if in_actions {
                    actions.extend(quoted(l));
                }
            }
            // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, timeout)
            if top.len() >= 4 {
                calls.push(NotifyCall {
                    time: field(header, "time=")
                        .and_then(|t| t.parse().ok())
                        .unwrap_or(0.0),
                    serial: field(header, "serial=")
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(0),
                    sender: field(header, "sender=").unwrap_or_default().to_owned(),
                    app_name: top[0].clone(),
                    summary: top[2].clone(),
                    body: top[3].clone(),
                    actions,
                    id: None,
                });
            }
        }
    }
    for (header, args) in &messages {
        if header.starts_with("method return") {
            let reply_to: Option<u32> = field(header, "reply_serial=").and_then(|s| s.parse().ok());
            let to = field(header, "destination=").unwrap_or_default();
            let id = args
                .first()
                .and_then(|l| l.trim().strip_prefix("uint32 "))
                .and_then(|v| v.parse().ok());
            if let (Some(reply_to), Some(id)) = (reply_to, id) {
                for call in calls
                    .iter_mut()
                    .filter(|c| c.serial == reply_to && c.sender == to)
                {
                    call.id = Some(id);
                }
            }
        }
    }
    calls
}

/// Sends `ActionInvoked(id, action)` on the bus, as the server does when the patient clicks.
pub fn click(id: u32, action: &str) {
    let status = Command::new("dbus-send")
        .args([
            "--session",
            "--type=signal",
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications.ActionInvoked",
            &format!("uint32:{id}"),
            &format!("string:{action}"),
        ])
        .status()
        .expect("dbus-send runs");
    assert!(status.success());
}
