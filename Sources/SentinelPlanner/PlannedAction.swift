import SentinelCore

/// One decision of the planner, explained: what to do — an ``Action`` in the vocabulary the
/// gateways carry out — why (the rule and its inputs) and the effect expected. In `dry-run` it
/// is recorded and alerted only.
///
/// A block or rate limit carries its time-to-live; when that ends the planner decides the
/// ``Action/Kind/inverse`` (``Action/Kind/unblock(_:)`` or ``Action/Kind/liftRateLimit(_:)``),
/// which is recorded, not sent: the enforcer lifts its own changes at the same time. A scale
/// names the deployment without a namespace (the gateway's configuration holds it) and keeps
/// the replicas it starts from in ``replicasBefore``.
///
/// The planner makes its actions unchecked (``Action/init(unchecked:kind:timeToLive:)``):
/// they come from a checked policy, and whatever a gateway refuses (a scale target that is
/// not a Kubernetes name, say) is refused when the action is carried out, with the reason.
package struct PlannedAction: Sendable, Equatable {
    /// What to do: the identifier (`plan-<time>-<n>`), the kind and, for a block or rate
    /// limit, the time-to-live in seconds.
    package var action: Action
    /// The replicas a scale action starts from (nil for other kinds).
    package var replicasBefore: Int?
    /// When it was decided (the window's end).
    package var time: Double
    /// Dry-run or enforce.
    package var mode: PlannerMode
    /// The rule that fired (`hpa-forecast`, `block-attack-sources`, `ttl-expired`, …).
    package var rule: String
    /// The numbers the rule used.
    package var inputs: [String: Double]
    /// One sentence: why, and the effect expected.
    package var explanation: String

    /// Creates a planned action.
    package init(
        action: Action, replicasBefore: Int? = nil, time: Double, mode: PlannerMode, rule: String, inputs: [String: Double],
        explanation: String
    ) {
        self.action = action
        self.replicasBefore = replicasBefore
        self.time = time
        self.mode = mode
        self.rule = rule
        self.inputs = inputs
        self.explanation = explanation
    }

    /// The action's identifier.
    package var id: String { action.id }

    /// What to do.
    package var kind: Action.Kind { action.kind }

    /// A short name of the kind: `scale`, `block`, `rate-limit`, `lift` (of a block or a rate
    /// limit), `server-state`, `server-weight`.
    package var kindName: String {
        switch kind {
        case .scale: return "scale"
        case .block: return "block"
        case .rateLimit: return "rate-limit"
        case .unblock, .liftRateLimit: return "lift"
        case .setServerState: return "server-state"
        case .setServerWeight: return "server-weight"
        }
    }

    /// What the action applies to: a deployment, a source, or a backend server
    /// (`backend/server`).
    package var target: String {
        switch kind {
        case let .scale(deployment, _): return deployment.name
        case let .block(source), let .rateLimit(source, _), let .unblock(source), let .liftRateLimit(source): return source.description
        case let .setServerState(server, _), let .setServerWeight(server, _): return server.description
        }
    }
}
