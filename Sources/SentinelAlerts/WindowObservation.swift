import SentinelCore

/// One classified window as the alerting layer sees it: plain values, no detection types.
public struct WindowObservation: Sendable, Equatable {
    /// Window start, seconds since 1970.
    public var start: Double
    /// Window end, seconds since 1970.
    public var end: Double
    /// The verdict's class name (`normal`, or an attack class such as `syn_flood`).
    public var className: String
    /// The verdict's probability for `className`, 0…1.
    public var confidence: Double
    /// What was observed: an interface, service or gateway name (for example `eth0`).
    public var target: String
    /// The sources most responsible, most responsible first.
    public var topOffenders: [String]
    /// The features that explain the verdict, by name.
    public var keyFeatures: [String: Double]

    /// Whether the verdict is an attack (anything but ``ClassLabel/normal``).
    public var isAttack: Bool { className != ClassLabel.normal }

    /// Creates an observation.
    public init(
        start: Double, end: Double, className: String, confidence: Double, target: String,
        topOffenders: [String] = [], keyFeatures: [String: Double] = [:]
    ) {
        self.start = start
        self.end = end
        self.className = className
        self.confidence = confidence
        self.target = target
        self.topOffenders = topOffenders
        self.keyFeatures = keyFeatures
    }
}
