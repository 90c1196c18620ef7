//! Buffers kept on a thread from one document to the next (issue 6: allocations per document),
//! and given back when one document grew them large (a huge file's would be held for nothing).

/// Frees `v` when its capacity is above `most` items; else it is kept as it is.
#[inline]
pub(crate) fn drop_large<T>(v: &mut Vec<T>, most: usize) {
    if v.capacity() > most {
        *v = Vec::new();
    }
}

#[cfg(test)]
mod tests {
    use super::drop_large;

    #[test]
    fn large_buffers_are_freed_small_ones_kept() {
        let mut small: Vec<u32> = Vec::with_capacity(16);
        small.push(1);
        drop_large(&mut small, 16);
        assert_eq!((small.len(), small.capacity()), (1, 16));
        let mut large: Vec<u32> = Vec::with_capacity(17);
        large.push(1);
        drop_large(&mut large, 16);
        assert_eq!((large.len(), large.capacity()), (0, 0));
    }
}
