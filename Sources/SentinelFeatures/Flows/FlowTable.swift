import SentinelCapture

/// Bidirectional 5-tuple flows with idle and active timeouts, closed on RST or a FIN
/// exchange, in memory bounded by ``Configuration/maxFlows``.
///
/// Flows live in a slab with an intrusive recency list: idle expiry pops from the old end,
/// and when the table is full the least recently seen flow is evicted, so a random-source
/// SYN flood recycles its own one-packet flows while active connections stay. To spare a
/// relink (two cache misses) on every packet, a busy flow is moved to the recent end at most
/// once per ``relinkInterval``; a flow that reaches the old end but has been seen since it
/// was listed gets a second chance (CLOCK), so the order stays least-recently-seen in effect. The slab is indexed by a linear-probing hash table on
/// ``FlowKey/mixedHash`` with backward-shift deletion (no tombstones to pile up under churn).
public final class FlowTable {
    /// Timeouts and limits.
    public struct Configuration: Sendable {
        /// A flow with no packet for this long (seconds) is closed.
        public var idleTimeout: Double = 60
        /// A flow open this long (seconds) is closed and continued as a new one.
        public var activeTimeout: Double = 1800
        /// Most flows held at once.
        public var maxFlows: Int = 1_000_000
        /// Creates the default configuration.
        public init() {}
    }

    /// Running totals.
    public struct Counters: Sendable, Equatable {
        /// Flows created.
        public var created: UInt64 = 0
        /// Flows closed, by `FlowCloseReason.allCases` order.
        var closedCounts = [UInt64](repeating: 0, count: FlowCloseReason.allCases.count)
        /// Flows closed, by reason (evictions included).
        public var closed: [FlowCloseReason: UInt64] {
            var out: [FlowCloseReason: UInt64] = [:]
            for (i, reason) in FlowCloseReason.allCases.enumerated() where closedCounts[i] > 0 {
                out[reason] = closedCounts[i]
            }
            return out
        }
        /// Flows evicted because the table was full.
        public var evicted: UInt64 { closedCounts[FlowCloseReason.allCases.firstIndex(of: .evicted)!] }
        /// Flows whose handshake began but has not completed, now.
        public var halfOpen: Int = 0
        /// Most flows held at once.
        public var peakOpen: Int = 0
        /// Creates zeroed counters.
        public init() {}

        mutating func count(_ reason: FlowCloseReason, _ n: UInt64 = 1) {
            switch reason {
            case .idle: closedCounts[0] &+= n
            case .active: closedCounts[1] &+= n
            case .fin: closedCounts[2] &+= n
            case .rst: closedCounts[3] &+= n
            case .evicted: closedCounts[4] &+= n
            case .end: closedCounts[5] &+= n
            }
        }
    }

    /// The configuration in force.
    public let configuration: Configuration
    /// Seconds a flow stays where it is in the recency list before a packet moves it.
    let relinkInterval: Double
    /// Called with each flow as it closes (not called when nil, which saves the work).
    public var onClose: ((FlowRecord) -> Void)?
    /// Running totals.
    public private(set) var counters = Counters()
    /// Flows open now.
    public private(set) var openFlows = 0

    /// Half-open and open flows now.
    public var gauges: FlowGauges { FlowGauges(halfOpen: counters.halfOpen, open: openFlows) }

    var slots = FlowSlab()
    var freeSlots: [Int32] = []
    /// Index buckets: a slab slot (-1 empty) with the low 32 bits of its hash. A probe that
    /// passes other flows compares tags in the bucket array instead of loading their slab
    /// entries, and the home bucket (`tag & mask`) is known without the slab, so growing and
    /// deleting never touch flow states either.
    var buckets: [Bucket]
    var bucketMask: Int

    struct Bucket {
        var slot: Int32
        var tag: UInt32
        static let empty = Bucket(slot: -1, tag: 0)
    }
    var newest: Int32 = -1
    var oldest: Int32 = -1

