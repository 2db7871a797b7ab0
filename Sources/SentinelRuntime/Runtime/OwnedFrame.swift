import SentinelCapture

/// A captured frame whose bytes are copied out of libpcap's buffer, so it can cross from the
/// capture thread to the analysis thread.
struct OwnedFrame: Sendable {
    var timestamp: Double
    var wireLength: Int
    var linkType: LinkType
    var bytes: [UInt8]
}
