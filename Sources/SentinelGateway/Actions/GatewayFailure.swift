/// Why a gateway could not carry an action out. Adapters return it inside
/// ``GatewayOutcome/failed(_:)``; they never throw it.
public enum GatewayFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// This gateway cannot do this kind of action (nginx cannot set a server's state).
    case unsupported(gateway: String, action: String)
    /// The action itself is invalid.
    case invalidAction(String)
    /// The gateway's configuration is unusable (a missing token file, a bad URL).
    case misconfigured(String)
    /// The gateway could not be reached (connection refused, socket missing).
    case unreachable(String)
    /// No complete answer within the configured time.
    case timedOut(String)
    /// The gateway answered something that is not the expected protocol.
    case malformedResponse(String)
    /// The gateway understood and refused (unknown server, HTTP 4xx, a forbidden token).
    case rejected(String)
    /// The gateway failed in a way that may pass (HTTP 5xx, a reload that failed).
    case unavailable(String)
    /// A rendered configuration did not validate; the previous one was restored.
    case validationFailed(String)
    /// A command exited with a failure status.
    case commandFailed(String)

    /// Whether trying the same action again later may succeed.
    public var isRetryable: Bool {
        switch self {
        case .unreachable, .timedOut, .malformedResponse, .unavailable, .commandFailed: return true
        case .unsupported, .invalidAction, .misconfigured, .rejected, .validationFailed: return false
        }
    }

    public var description: String {
        switch self {
        case let .unsupported(gateway, action): return "\(gateway) cannot \(action)"
        case let .invalidAction(reason): return "invalid action: \(reason)"
        case let .misconfigured(reason): return "gateway misconfigured: \(reason)"
        case let .unreachable(reason): return "gateway unreachable: \(reason)"
        case let .timedOut(reason): return "gateway timed out: \(reason)"
        case let .malformedResponse(reason): return "gateway answered garbage: \(reason)"
        case let .rejected(reason): return "gateway refused: \(reason)"
        case let .unavailable(reason): return "gateway failed: \(reason)"
        case let .validationFailed(reason): return "configuration invalid, previous one restored: \(reason)"
        case let .commandFailed(reason): return "command failed: \(reason)"
        }
    }
}
