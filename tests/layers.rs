//! The module layers hold: every `crate::`/`super::` path in src/** (outside `#[cfg(test)]` code)
//! points down the stack domain -> assets -> scoring/store -> report/import/sample -> tui -> cli,
//! never sideways between siblings of one layer, and no group of files imports itself in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Lower numbers sit lower. Modules of one rank must not import each other.
const RANKS: &[(&str, u8)] = &[
    ("domain", 0),
    ("assets", 1),
    ("scoring", 2),
    ("store", 2),
    ("report", 3),
    ("import", 3),
    ("sample", 3),
    ("tui", 4),
    ("cli", 5),
];

/// Circles known and allowed: none. A new one fails `no_files_import_each_other`.
const ALLOWED_CIRCLES: &[&[&str]] = &[];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The file that holds module `path` (`[]` is the crate root), if it is a file-backed module.
fn module_file(path: &[String]) -> Option<PathBuf> {
    if path.is_empty() {
        return Some(src().join("lib.rs"));
    }
    let base = path
        .iter()
        .fold(src(), |p, s| p.join(s))
        .with_extension("rs");
    if base.is_file() {
        return Some(base);
    }
    let m = path.iter().fold(src(), |p, s| p.join(s)).join("mod.rs");
    m.is_file().then_some(m)
}

fn module_path(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).expect("file under src");
    let mut segs: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if segs.last().is_some_and(|s| s == "mod" || s == "lib") {
        segs.pop();
    }
    segs
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).expect("read src dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The source without comments and without `#[cfg(test)]` items; also the names of child modules
/// declared test-only (`#[cfg(test)] mod x;`), whose files are skipped.
fn production_code(text: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut test_mods = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if t == "#[cfg(test)]" {
            // Skip the next item: a `mod x;` line or a braced block.
            let mut j = i + 1;
            while j < lines.len() && lines[j].trim().starts_with("#[") {
                j += 1;
            }
            let item = lines.get(j).map_or("", |l| l.trim());
            if item.ends_with(';') {
                if let Some(name) = item.split_whitespace().nth(1) {
                    test_mods.push(name.trim_end_matches(';').to_string());
                }
                i = j + 1;
                continue;
            }
            let mut depth = 0i32;
            let mut opened = false;
            while j < lines.len() {
                for c in lines[j].chars() {
                    match c {
                        '{' => {
                            depth += 1;
                            opened = true;
                        }
                        '}' => depth -= 1,
                        _ => {}
                    }
                }
                j += 1;
                if opened && depth <= 0 {
                    break;
                }
            }
            i = j;
            continue;
        }
        if !t.starts_with("//") {
            out.push_str(lines[i]);
            out.push('\n');
        }
        i += 1;
    }
    (out, test_mods)
}

/// Every `crate::a::b` / `super::a` path in `code`, resolved to module paths.
fn referenced_modules(code: &str, here: &[String]) -> Vec<Vec<String>> {
    let bytes = code.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start_ok = i == 0 || !ident(bytes[i - 1]);
        let rest = &bytes[i..];
        let kw = if rest.starts_with(b"crate::") {
            "crate"
        } else if rest.starts_with(b"super::") {
            "super"
        } else {
            ""
        };
        if !start_ok || kw.is_empty() {
            i += 1;
            continue;
        }
        // Read `seg::seg::...` after the keyword.
        let mut j = i + kw.len();
        let mut segs = Vec::new();
        while bytes[j..].starts_with(b"::") {
            let s = j + 2;
            let mut e = s;
            while e < bytes.len() && ident(bytes[e]) {
                e += 1;
            }
            if e == s {
                break;
            }
            segs.push(code[s..e].to_string());
            j = e;
        }
        let mut base: Vec<String> = if kw == "crate" {
            Vec::new()
        } else {
            // `here` of a `mod.rs` is its directory's module, so one pop is its parent either way.
            let mut b = here.to_vec();
            b.pop();
            b
        };
        let mut segs = segs.into_iter().peekable();
        while segs.peek().is_some_and(|s| s == "super") {
            base.pop();
            segs.next();
        }
        for s in segs {
            let mut next = base.clone();
            next.push(s);
            if module_file(&next).is_none() {
                break;
            }
            base = next;
        }
        found.push(base);
        i = j.max(i + 1);
    }
    found
}

