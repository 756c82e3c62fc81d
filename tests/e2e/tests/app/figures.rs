//! The app's README figures, measured on the real binary beside a bare Tauri app (run by
//! scripts/measure-app.sh, which builds both release binaries and seeds a vault; ignored in
//! `make test` because figures are not assertions).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tideline_e2e::*;

/// Resident memory of a process and its descendants in MiB, from /proc (proportional set size, so
/// pages shared between the app and its web processes are not counted twice).
fn pss_mib_of_tree(root: u32) -> f64 {
    let mut total_kib = 0u64;
    let mut pending = vec![root];
    while let Some(pid) = pending.pop() {
        if let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) {
            total_kib += text
                .lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0);
        }
        if let Ok(children) = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")) {
            pending.extend(
                children
                    .split_whitespace()
                    .filter_map(|c| c.parse::<u32>().ok()),
            );
        }
    }
    total_kib as f64 / 1024.0
}

/// The newest process running the binary under test (an instance from the previous launch may
/// still be exiting).
fn app_pid() -> Option<u32> {
    let binary = app_binary().canonicalize().ok()?;
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .filter_map(|e| {
            let pid: u32 = e.file_name().to_str()?.parse().ok()?;
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok()?;
            (exe == binary).then_some(pid)
        })
        .max()
}

/// Seconds to wait after the last screen before reading memory.
const SETTLE: Duration = Duration::from_secs(20);
/// Starts of each app; figures are medians.
const ROUNDS: usize = 3;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn use_binary(binary: &Path) {
    // The test is single-threaded; the library reads the binary to launch from this variable.
    std::env::set_var("TIDELINE_APP", binary);
}

/// What one launch measured: seconds to the awaited screen, seconds from Unlock to home painted
/// (its navigation and actions) and to home complete (its summary shown, no longer busy), both 0
/// when not unlocked and both on the page's clock ([`unlock_timed_in_page`]), and PSS in MiB once
/// idle, and the page's own timeline to the awaited screen ([`PAGE_TIMELINE`]).
struct Launch {
    to_screen: f64,
    page: String,
    unlock_to_home: f64,
    unlock_to_summary: f64,
    idle_mib: f64,
}

/// Launches `binary` on `data`, waits for `screen`, unlocks with `passphrase` if given, then reads
/// memory after [`SETTLE`].
async fn launch(binary: &Path, data: &Path, screen: &str, passphrase: Option<&str>) -> Launch {
    use_binary(binary);
    let driver = Driver::start(data);
    let started = Instant::now();
    let c = driver.session().await;
    wait_for_text(&c, screen, 60).await;
    let to_screen = started.elapsed().as_secs_f64();
    let page = c
        .execute(PAGE_TIMELINE, vec![])
        .await
        .expect("the page's timeline");
    let page = page.as_str().unwrap_or("?").to_owned();
    let (mut unlock_to_home, mut unlock_to_summary) = (0.0, 0.0);
    if let Some(passphrase) = passphrase {
        type_into(&c, "#unlock-pp", passphrase).await;
        (unlock_to_home, unlock_to_summary) = unlock_timed_in_page(&c).await;
        wait_for_text(&c, "Log craving", 60).await;
    }
    tokio::time::sleep(SETTLE).await;
    let idle_mib = app_pid().map(pss_mib_of_tree).unwrap_or(f64::NAN);
    c.close().await.unwrap();
    drop(driver);
    tokio::time::sleep(Duration::from_secs(1)).await;
    Launch {
        to_screen,
        page,
        unlock_to_home,
        unlock_to_summary,
        idle_mib,
    }
}

/// The page's own clock from its navigation to the screen awaited: the HTML received, the document
/// parsed (DOMContentLoaded: the app's module has run and mounted), the load event, and the first
/// contentful paint. It says where the difference in start times goes once the web process runs (up
/// to the web process's start the two apps take the same time: strace, 30 November 2026).
const PAGE_TIMELINE: &str = r#"
    const n = performance.getEntriesByType("navigation")[0] || {};
    const paint = performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint");
    const ms = (v) => (v || 0).toFixed(0);
    return `HTML received ${ms(n.responseEnd)} ms, DOMContentLoaded ${ms(n.domContentLoadedEventEnd)} ms, `
        + `load ${ms(n.loadEventEnd)} ms, first contentful paint ${ms(paint && paint.startTime)} ms`;
"#;

