import Foundation
import SentinelStore
import SentinelTestSupport
import Testing

/// Issue 15's database restart under load: the PostgreSQL server stopped and started again
/// while three sentinels store windows during an attack.
extension FleetTrioTests {
    /// How long the server stays down, in seconds.
    static let outage: UInt32 = 5
    /// gw-c's `store_buffer_writes`: far fewer than it writes during the outage (a window, a
    /// load point and about ten log positions a second), so its buffer overflows.
    static let smallBuffer = 20

    @Test(
        "the database restarted under three sentinels during an attack: they buffer and reconnect, no window, incident or alert is lost; an overflowing buffer is counted",
        .needsPostgres)
    func databaseRestartUnderLoad() throws {
        try PostgresCluster.withDatabase { cluster, url in
            let store = try PostgresStore(url: try PostgresStoreURL(url), password: PostgresCluster.password)
            let sensors = ["gw-a", "gw-b", "gw-c"]
            let rig = try FleetRig()
            defer { rig.close() }
            let receivers = rig.receivers
            try rig.start(sensors, store: url, duration: 90, storeBuffer: ["gw-c": Self.smallBuffer])
            func output(_ name: String) -> String { rig.output(name) }
            func metrics(_ name: String) -> String { RunCommandTests.fetch("http://127.0.0.1:\(rig.ports[name]!)/metrics")?.body ?? "" }

            // Normal traffic, an error spike from 198.51.0.1-40 for 14 s, normal traffic again.
            let traffic = rig.play([.init(seconds: 4), .init(seconds: 14, errorShare: 0.6), .init(seconds: 12)])
            defer { traffic.wait() }

            // The server goes down once every sensor has joined the incident, while the spike goes on.
            let joined = Self.wait(15) {
                guard let incident = try? store.recentIncidents(limit: 1).first else { return false }
                return (try? store.incidentEvidence(id: incident.id).count) == sensors.count
            }
            try #require(joined, "the three sensors never joined one incident: \(sensors.map(output))")
            try cluster.pause()
            sleep(Self.outage)
            let during = sensors.map(metrics)
            try cluster.resume()
            for (name, page) in zip(sensors, during) {
                #expect((Self.metric(page, "sentinel_store_buffered_writes") ?? 0) > 0, "\(name) buffered nothing: \(page)")
            }

            // After the spike the incident resolves and every alert is delivered.
            traffic.wait()
            let resolved = Self.wait(25) {
                receivers.allSatisfy { $0.requests.contains { $0.headers["webhook-id"]?.hasSuffix(":resolved") == true } }
                    && (try? store.outboxDepth()) == 0
            }
            #expect(resolved, "\(receivers.map { $0.requests.compactMap { $0.headers["webhook-id"] } })")
            // The buffers are written (tried every 5 s); only gw-c's overflowed, and /metrics counts it.
            let flushed = Self.wait(10) { sensors.allSatisfy { Self.metric(metrics($0), "sentinel_store_buffered_writes") == 0 } }
            #expect(flushed, "\(sensors.map(metrics))")
            var dropped: [String: Int] = [:]
            for name in sensors { dropped[name] = Self.metric(metrics(name), "sentinel_store_writes_dropped_total").map { Int($0) } }
            #expect(dropped == ["gw-a": 0, "gw-b": 0, "gw-c": dropped["gw-c"] ?? -1] && (dropped["gw-c"] ?? 0) > 0, "\(dropped)")
            // A clean stop within its 20 s budget (and a little more on a loaded machine).
            for name in sensors {
                #expect(ChildProcess.stop(rig.pids[name]!, within: 30) == 0, "\(name) did not stop cleanly: \(output(name))")
                rig.pids[name] = nil
            }

            // Every window gw-a and gw-b classified is in the store; gw-c lost some, no more than it counted.
            let stored = Dictionary(grouping: try store.windows(from: 0, to: .greatestFiniteMagnitude), by: \.sensor).mapValues(\.count)
            for name in sensors {
                let classified = try #require(Self.classified(name, in: rig), "\(output(name))")
                let kept = stored[name] ?? 0
                if name == "gw-c" {
                    #expect(kept < classified && classified - kept <= dropped[name] ?? 0, "gw-c: \(kept) of \(classified) kept, \(dropped)")
                    #expect(output(name).contains("store writes lost"), "gw-c's stop does not tell the loss: \(output(name))")
                } else {
                    #expect(kept == classified, "\(name): \(kept) of \(classified) windows in the store")
                    #expect(!output(name).contains("store writes lost"), "\(output(name))")
                }
            }
            // One incident with the three sensors' evidence, every alert delivered to each webhook (at
            // least once: a delivery the store could not record while it was down may come again).
            let incidents = try store.recentIncidents(limit: 10)
            #expect(incidents.count == 1, "\(incidents)")
            let incident = try #require(incidents.first)
            #expect(incident.className == "error_spike" && !incident.isOpen)
            #expect(Set(try store.incidentEvidence(id: incident.id).map(\.sensor)) == Set(sensors))
            try Self.expectOneDeliveryEach(receivers: receivers, store: store, incident: incident.id, atLeastOnce: true)
        }
    }
}
