import Foundation
import SentinelCore
import SentinelGateway

/// A gateway whose outcomes the test scripts; it records every action it is asked to apply.
final class ScriptedGateway: Gateway, @unchecked Sendable {
    let name = "scripted"
    private let lock = NSLock()
    private var script: [GatewayOutcome?]
    private var received: [Action] = []

    /// - Parameter outcomes: the outcomes of the first calls in order (`nil`: the default,
    ///   applied with the kind's inverse as undo); later calls get the default.
    init(_ outcomes: [GatewayOutcome?] = []) { script = outcomes }

    var actions: [Action] { lock.withLock { received } }

    func apply(_ action: Action) async -> GatewayOutcome {
        let scripted: GatewayOutcome? = lock.withLock {
            received.append(action)
            return script.isEmpty ? nil : script.removeFirst()
        }
        return scripted ?? .applied(detail: "ok", undo: action.kind.inverse)
    }
}
