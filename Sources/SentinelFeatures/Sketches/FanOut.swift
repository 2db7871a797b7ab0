#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// How widely single sources reach out in a window: for each source that opened flows, the
/// distinct destinations and destination ports of those flows, estimated by linear counting
/// on a 256-bit map each.
///
/// A scanner hides among many clients in window-wide ratios, but not here: its fan-out is its
/// own. The table is fixed (``capacity`` sources, open addressing, raw memory); sources beyond
/// it in one window are counted in ``overflow`` and otherwise ignored, so a flood from a
/// million spoofed sources costs no memory and each of them has a fan-out of one anyway.
final class FanOut {
    /// Sources tracked per window.
    static let capacity = 4096
    private static let words = 4
    private struct Entry {
        var key: UInt64
        var destinations: (UInt64, UInt64, UInt64, UInt64)
        var ports: (UInt64, UInt64, UInt64, UInt64)
    }

    private let entries: UnsafeMutablePointer<Entry>
    private var used: [Int32] = []
    /// Sources not tracked because the table was full.
    private(set) var overflow = 0

    init() {
        entries = .allocate(capacity: Self.capacity)
        entries.initialize(repeating: Entry(key: 0, destinations: (0, 0, 0, 0), ports: (0, 0, 0, 0)), count: Self.capacity)
        used.reserveCapacity(Self.capacity)
    }

    deinit { entries.deallocate() }

    /// Records a new flow from the source with hash `source` to `destination` (hash) and `port`.
    @inline(__always)
    func add(source: UInt64, destination: UInt64, port: UInt16) {
        let key = source | 1  // 0 marks an empty slot
        let mask = Self.capacity - 1
        var slot = Int(truncatingIfNeeded: key >> 20) & mask
        while entries[slot].key != key {
            if entries[slot].key == 0 {
                guard used.count < Self.capacity * 3 / 4 else { overflow += 1; return }
                entries[slot].key = key
                used.append(Int32(slot))
                break
            }
            slot = (slot + 1) & mask
        }
        let d = murmurHash(destination)
        Self.set(&entries[slot].destinations, bit: Int(truncatingIfNeeded: d & 255))
        let p = murmurHash(UInt64(port) &+ 0x9E37_79B9)
        Self.set(&entries[slot].ports, bit: Int(truncatingIfNeeded: p & 255))
    }

    /// The largest distinct-destination and distinct-port estimates of any one source.
    func maxima() -> (destinations: Double, ports: Double) {
        var bestDestinations = 0, bestPorts = 0
        for slot in used {
            bestDestinations = max(bestDestinations, Self.count(entries[Int(slot)].destinations))
            bestPorts = max(bestPorts, Self.count(entries[Int(slot)].ports))
        }
        return (Self.estimate(bits: bestDestinations), Self.estimate(bits: bestPorts))
    }

    /// Empties the table (only the slots used).
    func reset() {
        for slot in used { entries[Int(slot)] = Entry(key: 0, destinations: (0, 0, 0, 0), ports: (0, 0, 0, 0)) }
        used.removeAll(keepingCapacity: true)
        overflow = 0
    }

    @inline(__always)
    private static func set(_ map: inout (UInt64, UInt64, UInt64, UInt64), bit: Int) {
        let mask = UInt64(1) << UInt64(bit & 63)
        switch bit >> 6 {
        case 0: map.0 |= mask
        case 1: map.1 |= mask
        case 2: map.2 |= mask
        default: map.3 |= mask
        }
    }

    private static func count(_ map: (UInt64, UInt64, UInt64, UInt64)) -> Int {
        map.0.nonzeroBitCount + map.1.nonzeroBitCount + map.2.nonzeroBitCount + map.3.nonzeroBitCount
    }

    /// Linear counting: `-m ln(zero bits / m)`, m = 256; saturates near 1,400.
    static func estimate(bits: Int) -> Double {
        let m = Double(words * 64)
        let zeros = max(0.5, m - Double(bits))
        return (-m * log(zeros / m)).rounded()
    }

    @inline(__always)
    private func murmurHash(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x &*= 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }
}
