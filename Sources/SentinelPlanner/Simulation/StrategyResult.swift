/// How one scaling strategy did over a trace.
public struct StrategyResult: Sendable, Equatable, Codable {
    /// The strategy's name.
    public var name: String
    /// Windows whose admitted load exceeded the ready capacity.
    public var sloViolations: Int
    /// Replica-minutes paid for (requested replicas × time).
    public var replicaMinutes: Double
    /// Attack requests that reached the service.
    public var attackAdmitted: Double
    /// Legitimate requests dropped by blocks.
    public var legitimateBlocked: Double
    /// Highest replica count asked for.
    public var peakReplicas: Int
    /// Actions taken (scale, block, limit, lift).
    public var actions: Int
    /// Replicas requested per row (for plots).
    public var replicas: [Int]
}
