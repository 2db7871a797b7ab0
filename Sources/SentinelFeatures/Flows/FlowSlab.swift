/// Storage for flow states in fixed chunks of 8,192 entries (under 2 MiB each, on huge
/// pages where the system offers them).
///
/// Unlike an array it never moves its contents to grow, so a million-flow table costs no
/// copies and no doubling spikes: memory grows one chunk at a time as flows arrive.
/// `FlowState` holds no references, so chunks are freed without deinitialising entries.
/// Chunks are cache-line aligned, so a state's hot first fields share its first line.
struct FlowSlab {
    private static let shift = 13
    private static let chunkSize = 1 << shift
    private static let mask = chunkSize - 1
    private static let chunkBytes = MemoryLayout<FlowState>.stride * chunkSize

    private var chunks: [UnsafeMutablePointer<FlowState>] = []
    /// Entries ever appended (slots below this are valid, live or free).
    private(set) var count = 0

    subscript(index: Int) -> FlowState {
        unsafeAddress { UnsafePointer(pointer(index)) }
        nonmutating unsafeMutableAddress { pointer(index) }
    }

    /// The address of entry `index` (valid until the slab is deallocated).
    @inline(__always)
    func pointer(_ index: Int) -> UnsafeMutablePointer<FlowState> {
        chunks.withUnsafeBufferPointer { $0[index >> FlowSlab.shift] } + (index & FlowSlab.mask)
    }

    /// Appends a state and returns its index.
    mutating func append(_ state: FlowState) -> Int {
        let index = appendUninitialized()
        pointer(index).initialize(to: state)
        return index
    }

    /// Reserves the next entry, uninitialised (the caller initialises it), returning its index.
    @inline(__always)
    mutating func appendUninitialized() -> Int {
        if count >> FlowSlab.shift == chunks.count {
            let raw = LargePages.mapPopulated(byteCount: FlowSlab.chunkBytes)
            chunks.append(raw.bindMemory(to: FlowState.self, capacity: FlowSlab.chunkSize))
        }
        count += 1
        return count - 1
    }

    /// Forgets every entry, keeping the chunks for reuse.
    mutating func removeAll() { count = 0 }

    /// Frees the chunks; the slab must not be used afterwards.
    mutating func deallocate() {
        for chunk in chunks { LargePages.unmapPopulated(UnsafeMutableRawPointer(chunk), byteCount: FlowSlab.chunkBytes) }
        chunks = []
        count = 0
    }
}