/// Clicks Unlock from inside the page and times, on the page's clock, until home is painted (its
/// heading and the navigation in the document, then the next frame drawn) and until its summary is
/// shown (no longer busy), in seconds. Polling through WebDriver would add its own round trips and
/// up to 150 ms of polling interval to a figure the goal measures in tens of milliseconds.
async fn unlock_timed_in_page(c: &fantoccini::Client) -> (f64, f64) {
    const SCRIPT: &str = r##"
        const done = arguments[arguments.length - 1];
        const unlock = [...document.querySelectorAll("button")]
            .find((b) => b.textContent.trim() === "Unlock");
        const start = performance.now();
        let painted = null;
        let complete = null;
        const afterPaint = (set) =>
            requestAnimationFrame(() => setTimeout(() => set(performance.now() - start), 0));
        const check = () => {
            if (painted === null && document.querySelector("nav") && document.querySelector("#home-title")) {
                painted = -1;
                afterPaint((t) => (painted = t));
            }
            if (complete === null && document.querySelector(
                "section[aria-labelledby='home-title']:not([aria-busy='true']) .recent")) {
                complete = -1;
                afterPaint((t) => (complete = t));
            }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        const finish = setInterval(() => {
            if (painted > 0 && complete > 0) {
                clearInterval(finish);
                observer.disconnect();
                done([painted / 1000, complete / 1000]);
            }
        }, 5);
        unlock.click();
    "##;
    let times = c
        .execute_async(SCRIPT, vec![])
        .await
        .expect("the page times the unlock");
    let times: Vec<f64> = serde_json::from_value(times).expect("two times");
    (times[0], times[1])
}

fn figure(name: &str, unit: &str, bare: Option<f64>, ours: f64) {
    match bare {
        Some(bare) => println!(
            "FIGURE {name}: bare {bare:.3} {unit}, tideline {ours:.3} {unit}, ratio {:.2}x",
            ours / bare
        ),
        None => println!("FIGURE {name}: tideline {ours:.3} {unit}"),
    }
}

/// Tideline and the bare Tauri app (tests/baseline), alternating starts, [`ROUNDS`] rounds.
#[tokio::test(flavor = "current_thread")]
#[ignore = "run by scripts/measure-app.sh"]
async fn measure_side_by_side() {
    let env = |k: &str| PathBuf::from(std::env::var(k).unwrap_or_else(|_| panic!("{k} is set")));
    let (app, bare) = (env("TIDELINE_APP"), env("TIDELINE_BASELINE_APP"));
    let seeded = env("TIDELINE_MEASURE_DIR");
    let passphrase = std::env::var("TIDELINE_MEASURE_PASS").expect("the seeded passphrase");
    let size = |p: &Path| std::fs::metadata(p).map_or(f64::NAN, |m| m.len() as f64 / 1_048_576.0);
    let (mut b, mut first, mut locked) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let empty = tempfile::tempdir().unwrap();
        b.push(launch(&bare, empty.path(), "Baseline ready", None).await);
        let empty = tempfile::tempdir().unwrap();
        first.push(launch(&app, empty.path(), "Choose your language", None).await);
        locked.push(launch(&app, &seeded, "Tideline is locked", Some(&passphrase)).await);
        eprintln!("round {} of {ROUNDS} done", round + 1);
    }
    for (name, launches) in [("bare", &b), ("tideline, first run", &first)] {
        for l in launches.iter() {
            println!("FIGURE page timeline, {name}: {}", l.page);
        }
    }
    let m = |v: &[Launch], f: fn(&Launch) -> f64| median(v.iter().map(f).collect());
    let bare_paint = m(&b, |l| l.to_screen);
    let bare_mem = m(&b, |l| l.idle_mib);
    figure("release binary", "MiB", Some(size(&bare)), size(&app));
    figure(
        "start to first screen, first run",
        "s",
        Some(bare_paint),
        m(&first, |l| l.to_screen),
    );
    figure(
        "start to lock screen, seeded vault",
        "s",
        Some(bare_paint),
        m(&locked, |l| l.to_screen),
    );
    figure(
        "unlock to home painted (navigation and actions), seeded vault",
        "s",
        None,
        m(&locked, |l| l.unlock_to_home),
    );
    figure(
        "unlock to home complete (summary shown), seeded vault",
        "s",
        None,
        m(&locked, |l| l.unlock_to_summary),
    );
    figure(
        "idle memory (PSS), first run",
        "MiB",
        Some(bare_mem),
        m(&first, |l| l.idle_mib),
    );
    figure(
        "idle memory (PSS), seeded vault unlocked",
        "MiB",
        Some(bare_mem),
        m(&locked, |l| l.idle_mib),
    );
}
