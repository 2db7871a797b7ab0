import SentinelCapture

extension FlowState {
    /// Adds one packet's counts, timing, flags, handshake and sequence tracking.
    @inlinable @inline(__always)
    mutating func absorb(_ packet: PacketView, forward: Bool, update: inout FlowUpdate) {
        let now = packet.timestamp
        let length = UInt32(truncatingIfNeeded: packet.ipLength)
        if forwardPackets + backwardPackets > 0 {
            let gap = max(0, now - last)
            gapSum += gap
            gapSumSquares += gap * gap
            if gap > gapMax { gapMax = gap }
        }
        if now > last { last = now }
        if forward {
            forwardPackets &+= 1
            forwardBytes &+= UInt64(length)
        } else {
            backwardPackets &+= 1
            backwardBytes &+= UInt64(length)
        }
        if length < lengthMin { lengthMin = length }
        if length > lengthMax { lengthMax = length }
        let l = Double(length)
        lengthSum += l
        lengthSumSquares += l * l
        guard packet.isTCP else { return }
        let flags = packet.tcpFlags
        if packet.payloadLength > 0 {
            if forward {
                // A request: the client's first data, and its first data after the server's.
                if !clientSentData || serverSpokeLast { update.startsRequest = true }
                clientSentData = true
                serverSpokeLast = false
            } else {
                serverSentData = true
                serverSpokeLast = true
            }
        }
        if flags.isSYNOnly { syn &+= 1 }
        if flags.isSYNACK { synAck &+= 1 }
        if flags.contains(.fin) {
            fin &+= 1
            if forward { finForward = true } else { finBackward = true }
        }
        if flags.contains(.rst) { rst &+= 1 }
        if flags.contains(.psh) { psh &+= 1 }
        if flags.contains(.ack) { ack &+= 1 }
        // Handshake: client SYN, server SYN-ACK, client ACK.
        if forward && flags.isSYNOnly && synTime < 0 {
            synTime = now
            halfOpen = true
        } else if !forward && flags.isSYNACK && synTime >= 0 && synAckTime < 0 {
            synAckTime = now
        } else if forward && !flags.contains(.syn) && flags.contains(.ack)
            && synAckTime >= 0 && handshakeRTT < 0
        {
            handshakeRTT = now - synTime
            halfOpen = false
            update.completedHandshakeRTT = handshakeRTT
        }
        // Sequence space: data, SYN and FIN consume it; repeating it is a retransmission.
        let consumes = packet.payloadLength > 0 || flags.contains(.syn)
        guard consumes else { return }
        var span = UInt32(truncatingIfNeeded: packet.payloadLength)
        if flags.contains(.syn) { span &+= 1 }
        if flags.contains(.fin) { span &+= 1 }
        let end = packet.tcpSequence &+ span
        update.isDataSegment = true
        if forward {
            if sequenceKnownForward && Int32(bitPattern: end &- nextSequenceForward) <= 0 {
                retransmissions &+= 1
                update.isRetransmission = true
            } else {
                nextSequenceForward = end
                sequenceKnownForward = true
            }
        } else {
            if sequenceKnownBackward && Int32(bitPattern: end &- nextSequenceBackward) <= 0 {
                retransmissions &+= 1
                update.isRetransmission = true
            } else {
                nextSequenceBackward = end
                sequenceKnownBackward = true
            }
        }
    }
}
