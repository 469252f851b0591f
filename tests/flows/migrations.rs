//! Schema migrations: valid, and applied to the latest version.

use ratchet::storage::{LATEST_VERSION, Workbook, validate_migrations};

use crate::support::{new_workbook, temp};

#[test]
fn migrations_validate() {
    validate_migrations().unwrap();
}

#[test]
fn a_new_workbook_is_at_the_latest_version_with_its_identity_in_the_header() {
    let dir = temp();
    let (path, wb) = new_workbook(dir.path(), "w.ratchet");
    drop(wb);
    let bytes = std::fs::read(&path).unwrap();
    let user_version = u32::from_be_bytes([bytes[60], bytes[61], bytes[62], bytes[63]]);
    let app_id = i32::from_be_bytes([bytes[68], bytes[69], bytes[70], bytes[71]]);
    assert_eq!(user_version as usize, LATEST_VERSION);
    assert_eq!(app_id, ratchet::storage::APPLICATION_ID);
    Workbook::open(&path).unwrap();
}

/// A workbook written by version 1 of the schema (committed under
/// tests/fixtures) opens with every value intact, upgraded to the latest.
#[test]
fn the_version_1_fixture_opens_and_keeps_its_data() {
    let dir = temp();
    let path = dir.path().join("v1.ratchet");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/workbook-v1.ratchet"
        ),
        &path,
    )
    .unwrap();
    let wb = Workbook::open(&path).unwrap();
    let f = wb.framework().unwrap();
    assert_eq!(f.agency.name, "Fixture Agency");
    assert_eq!(
        f.mission.unwrap().statement,
        "Keep the fixture's streets safe for everyone."
    );
    assert_eq!(f.target.unwrap().target_value, 90.0);
    let counts = wb.counts().unwrap();
    assert_eq!(counts.teams, 2);
    assert_eq!(counts.measurements, 6);
}
