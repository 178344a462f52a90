//! The ordered pipeline of the bulk use cases: a second thread prepares items in order
//! while this one, which holds the connection, takes them in the same order and stores
//! them. `ingest` reads, parses and checks a file on it; `validate` judges a page of
//! received reports on it. Only pure work may go to the producer: SQLite and the sealing of
//! the chain stay on the consumer's thread. A producer may split its work over two threads
//! of its own ([`staged`]): `ingest --validate` and `validate` look at what each accepted
//! content makes public on a third.
//!
//! Pure threading, no SQL: it lives beside the use cases that run it rather than in
//! `storage`, which speaks SQL and nothing else, or in `domain`, which has no threads.

use anyhow::Result;

/// How items travel between the two threads: in chunks of `chunk` items, or fewer once
/// they weigh `bytes` ([`Weighed`]), with at most `waiting` chunks handed over and not yet
/// taken. Enough to keep both threads busy, little enough that memory stays flat: what is
/// in flight is bounded in bytes, not only in items, since the reception check lets a
/// content run to 20,000 characters, a hundred times an ordinary one (3,000 such reports
/// took `ingest` to 81 MB and `validate` to 128 MB when chunks were counted in items).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub chunk: usize,
    pub waiting: usize,
    pub bytes: usize,
}

/// What an item handed between threads holds, in bytes, roughly: its texts, which are all
/// that can be large.
pub trait Weighed {
    fn weight(&self) -> usize;
}

/// The producer stopped because the consumer gave up (its error is the one told).
#[derive(Debug, thiserror::Error)]
#[error("the consumer stopped")]
struct ConsumerStopped;

/// Where the producer hands over each item it made, in order.
pub type Emit<'e, T> = dyn FnMut(T) -> Result<()> + 'e;

