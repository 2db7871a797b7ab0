import SentinelCapture

/// The running state of one open flow, stored in the flow table's slab.
@usableFromInline
struct FlowState {
    // Laid out so that what a packet of an established flow touches (key compare, timing,
    // counts, lengths, gaps) sits in the first two cache lines.
    @usableFromInline var key: FlowKey
    /// Whether the client is endpoint `a` of the key.
    @usableFromInline var clientIsA: Bool
    @usableFromInline var halfOpen = false
    @usableFromInline var finForward = false
    @usableFromInline var forwardPackets: UInt32 = 0
    @usableFromInline var backwardPackets: UInt32 = 0
    @usableFromInline var start: Double
    @usableFromInline var last: Double
    /// When the flow was last moved to the recent end of the recency list.
    @usableFromInline var listedAt: Double
    @usableFromInline var forwardBytes: UInt64 = 0
    @usableFromInline var backwardBytes: UInt64 = 0
    @usableFromInline var lengthSum: Double = 0
    @usableFromInline var lengthSumSquares: Double = 0
    @usableFromInline var gapSum: Double = 0
    @usableFromInline var gapSumSquares: Double = 0
    @usableFromInline var gapMax: Double = 0
    @usableFromInline var lengthMin: UInt32 = .max
    @usableFromInline var lengthMax: UInt32 = 0
    @usableFromInline var syn: UInt32 = 0
    @usableFromInline var synAck: UInt32 = 0
    @usableFromInline var fin: UInt32 = 0
    @usableFromInline var rst: UInt32 = 0
    @usableFromInline var psh: UInt32 = 0
    @usableFromInline var ack: UInt32 = 0
    @usableFromInline var retransmissions: UInt32 = 0
    /// Next expected sequence number per direction (client, server).
    @usableFromInline var nextSequenceForward: UInt32 = 0
    @usableFromInline var nextSequenceBackward: UInt32 = 0
    /// The low 32 bits of `key.mixedHash`: the index bucket's tag (and home, masked).
    @usableFromInline var tag: UInt32
    /// LRU links (slab indices, -1 for none): `newer` towards the most recently seen.
    @usableFromInline var newer: Int32 = -1
    @usableFromInline var older: Int32 = -1
    @usableFromInline var finBackward = false
    /// TCP payload seen from the client / from the server.
    @usableFromInline var clientSentData = false
    @usableFromInline var serverSentData = false
    /// The last data came from the server: the client's next data begins a request.
    @usableFromInline var serverSpokeLast = false
    @usableFromInline var sequenceKnownForward = false
    @usableFromInline var sequenceKnownBackward = false
    /// Handshake: time of the client's SYN, of the server's SYN-ACK, RTT when complete.
    @usableFromInline var synTime: Double = -1
    @usableFromInline var synAckTime: Double = -1
    @usableFromInline var handshakeRTT: Double = -1
    /// The flow table's window (``FlowTable/startWindow()``) in which the flow began awaiting
    /// its response.
    @usableFromInline var awaitingSinceWindow: UInt32 = 0

    /// A TCP request the server has not answered with any data yet (a slowloris holds
    /// many of these open).
    @inlinable var awaitingResponse: Bool { clientSentData && !serverSentData }

    @inlinable @inline(__always)
    init(key: FlowKey, hash: UInt64, clientIsA: Bool, time: Double) {
        self.key = key
        self.tag = UInt32(truncatingIfNeeded: hash)
        self.clientIsA = clientIsA
        self.start = time
        self.last = time
        self.listedAt = time
    }

    /// The finished record with every ``FlowFeature`` value.
    func record(reason: FlowCloseReason) -> FlowRecord {
        var values = [Double](repeating: 0, count: FlowFeature.allCases.count)
        let packets = Double(forwardPackets + backwardPackets)
        let duration = last - start
        let mean = packets > 0 ? lengthSum / packets : 0
        let gaps = packets - 1
        let gapMean = gaps > 0 ? gapSum / gaps : 0
        values[FlowFeature.duration.rawValue] = duration
        values[FlowFeature.forwardPackets.rawValue] = Double(forwardPackets)
        values[FlowFeature.backwardPackets.rawValue] = Double(backwardPackets)
        values[FlowFeature.forwardBytes.rawValue] = Double(forwardBytes)
        values[FlowFeature.backwardBytes.rawValue] = Double(backwardBytes)
        values[FlowFeature.packetLengthMin.rawValue] = packets > 0 ? Double(lengthMin) : 0
        values[FlowFeature.packetLengthMean.rawValue] = mean
        values[FlowFeature.packetLengthMax.rawValue] = Double(lengthMax)
        values[FlowFeature.packetLengthStd.rawValue] =
            packets > 0
            ? (max(0, lengthSumSquares / packets - mean * mean)).squareRoot() : 0
        values[FlowFeature.interArrivalMean.rawValue] = gapMean
        values[FlowFeature.interArrivalStd.rawValue] =
            gaps > 0
            ? (max(0, gapSumSquares / gaps - gapMean * gapMean)).squareRoot() : 0
        values[FlowFeature.interArrivalMax.rawValue] = gapMax
        values[FlowFeature.synCount.rawValue] = Double(syn)
        values[FlowFeature.synAckCount.rawValue] = Double(synAck)
        values[FlowFeature.finCount.rawValue] = Double(fin)
        values[FlowFeature.rstCount.rawValue] = Double(rst)
        values[FlowFeature.pshCount.rawValue] = Double(psh)
        values[FlowFeature.ackCount.rawValue] = Double(ack)
        values[FlowFeature.handshakeRTT.rawValue] = handshakeRTT >= 0 ? handshakeRTT * 1000 : 0
        values[FlowFeature.retransmissions.rawValue] = Double(retransmissions)
        values[FlowFeature.bytesPerSecond.rawValue] = duration > 0 ? Double(forwardBytes + backwardBytes) / duration : 0
        values[FlowFeature.packetsPerSecond.rawValue] = duration > 0 ? packets / duration : 0
        values[FlowFeature.handshakeCompleted.rawValue] = handshakeRTT >= 0 ? 1 : 0
        return FlowRecord(
            client: clientIsA ? key.a : key.b, clientPort: clientIsA ? key.portA : key.portB,
            server: clientIsA ? key.b : key.a, serverPort: clientIsA ? key.portB : key.portA,
            ipProtocol: key.ipProtocol, start: start, end: last, closeReason: reason, values: values)
    }
}
