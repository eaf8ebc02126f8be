//! A JSON copy of a large store in the platform cache folder, so start-up does not wait for RON.
//!
//! Stock `ron` parses this project's pretty files about 4x slower than serde_json parses the same
//! data; at tens of thousands of entries that is most of start-up (README, Performance). The copy
//! is used only when it was made by this very executable (a hash of its bytes, so a build that
//! parses differently never serves an older build's reading) from a file of exactly the same
//! length and content hash as the one just read; any mismatch or error means parsing the RON as
//! before. The RON file stays the truth: the copy is never written back, and deleting the cache
//! folder loses nothing. One entry per store path, readable by the owner only; writing one prunes
//! the entries of other builds and of stores that no longer exist.

use super::Fingerprint;
use crate::domain::{CURRENT_VERSION, Store};
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};
use xxhash_rust::xxh3::xxh3_64;

/// Smaller files parse in tens of milliseconds: not worth a file in the cache folder.
pub const CACHE_MIN_BYTES: u64 = 1 << 20;

/// Set (to anything non-empty) to neither read nor write the cache.
pub const NO_CACHE_ENV: &str = "APN_SCORECARD_NO_CACHE";

/// Set to a folder to keep the cache there instead of the platform cache folder (tests do, through
/// `.cargo/config.toml`, so they never touch the user's cache).
pub const CACHE_DIR_ENV: &str = "APN_SCORECARD_CACHE_DIR";

/// The cache folder: `CACHE_DIR_ENV`, else the platform's (`~/.cache/apn-scorecard/` on Linux);
/// `None` when turned off.
pub fn cache_dir() -> Option<PathBuf> {
    if std::env::var_os(NO_CACHE_ENV).is_some_and(|v| !v.is_empty()) {
        return None;
    }
    if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "apn-scorecard").map(|d| d.cache_dir().to_path_buf())
}

/// This executable's identity: a hash of its bytes, read once per process and only when a store is
/// big enough to be cached. `None` (no caching) if the executable cannot be read.
fn build_id() -> Option<u64> {
    static ID: OnceLock<Option<u64>> = OnceLock::new();
    *ID.get_or_init(|| {
        let exe = std::env::current_exe().ok()?;
        fs::read(exe).ok().map(|bytes| xxh3_64(&bytes))
    })
}

/// First line of an entry: what the copy was made from.
fn key(build: u64, f: &Fingerprint) -> String {
    format!(
        "apn-scorecard-cache build={build:016x} schema={CURRENT_VERSION} len={} hash={:016x}",
        f.len, f.hash
    )
}

fn build_of(key_line: &str) -> Option<&str> {
    key_line
        .split(' ')
        .find_map(|part| part.strip_prefix("build="))
}

fn real_path(store_path: &Path) -> PathBuf {
    fs::canonicalize(store_path).unwrap_or_else(|_| store_path.to_path_buf())
}

/// One entry per store file, named by a stable hash of its real path and replaced when it changes.
fn entry(dir: &Path, store_path: &Path) -> PathBuf {
    let real = real_path(store_path);
    let name = xxh3_64(real.as_os_str().as_encoded_bytes());
    dir.join(format!("store-{name:016x}.json"))
}

/// The cached store for the file at `store_path` whose bytes had fingerprint `f`, if the copy in
/// `dir` was made by this executable from exactly those bytes.
pub fn get(dir: &Path, store_path: &Path, f: &Fingerprint) -> Option<Store> {
    if f.len < CACHE_MIN_BYTES {
        return None;
    }
    get_for(build_id()?, dir, store_path, f)
}

fn get_for(build: u64, dir: &Path, store_path: &Path, f: &Fingerprint) -> Option<Store> {
    let text = fs::read_to_string(entry(dir, store_path)).ok()?;
    let (first, rest) = text.split_once('\n')?;
    if first != key(build, f) {
        return None;
    }
    let (_path, json) = rest.split_once('\n')?;
    serde_json::from_str(json).ok()
}

/// Keeps a copy of `store`, parsed from bytes with fingerprint `f`, and prunes the folder. Best
/// effort: a cache that cannot be written only means the next start parses the RON again. Written
/// (0600) to a temp file and renamed, so a reader never sees half a copy.
pub fn put(dir: &Path, store_path: &Path, f: &Fingerprint, store: &Store) {
    if f.len < CACHE_MIN_BYTES {
        return;
    }
    if let Some(build) = build_id() {
        put_for(build, dir, store_path, f, store);
    }
}

