import Foundation
import SentinelCapture
import SentinelFeatures
import SentinelTestSupport
import Testing

@Suite("Window features")
struct WindowAggregatorTests {
    /// A finished pipeline fed one datagram (1.1.1.1 to 2.2.2.2, port 53) at each of `times`.
    static func datagrams(at times: [Double]) -> Pipeline {
        let p = Pipeline()
        for time in times { p.feed(Traffic.udp("1.1.1.1", 1, "2.2.2.2", 53), at: time) }
        p.finish()
        return p
    }

    @Test("windows align to multiples of the length; quiet windows between busy ones are emitted empty")
    func alignment() {
        let p = Self.datagrams(at: [100.25, 100.75, 103.5])
        #expect(p.windows.map(\.start) == [100, 101, 102, 103])
        #expect(p.windows.map(\.packets) == [2, 0, 0, 1])
        #expect(p.windows[0].features[.packetsPerSecond] == 2)
        #expect(p.windows[0].features[.udpShare] == 1)
        #expect(p.windows[1].features[.packetsPerSecond] == 0)
    }

    @Test("a jump of years is skipped and counted, not filled with empty windows")
    func clockJump() {
        let p = Self.datagrams(at: [1_400_000_000, 1_500_000_000, 1_499_999_999])
        #expect(p.windows.count == 2)
        #expect(p.aggregator.clockJumps == 1)
        #expect(p.aggregator.latePackets == 1)
    }

    @Test("a timestamp of 1e30 or NaN never traps (issue 16: Double to Int)")
    func hugeTimestamp() {
        var windows: [WindowRecord] = []
        let aggregator = WindowAggregator { windows.append($0) }
        aggregator.advance(to: 100, flows: FlowGauges())
        aggregator.advance(to: 1e30, flows: FlowGauges())
        aggregator.advance(to: .nan, flows: FlowGauges())
        aggregator.advance(to: 1e300, flows: FlowGauges())
        aggregator.finish(flows: FlowGauges())
        #expect(aggregator.clockJumps == 2)
    }

    @Test("half-second windows scale the rates")
    func shortWindows() {
        var config = WindowAggregator.Configuration()
        config.window = 0.5
        let p = Pipeline(windows: config)
        for i in 0..<10 { p.feed(Traffic.icmp("1.1.1.1", "2.2.2.2"), at: 10 + Double(i) * 0.04) }
        p.finish()
        #expect(p.windows.first?.features[.packetsPerSecond] == 20)
        #expect(p.windows.first?.features[.icmpShare] == 1)
    }

    @Test("a SYN flood shows unanswered SYNs, half-open flows, many sources and high source entropy")
    func synFlood() throws {
        let p = Pipeline()
        // second 0: normal — 20 handshakes from 4 clients
        for i in 0..<20 {
            let c = "10.0.0.\(i % 4 + 1)", port = UInt16(30000 + i), t = Double(i) * 0.04
            p.feed(PacketBuilder.ethernetTCP(c, port, "10.0.0.100", 80, [.syn], sequence: 1), at: t)
            p.feed(PacketBuilder.ethernetTCP("10.0.0.100", 80, c, port, [.syn, .ack], sequence: 9, acknowledgment: 2), at: t + 0.001)
            p.feed(PacketBuilder.ethernetTCP(c, port, "10.0.0.100", 80, [.ack], sequence: 2, acknowledgment: 10), at: t + 0.002)
        }
        // second 1: 2,000 SYNs from 1,000 sources, 10 answered
        for i in 0..<2000 {
            let src = "172.16.\(i % 1000 / 250).\(i % 250 + 1)"
            p.feed(PacketBuilder.ethernetTCP(src, UInt16(1024 + i), "10.0.0.100", 80, [.syn]), at: 1 + Double(i) * 0.0004)
            if i < 10 {
                p.feed(
                    PacketBuilder.ethernetTCP("10.0.0.100", 80, src, UInt16(1024 + i), [.syn, .ack], acknowledgment: 2),
                    at: 1 + Double(i) * 0.0004)
            }
        }
        p.finish()
        let normal = p.windows[0].features, flood = p.windows[1].features
        #expect(normal[.synToSynAckRatio] == 1)
        #expect(normal[.completedHandshakesPerSecond] == 20)
        #expect(abs(normal[.medianHandshakeRTT] - 2) < 1e-6)
        #expect(normal[.distinctSources] == 5)
        #expect(flood[.synPerSecond] == 2000)
        #expect(flood[.synToSynAckRatio] == 200)
        #expect(flood[.halfOpenConnections] == 2000)
        #expect(abs(flood[.distinctSources] - 1001) / 1001 < 0.05)
        #expect(flood[.sourceEntropy] > 9.5)  // log2(1000) ≈ 9.97
        #expect(normal[.sourceEntropy] < 2.5)
        #expect(flood[.newFlowsPerSecond] == 2000)
        #expect(flood[.emptyPayloadShare] == 1)
    }

