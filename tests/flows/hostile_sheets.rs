//! Spreadsheets from anywhere cannot take Ratchet down: each hostile file
//! (generated here, not stored) is refused with one line on stderr, by a
//! `ratchet import` running under a 512 MB address-space limit, and the
//! workbook is left byte for byte as it was.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::support::{ratchet_command, repairs_workbook, temp};

/// The address space a hostile import may use, in KB.
const LIMIT_KB: u64 = 512 * 1024;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

/// Writes part of a file's XML.
type WriteXml<'a> = &'a mut dyn FnMut(&mut dyn Write);

/// An XLSX whose sheet XML is `sheet_data` (inside `<sheetData>`), with an
/// optional shared-strings part written by `strings`.
fn xlsx(path: &Path, dimension: &str, sheet_data: WriteXml<'_>, strings: Option<WriteXml<'_>>) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    write!(
        zip,
        "{SHEET_HEAD}<dimension ref=\"{dimension}\"/><sheetData>"
    )
    .unwrap();
    sheet_data(&mut zip);
    write!(zip, "</sheetData></worksheet>").unwrap();
    if let Some(strings) = strings {
        zip.start_file("xl/sharedStrings.xml", opts).unwrap();
        write!(
            zip,
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        )
        .unwrap();
        strings(&mut zip);
        write!(zip, "</sst>").unwrap();
    }
    zip.finish().unwrap();
}

/// A header row and one value, for files that are otherwise fine.
fn header(w: &mut dyn Write) {
    write!(
        w,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>team</t></is></c><c r="B1" t="inlineStr"><is><t>indicator</t></is></c><c r="C1" t="inlineStr"><is><t>period</t></is></c><c r="D1" t="inlineStr"><is><t>value</t></is></c></row>"#
    )
    .unwrap();
}

struct Hostile {
    name: &'static str,
    make: fn(&Path),
}

fn far_corner(p: &Path) {
    xlsx(
        p,
        "A1:XFD1048576",
        &mut |w| {
            write!(
                w,
                r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#
            )
            .unwrap()
        },
        None,
    )
}

fn impossible_reference(p: &Path) {
    xlsx(
        p,
        "A1:ZZZZZZZ99999999999",
        &mut |w| {
            header(w);
            write!(
                w,
                r#"<row r="99999999999"><c r="ZZZZZZZ99999999999"><v>1</v></c></row>"#
            )
            .unwrap()
        },
        None,
    )
}

fn whitespace_bomb(p: &Path) {
    xlsx(
        p,
        "A1:D2",
        &mut |w| {
            header(w);
            let spaces = vec![b' '; 1 << 20];
            for _ in 0..600 {
                w.write_all(&spaces).unwrap();
            }
        },
        None,
    )
}

fn shared_string_bomb(p: &Path) {
    xlsx(
        p,
        "A1:D2",
        &mut |w| header(w),
        Some(&mut |w: &mut dyn Write| {
            let one = b"<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>";
            let block: Vec<u8> = one.repeat(16 * 1024);
            for _ in 0..300 {
                w.write_all(&block).unwrap();
            }
        }),
    )
}

fn too_many_columns(p: &Path) {
    xlsx(
        p,
        "A1:AAAA2",
        &mut |w| {
            header(w);
            write!(w, r#"<row r="2">"#).unwrap();
            for _ in 0..20_000 {
                write!(w, "<c><v>1</v></c>").unwrap();
            }
            write!(w, "</row>").unwrap();
        },
        None,
    )
}

const HOSTILE: [Hostile; 5] = [
    Hostile {
        name: "far-corner.xlsx",
        make: far_corner,
    },
    Hostile {
        name: "impossible-reference.xlsx",
        make: impossible_reference,
    },
    Hostile {
        name: "whitespace-bomb.xlsx",
        make: whitespace_bomb,
    },
    Hostile {
        name: "shared-string-bomb.xlsx",
        make: shared_string_bomb,
    },
    Hostile {
        name: "too-many-columns.xlsx",
        make: too_many_columns,
    },
];

/// Runs `ratchet import` on `file` under the address-space limit.
fn import_limited(wb: &Path, file: &Path) -> std::process::Output {
    let bin = ratchet_command().get_program().to_owned();
    let home = ratchet_command()
        .get_envs()
        .find(|(k, _)| *k == "RATCHET_HOME")
        .and_then(|(_, v)| v.map(PathBuf::from))
        .unwrap();
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {LIMIT_KB} && exec \"$0\" import \"$1\" \"$2\" --create-missing --direction higher"
        ))
        .arg(bin)
        .arg(wb)
        .arg(file)
        .env("RATCHET_HOME", home)
        .output()
        .unwrap()
}

#[test]
fn hostile_spreadsheets_are_refused_in_one_line_within_bounded_memory() {
    let dir = temp();
    let (wb, _) = repairs_workbook(dir.path(), "w.ratchet");
    let path = wb.path().to_owned();
    drop(wb);
    for h in HOSTILE {
        let file = dir.path().join(h.name);
        (h.make)(&file);
        let before = std::fs::read(&path).unwrap();
        let out = import_limited(&path, &file);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.code().is_some(),
            "{}: killed by a signal (out of memory?): {err}",
            h.name
        );
        assert!(!out.status.success(), "{}: accepted", h.name);
        let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "{}: {err}", h.name);
        assert!(
            !err.contains("panicked") && !err.contains("memory allocation"),
            "{}: {err}",
            h.name
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "{}: the workbook changed",
            h.name
        );
        println!("{}: {}", h.name, lines[0]);
    }
}
