extension PacketDecoder {
    /// IPv6 extension headers the decoder walks through.
    @usableFromInline
    static func isIPv6Extension(_ next: UInt8) -> Bool {
        switch next {
        case 0, 43, 44, 51, 60, 135, 139, 140: return true
        default: return false
        }
    }

    @inlinable
    func decodeIPv4(_ view: inout PacketView, at offset: Int) -> DecodeStatus {
        let bytes = view.bytes
        guard offset + 20 <= bytes.count else { return .malformed(.truncatedIPv4) }
        let first = bytes.load(fromByteOffset: offset, as: UInt8.self)
        let headerLength = Int(first & 0x0f) * 4
        guard first >> 4 == 4, headerLength >= 20 else { return .malformed(.badIPv4Header) }
        guard offset + headerLength <= bytes.count else { return .malformed(.badIPv4Length) }
        var totalLength = Int(bytes.be16(offset + 2))
        let wireAvailable = view.wireLength - offset
        if totalLength == 0 {
            totalLength = wireAvailable  // TCP segmentation offload leaves 0 here
        }
        guard totalLength >= headerLength else { return .malformed(.badIPv4Length) }
        totalLength = min(totalLength, wireAvailable)
        let fragment = bytes.be16(offset + 6)
        let fragmentOffset = fragment & 0x1fff
        let moreFragments = fragment & 0x2000 != 0
        view.ipVersion = 4
        view.ttl = bytes.load(fromByteOffset: offset + 8, as: UInt8.self)
        view.ipProtocol = bytes.load(fromByteOffset: offset + 9, as: UInt8.self)
        view.source = IPAddress(ipv4: bytes.be32(offset + 12))
        view.destination = IPAddress(ipv4: bytes.be32(offset + 16))
        view.ipLength = totalLength
        view.isFragment = moreFragments || fragmentOffset != 0
        view.isLaterFragment = fragmentOffset != 0
        let payload = totalLength - headerLength
        if view.isLaterFragment {
            view.payloadLength = payload
            return .ip
        }
        return decodeTransport(&view, at: offset + headerLength, length: payload)
    }

    @inlinable
    func decodeIPv6(_ view: inout PacketView, at offset: Int) -> DecodeStatus {
        let bytes = view.bytes
        guard offset + 40 <= bytes.count,
            bytes.load(fromByteOffset: offset, as: UInt8.self) >> 4 == 6
        else { return .malformed(.truncatedIPv6) }
        var payloadLength = Int(bytes.be16(offset + 4))
        let wireAvailable = view.wireLength - offset - 40
        if payloadLength == 0 || payloadLength > wireAvailable {
            payloadLength = max(0, wireAvailable)  // jumbogram or TSO
        }
        view.ipVersion = 6
        view.ttl = bytes.load(fromByteOffset: offset + 7, as: UInt8.self)
        view.source = IPAddress(high: bytes.be64(offset + 8), low: bytes.be64(offset + 16))
        view.destination = IPAddress(high: bytes.be64(offset + 24), low: bytes.be64(offset + 32))
        view.ipLength = payloadLength + 40
        var next = bytes.load(fromByteOffset: offset + 6, as: UInt8.self)
        var cursor = offset + 40
        var remaining = payloadLength
        var hops = 0
        while PacketDecoder.isIPv6Extension(next) {
            hops += 1
            guard hops <= 16, cursor + 8 <= bytes.count, remaining >= 8 else {
                return .malformed(.badIPv6ExtensionHeader)
            }
            let headerNext = bytes.load(fromByteOffset: cursor, as: UInt8.self)
            let lengthField = Int(bytes.load(fromByteOffset: cursor + 1, as: UInt8.self))
            let length: Int
            if next == 44 {  // fragment header: fixed 8 bytes
                length = 8
                let fragment = bytes.be16(cursor + 2)
                view.isFragment = true
                if fragment >> 3 != 0 { view.isLaterFragment = true }
            } else if next == 51 {  // AH: length in 4-byte units, minus 2
                length = (lengthField + 2) * 4
            } else {
                length = (lengthField + 1) * 8
            }
            guard length <= remaining, cursor + length <= view.wireLength else {
                return .malformed(.badIPv6ExtensionHeader)
            }
            cursor += length
            remaining -= length
            next = headerNext
        }
        view.ipProtocol = next
        if view.isLaterFragment || next == 59 || next == 50 {
            view.payloadLength = remaining
            return .ip
        }
        return decodeTransport(&view, at: cursor, length: remaining)
    }
}
