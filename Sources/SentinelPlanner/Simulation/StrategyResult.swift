/// How one scaling strategy did over a trace.
package struct StrategyResult: Sendable, Equatable, Encodable {
    /// The strategy's name.
    package var name: String
    /// Windows whose admitted load exceeded the ready capacity.
    package var sloViolations: Int
    /// Replica-minutes paid for (requested replicas × time).
    package var replicaMinutes: Double
    /// Attack requests that reached the service.
    package var attackAdmitted: Double
    /// Legitimate requests dropped by blocks.
    package var legitimateBlocked: Double
    /// Highest replica count asked for.
    package var peakReplicas: Int
    /// Actions taken (scale, block, limit, lift).
    package var actions: Int
    /// Replicas requested per row (for plots).
    package var replicas: [Int]
    /// Capacity ready to serve during each row (ready replicas × capacity per replica).
    package var readyCapacity: [Double] = []
    /// Load admitted per row: legitimate load not blocked plus attack load not blocked.
    package var admittedLoad: [Double] = []
    /// Attack load admitted per row.
    package var admittedAttack: [Double] = []
    /// The actions in the order taken (each at its window's end; the reactive HPA's are
    /// scale actions only).
    package var plannedActions: [PlannedAction] = []
    /// The forecasting planner's one-step-ahead forecast of each row's legitimate load (nil
    /// for the first row); empty for the reactive HPA, which does not forecast, and unless
    /// ``TraceSimulation/recordsForecast`` is set.
    package var forecast: [RowForecast?] = []
}
