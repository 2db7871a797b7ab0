/// One frame as the capture delivered it, before decoding.
///
/// `bytes` points into libpcap's buffer and stays valid only until the source reads again.
public struct CapturedFrame {
    /// Capture time, seconds since the Unix epoch.
    public var timestamp: Double
    /// Length on the wire in bytes.
    public var wireLength: Int
    /// The captured bytes.
    public var bytes: UnsafeRawBufferPointer
    /// The link type of the handle that captured the frame.
    public var linkType: LinkType

    /// Creates a frame.
    @inlinable
    public init(timestamp: Double, wireLength: Int, bytes: UnsafeRawBufferPointer, linkType: LinkType) {
        self.timestamp = timestamp
        self.wireLength = wireLength
        self.bytes = bytes
        self.linkType = linkType
    }
}

/// What a read from a ``PacketSource`` produced.
public enum ReadResult {
    /// A frame.
    case frame(CapturedFrame)
    /// No frame arrived within the read timeout (live captures only).
    case timeout
    /// The source is exhausted (files) or was stopped.
    case end
}

/// Counters a capture reports about itself (`pcap_stats` for live captures).
public struct CaptureStatistics: Sendable, Equatable {
    /// Packets received by the filter.
    public var received: UInt64 = 0
    /// Packets dropped because the kernel buffer was full.
    public var droppedByKernel: UInt64 = 0
    /// Packets dropped by the interface or its driver.
    public var droppedByInterface: UInt64 = 0
    /// Capture records that could not be read (file cut mid-packet, impossible length).
    public var unreadableRecords: UInt64 = 0

    public init() {}
}

/// A source of captured frames: capture files or a live interface.
public protocol PacketSource: AnyObject {
    /// Reads the next frame. Throws only for failures that end the capture.
    func read() throws -> ReadResult
    /// Problems met so far that did not stop the capture (each names file and packet).
    var warnings: [String] { get }
    /// Counters so far.
    func statistics() -> CaptureStatistics
}
