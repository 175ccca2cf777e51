//! Work split over the machine's cores.
//!
//! Reading roster files, parsing names, filing keys and comparing pairs are
//! independent per item, but not equally costly: items go out in chunks to
//! whichever core is free. Work too small to gain from threads runs on one.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread::ScopedJoinHandle;

/// Below this many items, threads cost more than they save.
const WORTH_SPLITTING: usize = 1024;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` over `items` on every core, results in order. The items go out in
/// small chunks, each core taking the next as soon as it is done with one,
/// so a core that drew cheap items does not sit idle while another works
/// through costly ones (names differ in length, pairs in how alike they are).
pub fn map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    if items.len() < WORTH_SPLITTING {
        return items.iter().map(f).collect();
    }
    in_chunks(items, items.len().div_ceil(cores() * 16), f)
}

/// Like `map`, however few the items: for items whose cost varies widely
/// (roster files, a PDF's object streams), handed out one at a time, the
/// costliest first, so no core is left with a large one while the other
/// has finished.
/// Results are in the items' order.
pub fn map_coarse<T: Sync, U: Send>(
    items: &[T],
    cost: impl Fn(&T) -> u64,
    f: impl Fn(&T) -> U + Sync,
) -> Vec<U> {
    let order = costliest_first(items, cost);
    let done = in_chunks(&order, 1, |&i| f(&items[i]));
    let mut results: Vec<(usize, U)> = order.into_iter().zip(done).collect();
    results.sort_unstable_by_key(|r| r.0);
    results.into_iter().map(|r| r.1).collect()
}

/// The items' positions, costliest first; equal costs keep their order.
fn costliest_first<T>(items: &[T], cost: impl Fn(&T) -> u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_cached_key(|&i| std::cmp::Reverse(cost(&items[i])));
    order
}

fn in_chunks<T: Sync, U: Send>(items: &[T], size: usize, f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let chunks: Vec<&[T]> = items.chunks(size.max(1)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(chunk) = chunks.get(i) else { return done };
            done.push((i, chunk.iter().map(&f).collect::<Vec<U>>()));
        }
    };
    let threads = cores().min(chunks.len());
    let mut done: Vec<(usize, Vec<U>)> = if threads < 2 {
        work()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
            handles.into_iter().flat_map(join_thread).collect()
        })
    };
    done.sort_unstable_by_key(|d| d.0);
    concat(done.into_iter().map(|d| d.1).collect())
}

/// `f` over each of `items`, handed out one at a time, in order, to
/// whichever core is free. Each item is moved into `f`, so it is freed as
/// soon as `f` is done with it, not when all are: for parts of a large
/// document, of which only those in hand, one per core, should be in
/// memory. Each item is taken exactly once, so none is missing from the
/// results.
pub fn map_taken<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let cells: Vec<Mutex<Option<T>>> = items.into_iter().map(|item| Mutex::new(Some(item))).collect();
    let take = |cell: &Mutex<Option<T>>| cell.lock().unwrap_or_else(PoisonError::into_inner).take();
    in_chunks(&cells, 1, |cell| take(cell).map(&f)).into_iter().flatten().collect()
}

/// `f` on each of `items` in place, on every core.
pub fn for_each_mut<T: Send>(items: &mut [T], f: impl Fn(&mut T) + Sync) {
    let size = parts(items.len()).first().map_or(0, Range::len);
    if size == items.len() {
        return items.iter_mut().for_each(f);
    }
    std::thread::scope(|s| {
        for part in items.chunks_mut(size) {
            s.spawn(|| part.iter_mut().for_each(&f));
        }
    });
}

/// Frees `items` on every core. A few hundred thousand signers' small
/// values, freed one at a time on one core, take a tenth of a second that
/// the other core would sit out.
pub fn free<T: Send>(mut items: Vec<T>) {
    let size = parts(items.len()).first().map_or(0, Range::len);
    std::thread::scope(|s| {
        while size > 0 && items.len() > size {
            let part = items.split_off(items.len() - size);
            s.spawn(move || drop(part));
        }
        drop(items);
    });
}

/// `f` over each of `items` in a thread of its own, results in order.
pub fn map_owned<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    if items.len() < 2 {
        return items.into_iter().map(f).collect();
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = items.into_iter().map(|item| s.spawn(|| f(item))).collect();
        handles.into_iter().map(join_thread).collect()
    })
}

/// `a` and `b` at once, `b` on another core.
pub fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    if cores() < 2 {
        return (a(), b());
    }
    std::thread::scope(|s| {
        let b = s.spawn(b);
        let a = a();
        (a, join_thread(b))
    })
}

/// Lists joined into one, in order; a single list is kept as it is. The
/// result is sized once: grown step by step, a list of 100,000 results
/// was copied several times.
pub fn concat<T>(mut lists: Vec<Vec<T>>) -> Vec<T> {
    if lists.len() == 1 {
        return lists.pop().unwrap_or_default();
    }
    let mut out = Vec::with_capacity(lists.iter().map(Vec::len).sum());
    lists.into_iter().for_each(|list| out.extend(list));
    out
}

/// A thread's result; its panic goes on in the caller.
fn join_thread<U>(handle: ScopedJoinHandle<'_, U>) -> U {
    handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// `0..len` in one part per core, or in one part when `len` is small.
pub fn parts(len: usize) -> Vec<Range<usize>> {
    let parts = if len < WORTH_SPLITTING { 1 } else { cores() };
    let size = len.div_ceil(parts).max(1);
    (0..len).step_by(size).map(|start| start..(start + size).min(len)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_items_are_each_dropped_once() {
        struct Counted<'a>(&'a AtomicUsize);
        impl Drop for Counted<'_> {
            fn drop(&mut self) {
                self.0.fetch_add(1, Ordering::Relaxed);
            }
        }
        for len in [0, 1, 5_000, 10_001] {
            let dropped = AtomicUsize::new(0);
            free((0..len).map(|_| Counted(&dropped)).collect());
            assert_eq!(dropped.load(Ordering::Relaxed), len);
        }
    }

    #[test]
    fn results_keep_the_items_order() {
        let items: Vec<usize> = (0..10_000).collect();
        let squares: Vec<usize> = items.iter().map(|i| i * i).collect();
        assert_eq!(map(&items, |i| i * i), squares);
        assert_eq!(map(&items[..3], |i| i * i), squares[..3]);
    }

    #[test]
    fn coarse_results_keep_the_items_order_whatever_the_cost() {
        let items: Vec<u64> = (0..50).collect();
        let squares: Vec<u64> = items.iter().map(|i| i * i).collect();
        assert_eq!(map_coarse(&items, |&i| i % 7, |i| i * i), squares);
        assert!(map_coarse(&[] as &[u64], |&i| i, |i| i * i).is_empty());
    }

    #[test]
    fn coarse_work_goes_out_costliest_first() {
        assert_eq!(costliest_first(&[3, 9, 1, 9, 4], |&c| c), [1, 3, 4, 0, 2]);
    }

    #[test]
    fn taken_items_keep_their_order_and_are_each_used_once() {
        let items: Vec<String> = (0..50).map(|i| i.to_string()).collect();
        assert_eq!(
            map_taken(items.clone(), |s| s + "!"),
            items.iter().map(|s| s.clone() + "!").collect::<Vec<_>>()
        );
        assert!(map_taken(Vec::<u8>::new(), |i| i).is_empty());
    }

    #[test]
    fn join_returns_both_results() {
        assert_eq!(join(|| 2 + 2, || "four"), (4, "four"));
    }

    #[test]
    fn concat_keeps_the_order_and_a_single_list_as_is() {
        assert_eq!(concat(vec![vec![1, 2], vec![], vec![3]]), [1, 2, 3]);
        let one = vec![7; 100];
        let at = one.as_ptr();
        let kept = concat(vec![one]);
        assert_eq!(kept.as_ptr(), at);
        assert!(concat::<u8>(Vec::new()).is_empty());
    }

    #[test]
    fn for_each_mut_reaches_every_item_once() {
        let mut items: Vec<usize> = (0..5_000).collect();
        for_each_mut(&mut items, |i| *i *= 2);
        assert_eq!(items, (0..5_000).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn parts_cover_the_range_once() {
        for len in [0, 1, 1023, 1024, 10_001] {
            let covered: Vec<usize> = parts(len).into_iter().flatten().collect();
            assert_eq!(covered, (0..len).collect::<Vec<_>>());
        }
    }
}
