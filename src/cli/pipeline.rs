//! Ordered parallel map with a bounded window: files are checked on `threads` threads (the
//! calling thread and a rayon pool of `threads - 1`), results are handed to the consumer in
//! input order, and at most `window` results exist at any time, so memory stays bounded by a
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
}

/// Where a result was made: by pool worker `w` (which drops it), or by the calling thread.
type Maker = Option<usize>;

/// Applies `work` to every item on `threads` threads and calls `consume` with the results in
/// item order. A worker may run ahead of the consumer by at most `window` items.
pub fn ordered<T, R, W, C>(items: Vec<T>, threads: usize, window: usize, work: W, mut consume: C)
where
    T: Send,
    R: Send,
    W: Fn(T) -> R + Sync,
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
    let window = window.max(1);
    let state = Mutex::new(State {
        queue: items.into_iter().enumerate().collect(),
        emitted: 0,
    });
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
                    Some((i, _)) if *i < st.emitted + window => break,
                    Some(_) => match ready.wait(st) {
                        Ok(g) => st = g,
                        Err(_) => return,
                    },
                }
            }
            st.queue.pop_front()
        };
        let Some((i, item)) = next else { return };
        if tx.send((i, w, work(item))).is_err() {
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
            while let Some((maker, mut r)) = pending.remove(&next) {
                consume(&mut r);
                match maker.and_then(|w| garbage.get(w)).map(Mutex::lock) {
                    Some(Ok(mut g)) => g.push(r),
                    _ => drop(r),
                }
                next += 1;
                emitted_any = true;
            }
            if emitted_any {
                if let Ok(mut st) = state.lock() {
                    st.emitted = next;
                }
                ready.notify_all();
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
                Some((i, _)) if *i < st.emitted + window => st.queue.pop_front(),
                _ => None,
            });
            if let Some((i, item)) = mine {
                pending.insert(i, (None, work(item)));
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
            5,
            |i: usize| {
                let ahead = i.saturating_sub(consumed.load(Ordering::SeqCst));
                max_seen.fetch_max(ahead, Ordering::SeqCst);
                in_flight.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_micros((i * 37 % 11) as u64 * 50));
                i * 2
            },
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
            8,
            |i: usize| {
                // uneven work, so that either thread gets ahead
                std::thread::sleep(std::time::Duration::from_micros((i * 53 % 7) as u64 * 40));
                Counted(i, &drops)
            },
            |r: &mut Counted| out.push(r.0),
        );
        assert_eq!(out, (0..300).collect::<Vec<_>>());
        assert_eq!(drops.load(Ordering::SeqCst), 300);
    }
}
