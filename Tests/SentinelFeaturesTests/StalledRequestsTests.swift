import SentinelCapture
import SentinelFeatures
import SentinelTestSupport
import Testing

/// `stalled_requests`: the requests a window ends with that were already waiting when it began.
/// A busy site always ends a window with requests in flight; a slowloris holds its requests
/// unanswered for minutes.
@Suite struct StalledRequestsTests {
    static func client(_ n: Int) -> (address: String, port: UInt16) { ("10.0.1.\(n)", UInt16(40_000 + n)) }

    /// Client `n` (10.0.1.n, port 40000 + n) connects to the server and sends a request at `at`.
    static func request(_ p: Pipeline, client n: Int, at: Double) {
        let (c, port) = client(n)
        let server = "10.0.0.100"
        p.feed(PacketBuilder.ethernetTCP(c, port, server, 80, [.syn], sequence: 1), at: at - 0.003)
        p.feed(PacketBuilder.ethernetTCP(server, 80, c, port, [.syn, .ack], sequence: 9, acknowledgment: 2), at: at - 0.002)
        p.feed(PacketBuilder.ethernetTCP(c, port, server, 80, [.ack], sequence: 2, acknowledgment: 10), at: at - 0.001)
        p.feed(PacketBuilder.ethernetTCP(c, port, server, 80, [.ack, .psh], sequence: 2, acknowledgment: 10, payload: 120), at: at)
    }

    /// The server answers client `n`'s request at `at`.
    static func answer(_ p: Pipeline, client n: Int, at: Double) {
        let (c, port) = client(n)
        p.feed(
            PacketBuilder.ethernetTCP("10.0.0.100", 80, c, port, [.ack, .psh], sequence: 10, acknowledgment: 122, payload: 900),
            at: at)
    }

    @Test("requests in flight at a window's end are unanswered but not stalled; one held a whole window is stalled")
    func inFlightIsNotStalled() {
        let p = Pipeline()
        for n in 1...10 {
            Self.request(p, client: n, at: 100.2 + Double(n) * 0.01)
            Self.answer(p, client: n, at: 100.205 + Double(n) * 0.01)
        }
        for n in 16...18 { Self.request(p, client: n, at: 100.5 + Double(n) * 0.01) }  // held (slowloris)
        for n in 11...15 { Self.request(p, client: n, at: 100.99 + Double(n) * 0.0001) }  // in flight at 101.0
        for n in 11...15 { Self.answer(p, client: n, at: 101.004) }
        for n in 19...20 { Self.request(p, client: n, at: 101.5 + Double(n) * 0.01) }  // held from the second window
        p.feed(Traffic.udp("10.0.2.1", 5353, "10.0.0.100", 53), at: 102.5)
        p.feed(Traffic.udp("10.0.2.1", 5353, "10.0.0.100", 53), at: 103.5)
        p.finish()
        let windows = p.windows.map(\.features)
        #expect(windows.count == 4)
        #expect(windows[0][.awaitingResponse] == 8, "5 in flight and 3 held")
        #expect(windows[0][.stalledRequests] == 0, "every one of them began waiting in this window")
        #expect(windows[1][.awaitingResponse] == 5, "the 3 held and 2 new; the in-flight ones were answered")
        #expect(windows[1][.stalledRequests] == 3, "the 3 held since the window before")
        #expect(windows[2][.stalledRequests] == 5)
        #expect(windows[3][.stalledRequests] == 5)
    }

    @Test("a window without packets counts every waiting request as stalled")
    func aQuietGapCountsEveryWaitingRequest() {
        let p = Pipeline()
        for n in 1...4 { Self.request(p, client: n, at: 100.5 + Double(n) * 0.01) }
        p.feed(Traffic.udp("10.0.2.1", 5353, "10.0.0.100", 53), at: 103.5)  // seconds 101 and 102 are empty
        p.finish()
        let windows = p.windows.map(\.features)
        #expect(windows.count == 4)
        #expect(windows.map { $0[.awaitingResponse] } == [4, 4, 4, 4])
        #expect(windows.map { $0[.stalledRequests] } == [0, 4, 4, 4])
    }

    @Test("a stalled request that closes leaves the count")
    func aClosedRequestLeaves() {
        let p = Pipeline()
        for n in 1...3 { Self.request(p, client: n, at: 100.5 + Double(n) * 0.01) }
        p.feed(PacketBuilder.ethernetTCP("10.0.1.1", 40_001, "10.0.0.100", 80, [.rst], sequence: 122), at: 101.5)
        // One begins and closes inside the second window: it never counted as stalled.
        Self.request(p, client: 9, at: 101.6)
        p.feed(PacketBuilder.ethernetTCP("10.0.1.9", 40_009, "10.0.0.100", 80, [.rst], sequence: 122), at: 101.7)
        p.feed(Traffic.udp("10.0.2.1", 5353, "10.0.0.100", 53), at: 102.5)
        p.finish()
        let windows = p.windows.map(\.features)
        #expect(windows[1][.awaitingResponse] == 2)
        #expect(windows[1][.stalledRequests] == 2)
        #expect(windows[2][.stalledRequests] == 2)
    }
}
