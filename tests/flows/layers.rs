//! The layers ARCHITECTURE.md draws, checked on the source: the core never
//! reaches the window, the command line never links it, and the core's
//! modules depend on one another in one direction only.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The crate's top-level modules that are the core or the batch face.
const CORE: [&str; 11] = [
    "domain",
    "analysis",
    "storage",
    "io",
    "export",
    "ops",
    "sample",
    "cli",
    "logging",
    "guard",
    "locations",
];

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            out.push((path.display().to_string(), text));
        }
    }
}

/// Every top-level module `module` names as `crate::x`, with a file that does.
fn uses_of(module: &str) -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let dir = root.join(module);
    if dir.is_dir() {
        sources(&dir, &mut files);
    } else {
        let file = root.join(format!("{module}.rs"));
        files.push((
            file.display().to_string(),
            std::fs::read_to_string(&file).unwrap_or_default(),
        ));
    }
    let mut used = BTreeMap::new();
    for (path, text) in files {
        for (i, _) in text.match_indices("crate::") {
            let rest = &text[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name != module && !name.is_empty() {
                used.entry(name).or_insert_with(|| path.clone());
            }
        }
        for window in ["egui", "eframe"] {
            if text.contains(&format!("{window}::")) {
                used.entry(window.to_owned())
                    .or_insert_with(|| path.clone());
            }
        }
    }
    used
}

#[test]
fn the_core_and_the_command_line_never_reach_the_window() {
    for module in CORE {
        for (used, file) in uses_of(module) {
            assert!(
                !["app", "ui", "egui", "eframe"].contains(&used.as_str()),
                "{module} uses {used} ({file})"
            );
        }
    }
}

#[test]
fn the_core_modules_depend_on_one_another_in_one_direction() {
    let graph: BTreeMap<&str, BTreeSet<String>> = CORE
        .iter()
        .map(|m| (*m, uses_of(m).into_keys().collect()))
        .collect();
    assert!(
        graph["domain"].iter().all(|u| !CORE.contains(&u.as_str())),
        "domain stands alone: {:?}",
        graph["domain"]
    );
    // Depth-first search for a cycle.
    fn visit<'a>(
        m: &'a str,
        graph: &'a BTreeMap<&'a str, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if done.contains(m) {
            return;
        }
        assert!(!path.contains(&m), "a cycle: {} → {m}", path.join(" → "));
        path.push(m);
        for next in &graph[m] {
            if let Some((key, _)) = graph.get_key_value(next.as_str()) {
                visit(key, graph, path, done);
            }
        }
        path.pop();
        done.insert(m);
    }
    let mut done = BTreeSet::new();
    for m in CORE {
        visit(m, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn documents_take_data_and_never_read_a_workbook() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/export");
    let mut files = Vec::new();
    sources(&root, &mut files);
    assert!(files.len() > 10);
    for (path, text) in files {
        let reads = [
            "&Workbook",
            "Workbook::",
            "Workbook}",
            "Workbook;",
            "Workbook,",
        ]
        .iter()
        .any(|w| text.contains(w));
        assert!(
            !reads,
            "{path} reads a workbook; ops reads, documents lay out"
        );
    }
}

#[test]
fn only_the_platform_module_may_use_unsafe_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let allowing: Vec<&str> = files
        .iter()
        .filter(|(_, text)| text.contains("allow(unsafe_code)"))
        .map(|(path, _)| path.as_str())
        .collect();
    assert_eq!(allowing.len(), 1, "{allowing:?}");
    assert!(allowing[0].ends_with("platform.rs"), "{allowing:?}");
}