    /// Creates an empty table.
    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
        self.relinkInterval = min(1, configuration.idleTimeout / 4)
        buckets = [Bucket](repeating: .empty, count: 1024)
        bucketMask = 1023
    }

    deinit { slots.deallocate() }

    /// Accounts one packet to its flow, creating, expiring or closing flows as needed.
    public func process(_ packet: PacketView) -> FlowUpdate {
        let now = packet.timestamp
        if oldest >= 0 && slots[Int(oldest)].listedAt < now - configuration.idleTimeout { expireIdle(now: now) }
        var update = FlowUpdate()
        let (key, fromA) = FlowKey.of(packet)
        let hash = key.mixedHash
        var slot = find(key, hash: hash)
        if slot >= 0 {
            if now - slots[Int(slot)].start > configuration.activeTimeout {
                close(slot, reason: .active)
                slot = create(key, hash: hash, clientIsA: fromA, time: now)
                update.isNewFlow = true
            }
        } else {
            slot = create(key, hash: hash, clientIsA: fromA, time: now)
            update.isNewFlow = true
        }
        let i = Int(slot)
        if update.isNewFlow || now - slots[i].listedAt > relinkInterval {
            touch(slot)
            slots[i].listedAt = now
        }
        let forward = fromA == slots[i].clientIsA
        let wasHalfOpen = slots[i].halfOpen
        slots[i].absorb(packet, forward: forward, update: &update)
        if slots[i].halfOpen != wasHalfOpen { counters.halfOpen += slots[i].halfOpen ? 1 : -1 }
        if packet.isTCP {
            let flags = packet.tcpFlags
            if flags.contains(.rst) {
                close(slot, reason: .rst)
            } else if slots[i].finForward && slots[i].finBackward
                        && !flags.contains(.fin) && flags.contains(.ack) {
                close(slot, reason: .fin)
            }
        }
        return update
    }

    /// Closes every flow idle for longer than the idle timeout at time `now`.
    public func expireIdle(now: Double) {
        let limit = now - configuration.idleTimeout
        while oldest >= 0 && slots[Int(oldest)].listedAt < limit {
            let flow = oldest
            if slots[Int(flow)].last < limit {
                close(flow, reason: .idle)
            } else {  // seen since it was listed: not idle, move it up
                touch(flow)
                slots[Int(flow)].listedAt = slots[Int(flow)].last
            }
        }
    }

    /// Closes every open flow (at the end of a capture), oldest first.
    public func closeAll(reason: FlowCloseReason = .end) {
        if let onClose {
            var slot = oldest
            while slot >= 0 {
                onClose(slots[Int(slot)].record(reason: reason))
                slot = slots[Int(slot)].newer
            }
        }
        counters.count(reason, UInt64(openFlows))
        counters.halfOpen = 0
        openFlows = 0
        slots.removeAll()
        freeSlots.removeAll(keepingCapacity: true)
        buckets.withUnsafeMutableBufferPointer { $0.update(repeating: .empty) }
        newest = -1
        oldest = -1
    }

    // MARK: - Index

    private func find(_ key: FlowKey, hash: UInt64) -> Int32 {
        let tag = UInt32(truncatingIfNeeded: hash)
        var bucket = Int(truncatingIfNeeded: hash) & bucketMask
        while true {
            let entry = buckets[bucket]
            if entry.slot < 0 { return -1 }
            if entry.tag == tag && slots[Int(entry.slot)].key == key { return entry.slot }
            bucket = (bucket + 1) & bucketMask
        }
    }

    private func insertIntoIndex(_ slot: Int32, hash: UInt64) {
        var bucket = Int(truncatingIfNeeded: hash) & bucketMask
        while buckets[bucket].slot >= 0 { bucket = (bucket + 1) & bucketMask }
        buckets[bucket] = Bucket(slot: slot, tag: UInt32(truncatingIfNeeded: hash))
    }

    private func removeFromIndex(_ slot: Int32) {
        var hole = Int(truncatingIfNeeded: slots[Int(slot)].hash) & bucketMask
        while buckets[hole].slot != slot { hole = (hole + 1) & bucketMask }
        var next = (hole + 1) & bucketMask
        while buckets[next].slot >= 0 {
            let home = Int(buckets[next].tag) & bucketMask
            let stays = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
            if !stays {
                buckets[hole] = buckets[next]
                hole = next
            }
            next = (next + 1) & bucketMask
        }
        buckets[hole] = .empty
    }

    private func growIndex() {
        let old = buckets
        let size = buckets.count * 2
        buckets = [Bucket](repeating: .empty, count: size)
        bucketMask = size - 1
        for entry in old where entry.slot >= 0 {
            var bucket = Int(entry.tag) & bucketMask
            while buckets[bucket].slot >= 0 { bucket = (bucket + 1) & bucketMask }
            buckets[bucket] = entry
        }
    }

    // MARK: - Slots and the recency list

    private func create(_ key: FlowKey, hash: UInt64, clientIsA: Bool, time: Double) -> Int32 {
        if openFlows >= configuration.maxFlows { evictOne() }
        let state = FlowState(key: key, hash: hash, clientIsA: clientIsA, time: time)
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
            slots[Int(slot)] = state
        } else {
            slot = Int32(slots.append(state))
        }
        openFlows += 1
        if openFlows * 2 > buckets.count { growIndex() }
        insertIntoIndex(slot, hash: hash)
        counters.created += 1
        if openFlows > counters.peakOpen { counters.peakOpen = openFlows }
        return slot
    }

    /// Evicts the least recently seen flow, giving flows seen since they were listed a
    /// second chance at the recent end.
    private func evictOne() {
        var chances = openFlows
        while oldest >= 0 {
            let flow = oldest
            if chances > 0 && slots[Int(flow)].last > slots[Int(flow)].listedAt {
                touch(flow)
                slots[Int(flow)].listedAt = slots[Int(flow)].last
                chances -= 1
            } else {
                close(flow, reason: .evicted)
                return
            }
        }
    }

    private func close(_ slot: Int32, reason: FlowCloseReason) {
        let i = Int(slot)
        removeFromIndex(slot)
        unlink(slot)
        openFlows -= 1
        if slots[i].halfOpen { counters.halfOpen -= 1 }
        counters.count(reason)
        if let onClose { onClose(slots[i].record(reason: reason)) }
        freeSlots.append(slot)
    }

    private func touch(_ slot: Int32) {
        guard newest != slot else { return }
        let i = Int(slot)
        if slots[i].older >= 0 || slots[i].newer >= 0 || oldest == slot { unlink(slot) }
        slots[i].older = newest
        slots[i].newer = -1
        if newest >= 0 { slots[Int(newest)].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }

    private func unlink(_ slot: Int32) {
        let i = Int(slot)
        let older = slots[i].older, newer = slots[i].newer
        if older >= 0 { slots[Int(older)].newer = newer } else if oldest == slot { oldest = newer }
        if newer >= 0 { slots[Int(newer)].older = older } else if newest == slot { newest = older }
        slots[i].older = -1
        slots[i].newer = -1
    }
}
