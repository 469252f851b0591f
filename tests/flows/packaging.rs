//! The installers' configuration agrees with the package: the version
//! Cargo.toml gives, icons and files that exist, and one MIME type for
//! `.ratchet` files across the desktop entry, the MIME database entry and
//! the file association.

use std::path::Path;

fn packaging(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("packaging")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The quoted strings on a `key = ...` line (or the lines of its array).
fn quoted_after(config: &str, key: &str) -> Vec<String> {
    let start = config
        .lines()
        .position(|l| l.trim_start().starts_with(&format!("{key} =")))
        .unwrap_or_else(|| panic!("Packager.toml has no {key}"));
    let mut out = Vec::new();
    for (i, line) in config.lines().skip(start).enumerate() {
        let text = line.split('#').next().unwrap_or("");
        out.extend(
            text.split('"')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .filter(|s| !s.is_empty()),
        );
        // One line, unless it opens an array that closes further down.
        let opens_array = i == 0 && text.contains('[') && !text.contains(']');
        let closes = text.contains(']');
        if (i == 0 && !opens_array) || (i > 0 && closes) {
            break;
        }
    }
    out
}

#[test]
fn the_installers_carry_the_packages_version_icons_and_one_mime_type() {
    let config = packaging("Packager.toml");
    assert_eq!(
        quoted_after(&config, "version"),
        vec![env!("CARGO_PKG_VERSION").to_owned()],
        "packaging/Packager.toml's version must be Cargo.toml's"
    );
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging");
    let icons = quoted_after(&config, "icons");
    assert!(icons.len() >= 4, "{icons:?}");
    for extra in ["LICENSE.txt", "ratchet.desktop.hbs", "ratchet-mime.xml"] {
        assert!(config.contains(extra), "Packager.toml names {extra}");
    }
    for file in icons.iter().map(String::as_str).chain([
        "LICENSE.txt",
        "ratchet.desktop.hbs",
        "ratchet-mime.xml",
    ]) {
        assert!(
            here.join(file).is_file(),
            "{file} (relative to packaging/) exists"
        );
    }
    let mime = "application/x-ratchet-workbook";
    assert_eq!(quoted_after(&config, "mime-type"), vec![mime.to_owned()]);
    assert!(packaging("ratchet.desktop.hbs").contains(&format!("MimeType={mime};")));
    assert!(packaging("ratchet-mime.xml").contains(&format!("type=\"{mime}\"")));
    assert!(packaging("ratchet-mime.xml").contains("<glob pattern=\"*.ratchet\"/>"));
}
