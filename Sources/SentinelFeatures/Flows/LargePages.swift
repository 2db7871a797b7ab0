#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Allocation of the flow table's big blocks (slab chunks, index buckets) on 2 MiB
/// boundaries, asking Linux for transparent huge pages: a million-flow table then takes a
/// few hundred page faults instead of ~60,000, and random index probes miss the TLB less.
/// Where huge pages are off (or on other systems) this is an ordinary aligned allocation.
enum LargePages {
    static let size = 2 << 20

    /// `byteCount` bytes (uninitialised), 2 MiB-aligned when at least 1 MiB is asked for.
    /// - Parameter huge: whether to ask for huge pages (else only the alignment).
    static func allocate(byteCount: Int, huge: Bool = true) -> UnsafeMutableRawPointer {
        guard byteCount >= size / 2 else {
            return UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
        }
        let rounded = (byteCount + size - 1) / size * size
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, size, rounded) == 0, let raw else {
            fatalError("out of memory allocating \(rounded) bytes")
        }
        #if os(Linux)
            if huge { _ = madvise(raw, rounded, MADV_HUGEPAGE) }
        #endif
        return raw
    }

    /// `byteCount` bytes of zeroed memory mapped with every page present at once
    /// (`MAP_POPULATE` on Linux): one system call instead of a page fault per 4 KiB page when
    /// the block is filled. Free it with ``unmapPopulated(_:byteCount:)``.
    static func mapPopulated(byteCount: Int) -> UnsafeMutableRawPointer {
        #if os(Linux)
            let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE
        #else
            let flags = MAP_PRIVATE | MAP_ANON
        #endif
        guard let raw = mmap(nil, byteCount, PROT_READ | PROT_WRITE, flags, -1, 0), raw != MAP_FAILED else {
            fatalError("out of memory mapping \(byteCount) bytes")
        }
        return raw
    }

    /// Frees a block from ``mapPopulated(byteCount:)``.
    static func unmapPopulated(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        _ = munmap(pointer, byteCount)
    }

    /// Frees a block from ``allocate(byteCount:)``.
    static func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        if byteCount >= size / 2 {
            free(pointer)
        } else {
            pointer.deallocate()
        }
    }
}
