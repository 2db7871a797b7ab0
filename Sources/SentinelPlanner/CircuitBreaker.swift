import SentinelCore

/// A circuit breaker for one backend server whose degradation persists, driven by the
/// caller's observations (one per window: degraded or healthy).
///
/// ```
/// closed ──(failureThreshold degraded in a row)──► open: drain
/// open ──(openDuration elapsed)──► half-open: ready at probeWeight
/// half-open ──(degraded)──► open: drain
/// half-open ──(successThreshold healthy in a row)──► closed: weight back to normalWeight
/// ```
///
/// ``observe(degraded:now:)`` returns the action kinds to apply for a transition (none when
/// the state stays); the caller wraps them in ``Action``s and applies them.
package struct CircuitBreaker: Sendable, Equatable {
    /// Where the breaker is.
    package enum State: Sendable, Equatable, CustomStringConvertible {
        /// Traffic flows normally.
        case closed
        /// The server is drained, since this time.
        case open(since: Double)
        /// The server takes a trickle of traffic (low weight) to test it, since this time.
        case halfOpen(since: Double)

        package var description: String {
            switch self {
            case .closed: return "closed"
            case let .open(since): return "open since \(since.formatted)"
            case let .halfOpen(since): return "half-open since \(since.formatted)"
            }
        }
    }

    /// The thresholds.
    package struct Policy: Sendable, Equatable {
        /// Degraded observations in a row that open the breaker.
        package var failureThreshold: Int
        /// Seconds the breaker stays open before probing.
        package var openDuration: Double
        /// Healthy observations in a row, while half-open, that close it.
        package var successThreshold: Int
        /// The weight the server probes with.
        package var probeWeight: Int
        /// The weight restored when the breaker closes.
        package var normalWeight: Int

        /// Creates a policy (defaults: open after 3, stay open 30 s, close after 3, probe at weight 1, restore 100).
        package init(
            failureThreshold: Int = 3, openDuration: Double = 30, successThreshold: Int = 3,
            probeWeight: Int = 1, normalWeight: Int = 100
        ) {
            self.failureThreshold = max(1, failureThreshold)
            self.openDuration = openDuration.isFinite ? max(0, openDuration) : 30
            self.successThreshold = max(1, successThreshold)
            self.probeWeight = min(256, max(1, probeWeight))
            self.normalWeight = min(256, max(1, normalWeight))
        }
    }

    /// The server guarded.
    package let server: BackendServer
    /// The thresholds.
    package let policy: Policy
    /// Where the breaker is.
    package private(set) var state: State = .closed
    private var degradedInARow = 0
    private var healthyInARow = 0

    /// Creates a closed breaker.
    package init(server: BackendServer, policy: Policy = Policy()) {
        self.server = server
        self.policy = policy
    }

    /// Feeds one observation.
    /// - Parameters:
    ///   - degraded: whether the server looked degraded in this window.
    ///   - now: the observation's time, seconds.
    /// - Returns: the action kinds for the transition taken, in order (empty if none).
    package mutating func observe(degraded: Bool, now: Double) -> [Action.Kind] {
        switch state {
        case .closed:
            guard degraded else {
                degradedInARow = 0
                return []
            }
            degradedInARow += 1
            guard degradedInARow >= policy.failureThreshold else { return [] }
            return open(now: now)
        case let .open(since):
            guard now - since >= policy.openDuration else { return [] }
            state = .halfOpen(since: now)
            healthyInARow = 0
            return [.setServerWeight(server, weight: policy.probeWeight), .setServerState(server, .ready)]
        case .halfOpen:
            guard !degraded else { return open(now: now) }
            healthyInARow += 1
            guard healthyInARow >= policy.successThreshold else { return [] }
            state = .closed
            degradedInARow = 0
            return [.setServerWeight(server, weight: policy.normalWeight)]
        }
    }

    private mutating func open(now: Double) -> [Action.Kind] {
        state = .open(since: now)
        degradedInARow = 0
        healthyInARow = 0
        return [.setServerState(server, .drain)]
    }
}
