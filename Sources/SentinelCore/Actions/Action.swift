/// One change for a gateway to carry out: what to do (``Kind``), an identifier, and an
/// optional time-to-live after which an ``Enforcer`` lifts it again.
///
/// The JSON form (what the HTTP controller and exec adapters send) is flat, with `type`
/// naming the kind and snake-case fields:
///
/// ```json
/// {"id":"a-17","type":"block","source":"203.0.113.0/24","ttl":600}
/// {"id":"a-18","type":"rate_limit","source":"198.51.100.7","requests_per_second":10}
/// {"id":"a-19","type":"unblock","source":"203.0.113.0/24"}
/// {"id":"a-20","type":"lift_rate_limit","source":"198.51.100.7"}
/// {"id":"a-21","type":"set_server_state","backend":"web","server":"s1","state":"drain"}
/// {"id":"a-22","type":"set_server_weight","backend":"web","server":"s1","weight":10}
/// {"id":"a-23","type":"scale","deployment":"api","namespace":"prod","replicas":4}
/// ```
public struct Action: Sendable, Hashable, CustomStringConvertible {
    /// What an action does.
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        /// Refuse every request from the source (HTTP 403 at a proxy).
        case block(SourcePrefix)
        /// Allow the source at most this many requests per second (HTTP 429 beyond).
        case rateLimit(SourcePrefix, requestsPerSecond: Double)
        /// Lift a ``block(_:)`` of exactly this source.
        case unblock(SourcePrefix)
        /// Lift a ``rateLimit(_:requestsPerSecond:)`` of exactly this source.
        case liftRateLimit(SourcePrefix)
        /// Set a backend server's administrative state.
        case setServerState(BackendServer, ServerState)
        /// Set a backend server's weight (0…256; 0 takes it out of the balancing).
        case setServerWeight(BackendServer, weight: Int)
        /// Scale a deployment to this many replicas (the gateway clamps to its min/max).
        case scale(DeploymentReference, replicas: Int)

        /// The JSON `type` names, in declaration order.
        public static let typeNames = [
            "block", "rate_limit", "unblock", "lift_rate_limit", "set_server_state",
            "set_server_weight", "scale",
        ]

        /// The JSON `type` of this kind.
        public var typeName: String {
            switch self {
            case .block: return "block"
            case .rateLimit: return "rate_limit"
            case .unblock: return "unblock"
            case .liftRateLimit: return "lift_rate_limit"
            case .setServerState: return "set_server_state"
            case .setServerWeight: return "set_server_weight"
            case .scale: return "scale"
            }
        }

        /// What the action changes: two kinds with the same target overwrite each other
        /// (a block and its unblock share one; so do a rate limit and its lift).
        public var target: String {
            switch self {
            case let .block(source), let .unblock(source): return "block \(source)"
            case let .rateLimit(source, _), let .liftRateLimit(source): return "rate-limit \(source)"
            case let .setServerState(server, _): return "state \(server)"
            case let .setServerWeight(server, _): return "weight \(server)"
            case let .scale(deployment, _): return "replicas \(deployment)"
            }
        }

        /// Whether this kind only undoes another (``unblock(_:)``, ``liftRateLimit(_:)``).
        public var isLift: Bool {
            switch self {
            case .unblock, .liftRateLimit: return true
            default: return false
            }
        }

        /// The kind that undoes this one when that needs no knowledge of the state before it
        /// (block ↔ unblock, rate limit → lift). Server state, weight and replicas need the
        /// previous value, which the adapter reports in ``GatewayOutcome/applied(detail:undo:)``.
        public var inverse: Kind? {
            switch self {
            case let .block(source): return .unblock(source)
            case let .rateLimit(source, _): return .liftRateLimit(source)
            case .unblock, .liftRateLimit, .setServerState, .setServerWeight, .scale: return nil
            }
        }

        /// Checks the numbers (names and sources are checked when they are made).
        public func validate() throws(ActionError) {
            switch self {
            case let .rateLimit(_, rate) where !(rate.isFinite && rate > 0):
                throw .outOfRange(field: "requests_per_second", value: "\(rate)")
            case let .setServerWeight(_, weight) where !(0...256).contains(weight):
                throw .outOfRange(field: "weight", value: "\(weight)")
            case let .scale(_, replicas) where replicas < 0:
                throw .outOfRange(field: "replicas", value: "\(replicas)")
            default: return
            }
        }

        public var description: String {
            switch self {
            case let .block(source): return "block \(source)"
            case let .rateLimit(source, rate): return "rate-limit \(source) to \(rate.formatted) req/s"
            case let .unblock(source): return "unblock \(source)"
            case let .liftRateLimit(source): return "lift rate limit of \(source)"
            case let .setServerState(server, state): return "set \(server) state \(state)"
            case let .setServerWeight(server, weight): return "set \(server) weight \(weight)"
            case let .scale(deployment, replicas): return "scale \(deployment) to \(replicas) replicas"
            }
        }
    }

    /// Identifies the action (the planner's decision id; `webhook-id` when sent to a controller).
    public var id: String
    /// What to do.
    public var kind: Kind
    /// Seconds after which the change is lifted, or `nil` to keep it until told otherwise.
    public var timeToLive: Double?

    /// Creates an action.
    /// - Throws: ``ActionError/outOfRange(field:value:)`` for a bad number or TTL.
    public init(id: String, kind: Kind, timeToLive: Double? = nil) throws(ActionError) {
        try kind.validate()
        if let timeToLive, !(timeToLive.isFinite && timeToLive > 0) {
            throw .outOfRange(field: "ttl", value: "\(timeToLive)")
        }
        self.id = id
        self.kind = kind
        self.timeToLive = timeToLive
    }

    /// An action made from parts already validated (the enforcer's lifts and undos).
    package init(unchecked id: String, kind: Kind, timeToLive: Double? = nil) {
        self.id = id
        self.kind = kind
        self.timeToLive = timeToLive
    }

    public var description: String {
        "\(id): \(kind)" + (timeToLive.map { " for \($0.formatted) s" } ?? "")
    }
}
