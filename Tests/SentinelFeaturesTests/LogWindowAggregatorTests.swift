import SentinelCapture
import SentinelFeatures
import Testing

@Suite("Log windows")
struct LogWindowAggregatorTests {
    static func record(_ t: Double, _ client: String, _ status: Int, time: Double? = nil, bytes: Int = 100) -> AccessLogRecord {
        AccessLogRecord(timestamp: t, clientAddress: client, method: "GET", path: "/", status: status, bytes: bytes, requestTime: time)
    }

    /// Feeds a fresh aggregator with `feed`; returns the windows it closed and the aggregator
    /// (for its counters).
    static func aggregate(_ feed: (LogWindowAggregator) -> Void) -> (windows: [LogWindowRecord], aggregator: LogWindowAggregator) {
        var windows: [LogWindowRecord] = []
        let aggregator = LogWindowAggregator { windows.append($0) }
        feed(aggregator)
        return (windows, aggregator)
    }

    @Test("status shares, latency percentiles, slow share, clients and growth per window")
    func features() throws {
        var windows: [LogWindowRecord] = []
        let aggregator = LogWindowAggregator { windows.append($0) }
        // Window [100, 101): 10 requests, 8×200, a 404, a 500; one slow (2 s) request.
        for i in 0..<10 {
            let status = i == 8 ? 404 : (i == 9 ? 500 : 200)
            aggregator.add(
                Self.record(
                    100 + Double(i) / 20, i < 6 ? "10.0.0.1" : "10.0.0.\(i)", status,
                    time: i == 9 ? 2.0 : 0.010 * Double(i + 1)))
        }
        // Window [101, 102) empty; [102, 103): 20 requests from one client.
        for i in 0..<20 { aggregator.add(Self.record(102 + Double(i) / 40, "10.0.0.7", 200, time: 0.005)) }
        aggregator.finish()
        #expect(windows.count == 3)
        let w = windows[0]
        #expect(w.requests == 10)
        #expect(w[.requestsPerSecond] == 10)
        #expect(w[.status2xxShare] == 0.8)
        #expect(w[.status4xxShare] == 0.1)
        #expect(w[.status5xxShare] == 0.1)
        #expect(abs(w[.latencyP50] - 50) <= 1, "p50 \(w[.latencyP50])")
        #expect(abs(w[.latencyP99] - 2000) <= 2, "p99 \(w[.latencyP99])")
        #expect(w[.slowRequestShare] == 0.1)
        #expect(w[.distinctClients] == 5)
        #expect(w[.topClientShare] == 0.6)
        #expect(w.topClients.first?.client == "10.0.0.1")
        #expect(w[.requestRateGrowth] == 1)  // no history yet
        #expect(windows[1].requests == 0)
        #expect(windows[2][.requestsPerSecond] == 20)
        // baseline = mean(10, 0) = 5 requests/s → growth 4
        #expect(windows[2][.requestRateGrowth] == 4)
        #expect(windows[2][.latencyP95] == 5)
        #expect(w[.latencyGrowth] == 1)  // no history yet
        #expect(windows[1][.latencyGrowth] == 1)  // no timed request: no change
        // The empty window has no latency, so the baseline is window 0's p95 alone.
        let p95 = w[.latencyP95]
        #expect(abs(windows[2][.latencyGrowth] - 5 / p95) < 1e-9, "growth \(windows[2][.latencyGrowth]) with p95 \(p95)")
    }

    @Test("a latency step shows as p95 growth against the trailing windows")
    func latencyGrowth() {
        var windows: [LogWindowRecord] = []
        let aggregator = LogWindowAggregator { windows.append($0) }
        for second in 0..<12 {
            let time = second < 10 ? 0.020 : 0.400
            for i in 0..<10 { aggregator.add(Self.record(Double(second) + Double(i) / 10, "c\(i)", 200, time: time)) }
        }
        aggregator.finish()
        #expect(windows.count == 12)
        #expect(windows[9][.latencyGrowth] == 1)
        #expect(abs(windows[10][.latencyGrowth] - 20) < 0.1, "\(windows[10][.latencyGrowth])")
        // The step now weighs in the baseline: (10·20 + 400) / 11 ≈ 54.5 ms → 400 / 54.5 ≈ 7.3.
        #expect(abs(windows[11][.latencyGrowth] - 400 / (600.0 / 11)) < 0.1, "\(windows[11][.latencyGrowth])")
    }

