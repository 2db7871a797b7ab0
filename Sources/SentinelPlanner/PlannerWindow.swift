import SentinelCore

/// What the planner learns from one closed window: its load and its verdict.
package struct PlannerWindow: Sendable, Equatable {
    /// Window start, seconds since 1970.
    package var start: Double
    /// Window end.
    package var end: Double
    /// The load the window carried (the scaling series' unit, e.g. requests/s), or nil for a
    /// window of another source, which only brings its verdict and offenders.
    package var load: Double?
    /// The verdict class (`normal`, an attack or a degradation class).
    package var className: String
    /// The verdict's confidence.
    package var confidence: Double
    /// The sources the verdict names (top offenders), most active first.
    package var offenders: [String]
    /// Where the window comes from (a log path or an interface), for circuit breakers.
    package var source: String?

    /// Creates a window.
    package init(
        start: Double, end: Double, load: Double?, className: String = ClassLabel.normal, confidence: Double = 1,
        offenders: [String] = [], source: String? = nil
    ) {
        self.start = start
        self.end = end
        self.load = load
        self.className = className
        self.confidence = confidence
        self.offenders = offenders
        self.source = source
    }
}
