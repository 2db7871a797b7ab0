import SentinelCore

/// A change an ``Enforcer`` holds in place, with what undoes it and when it expires.
public struct EnforcedChange: Sendable, Equatable, CustomStringConvertible {
    /// The action in place (the latest one for its target).
    public internal(set) var action: Action
    /// What restores the state from before the first action on this target, if known.
    public internal(set) var undo: Action.Kind?
    /// When it was first applied, seconds (the caller's clock).
    public internal(set) var appliedAt: Double
    /// When it is lifted, or `nil` to keep it.
    public internal(set) var expiresAt: Double?
    /// Failed attempts to lift it so far.
    public internal(set) var liftFailures = 0
    /// When the next lift attempt is due after a failed one.
    public internal(set) var nextLiftAttempt: Double?
    /// Application order (rollback runs backwards).
    var sequence: Int

    public var description: String {
        "\(action.kind)" + (expiresAt.map { " until \($0.formatted)" } ?? "")
    }
}
