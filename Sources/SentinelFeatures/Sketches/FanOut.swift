import SentinelCapture

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
/// own. A 256-bit map saturates near 1,400, so a source whose map fills up (``promotionBits``
/// set, about 950 distinct values) is promoted to an exact set of destination ports (8 KiB)
/// and a HyperLogLog of destinations, for up to ``promotedCapacity`` sources a window: a full
/// 65,536-port scan then reads about 65,000, not 1,400. Below promotion nothing changes. The table is fixed (``capacity`` sources, open addressing, raw memory); once it is
/// three-quarters full, further new flows in that window are counted in ``overflow`` and
/// otherwise ignored, so a flood from a million spoofed sources costs neither memory nor
/// time (and each of its sources has a fan-out of one anyway).
///
/// Each tracked source also keeps a tally: the flows it opened, how many of them were TCP, and
/// how many answers were credited to it (``answer(source:)``). Keyed by a destination's hash
/// instead (sources in the maps' place), the same table is the victim's view: the busiest
/// destination's new flows, distinct sources and handshakes completed (``busiest()``).
final class FanOut {
    /// Sources tracked per window.
    static let capacity = 4096
    private static let words = 4
    /// One source's maps: 256 bits of destinations, then 256 bits of ports.
    private typealias Maps = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    /// Keys alone (32 KiB) so probing stays in cache; the maps sit apart.
    private let keys: UnsafeMutablePointer<UInt64>
    private let maps: UnsafeMutablePointer<Maps>
    /// Per slot: flows opened, TCP flows opened, answers credited.
    private let tallies: UnsafeMutablePointer<Tally>
    private var used: [Int32] = []
    /// Sources not tracked because the table was full.
    private(set) var overflow = 0

    /// One tracked key's counts in the window.
    struct Tally {
        var flows: UInt32 = 0
        var tcp: UInt32 = 0
        var answered: UInt32 = 0
    }

    /// Set bits of a 256-bit map at which a source is promoted.
    static let promotionBits = 250
    /// Sources promoted per window at most.
    static let promotedCapacity = 8
    /// Promoted sources: the table slot, the saturated maps' estimates at promotion (−1 for a
    /// map that had not saturated), the exact ports seen since and a HyperLogLog of
    /// destinations since.
    private var promoted:
        [(
            slot: Int32, destinationsBefore: Double, portsBefore: Double, ports: [UInt64], portCount: Int,
            destinations: HyperLogLog
        )] = []

    init() {
        keys = .allocate(capacity: Self.capacity)
        keys.initialize(repeating: 0, count: Self.capacity)
        maps = .allocate(capacity: Self.capacity)
        maps.initialize(repeating: (0, 0, 0, 0, 0, 0, 0, 0), count: Self.capacity)
        tallies = .allocate(capacity: Self.capacity)
        tallies.initialize(repeating: Tally(), count: Self.capacity)
        used.reserveCapacity(Self.capacity)
    }

    deinit {
        keys.deallocate()
        maps.deallocate()
        tallies.deallocate()
    }

    /// Records a new flow from the source with hash `source` to `destination` (hash) and `port`;
    /// `tcp` counts it among the source's TCP flows too.
    @inline(__always)
    func add(source: UInt64, destination: UInt64, port: UInt16, tcp: Bool = false) {
        // Full (thousands of sources opened flows this window: a spoofed flood): stop
        // tracking rather than probe a crowded table for every packet.
        guard used.count < Self.capacity * 3 / 4 else { overflow += 1; return }
        let key = source | 1  // 0 marks an empty slot
        let mask = Self.capacity - 1
        var slot = Int(truncatingIfNeeded: key >> 20) & mask
        while keys[slot] != key {
            if keys[slot] == 0 {
                keys[slot] = key
                used.append(Int32(slot))
                break
            }
            slot = (slot + 1) & mask
        }
        tallies[slot].flows &+= 1
        if tcp { tallies[slot].tcp &+= 1 }
        let d = Int(truncatingIfNeeded: murmurFinalize(destination) & 255)
        let p = Int(truncatingIfNeeded: murmurFinalize(UInt64(port) &+ 0x9E37_79B9) & 255) + 256
        Self.set(&maps[slot], bit: d)
        Self.set(&maps[slot], bit: p)
        if !promoted.isEmpty, let index = promoted.firstIndex(where: { $0.slot == Int32(slot) }) {
            let word = Int(port >> 6), mask = UInt64(1) << UInt64(port & 63)
            if promoted[index].ports[word] & mask == 0 {
                promoted[index].ports[word] |= mask
                promoted[index].portCount += 1
            }
            promoted[index].destinations.insert(hash: murmurFinalize(destination &+ 0x51_7CC1_B727_220A))
            return
        }
        if promoted.count < Self.promotedCapacity {
            let m = maps[slot]
            let (destinationBits, portBits) = Self.bits(m)
            if portBits >= Self.promotionBits || destinationBits >= Self.promotionBits {
                // Only what saturated is taken over; the other map stays exact enough.
                promoted.append(
                    (
                        Int32(slot),
                        destinationBits >= Self.promotionBits ? Self.estimate(bits: destinationBits) : -1,
                        portBits >= Self.promotionBits ? Self.estimate(bits: portBits) : -1,
                        [UInt64](repeating: 0, count: 1_024), 0, HyperLogLog(precision: 10)
                    ))
            }
        }
    }

