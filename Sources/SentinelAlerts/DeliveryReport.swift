/// What one delivery pass did, for logs and metrics.
public struct DeliveryReport: Sendable, Equatable {
    /// Items acknowledged with a 2xx status.
    public var delivered = 0
    /// Items whose attempt failed (rescheduled with backoff).
    public var failed = 0
    /// Due items left for the next pass because their webhook already failed in this one.
    public var deferred = 0
    /// What went wrong, one entry per failure.
    public var errors: [AlertsError] = []
    /// Each attempt of the pass, in order.
    public var outcomes: [DeliveryOutcome] = []

    /// An empty report.
    public init() {}
}