    @Test("a port scan touches many destination ports from one source")
    func portScan() {
        let p = Pipeline()
        for port in UInt16(1)...1000 {
            p.feed(PacketBuilder.ethernetTCP("10.9.9.9", 40000, "10.0.0.1", port, [.syn]), at: 5 + Double(port) * 0.0005)
            if port < 1000 {  // the last port is filtered: no answer
                p.feed(PacketBuilder.ethernetTCP("10.0.0.1", port, "10.9.9.9", 40000, [.rst, .ack]), at: 5 + Double(port) * 0.0005)
            }
        }
        p.finish()
        let f = p.windows[0].features
        #expect(f[.distinctDestinationPorts] == 1001)
        // 1,000 ports once each (half the packets) and the scanner's port 999 times
        #expect(abs(f[.destinationPortEntropy] - 5.98) < 0.02)
        #expect(f[.rstPerSecond] == 999)
        #expect(f[.topSourceShare] == 1000.0 / 1999.0)
        #expect(p.windows[0].topTalkers.first?.syns == 1000)
    }

    @Test("entropy is exact for a uniform spread over few sources")
    func uniformEntropy() {
        let p = Pipeline()
        for i in 0..<64 { p.feed(Traffic.udp("10.0.1.\(i % 8)", 1, "10.0.0.1", UInt16(i % 4)), at: 1) }
        p.finish()
        #expect(abs(p.windows[0].features[.sourceEntropy] - 3) < 1e-9)
        #expect(abs(p.windows[0].features[.destinationPortEntropy] - 2) < 1e-9)
    }
}

@Suite("Window features on real-scale scans and spoofed floods")
struct WindowScaleTests {
    @Test("a full 65,536-port SYN scan from one source reads about 65,000 ports, not the 1,400 a small map saturates at")
    func fullPortScan() {
        let p = Pipeline()
        for port in 0..<65_536 {
            p.feed(PacketBuilder.ethernetTCP("10.9.9.9", 40_000, "10.0.0.1", UInt16(port), .syn), at: 500 + Double(port) / 70_000)
        }
        p.finish()
        let ports = p.windows.first?.features[.maxPortsFromOneSource] ?? 0
        #expect(ports > 60_000 && ports < 67_000, "\(ports)")
        #expect(p.windows.first?.features[.maxDestinationsFromOneSource] == 1)
    }

    @Test("a few hundred ports still read as before (the small map is exact enough there)")
    func smallScan() {
        let p = Pipeline()
        for port in 0..<300 {
            p.feed(PacketBuilder.ethernetTCP("10.9.9.9", 40_000, "10.0.0.1", UInt16(port + 1), .syn), at: 500 + Double(port) / 1_000)
        }
        p.finish()
        let ports = p.windows.first?.features[.maxPortsFromOneSource] ?? 0
        #expect(abs(ports - 300) < 45, "\(ports)")
    }

    @Test("on a spoofed SYN flood each spoofed source shows the one packet it sent, and real heavy sources come first")
    func spoofedFloodTalkers() {
        let p = Pipeline()
        var t = 700.0
        for i in 0..<20_000 {
            let source = "10.\(64 + (i >> 16) & 63).\((i >> 8) & 255).\(i & 255)"
            p.feed(PacketBuilder.ethernetTCP(source, 1_024, "10.0.0.1", 80, .syn), at: t)
            if i % 100 == 0 {
                for _ in 0..<3 { p.feed(PacketBuilder.ethernetTCP("192.0.2.7", 5_000, "10.0.0.1", 80, [.ack]), at: t) }
            }
            t += 0.9 / 20_000
        }
        p.finish()
        let talkers = p.windows.first?.topTalkers ?? []
        #expect(talkers.first?.address.description == "192.0.2.7")
        #expect(talkers.first?.packets == 600)
        #expect(talkers.dropFirst().allSatisfy { $0.packets <= 2 }, "\(talkers.map { "\($0.address) \($0.packets)" })")
    }
}
