import SentinelCore
import SentinelForecast

/// Turns each window's verdict and load, and a forecast of legitimate load, into explained
/// actions: scale, block, rate-limit, lift.
///
/// - **Never scale for attack load.** A window whose verdict is one of
///   ``PlannerPolicy/attackClasses`` contributes the forecast of its legitimate load (not its
///   measured load) to the series scaling reads; so a flood buys no servers, while a flash crowd
///   of legitimate clients (a `normal` verdict) does get capacity.
/// - **Scale** by the HPA rule on the peak of the forecast over ``ScalePolicy/horizon``
///   windows, with stabilisation windows and a cooldown (``ScalePolicy``).
/// - **Block or rate-limit** the sources an attack verdict names (``ProtectPolicy``), never an
///   allow-listed one, within the budget; each for a time-to-live, then lifted.
///
/// Until the forecaster has enough history, the forecast is the last legitimate load.
package struct ResourcePlanner: Sendable {
    /// The policy.
    package let policy: PlannerPolicy
    private let forecaster: any ForecastMethod
    private var scaler: ScaleDecider?
    private var guardian: SourceGuard
    private var breakers: [CircuitBreaker]
    private var history: [Double] = []
    private var step: Double = 1
    private var counter = 0
    /// Windows seen, and the forecast path made after window `cache.at` (values for windows
    /// `cache.at + 1…`).
    private var seen = 0
    private var cache: (at: Int, values: [Double])?
    /// Holt-Winters kept current window by window, and the windows it has learnt.
    private var online: (model: OnlineHoltWinters, seen: Int)?

    /// Creates a planner.
    /// - Parameters:
    ///   - forecaster: the forecasting method for legitimate load (Holt-Winters by default).
    ///   - replicas: replicas running now (default: the policy's minimum).
    package init(policy: PlannerPolicy, forecaster: any ForecastMethod = HoltWinters(), replicas: Int? = nil) {
        self.policy = policy
        self.forecaster = forecaster
        self.scaler = policy.scale.map { ScaleDecider(policy: $0, replicas: replicas) }
        self.guardian = SourceGuard(policy: policy.protect)
        self.breakers = policy.breakers.compactMap { breaker in
            (try? BackendServer(backend: breaker.backend, server: breaker.server)).map {
                CircuitBreaker(
                    server: $0,
                    policy: .init(
                        failureThreshold: breaker.failureThreshold, openDuration: breaker.openDuration,
                        successThreshold: breaker.successThreshold))
            }
        }
    }

    /// Replicas the planner last asked for (nil without a scale policy).
    package var replicas: Int? { scaler?.replicas }

    /// Sources blocked or limited now, with their expiry.
    package var activeSources: [(source: String, until: Double)] {
        guardian.active.sorted { $0.key < $1.key }.map { ($0.key.description, $0.value) }
    }

    /// The legitimate-load series the planner forecasts from (attack windows replaced).
    package var legitimateLoad: [Double] { history }

    /// The forecast path the last scaling decision used (`scale.horizon` windows ahead; nil
    /// without a scale policy or before the first window).
    package private(set) var latestForecast: [Double]?

    /// Decides on one closed window. Returns the actions, and notes on what was left undone
    /// and why (allow-list, budget).
    package mutating func plan(_ window: PlannerWindow) -> (actions: [PlannedAction], notes: [String]) {
        var actions: [PlannedAction] = []
        var notes: [String] = []
        let time = window.end
        step = max(window.end - window.start, 1e-3)
        for (source, lift) in guardian.expire(at: time) {
            actions.append(
                action(
                    time, lift, rule: "ttl-expired", inputs: [:],
                    "the block or limit on \(source) reached its time-to-live and is lifted"))
        }
        if let load = window.load { actions += scale(load: load, window: window, notes: &notes) }
        actions += protect(window, notes: &notes)
        actions += breakServers(window)
        return (actions, notes)
    }

    /// Feeds the window to the circuit breakers of its source.
    private mutating func breakServers(_ window: PlannerWindow) -> [PlannedAction] {
        guard let source = window.source else { return [] }
        var actions: [PlannedAction] = []
        for (index, breaker) in policy.breakers.enumerated() where breaker.source == source && index < breakers.count {
            let degraded = policy.degradationClasses.contains(window.className)
            let before = breakers[index].state
            for kind in breakers[index].observe(degraded: degraded, now: window.end) {
                let after = breakers[index].state
                let why = "circuit breaker on \(breaker.backend)/\(breaker.server) (judged by \(source)): \(before) → \(after)"
                switch kind {
                case let .setServerState(_, state):
                    actions.append(
                        action(
                            window.end, kind, rule: "circuit-breaker", inputs: ["confidence": window.confidence],
                            "\(why); the server is set to \(state.rawValue)"))
                case let .setServerWeight(_, weight):
                    actions.append(
                        action(
                            window.end, kind, rule: "circuit-breaker", inputs: ["weight": Double(weight)],
                            "\(why); the server's weight is set to \(weight)"))
                default: break
                }
            }
        }
        return actions
    }

    /// Adds the window's legitimate load to the history and decides on scaling.
    private mutating func scale(load: Double, window: PlannerWindow, notes: inout [String]) -> [PlannedAction] {
        let time = window.end
        let legitimate = learn(load: load, window: window, notes: &notes)
        var actions: [PlannedAction] = []
        if var scaler, let scale = policy.scale {
            let ahead = forecast(scale.horizon)
            latestForecast = ahead
            let peak = max(legitimate, ahead.max() ?? legitimate)
            let from = scaler.replicas
            if let decision = scaler.decide(load: peak, time: time) {
                var inputs = decision.inputs
                inputs["measured_load"] = load
                inputs["legitimate_load"] = legitimate
                let capacity = Double(decision.to) * scale.capacityPerReplica
                actions.append(
                    action(
                        time, .scale(DeploymentReference(unchecked: scale.target), replicas: decision.to), replicasBefore: from,
                        rule: decision.rule, inputs: inputs,
                        "forecast peak \(format(peak)) over the next \(scale.horizon) windows needs \(decision.to) replicas at "
                            + "\(Int(scale.targetUtilization * 100)) % of \(format(scale.capacityPerReplica)) each; "
                            + "capacity goes from \(format(Double(from) * scale.capacityPerReplica)) to \(format(capacity))"))
            }
            self.scaler = scaler
        }
        return actions
    }

    /// Adds the window's legitimate load to the history (an attack window's is the forecast's)
    /// and returns it.
    private mutating func learn(load: Double, window: PlannerWindow, notes: inout [String]) -> Double {
        let isAttack = policy.attackClasses.contains(window.className)
        let legitimate = isAttack ? (forecast(1).first ?? history.last ?? 0) : load
        if isAttack {
            notes.append(
                "\(window.className) window: its load \(format(load)) is left out of scaling; legitimate load taken as \(format(legitimate))"
            )
        }
        history.append(max(0, legitimate))
        seen += 1
        if history.count > policy.historyLimit { history.removeFirst(history.count - policy.historyLimit) }
        return legitimate
    }

    /// Follows a window without deciding anything: the legitimate-load history, the forecast
    /// and the scaling stabilisation windows stay current, so a sentinel that does not plan
    /// (another leads the fleet) can take over with them.
    package mutating func follow(_ window: PlannerWindow) {
        step = max(window.end - window.start, 1e-3)
        guard let load = window.load else { return }
        var notes: [String] = []
        let legitimate = learn(load: load, window: window, notes: &notes)
        if var scaler, let scale = policy.scale {
            let ahead = forecast(scale.horizon)
            latestForecast = ahead
            scaler.recommend(load: max(legitimate, ahead.max() ?? legitimate), time: window.end)
            self.scaler = scaler
        }
    }

    /// Takes over what `previous` learnt of the load (a reload's new planner keeps its
    /// forecast): the legitimate-load history (within this policy's ``PlannerPolicy/historyLimit``),
    /// the window length, the action counter, and the online Holt-Winters model when the season
    /// is unchanged. Replicas and sources are taken over with ``adopt(replicas:changedAt:)`` and
    /// ``adopt(source:until:rateLimited:)``.
    package mutating func continueHistory(of previous: ResourcePlanner) {
        history = Array(previous.history.suffix(max(1, policy.historyLimit)))
        step = previous.step
        seen = previous.seen
        counter = previous.counter
        cache = nil
        online = previous.policy.season == policy.season && history.count == previous.history.count ? previous.online : nil
        latestForecast = previous.latestForecast
    }

    /// Takes over the replicas another planner last set (at `time`: the cooldown counts from it).
    package mutating func adopt(replicas: Int, changedAt time: Double) {
        scaler?.adopt(replicas: replicas, changedAt: time)
    }

    /// Takes over a block (or, when `rateLimited`, a limit) another planner decided, until
    /// `until`: it is lifted then, and counts against the budget meanwhile.
    package mutating func adopt(source: SourcePrefix, until: Double, rateLimited: Bool = false) {
        guardian.adopt(source, until: until, rateLimited: rateLimited)
    }

    /// Blocks or limits the sources an attack verdict names.
    private mutating func protect(_ window: PlannerWindow, notes: inout [String]) -> [PlannedAction] {
        let time = window.end
        var actions: [PlannedAction] = []
        let response = policy.protect.response(to: window.className)
        if response != .none, !window.offenders.isEmpty {
            if window.confidence < policy.protect.minimumConfidence {
                notes.append(
                    "\(window.className) at confidence \(format(window.confidence)) is below \(format(policy.protect.minimumConfidence)): no \(response.rawValue)"
                )
            } else {
                let selection = guardian.select(offenders: window.offenders, time: time, rateLimiting: response == .rateLimit)
                notes += selection.notes
                let ttl = policy.protect.ttl
                for source in selection.sources {
                    let inputs = ["confidence": window.confidence, "ttl_s": ttl, "offenders": Double(window.offenders.count)]
                    if response == .block {
                        actions.append(
                            action(
                                time, .block(source), timeToLive: ttl, rule: "block-attack-sources",
                                inputs: inputs,
                                "\(window.className) (confidence \(format(window.confidence))) names \(source); "
                                    + "its traffic is dropped for \(format(ttl)) s"))
                    } else {
                        let rate = policy.protect.rateLimit
                        actions.append(
                            action(
                                time, .rateLimit(source, requestsPerSecond: rate), timeToLive: ttl,
                                rule: "rate-limit-attack-sources", inputs: inputs.merging(["rate_limit": rate]) { a, _ in a },
                                "\(window.className) (confidence \(format(window.confidence))) names \(source); "
                                    + "it is held to \(format(rate)) requests/s for \(format(ttl)) s"))
                    }
                }
            }
        }
        return actions
    }

    /// The forecast of legitimate load `horizon` windows ahead (the last value while the
    /// history is too short for the method). Holt-Winters learns every window in O(1) and
    /// refits its parameters every ``PlannerPolicy/refitEvery`` windows but at most once per
    /// season (at least 60 windows), or sooner when its one-step errors have grown fourfold;
    /// other methods refit every ``PlannerPolicy/refitEvery`` windows and in between read
    /// their last forecast path further along.
    package mutating func forecast(_ horizon: Int) -> [Double] {
        guard horizon > 0, let last = history.last else { return [] }
        let season = max(1, policy.season)
        if forecaster is HoltWinters {
            return onlineForecast(horizon, season: season) ?? [Double](repeating: last, count: horizon)
        }
        if let cache, seen - cache.at < policy.refitEvery, cache.values.count > seen - cache.at + horizon {
            let k = seen - cache.at
            return Array(cache.values[(k + 1)...(k + horizon)])
        }
        let length = horizon + max(1, policy.refitEvery)
        if history.count >= forecaster.minimumHistory(season: season),
            let point = try? forecaster.forecast(ForecastHistory(values: history, step: step, season: season), horizon: length),
            point.values.allSatisfy({ $0.isFinite })
        {
            let values = point.values.map { max(0, $0) }
            cache = (seen, [last] + values)
            return Array(values.prefix(horizon))
        }
        cache = nil
        return [Double](repeating: last, count: horizon)
    }

    private mutating func onlineForecast(_ horizon: Int, season: Int) -> [Double]? {
        if var current = online, seen - current.seen <= history.count {
            for value in history.suffix(seen - current.seen) { current.model.append(value) }
            current.seen = seen
            online = current
            let schedule = max(policy.refitEvery, season, 60)
            if current.model.appendedSinceFit < schedule, !current.model.hasDrifted {
                let values = current.model.forecast(horizon)
                if values.allSatisfy({ $0.isFinite }) { return values.map { max(0, $0) } }
            }
        }
        online = nil
        guard history.count >= forecaster.minimumHistory(season: season),
            let model = try? OnlineHoltWinters(history: history, season: season, horizon: horizon)
        else { return nil }
        online = (model, seen)
        let values = model.forecast(horizon)
        return values.allSatisfy({ $0.isFinite }) ? values.map { max(0, $0) } : nil
    }

    private mutating func action(
        _ time: Double, _ kind: Action.Kind, timeToLive: Double? = nil, replicasBefore: Int? = nil, rule: String,
        inputs: [String: Double], _ explanation: String
    ) -> PlannedAction {
        counter += 1
        return PlannedAction(
            action: Action(unchecked: "plan-\(Int(time))-\(counter)", kind: kind, timeToLive: timeToLive),
            replicasBefore: replicasBefore, time: time, mode: policy.mode, rule: rule, inputs: inputs, explanation: explanation)
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(format: "%.2f", value)
    }
}
