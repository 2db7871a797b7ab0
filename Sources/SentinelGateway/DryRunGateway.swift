import Foundation
import SentinelCore

/// A gateway that changes nothing: it records each action and reports it applied (with the
/// inverse as undo). For `mode: dry-run` and for tests of code that drives gateways.
public final class DryRunGateway: Gateway, @unchecked Sendable {
    public let name: String
    private let lock = NSLock()
    private var recorded: [Action] = []

    /// Creates one.
    public init(name: String = "dry-run") { self.name = name }

    /// The actions received so far, in order.
    public var actions: [Action] {
        lock.withLock { recorded }
    }

    public func apply(_ action: Action) async -> GatewayOutcome {
        lock.withLock { recorded.append(action) }
        return .applied(detail: "dry run: would \(action.kind)", undo: action.kind.inverse)
    }
}
