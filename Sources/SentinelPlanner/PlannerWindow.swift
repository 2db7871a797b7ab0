import SentinelCore

/// What the planner learns from one closed window: its load and its verdict.
public struct PlannerWindow: Sendable, Equatable {
    /// Window start, seconds since 1970.
    public var start: Double
    /// Window end.
    public var end: Double
    /// The load the window carried (the scaling series' unit, e.g. requests/s), or nil for a
    /// window of another source, which only brings its verdict and offenders.
    public var load: Double?
    /// The verdict class (`normal`, an attack or a degradation class).
    public var className: String
    /// The verdict's confidence.
    public var confidence: Double
    /// The sources the verdict names (top offenders), most active first.
    public var offenders: [String]
    /// Where the window comes from (a log path or an interface), for circuit breakers.
    public var source: String?

    /// Creates a window.
    public init(start: Double, end: Double, load: Double?, className: String = ClassLabel.normal, confidence: Double = 1,
                offenders: [String] = [], source: String? = nil) {
        self.start = start
        self.end = end
        self.load = load
        self.className = className
        self.confidence = confidence
        self.offenders = offenders
        self.source = source
    }
}
