import SentinelCore

/// What a gateway reports after an attempt.
public enum GatewayOutcome: Sendable, Equatable, CustomStringConvertible {
    /// Done. `detail` says what changed (for logs and alerts); `undo`, when known, is the
    /// kind that restores the state before (the previous server state, weight or replica
    /// count; the unblock of a block).
    case applied(detail: String, undo: Action.Kind?)
    /// Not done, and why. Nothing was left half-changed.
    case failed(GatewayFailure)

    /// Whether the action was carried out.
    public var succeeded: Bool {
        if case .applied = self { return true }
        return false
    }

    /// The failure, if any.
    public var failure: GatewayFailure? {
        if case let .failed(failure) = self { return failure }
        return nil
    }

    public var description: String {
        switch self {
        case let .applied(detail, _): return "applied: \(detail)"
        case let .failed(failure): return "failed: \(failure)"
        }
    }
}
