import SentinelCore
import SentinelForecast

/// Replays a load trace through the forecaster and planner, and through a purely reactive HPA
/// in the same run, and scores both.
///
/// Model: new replicas serve after `provisioningDelay` rows (removed ones stop at once); a
/// row's admitted load above the ready capacity is an SLO violation. The attack of a trace
/// comes from one source, `198.51.100.1`, named by the row's verdict when it is an attack
/// class; once the planner blocks it, its load is dropped from the next row on until the block
/// is lifted. A row whose verdict names an attack while it carries no attack load is a false
/// positive: the named source is then a legitimate client carrying `falsePositiveShare` of
/// the legitimate load, and blocking it drops that load. The reactive baseline scales on the
/// load it measures now (attack included), with the same HPA rule, bounds and stabilisation,
/// and blocks nothing.
///
/// Besides the scores, each ``StrategyResult`` keeps per-row series (replicas, ready capacity,
/// admitted load) and the actions for plots; the planner's also keeps a one-step-ahead
/// forecast of each row's legitimate load with its prediction interval, made beside the
/// planner from its own history (``OneStepForecaster``) without changing its decisions, when
/// ``recordsForecast`` is set.
package struct TraceSimulation: Sendable {
    /// The planner's policy (its scale policy is required).
    package var policy: PlannerPolicy
    /// Rows before a requested replica serves.
    package var provisioningDelay: Int = 2
    /// Share of legitimate load a wrongly named source carries.
    package var falsePositiveShare: Double = 0.1
    /// Whether the planner's result keeps a one-step-ahead forecast per row (a second fit of
    /// the method per row: off by default, on for plots).
    package var recordsForecast = false
    /// The attack source of a trace.
    package static let attackSource = "198.51.100.1"

    /// Creates a simulation.
    package init(policy: PlannerPolicy, provisioningDelay: Int = 2) {
        self.policy = policy
        self.provisioningDelay = max(0, provisioningDelay)
    }

    /// Both strategies over `trace`: the forecasting planner first, the reactive HPA second.
    package func run(_ trace: LoadTrace, forecaster: any ForecastMethod) -> (planner: StrategyResult, reactive: StrategyResult) {
        guard let scale = policy.scale else {
            preconditionFailure("TraceSimulation needs a scale policy")
        }
        var planner = ResourcePlanner(policy: policy, forecaster: forecaster)
        var predictive = Tally(name: "forecast planner (\(forecaster.name))", scale: scale, delay: provisioningDelay)
        var blockedSources: Set<String> = []
        var oneStep = OneStepForecaster(method: forecaster, season: policy.season, step: trace.step)
        for row in trace.rows {
            if recordsForecast {
                predictive.result.forecast.append(oneStep.predict(history: planner.legitimateLoad))
                oneStep.observe(actual: row.legit)
            }
            let attackAdmitted = blockedSources.contains(Self.attackSource) ? 0 : row.attack
            let falsePositive = policy.attackClasses.contains(row.label) && row.attack == 0
            let legitimateBlocked = falsePositive && blockedSources.contains(Self.attackSource) ? row.legit * falsePositiveShare : 0
            predictive.record(
                legit: row.legit - legitimateBlocked, attack: attackAdmitted, legitimateBlocked: legitimateBlocked,
                step: trace.step)
            let window = PlannerWindow(
                start: row.time, end: row.time + trace.step, load: row.legit + attackAdmitted,
                className: row.label, confidence: 1,
                offenders: policy.attackClasses.contains(row.label) ? [Self.attackSource] : [])
            for action in planner.plan(window).actions {
                predictive.actions += 1
                predictive.result.plannedActions.append(action)
                switch action.kind {
                case let .scale(_, to): predictive.request(to)
                case let .block(source), let .rateLimit(source, _): blockedSources.insert(source.description)
                case let .unblock(source), let .liftRateLimit(source): blockedSources.remove(source.description)
                case .setServerState, .setServerWeight: break  // a trace has no backend servers
                }
            }
            predictive.advance()
        }

        var reactive = Tally(name: "reactive HPA", scale: scale, delay: provisioningDelay)
        var hpa = scale
        hpa.horizon = 0
        var baselinePolicy = PlannerPolicy()
        baselinePolicy.scale = hpa
        baselinePolicy.attackClasses = []
        var baseline = ResourcePlanner(policy: baselinePolicy, forecaster: SeasonalNaive())
        for row in trace.rows {
            reactive.record(legit: row.legit, attack: row.attack, legitimateBlocked: 0, step: trace.step)
            let window = PlannerWindow(start: row.time, end: row.time + trace.step, load: row.legit + row.attack)
            for action in baseline.plan(window).actions {
                reactive.actions += 1
                reactive.result.plannedActions.append(action)
                if case let .scale(_, to) = action.kind { reactive.request(to) }
            }
            reactive.advance()
        }
        return (predictive.result, reactive.result)
    }
}

/// Running scores of one strategy.
private struct Tally {
    let scale: ScalePolicy
    let delay: Int
    var result: StrategyResult
    var actions = 0
    /// Replicas requested, and the rows at which each request becomes ready.
    private var requested: Int
    private var ready: Int
    private var pending: [(readyIn: Int, replicas: Int)] = []

    init(name: String, scale: ScalePolicy, delay: Int) {
        self.scale = scale
        self.delay = delay
        requested = scale.minReplicas
        ready = scale.minReplicas
        result = StrategyResult(
            name: name, sloViolations: 0, replicaMinutes: 0, attackAdmitted: 0, legitimateBlocked: 0,
            peakReplicas: scale.minReplicas, actions: 0, replicas: [])
    }

    mutating func record(legit: Double, attack: Double, legitimateBlocked: Double, step: Double) {
        if legit + attack > Double(ready) * scale.capacityPerReplica * (1 + 1e-9) { result.sloViolations += 1 }
        result.replicaMinutes += Double(requested) * step / 60
        result.attackAdmitted += attack * step
        result.legitimateBlocked += legitimateBlocked * step
        result.replicas.append(requested)
        result.readyCapacity.append(Double(ready) * scale.capacityPerReplica)
        result.admittedLoad.append(legit + attack)
        result.admittedAttack.append(attack)
    }

    mutating func request(_ replicas: Int) {
        requested = replicas
        result.peakReplicas = max(result.peakReplicas, replicas)
        if replicas < ready {
            ready = replicas
            pending.removeAll()
        } else {
            pending.append((delay, replicas))
        }
        if delay == 0 { advance(ticking: false) }
    }

    mutating func advance(ticking: Bool = true) {
        if ticking { pending = pending.map { ($0.readyIn - 1, $0.replicas) } }
        for item in pending where item.readyIn <= 0 { ready = max(ready, min(item.replicas, requested)) }
        pending.removeAll { $0.readyIn <= 0 }
        result.actions = actions
    }
}
