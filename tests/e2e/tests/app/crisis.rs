//! Calls connect (issue 9) on the real app: "Call 988" reaches the platform's opener with `tel:988`
//! (xdg-open on a PATH of test scripts records what it was given), and where the desktop has no
//! handler for `tel:` (xdg-mime names none) the app says so and shows the number large with Copy.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use tideline_e2e::*;

use crate::journey::first_run;

fn script(path: &Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

async fn call_988(c: &Client) {
    // The help layer asks the core for its lines when it opens: wait for them.
    let button = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(
            "//div[@role='dialog']//button[normalize-space(.)='Call 988']",
        ))
        .await
        .expect("Call 988 in the help layer");
    scroll_and_click(c, &button).await.unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn call_988_reaches_the_opener_and_without_a_handler_shows_the_number_and_copy() {
    let data = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    let calls = bin.path().join("opened.txt");
    let handler_on = bin.path().join("has-phone-app");
    // xdg-mime names a tel: handler only once `has-phone-app` exists; xdg-open records its argument.
    script(
        &bin.path().join("xdg-mime"),
        &format!(
            "[ -f '{}' ] && echo test-phone.desktop; exit 0",
            handler_on.display()
        ),
    );
    script(
        &bin.path().join("xdg-open"),
        &format!("echo \"$1\" >> '{}'", calls.display()),
    );
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let driver = Driver::start_with_env(data.path(), &[("PATH", Path::new(&path))]);
    let c = driver.session().await;
    first_run(&c).await;
    click_button(&c, "Get help now").await;

    // No phone app on this desktop: one sentence, the number large, and Copy.
    call_988(&c).await;
    // The answer arrives after the opener was asked: wait for the sentence (the live region exists,
    // empty, before it).
    let status = find(&c, "[role=dialog] .nohandler[role=status]").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = status.text().await.unwrap_or_default();
        if text.contains("This device has no app for phone calls") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the no-handler sentence never appeared: {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let number = status.find(Locator::Css(".number")).await.unwrap();
    assert_eq!(number.text().await.unwrap(), "988");
    status
        .find(Locator::XPath(".//button[normalize-space(.)='Copy']"))
        .await
        .expect("a Copy button beside the number");
    assert!(!calls.exists(), "nothing was opened without a handler");

    // With a phone app, the opener receives exactly tel:988.
    std::fs::write(&handler_on, "").unwrap();
    call_988(&c).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !calls.exists() {
        assert!(Instant::now() < deadline, "xdg-open was never called");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(std::fs::read_to_string(&calls).unwrap(), "tel:988\n");
    c.close().await.unwrap();
}
