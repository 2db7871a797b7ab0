extension PacketDecoder {
    /// Decodes the transport header at `offset`; `length` is the IP payload length as stated.
    @inlinable
    func decodeTransport(_ view: inout PacketView, at offset: Int, length: Int) -> DecodeStatus {
        let bytes = view.bytes
        let captured = bytes.count - offset
        switch view.ipProtocol {
        case IPProtocol.tcp:
            guard captured >= 20, length >= 20 else { return .malformed(.truncatedTCP) }
            let dataOffset = Int(bytes.load(fromByteOffset: offset + 12, as: UInt8.self) >> 4) * 4
            guard dataOffset >= 20, dataOffset <= length else { return .malformed(.badTCPDataOffset) }
            view.sourcePort = bytes.be16(offset)
            view.destinationPort = bytes.be16(offset + 2)
            view.tcpSequence = bytes.be32(offset + 4)
            view.tcpAcknowledgment = bytes.be32(offset + 8)
            view.tcpFlags = TCPFlags(rawValue: bytes.load(fromByteOffset: offset + 13, as: UInt8.self))
            view.tcpWindow = bytes.be16(offset + 14)
            view.payloadLength = length - dataOffset
            view.hasPorts = true
        case IPProtocol.udp:
            guard captured >= 8, length >= 8 else { return .malformed(.truncatedUDP) }
            view.sourcePort = bytes.be16(offset)
            view.destinationPort = bytes.be16(offset + 2)
            view.payloadLength = length - 8
            view.hasPorts = true
        case IPProtocol.icmp, IPProtocol.icmpv6:
            guard captured >= 4, length >= 4 else { return .malformed(.truncatedICMP) }
            view.icmpType = bytes.load(fromByteOffset: offset, as: UInt8.self)
            view.icmpCode = bytes.load(fromByteOffset: offset + 1, as: UInt8.self)
            view.payloadLength = length - 4
        default:
            view.payloadLength = length
        }
        return .ip
    }
}
