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
    /// Capacity ready to serve during each row (ready replicas × capacity per replica).
    public var readyCapacity: [Double] = []
    /// Load admitted per row: legitimate load not blocked plus attack load not blocked.
    public var admittedLoad: [Double] = []
    /// Attack load admitted per row.
    public var admittedAttack: [Double] = []
    /// The actions in the order taken (each at its window's end; the reactive HPA's are
    /// scale actions only).
    public var plannedActions: [PlannedAction] = []
    /// The forecasting planner's one-step-ahead forecast of each row's legitimate load (nil
    /// for the first row); empty for the reactive HPA, which does not forecast, and unless
    /// ``TraceSimulation/recordsForecast`` is set.
    public var forecast: [RowForecast?] = []
}
