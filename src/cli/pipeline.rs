//! Ordered parallel map with a bounded window: files are checked on `threads` threads (the
//! calling thread and a rayon pool of `threads - 1`), results are handed to the consumer in
//! input order, and at most `window` results (and, beyond the next one, results of at most
//! about `held` bytes of input) exist at any time, so memory stays bounded by a
//! few files however large the run.
//!
//! Issue 6 (parallel scaling): the calling thread consumes the results and, while none is
//! ready, checks files itself, so `-j 2` runs two busy threads on two cores rather than two
//! workers and a consumer that wakes for every file. A result goes back to the worker that
//! made it to be dropped there: freeing on the thread that allocated keeps the allocator's
//! per-thread caches warm and its arenas uncontended.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{mpsc, Condvar, Mutex};

struct State<T> {
    queue: VecDeque<(usize, T)>,
    /// Results handed to the consumer so far.
    emitted: usize,
    /// Total weight of the results made but not yet handed to the consumer.
    held: usize,
    /// Pool workers asleep on the window: the consumer wakes them only when there are some
    /// (a wake-up is a system call even with no one waiting).
    waiting: usize,
}

/// How far the workers may run ahead of the consumer.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    /// At most this many items past the next one to hand out.
    pub window: usize,
    /// No new item is started (except the next one to hand out) while the results waiting to be
    /// handed out weigh more than this: a few large files are not held at once.
    pub held: usize,
}

impl<T> State<T> {
    /// Whether item `i` may be started now.
    fn may_start(&self, i: usize, bounds: Bounds) -> bool {
        i == self.emitted || (i < self.emitted + bounds.window && self.held <= bounds.held)
    }
}

/// Where a result was made: by pool worker `w` (which drops it), or by the calling thread.
type Maker = Option<usize>;

