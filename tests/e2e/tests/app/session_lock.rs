//! Lock on screen lock and sleep (issue 9): the session's screen saver turning on, a signal on the
//! private session bus `dbus-run-session` gives the test, locks the real app at once; turning off
//! does not unlock anything. logind's PrepareForSleep is sent on a private stand-in for the system
//! bus (a `dbus-daemon` the test starts and hands to the app as `DBUS_SYSTEM_BUS_ADDRESS`).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use tideline_e2e::*;

use crate::journey::first_run;

fn screen_saver(interface: &str, active: bool) {
    let status = Command::new("dbus-send")
        .args([
            "--session",
            "--type=signal",
            "/org/freedesktop/ScreenSaver",
            &format!("{interface}.ActiveChanged"),
            &format!("boolean:{active}"),
        ])
        .status()
        .expect("dbus-send runs (dbus-x11 / dbus package)");
    assert!(status.success(), "the signal was sent on the session bus");
}

async fn locked_within(c: &Client, secs: u64) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(secs) {
        if c.find(Locator::Css("#unlock-title")).await.is_ok() {
            return Some(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

#[tokio::test(flavor = "current_thread")]
async fn the_screen_saver_coming_on_locks_the_vault() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path());
    let c = driver.session().await;
    first_run(&c).await;
    wait_for_text(&c, "of your program", 10).await;
    // The screen saver going off says nothing about who is at the screen: no lock.
    screen_saver("org.freedesktop.ScreenSaver", false);
    assert!(
        locked_within(&c, 2).await.is_none(),
        "ActiveChanged(false) must not lock"
    );
    screen_saver("org.freedesktop.ScreenSaver", true);
    let took = locked_within(&c, 5)
        .await
        .expect("the vault locks when the screen saver comes on");
    eprintln!(
        "locked {:.2} s after ActiveChanged(true)",
        took.as_secs_f64()
    );

    // GNOME's own interface does the same.
    type_into(&c, "#unlock-pp", crate::journey::PASSPHRASE).await;
    click_button(&c, "Unlock").await;
    wait_for_text(&c, "of your program", 15).await;
    screen_saver("org.gnome.ScreenSaver", true);
    locked_within(&c, 5)
        .await
        .expect("org.gnome.ScreenSaver ActiveChanged(true) locks too");
    c.close().await.unwrap();
}

/// A private bus standing in for the system bus, stopped by its own pid when dropped.
struct PrivateBus {
    child: Child,
    address: String,
}

impl PrivateBus {
    fn start() -> Self {
        let mut child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        Self {
            child,
            address: line.trim().to_owned(),
        }
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "current_thread")]
async fn prepare_for_sleep_locks_the_vault() {
    let system = PrivateBus::start();
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start_with_env(
        data.path(),
        &[("DBUS_SYSTEM_BUS_ADDRESS", Path::new(&system.address))],
    );
    let c = driver.session().await;
    first_run(&c).await;
    wait_for_text(&c, "of your program", 10).await;
    let sleep = |going: bool| {
        let status = Command::new("dbus-send")
            .arg(format!("--bus={}", system.address))
            .args([
                "--type=signal",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager.PrepareForSleep",
                &format!("boolean:{going}"),
            ])
            .status()
            .expect("dbus-send runs");
        assert!(status.success());
    };
    sleep(false);
    assert!(
        locked_within(&c, 2).await.is_none(),
        "waking up (PrepareForSleep false) must not lock"
    );
    sleep(true);
    let took = locked_within(&c, 5)
        .await
        .expect("the vault locks before the computer sleeps");
    eprintln!(
        "locked {:.2} s after PrepareForSleep(true)",
        took.as_secs_f64()
    );
    c.close().await.unwrap();
}
