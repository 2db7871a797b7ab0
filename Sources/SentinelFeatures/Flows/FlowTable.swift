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
        var closedCounts: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        /// Flows closed, by reason (evictions included).
        public var closed: [FlowCloseReason: UInt64] {
            var out: [FlowCloseReason: UInt64] = [:]
            for reason in FlowCloseReason.allCases where closedCount(reason) > 0 {
                out[reason] = closedCount(reason)
            }
            return out
        }
        /// Flows evicted because the table was full.
        public var evicted: UInt64 { closedCounts.4 }

        func closedCount(_ reason: FlowCloseReason) -> UInt64 {
            switch reason {
            case .idle: return closedCounts.0
            case .active: return closedCounts.1
            case .fin: return closedCounts.2
            case .rst: return closedCounts.3
            case .evicted: return closedCounts.4
            case .end: return closedCounts.5
            }
        }

        public static func == (lhs: Counters, rhs: Counters) -> Bool {
            lhs.created == rhs.created && lhs.closedCounts == rhs.closedCounts
                && lhs.halfOpen == rhs.halfOpen && lhs.peakOpen == rhs.peakOpen
                && lhs.awaitingResponse == rhs.awaitingResponse
                && lhs.awaitingSinceThisWindow == rhs.awaitingSinceThisWindow
        }
        /// Flows whose handshake began but has not completed, now.
        public var halfOpen: Int = 0
        /// TCP flows whose client sent data the server has not answered with data, now.
        public var awaitingResponse: Int = 0
        /// Of those, the flows that began awaiting in the open window (``startWindow()``).
        public var awaitingSinceThisWindow: Int = 0
        /// Most flows held at once.
        public var peakOpen: Int = 0
        /// Creates zeroed counters.
        public init() {}

        mutating func count(_ reason: FlowCloseReason, _ n: UInt64 = 1) {
            switch reason {
            case .idle: closedCounts.0 &+= n
            case .active: closedCounts.1 &+= n
            case .fin: closedCounts.2 &+= n
            case .rst: closedCounts.3 &+= n
            case .evicted: closedCounts.4 &+= n
            case .end: closedCounts.5 &+= n
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
    public var gauges: FlowGauges {
        FlowGauges(
            halfOpen: counters.halfOpen, open: openFlows, awaitingResponse: counters.awaitingResponse,
            stalled: counters.awaitingResponse - counters.awaitingSinceThisWindow)
    }

    /// The window the table is in (counts ``startWindow()`` calls).
    var window: UInt32 = 0

    /// Marks the start of a new window: the flows awaiting a response now are, at the next
    /// window's end, requests that waited the whole window (``FlowGauges/stalled``).
    public func startWindow() {
        window &+= 1
        counters.awaitingSinceThisWindow = 0
    }

    var slots = FlowSlab()
    /// Freed slab slots, a stack (the most recently freed is reused first). Dense, so taking
    /// one costs no cache miss on the freed state itself.
    var freeSlots: UnsafeMutablePointer<Int32> = .allocate(capacity: 1024)
    var freeCount = 0
    var freeCapacity = 1024
    /// Index buckets: a slab slot (-1 empty) with the low 32 bits of its hash. A probe that
    /// passes other flows compares tags in the bucket array instead of loading their slab
    /// entries, and the home bucket (`tag & mask`) is known without the slab, so growing and
    /// deleting never touch flow states either.
    var buckets: UnsafeMutablePointer<Bucket>
    var bucketCount: Int
    var bucketMask: Int
    let idleTimeout: Double
    let activeTimeout: Double
    let maxFlows: Int

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
        self.idleTimeout = configuration.idleTimeout
        self.activeTimeout = configuration.activeTimeout
        self.maxFlows = configuration.maxFlows
        bucketCount = 1024
        buckets = FlowTable.allocateBuckets(bucketCount)
        bucketMask = bucketCount - 1
    }

    deinit {
        freeSlots.deallocate()
        slots.deallocate()
        FlowTable.deallocateBuckets(buckets, bucketCount)
    }

    private static func allocateBuckets(_ count: Int) -> UnsafeMutablePointer<Bucket> {
        let raw = LargePages.allocate(byteCount: count * MemoryLayout<Bucket>.stride)
        let buckets = raw.bindMemory(to: Bucket.self, capacity: count)
        buckets.initialize(repeating: .empty, count: count)
        return buckets
    }

    private static func deallocateBuckets(_ buckets: UnsafeMutablePointer<Bucket>, _ count: Int) {
        LargePages.deallocate(UnsafeMutableRawPointer(buckets), byteCount: count * MemoryLayout<Bucket>.stride)
    }

    /// Index sizes up to this many buckets (512 KiB) are taken to stay in the cache.
    static let cachedIndexBuckets = 65_536

    @inline(__always)
    private func state(_ slot: Int32) -> UnsafeMutablePointer<FlowState> { slots.pointer(Int(slot)) }

    /// Accounts one packet to its flow, creating, expiring or closing flows as needed.
    public func process(_ packet: PacketView) -> FlowUpdate {
        withUnsafePointer(to: packet) { process(lent: $0) }
    }

    /// ``process(_:)`` with the packet lent by address: hot loops pass their view without the
    /// copy of its ~150 bytes that passing it by value costs.
    public func process(lent pointer: UnsafePointer<PacketView>) -> FlowUpdate {
        let now = pointer.pointee.timestamp
        let (key, fromA) = FlowKey.of(pointer.pointee)
        let hash = key.mixedHash
        // Start loading the home bucket now; expiry below may run first.
        prefetchLines(buckets + (Int(truncatingIfNeeded: hash) & bucketMask))
        if oldest >= 0 && state(oldest).pointee.listedAt < now - idleTimeout { expireIdle(now: now) }
        var update = FlowUpdate()
        var slot = find(key, hash: hash)
        if slot >= 0 {
            if now - state(slot).pointee.start > activeTimeout {
                close(slot, reason: .active)
                slot = create(key, hash: hash, clientIsA: fromA, time: now)
                update.isNewFlow = true
            }
        } else {
            slot = create(key, hash: hash, clientIsA: fromA, time: now)
            update.isNewFlow = true
        }
        let flow = state(slot)
        if update.isNewFlow {
            linkAsNewest(slot)  // a fresh state is in no list: no need to read its links
            flow.pointee.listedAt = now
        } else if now - flow.pointee.listedAt > relinkInterval {
            touch(slot)
            flow.pointee.listedAt = now
        }
        let forward = fromA == flow.pointee.clientIsA
        update.isFromClient = forward
        update.previousPacket = flow.pointee.last
        let wasHalfOpen = flow.pointee.halfOpen
        let wasAwaiting = flow.pointee.awaitingResponse
        flow.pointee.absorb(pointer.pointee, forward: forward, update: &update)
        if flow.pointee.halfOpen != wasHalfOpen { counters.halfOpen += flow.pointee.halfOpen ? 1 : -1 }
        if flow.pointee.awaitingResponse != wasAwaiting {
            counters.awaitingResponse += wasAwaiting ? -1 : 1
            if !wasAwaiting {
                flow.pointee.awaitingSinceWindow = window
                counters.awaitingSinceThisWindow += 1
            } else if flow.pointee.awaitingSinceWindow == window {
                counters.awaitingSinceThisWindow -= 1
            }
        }
        if pointer.pointee.isTCP {
            let flags = pointer.pointee.tcpFlags
            if flags.contains(.rst) {
                close(slot, reason: .rst)
            } else if flow.pointee.finForward && flow.pointee.finBackward
                && !flags.contains(.fin) && flags.contains(.ack)
            {
                close(slot, reason: .fin)
            }
        }
        return update
    }

    /// Starts loading the index bucket of the packet's flow into the cache, so that a
    /// ``process(lent:)`` call for the same packet after some other work finds it there.
    /// A hint only: it changes nothing.
    public func prefetch(lent pointer: UnsafePointer<PacketView>) {
        let (key, _) = FlowKey.of(pointer.pointee)
        let hash = key.mixedHash
        var bucket = Int(truncatingIfNeeded: hash) & bucketMask
        if bucketCount > FlowTable.cachedIndexBuckets {
            prefetchLines(buckets + bucket)
        } else {
            // A small index is in the cache: find the flow by tag now (without touching any
            // state) and start loading its state, which is likely not.
            let tag = UInt32(truncatingIfNeeded: hash)
            while true {
                let entry = buckets[bucket]
                if entry.slot < 0 { break }
                if entry.tag == tag {
                    prefetchLines(UnsafeRawPointer(state(entry.slot)), bytes: MemoryLayout<FlowState>.size)
                    return
                }
                bucket = (bucket + 1) & bucketMask
            }
        }
        // And the slot a new flow would take: a freed one is usually cold by now.
        if freeCount > 0 {
            prefetchLines(UnsafeRawPointer(state(freeSlots[freeCount - 1])), bytes: MemoryLayout<FlowState>.size)
        }
    }

    /// Closes every flow idle for longer than the idle timeout at time `now`.
    public func expireIdle(now: Double) {
        let limit = now - idleTimeout
        while oldest >= 0 {
            let flow = oldest
            let s = state(flow)
            guard s.pointee.listedAt < limit else { break }
            // The next oldest is likely next to go: start loading it while this one closes.
            let next = s.pointee.newer
            if next >= 0 { prefetchLines(UnsafeRawPointer(state(next)), bytes: MemoryLayout<FlowState>.size) }
            if s.pointee.last < limit {
                close(flow, reason: .idle)
            } else {  // seen since it was listed: not idle, move it up
                touch(flow)
                s.pointee.listedAt = s.pointee.last
            }
        }
    }

    /// Closes every open flow (at the end of a capture), oldest first.
    public func closeAll(reason: FlowCloseReason = .end) {
        if let onClose {
            var slot = oldest
            while slot >= 0 {
                onClose(state(slot).pointee.record(reason: reason))
                slot = state(slot).pointee.newer
            }
        }
        counters.count(reason, UInt64(openFlows))
        counters.halfOpen = 0
        counters.awaitingResponse = 0
        counters.awaitingSinceThisWindow = 0
        openFlows = 0
        slots.removeAll()
        freeCount = 0
        buckets.update(repeating: .empty, count: bucketCount)
        newest = -1
        oldest = -1
    }

    // MARK: - Index

    @inline(__always)
    private func find(_ key: FlowKey, hash: UInt64) -> Int32 {
        let tag = UInt32(truncatingIfNeeded: hash)
        var bucket = Int(truncatingIfNeeded: hash) & bucketMask
        while true {
            let entry = buckets[bucket]
            if entry.slot < 0 { return -1 }
            if entry.tag == tag && state(entry.slot).pointee.key == key { return entry.slot }
            bucket = (bucket + 1) & bucketMask
        }
    }

    @inline(__always)
    private func insertIntoIndex(_ slot: Int32, tag: UInt32) {
        var bucket = Int(tag) & bucketMask
        while buckets[bucket].slot >= 0 { bucket = (bucket + 1) & bucketMask }
        buckets[bucket] = Bucket(slot: slot, tag: tag)
    }

    private func removeFromIndex(_ slot: Int32, tag: UInt32) {
        var hole = Int(tag) & bucketMask
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
        let oldCount = bucketCount
        bucketCount *= 2
        bucketMask = bucketCount - 1
        buckets = FlowTable.allocateBuckets(bucketCount)
        for i in 0..<oldCount {
            let entry = old[i]
            guard entry.slot >= 0 else { continue }
            var bucket = Int(entry.tag) & bucketMask
            while buckets[bucket].slot >= 0 { bucket = (bucket + 1) & bucketMask }
            buckets[bucket] = entry
        }
        FlowTable.deallocateBuckets(old, oldCount)
    }

    // MARK: - Slots and the recency list

    private func create(_ key: FlowKey, hash: UInt64, clientIsA: Bool, time: Double) -> Int32 {
        if openFlows >= maxFlows { evictOne() }
        let slot: Int32
        if freeCount > 0 {
            freeCount -= 1
            slot = freeSlots[freeCount]
        } else {
            slot = Int32(truncatingIfNeeded: slots.appendUninitialized())
        }
        state(slot).initialize(to: FlowState(key: key, hash: hash, clientIsA: clientIsA, time: time))
        openFlows += 1
        if openFlows * 2 > bucketCount { growIndex() }
        insertIntoIndex(slot, tag: UInt32(truncatingIfNeeded: hash))
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
            let s = state(flow)
            if chances > 0 && s.pointee.last > s.pointee.listedAt {
                touch(flow)
                s.pointee.listedAt = s.pointee.last
                chances -= 1
            } else {
                close(flow, reason: .evicted)
                return
            }
        }
    }

    private func close(_ slot: Int32, reason: FlowCloseReason) {
        let s = state(slot)
        removeFromIndex(slot, tag: s.pointee.tag)
        unlink(slot)
        openFlows -= 1
        if s.pointee.halfOpen { counters.halfOpen -= 1 }
        if s.pointee.awaitingResponse {
            counters.awaitingResponse -= 1
            if s.pointee.awaitingSinceWindow == window { counters.awaitingSinceThisWindow -= 1 }
        }
        counters.count(reason)
        if let onClose { onClose(s.pointee.record(reason: reason)) }
        if freeCount == freeCapacity {
            let grown = UnsafeMutablePointer<Int32>.allocate(capacity: freeCapacity * 2)
            grown.moveInitialize(from: freeSlots, count: freeCount)
            freeSlots.deallocate()
            freeSlots = grown
            freeCapacity *= 2
        }
        freeSlots[freeCount] = slot
        freeCount += 1
    }

    /// Puts a slot that is in no list (just created) at the recent end.
    @inline(__always)
    private func linkAsNewest(_ slot: Int32) {
        let s = state(slot)
        s.pointee.older = newest
        s.pointee.newer = -1
        if newest >= 0 { state(newest).pointee.newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }

    @inline(__always)
    private func touch(_ slot: Int32) {
        guard newest != slot else { return }
        let s = state(slot)
        if s.pointee.older >= 0 || s.pointee.newer >= 0 || oldest == slot { unlink(slot) }
        s.pointee.older = newest
        s.pointee.newer = -1
        if newest >= 0 { state(newest).pointee.newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }

    private func unlink(_ slot: Int32) {
        let s = state(slot)
        let older = s.pointee.older, newer = s.pointee.newer
        if older >= 0 { state(older).pointee.newer = newer } else if oldest == slot { oldest = newer }
        if newer >= 0 { state(newer).pointee.older = older } else if newest == slot { newest = older }
        s.pointee.older = -1
        s.pointee.newer = -1
    }
}