/// Applies `work` to every item on `threads` threads and calls `consume` with the results in
/// item order. The workers run ahead of the consumer within `bounds`, results weighed by
/// `weight` (for files: the bytes read).
pub fn ordered<T, R, W, G, C>(
    items: Vec<T>,
    threads: usize,
    bounds: Bounds,
    work: W,
    weight: G,
    mut consume: C,
) where
    T: Send,
    R: Send,
    W: Fn(T) -> R + Sync,
    G: Fn(&R) -> usize + Sync,
    C: FnMut(&mut R),
{
    let helpers = threads.saturating_sub(1);
    let pool = if helpers > 0 && items.len() > 1 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(helpers)
            .build()
            .ok()
    } else {
        None
    };
    let Some(pool) = pool else {
        for item in items {
            consume(&mut work(item));
        }
        return;
    };
    let total = items.len();
    let bounds = Bounds {
        window: bounds.window.max(1),
        held: bounds.held,
    };
    let state = Mutex::new(State {
        queue: items.into_iter().enumerate().collect(),
        emitted: 0,
        held: 0,
        waiting: 0,
    });
    // a result is made: its weight counts until it is handed out
    let made = |r: &R| {
        if let Ok(mut st) = state.lock() {
            st.held = st.held.saturating_add(weight(r));
        }
    };
    let ready = Condvar::new();
    // per pool worker: its consumed results, to be dropped by it
    let garbage: Vec<Mutex<Vec<R>>> = (0..helpers).map(|_| Mutex::new(Vec::new())).collect();
    let (tx, rx) = mpsc::channel::<(usize, usize, R)>();
    let worker = |w: usize, tx: mpsc::Sender<(usize, usize, R)>| loop {
        if let Some(g) = garbage.get(w) {
            let done = g
                .lock()
                .map(|mut v| std::mem::take(&mut *v))
                .unwrap_or_default();
            drop(done);
        }
        let next = {
            let Ok(mut st) = state.lock() else { return };
            loop {
                match st.queue.front() {
                    None => return,
                    Some((i, _)) if st.may_start(*i, bounds) => break,
                    Some(_) => {
                        st.waiting += 1;
                        match ready.wait(st) {
                            Ok(g) => st = g,
                            Err(_) => return,
                        }
                        st.waiting -= 1;
                    }
                }
            }
            st.queue.pop_front()
        };
        let Some((i, item)) = next else { return };
        let r = work(item);
        made(&r);
        if tx.send((i, w, r)).is_err() {
            return;
        }
    };
    pool.in_place_scope(|s| {
        for w in 0..helpers {
            let tx = tx.clone();
            let worker = &worker;
            s.spawn(move |_| worker(w, tx));
        }
        drop(tx);
        let mut pending: BTreeMap<usize, (Maker, R)> = BTreeMap::new();
        let mut next = 0;
        while next < total {
            // hand out everything that is ready, in order
            let mut emitted_any = false;
            let mut released = 0usize;
            while let Some((maker, mut r)) = pending.remove(&next) {
                released = released.saturating_add(weight(&r));
                consume(&mut r);
                match maker.and_then(|w| garbage.get(w)).map(Mutex::lock) {
                    Some(Ok(mut g)) => g.push(r),
                    _ => drop(r),
                }
                next += 1;
                emitted_any = true;
            }
            if emitted_any {
                let wake = match state.lock() {
                    Ok(mut st) => {
                        st.emitted = next;
                        st.held = st.held.saturating_sub(released);
                        st.waiting > 0
                    }
                    Err(_) => true,
                };
                if wake {
                    ready.notify_all();
                }
                continue;
            }
            // results that came in meanwhile
            let mut got = false;
            while let Ok((i, w, r)) = rx.try_recv() {
                pending.insert(i, (Some(w), r));
                got = true;
            }
            if got {
                continue;
            }
            // nothing to hand out: check the next file here, if the window allows
            let mine = state.lock().ok().and_then(|mut st| match st.queue.front() {
                Some((i, _)) if st.may_start(*i, bounds) => st.queue.pop_front(),
                _ => None,
            });
            if let Some((i, item)) = mine {
                let r = work(item);
                made(&r);
                pending.insert(i, (None, r));
                continue;
            }
            // the next result is being made by a pool worker: wait for it
            match rx.recv() {
                Ok((i, w, r)) => {
                    pending.insert(i, (Some(w), r));
                }
                Err(_) => break,
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn keeps_order_and_bounds_the_window() {
        let in_flight = AtomicUsize::new(0);
        let max_seen = AtomicUsize::new(0);
        let mut out = Vec::new();
        let consumed = AtomicUsize::new(0);
        ordered(
            (0..200).collect(),
            3,
            Bounds {
                window: 5,
                held: usize::MAX,
            },
            |i: usize| {
                let ahead = i.saturating_sub(consumed.load(Ordering::SeqCst));
                max_seen.fetch_max(ahead, Ordering::SeqCst);
                in_flight.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_micros((i * 37 % 11) as u64 * 50));
                i * 2
            },
            |_| 1,
            |r: &mut usize| {
                out.push(*r);
                consumed.fetch_add(1, Ordering::SeqCst);
            },
        );
        assert_eq!(out, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        assert!(max_seen.load(Ordering::SeqCst) < 5 + 3);
    }

    /// Counts its drops, to see that every result is dropped exactly once.
    struct Counted<'a>(usize, &'a AtomicUsize);

    impl Drop for Counted<'_> {
        fn drop(&mut self) {
            self.1.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn two_threads_keep_order_and_drop_every_result_once() {
        let drops = AtomicUsize::new(0);
        let mut out = Vec::new();
        ordered(
            (0..300).collect(),
            2,
            Bounds {
                window: 8,
                held: usize::MAX,
            },
            |i: usize| {
                // uneven work, so that either thread gets ahead
                std::thread::sleep(std::time::Duration::from_micros((i * 53 % 7) as u64 * 40));
                Counted(i, &drops)
            },
            |_| 1,
            |r: &mut Counted| out.push(r.0),
        );
        assert_eq!(out, (0..300).collect::<Vec<_>>());
        assert_eq!(drops.load(Ordering::SeqCst), 300);
    }

    #[test]
    fn heavy_results_are_not_piled_up() {
        let made = AtomicUsize::new(0);
        let consumed = AtomicUsize::new(0);
        let max_held = AtomicUsize::new(0);
        let mut out = Vec::new();
        ordered(
            (0..100).collect(),
            2,
            Bounds {
                window: 8,
                held: 15,
            },
            |i: usize| {
                let held = made.load(Ordering::SeqCst) - consumed.load(Ordering::SeqCst);
                max_held.fetch_max(held, Ordering::SeqCst);
                // the first item of every ten is slow: without the weight bound the other
                // thread would make the next eight meanwhile
                let slow = if i.is_multiple_of(10) { 3000 } else { 50 };
                std::thread::sleep(std::time::Duration::from_micros(slow));
                made.fetch_add(1, Ordering::SeqCst);
                i
            },
            |_| 10,
            |r: &mut usize| {
                out.push(*r);
                consumed.fetch_add(1, Ordering::SeqCst);
            },
        );
        assert_eq!(out, (0..100).collect::<Vec<_>>());
        assert!(max_held.load(Ordering::SeqCst) <= 3, "{max_held:?}");
    }
}
