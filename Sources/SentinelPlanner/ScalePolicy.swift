/// How the planner sizes a service: the Kubernetes HPA rule applied to forecast load.
///
/// Desired replicas = ⌈forecast load ÷ (capacity per replica × target utilisation)⌉, kept
/// within `minReplicas…maxReplicas`; no change while the ratio of forecast to target
/// capacity is within `tolerance` of 1. A rise is followed at once (after
/// `scaleUpStabilization`), a fall only once every recommendation of the last
/// `scaleDownStabilization` seconds agrees (the highest of them is used), as the HPA does.
package struct ScalePolicy: Sendable, Equatable {
    /// What to scale (a deployment or backend name, for the gateway).
    package var target: String
    /// Load one replica serves at 100 % (requests/s or packets/s, the series' unit).
    package var capacityPerReplica: Double
    /// Utilisation to size for (0 < u ≤ 1; HPA-style default 0.7).
    package var targetUtilization: Double = 0.7
    /// Ratio band around 1 in which nothing changes (HPA default 0.1).
    package var tolerance: Double = 0.1
    /// Fewest replicas.
    package var minReplicas: Int = 1
    /// Most replicas.
    package var maxReplicas: Int = 10
    /// Seconds of recommendations a scale-up looks back over (the lowest wins; 0: at once).
    package var scaleUpStabilization: Double = 0
    /// Seconds of recommendations a scale-down looks back over (the highest wins).
    package var scaleDownStabilization: Double = 300
    /// Windows ahead the forecast looks (capacity should arrive before the load).
    package var horizon: Int = 5
    /// Seconds after a scale action before another.
    package var cooldown: Double = 0

    /// Creates a policy.
    package init(target: String, capacityPerReplica: Double) {
        self.target = target
        self.capacityPerReplica = capacityPerReplica
    }

    /// The replicas the HPA rule asks for to serve `load` now running `current`.
    package func desiredReplicas(load: Double, current: Int) -> Int {
        let perReplica = capacityPerReplica * targetUtilization
        guard perReplica > 0, load.isFinite else { return current }
        let ratio = load / (Double(max(current, 1)) * perReplica)
        if current > 0, abs(ratio - 1) <= tolerance { return clamp(current) }
        return clamp(Int((load / perReplica).rounded(.up)))
    }

    /// `replicas` kept within the bounds.
    package func clamp(_ replicas: Int) -> Int { min(maxReplicas, max(minReplicas, replicas)) }
}
