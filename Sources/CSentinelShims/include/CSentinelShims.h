#ifndef SENTINEL_C_SHIMS_H
#define SENTINEL_C_SHIMS_H

/// Starts loading the cache line at `address` for reading (kept in all cache levels).
/// A hint only: it has no other effect and never faults.
static inline void sentinel_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
