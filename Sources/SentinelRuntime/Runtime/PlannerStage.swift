import Foundation
import SentinelAlerts
import SentinelCore
import SentinelForecast
import SentinelPlanner
import SentinelStore

/// The planner inside `sentinel run`: every classified window goes in (the configured
/// source's windows with their load), the decisions come out stored, alerted and counted.
/// Actions are carried out only in `enforce` mode, by a gateway (none is wired yet: enforce
/// then records the action as not applied).
struct PlannerStage {
    /// The source whose load drives scaling.
    let source: String
    /// The servers read from the gateway's own configuration when this planner was made (allow-listed).
    let configuredUpstreams: [SourcePrefix]
    private var planner: ResourcePlanner

    /// A planner for `configuration`, or nil when the file has no `planner:` section.
    init?(configuration: SentinelConfiguration) {
        guard let settings = configuration.planner else { return nil }
        source = settings.source ?? configuration.logs.first?.path ?? configuration.capture.interfaces.first ?? ""
        let method = ForecastMethodKind(rawValue: settings.method)?.method ?? HoltWinters()
        // The host's own addresses and the gateway's upstreams (listed, and read from the
        // gateway's own configuration) join the allow-list: the gateway never blocks itself or
        // the servers it forwards to.
        var policy = settings.policy
        policy.protect.allowList += HostAddresses.current().filter { !policy.protect.isAllowed($0) }
        configuredUpstreams = configuration.gateway.configuredUpstreams().prefixes
        for upstream in configuration.gateway.upstreams + configuredUpstreams
        where !policy.protect.isAllowed(upstream) {
            policy.protect.allowList.append(upstream)
        }
        planner = ResourcePlanner(policy: policy, forecaster: method)
    }

    /// The decisions for one window of `source` carrying `load` (its packets/s or requests/s).
    mutating func decide(_ observation: WindowObservation, load: Double) -> [PlannedAction] {
        let window = PlannerWindow(
            start: observation.start, end: observation.end,
            load: observation.target == source ? load : nil,
            className: observation.className, confidence: observation.confidence,
            offenders: observation.topOffenders, source: observation.target)
        return planner.plan(window).actions
    }

    /// Follows a window without deciding (another sentinel plans): the forecast and the
    /// stabilisation windows stay current for a take-over.
    mutating func follow(_ observation: WindowObservation, load: Double) {
        guard observation.target == source else { return }
        planner.follow(
            PlannerWindow(
                start: observation.start, end: observation.end, load: load, className: observation.className,
                confidence: observation.confidence, offenders: [], source: observation.target))
    }

    /// Keeps the load history and forecast of `previous` (the planner before a reload) when
    /// both follow the same source.
    mutating func continueHistory(of previous: PlannerStage) {
        guard previous.source == source else { return }
        planner.continueHistory(of: previous.planner)
    }

    /// Windows in the forecast's load history.
    var historyCount: Int { planner.legitimateLoad.count }

    /// Takes over the replicas and the blocks and limits another planner (or this one before a
    /// restart) decided.
    mutating func adopt(replicas: Int?, changedAt time: Double, sources: [(SourcePrefix, until: Double, rateLimited: Bool)]) {
        if let replicas { planner.adopt(replicas: replicas, changedAt: time) }
        for (source, until, rateLimited) in sources { planner.adopt(source: source, until: until, rateLimited: rateLimited) }
    }

    /// Replicas the planner last asked for (nil without a scale policy).
    var replicas: Int? { planner.replicas }

    /// What the planner would tell a cluster's own autoscaler (KEDA, an HPA on external
    /// metrics): the replicas it wants (nil without a `scale` policy), the legitimate load of the
    /// last window of its source (attack traffic excluded), and the forecast of that load at
    /// the scaling horizon.
    mutating func gauges() -> (replicas: Int?, legitimateLoad: Double?, forecast: Double?) {
        // With a scale policy the decision just made has the forecast; reuse it.
        let forecast = planner.policy.scale == nil ? planner.forecast(1).last : planner.latestForecast?.last
        return (planner.replicas, planner.legitimateLoad.last, forecast)
    }

    /// The row the store keeps for an action, decided by the sentinel `sensor`.
    static func stored(_ action: PlannedAction, outcome: String, sensor: String = "") -> StoredAction {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let parameters = (try? encoder.encode(PlannedAction.Parameters(action))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return StoredAction(
            id: action.id, time: action.time, kind: action.kindName, target: action.target,
            parameters: parameters, mode: action.mode.rawValue, outcome: outcome,
            explanation: "\(action.rule): \(action.explanation)", sensor: sensor)
    }

    /// The alert announcing an action.
    static func alert(_ action: PlannedAction, observation: WindowObservation, taken: Bool, host: String, model: String) -> AlertEvent {
        AlertEvent(
            actionID: action.id, className: observation.className, target: action.target,
            confidence: observation.confidence, time: action.time,
            description: "\(action.kindName) \(action.target): \(action.explanation)", taken: taken, host: host,
            model: model, offenders: observation.topOffenders, keyFeatures: action.inputs)
    }
}
