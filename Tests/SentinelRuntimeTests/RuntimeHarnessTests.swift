import Foundation
import SentinelDetection
import SentinelLearning
import SentinelRuntime
import SentinelRuntimeTesting
import SentinelStore
import SentinelTestSupport
import Testing

/// The runtime driven in-process by `RuntimeHarness`: capture files fed in the time of a
/// clock the test moves, so that each window, incident and lease can be watched as it
/// happens — without the binary, libpcap or sleeping.
@Suite("The in-process runtime harness")
struct RuntimeHarnessTests {
    static let flood = SharedData.packageRoot + "/captures/syn_flood.pcap"
    static let normal = SharedData.packageRoot + "/captures/normal.pcap"

    static func harness(
        _ yaml: String, capture: String, database: any StoreBackend, host: String = "gw-a", detector: WindowDetector? = nil
    ) throws -> RuntimeHarness {
        let configuration = try SentinelConfiguration.parse(yaml, path: "sentinel.yaml")
        return try RuntimeHarness(captures: ["eth0": capture]) { clock, openCapture in
            try SentinelRuntime(
                configuration: configuration, detector: detector, database: database, webhooks: [], host: host,
                modelName: "default", clock: clock, openCapture: openCapture)
        }
    }

    @Test("a SYN flood opens its incident with its third window and resolves it after five quiet ones, second by second")
    func incidentWindowByWindow() throws {
        let detector = try WindowDetector(model: try DetectionModel.load(path: SharedData.packageRoot + "/models/default.json"))
        try TemporaryDirectory.with { directory in
            let database = try SentinelDatabase(path: directory.file("s.db"))
            let harness = try Self.harness(
                "sentinel: { host: gw-a, window: 1 }\ncapture: { interfaces: [eth0] }\n", capture: Self.flood, database: database,
                detector: detector)
            let start = harness.clock.now()
            var openedAt: Double?
            var resolvedAt: Double?
            while harness.clock.now() < start + 30 {
                harness.advance(by: 1)
                let open = harness.runtime.status.current.openIncidents
                if open == 1, openedAt == nil { openedAt = harness.clock.now() }
                if open == 0, openedAt != nil, resolvedAt == nil { resolvedAt = harness.clock.now() }
            }
            let incidents = try database.recentIncidents(limit: 10)
            #expect(incidents.count == 1)
            let incident = try #require(incidents.first)
            #expect(incident.className == "syn_flood")
            let opened = try #require(openedAt)
            // Open once its third window has closed (the first flood window starts at `incident.opened`).
            #expect(
                opened >= incident.opened + 3 && opened < incident.opened + 4,
                "opened \(opened - start) s in, flood from \(incident.opened - start) s")
            let resolved = try #require(resolvedAt, "the incident resolves within the capture's quiet tail")
            let lastFlood = try #require(incident.resolved)
            // Resolved once five normal windows followed the last flood window.
            #expect(
                resolved >= lastFlood + 5 && resolved < lastFlood + 7,
                "resolved \(resolved - start) s in, flood until \(lastFlood - start) s")
            _ = harness.finish()
        }
    }

    @Test("a leader that stops renewing is replaced once its lease has run out on the clock, not before")
    func leaseRunsOutOnTheClock() throws {
        try TemporaryDirectory.with { directory in
            let path = directory.file("fleet.db")
            func sentinel(_ host: String) throws -> RuntimeHarness {
                let yaml = FleetPlanningTests.configuration(host: host, leaseSeconds: 3, interfaces: ["eth0"])
                return try Self.harness(yaml, capture: Self.normal, database: try SentinelDatabase(path: path), host: host)
            }
            let a = try sentinel("gw-a")
            let b = try sentinel("gw-b")
            for _ in 0..<5 {
                a.advance(by: 1)
                b.advance(by: 1)
            }
            #expect(a.runtime.status.current.plannerLeader == true)
            #expect(b.runtime.status.current.plannerLeader == false)
            // gw-a stops (no release, as after a SIGKILL); gw-b sees its lease until it runs out.
            let stopped = a.clock.now()
            var tookOver: Double?
            while b.clock.now() < stopped + 8 {
                b.advance(by: 1)
                if tookOver == nil, b.runtime.status.current.plannerLeader == true { tookOver = b.clock.now() }
            }
            let at = try #require(tookOver, "gw-b never took over")
            #expect(at > stopped + 2 && at <= stopped + 4, "took over \(at - stopped) s after gw-a's last renewal")
        }
    }

    @Test("after a restart the online anomaly scorer scores at once from the stored windows: a flood right after it is a degradation")
    func anomalyScorerResumes() throws {
        let yaml = "sentinel: { host: gw-a, window: 1 }\ncapture: { interfaces: [eth0] }\nanomalies: { warmup: 15 }\n"
        func degradations(afterQuietLife: Bool) throws -> [String] {
            return try TemporaryDirectory.with { directory in
                let database = try SentinelDatabase(path: directory.file("s.db"))
                if afterQuietLife {
                    // The capture recorded just before the flood's: 21 quiet windows, then a stop.
                    let first = try Self.harness(yaml, capture: Self.normal, database: database)
                    first.advance(by: 21)
                    _ = first.finish()
                }
                let second = try Self.harness(yaml, capture: Self.flood, database: database)
                let restart = second.clock.now()
                second.advance(by: 25)
                _ = second.finish()
                return try database.recentIncidents(limit: 10).filter { $0.className == "degradation" && $0.opened >= restart }.map(
                    \.target)
            }
        }
        #expect(try degradations(afterQuietLife: true) == ["eth0 packets_per_s"])
        // A first start has no history: the flood falls inside the warm-up and is learnt.
        #expect(try degradations(afterQuietLife: false).isEmpty)
    }
}
