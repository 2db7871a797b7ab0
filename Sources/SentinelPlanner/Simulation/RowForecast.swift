/// The planner's one-step-ahead forecast of one trace row's legitimate load, with its 95 %
/// prediction interval.
package struct RowForecast: Sendable, Equatable, Codable {
    /// The forecast load.
    package var value: Double
    /// The interval's low end (`value − 1.96σ`, not below 0), nil while σ is unknown.
    package var lower: Double?
    /// The interval's high end (`value + 1.96σ`), nil while σ is unknown.
    package var upper: Double?
    /// True when the method was fitted; false while the history is too short for it and the
    /// forecast is the last legitimate load.
    package var fitted: Bool

    /// Creates a forecast from its value and the standard deviation of its residuals.
    package init(value: Double, sigma: Double?, fitted: Bool) {
        self.value = value
        if let sigma, sigma.isFinite {
            lower = max(0, value - 1.96 * sigma)
            upper = value + 1.96 * sigma
        }
        self.fitted = fitted
    }
}
