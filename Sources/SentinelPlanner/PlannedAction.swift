import SentinelCore

/// One decision of the planner, explained: what, why (the rule and its inputs) and the effect
/// expected. In `dry-run` it is recorded and alerted only.
package struct PlannedAction: Sendable, Equatable, Codable {
    /// What to do.
    package enum Kind: Sendable, Equatable, Codable {
        /// Set the replicas of a service.
        case scale(target: String, from: Int, to: Int)
        /// Drop a source's (or prefix's) traffic for `ttl` seconds.
        case block(source: SourcePrefix, ttl: Double)
        /// Hold a source to `requestsPerSecond` for `ttl` seconds.
        case rateLimit(source: SourcePrefix, requestsPerSecond: Double, ttl: Double)
        /// End a block or limit (its time-to-live ran out).
        case lift(source: SourcePrefix)
        /// Set a backend server's state (`ready`, `drain`, `maint`): a circuit breaker.
        case serverState(backend: String, server: String, state: ServerState)
        /// Set a backend server's weight: a circuit breaker's probe or restore.
        case serverWeight(backend: String, server: String, weight: Int)
    }

    /// A unique identifier (`plan-<time>-<n>`).
    package var id: String
    /// When it was decided (the window's end).
    package var time: Double
    /// What to do.
    package var kind: Kind
    /// Dry-run or enforce.
    package var mode: PlannerMode
    /// The rule that fired (`hpa-forecast`, `block-attack-sources`, `ttl-expired`, …).
    package var rule: String
    /// The numbers the rule used.
    package var inputs: [String: Double]
    /// One sentence: why, and the effect expected.
    package var explanation: String

    /// Creates an action.
    package init(
        id: String, time: Double, kind: Kind, mode: PlannerMode, rule: String, inputs: [String: Double],
        explanation: String
    ) {
        self.id = id
        self.time = time
        self.kind = kind
        self.mode = mode
        self.rule = rule
        self.inputs = inputs
        self.explanation = explanation
    }

    /// A short name of the kind: `scale`, `block`, `rate-limit`, `lift`.
    package var kindName: String {
        switch kind {
        case .scale: return "scale"
        case .block: return "block"
        case .rateLimit: return "rate-limit"
        case .lift: return "lift"
        case .serverState: return "server-state"
        case .serverWeight: return "server-weight"
        }
    }

    /// What the action applies to (a service or a source).
    package var target: String {
        switch kind {
        case .scale(let target, _, _): return target
        case .block(let source, _), .rateLimit(let source, _, _), .lift(let source): return source.description
        case .serverState(let backend, let server, _), .serverWeight(let backend, let server, _): return backend + "/" + server
        }
    }
}