/// Runs `produce` on a second thread and `consume` on this one, item by item in the order
/// produced. `produce` hands each item to the `Emit` it is given and stops at the first
/// error that returns (the consumer has given up). What `consume` gives back goes to the
/// producer's thread to be dropped there: memory freed by a thread that did not allocate it
/// costs more (with mimalloc, `mi_free` on the storing thread was 4% of a load).
///
/// An error on either side stops both: the consumer's error is returned once the producer
/// has stopped at its next hand-over; the producer's is returned after the consumer has
/// taken what was handed over before it. A panic on the producer's thread is raised again
/// here.
pub fn ordered<T: Send + Weighed, S: Send>(
    shape: Shape,
    produce: impl FnOnce(&mut Emit<'_, T>) -> Result<()> + Send,
    consume: impl FnMut(T) -> Result<Option<S>>,
) -> Result<()> {
    ordered_resting(shape, None, produce, consume, || Ok(()))
}

/// `ordered`, where an item for which `ends_chunk` is true is handed over at once with those
/// before it, however few: a producer that waits for the consumer after such an item (the
/// end of a page, which the consumer must have to commit it) would otherwise wait for ever.
pub fn ordered_ending_chunks<T: Send + Weighed, S: Send>(
    shape: Shape,
    ends_chunk: impl Fn(&T) -> bool + Send,
    produce: impl FnOnce(&mut Emit<'_, T>) -> Result<()> + Send,
    consume: impl FnMut(T) -> Result<Option<S>>,
) -> Result<()> {
    chunked(shape, None, ends_chunk, produce, consume, || Ok(()))
}

/// `ordered`, where the consumer also runs `rest` once whenever it has waited `rest_after`
/// (if given) for the producer's next chunk, before waiting on: a producer reading a pipe
/// may stall for ever, and what the consumer holds meanwhile (the database's lock) must be
/// let go.
pub fn ordered_resting<T: Send + Weighed, S: Send>(
    shape: Shape,
    rest_after: Option<std::time::Duration>,
    produce: impl FnOnce(&mut Emit<'_, T>) -> Result<()> + Send,
    consume: impl FnMut(T) -> Result<Option<S>>,
    rest: impl FnMut() -> Result<()>,
) -> Result<()> {
    chunked(shape, rest_after, |_| false, produce, consume, rest)
}

fn chunked<T: Send + Weighed, S: Send>(
    shape: Shape,
    rest_after: Option<std::time::Duration>,
    ends_chunk: impl Fn(&T) -> bool + Send,
    produce: impl FnOnce(&mut Emit<'_, T>) -> Result<()> + Send,
    mut consume: impl FnMut(T) -> Result<Option<S>>,
    mut rest: impl FnMut() -> Result<()>,
) -> Result<()> {
    let chunk_len = shape.chunk.max(1);
    std::thread::scope(|scope| {
        let (chunks, received) = std::sync::mpsc::sync_channel::<Vec<T>>(shape.waiting);
        let (spent, to_free) = std::sync::mpsc::sync_channel::<Vec<S>>(shape.waiting);
        let producing = scope.spawn(move || {
            let mut chunk = Vec::with_capacity(chunk_len);
            let mut weight = 0;
            let produced = produce(&mut |item| {
                let ends = ends_chunk(&item);
                weight += item.weight();
                chunk.push(item);
                if ends || chunk.len() == chunk_len || weight >= shape.bytes {
                    weight = 0;
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(chunk_len));
                    chunks.send(full).map_err(|_| ConsumerStopped)?;
                    to_free.try_iter().for_each(drop);
                }
                Ok(())
            });
            // What was made before an error is handed over too, as on one thread.
            if !chunk.is_empty() && chunks.send(chunk).is_err() {
                return produced.and(Err(ConsumerStopped.into()));
            }
            produced
        });
        let consumed = (move || -> Result<()> {
            // Returning drops `received`, so the producer stops at its next hand-over.
            let received = received;
            let mut next = || -> Result<Option<Vec<T>>> {
                use std::sync::mpsc::RecvTimeoutError;
                if let Some(after) = rest_after {
                    match received.recv_timeout(after) {
                        Ok(chunk) => return Ok(Some(chunk)),
                        Err(RecvTimeoutError::Disconnected) => return Ok(None),
                        Err(RecvTimeoutError::Timeout) => rest()?,
                    }
                }
                Ok(received.recv().ok())
            };
            while let Some(chunk) = next()? {
                let mut done = Vec::new();
                let len = chunk.len();
                for item in chunk {
                    if let Some(spent) = consume(item)? {
                        if done.capacity() == 0 {
                            done.reserve_exact(len);
                        }
                        done.push(spent);
                    }
                }
                // Dropped here instead when the producer has finished, or has not yet taken
                // back the chunks before (it takes them after handing over each of its own).
                if !done.is_empty() {
                    let _ = spent.try_send(done);
                }
            }
            Ok(())
        })();
        let produced = match producing.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        consumed.and(produced)
    })
}

/// Runs `produce` on a thread of its own and `stage` here, handing each item it makes
/// through `stage` to `emit` in the order made: a producer's pure work over two threads. A
/// producer that is itself the second thread of an [`ordered`] run makes three in all, so
/// that the consumer's core, idle while it waits for a slower producer, takes a share.
/// An item for which `ends_chunk` is true is handed over at once, as in
/// [`ordered_ending_chunks`]. Errors and panics as in [`ordered`]: `emit`'s error (the
/// consumer gave up) is the one returned.
pub fn staged<T: Send + Weighed, U>(
    shape: Shape,
    ends_chunk: impl Fn(&T) -> bool + Send,
    produce: impl FnOnce(&mut Emit<'_, T>) -> Result<()> + Send,
    mut stage: impl FnMut(T) -> U,
    emit: &mut Emit<'_, U>,
) -> Result<()> {
    ordered_ending_chunks(shape, ends_chunk, produce, |item| {
        emit(stage(item)).map(|()| None::<()>)
    })
}

/// The same on this thread alone, for runs too short to pay for starting a thread: each
/// item is consumed as soon as it is produced.
pub fn in_place<T, S>(
    produce: impl FnOnce(&mut Emit<'_, T>) -> Result<()>,
    mut consume: impl FnMut(T) -> Result<Option<S>>,
) -> Result<()> {
    produce(&mut |item| consume(item).map(drop))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHAPE: Shape = Shape {
        chunk: 4,
        waiting: 2,
        bytes: usize::MAX,
    };

    impl Weighed for i32 {
        fn weight(&self) -> usize {
            0
        }
    }

    impl Weighed for u64 {
        fn weight(&self) -> usize {
            0
        }
    }

    /// An item that weighs 10 bytes.
    struct Heavy(i32);

    impl Weighed for Heavy {
        fn weight(&self) -> usize {
            10
        }
    }

    /// A chunk that weighs its bytes is handed over however few its items: here the
    /// producer waits, after the third item (30 bytes of a chunk of 25), for the consumer
    /// to have taken the first, which a chunk counted in items (100) would hold back until
    /// the timeout.
    #[test]
    fn a_chunk_heavy_enough_is_handed_over_before_it_is_full() {
        let (taken, wait) = std::sync::mpsc::channel();
        let mut seen = Vec::new();
        let shape = Shape {
            chunk: 100,
            waiting: 2,
            bytes: 25,
        };
        ordered(
            shape,
            move |emit| {
                for x in 0..9 {
                    emit(Heavy(x))?;
                    if x == 2 {
                        wait.recv_timeout(std::time::Duration::from_secs(60))?;
                    }
                }
                Ok(())
            },
            |Heavy(x)| {
                seen.push(x);
                if x == 0 {
                    taken.send(())?;
                }
                Ok(None::<()>)
            },
        )
        .unwrap();
        assert_eq!(seen, (0..9).collect::<Vec<_>>());
    }

    #[test]
    fn items_arrive_in_order_and_spent_ones_go_back() {
        let mut seen = Vec::new();
        ordered(
            SHAPE,
            |emit| (0..103).try_for_each(|i| emit(i * 2)),
            |x: i32| {
                seen.push(x);
                Ok(Some(vec![x; 3]))
            },
        )
        .unwrap();
        assert_eq!(seen, (0..103).map(|i| i * 2).collect::<Vec<_>>());
    }

    /// `produce` as [`ordered`] takes it: alone, or with `stages` of 1 through an identity
    /// [`staged`] on a thread of its own, so that a test holds for both.
    fn producer<T: Send + Weighed>(
        stages: usize,
        produce: impl FnOnce(&mut Emit<'_, T>) -> Result<()> + Send,
    ) -> impl FnOnce(&mut Emit<'_, T>) -> Result<()> + Send {
        move |emit| match stages {
            0 => produce(emit),
            _ => staged(SHAPE, |_| false, produce, |x| x, emit),
        }
    }

    /// The consumer's error is the one told, and the producer, blocked or not, stops, also
    /// behind a stage.
    #[test]
    fn a_consumer_error_stops_the_producer() {
        for stages in [0, 1] {
            let mut produced = 0;
            let err = ordered(
                SHAPE,
                producer(stages, |emit| {
                    for i in 0.. {
                        produced = i;
                        emit(i)?;
                    }
                    Ok(())
                }),
                |x: u64| {
                    anyhow::ensure!(x < 10, "stop at {x}");
                    Ok(None::<()>)
                },
            )
            .unwrap_err();
            assert_eq!(err.to_string(), "stop at 10");
            // Stopped within what the channels can hold past the failing item.
            let bound = 10 + (stages + 1) * (SHAPE.waiting + 2) * SHAPE.chunk;
            assert!(produced < bound as u64, "{produced}");
        }
    }

    /// The producer's error comes after everything it handed over before it, also behind a
    /// stage.
    #[test]
    fn a_producer_error_comes_after_what_came_before_it() {
        for stages in [0, 1] {
            let mut seen = Vec::new();
            let err = ordered(
                SHAPE,
                producer(stages, |emit| {
                    (0..9).try_for_each(&mut *emit)?;
                    anyhow::bail!("unreadable")
                }),
                |x: i32| {
                    seen.push(x);
                    Ok(None::<()>)
                },
            )
            .unwrap_err();
            assert_eq!(err.to_string(), "unreadable");
            assert_eq!(seen, (0..9).collect::<Vec<_>>());
        }
    }

    #[test]
    #[should_panic(expected = "producer broke")]
    fn a_producer_panic_is_raised_again() {
        let _ = ordered(
            SHAPE,
            |emit| {
                emit(1)?;
                panic!("producer broke")
            },
            |_: i32| Ok(None::<()>),
        );
    }

    /// An item that ends its chunk reaches the consumer without more behind it: here the
    /// producer waits for the consumer to have taken it, which without the hand-over never
    /// comes (the generous bound only turns that deadlock into a failure).
    #[test]
    fn an_item_that_ends_its_chunk_is_handed_over_at_once() {
        let (taken, wait) = std::sync::mpsc::channel();
        let mut seen = Vec::new();
        ordered_ending_chunks(
            SHAPE,
            |x: &i32| x % 3 == 2,
            move |emit| {
                for x in 0..9 {
                    emit(x)?;
                    if x % 3 == 2 {
                        wait.recv_timeout(std::time::Duration::from_secs(60))?;
                    }
                }
                Ok(())
            },
            |x| {
                seen.push(x);
                if x % 3 == 2 {
                    taken.send(())?;
                }
                Ok(None::<()>)
            },
        )
        .unwrap();
        assert_eq!(seen, (0..9).collect::<Vec<_>>());
    }

    /// A staged producer's items arrive through the stage, in order, however the two
    /// producing threads and the consumer interleave.
    #[test]
    fn a_staged_producer_hands_on_its_items_through_the_stage_in_order() {
        let mut seen = Vec::new();
        ordered(
            SHAPE,
            |emit| {
                staged(
                    SHAPE,
                    |_| false,
                    |inner| (0..103).try_for_each(&mut *inner),
                    |x: i32| x * 3,
                    emit,
                )
            },
            |x: i32| {
                seen.push(x);
                Ok(None::<()>)
            },
        )
        .unwrap();
        assert_eq!(seen, (0..103).map(|x| x * 3).collect::<Vec<_>>());
    }

    #[test]
    fn in_place_is_the_same_order() {
        let mut seen = Vec::new();
        in_place(
            |emit| (0..5).try_for_each(&mut *emit),
            |x: i32| {
                seen.push(x);
                Ok(None::<()>)
            },
        )
        .unwrap();
        assert_eq!(seen, [0, 1, 2, 3, 4]);
    }
}
