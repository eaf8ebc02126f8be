//! A JSON copy of a large store in the platform cache folder, so start-up does not wait for RON.
//!
//! Stock `ron` parses this project's pretty files about 5x slower than serde_json parses the same
//! data; at tens of thousands of entries that is most of start-up. The copy is used only when it
//! was made by this build from a file of exactly the same length and content hash as the one just
//! read; any mismatch or error means parsing the RON as before. The RON file stays the truth: the
//! copy is never written back, and deleting the cache folder loses nothing.

use super::Fingerprint;
use crate::domain::{CURRENT_VERSION, Store};
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Smaller files parse in tens of milliseconds: not worth a file in the cache folder.
pub const CACHE_MIN_BYTES: u64 = 1 << 20;

/// Set (to anything non-empty) to neither read nor write the cache.
pub const NO_CACHE_ENV: &str = "APN_SCORECARD_NO_CACHE";

/// The platform cache folder (`~/.cache/apn-scorecard/` on Linux), unless turned off.
pub fn cache_dir() -> Option<PathBuf> {
    if std::env::var_os(NO_CACHE_ENV).is_some_and(|v| !v.is_empty()) {
        return None;
    }
    directories::ProjectDirs::from("", "", "apn-scorecard").map(|d| d.cache_dir().to_path_buf())
}

/// What the copy was made from: this build, the schema, and the RON file's length and hash.
fn key(f: &Fingerprint) -> String {
    format!(
        "apn-scorecard {} v{CURRENT_VERSION} len={} hash={:016x}",
        env!("CARGO_PKG_VERSION"),
        f.len,
        f.hash
    )
}

/// One copy per store file (named by its real path), replaced when the file changes.
fn entry(dir: &Path, store_path: &Path) -> PathBuf {
    let real = fs::canonicalize(store_path).unwrap_or_else(|_| store_path.to_path_buf());
    let mut h = DefaultHasher::new();
    real.hash(&mut h);
    dir.join(format!("store-{:016x}.json", h.finish()))
}

/// The cached store for the file at `store_path` whose bytes had fingerprint `f`, if the copy in
/// `dir` was made from exactly those bytes.
pub fn get(dir: &Path, store_path: &Path, f: &Fingerprint) -> Option<Store> {
    if f.len < CACHE_MIN_BYTES {
        return None;
    }
    let text = fs::read_to_string(entry(dir, store_path)).ok()?;
    let (first, json) = text.split_once('\n')?;
    if first != key(f) {
        return None;
    }
    serde_json::from_str(json).ok()
}

/// Keeps a copy of `store`, parsed from bytes with fingerprint `f`. Best effort: a cache that
/// cannot be written only means the next start parses the RON again. Written to a temp file and
/// renamed, so a reader never sees half a copy.
pub fn put(dir: &Path, store_path: &Path, f: &Fingerprint, store: &Store) {
    if f.len < CACHE_MIN_BYTES {
        return;
    }
    let Ok(json) = serde_json::to_string(store) else {
        return;
    };
    let write = || -> std::io::Result<()> {
        fs::create_dir_all(dir)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".store-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        tmp.write_all(key(f).as_bytes())?;
        tmp.write_all(b"\n")?;
        tmp.write_all(json.as_bytes())?;
        tmp.persist(entry(dir, store_path)).map_err(|e| e.error)?;
        Ok(())
    };
    let _ = write();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    fn big() -> Store {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
        crate::sample::generate(500, 1000, 3, today)
    }

    #[test]
    fn json_copy_round_trips_exactly() {
        let s = big();
        let back: Store =
            serde_json::from_str(&serde_json::to_string(&s).expect("json")).expect("parse");
        assert_eq!(back, s);
    }

    #[test]
    fn copy_is_used_only_for_the_same_bytes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache");
        let path = dir.path().join("s.ron");
        let s = big();
        store::save(&path, &s).expect("save");
        // Not `load`, which would use the real cache folder.
        let f = store::fingerprint(&path).expect("read").expect("exists");
        let text = fs::read_to_string(&path).expect("read");
        let loaded = store::parse(&text, &path).expect("parse");
        assert!(f.len >= CACHE_MIN_BYTES, "sample too small: {}", f.len);
        assert_eq!(get(&cache, &path, &f), None);
        put(&cache, &path, &f, &loaded);
        assert_eq!(get(&cache, &path, &f), Some(s.clone()));

        // The same length with other content, or another length: not trusted.
        let other = Fingerprint {
            hash: f.hash ^ 1,
            ..f.clone()
        };
        assert_eq!(get(&cache, &path, &other), None);
        let longer = Fingerprint {
            len: f.len + 1,
            ..f.clone()
        };
        assert_eq!(get(&cache, &path, &longer), None);

        // A damaged copy is ignored.
        let file = entry(&cache, &path);
        let text = fs::read_to_string(&file).expect("read copy");
        fs::write(&file, &text[..text.len() / 2]).expect("truncate");
        assert_eq!(get(&cache, &path, &f), None);
    }

    #[test]
    fn small_files_are_not_cached() {
        let dir = tempfile::tempdir().expect("tempdir");
        let f = Fingerprint {
            len: 1000,
            modified: None,
            hash: 7,
        };
        let s = big();
        put(dir.path(), Path::new("x.ron"), &f, &s);
        assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 0);
    }
}
