//! How duplicate finding scales: 1,000, 10,000 and 100,000 generated signers.
//!
//! `cargo bench --bench dedup` (release mode) prints, for each size, the
//! engine's time (median of a few runs) and the most memory it holds at once
//! (measured in a separate run), how many planted near-duplicates it found, and the time of the
//! whole `letter check` (reading the YAML rosters included). Time and memory
//! should grow about tenfold from one size to the next: nothing quadratic.
//! `cargo bench --bench dedup -- 1000 5000` runs other sizes.

#[path = "support/generate.rs"]
mod generate;

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use generate::{Kind, Signer};
use letter::dedup::{Candidate, Class, Match, find};
use mimalloc::MiMalloc;

/// The allocator `letter` uses, counting the bytes in use and their peak.
struct Counting;

/// Counting only while measuring memory, so timed runs pay nothing for it.
static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed unchanged to mimalloc; the
// counters only observe sizes. A block freed after counting stopped is not
// subtracted, so `LIVE` only ever overstates: peaks are upper bounds.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        unsafe { MiMalloc.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        unsafe { MiMalloc.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let sizes: Vec<usize> =
        std::env::args().skip(1).filter_map(|a| a.replace('_', "").parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1_000, 10_000, 100_000] } else { sizes };
    println!(
        "{:>8}  {:>12}  {:>12}  {:>9}  {:>15}  {:>14}",
        "signers", "find", "peak memory", "findings", "planted found", "letter check"
    );
    for n in sizes {
        bench(n);
    }
}

fn bench(n: usize) {
    let roster = generate::roster(n, 2024);
    let candidates: Vec<Candidate> = roster.iter().map(candidate).collect();
    let runs = if n >= 100_000 { 5 } else { 9 };
    let mut times = Vec::new();
    let mut found = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        found = find(&candidates);
        times.push(start.elapsed());
    }
    times.sort();
    let peak = peak_memory(|| find(&candidates));
    let (planted, caught) = planted(&roster, &found);
    println!(
        "{n:>8}  {:>12}  {:>9.1} MB  {:>9}  {:>6} of {:>6}  {:>14}",
        ms(times[times.len() / 2]),
        peak as f64 / 1e6,
        found.len(),
        caught,
        planted,
        ms(whole_check(&roster)),
    );
}

/// The most memory `f` holds at once beyond what was held before, in bytes.
fn peak_memory<T>(f: impl FnOnce() -> T) -> usize {
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    let kept = f();
    COUNTING.store(false, Ordering::Relaxed);
    drop(kept);
    PEAK.load(Ordering::Relaxed)
}

fn candidate(s: &Signer) -> Candidate<'_> {
    Candidate {
        class: if s.kind == Kind::Person { Class::Person } else { Class::Group },
        names: vec![&s.name],
        acronym: s.acronym.as_deref(),
        country: s.country,
        ..Candidate::default()
    }
}

/// Planted near-duplicates, and how many the engine paired with their original.
fn planted(roster: &[Signer], found: &[Match]) -> (usize, usize) {
    let pairs: std::collections::HashSet<(usize, usize)> = found.iter().map(|m| (m.a, m.b)).collect();
    let planted: Vec<(usize, usize)> =
        roster.iter().enumerate().filter_map(|(i, s)| s.duplicate_of.map(|of| (of, i))).collect();
    let caught = planted.iter().filter(|p| pairs.contains(p)).count();
    (planted.len(), caught)
}

/// `letter check` on a project holding the roster: load, check, report.
fn whole_check(roster: &[Signer]) -> Duration {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let letter = generate::write_project(dir.path(), roster).expect("the generated project is written");
    let start = Instant::now();
    let loaded = letter::load::load(&letter).expect("the generated project loads");
    let report = letter::check::check(&loaded);
    let elapsed = start.elapsed();
    assert_eq!(report.counts.signatures, generate::signatures(roster), "every generated signer is read");
    elapsed
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
