/// One scored point of a series.
public struct AnomalyPoint: Sendable, Equatable {
    /// The point's time, seconds since 1970.
    public var time: Double
    /// The observed value.
    public var value: Double
    /// The one-step forecast made before seeing the value (nil during the warm-up).
    public var forecast: Double?
    /// The anomaly score in [0, 1]: `|e| / (|e| + w)` for the residual `e` and the
    /// interval half-width `w`, so 0.5 is the interval's edge; 0 during the warm-up.
    public var score: Double
    /// Whether the score reached the threshold.
    public var isAnomaly: Bool
}
