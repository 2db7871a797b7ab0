/// One closed window: its time span, features and heaviest sources.
public struct WindowRecord: Sendable {
    /// Start, seconds since the epoch (inclusive).
    public var start: Double
    /// End, seconds since the epoch (exclusive).
    public var end: Double
    /// Packets counted in the window.
    public var packets: UInt64
    /// The feature values.
    public var features: WindowFeatures
    /// Heaviest sources by packets, at most ``WindowAggregator/Configuration/topTalkers``.
    public var topTalkers: [Talker]

    /// Creates a record.
    public init(start: Double, end: Double, packets: UInt64, features: WindowFeatures, topTalkers: [Talker]) {
        self.start = start
        self.end = end
        self.packets = packets
        self.features = features
        self.topTalkers = topTalkers
    }
}
