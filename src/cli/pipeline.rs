//! Ordered parallel map with a bounded window: files are checked on a rayon pool, results are
//! handed to the consumer in input order, and at most `window` results exist at any time, so
//! memory stays bounded by a few files however large the run.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{mpsc, Condvar, Mutex};

struct State<T> {
    queue: VecDeque<(usize, T)>,
    /// Results handed to the consumer so far.
    emitted: usize,
}

/// Applies `work` to every item on `threads` threads and calls `consume` with the results in
/// item order. A worker may run ahead of the consumer by at most `window` items.
pub fn ordered<T, R, W, C>(items: Vec<T>, threads: usize, window: usize, work: W, mut consume: C)
where
    T: Send,
    R: Send,
    W: Fn(T) -> R + Sync,
    C: FnMut(R),
{
    let pool = if threads > 1 && items.len() > 1 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .ok()
    } else {
        None
    };
    let Some(pool) = pool else {
        for item in items {
            consume(work(item));
        }
        return;
    };
    let window = window.max(1);
    let state = Mutex::new(State {
        queue: items.into_iter().enumerate().collect(),
        emitted: 0,
    });
    let ready = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    let worker = |tx: mpsc::Sender<(usize, R)>| loop {
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
        if tx.send((i, work(item))).is_err() {
            return;
        }
    };
    pool.in_place_scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let worker = &worker;
            s.spawn(move |_| worker(tx));
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut next = 0;
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&next) {
                consume(r);
                next += 1;
                if let Ok(mut st) = state.lock() {
                    st.emitted = next;
                }
                ready.notify_all();
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
            |r| {
                out.push(r);
                consumed.fetch_add(1, Ordering::SeqCst);
            },
        );
        assert_eq!(out, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        assert!(max_seen.load(Ordering::SeqCst) < 5 + 3);
    }
}
