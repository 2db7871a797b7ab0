import SentinelCapture

/// Decodes a test frame held in an array.
public func decodeFrame(
    _ bytes: [UInt8], linkType: LinkType = .ethernet, timestamp: Double = 1_700_000_000,
    wireLength: Int? = nil
) -> DecodeResult {
    bytes.withUnsafeBytes { buffer in
        PacketDecoder(linkType: linkType).decode(buffer, wireLength: wireLength ?? bytes.count, timestamp: timestamp)
    }
}

/// Calls `body` with a decoded `PacketView` of a well-formed test frame (fails otherwise).
public func withPacket<T>(
    _ bytes: [UInt8], linkType: LinkType = .ethernet, timestamp: Double = 1_700_000_000,
    _ body: (PacketView) -> T
) -> T? {
    bytes.withUnsafeBytes { buffer -> T? in
        guard
            case .ip(let view) = PacketDecoder(linkType: linkType)
                .decode(buffer, wireLength: bytes.count, timestamp: timestamp)
        else { return nil }
        return body(view)
    }
}
