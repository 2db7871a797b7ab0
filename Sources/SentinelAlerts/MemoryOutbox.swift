import Synchronization

/// An ``OutboxStorage`` in memory: for tests and `--no-store` runs (alerts queued here are
/// lost on exit). It remembers the last ``deliveredMemory`` delivered pairs so a repeated
/// enqueue of a recent event is still ignored.
public final class MemoryOutbox: OutboxStorage, Sendable {
    /// How many delivered (eventID, webhook) pairs are remembered for deduplication.
    public let deliveredMemory: Int

    private struct Key: Hashable {
        var eventID: String
        var webhook: String
    }

    private struct State {
        var pending: [Key: OutboxItem] = [:]
        var delivered: Set<Key> = []
        var deliveredOrder: [Key] = []
    }

    private let state = Mutex(State())

    /// Creates an empty outbox.
    /// - Parameter deliveredMemory: delivered pairs remembered for deduplication (default 10 000).
    public init(deliveredMemory: Int = 10_000) {
        self.deliveredMemory = max(1, deliveredMemory)
    }

    public func enqueue(_ entries: [OutboxItem]) {
        state.withLock { state in
            for entry in entries {
                let key = Key(eventID: entry.eventID, webhook: entry.webhook)
                guard state.pending[key] == nil, !state.delivered.contains(key) else { continue }
                state.pending[key] = entry
            }
        }
    }

    public func due(now: Double, limit: Int) -> [OutboxItem] {
        state.withLock { state in
            let due = state.pending.values.filter { $0.nextAttempt <= now }.sorted {
                ($0.nextAttempt, $0.created, $0.eventID, $0.webhook) < ($1.nextAttempt, $1.created, $1.eventID, $1.webhook)
            }
            return Array(due.prefix(max(0, limit)))
        }
    }

    public func markDelivered(eventID: String, webhook: String, at time: Double) {
        state.withLock { state in
            let key = Key(eventID: eventID, webhook: webhook)
            state.pending[key] = nil
            guard state.delivered.insert(key).inserted else { return }
            state.deliveredOrder.append(key)
            if state.deliveredOrder.count > deliveredMemory {
                let dropped = state.deliveredOrder.count - deliveredMemory
                for old in state.deliveredOrder.prefix(dropped) { state.delivered.remove(old) }
                state.deliveredOrder.removeFirst(dropped)
            }
        }
    }

    public func markFailed(eventID: String, webhook: String, error: String, nextAttempt: Double) {
        state.withLock { state in
            let key = Key(eventID: eventID, webhook: webhook)
            guard var item = state.pending[key] else { return }
            item.attempts += 1
            item.lastError = error
            item.nextAttempt = nextAttempt
            state.pending[key] = item
        }
    }

    public func depth() -> Int {
        state.withLock { $0.pending.count }
    }

    /// All undelivered items, in (created, eventID, webhook) order.
    public func pending() -> [OutboxItem] {
        state.withLock { state in
            state.pending.values.sorted { ($0.created, $0.eventID, $0.webhook) < ($1.created, $1.eventID, $1.webhook) }
        }
    }
}
