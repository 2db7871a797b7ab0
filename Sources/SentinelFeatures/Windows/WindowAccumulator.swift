import SentinelCapture

/// The counters and sketches of the window being filled; reset, not reallocated, per window.
///
/// A class that owns its per-port counters as raw memory, so the per-packet increment costs
/// no uniqueness or bounds check.
final class WindowAccumulator {
    var packets: UInt64 = 0
    var bytes: UInt64 = 0
    var newFlows: UInt64 = 0
    var syn: UInt64 = 0
    var synAck: UInt64 = 0
    var rst: UInt64 = 0
    var fin: UInt64 = 0
    var handshakes: UInt64 = 0
    var tcp: UInt64 = 0
    var udp: UInt64 = 0
    var icmp: UInt64 = 0
    var emptyPayload: UInt64 = 0
    var dataSegments: UInt64 = 0
    var retransmissions: UInt64 = 0
    var rttSamples: [Double] = []
    var rttSeen: UInt64 = 0
    var sampleState: UInt64 = 0x2545_F491_4F6C_DD1D
    var sources = HyperLogLog()
    var destinations = HyperLogLog()
    var flowSketch = HyperLogLog()
    /// Flows each source opened in the window.
    let fanOut = FanOut()
    /// Flows each source opened in the window or, opened before, spoke first in it as their client.
    let reach = FanOut()
    /// Flows opened to each destination in the window, from how many sources, and the
    /// handshakes completed with it: the victim's view.
    let fanIn = FanOut()
    /// Flows each source network (/24, /64) opened in the window.
    let prefixes = FanOut()
    /// TCP requests begun in the window, the connections that sent them, and each source's count.
    var requests: UInt64 = 0
    /// TCP payload bytes the servers (the flows' second speakers) sent in the window.
    var responseBytes: UInt64 = 0
    var requestFlows = HyperLogLog()
    let requesters = FanOut()
    /// The direction-free flow hash of the packet ``addPacket(_:)`` counted last.
    private var lastFlowHash: UInt64 = 0
    /// Start of the window being filled: a packet whose flow's previous packet came before it
    /// is the flow's first in this window.
    var windowStart = -Double.infinity
    /// The address hashes of the packet ``addPacket(_:)`` counted last, reused by
    /// ``addUpdate(_:packet:)`` for the same packet instead of hashing again.
    private var lastSourceHash: UInt64 = 0
    private var lastDestinationHash: UInt64 = 0
    /// IP protocol numbers seen (a 256-bit set).
    var protocolBits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Packets per destination port (65,536 counters, zero except at `touchedPorts`).
    let portCounts: UnsafeMutablePointer<UInt32>
    var touchedPorts: [UInt16] = []
    var portPackets: UInt64 = 0
    var talkers: HeavyHitters

    static let rttSampleLimit = 4096

    init(talkerCapacity: Int) {
        talkers = HeavyHitters(capacity: talkerCapacity)
        portCounts = .allocate(capacity: 65_536)
        portCounts.initialize(repeating: 0, count: 65_536)
    }

    deinit { portCounts.deallocate() }

    func add(_ pointer: UnsafePointer<PacketView>, update: FlowUpdate) {
        addPacket(pointer)
        addUpdate(update, packet: pointer)
    }

    /// Counts what depends on the packet alone (everything but the flow table's verdict).
    func addPacket(_ pointer: UnsafePointer<PacketView>) {
        addPacket(pointer.pointee)
    }

    @inline(__always)
    private func addPacket(_ packet: borrowing PacketView) {
        packets &+= 1
        bytes &+= UInt64(packet.wireLength)
        if packet.payloadLength == 0 { emptyPayload &+= 1 }
        let sourceHash = packet.source.mixedHash
        sources.insert(hash: sourceHash)
        let destinationHash = packet.destination.mixedHash
        destinations.insert(hash: destinationHash)
        (lastSourceHash, lastDestinationHash) = (sourceHash, destinationHash)
        // Direction-free: both sides of a conversation hash to the same flow.
        let ports = UInt64(min(packet.sourcePort, packet.destinationPort)) << 16 | UInt64(max(packet.sourcePort, packet.destinationPort))
        lastFlowHash = murmurFinalize((sourceHash &+ destinationHash) ^ (ports << 8 | UInt64(packet.ipProtocol)))
        flowSketch.insert(hash: lastFlowHash)
        var synOnly: UInt64 = 0
        let number = Int(packet.ipProtocol)
        switch number >> 6 {
        case 0: protocolBits.0 |= 1 << UInt64(number & 63)
        case 1: protocolBits.1 |= 1 << UInt64(number & 63)
        case 2: protocolBits.2 |= 1 << UInt64(number & 63)
        default: protocolBits.3 |= 1 << UInt64(number & 63)
        }
        switch packet.ipProtocol {
        case IPProtocol.tcp:
            tcp &+= 1
            let flags = packet.tcpFlags
            if flags.isSYNOnly { syn &+= 1; synOnly = 1 }
            if flags.isSYNACK { synAck &+= 1 }
            if flags.contains(.rst) { rst &+= 1 }
            if flags.contains(.fin) { fin &+= 1 }
        case IPProtocol.udp:
            udp &+= 1
        case IPProtocol.icmp, IPProtocol.icmpv6:
            icmp &+= 1
        default:
            break
        }
        if packet.hasPorts {
            let port = Int(packet.destinationPort)
            if portCounts[port] == 0 { touchedPorts.append(packet.destinationPort) }
            portCounts[port] &+= 1
            portPackets &+= 1
        }
        talkers.add(packet.source, hash: sourceHash, weight: 1, secondary: synOnly, tertiary: UInt64(packet.wireLength))
    }

