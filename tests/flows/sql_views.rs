//! The versioned read-only views other tools read: several workbooks
//! attached to one SQLite connection and queried together, as a state's
//! data platform would (the README's example).

use ratchet::ops::sample::create_sample;
use ratchet::sample::{GenerateSpec, generate};

use crate::support::temp;

#[test]
fn several_workbooks_attached_together_answer_one_query_through_the_views() {
    let dir = temp();
    let riverton = dir.path().join("riverton.ratchet");
    let synthetic = dir.path().join("synthetic.ratchet");
    let streets = create_sample(&riverton).unwrap();
    generate(
        &synthetic,
        GenerateSpec {
            teams: 3,
            indicators: 2,
            periods: 10,
            seed: 7,
        },
    )
    .unwrap();
    let small = ratchet::storage::Workbook::open(&synthetic).unwrap();
    let expected = [
        (
            streets.framework().unwrap().agency.name.clone(),
            streets.counts().unwrap(),
        ),
        (
            small.framework().unwrap().agency.name.clone(),
            small.counts().unwrap(),
        ),
    ];
    let recognised_before = streets.wins().unwrap().len();
    drop((streets, small));

    // The README's query, run by SQLite itself.
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute("ATTACH ?1 AS a", [riverton.to_str().unwrap()])
        .unwrap();
    conn.execute("ATTACH ?1 AS b", [synthetic.to_str().unwrap()])
        .unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT agency, COUNT(*), COUNT(DISTINCT team), MIN(period_start)
             FROM (SELECT * FROM a.ratchet_v1_values UNION ALL SELECT * FROM b.ratchet_v1_values)
             GROUP BY agency ORDER BY agency",
        )
        .unwrap();
    let rows: Vec<(String, i64, i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    for (agency, counts) in &expected {
        let row = rows.iter().find(|r| &r.0 == agency).unwrap();
        assert_eq!(
            row.1 as u64, counts.measurements,
            "{agency}: every value, once"
        );
        assert!(
            row.3.len() == 10 && row.3.as_bytes()[4] == b'-',
            "ISO dates: {}",
            row.3
        );
    }
    // Every view is there in both, with its documented columns.
    for view in [
        "ratchet_v1_values",
        "ratchet_v1_targets",
        "ratchet_v1_teams",
        "ratchet_v1_indicators",
        "ratchet_v1_flags",
        "ratchet_v1_wins",
    ] {
        for schema in ["a", "b"] {
            let n: i64 = conn
                .query_row(&format!("SELECT COUNT(*) FROM {schema}.{view}"), [], |r| {
                    r.get(0)
                })
                .unwrap();
            assert!(n >= 0);
        }
    }
    let wins: i64 = conn
        .query_row("SELECT COUNT(*) FROM a.ratchet_v1_wins", [], |r| r.get(0))
        .unwrap();
    assert_eq!(wins as usize, recognised_before);
    let current_target: (String, f64, String) = conn
        .query_row(
            "SELECT indicator, target_value, deadline FROM a.ratchet_v1_targets WHERE current AND team IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(current_target.0, "Potholes repaired within 48 hours");
    assert_eq!(current_target.1, 90.0);
    assert_eq!(current_target.2, "2027-06-30");
}