    /// Credits an answer (a completed handshake) to the tracked `source`; nothing when it opened
    /// no flow this window.
    @inline(__always)
    func answer(source: UInt64) {
        guard !used.isEmpty else { return }
        let key = source | 1
        let mask = Self.capacity - 1
        var slot = Int(truncatingIfNeeded: key >> 20) & mask
        while keys[slot] != 0 {
            if keys[slot] == key {
                tallies[slot].answered &+= 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// The source that opened the most flows this window: its tally and the distinct
    /// destinations of its flows (nil when none was tracked).
    func busiest() -> (tally: Tally, destinations: Double)? {
        guard var best = used.first else { return nil }
        for slot in used where tallies[Int(slot)].flows > tallies[Int(best)].flows { best = slot }
        var destinations = Self.estimate(bits: Self.bits(maps[Int(best)]).destinations)
        if let source = promoted.first(where: { $0.slot == best }), source.destinationsBefore >= 0 {
            destinations = source.destinationsBefore + source.destinations.estimate.rounded()
        }
        return (tallies[Int(best)], destinations)
    }

    /// Appends each tracked key (a source's hash, its low bit set) and the flows it opened this
    /// window to `list`: what a view across windows (``TrailingRequesters``) adds up.
    func appendCounts(to list: inout [(key: UInt64, flows: UInt32)]) {
        for slot in used { list.append((keys[Int(slot)], tallies[Int(slot)].flows)) }
    }

    /// The largest distinct-destination and distinct-port estimates of any one source.
    func maxima() -> (destinations: Double, ports: Double) {
        var bestDestinations = 0, bestPorts = 0
        for slot in used {
            let (destinationBits, portBits) = Self.bits(maps[Int(slot)])
            bestDestinations = max(bestDestinations, destinationBits)
            bestPorts = max(bestPorts, portBits)
        }
        var destinations = Self.estimate(bits: bestDestinations), ports = Self.estimate(bits: bestPorts)
        for source in promoted {
            if source.destinationsBefore >= 0 {
                destinations = max(destinations, source.destinationsBefore + source.destinations.estimate.rounded())
            }
            if source.portsBefore >= 0 { ports = max(ports, source.portsBefore + Double(source.portCount)) }
        }
        return (destinations, ports)
    }

    /// Empties the table (only the slots used).
    func reset() {
        for slot in used {
            keys[Int(slot)] = 0
            maps[Int(slot)] = (0, 0, 0, 0, 0, 0, 0, 0)
            tallies[Int(slot)] = Tally()
        }
        used.removeAll(keepingCapacity: true)
        promoted.removeAll(keepingCapacity: true)
        overflow = 0
    }

    /// The set bits of a source's destination map and of its port map.
    @inline(__always)
    private static func bits(_ m: Maps) -> (destinations: Int, ports: Int) {
        (
            m.0.nonzeroBitCount + m.1.nonzeroBitCount + m.2.nonzeroBitCount + m.3.nonzeroBitCount,
            m.4.nonzeroBitCount + m.5.nonzeroBitCount + m.6.nonzeroBitCount + m.7.nonzeroBitCount
        )
    }

    @inline(__always)
    private static func set(_ map: inout Maps, bit: Int) {
        let mask = UInt64(1) << UInt64(bit & 63)
        switch bit >> 6 {
        case 0: map.0 |= mask
        case 1: map.1 |= mask
        case 2: map.2 |= mask
        case 3: map.3 |= mask
        case 4: map.4 |= mask
        case 5: map.5 |= mask
        case 6: map.6 |= mask
        default: map.7 |= mask
        }
    }

    /// Linear counting: `-m ln(zero bits / m)`, m = 256; saturates near 1,400.
    static func estimate(bits: Int) -> Double {
        let m = Double(words * 64)
        let zeros = max(0.5, m - Double(bits))
        return (-m * log(zeros / m)).rounded()
    }
}