    /// Counts what the flow table reported for the packet (after ``addPacket(_:)``).
    @inline(__always)
    func addUpdate(_ update: FlowUpdate, packet pointer: UnsafePointer<PacketView>) {
        // A flow counts in its client's reach in every window in which the client sends its
        // first packet, whether the flow opened then or earlier (a sweep that probes the same
        // hosts again while their flows are still open reaches them all again); in its fan-out
        // only in the window that opened it.
        if update.isNewFlow || (update.isFromClient && update.previousPacket < windowStart) {
            let port = pointer.pointee.hasPorts ? pointer.pointee.destinationPort : UInt16(pointer.pointee.ipProtocol)
            reach.add(source: lastSourceHash, destination: lastDestinationHash, port: port)
            if update.isNewFlow {
                newFlows &+= 1
                fanOut.add(source: lastSourceHash, destination: lastDestinationHash, port: port)
                let tcp = pointer.pointee.ipProtocol == IPProtocol.tcp
                fanIn.add(source: lastDestinationHash, destination: lastSourceHash, port: port, tcp: tcp)
                prefixes.add(source: pointer.pointee.source.prefixHash, destination: lastDestinationHash, port: port)
            }
        }
        guard pointer.pointee.ipProtocol == IPProtocol.tcp else { return }
        if update.isDataSegment { dataSegments &+= 1 }
        if update.isRetransmission { retransmissions &+= 1 }
        if !update.isFromClient { responseBytes &+= UInt64(max(0, pointer.pointee.payloadLength)) }
        if update.startsRequest {
            requests &+= 1
            requestFlows.insert(hash: lastFlowHash)
            requesters.add(source: lastSourceHash, destination: lastDestinationHash, port: pointer.pointee.destinationPort)
        }
        if update.completedHandshakeRTT >= 0 {
            handshakes &+= 1
            // The client's ACK completes it: the destination is the server that answered.
            fanIn.answer(source: lastDestinationHash)
            sampleRTT(update.completedHandshakeRTT)
        }
    }

    /// Reservoir sampling keeps the median honest when a window completes many handshakes.
    private func sampleRTT(_ rtt: Double) {
        rttSeen &+= 1
        if rttSamples.count < Self.rttSampleLimit {
            rttSamples.append(rtt)
            return
        }
        sampleState ^= sampleState << 13
        sampleState ^= sampleState >> 7
        sampleState ^= sampleState << 17
        let slot = Int(sampleState % rttSeen)
        if slot < Self.rttSampleLimit { rttSamples[slot] = rtt }
    }