    @Test("a line older than the open window is counted in it; a long silence is skipped")
    func lateAndGaps() {
        let (windows, aggregator) = Self.aggregate { aggregator in
            aggregator.add(Self.record(10.5, "a", 200))
            aggregator.add(Self.record(11.2, "a", 200))
            aggregator.add(Self.record(10.9, "b", 200))  // written late
            aggregator.add(Self.record(100_000, "a", 503))
            aggregator.finish()
        }
        #expect(aggregator.lateRecords == 1)
        #expect(aggregator.gapsSkipped == 1)
        #expect(windows.map(\.requests) == [1, 2, 1])
        #expect(windows.last?[.status5xxShare] == 1)
    }

    @Test("a time of ±1e30 or NaN reaching the aggregator never traps (issue 16: Double to Int)")
    func hugeTimes() {
        var windows: [LogWindowRecord] = []
        let aggregator = LogWindowAggregator { windows.append($0) }
        aggregator.add(Self.record(10.5, "a", 200))
        aggregator.advance(to: 1e30)
        aggregator.advance(to: .nan)
        aggregator.advance(to: .infinity)
        aggregator.finish()
        #expect(windows.map(\.requests) == [1])
        let other = LogWindowAggregator { windows.append($0) }
        other.add(Self.record(-1e30, "a", 200))
        other.add(Self.record(10.5, "b", 200))
        other.advance(to: 1e300)
        other.finish()
    }

    @Test("one line dated years ahead is skipped and counted; the windows go on (issue 16)")
    func oneLineYearsAhead() {
        let (windows, aggregator) = Self.aggregate { aggregator in
            for i in 0..<20 { aggregator.add(Self.record(1000 + Double(i) / 4, "a", 200)) }
            aggregator.add(Self.record(1000 + 10 * 365 * 86_400, "x", 200))
            for i in 20..<40 { aggregator.add(Self.record(1000 + Double(i) / 4, "a", 200)) }
            aggregator.advance(to: 1011)  // a wall-clock tick
        }
        #expect(windows.map(\.start) == (1000...1010).map(Double.init), "\(windows.map(\.start))")
        #expect(windows.prefix(10).allSatisfy { $0.requests == 4 })
        #expect(aggregator.clockJumpRecordsSkipped == 1)
        #expect(aggregator.gapsSkipped == 0)
    }

    @Test("a clock jump that the next lines confirm moves the windows, ahead or back; nothing is skipped")
    func confirmedJumps() {
        let (windows, aggregator) = Self.aggregate { aggregator in
            aggregator.add(Self.record(1000.5, "a", 200))
            aggregator.add(Self.record(9000.5, "a", 200))  // two hours on: held
            aggregator.add(Self.record(9001.5, "a", 200))  // confirmed
            aggregator.add(Self.record(500.5, "a", 200))  // back again: held
            aggregator.add(Self.record(501.5, "a", 200))  // confirmed
            aggregator.finish()
        }
        #expect(windows.map(\.start) == [1000, 9000, 9001, 500, 501], "\(windows.map(\.start))")
        #expect(windows.map(\.requests).reduce(0, +) == 5)
        #expect(aggregator.clockJumpRecordsSkipped == 0)
        #expect(aggregator.gapsSkipped == 2)
    }

    @Test("a first line dated years ahead does not hold the windows there")
    func firstLineYearsAhead() {
        let (windows, _) = Self.aggregate { aggregator in
            aggregator.add(Self.record(1000 + 10 * 365 * 86_400, "x", 200))
            for i in 0..<12 { aggregator.add(Self.record(1000 + Double(i) / 4, "a", 200)) }
            aggregator.advance(to: 1003)
        }
        #expect(windows.map(\.start).suffix(3) == [1000, 1001, 1002], "\(windows.map(\.start))")
        #expect(windows.suffix(3).allSatisfy { $0.requests == 4 })
    }
}
