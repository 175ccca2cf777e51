//! Work split over the machine's cores.
//!
//! Reading roster files, parsing names, filing keys and comparing pairs are
//! independent per item, so they split evenly; work too small to gain from
//! threads runs on one.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::ScopedJoinHandle;

/// Below this many items, threads cost more than they save.
const WORTH_SPLITTING: usize = 1024;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` over `items` on every core, results in order.
pub fn map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let cores = cores();
    if cores < 2 || items.len() < WORTH_SPLITTING {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(cores);
    std::thread::scope(|s| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| s.spawn(|| part.iter().map(&f).collect::<Vec<U>>())).collect();
        handles.into_iter().flat_map(join).collect()
    })
}

/// `f` over `items` on every core, results in order, however few the items:
/// for items that are each a lot of work, and unequal (roster files). Each
/// core takes the next item as soon as it is done with one, so a core that
/// drew small items does not sit idle while another works through large ones.
pub fn map_coarse<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { return done };
            done.push((i, f(item)));
        }
    };
    let threads = cores().min(items.len());
    let mut done: Vec<(usize, U)> = if threads < 2 {
        work()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
            handles.into_iter().flat_map(join).collect()
        })
    };
    done.sort_by_key(|d| d.0);
    done.into_iter().map(|d| d.1).collect()
}

/// `f` over each of `items` in a thread of its own, results in order.
pub fn map_owned<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    if items.len() < 2 {
        return items.into_iter().map(f).collect();
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = items.into_iter().map(|item| s.spawn(|| f(item))).collect();
        handles.into_iter().map(join).collect()
    })
}

/// A thread's result; its panic goes on in the caller.
fn join<U>(handle: ScopedJoinHandle<'_, U>) -> U {
    handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// `0..len` in one part per core, or in one part when `len` is small.
pub fn parts(len: usize) -> Vec<Range<usize>> {
    let parts = if len < WORTH_SPLITTING { 1 } else { cores() };
    let size = len.div_ceil(parts).max(1);
    (0..len).step_by(size).map(|start| start..(start + size).min(len)).collect()
}