    /// The feature values for a window of `length` seconds.
    func features(length: Double, flows: FlowGauges) -> WindowFeatures {
        var f = WindowFeatures()
        let seconds = max(length, 1e-9)
        let n = Double(packets)
        f[.packetsPerSecond] = n / seconds
        f[.bytesPerSecond] = Double(bytes) / seconds
        f[.newFlowsPerSecond] = Double(newFlows) / seconds
        f[.synPerSecond] = Double(syn) / seconds
        f[.synAckPerSecond] = Double(synAck) / seconds
        f[.rstPerSecond] = Double(rst) / seconds
        f[.finPerSecond] = Double(fin) / seconds
        f[.synToSynAckRatio] = Double(syn) / Double(max(synAck, 1))
        f[.halfOpenConnections] = Double(flows.halfOpen)
        f[.openFlows] = Double(flows.open)
        f[.awaitingResponse] = Double(flows.awaitingResponse)
        f[.awaitingResponseShare] = flows.open > 0 ? Double(flows.awaitingResponse) / Double(flows.open) : 0
        f[.stalledRequests] = Double(flows.stalled)
        if packets == 0 && flows.open > 0 { f[.idleOpenShare] = 1 }
        f[.completedHandshakesPerSecond] = Double(handshakes) / seconds
        guard packets > 0 else { return f }
        f[.tcpShare] = Double(tcp) / n
        f[.udpShare] = Double(udp) / n
        f[.icmpShare] = Double(icmp) / n
        f[.meanPacketSize] = Double(bytes) / n
        f[.emptyPayloadShare] = Double(emptyPayload) / n
        let distinctSources = sources.estimate.rounded()
        f[.distinctSources] = distinctSources
        f[.distinctDestinations] = destinations.estimate.rounded()
        f[.distinctDestinationPorts] = Double(touchedPorts.count)
        f[.sourceEntropy] = Entropy.bits(summary: talkers, distinct: distinctSources)
        f[.destinationPortEntropy] = Entropy.bits(
            counts: touchedPorts.lazy.map { [portCounts] in UInt64(portCounts[Int($0)]) }, total: Double(portPackets))
        let top = talkers.top(1).first.map { Double($0.count - $0.error) } ?? 0
        f[.topSourceShare] = top / n
        f[.destinationPortsPerSource] = Double(touchedPorts.count) / max(distinctSources, 1)
        if !rttSamples.isEmpty {
            let sorted = rttSamples.sorted()
            let mid = sorted.count / 2
            let median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
            f[.medianHandshakeRTT] = median * 1000
        }
        f[.retransmissionRate] = dataSegments > 0 ? Double(retransmissions) / Double(dataSegments) : 0
        f[.synShare] = Double(syn) / n
        f[.newFlowShare] = Double(newFlows) / n
        f[.destinationsPerSource] = f[.distinctDestinations] / max(distinctSources, 1)
        let active = min(flowSketch.estimate.rounded(), n)
        f[.activeFlows] = active
        f[.idleOpenShare] = flows.open > 0 ? max(0, Double(flows.open) - active) / Double(flows.open) : 0
        var busiest: UInt32 = 0
        for port in touchedPorts { busiest = max(busiest, portCounts[Int(port)]) }
        f[.topDestinationPortShare] = portPackets > 0 ? Double(busiest) / Double(portPackets) : 0
        let fan = fanOut.maxima()
        f[.maxDestinationsFromOneSource] = fan.destinations
        f[.maxPortsFromOneSource] = fan.ports
        let reached = reach.maxima()
        f[.maxDestinationsReachedByOneSource] = reached.destinations
        f[.maxPortsReachedByOneSource] = reached.ports
        if newFlows > 0 {
            f[.topSourceNewFlowShare] = Double(fanOut.busiest()?.tally.flows ?? 0) / Double(newFlows)
            f[.topPrefixNewFlowShare] = Double(prefixes.busiest()?.tally.flows ?? 0) / Double(newFlows)
        }
        f[.requestsPerSecond] = Double(requests) / seconds
        if requests > 0 {
            f[.requestsPerConnection] = Double(requests) / max(1, min(Double(requests), requestFlows.estimate.rounded()))
            f[.topSourceRequestShare] = Double(requesters.busiest()?.tally.flows ?? 0) / Double(requests)
            f[.responseBytesPerRequest] = Double(responseBytes) / Double(requests)
        }
        f[.topDestinationAnsweredShare] = 1
        if let victim = fanIn.busiest() {
            f[.topDestinationNewFlowsPerSecond] = Double(victim.tally.flows) / seconds
            f[.topDestinationSources] = victim.destinations
            f[.topDestinationAnsweredShare] =
                victim.tally.tcp > 0 ? min(1, Double(victim.tally.answered) / Double(victim.tally.tcp)) : 1
        }
        f[.distinctIPProtocols] = Double(
            protocolBits.0.nonzeroBitCount + protocolBits.1.nonzeroBitCount
                + protocolBits.2.nonzeroBitCount + protocolBits.3.nonzeroBitCount)
        return f
    }

    func topTalkers(_ count: Int) -> [Talker] {
        talkers.topGuaranteed(count).map {
            Talker(address: $0.key, packets: $0.count, bytes: $0.tertiary, syns: $0.secondary)
        }
    }

    func reset() {
        for port in touchedPorts { portCounts[Int(port)] = 0 }
        touchedPorts.removeAll(keepingCapacity: true)
        sources.reset()
        destinations.reset()
        flowSketch.reset()
        fanOut.reset()
        reach.reset()
        fanIn.reset()
        prefixes.reset()
        requesters.reset()
        requestFlows.reset()
        requests = 0
        responseBytes = 0
        protocolBits = (0, 0, 0, 0)
        talkers.reset()
        rttSamples.removeAll(keepingCapacity: true)
        (packets, bytes, newFlows, syn, synAck, rst, fin) = (0, 0, 0, 0, 0, 0, 0)
        (handshakes, tcp, udp, icmp, emptyPayload, dataSegments, retransmissions) = (0, 0, 0, 0, 0, 0, 0)
        (rttSeen, portPackets) = (0, 0)
    }
}
