import SentinelCore

/// Something an ``Enforcer`` did, for logs, the store and alerts.
public struct EnforcerEvent: Sendable, Equatable, CustomStringConvertible {
    /// What happened.
    public enum Kind: Sendable, Equatable, CustomStringConvertible {
        /// The action is in place (first time, a refresh, or after a retry).
        case applied
        /// The attempt failed; it is tried again at this time.
        case retryScheduled(at: Double)
        /// The attempt failed and will not be tried again (attempts used up, or a failure that cannot pass).
        case gaveUp
        /// A change was lifted (its TTL expired, or a lift action was applied).
        case lifted
        /// Lifting failed; it is tried again at this time (lifts are retried until they succeed).
        case liftRetryScheduled(at: Double)
        /// Part of a batch that failed: this already-applied change was undone.
        case rolledBack
        /// Undoing a change of a failed batch failed too (it stays recorded and is lifted by ``Enforcer/tick(now:)``).
        case rollbackFailed

        public var description: String {
            switch self {
            case .applied: return "applied"
            case let .retryScheduled(at): return "retry at \(at.formatted)"
            case .gaveUp: return "gave up"
            case .lifted: return "lifted"
            case let .liftRetryScheduled(at): return "lift retry at \(at.formatted)"
            case .rolledBack: return "rolled back"
            case .rollbackFailed: return "rollback failed"
            }
        }
    }

    /// The action concerned (for a lift, the lifting action).
    public var action: Action
    /// What happened.
    public var kind: Kind
    /// The gateway's report of the attempt.
    public var outcome: GatewayOutcome
    /// Attempts made so far for this action.
    public var attempts: Int

    public var description: String { "\(action): \(kind) (\(outcome))" }
}
