//! Writing documents to disk: never a half-written file under the chosen
//! name, and file names made safe from user text.

use std::path::{Path, PathBuf};

/// A document could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{path} could not be written: {reason}")]
pub struct WriteError {
    /// The file.
    pub path: String,
    /// Why.
    pub reason: String,
}

/// `.NAME.SUFFIX` beside `path` (NAME its file name): where a file is built
/// before it is renamed into place, hidden from file browsers.
pub fn hidden_sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    path.with_file_name(format!(".{name}.{suffix}"))
}

/// Writes bytes to `path` via a temporary file beside it, then renames it.
pub fn write_document(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let err = |e: std::io::Error| WriteError {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let temp = hidden_sibling(path, "part");
    std::fs::write(&temp, bytes).map_err(err)?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        err(e)
    })
}

/// A file name stem from user text: letters (any script), digits, `-` and
/// `_` kept, spaces to `-`, anything else dropped; at most 80 characters.
pub fn safe_stem(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else if (c.is_whitespace() || ".&,/\\:;".contains(c)) && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 80 {
            break;
        }
    }
    let out = out.trim_matches('-').to_owned();
    if out.is_empty() {
        "document".to_owned()
    } else {
        out
    }
}

/// `dir/stem.ext`, or `dir/stem-2.ext`, `-3`… when that name is taken (or
/// already in `taken`), so a batch never overwrites a file.
pub fn unique_path(dir: &Path, stem: &str, ext: &str, taken: &[PathBuf]) -> PathBuf {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        if !path.exists() && !taken.contains(&path) {
            return path;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe() {
        assert_eq!(safe_stem("North District Crew"), "North-District-Crew");
        assert_eq!(safe_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_stem("Zoë & \"Co\" <x>"), "Zoë-Co-x");
        assert_eq!(safe_stem("///"), "document");
        assert!(safe_stem(&"a".repeat(200)).chars().count() <= 80);
    }

    #[test]
    fn unique_paths_never_reuse_a_name() {
        let dir = tempfile::tempdir().unwrap();
        let first = unique_path(dir.path(), "x", "pdf", &[]);
        std::fs::write(&first, b"1").unwrap();
        let second = unique_path(dir.path(), "x", "pdf", &[]);
        assert_eq!(second.file_name().unwrap(), "x-2.pdf");
        let third = unique_path(dir.path(), "x", "pdf", std::slice::from_ref(&second));
        assert_eq!(third.file_name().unwrap(), "x-3.pdf");
    }

    #[test]
    fn a_document_is_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_document(&path, b"%PDF-").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-");
        let missing = dir.path().join("no/such/dir/a.pdf");
        let e = write_document(&missing, b"x").unwrap_err();
        assert!(e.to_string().contains("could not be written"));
    }
}
