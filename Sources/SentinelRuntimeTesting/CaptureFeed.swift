import SentinelCapture

/// One interface's capture file, read ahead by one frame so that the harness can queue the
/// frames stamped up to a time and no further.
struct CaptureFeed {
    let interface: String
    private let source: FilePacketSource
    /// The next frame not yet handed out, copied (the source reuses its buffer).
    private var pending: (timestamp: Double, wireLength: Int, linkType: LinkType, bytes: [UInt8])?

    init(interface: String, path: String) throws(RuntimeHarnessError) {
        self.interface = interface
        do {
            source = try FilePacketSource(paths: [path])
        } catch {
            throw .unreadableCapture(path: path, reason: "\(error)")
        }
        readAhead()
    }

    /// The time stamp of the next frame, or `nil` at the end of the file.
    var nextTimestamp: Double? { pending?.timestamp }

    /// Hands the next frame to `body` when it is stamped at or before `time`.
    /// - Returns: whether a frame was handed out.
    mutating func next(upTo time: Double, _ body: (CapturedFrame) -> Void) -> Bool {
        guard let frame = pending, frame.timestamp <= time else { return false }
        frame.bytes.withUnsafeBytes { bytes in
            body(CapturedFrame(timestamp: frame.timestamp, wireLength: frame.wireLength, bytes: bytes, linkType: frame.linkType))
        }
        readAhead()
        return true
    }

    private mutating func readAhead() {
        // A damaged record ends the file, as in `sentinel analyze` (the source counts it).
        guard case .frame(let frame) = try? source.read() else {
            pending = nil
            return
        }
        pending = (frame.timestamp, frame.wireLength, frame.linkType, Array(frame.bytes.bindMemory(to: UInt8.self)))
    }
}
