//! Several processes writing at once: none fails with "database is locked", none loses a
//! write, and the counts stay exact.

use std::path::Path;

use marquee::sample;
use marquee::store::Store;

fn log(db: &Path, n: usize) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_marquee"))
        .env("MARQUEE_DB", db)
        .env("MARQUEE_CONFIG", db.with_extension("toml"))
        .args(["log", "the-work", "--rating", "3", "--review"])
        .arg(format!("written by writer {n}"))
        .output()
        .unwrap()
}

#[test]
fn concurrent_writers_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    {
        let (mut store, _) = Store::open(&db).unwrap();
        sample::seed(&mut store).unwrap();
    }
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let db = db.clone();
            std::thread::spawn(move || {
                for i in 0..8 {
                    let out = log(&db, w * 100 + i);
                    assert!(
                        out.status.success(),
                        "writer {w} failed: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    // A reader meanwhile: counts never go wrong under the writers.
    let (store, _) = Store::open(&db).unwrap();
    let film = store.find_film("the-work").unwrap().id;
    for _ in 0..20 {
        let stats = store.film_stats(film).unwrap();
        assert!(stats.entries() >= 5);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    for writer in writers {
        writer.join().unwrap();
    }
    let stats = store.film_stats(film).unwrap();
    assert_eq!(stats.entries(), 5 + 32);
    assert_eq!(
        stats.count(marquee::model::Rating::from_half_stars(6).unwrap()),
        32
    );
}
