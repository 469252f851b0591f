//! Recognition benchmarks: one certificate as PDF and PNG, a batch of 100
//! certificates, and looking for wins across the large workbook.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hint::black_box;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratchet::domain::certificate::{CertificateLayout, CertificateText, Paper};
use ratchet::domain::win::ManualWin;
use ratchet::export::certificate::{CertificateSpec, layout_certificate};
use ratchet::ops::recognition::{BatchProgress, batch_certificates};
use ratchet::ops::wins::{DetectScope, detect_wins};
use ratchet::storage::Workbook;

fn spec() -> CertificateSpec {
    CertificateSpec {
        text: CertificateText {
            heading: "Certificate of Recognition".into(),
            recipients: "Zoë Ångström-Núñez & Łukasz O’Brien-Wojciechowska".into(),
            achievement: "For meeting the target of 90% on Potholes repaired within 48 hours in the week of 20 April 2026, ahead of the deadline.".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            agency: "Riverton Street Services".into(),
            signer_name: "Dana Okafor".into(),
            signer_title: "Director of Street Services".into(),
        },
        layout: CertificateLayout::Classic,
        paper: Paper::A4,
        logo: None,
    }
}

fn certificate_benches(c: &mut Criterion) {
    let spec = spec();
    let mut group = c.benchmark_group("certificate");
    group.bench_function("layout, PDF and PNG (A4, 2 px/pt)", |b| {
        b.iter(|| {
            let cert = layout_certificate(&spec);
            let doc = cert.document("Certificate");
            let pdf = doc.bytes_for(std::path::Path::new("c.pdf")).unwrap();
            let png = doc.bytes_for(std::path::Path::new("c.png")).unwrap();
            black_box((pdf.len(), png.len()))
        })
    });
    group.bench_function("layout only", |b| {
        b.iter(|| black_box(layout_certificate(&spec).svg.len()))
    });
    group.finish();

    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::create(&dir.path().join("b.ratchet")).unwrap();
    let team = wb.add_team("North District Crew", "").unwrap();
    for i in 0..100 {
        wb.add_manual_win(&ManualWin {
            team: Some(team),
            people: String::new(),
            achieved_on: NaiveDate::from_ymd_opt(2026, 1, 1 + (i % 28)),
            description: format!("Cleared every reported pothole on route {i} before the marathon"),
        })
        .unwrap();
    }
    let wins = wb.wins().unwrap();
    let mut group = c.benchmark_group("certificates");
    group.sample_size(10);
    let mut n = 0;
    group.bench_function("batch of 100 PDFs into a folder, recorded", |b| {
        b.iter(|| {
            n += 1;
            let folder = dir.path().join(format!("batch{n}"));
            let report = batch_certificates(
                &mut wb,
                &wins,
                &folder,
                NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
                &BatchProgress::default(),
                &AtomicBool::new(false),
            )
            .unwrap();
            black_box(report.written.len())
        })
    });
    group.finish();
}

fn detection_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = common::large_workbook(dir.path());
    let mut wb = Workbook::open(&path).unwrap();
    detect_wins(&mut wb, DetectScope::All).unwrap();
    let mut group = c.benchmark_group("wins");
    group.sample_size(10);
    group.bench_function(
        "detect across 200 teams × 20 indicators × 260 weeks (nothing new)",
        |b| b.iter(|| black_box(detect_wins(&mut wb, DetectScope::All).unwrap().added)),
    );
    let ind = wb.indicators().unwrap()[0].id;
    let team = wb.teams().unwrap()[0].id;
    group.bench_function("detect in one series after an edit", |b| {
        b.iter(|| {
            black_box(
                detect_wins(&mut wb, DetectScope::Series(ind, team))
                    .unwrap()
                    .added,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, certificate_benches, detection_benches);
criterion_main!(benches);
