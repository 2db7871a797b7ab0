/// The scaling half of the planner: the HPA rule on forecast load with stabilisation windows
/// and a cooldown. Holds the replicas it last asked for.
struct ScaleDecider: Sendable {
    let policy: ScalePolicy
    private(set) var replicas: Int
    private var recommendations: [(time: Double, replicas: Int)] = []
    private var lastChange = -Double.infinity

    init(policy: ScalePolicy, replicas: Int? = nil) {
        self.policy = policy
        self.replicas = policy.clamp(replicas ?? policy.minReplicas)
    }

    /// The scale action for `load` (the forecast peak over the horizon) at `time`, if any.
    mutating func decide(load: Double, time: Double) -> (to: Int, rule: String, inputs: [String: Double])? {
        let desired = recommend(load: load, time: time)
        let inputs: [String: Double] = [
            "forecast_load": load, "capacity_per_replica": policy.capacityPerReplica,
            "target_utilization": policy.targetUtilization, "current_replicas": Double(replicas), "desired_replicas": Double(desired),
        ]
        guard time - lastChange >= policy.cooldown else { return nil }
        var chosen = replicas
        var rule = ""
        if desired > replicas {
            // Up: the lowest recommendation of the up-window (at once when it is 0).
            chosen = recommendations.filter { $0.time >= time - policy.scaleUpStabilization }.map(\.replicas).min() ?? desired
            rule = "hpa-forecast-scale-up"
        } else if desired < replicas {
            // Down: only as far as every recommendation of the down-window allows.
            chosen = recommendations.filter { $0.time >= time - policy.scaleDownStabilization }.map(\.replicas).max() ?? desired
            rule = "hpa-forecast-scale-down"
        }
        chosen = policy.clamp(chosen)
        guard chosen != replicas else { return nil }
        replicas = chosen
        lastChange = time
        return (chosen, rule, inputs)
    }

    /// Records the replicas `load` asks for at `time` in the stabilisation windows, without
    /// deciding (a sentinel that does not plan keeps them, so it can take over).
    @discardableResult
    mutating func recommend(load: Double, time: Double) -> Int {
        let desired = policy.desiredReplicas(load: load, current: replicas)
        recommendations.append((time, desired))
        let keep = max(policy.scaleUpStabilization, policy.scaleDownStabilization)
        recommendations.removeAll { $0.time < time - keep }
        return desired
    }

    /// Takes over what another planner decided: `replicas` running since `time` (the cooldown
    /// counts from it).
    mutating func adopt(replicas: Int, changedAt time: Double) {
        self.replicas = policy.clamp(replicas)
        lastChange = max(lastChange, time)
    }
}
