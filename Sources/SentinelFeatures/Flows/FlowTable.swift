import SentinelCapture

/// Bidirectional 5-tuple flows with idle and active timeouts, closed on RST or a FIN
/// exchange, in memory bounded by ``Configuration/maxFlows``.
///
/// Flows live in a slab with an intrusive least-recently-seen list: idle expiry pops from
/// the old end, and when the table is full the least recently seen flow is evicted, so a
/// random-source SYN flood recycles its own one-packet flows while active connections,
/// refreshed by every packet, stay.
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
        /// Flows closed, by reason (evictions included).
        public var closed: [FlowCloseReason: UInt64] = [:]
        /// Flows evicted because the table was full.
        public var evicted: UInt64 { closed[.evicted] ?? 0 }
        /// Flows whose handshake began but has not completed, now.
        public var halfOpen: Int = 0
        /// Most flows held at once.
        public var peakOpen: Int = 0
        /// Creates zeroed counters.
        public init() {}
    }

    /// The configuration in force.
    public let configuration: Configuration
    /// Called with each flow as it closes (not called when nil, which saves the work).
    public var onClose: ((FlowRecord) -> Void)?
    /// Running totals.
    public private(set) var counters = Counters()

    @usableFromInline var slots: [FlowState] = []
    @usableFromInline var index: [FlowKey: Int32] = [:]
    @usableFromInline var freeSlots: [Int32] = []
    @usableFromInline var newest: Int32 = -1
    @usableFromInline var oldest: Int32 = -1

    /// Creates an empty table.
    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// Flows open now.
    public var openFlows: Int { index.count }

    /// Accounts one packet to its flow, creating, expiring or closing flows as needed.
    public func process(_ packet: PacketView) -> FlowUpdate {
        let now = packet.timestamp
        expireIdle(now: now)
        var update = FlowUpdate()
        let (key, fromA) = FlowKey.of(packet)
        var slot: Int32
        if let existing = index[key] {
            slot = existing
            if now - slots[Int(slot)].start > configuration.activeTimeout {
                close(slot, reason: .active)
                slot = create(key, clientIsA: fromA, time: now)
                update.isNewFlow = true
            }
        } else {
            slot = create(key, clientIsA: fromA, time: now)
            update.isNewFlow = true
        }
        touch(slot)
        let i = Int(slot)
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
        while oldest >= 0 && slots[Int(oldest)].last < limit {
            close(oldest, reason: .idle)
        }
    }

    /// Closes every open flow (at the end of a capture), oldest first.
    public func closeAll(reason: FlowCloseReason = .end) {
        while oldest >= 0 { close(oldest, reason: reason) }
    }

    private func create(_ key: FlowKey, clientIsA: Bool, time: Double) -> Int32 {
        if index.count >= configuration.maxFlows, oldest >= 0 {
            close(oldest, reason: .evicted)
        }
        let state = FlowState(key: key, clientIsA: clientIsA, time: time)
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
            slots[Int(slot)] = state
        } else {
            slot = Int32(slots.count)
            slots.append(state)
        }
        index[key] = slot
        counters.created += 1
        if index.count > counters.peakOpen { counters.peakOpen = index.count }
        return slot
    }

    private func close(_ slot: Int32, reason: FlowCloseReason) {
        let i = Int(slot)
        unlink(slot)
        index.removeValue(forKey: slots[i].key)
        if slots[i].halfOpen { counters.halfOpen -= 1 }
        counters.closed[reason, default: 0] += 1
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
