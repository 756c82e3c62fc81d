//! Everything a share sends, and the three questionnaires, checked by an independent FHIR
//! implementation (`fhir.resources`, Python, through the clinic's validation script).

#[path = "../../../clinic/tests/common/fhir_python.rs"]
mod fhir_python;

use tideline_core::record::Record;

use crate::support::{craving, halt, share, urge, Setup};

#[test]
fn every_shared_resource_is_valid_fhir() {
    let python = fhir_python::python();
    let setup = Setup::start();
    let mut device = setup.device();
    let entries = [
        craving(&mut device, 3, "Payday <b>&</b> \"quotes\""),
        halt(&mut device, 2, "Hungry"),
        urge(&mut device, 1, "Rode it out"),
    ];
    let summary = share(&mut device, &entries).unwrap();
    let Some(Record::Consent(stored)) = device.vault.get(&summary.id).map(|s| s.record.clone())
    else {
        panic!("the consent is in the vault");
    };
    let bundle = stored.bundle.expect("the signed bundle is kept");
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![(
        "share-bundle".to_owned(),
        serde_json::to_value(&bundle).unwrap(),
    )];
    for q in tideline_wire::questionnaire::all() {
        files.push((q.id.clone(), serde_json::to_value(&q).unwrap()));
    }
    for (name, resource) in &files {
        std::fs::write(
            dir.path().join(format!("{name}.json")),
            serde_json::to_vec_pretty(resource).unwrap(),
        )
        .unwrap();
    }
    let script = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("../clinic/tests/fhir_validate.py");
    let output = std::process::Command::new(python)
        .arg(script)
        .arg(dir.path())
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "fhir.resources refused a shared resource:\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        report.contains(&format!("{} valid", files.len())),
        "every file was checked: {report}"
    );
}
