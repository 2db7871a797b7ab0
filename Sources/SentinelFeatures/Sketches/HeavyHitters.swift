import SentinelCapture

/// Heavy hitters among source addresses by the Space-Saving algorithm (Metwally et al.),
/// with fixed capacity and no allocation per item.
///
/// Tracks at most `capacity` addresses; an untracked address replaces one with the minimum
/// count and inherits that count as its error bound. Any address with more than
/// `total / capacity` packets is guaranteed to be tracked. Lookups go through a small
/// open-addressing table keyed by ``IPAddress/mixedHash``; finding the minimum is amortised
/// O(1) (entries at the current minimum wait on a stack refilled by one scan when it runs
/// dry), so a random-source flood, where every packet is a new address, costs the same per
/// packet as a quiet link.
public struct HeavyHitters: Sendable {
    /// One tracked address.
    public struct Entry: Sendable {
        /// The address.
        public var key: IPAddress
        /// Estimated count (an upper bound on the true count).
        public var count: UInt64
        /// How much of `count` may belong to addresses this one replaced.
        public var error: UInt64
        /// A second counter kept alongside (SYN packets of a source).
        public var secondary: UInt64
        /// A third counter kept alongside (bytes of a source).
        public var tertiary: UInt64
        fileprivate var hash: UInt64
    }

    /// An index bucket: the entry's slot (-1 empty) and the low 32 bits of its hash, so a
    /// probe passing other keys, and a deletion's shifting, never load their entries.
    private struct Bucket: Sendable {
        var slot: Int32
        var tag: UInt32
        static let empty = Bucket(slot: -1, tag: 0)
    }

    private var entries: [Entry] = []
    private var table: [Bucket]
    private let mask: Int
    private var minimumStack: [Int32] = []
    private var minimum: UInt64 = 0
    /// Maximum number of tracked addresses.
    public let capacity: Int
    /// Total weight added.
    public private(set) var total: UInt64 = 0
    /// Whether any address has been replaced (counts are then estimates).
    public private(set) var evicted = false

    /// Creates an empty summary tracking at most `capacity` addresses.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        var size = 4
        while size < self.capacity * 2 { size <<= 1 }
        table = [Bucket](repeating: .empty, count: size)
        mask = size - 1
        entries.reserveCapacity(self.capacity)
    }

    /// Adds `weight` to `key` (and the side counters).
    public mutating func add(_ key: IPAddress, weight: UInt64 = 1, secondary: UInt64 = 0, tertiary: UInt64 = 0) {
        add(key, hash: key.mixedHash, weight: weight, secondary: secondary, tertiary: tertiary)
    }

    /// Adds `weight` to `key` whose ``IPAddress/mixedHash`` the caller already computed.
    public mutating func add(_ key: IPAddress, hash: UInt64, weight: UInt64, secondary: UInt64, tertiary: UInt64) {
        total &+= weight
        let tag = UInt32(truncatingIfNeeded: hash)
        let mask = self.mask
        var bucket = Int(truncatingIfNeeded: hash) & mask
        let found: Int32 = table.withUnsafeBufferPointer { table in
            entries.withUnsafeBufferPointer { entries in
                while true {
                    let b = table[bucket]
                    if b.slot < 0 { return -1 }
                    if b.tag == tag && entries[Int(b.slot)].key == key { return b.slot }
                    bucket = (bucket + 1) & mask
                }
            }
        }
        if found >= 0 {
            entries.withUnsafeMutableBufferPointer { entries in
                entries[Int(found)].count &+= weight
                entries[Int(found)].secondary &+= secondary
                entries[Int(found)].tertiary &+= tertiary
            }
            return
        }
        if entries.count < capacity {
            table[bucket] = Bucket(slot: Int32(entries.count), tag: tag)
            entries.append(Entry(key: key, count: weight, error: 0, secondary: secondary, tertiary: tertiary, hash: hash))
            return
        }
        evicted = true
        let slot = popMinimum()
        removeFromTable(slot: slot)
        entries.withUnsafeMutableBufferPointer { entries in
            let floor = entries[Int(slot)].count
            entries[Int(slot)] = Entry(
                key: key, count: floor &+ weight, error: floor, secondary: secondary,
                tertiary: tertiary, hash: hash)
        }
        table.withUnsafeMutableBufferPointer { table in
            bucket = Int(truncatingIfNeeded: hash) & mask
            while table[bucket].slot >= 0 { bucket = (bucket + 1) & mask }
            table[bucket] = Bucket(slot: slot, tag: tag)
        }
    }

    private mutating func popMinimum() -> Int32 {
        while let slot = minimumStack.popLast() {
            if entries[Int(slot)].count == minimum { return slot }
        }
        var lowest = UInt64.max
        for entry in entries where entry.count < lowest { lowest = entry.count }
        minimum = lowest
        for index in entries.indices.reversed() where entries[index].count == lowest {
            minimumStack.append(Int32(index))
        }
        return minimumStack.removeLast()
    }

    /// Removes the table bucket pointing at `slot`, shifting later probes back (no tombstones).
    private mutating func removeFromTable(slot: Int32) {
        let mask = self.mask
        let start = Int(truncatingIfNeeded: entries[Int(slot)].hash) & mask
        table.withUnsafeMutableBufferPointer { table in
            var hole = start
            while table[hole].slot != slot { hole = (hole + 1) & mask }
            var next = (hole + 1) & mask
            while table[next].slot >= 0 {
                let home = Int(table[next].tag) & mask
                // Move the entry back unless its home lies cyclically within (hole, next].
                let stays = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
                if !stays {
                    table[hole] = table[next]
                    hole = next
                }
                next = (next + 1) & mask
            }
            table[hole] = .empty
        }
    }

    /// Tracked addresses, highest count first.
    public func top(_ n: Int) -> [Entry] {
        Array(entries.sorted { $0.count > $1.count || ($0.count == $1.count && $0.key < $1.key) }.prefix(n))
    }

    /// Tracked addresses by the count they are guaranteed to have (``Entry/count`` minus
    /// ``Entry/error``), highest first: what an address really sent since it was tracked, so a
    /// spoofed source that took over an evicted slot shows its own one or two packets.
    public func topGuaranteed(_ n: Int) -> [Entry] {
        let ranked = entries.sorted {
            let a = $0.count - $0.error, b = $1.count - $1.error
            return a > b || (a == b && ($0.count > $1.count || ($0.count == $1.count && $0.key < $1.key)))
        }
        return ranked.prefix(n).map { entry in
            var exact = entry
            exact.count = entry.count - entry.error
            exact.error = 0
            return exact
        }
    }

    /// All tracked entries, in no particular order.
    public var trackedEntries: [Entry] { entries }

    /// Empties the summary, keeping its storage.
    public mutating func reset() {
        guard total > 0 else { return }
        if entries.count * 8 < table.count {
            for entry in entries {
                var bucket = Int(truncatingIfNeeded: entry.hash) & mask
                while table[bucket].slot >= 0 { table[bucket] = .empty; bucket = (bucket + 1) & mask }
            }
        } else {
            table.withUnsafeMutableBufferPointer { $0.update(repeating: .empty) }
        }
        entries.removeAll(keepingCapacity: true)
        minimumStack.removeAll(keepingCapacity: true)
        minimum = 0
        total = 0
        evicted = false
    }
}
