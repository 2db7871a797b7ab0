/// Storage for flow states in fixed chunks of 4,096 entries (about 1 MiB each).
///
/// Unlike an array it never moves its contents to grow, so a million-flow table costs no
/// copies and no doubling spikes: memory grows one chunk at a time as flows arrive.
/// `FlowState` holds no references, so chunks are freed without deinitialising entries.
struct FlowSlab {
    private static let shift = 12
    private static let chunkSize = 1 << shift
    private static let mask = chunkSize - 1

    private var chunks: [UnsafeMutablePointer<FlowState>] = []
    /// Entries ever appended (slots below this are valid, live or free).
    private(set) var count = 0

    subscript(index: Int) -> FlowState {
        unsafeAddress { UnsafePointer(chunks[index >> FlowSlab.shift] + (index & FlowSlab.mask)) }
        nonmutating unsafeMutableAddress { chunks[index >> FlowSlab.shift] + (index & FlowSlab.mask) }
    }

    /// Appends a state and returns its index.
    mutating func append(_ state: FlowState) -> Int {
        if count >> FlowSlab.shift == chunks.count {
            chunks.append(.allocate(capacity: FlowSlab.chunkSize))
        }
        (chunks[count >> FlowSlab.shift] + (count & FlowSlab.mask)).initialize(to: state)
        count += 1
        return count - 1
    }

    /// Forgets every entry, keeping the chunks for reuse.
    mutating func removeAll() { count = 0 }

    /// Frees the chunks; the slab must not be used afterwards.
    mutating func deallocate() {
        for chunk in chunks { chunk.deallocate() }
        chunks = []
        count = 0
    }
}
