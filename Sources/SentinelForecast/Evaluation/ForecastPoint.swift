/// One forecast step with its prediction interval.
public struct ForecastPoint: Sendable, Equatable {
    /// The time forecast, seconds since 1970.
    public var time: Double
    /// Steps after the last point of the series (from 1).
    public var stepsAhead: Int
    /// The point forecast.
    public var value: Double
    /// The interval's lower end (never below 0: load is not negative).
    public var lower: Double
    /// The interval's upper end.
    public var upper: Double
}
