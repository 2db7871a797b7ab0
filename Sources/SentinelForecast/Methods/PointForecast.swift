/// A method's forecast of the next steps, and what it fitted.
public struct PointForecast: Sendable, Equatable {
    /// One value per step ahead, the first is one step after the history.
    public var values: [Double]
    /// The standard deviation of the in-sample one-step errors, when the method has one.
    public var residualStandardDeviation: Double?
    /// What was fitted, for people: `AR(3)`, `additive damped α=0.31 …`.
    public var summary: String

    /// Creates a forecast.
    public init(values: [Double], residualStandardDeviation: Double? = nil, summary: String) {
        self.values = values
        self.residualStandardDeviation = residualStandardDeviation
        self.summary = summary
    }
}
