import SentinelStore

/// The planner's role in a fleet: sentinels sharing a store elect one planner through a
/// lease row (``StoreBackend/acquireLease(_:holder:now:duration:)``). The holder renews it
/// every third of its length; a sentinel that cannot renew stops planning before its lease
/// ends, and another takes over once it has ended, so at most one plans at any moment. Every
/// sentinel, leader or not, keeps detecting, storing and alerting.
///
/// With SQLite and a single sentinel it always leads: the lease is its own.
package final class LeaderLease {
    /// The lease's name in the store.
    package static let name = "planner"

    package let store: any StoreBackend
    /// This sentinel's name (`sentinel.host`).
    package let holder: String
    /// How long a taken or renewed lease lasts, in seconds.
    package let duration: Double
    /// Whether this sentinel led at the last check.
    package private(set) var isLeader = false
    /// When the lease this sentinel holds was last taken or renewed.
    private var renewed = -Double.infinity
    /// No store call before this time (after a failure).
    private var retryAfter = -Double.infinity

    package init(store: any StoreBackend, holder: String, duration: Double) {
        self.store = store
        self.holder = holder
        self.duration = duration
    }

    /// Whether this sentinel is the planner at `now`: renews its lease when a third of it has
    /// passed, or tries to take it when it is not the leader.
    /// - Returns: the role, and whether it changed at this check.
    package func check(now: Double) -> (leads: Bool, changed: Bool) {
        let before = isLeader
        if isLeader, now - renewed < duration / 3 { return (true, false) }
        // After a failed attempt the store is not asked again for a while: an unreachable
        // server would otherwise cost a connection attempt at every window.
        if now < retryAfter {
            isLeader = isLeader && now < renewed + duration * 2 / 3
            return (isLeader, isLeader != before)
        }
        do {
            isLeader = try store.acquireLease(Self.name, holder: holder, now: now, duration: duration)
            if isLeader { renewed = now }
        } catch {
            retryAfter = now + duration / 6
            // The store is unreachable: lead only while the lease already held lasts, with a
            // margin, since another sentinel may take it the moment it ends.
            isLeader = isLeader && now < renewed + duration * 2 / 3
        }
        return (isLeader, isLeader != before)
    }

    /// Gives the lease up (a clean stop), so another sentinel leads at once.
    package func release() {
        guard isLeader else { return }
        try? store.releaseLease(Self.name, holder: holder)
        isLeader = false
    }
}
