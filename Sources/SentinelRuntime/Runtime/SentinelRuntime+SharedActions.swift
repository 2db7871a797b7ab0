import Foundation
import SentinelCore
import SentinelPlanner
import SentinelStore

/// Blocks and rate limits as the fleet's desired state: the planning sentinel publishes each
/// one it enforces in the store, and every sentinel — the planner's own included, after a
/// restart — applies the ones it has not applied yet to its own gateway, until they expire.
/// A block decided from one sensor's evidence so protects every gateway of the fleet.
extension SentinelRuntime {
    /// How often the store's shared blocks and limits are read, seconds.
    static let sharedActionInterval = 2.0

    /// Publishes an enforced block or rate limit (other kinds are local: scaling and server
    /// states act on shared backends already).
    func publishShared(_ action: PlannedAction) {
        guard let shared = Self.shared(action, decidedBy: host) else { return }
        appliedShared[shared.id] = shared.expires
        record { [self] in try database.publish(shared) }
    }

    /// The desired-state row of a block or rate limit, or nil for other kinds.
    static func shared(_ action: PlannedAction, decidedBy host: String) -> SharedSourceAction? {
        guard let ttl = action.action.timeToLive else { return nil }
        switch action.kind {
        case let .block(source):
            return SharedSourceAction(
                id: action.id, kind: action.kind.typeName, source: source.description, created: action.time,
                expires: action.time + ttl, decidedBy: host)
        case let .rateLimit(source, rate):
            return SharedSourceAction(
                id: action.id, kind: action.kind.typeName, source: source.description, requestsPerSecond: rate,
                created: action.time, expires: action.time + ttl, decidedBy: host)
        default:
            return nil
        }
    }

    /// Applies to this sentinel's gateway every shared block and limit it has not applied yet,
    /// for the rest of its time-to-live; each is stored as this sensor's action
    /// (`ID@SENSOR`, rule `fleet-shared`) with its outcome.
    func reconcileShared(now: Double) {
        guard let enforcement else { return }
        let active: [SharedSourceAction]
        do {
            active = try database.activeSharedActions(now: now)
        } catch {
            if summary.warnings.count < 100, !summary.warnings.contains("\(error)") { summary.warnings.append("\(error)") }
            return
        }
        for (id, expires) in appliedShared where expires <= now { appliedShared[id] = nil }
        for shared in active where appliedShared[shared.id] == nil {
            appliedShared[shared.id] = shared.expires
            let local = Self.localAction(for: shared, sensor: host, now: now)
            guard let local else {
                summary.warnings.append("shared action \(shared.id): '\(shared.source)' is not an address or prefix")
                continue
            }
            let mapped = enforcement.gatewayAction(for: local)
            guard let gatewayAction = mapped.action else {
                record { [self] in
                    try database.insert(PlannerStage.stored(local, outcome: "not applied: \(mapped.missing ?? "no gateway")", sensor: host))
                }
                continue
            }
            logger.notice(
                "applying the fleet's \(shared.kind == "rate_limit" ? "rate limit" : "block") to this gateway",
                metadata: [
                    "source": "\(shared.source)", "decided_by": "\(shared.decidedBy)", "action": "\(shared.id)",
                    "ttl_s": "\(Int((shared.expires - now).rounded()))",
                ])
            record { [self] in try database.insert(PlannerStage.stored(local, outcome: "pending", sensor: host)) }
            enforcement.submit(gatewayAction, actionID: local.id)
        }
    }

    /// This sensor's application of a shared block or limit, for the time it has left.
    static func localAction(for shared: SharedSourceAction, sensor: String, now: Double) -> PlannedAction? {
        guard let source = try? SourcePrefix(shared.source) else { return nil }
        let ttl = shared.expires - now
        let kind: Action.Kind =
            shared.kind == "rate_limit" ? .rateLimit(source, requestsPerSecond: shared.requestsPerSecond ?? 1) : .block(source)
        return PlannedAction(
            action: Action(unchecked: "\(shared.id)@\(sensor)", kind: kind, timeToLive: ttl), time: now, mode: .enforce,
            rule: "fleet-shared",
            inputs: ["expires": shared.expires],
            explanation:
                "\(shared.kind) of \(shared.source) decided by \(shared.decidedBy)'s planner (\(shared.id)), applied to this gateway until it expires"
        )
    }
}

extension SentinelRuntime {
    /// On becoming the fleet's planner (or starting again): takes over from the store the
    /// replicas the last scale action set (applied, in enforce mode) and when, so the cooldown
    /// and the scale-down stabilisation go on, and the shared blocks and limits still active,
    /// so they are lifted at their time and count against the budget.
    func resumePlannerState(_ stage: inout PlannerStage, now: Double) {
        let mode = configuration.planner?.policy.mode.rawValue ?? ""
        var replicas: Int?
        var changedAt = -Double.infinity
        do {
            for action in try database.recentActions(limit: 500)
            where action.kind == "scale" && action.mode == mode && (mode != "enforce" || action.outcome?.hasPrefix("applied") == true) {
                if let to = Self.scaledTo(action.parameters) {
                    (replicas, changedAt) = (to, action.time)
                    break
                }
            }
            let sources = try database.activeSharedActions(now: now).compactMap { shared in
                (try? SourcePrefix(shared.source)).map { ($0, until: shared.expires, rateLimited: shared.kind == "rate_limit") }
            }
            stage.adopt(replicas: replicas, changedAt: changedAt, sources: sources)
            summary.plannerResumes += 1
            if replicas != nil || !sources.isEmpty {
                logger.notice(
                    "planner took over the stored state",
                    metadata: ["replicas": "\(replicas.map(String.init) ?? "-")", "shared_blocks": "\(sources.count)"])
            }
        } catch {
            if summary.warnings.count < 100 { summary.warnings.append("\(error); the planner starts from its own memory") }
        }
    }

    /// The `to` of a stored scale action's parameters (`{"scale":{"from":1,"target":"web","to":3}}`).
    static func scaledTo(_ parameters: String) -> Int? {
        let object = try? JSONSerialization.jsonObject(with: Data(parameters.utf8)) as? [String: Any]
        return (object?["scale"] as? [String: Any])?["to"] as? Int
    }
}
