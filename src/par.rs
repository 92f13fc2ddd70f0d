//! Work spread over the cores: one helper for every place that maps a list in parallel.

/// The number of threads to use by default: the machine's cores.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `items.iter().map(f)`, on up to `threads` scoped threads, in order.
pub fn map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.is_empty() {
        return Vec::new();
    }
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    let f = &f;
    // The first part is mapped on the calling thread, which would otherwise only wait.
    let (first, rest) = items.split_at(chunk.min(items.len()));
    std::thread::scope(|scope| {
        let handles: Vec<_> = rest
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>()))
            .collect();
        let mut out: Vec<R> = first.iter().map(f).collect();
        for h in handles {
            match h.join() {
                Ok(v) => out.extend(v),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn maps_in_order_on_any_number_of_threads() {
        let items: Vec<usize> = (0..37).collect();
        let want: Vec<usize> = items.iter().map(|i| i * 3).collect();
        for threads in [0, 1, 2, 3, 8, 64] {
            assert_eq!(super::map(&items, threads, |i| i * 3), want, "{threads}");
        }
        assert!(super::map(&[] as &[usize], 4, |i| *i).is_empty());
    }
}
