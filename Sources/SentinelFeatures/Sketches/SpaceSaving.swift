/// Heavy hitters by the Space-Saving algorithm (Metwally et al.) with fixed capacity.
///
/// Tracks at most `capacity` keys; an untracked key replaces one with the minimum count and
/// inherits that count as its error bound. Finding the minimum is amortised O(1): entries at
/// the current minimum are kept on a stack that is refilled by one scan when it runs dry,
/// so a random-source flood (every key new) costs the same per packet as a quiet link.
public struct SpaceSaving<Key: Hashable> {
    /// One tracked key.
    public struct Entry {
        /// The key.
        public var key: Key
        /// Estimated count (an upper bound on the true count).
        public var count: UInt64
        /// How much of `count` may belong to keys this one replaced.
        public var error: UInt64
        /// A second counter kept alongside (e.g. SYN packets of a source).
        public var secondary: UInt64
        /// A third counter kept alongside (e.g. bytes of a source).
        public var tertiary: UInt64
    }

    var entries: [Entry] = []
    var slots: [Key: Int] = [:]
    var minimumStack: [Int] = []
    var minimum: UInt64 = 0
    /// Maximum number of tracked keys.
    public let capacity: Int
    /// Total weight added.
    public private(set) var total: UInt64 = 0
    /// Whether any key has been replaced (counts are then estimates).
    public private(set) var evicted = false

    /// Creates an empty summary tracking at most `capacity` keys.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        slots.reserveCapacity(self.capacity)
        entries.reserveCapacity(self.capacity)
    }

    /// Adds `weight` to `key` (and the side counters).
    public mutating func add(_ key: Key, weight: UInt64 = 1, secondary: UInt64 = 0, tertiary: UInt64 = 0) {
        total &+= weight
        if let slot = slots[key] {
            entries[slot].count &+= weight
            entries[slot].secondary &+= secondary
            entries[slot].tertiary &+= tertiary
            return
        }
        if entries.count < capacity {
            slots[key] = entries.count
            entries.append(Entry(key: key, count: weight, error: 0, secondary: secondary, tertiary: tertiary))
            return
        }
        let slot = popMinimum()
        evicted = true
        slots.removeValue(forKey: entries[slot].key)
        let floor = entries[slot].count
        entries[slot] = Entry(key: key, count: floor &+ weight, error: floor, secondary: secondary, tertiary: tertiary)
        slots[key] = slot
    }

    mutating func popMinimum() -> Int {
        while let slot = minimumStack.popLast() {
            if entries[slot].count == minimum { return slot }
        }
        var lowest = UInt64.max
        for entry in entries where entry.count < lowest { lowest = entry.count }
        minimum = lowest
        for (index, entry) in entries.enumerated() where entry.count == lowest {
            minimumStack.append(index)
        }
        return minimumStack.removeLast()
    }

    /// Tracked keys, highest count first.
    public func top(_ n: Int) -> [Entry] {
        Array(entries.sorted { $0.count > $1.count }.prefix(n))
    }

    /// All tracked entries, in no particular order.
    public var trackedEntries: [Entry] { entries }

    /// Empties the summary, keeping its storage.
    public mutating func reset() {
        entries.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
        minimumStack.removeAll(keepingCapacity: true)
        minimum = 0
        total = 0
        evicted = false
    }
}
