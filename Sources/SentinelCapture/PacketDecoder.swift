/// Decodes captured frames of one link type into ``PacketView``s.
///
/// Every read is bounds-checked against the captured length; a frame that is too short or
/// inconsistent at any layer yields ``DecodeResult/malformed(_:)`` instead of a crash.
public struct PacketDecoder: Sendable {
    /// The link type of the frames this decoder reads.
    public let linkType: LinkType

    /// Creates a decoder for frames of `linkType`.
    public init(linkType: LinkType) {
        self.linkType = linkType
    }

    /// Decodes one frame.
    /// - Parameters:
    ///   - bytes: the captured bytes (only valid for the duration of the call's use).
    ///   - wireLength: the frame's length on the wire.
    ///   - timestamp: capture time, seconds since the epoch.
    @inlinable
    public func decode(_ bytes: UnsafeRawBufferPointer, wireLength: Int, timestamp: Double) -> DecodeResult {
        var view = PacketView()
        switch decode(bytes, wireLength: wireLength, timestamp: timestamp, into: &view) {
        case .ip: return .ip(view)
        case .nonIP(let etherType): return .nonIP(etherType: etherType)
        case .malformed(let reason): return .malformed(reason)
        }
    }

    /// Decodes one frame into `view`, overwriting every field — the allocation- and copy-free
    /// form for hot loops, which keep one `PacketView` and reuse it.
    @inlinable
    public func decode(
        _ bytes: UnsafeRawBufferPointer, wireLength: Int, timestamp: Double,
        into view: inout PacketView
    ) -> DecodeStatus {
        view = PacketView(timestamp: timestamp, wireLength: max(wireLength, bytes.count), bytes: bytes)
        let count = bytes.count
        var offset = 0
        var etherType: UInt16
        switch linkType.rawValue {
        case 1:  // Ethernet
            guard count >= 14 else { return .malformed(.truncatedLinkHeader) }
            etherType = bytes.be16(12)
            offset = 14
            var tags: UInt8 = 0
            while etherType == 0x8100 || etherType == 0x88a8 || etherType == 0x9100 {
                guard tags < 4, offset + 4 <= count else { return .malformed(.badVLANTag) }
                etherType = bytes.be16(offset + 2)
                offset += 4
                tags += 1
            }
            view.vlanTagCount = tags
        case 113:  // Linux SLL
            guard count >= 16 else { return .malformed(.truncatedLinkHeader) }
            etherType = bytes.be16(14)
            offset = 16
        case 276:  // Linux SLL2
            guard count >= 20 else { return .malformed(.truncatedLinkHeader) }
            etherType = bytes.be16(0)
            offset = 20
        case 0, 108:  // BSD NULL (host order) / OpenBSD LOOP (network order)
            guard count >= 4 else { return .malformed(.truncatedLinkHeader) }
            let big = bytes.be32(0)
            let family = linkType.rawValue == 108 ? big : (big > 0xffff ? big.byteSwapped : big)
            switch family {
            case 2: etherType = 0x0800
            case 10, 24, 28, 30: etherType = 0x86dd
            default: return .nonIP(etherType: 0)
            }
            offset = 4
        case 12, 14, 228, 229:  // raw IP
            guard count >= 1 else { return .malformed(.truncatedLinkHeader) }
            let version = bytes.load(fromByteOffset: 0, as: UInt8.self) >> 4
            etherType = version == 6 ? 0x86dd : (version == 4 ? 0x0800 : 0)
            if linkType.rawValue == 228 { etherType = 0x0800 }
            if linkType.rawValue == 229 { etherType = 0x86dd }
            if etherType == 0 { return .malformed(.badIPv4Header) }
        default:
            return .malformed(.unsupportedLinkType)
        }
        view.networkOffset = offset
        switch etherType {
        case 0x0800: return decodeIPv4(&view, at: offset)
        case 0x86dd: return decodeIPv6(&view, at: offset)
        default: return .nonIP(etherType: etherType)
        }
    }
}

/// The outcome of ``PacketDecoder/decode(_:wireLength:timestamp:into:)``: the view holds an
/// IP packet, or the frame was not IP, or it was damaged.
public enum DecodeStatus: Sendable, Equatable {
    /// The view holds a decoded IP packet.
    case ip
    /// A well-formed frame without IP.
    case nonIP(etherType: UInt16)
    /// A damaged frame.
    case malformed(MalformedReason)
}
