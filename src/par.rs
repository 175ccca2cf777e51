//! Work split over the machine's cores.
//!
//! Reading roster files, parsing names, filing keys and comparing pairs are
//! independent per item, so they split evenly; work too small to gain from
//! threads runs on one.

use std::ops::Range;

/// Below this many items, threads cost more than they save.
const WORTH_SPLITTING: usize = 1024;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` over `items` on every core, results in order.
pub fn map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    if cores() < 2 || items.len() < WORTH_SPLITTING {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(cores());
    std::thread::scope(|s| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| s.spawn(|| part.iter().map(&f).collect::<Vec<U>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// `f` over `items` on every core, results in order, however few the items:
/// for items that are each a lot of work (a roster file).
pub fn map_coarse<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let parts: Vec<&[T]> = items.chunks(items.len().div_ceil(cores()).max(1)).collect();
    map_owned(parts, |part| part.iter().map(&f).collect::<Vec<U>>()).into_iter().flatten().collect()
}

/// `f` over each of `items` in a thread of its own, results in order.
pub fn map_owned<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    if items.len() < 2 {
        return items.into_iter().map(f).collect();
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = items.into_iter().map(|item| s.spawn(|| f(item))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// `0..len` in one part per core, or in one part when `len` is small.
pub fn parts(len: usize) -> Vec<Range<usize>> {
    let parts = if len < WORTH_SPLITTING { 1 } else { cores() };
    let size = len.div_ceil(parts).max(1);
    (0..len).step_by(size).map(|start| start..(start + size).min(len)).collect()
}
