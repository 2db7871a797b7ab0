import CSentinelShims

/// Starts loading the cache lines holding `count` bytes from `address` (reads, kept in all
/// levels), so a cache miss overlaps other work instead of stalling it. A hint only.
@inline(__always)
func prefetchLines(_ address: UnsafeRawPointer, bytes count: Int = 64) {
    var offset = 0
    while offset < count {
        sentinel_prefetch(address + offset)
        offset += 64
    }
}
