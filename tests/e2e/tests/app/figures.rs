//! The app's README figures, measured on the real binary (run by scripts/measure-app.sh, which
//! builds the release binary and seeds a vault; ignored in `make test` because figures are not
//! assertions).

use std::path::PathBuf;
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

fn app_pid() -> Option<u32> {
    let binary = app_binary().canonicalize().ok()?;
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: u32 = e.file_name().to_str()?.parse().ok()?;
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok()?;
        (exe == binary).then_some(pid)
    })
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "run by scripts/measure-app.sh"]
async fn measure_app_figures() {
    let data =
        PathBuf::from(std::env::var("TIDELINE_MEASURE_DIR").expect("a seeded vault directory"));
    let passphrase = std::env::var("TIDELINE_MEASURE_PASS").expect("its passphrase");
    let driver = Driver::start(&data);

    let started = Instant::now();
    let c = driver.session().await;
    wait_for_text(&c, "Tideline is locked", 30).await;
    let cold_start = started.elapsed();

    type_into(&c, "#unlock-pp", &passphrase).await;
    let unlocking = Instant::now();
    click_button(&c, "Unlock").await;
    wait_for_text(&c, "Log craving", 60).await;
    find(&c, "nav").await;
    let unlock_to_home = unlocking.elapsed();

    tokio::time::sleep(Duration::from_secs(60)).await;
    let memory = app_pid().map(pss_mib_of_tree).unwrap_or(f64::NAN);
    let size = std::fs::metadata(app_binary())
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "FIGURES binary_mb={:.1} cold_start_s={:.3} unlock_to_home_s={:.3} idle_memory_mib={:.0}",
        size as f64 / 1_048_576.0,
        cold_start.as_secs_f64(),
        unlock_to_home.as_secs_f64(),
        memory
    );
    c.close().await.unwrap();
}