fn rank(path: &[String]) -> Option<u8> {
    let top = path.first()?;
    RANKS.iter().find(|(m, _)| m == top).map(|(_, r)| *r)
}

fn rel(p: &Path) -> String {
    p.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")))
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

/// File -> files it refers to, and the layer violations found on the way.
fn graph() -> (BTreeMap<String, BTreeSet<String>>, Vec<String>) {
    let mut files = Vec::new();
    rs_files(&src(), &mut files);
    files.sort();
    let mut test_only: BTreeSet<PathBuf> = BTreeSet::new();
    let mut parsed = Vec::new();
    for f in &files {
        if f.file_name().is_some_and(|n| n == "main.rs") && f.parent() == Some(&src()) {
            continue; // the binary is its own crate
        }
        let text = fs::read_to_string(f).expect("read source");
        let (code, test_mods) = production_code(&text);
        let here = module_path(f);
        for m in test_mods {
            let mut p = here.clone();
            p.push(m);
            if let Some(file) = module_file(&p) {
                test_only.insert(file);
            }
        }
        parsed.push((f.clone(), here, code));
    }
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for (f, here, code) in parsed {
        if test_only.contains(&f) {
            continue;
        }
        for target in referenced_modules(&code, &here) {
            let Some(tf) = module_file(&target) else {
                continue;
            };
            if tf == f || target.is_empty() {
                continue;
            }
            edges.entry(rel(&f)).or_default().insert(rel(&tf));
            if let (Some(a), Some(b)) = (rank(&here), rank(&target))
                && here.first() != target.first()
                && b >= a
            {
                wrong.push(format!(
                    "{} imports crate::{} (layer {b} >= its own {a})",
                    rel(&f),
                    target.join("::")
                ));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    (edges, wrong)
}

/// Groups of files that reach each other (strongly connected, more than one file).
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    let nodes: BTreeSet<&String> = edges.keys().chain(edges.values().flatten()).collect();
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            for m in edges.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for n in &nodes {
        let group: BTreeSet<String> = nodes
            .iter()
            .filter(|m| reaches[*n].contains(**m) && reaches[**m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        if group.len() > 1 && !groups.contains(&group) {
            groups.push(group);
        }
    }
    groups
}

#[test]
fn no_module_imports_one_above_it_or_beside_it() {
    let (_, wrong) = graph();
    assert!(wrong.is_empty(), "layer violations:\n{}", wrong.join("\n"));
}

#[test]
fn no_files_import_each_other() {
    let (edges, _) = graph();
    let allowed: Vec<BTreeSet<String>> = ALLOWED_CIRCLES
        .iter()
        .map(|c| c.iter().map(|s| s.to_string()).collect())
        .collect();
    let bad: Vec<String> = circles(&edges)
        .into_iter()
        .filter(|g| !allowed.contains(g))
        .map(|g| g.into_iter().collect::<Vec<_>>().join(" <-> "))
        .collect();
    assert!(
        bad.is_empty(),
        "files that import each other:\n{}",
        bad.join("\n")
    );
}

/// The checker itself sees the edges it should: a known downward import and a known path form.
#[test]
fn the_checker_sees_imports() {
    let (edges, _) = graph();
    let from_evaluate = edges
        .get("src/scoring/evaluate.rs")
        .cloned()
        .unwrap_or_default();
    assert!(
        from_evaluate.contains("src/scoring/ctx.rs"),
        "{from_evaluate:?}"
    );
    assert!(
        from_evaluate.contains("src/domain/mod.rs"),
        "{from_evaluate:?}"
    );
    let from_tui = edges.values().flatten().any(|t| t.starts_with("src/tui/"));
    assert!(from_tui, "no file imports anything in src/tui");
    // The rule itself: an upward and a sideways path are both caught.
    let up = referenced_modules("use crate::tui::App;", &["scoring".into()]);
    assert_eq!(up, vec![vec!["tui".to_string()]]);
    let sup = referenced_modules("use super::count::x;", &["scoring".into(), "ctx".into()]);
    assert_eq!(sup, vec![vec!["scoring".to_string(), "count".to_string()]]);
}
