//! The roll-up as Parquet, for data platforms that prefer it to CSV: the
//! same columns as the CSV (see `export::rollup::CSV_COLUMNS`), typed,
//! uncompressed, one row group.

use std::sync::Arc;

use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use super::rollup::latest_against_path;
use crate::analysis::rollup::Portfolio;

const SCHEMA: &str = "message ratchet_rollup {
  REQUIRED BYTE_ARRAY agency (UTF8);
  REQUIRED BYTE_ARRAY workbook (UTF8);
  REQUIRED BYTE_ARRAY mission (UTF8);
  REQUIRED BYTE_ARRAY target (UTF8);
  REQUIRED BYTE_ARRAY indicator (UTF8);
  REQUIRED BYTE_ARRAY standing (UTF8);
  REQUIRED INT64 teams_on_track;
  REQUIRED INT64 teams_with_standing;
  OPTIONAL DOUBLE median_latest;
  OPTIONAL DOUBLE path_latest;
  REQUIRED INT64 wins;
  REQUIRED INT64 serious_flags_open;
  OPTIONAL INT32 last_data (DATE);
}";

/// One column's values.
enum Column {
    Text(Vec<String>),
    Whole(Vec<i64>),
    Number(Vec<Option<f64>>),
    Day(Vec<Option<i32>>),
}

fn columns(p: &Portfolio) -> Vec<Column> {
    let a = &p.agencies;
    let text = |f: &dyn Fn(&crate::analysis::rollup::AgencyLine) -> String| {
        Column::Text(a.iter().map(f).collect())
    };
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    vec![
        text(&|l| l.agency.clone()),
        text(&|l| l.path.display().to_string()),
        text(&|l| l.mission.clone()),
        text(&|l| {
            l.target
                .as_ref()
                .map_or(String::new(), |t| t.sentence.clone())
        }),
        text(&|l| l.target.as_ref().map_or(String::new(), |t| t.name.clone())),
        text(&|l| l.status.label().to_lowercase()),
        Column::Whole(a.iter().map(|l| l.on_track.0 as i64).collect()),
        Column::Whole(a.iter().map(|l| l.on_track.1 as i64).collect()),
        Column::Number(
            a.iter()
                .map(|l| latest_against_path(l).map(|x| x.1))
                .collect(),
        ),
        Column::Number(
            a.iter()
                .map(|l| latest_against_path(l).and_then(|x| x.2))
                .collect(),
        ),
        Column::Whole(a.iter().map(|l| l.wins as i64).collect()),
        Column::Whole(a.iter().map(|l| l.serious_flags as i64).collect()),
        Column::Day(
            a.iter()
                .map(|l| l.last_data.map(|d| (d - epoch).num_days() as i32))
                .collect(),
        ),
    ]
}

/// Definition levels of an optional column (1: present) and its values.
fn present<T: Copy>(values: &[Option<T>]) -> (Vec<i16>, Vec<T>) {
    (
        values.iter().map(|v| i16::from(v.is_some())).collect(),
        values.iter().filter_map(|v| *v).collect(),
    )
}

/// The roll-up as a Parquet file's bytes.
pub fn rollup_parquet(p: &Portfolio) -> Result<Vec<u8>, String> {
    let err = |e: parquet::errors::ParquetError| e.to_string();
    let schema = Arc::new(parse_message_type(SCHEMA).map_err(err)?);
    let props = Arc::new(WriterProperties::builder().build());
    let mut out = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut out, schema, props).map_err(err)?;
    let mut row_group = writer.next_row_group().map_err(err)?;
    let mut data = columns(p).into_iter();
    while let Some(mut column) = row_group.next_column().map_err(err)? {
        let values = data
            .next()
            .ok_or("the roll-up has fewer columns than its schema")?;
        match (column.untyped(), values) {
            (ColumnWriter::ByteArrayColumnWriter(w), Column::Text(v)) => {
                let bytes: Vec<ByteArray> = v
                    .into_iter()
                    .map(|s| ByteArray::from(s.into_bytes()))
                    .collect();
                w.write_batch(&bytes, None, None).map_err(err)?;
            }
            (ColumnWriter::Int64ColumnWriter(w), Column::Whole(v)) => {
                w.write_batch(&v, None, None).map_err(err)?;
            }
            (ColumnWriter::DoubleColumnWriter(w), Column::Number(v)) => {
                let (levels, values) = present(&v);
                w.write_batch(&values, Some(&levels), None).map_err(err)?;
            }
            (ColumnWriter::Int32ColumnWriter(w), Column::Day(v)) => {
                let (levels, values) = present(&v);
                w.write_batch(&values, Some(&levels), None).map_err(err)?;
            }
            _ => return Err("the roll-up's columns do not match its schema".into()),
        }
        column.close().map_err(err)?;
    }
    row_group.close().map_err(err)?;
    writer.close().map_err(err)?;
    Ok(out)
}
