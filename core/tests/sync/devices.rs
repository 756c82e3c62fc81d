//! The patient sees their devices: each sync reads the devices enrolled in the patient's name, and a
//! new one (not this device) warns until the patient acknowledges it. A server from before the list
//! (404) changes nothing.

use std::io::{BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use ring::rand::SystemRandom;
use tideline_clinic::access::Caller;
use tideline_core::sync::{self, devices};

use crate::lost_reply::read_message;
use crate::support::{now, Clinic, Device};

fn warning(device: &Device) -> Option<String> {
    devices::list(&device.vault).warning
}

fn unacknowledged(device: &Device) -> Vec<String> {
    devices::list(&device.vault)
        .devices
        .into_iter()
        .filter(|d| d.unacknowledged)
        .map(|d| d.id)
        .collect()
}

fn device_id(device: &Device) -> String {
    sync::connection(&device.vault).unwrap().device_id.clone()
}

#[test]
fn a_new_device_for_the_patient_warns_until_acknowledged_and_another_patients_never_shows() {
    let clinic = Clinic::start(false);
    let mut first = Device::new();
    first.connect(&clinic);
    first.sync().unwrap();
    let listed = devices::list(&first.vault);
    assert_eq!(listed.devices.len(), 1);
    assert!(listed.devices[0].this_device && !listed.devices[0].unacknowledged);
    assert_eq!(listed.warning, None, "this device alone is no news");
    assert!(listed.read_at.is_some());

    // Someone enrolls a second device in the patient's name.
    let mut second = Device::new();
    second.connect(&clinic);
    first.sync().unwrap();
    assert_eq!(unacknowledged(&first), [device_id(&second)]);
    let shown = warning(&first).expect("the new device warns");
    assert!(shown.contains("tell your clinic; they can remove it"));
    first.sync().unwrap();
    assert_eq!(
        unacknowledged(&first),
        [device_id(&second)],
        "one warning for one device, however many syncs, until acknowledged"
    );
    assert!(warning(&first).is_some());

    let after = devices::acknowledge(&mut first.vault, now()).unwrap();
    assert_eq!(after.warning, None);
    first.sync().unwrap();
    assert_eq!(warning(&first), None, "acknowledged, it stays gone");

    // A device of another patient of the same clinic never shows.
    let conn = clinic.db();
    let clinic_id = tideline_clinic::patient::clinic_of(&conn, clinic.patient_id).unwrap();
    let other = tideline_clinic::patient::create(
        &conn,
        &Caller::Operator,
        clinic_id,
        "Alex",
        "Moreno",
        chrono::Utc::now(),
    )
    .unwrap();
    let code = tideline_clinic::enrollment::issue_code(
        &conn,
        &Caller::Operator,
        other,
        chrono::Utc::now(),
    )
    .unwrap()
    .code;
    drop(conn);
    let stranger = Device::new();
    let mut stranger = stranger;
    sync::connect(
        &mut stranger.vault,
        &clinic.url(),
        &code,
        None,
        now(),
        &SystemRandom::new(),
    )
    .unwrap();
    first.sync().unwrap();
    assert_eq!(warning(&first), None);
    let ids: Vec<String> = devices::list(&first.vault)
        .devices
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, [device_id(&first), device_id(&second)]);
    assert!(!ids.contains(&device_id(&stranger)));

    // A third device of the patient warns again, and only for itself.
    let mut third = Device::new();
    third.connect(&clinic);
    first.sync().unwrap();
    assert_eq!(unacknowledged(&first), [device_id(&third)]);
    assert!(warning(&first).is_some());

    // Once the clinic removes it, it is listed as removed and no longer warns.
    clinic.revoke(&device_id(&third));
    first.sync().unwrap();
    let listed = devices::list(&first.vault);
    assert_eq!(listed.warning, None);
    assert!(listed.devices[2].revoked_at.is_some());

    // The other devices see the same list, each marking itself.
    second.sync().unwrap();
    let theirs = devices::list(&second.vault);
    assert!(theirs.devices[1].this_device);
    assert!(
        theirs.devices[0].unacknowledged,
        "the first device is new to the second"
    );
}

/// Plays a clinic server from before the device list: `GET /fhir/Device` answers 404 while `older`
/// is set; every other request goes to the real server.
fn older_server_relay(upstream: SocketAddr, older: Arc<AtomicBool>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let older = older.clone();
            std::thread::spawn(move || -> std::io::Result<()> {
                let server = TcpStream::connect(upstream)?;
                let mut from_client = BufReader::new(client.try_clone()?);
                let mut to_client = client;
                let mut from_server = BufReader::new(server.try_clone()?);
                let mut to_server = server;
                while let Some(request) = read_message(&mut from_client)? {
                    if request.starts_with(b"GET /fhir/Device") && older.load(Ordering::SeqCst) {
                        to_client
                            .write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n")?;
                        continue;
                    }
                    to_server.write_all(&request)?;
                    let Some(reply) = read_message(&mut from_server)? else {
                        return Ok(());
                    };
                    to_client.write_all(&reply)?;
                }
                Ok(())
            });
        }
    });
    address
}

#[test]
fn an_older_server_without_the_list_keeps_what_the_device_knew() {
    let clinic = Clinic::start(false);
    let upstream: SocketAddr = clinic.url().trim_start_matches("http://").parse().unwrap();
    let older = Arc::new(AtomicBool::new(false));
    let relay = older_server_relay(upstream, older.clone());
    let mut first = Device::new();
    sync::connect(
        &mut first.vault,
        &format!("http://{relay}"),
        &clinic.issue_code(),
        None,
        now(),
        &SystemRandom::new(),
    )
    .unwrap();
    first.sync().unwrap();
    let before = devices::list(&first.vault);
    assert_eq!(before.devices.len(), 1);

    let mut second = Device::new();
    second.connect(&clinic);
    older.store(true, Ordering::SeqCst);
    first.sync().expect("a server without the list still syncs");
    assert_eq!(
        devices::list(&first.vault),
        before,
        "the list is kept as it was"
    );

    older.store(false, Ordering::SeqCst);
    first.sync().unwrap();
    assert_eq!(unacknowledged(&first), [device_id(&second)]);
}
