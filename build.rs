//! The Windows executable's icon and version resource (what Explorer shows
//! on the file and under Properties → Details), compiled in when building
//! on Windows. Elsewhere there is nothing to do: Linux and macOS take their
//! icons from the installers (packaging/).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/ratchet.ico");
    #[cfg(windows)]
    windows_resources();
}

/// Icon, product name, description and version (from Cargo.toml). A
/// machine without the resource compiler still builds, with a warning.
#[cfg(windows)]
fn windows_resources() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resources = winresource::WindowsResource::new();
    resources
        .set_icon("assets/icon/ratchet.ico")
        .set("ProductName", "Ratchet")
        .set(
            "FileDescription",
            "Ratchet: performance leadership, one workbook file at a time",
        )
        .set("CompanyName", "The Ratchet project")
        .set("LegalCopyright", "The Ratchet project (MIT OR Apache-2.0)");
    if let Err(e) = resources.compile() {
        println!("cargo:warning=the icon and version resource were not compiled in: {e}");
    }
}
