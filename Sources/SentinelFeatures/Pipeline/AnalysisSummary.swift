import SentinelCapture
import SentinelFeatures

/// Totals of one analysis: what was read, what was damaged, what the traffic was made of.
public struct AnalysisSummary: Sendable {
    /// The inputs (file paths or interface names).
    public var sources: [String] = []
    /// Frames read from the capture.
    public var frames: UInt64 = 0
    /// Frames decoded as IP packets.
    public var ipPackets: UInt64 = 0
    /// Well-formed frames that carry no IP (ARP, STP, …).
    public var nonIPFrames: UInt64 = 0
    /// Wire bytes of all frames.
    public var bytes: UInt64 = 0
    /// Damaged frames by reason (capture records that could not be read included).
    public var malformed: [MalformedReason: UInt64] = [:]
    /// IP packets by transport protocol name.
    public var protocols: [String: UInt64] = [:]
    /// Timestamp of the earliest and latest frame, seconds since the epoch.
    public var firstTimestamp: Double?
    /// Timestamp of the latest frame.
    public var lastTimestamp: Double?
    /// Flow table totals.
    public var flows = FlowTable.Counters()
    /// Heaviest sources over the whole capture.
    public var topTalkers: [Talker] = []
    /// Windows emitted.
    public var windows = 0
    /// Window length in seconds.
    public var windowLength: Double = 1
    /// Forward clock jumps skipped.
    public var clockJumps = 0
    /// Packets older than the open window (clock went backwards).
    public var latePackets: UInt64 = 0
    /// Capture counters (live drops, unreadable records).
    public var capture = CaptureStatistics()
    /// Problems that did not stop the analysis, each naming its file and packet.
    public var warnings: [String] = []

    /// Total damaged frames.
    public var malformedTotal: UInt64 { malformed.values.reduce(0, +) }

    /// Seconds between the first and last frame.
    public var duration: Double {
        guard let first = firstTimestamp, let last = lastTimestamp else { return 0 }
        return max(0, last - first)
    }

    /// Creates an empty summary.
    public init() {}
}
