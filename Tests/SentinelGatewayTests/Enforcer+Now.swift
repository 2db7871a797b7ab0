import Foundation
import SentinelCore
import SentinelGateway

extension Enforcer {
    /// Applies a new action (`id`, `kind`, lasting `timeToLive` seconds when given) at the
    /// wall-clock time, as the planner does against a real gateway.
    func applyNow(_ id: String, _ kind: Action.Kind, timeToLive: Double? = nil) async throws -> EnforcerEvent {
        await apply(try Action(id: id, kind: kind, timeToLive: timeToLive), now: Date().timeIntervalSince1970)
    }
}
