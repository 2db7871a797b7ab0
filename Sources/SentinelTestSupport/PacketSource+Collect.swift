import SentinelCapture

/// A captured frame with its bytes copied out of libpcap's buffer, so it outlives the read.
public struct CopiedFrame: Sendable, Equatable {
    /// Capture time, seconds since the epoch.
    public var timestamp: Double
    /// Length on the wire.
    public var wireLength: Int
    /// The captured bytes.
    public var bytes: [UInt8]
    /// The link type of the source that delivered the frame.
    public var linkType: LinkType

    /// Copies `frame`.
    public init(_ frame: CapturedFrame) {
        timestamp = frame.timestamp
        wireLength = frame.wireLength
        bytes = Array(frame.bytes)
        linkType = frame.linkType
    }

    /// Decodes the frame with a decoder for its link type.
    public func decode() -> DecodeResult {
        decodeFrame(bytes, linkType: linkType, timestamp: timestamp, wireLength: wireLength)
    }
}

extension PacketSource {
    /// Reads until the source ends (or `limit` frames), copying every frame.
    /// Timeouts are skipped, so use it on file sources only.
    public func collectFrames(limit: Int = .max) throws -> [CopiedFrame] {
        var frames: [CopiedFrame] = []
        while frames.count < limit {
            switch try read() {
            case .frame(let frame): frames.append(CopiedFrame(frame))
            case .timeout: continue
            case .end: return frames
            }
        }
        return frames
    }
}

extension DecodeResult {
    /// The decoded packet when the result is ``DecodeResult/ip(_:)``. Its `bytes` are only
    /// valid while the decoded buffer is.
    public var packet: PacketView? {
        if case .ip(let view) = self { return view }
        return nil
    }

    /// The reason when the result is ``DecodeResult/malformed(_:)``.
    public var malformedReason: MalformedReason? {
        if case .malformed(let reason) = self { return reason }
        return nil
    }

    /// The EtherType when the result is ``DecodeResult/nonIP(etherType:)``.
    public var nonIPEtherType: UInt16? {
        if case .nonIP(let etherType) = self { return etherType }
        return nil
    }

    /// A short description for test messages: `ip`, `nonIP(0x0806)` or `malformed(reason)`.
    public var summary: String {
        switch self {
        case .ip(let view): return "ip(v\(view.ipVersion), proto \(view.ipProtocol))"
        case .nonIP(let etherType): return "nonIP(0x\(String(etherType, radix: 16)))"
        case .malformed(let reason): return "malformed(\(reason))"
        }
    }
}
