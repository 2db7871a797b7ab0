import SentinelCore

/// The protecting half of the planner: which sources are blocked or limited until when, and
/// the budget (actions per minute, sources at once) that no attack can make it exceed.
struct SourceGuard: Sendable {
    let policy: ProtectPolicy
    /// Active blocks and limits: source → expiry time.
    private(set) var active: [SourcePrefix: Double] = [:]
    /// The active sources that are rate-limited rather than blocked.
    private var limited: Set<SourcePrefix> = []
    private var started: [Double] = []

    init(policy: ProtectPolicy) { self.policy = policy }

    /// Blocks and limits whose time-to-live ended by `time`, removed, each with the lift that
    /// ends it (``Action/Kind/unblock(_:)`` or ``Action/Kind/liftRateLimit(_:)``).
    mutating func expire(at time: Double) -> [(source: SourcePrefix, lift: Action.Kind)] {
        let ended = active.filter { $0.value <= time }.map(\.key).sorted()
        for source in ended { active[source] = nil }
        return ended.map { ($0, limited.remove($0) == nil ? .unblock($0) : .liftRateLimit($0)) }
    }

    /// Takes over a block (or, when `rateLimited`, a limit) decided elsewhere (another planner
    /// of the fleet), until `until`.
    mutating func adopt(_ source: SourcePrefix, until: Double, rateLimited: Bool) {
        active[source] = max(active[source] ?? until, until)
        if rateLimited { limited.insert(source) } else { limited.remove(source) }
    }

    /// The sources to act on for a window's offenders, and what was left out and why; they
    /// count as rate-limited when `rateLimiting`, as blocked otherwise.
    mutating func select(offenders: [String], time: Double, rateLimiting: Bool) -> (sources: [SourcePrefix], notes: [String]) {
        var notes: [String] = []
        var addresses: [SourcePrefix] = []
        for text in offenders {
            guard let address = try? SourcePrefix(text) else {
                notes.append("offender '\(text)' is not an address")
                continue
            }
            addresses.append(address)
        }
        // Spread sources: one prefix for many offenders sharing a /24 (IPv6 /64).
        var groups: [SourcePrefix: [SourcePrefix]] = [:]
        for address in addresses { groups[address.widened(to: address.isIPv6 ? 64 : 24), default: []].append(address) }
        var candidates: [SourcePrefix] = []
        for (prefix, members) in groups.sorted(by: { $0.key < $1.key }) {
            if members.count >= policy.prefixThreshold { candidates.append(prefix) } else { candidates += members }
        }
        var chosen: [SourcePrefix] = []
        started.removeAll { $0 <= time - 60 }
        for source in candidates {
            if policy.isAllowed(source) {
                notes.append("\(source) is allow-listed: never blocked")
                continue
            }
            if active.keys.contains(where: { $0.contains(source) }) { continue }
            guard started.count < policy.maxActionsPerMinute else {
                notes.append("\(source) left alone: budget of \(policy.maxActionsPerMinute) actions per minute spent")
                continue
            }
            guard active.count < policy.maxBlockedSources else {
                notes.append("\(source) left alone: \(policy.maxBlockedSources) sources already blocked")
                continue
            }
            active[source] = time + policy.ttl
            if rateLimiting { limited.insert(source) }
            started.append(time)
            chosen.append(source)
        }
        return (chosen, notes)
    }
}
