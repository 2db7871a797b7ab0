/// A run of attack windows of one class against one target.
public struct Incident: Sendable, Equatable, Codable {
    /// Unique identifier (a UUID string unless the tracker was given another generator).
    public var id: String
    /// The attack class.
    public var className: String
    /// The target the windows were observed on.
    public var target: String
    /// Start of the first attack window of the run, seconds since 1970.
    public var start: Double
    /// End of the last attack window, set when the incident is resolved.
    public var end: Double?
    /// Attack windows counted so far (including those before it opened).
    public var windows: Int
    /// The highest confidence seen in any of its windows.
    public var peakConfidence: Double
    /// Offending sources in order of first appearance, at most ``IncidentTracker/maxOffenders``.
    public var offenders: [String]
    /// Key features of the window with the highest confidence.
    public var keyFeatures: [String: Double]

    /// Creates an incident.
    public init(
        id: String, className: String, target: String, start: Double, end: Double? = nil,
        windows: Int, peakConfidence: Double, offenders: [String], keyFeatures: [String: Double]
    ) {
        self.id = id
        self.className = className
        self.target = target
        self.start = start
        self.end = end
        self.windows = windows
        self.peakConfidence = peakConfidence
        self.offenders = offenders
        self.keyFeatures = keyFeatures
    }
}
