//! The command line, run as a user would run it.

use crate::support::{ratchet_command, temp};

fn ratchet(args: &[&str]) -> std::process::Output {
    crate::support::ratchet_command()
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn new_sample_then_summary_json_gives_the_samples_framework() {
    let dir = temp();
    let path = dir.path().join("sample.ratchet");
    let p = path.to_str().unwrap();
    let out = ratchet(&["new", p, "--sample"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = ratchet(&["summary", p, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["agency"]["name"], "Riverton Street Services");
    assert_eq!(json["framework_complete"], true);
    assert!(
        json["mission"]["statement"]
            .as_str()
            .unwrap()
            .starts_with("Keep every Riverton street safe")
    );
    assert_eq!(json["mission"]["versions"], 2);
    assert_eq!(
        json["deficit"]["title"],
        "Potholes wait too long for repair"
    );
    assert_eq!(json["deficit"]["priority"], 80);
    assert_eq!(json["candidate_deficits"], 4);
    assert_eq!(
        json["target"]["indicator"],
        "Potholes repaired within 48 hours"
    );
    assert_eq!(json["target"]["direction"], "higher");
    assert_eq!(json["target"]["baseline_value"], 41.0);
    assert_eq!(json["target"]["baseline_date"], "2024-12-02");
    assert_eq!(json["target"]["target_value"], 90.0);
    assert_eq!(json["target"]["deadline"], "2027-06-30");
    let theory = json["theory"].as_array().unwrap();
    assert_eq!(theory.len(), 3);
    assert_eq!(
        theory[2]["measured_by"],
        "Residents rating streets good or better"
    );
    assert_eq!(json["counts"]["teams"], 6);
    assert_eq!(json["counts"]["indicators"], 8);
    assert!(json["counts"]["measurements"].as_u64().unwrap() > 1500);

    let out = ratchet(&["summary", p]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "Deficit: Potholes wait too long for repair (priority 80, chosen from 4 candidates)"
        ),
        "{text}"
    );
    assert!(
        text.contains("from 41% on 2024-12-02 to 90% by 2027-06-30"),
        "{text}"
    );
}

#[test]
fn errors_are_one_line_on_stderr_with_a_failing_status() {
    let dir = temp();
    let missing = dir.path().join("missing.ratchet");
    let out = ratchet(&["summary", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("does not exist"), "{err}");

    let existing = dir.path().join("x.ratchet");
    std::fs::write(&existing, "keep me").unwrap();
    let out = ratchet(&["new", existing.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
}

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["new", "--help"],
        vec!["summary", "--help"],
        vec!["generate", "--help"],
    ] {
        let out = ratchet(&args);
        assert!(out.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{args:?}"
        );
    }
}

#[test]
fn generate_writes_the_requested_size() {
    let dir = temp();
    let path = dir.path().join("gen.ratchet");
    let p = path.to_str().unwrap();
    let out = ratchet(&[
        "generate",
        p,
        "--teams",
        "7",
        "--indicators",
        "3",
        "--periods",
        "11",
        "--seed",
        "5",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&ratchet(&["summary", p, "--json"]).stdout).unwrap();
    assert_eq!(json["counts"]["teams"], 7);
    assert_eq!(json["counts"]["indicators"], 3);
    assert_eq!(json["counts"]["measurements"], 7 * 3 * 11);
    assert_eq!(json["framework_complete"], true);
    let out = ratchet(&[
        "generate",
        dir.path().join("zero.ratchet").to_str().unwrap(),
        "--teams",
        "0",
        "--indicators",
        "1",
        "--periods",
        "1",
    ]);
    assert!(!out.status.success());
    assert!(!dir.path().join("zero.ratchet").exists());
}

#[test]
fn a_facilitator_prepares_practice_workbooks_and_prints_take_homes() {
    let dir = temp();
    let path = dir.path().join("ana.ratchet");
    let p = path.to_str().unwrap();
    let out = ratchet(&["practice", p, "--scenario", "parks", "--participant", "Ana"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let wb = ratchet::storage::Workbook::open(&path).unwrap();
    assert_eq!(wb.workshop_mark().unwrap().unwrap().participant, "Ana");
    assert!(wb.framework().unwrap().mission.is_none());
    drop(wb);

    // An empty framework has no take-home yet, and says what is missing.
    let pdf = dir.path().join("ana.pdf");
    let out = ratchet(&["take-home", p, "--out", pdf.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Write the mission first"));
    assert!(!pdf.exists());

    // An unknown scenario is named, with the ones there are.
    let out = ratchet(&["practice", "x.ratchet", "--scenario", "zoo"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\"zoo\"") && err.contains("streets, benefits, parks"),
        "{err}"
    );
}

#[test]
fn every_command_that_writes_refuses_a_workbook_another_ratchet_holds() {
    let dir = temp();
    let path = dir.path().join("held.ratchet");
    let p = path.to_str().unwrap();
    let out = ratchet(&["new", p, "--sample"]);
    assert!(out.status.success());
    // A meeting for the briefing book, made before the workbook is held.
    {
        let mut wb = ratchet::storage::Workbook::open(&path).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        ratchet::ops::meetings::create_meeting(
            &mut wb,
            today,
            "Held",
            &[],
            today,
            ratchet::analysis::agenda::AgendaLimits::default(),
        )
        .unwrap();
    }
    let csv = dir.path().join("v.csv");
    std::fs::write(
        &csv,
        "team,indicator,period,value\nNorth,Repairs,2025-01,1\n",
    )
    .unwrap();
    let pdf = dir.path().join("b.pdf");
    let certs = dir.path().join("certs");
    let writing: Vec<Vec<&str>> = vec![
        vec!["check", p],
        vec!["wins", p],
        vec![
            "certificates",
            p,
            "--since",
            "2020-01-01",
            "--out",
            certs.to_str().unwrap(),
        ],
        vec![
            "briefing",
            p,
            "--meeting",
            "2026-12-01",
            "--out",
            pdf.to_str().unwrap(),
        ],
        vec!["import", p, csv.to_str().unwrap()],
    ];
    let holder = ratchet::storage::Workbook::open_exclusive(&path, None).unwrap();
    let before = std::fs::read(&path).unwrap();
    for args in &writing {
        let out = ratchet(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} wrote to a held workbook");
        assert!(err.contains("is open in Ratchet by"), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{args:?}");
    }
    drop(holder);
    // Released: the same commands work.
    let out = ratchet(&["check", p]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn shell_completions_and_the_manual_page_come_from_the_command_definitions() {
    let out = ratchet_command()
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let bash = String::from_utf8(out.stdout).unwrap();
    for word in [
        "import",
        "--create-missing",
        "--frequency",
        "summary",
        "check",
    ] {
        assert!(bash.contains(word), "bash completions lack {word}");
    }
    let out = ratchet_command()
        .args(["completions", "powershell"])
        .output()
        .unwrap();
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("import"));
    let out = ratchet_command().arg("man").output().unwrap();
    assert!(out.status.success());
    let man = String::from_utf8(out.stdout).unwrap();
    assert!(
        man.contains(".TH ratchet 1"),
        "{}",
        &man[..man.len().min(200)]
    );
    assert!(man.contains("import") && man.contains("completions"));
}