fn put_for(build: u64, dir: &Path, store_path: &Path, f: &Fingerprint, store: &Store) {
    let Ok(json) = serde_json::to_string(store) else {
        return;
    };
    let target = entry(dir, store_path);
    let write = || -> std::io::Result<()> {
        create_private_dir(dir)?;
        // tempfile creates its files 0600 on Unix: names and emails stay the owner's.
        let mut tmp = tempfile::Builder::new()
            .prefix(".store-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        writeln!(tmp, "{}", key(build, f))?;
        // The store's path, so a later prune can tell whether the store still exists.
        writeln!(tmp, "{}", real_path(store_path).to_string_lossy())?;
        tmp.write_all(json.as_bytes())?;
        tmp.persist(&target).map_err(|e| e.error)?;
        Ok(())
    };
    let _ = write();
    prune(dir, &target, build);
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// Temp files of a write that died are removed once they are this old (a live write takes
/// well under a second).
const STALE_TEMP: Duration = Duration::from_secs(3600);

/// Removes every entry but `keep` made by another build or for a store that no longer exists, and
/// temp files left by a killed write.
fn prune(dir: &Path, keep: &Path, build: u64) {
    let Ok(list) = fs::read_dir(dir) else {
        return;
    };
    let this_build = format!("{build:016x}");
    for e in list.flatten() {
        let path = e.path();
        if path == keep {
            continue;
        }
        let name = e.file_name();
        let name = name.to_string_lossy();
        let stale = if name.starts_with(".store-") && name.ends_with(".tmp") {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| SystemTime::now().duration_since(t).unwrap_or_default() > STALE_TEMP)
        } else if name.starts_with("store-") && name.ends_with(".json") {
            match header(&path) {
                Some((k, store)) => {
                    build_of(&k) != Some(this_build.as_str()) || !Path::new(&store).exists()
                }
                None => true,
            }
        } else {
            false
        };
        if stale {
            let _ = fs::remove_file(&path);
        }
    }
}

/// The key line and store path of an entry, without reading its JSON.
fn header(path: &Path) -> Option<(String, String)> {
    let mut r = BufReader::new(fs::File::open(path).ok()?);
    let (mut k, mut p) = (String::new(), String::new());
    r.read_line(&mut k).ok()?;
    r.read_line(&mut p).ok()?;
    Some((
        k.trim_end_matches('\n').to_string(),
        p.trim_end_matches('\n').to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    fn big() -> Store {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
        crate::sample::generate(500, 1000, 3, today)
    }

    /// A store saved at `path`, its fingerprint, and the store as parsed.
    fn saved(path: &Path, s: &Store) -> (Fingerprint, Store) {
        store::save(path, s).expect("save");
        // Not `load`, which would use the cache folder of the environment.
        let f = store::fingerprint(path).expect("read").expect("exists");
        let text = fs::read_to_string(path).expect("read");
        (f, store::parse(&text, path).expect("parse"))
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn json_copy_round_trips_exactly() {
        let s = big();
        let back: Store =
            serde_json::from_str(&serde_json::to_string(&s).expect("json")).expect("parse");
        assert_eq!(back, s);
    }

    #[test]
    fn copy_is_used_only_for_the_same_bytes_and_build() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache");
        let path = dir.path().join("s.ron");
        let s = big();
        let (f, loaded) = saved(&path, &s);
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

        // Another build's copy of the very same bytes is not trusted either.
        let build = build_id().expect("test binary readable");
        assert_eq!(get_for(build ^ 1, &cache, &path, &f), None);

        // A damaged copy is ignored.
        let file = entry(&cache, &path);
        let text = fs::read_to_string(&file).expect("read copy");
        fs::write(&file, &text[..text.len() / 2]).expect("truncate");
        assert_eq!(get(&cache, &path, &f), None);
    }

    #[test]
    fn the_content_hash_is_stable_across_builds_and_runs() {
        // xxh3 is fixed by its specification (unlike `DefaultHasher`): the reference value for
        // empty input, and the fingerprint of a file is that of its bytes.
        assert_eq!(xxh3_64(b""), 0x2D06_8005_38D3_94C2);
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        fs::write(&path, b"abc").expect("write");
        let f = store::fingerprint(&path).expect("read").expect("exists");
        assert_eq!(f.hash, xxh3_64(b"abc"));
    }

    #[test]
    fn one_entry_per_store_and_the_rest_is_pruned() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache");
        let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
        let s = big();
        let (fa, sa) = saved(&a, &s);
        let (fb, sb) = saved(&b, &s);
        let build = build_id().expect("test binary readable");
        put_for(build, &cache, &a, &fa, &sa);
        put_for(build, &cache, &a, &fa, &sa);
        put_for(build, &cache, &b, &fb, &sb);
        assert_eq!(names(&cache).len(), 2, "{:?}", names(&cache));

        // An older build's entry and a dead write's temp file.
        let old = cache.join("store-0000000000000001.json");
        fs::write(
            &old,
            format!("{}\n{}\n{{}}", key(build ^ 1, &fa), a.display()),
        )
        .expect("old");
        let tmp = cache.join(".store-dead.tmp");
        fs::write(&tmp, "half").expect("tmp");
        let long_ago = SystemTime::now() - 2 * STALE_TEMP;
        fs::File::options()
            .write(true)
            .open(&tmp)
            .and_then(|f| f.set_modified(long_ago))
            .expect("age the temp file");

        // Store `a` is deleted; saving `b` again keeps only `b`'s entry.
        fs::remove_file(&a).expect("rm a");
        put_for(build, &cache, &b, &fb, &sb);
        let b_entry = entry(&cache, &b);
        assert_eq!(
            names(&cache),
            vec![
                b_entry
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned()
            ]
        );
        assert_eq!(get_for(build, &cache, &b, &fb), Some(s));
    }

    #[cfg(unix)]
    #[test]
    fn the_copy_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache");
        let path = dir.path().join("s.ron");
        let (f, s) = saved(&path, &big());
        put(&cache, &path, &f, &s);
        let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&entry(&cache, &path)), 0o600);
        assert_eq!(mode(&cache), 0o700);
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
