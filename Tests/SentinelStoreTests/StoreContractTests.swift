import Foundation
import SentinelStore
import SentinelTestSupport
import Testing

/// The store's contract, run the same way against every backend: what `sentinel run` writes
/// is what `sentinel incidents`, `alerts`, `actions` and `forecast --db` read back, in the
/// same order, whichever engine holds it.
@Suite("Store contract")
struct StoreContractTests {
    @Test("a new store gets every migration once; a second client applies none again", arguments: StoreKind.available)
    func migrations(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let first = try fresh.open()
            #expect(try first.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"])
            try first.insert(StoreFixture.window(start: 1))
            let second = try fresh.open()
            #expect(try second.appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"])
            #expect(try second.windows(from: 0, to: 10).count == 1)
            #expect(try fresh.openReadOnly().appliedMigrations() == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"])
        }
    }

    @Test("windows come back as stored, in time order, with their sensor; retention deletes the old ones", arguments: StoreKind.available)
    func windows(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let store = try fresh.open()
            var attack = StoreFixture.window(start: 20, verdict: "syn_flood")
            attack.sensor = "gw-2"
            for start in [30.0, 10, 0] { try store.insert(StoreFixture.window(start: start)) }
            try store.insert(attack)
            try store.insert(StoreFixture.window(start: 25, verdict: nil))
            let all = try store.windows(from: 0, to: 100)
            #expect(all.map(\.start) == [0, 10, 20, 25, 30])
            #expect(all[2] == attack)
            #expect(all[3].verdict == nil && all[3].probabilities.isEmpty)
            #expect(try store.windows(from: 10, to: 30, limit: 2).map(\.start) == [10, 20])
            #expect(try store.lastWindowEnd(source: "eth0", verdict: "syn_flood", from: 0) == 21)
            #expect(try store.lastWindowEnd(source: "eth0", verdict: "syn_flood", from: 21) == nil)
            #expect(try store.purgeWindows(olderThan: 20) == 2)
            #expect(try store.windows(from: 0, to: 100).map(\.start) == [20, 25, 30])
        }
    }

    @Test("incidents open once, update, resolve once, and list open ones oldest first", arguments: StoreKind.available)
    func incidents(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let store = try fresh.open()
            let first = StoredIncident(
                id: "inc-1", className: "syn_flood", target: "eth0", opened: 100, peakConfidence: 0.9,
                topOffenders: ["203.0.113.7", "198.51.100.0/24"], summary: "{\"k\":1}", sensor: "gw-1")
            let second = StoredIncident(id: "inc-2", className: "port_scan", target: "eth1", opened: 50, peakConfidence: 0.7)
            try store.openIncident(first)
            try store.openIncident(second)
            #expect(throws: StoreError.self) { try store.openIncident(first) }
            #expect(try store.openIncidents().map(\.id) == ["inc-2", "inc-1"])
            #expect(try store.incident(id: "inc-1") == first)
            var grown = first
            grown.windows = 12
            grown.peakConfidence = 0.99
            #expect(try store.updateIncident(grown))
            #expect(try !store.updateIncident(StoredIncident(id: "nope", className: "x", target: "y", opened: 1, peakConfidence: 1)))
            #expect(try store.incident(id: "inc-1") == grown)
            #expect(try store.resolveIncident(id: "inc-1", at: 160))
            #expect(try !store.resolveIncident(id: "inc-1", at: 999))
            #expect(try store.incident(id: "inc-1")?.resolved == 160)
            #expect(try store.openIncidents().map(\.id) == ["inc-2"])
            #expect(try store.recentIncidents(limit: 1).map(\.id) == ["inc-1"])
            #expect(try store.incident(id: "missing") == nil)
        }
    }

    @Test("actions are listed newest first with their outcome", arguments: StoreKind.available)
    func actions(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let store = try fresh.open()
            try store.insert(
                StoredAction(
                    id: "a1", time: 10, kind: "block", target: "203.0.113.7/32", mode: "dry-run", explanation: "flood", sensor: "gw-1")
            )
            try store.insert(
                StoredAction(
                    id: "a2", time: 20, kind: "scale", target: "web", parameters: "{\"replicas\":4}", mode: "enforce", explanation: "load"))
            #expect(throws: StoreError.self) {
                try store.insert(StoredAction(id: "a1", time: 30, kind: "block", target: "x", mode: "dry-run", explanation: ""))
            }
            #expect(try store.setOutcome(actionID: "a1", outcome: "applied"))
            #expect(try !store.setOutcome(actionID: "zz", outcome: "applied"))
            let listed = try store.recentActions(limit: 10)
            #expect(listed.map(\.id) == ["a2", "a1"])
            #expect(listed[1].outcome == "applied" && listed[1].sensor == "gw-1")
            #expect(listed[0].parameters == "{\"replicas\":4}" && listed[0].outcome == nil)
        }
    }

    @Test("the outbox queues each (event, webhook) once and tracks delivery", arguments: StoreKind.available)
    func outbox(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let store = try fresh.open()
            #expect(try store.enqueue([StoreFixture.entry("e1", created: 10), StoreFixture.entry("e2", created: 5)]) == 2)
            #expect(try !store.enqueue(StoreFixture.entry("e1", created: 11)))
            #expect(try store.enqueue(StoreFixture.entry("e1", webhook: "siem", created: 12)))
            #expect(try store.outboxDepth() == 3)
            #expect(try store.dueEntries(now: 11).map { "\($0.eventID)/\($0.webhook)" } == ["e2/team", "e1/team"])
            #expect(try store.markFailed(eventID: "e2", webhook: "team", error: "HTTP 503", nextAttempt: 100))
            #expect(try store.dueEntries(now: 50).map(\.eventID) == ["e1", "e1"])
            #expect(try store.markDelivered(eventID: "e1", webhook: "team", at: 51))
            #expect(try !store.markDelivered(eventID: "e1", webhook: "team", at: 52))
            #expect(try store.outboxDepth() == 2)
            let listed = try store.deliveries(limit: 10)
            #expect(listed.map { "\($0.eventID)/\($0.webhook)" } == ["e1/siem", "e1/team", "e2/team"])
            #expect(listed.map(\.status) == [.pending, .delivered, .failing])
            #expect(listed[2].lastError == "HTTP 503" && listed[2].attempts == 1 && listed[2].nextAttempt == 100)
            #expect(listed[2].payload == Data("{\"id\":\"e2\"}".utf8))
            #expect(try store.purgeDelivered(olderThan: 60) == 1)
            #expect(try store.outboxDepth() == 2)
        }
    }

    @Test("load series: a point per time, ranges, summaries, retention", arguments: StoreKind.available)
    func load(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let store = try fresh.open()
            for t in 0..<5 { try store.appendLoad(series: "rps@web", time: Double(t), value: Double(t * 10)) }
            try store.appendLoad(series: "rps@web", time: 2, value: 99)
            try store.appendLoad(series: "latency", time: 3, value: 0.2)
            #expect(try store.loadSeries(name: "rps@web", from: 1, to: 4).map(\.value) == [10, 99, 30])
            #expect(
                try store.loadSeriesSummaries() == [
                    SeriesSummary(name: "latency", points: 1, first: 3, last: 3),
                    SeriesSummary(name: "rps@web", points: 5, first: 0, last: 4),
                ])
            #expect(try store.purgeLoad(olderThan: 2) == 2)
            #expect(try store.loadSeries(name: "rps@web", from: 0, to: 10).map(\.time) == [2, 3, 4])
        }
    }

    @Test("load series of a fleet: each sensor keeps its points, a series reads as their sum per time", arguments: StoreKind.available)
    func fleetLoad(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let store = try fresh.open()
            for t in 0..<3 {
                try store.appendLoad(series: "requests_per_s:/var/log/nginx/access.log", time: Double(t), value: 100, sensor: "gw-a")
                try store.appendLoad(series: "requests_per_s:/var/log/nginx/access.log", time: Double(t), value: Double(t), sensor: "gw-b")
            }
            // Replaces gw-a's.
            try store.appendLoad(series: "requests_per_s:/var/log/nginx/access.log", time: 1, value: 150, sensor: "gw-a")
            try store.appendLoad(series: "requests_per_s:/var/log/nginx/access.log", time: 3, value: 7, sensor: "gw-b")
            let name = "requests_per_s:/var/log/nginx/access.log"
            #expect(try store.loadSeries(name: name, from: 0, to: 10).map(\.value) == [100, 151, 102, 7])
            #expect(try store.loadSeries(name: name, from: 0, to: 10, sensor: "gw-a").map(\.value) == [100, 150, 100])
            #expect(try store.loadSeries(name: name, from: 0, to: 10, sensor: "gw-c").isEmpty)
            #expect(try store.loadSeriesSummaries() == [SeriesSummary(name: name, points: 4, first: 0, last: 3, sensors: 2)])
            // Each sensor's own points, unsummed, by time then sensor (what a fleet's planner sums itself).
            let points = try store.sensorLoadPoints(name: name, from: 1, to: 3)
            #expect(
                points.map { "\($0.time) \($0.sensor) \($0.value)" } == [
                    "1.0 gw-a 150.0", "1.0 gw-b 1.0", "2.0 gw-a 100.0", "2.0 gw-b 2.0",
                ])
            #expect(try store.sensorLoadPoints(name: "other", from: 0, to: 10).isEmpty)
            // A point with its legitimate load (gw-b's window was a flood): kept beside the measured
            // value, replaced with it, and not part of the summed series, which stays what was measured.
            try store.appendLoad(series: name, time: 4, value: 5_000, sensor: "gw-b", legitimate: 300)
            try store.appendLoad(series: name, time: 4, value: 4_000, sensor: "gw-b", legitimate: 7)
            let flood = try store.sensorLoadPoints(name: name, from: 3, to: 5)
            #expect(flood.map(\.legitimate) == [nil, 7] && flood.map(\.legitimateLoad) == [7, 7])
            #expect(try store.loadSeries(name: name, from: 4, to: 5).map(\.value) == [4_000])
        }
    }

    @Test("a tailed log's position is saved and replaced", arguments: StoreKind.available)
    func logPositions(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let store = try fresh.open()
            #expect(try store.logPosition(path: "/var/log/a.log") == nil)
            try store.saveLogPosition(StoredLogPosition(path: "/var/log/a.log", device: 2049, inode: 77, offset: 100, updated: 1))
            let moved = StoredLogPosition(path: "/var/log/a.log", device: 2049, inode: 78, offset: 5_000_000_000, updated: 2)
            try store.saveLogPosition(moved)
            #expect(try store.logPosition(path: "/var/log/a.log") == moved)
        }
    }

    @Test("a sensor's site baseline is saved per source, replaced, and kept apart from other sensors'", arguments: StoreKind.available)
    func baselines(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let store = try fresh.open()
            #expect(try store.baseline(sensor: "gw1", source: "packets:eth0") == nil)
            try store.saveBaseline(StoredBaseline(sensor: "gw1", source: "packets:eth0", body: "{\"a\":1}", updated: 1))
            try store.saveBaseline(StoredBaseline(sensor: "gw2", source: "packets:eth0", body: "{\"b\":2}", updated: 1))
            let newer = StoredBaseline(sensor: "gw1", source: "packets:eth0", body: "{\"a\":3}", updated: 2)
            try store.saveBaseline(newer)
            #expect(try store.baseline(sensor: "gw1", source: "packets:eth0") == newer)
            #expect(try store.baseline(sensor: "gw2", source: "packets:eth0")?.body == "{\"b\":2}")
            #expect(try store.baseline(sensor: "gw1", source: "logs:/var/log/a.log") == nil)
        }
    }

    @Test("shared blocks are published once per id and listed until they expire", arguments: StoreKind.available)
    func sharedActions(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let store = try fresh.open()
            let block = SharedSourceAction(
                id: "plan-1", kind: "block", source: "203.0.113.0/24", created: 10, expires: 70, decidedBy: "gw-a")
            let limit = SharedSourceAction(
                id: "plan-2", kind: "rate_limit", source: "198.51.100.7", requestsPerSecond: 5, created: 20, expires: 40, decidedBy: "gw-b")
            try store.publish(block)
            try store.publish(limit)
            var again = block
            again.expires = 1_000
            try store.publish(again)  // the same id: ignored
            #expect(try store.activeSharedActions(now: 30) == [block, limit])
            #expect(try store.activeSharedActions(now: 50) == [block])
            #expect(try store.activeSharedActions(now: 70).isEmpty)
            #expect(try store.purgeSharedActions(expiredBefore: 50) == 1)
            #expect(try store.activeSharedActions(now: 30) == [block])
        }
    }

    @Test("a read-only client refuses a store that was never migrated", arguments: StoreKind.available)
    func readOnlyEmpty(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            if kind == .sqlite { FileManager.default.createFile(atPath: fresh.location, contents: Data()) }
            #expect {
                _ = try fresh.openReadOnly()
            } throws: { error in
                guard case let .cannotOpen(path, reason)? = error as? StoreError else { return false }
                return path == fresh.location && reason == "not a Sentinel database"
            }
        }
    }
}
