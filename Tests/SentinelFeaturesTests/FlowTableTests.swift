import SentinelCapture
import SentinelFeatures
import SentinelTestSupport
import Testing

@Suite("Flow table")
struct FlowTableTests {
    let client = "10.0.0.1", server = "10.0.0.2"

    /// A full TCP conversation: handshake, data both ways, FIN exchange.
    func conversation(_ p: Pipeline, start t: Double) {
        p.feed(PacketBuilder.ethernetTCP(client, 40000, server, 80, [.syn], sequence: 100), at: t)
        p.feed(PacketBuilder.ethernetTCP(server, 80, client, 40000, [.syn, .ack], sequence: 500, acknowledgment: 101), at: t + 0.010)
        p.feed(PacketBuilder.ethernetTCP(client, 40000, server, 80, [.ack], sequence: 101, acknowledgment: 501), at: t + 0.012)
        p.feed(
            PacketBuilder.ethernetTCP(client, 40000, server, 80, [.psh, .ack], sequence: 101, acknowledgment: 501, payload: 100),
            at: t + 0.020)
        p.feed(
            PacketBuilder.ethernetTCP(server, 80, client, 40000, [.psh, .ack], sequence: 501, acknowledgment: 201, payload: 1000),
            at: t + 0.030)
        p.feed(PacketBuilder.ethernetTCP(client, 40000, server, 80, [.fin, .ack], sequence: 201, acknowledgment: 1501), at: t + 0.040)
        p.feed(PacketBuilder.ethernetTCP(server, 80, client, 40000, [.fin, .ack], sequence: 1501, acknowledgment: 202), at: t + 0.041)
        p.feed(PacketBuilder.ethernetTCP(client, 40000, server, 80, [.ack], sequence: 202, acknowledgment: 1502), at: t + 0.042)
    }

    @Test("a conversation is one bidirectional flow, closed by the FIN exchange, with exact features")
    func conversationFeatures() throws {
        let p = Pipeline()
        conversation(p, start: 1000)
        #expect(p.table.openFlows == 0)
        let flow = try #require(p.flows.first)
        #expect(p.flows.count == 1)
        #expect(flow.closeReason == .fin)
        #expect(flow.client == IPAddress(client))
        #expect(flow.clientPort == 40000)
        #expect(flow.server == IPAddress(server))
        #expect(flow[.forwardPackets] == 5)
        #expect(flow[.backwardPackets] == 3)
        #expect(flow[.forwardBytes] == Double(4 * 40 + 140))
        #expect(flow[.backwardBytes] == Double(2 * 40 + 1040))
        #expect(flow[.packetLengthMin] == 40)
        #expect(flow[.packetLengthMax] == 1040)
        #expect(abs(flow[.duration] - 0.042) < 1e-9)
        #expect(abs(flow[.handshakeRTT] - 12) < 1e-6)
        #expect(flow[.handshakeCompleted] == 1)
        #expect(flow[.synCount] == 1)
        #expect(flow[.synAckCount] == 1)
        #expect(flow[.finCount] == 2)
        #expect(flow[.pshCount] == 2)
        #expect(flow[.retransmissions] == 0)
        #expect(abs(flow[.interArrivalMax] - 0.010) < 1e-9)
        #expect(abs(flow[.interArrivalMean] - 0.042 / 7) < 1e-9)
        #expect(p.table.counters.halfOpen == 0)
    }

    @Test("a repeated data segment counts as a retransmission")
    func retransmission() throws {
        let p = Pipeline()
        p.feed(PacketBuilder.ethernetTCP(client, 1, server, 80, [.ack], sequence: 1000, payload: 100), at: 1)
        let again = p.feed(PacketBuilder.ethernetTCP(client, 1, server, 80, [.ack], sequence: 1000, payload: 100), at: 1.2)
        p.feed(PacketBuilder.ethernetTCP(client, 1, server, 80, [.ack], sequence: 1100, payload: 100), at: 1.3)
        #expect(again?.isRetransmission == true)
        p.finish()
        #expect(p.flows.first?[.retransmissions] == 1)
        #expect(p.windows.first?.features[.retransmissionRate] == 1.0 / 3.0)
    }

    @Test("RST closes a flow; idle and active timeouts close others")
    func closing() {
        var flows = FlowTable.Configuration()
        flows.idleTimeout = 5
        flows.activeTimeout = 20
        let p = Pipeline(flows: flows)
        p.feed(PacketBuilder.ethernetTCP(client, 1, server, 80, [.syn]), at: 0)
        p.feed(PacketBuilder.ethernetTCP(server, 80, client, 1, [.rst, .ack]), at: 0.001)
        #expect(p.flows.last?.closeReason == .rst)
        p.feed(Traffic.udp(client, 53, server, 53), at: 1)
        p.feed(Traffic.udp(client, 9, server, 9), at: 7)  // the first UDP flow is idle for 6 s now
        #expect(p.flows.last?.closeReason == .idle)
        for t in stride(from: 8.0, through: 30.0, by: 1.0) { p.feed(Traffic.udp(client, 9, server, 9), at: t) }
        #expect(p.flows.contains { $0.closeReason == .active })
        #expect(p.table.counters.created == 4)
    }

    @Test("half-open connections are counted until their handshake completes")
    func halfOpen() {
        let p = Pipeline()
        for port in UInt16(1)...10 { p.feed(PacketBuilder.ethernetTCP(client, port, server, 80, [.syn]), at: 1) }
        #expect(p.table.counters.halfOpen == 10)
        p.feed(PacketBuilder.ethernetTCP(server, 80, client, 1, [.syn, .ack]), at: 1.1)
        p.feed(PacketBuilder.ethernetTCP(client, 1, server, 80, [.ack]), at: 1.2)
        #expect(p.table.counters.halfOpen == 9)
    }

    @Test("a random-source SYN flood cannot push out a live connection, and memory stays bounded")
    func floodEviction() {
        var flows = FlowTable.Configuration()
        flows.maxFlows = 1000
        let p = Pipeline(flows: flows)
        p.feed(PacketBuilder.ethernetTCP(client, 5000, server, 443, [.ack], sequence: 1, payload: 10), at: 0)
        for i in 0..<50_000 {
            let t = Double(i) * 0.0001
            let source = "11.\(i >> 16 & 0xff).\(i >> 8 & 0xff).\(i & 0xff)"
            p.feed(PacketBuilder.ethernetTCP(source, 1234, server, 443, [.syn]), at: t)
            if i % 200 == 0 {  // the live connection keeps talking
                p.feed(PacketBuilder.ethernetTCP(client, 5000, server, 443, [.ack], sequence: UInt32(11 + i), payload: 10), at: t)
            }
        }
        #expect(p.table.openFlows <= 1000)
        #expect(p.table.counters.peakOpen == 1000)
        #expect(p.table.counters.evicted >= 49_000)
        #expect(!p.flows.contains { $0.clientPort == 5000 })  // never evicted
        #expect(p.table.counters.halfOpen <= 1000)
    }
}
