//! The patient sees their devices: each sync reads the devices enrolled in the patient's name, and a
//! new one (not this device) warns until the patient acknowledges it.

use ring::rand::SystemRandom;
use tideline_clinic::access::Caller;
use tideline_core::sync::{self, devices};

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
