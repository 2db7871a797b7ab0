import Foundation
import SentinelAlerts
import SentinelStore
import SentinelTestSupport
import Testing

/// What sentinels sharing one store rely on: the outbox delivers each (event, webhook) once
/// between them, a dead sentinel's claims and leases pass to another, one planner at a time.
@Suite("Fleet store")
struct FleetStoreTests {
    @Test("two sentinels racing over one outbox each deliver disjoint entries: every entry exactly once", arguments: StoreKind.available)
    func claimRace(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let clients = [try fresh.open(), try fresh.open()]
            let events = 150
            _ = try clients[0].enqueue((0..<events).map { StoreFixture.entry("event-\($0)", created: Double($0)) })
            let delivered = Delivered()
            // Two threads of their own (a dispatch pool busy with other tests may run "concurrent"
            // work one item after the other).
            let done = DispatchGroup()
            for index in 0..<2 {
                done.enter()
                let thread = Thread {
                    defer { done.leave() }
                    Self.deliverAll(clients[index], sensor: "gw-\(index + 1)", into: delivered)
                }
                thread.start()
            }
            done.wait()
            #expect(delivered.failures.isEmpty)
            let counts = delivered.counts
            #expect(counts.count == events)
            #expect(counts.values.allSatisfy { $0 == 1 })
            #expect(try clients[1].outboxDepth() == 0)
            // Both took part (a race that one side always wins would prove nothing). SQLite's busy
            // handler may let one writer win every round (seen here), so only PostgreSQL, whose
            // claimers never wait for each other, is held to it.
            if kind == .postgres { #expect(Set(delivered.sensors.values).count == 2) }
        }
    }

    /// One sentinel's delivery loop: claim a few, "post" each, mark it delivered, until none is due.
    private static func deliverAll(_ store: any StoreBackend, sensor: String, into delivered: Delivered) {
        while true {
            guard let batch = try? store.claimDue(now: 1_000, limit: 4, sensor: sensor, lease: 60) else {
                delivered.fail("claim failed for \(sensor)")
                return
            }
            if batch.isEmpty { return }
            for entry in batch {
                if entry.claimedBy != sensor { delivered.fail("\(entry.eventID) claimed by \(entry.claimedBy ?? "nobody")") }
                delivered.add(entry.eventID, by: sensor)
                usleep(300)  // the POST to the receiver
                _ = try? store.markDelivered(eventID: entry.eventID, webhook: entry.webhook, at: 1_000)
            }
        }
    }

    @Test("a claim keeps other sentinels off an entry until it expires; a failed attempt releases it", arguments: StoreKind.available)
    func claimExpiry(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let a = try fresh.open()
            let b = try fresh.open()
            _ = try a.enqueue([StoreFixture.entry("e1", created: 0), StoreFixture.entry("e2", created: 1)])
            #expect(try a.claimDue(now: 10, limit: 10, sensor: "gw-a", lease: 30).map(\.eventID) == ["e1", "e2"])
            #expect(try b.claimDue(now: 20, limit: 10, sensor: "gw-b", lease: 30).isEmpty)
            // gw-a fails e2 and dies holding e1: e2 is free at its next attempt, e1 when the claim ends.
            #expect(try a.markFailed(eventID: "e2", webhook: "team", error: "HTTP 502", nextAttempt: 25))
            #expect(try b.claimDue(now: 26, limit: 10, sensor: "gw-b", lease: 30).map(\.eventID) == ["e2"])
            #expect(try b.claimDue(now: 40, limit: 10, sensor: "gw-b", lease: 30).map(\.eventID) == ["e1", "e2"])
            // A sentinel restarted under the same name takes its own claims back at once.
            #expect(try a.claimDue(now: 41, limit: 10, sensor: "gw-b", lease: 30).count == 2)
            let rows = try a.deliveries(limit: 10)
            #expect(rows.allSatisfy { $0.claimedBy == "gw-b" })
        }
    }

    @Test("one leader: a second sentinel takes the lease only after the leader stops renewing", arguments: StoreKind.available)
    func leaseTakeover(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let a = try fresh.open()
            let b = try fresh.open()
            #expect(try a.acquireLease("planner", holder: "gw-a", now: 100, duration: 15))
            #expect(try !b.acquireLease("planner", holder: "gw-b", now: 101, duration: 15))
            #expect(try a.acquireLease("planner", holder: "gw-a", now: 110, duration: 15))  // renewed to 125
            #expect(try !b.acquireLease("planner", holder: "gw-b", now: 120, duration: 15))
            #expect(try b.leaseHolder("planner", now: 124) == "gw-a")
            // gw-a stops renewing: at 125 the lease has run out.
            #expect(try b.leaseHolder("planner", now: 125) == nil)
            #expect(try b.acquireLease("planner", holder: "gw-b", now: 125, duration: 15))
            #expect(try !a.acquireLease("planner", holder: "gw-a", now: 126, duration: 15))
            #expect(try a.leaseHolder("planner", now: 126) == "gw-b")
            // A clean stop hands over at once; releasing a lease one does not hold changes nothing.
            try a.releaseLease("planner", holder: "gw-a")
            #expect(try a.leaseHolder("planner", now: 127) == "gw-b")
            try b.releaseLease("planner", holder: "gw-b")
            #expect(try a.acquireLease("planner", holder: "gw-a", now: 128, duration: 15))
        }
    }

    @Test(
        "an attack seen by three sensors is one incident with each one's evidence; it resolves when the last goes quiet",
        arguments: StoreKind.available)
    func fleetIncident(kind: StoreKind) throws {
        try kind.withFresh { fresh in
            let sensors = try (1...3).map { _ in try fresh.open() }
            @Sendable func seen(_ id: String, by sensor: String, at time: Double, target: String = "web", offenders: [String])
                -> StoredIncident
            {
                StoredIncident(
                    id: id, className: "syn_flood", target: target, opened: time, windows: 3, peakConfidence: 0.8,
                    topOffenders: offenders, sensor: sensor)
            }
            // The three open "their" incident at once: one of them opens it, the others join it.
            let opened = Opened()
            DispatchQueue.concurrentPerform(iterations: 3) { n in
                let stored = try? sensors[n].joinIncident(
                    seen("local-\(n)", by: "gw-\(n)", at: 100 + Double(n), offenders: ["198.51.100.\(n)"]))
                opened.add(stored?.id)
            }
            #expect(opened.ids.count == 3)
            let ids = Set(opened.ids)
            #expect(ids.count == 1)
            let id = try #require(ids.first)
            #expect(try sensors[0].openIncidents().map(\.id) == [id])
            #expect(try sensors[0].incidentEvidence(id: id).map(\.sensor).sorted() == ["gw-0", "gw-1", "gw-2"])
            // Another target is another incident.
            #expect(try sensors[0].joinIncident(seen("api-1", by: "gw-0", at: 105, target: "api", offenders: [])).id == "api-1")
            // Two go quiet: still open.
            for n in [0, 2] {
                let quiet = IncidentEvidence(
                    incidentID: id, sensor: "gw-\(n)", firstSeen: 100 + Double(n), windows: 10 + n, peakConfidence: 0.9,
                    topOffenders: ["198.51.100.\(n)"], resolved: 200)
                #expect(try sensors[n].leaveIncident(quiet) == nil)
            }
            #expect(try sensors[1].incident(id: id)?.isOpen == true)
            // The last one resolves it: windows summed, highest confidence, every sensor's offenders.
            let last = IncidentEvidence(
                incidentID: id, sensor: "gw-1", firstSeen: 101, windows: 5, peakConfidence: 0.99,
                topOffenders: ["198.51.100.1", "198.51.100.0"], resolved: 230)
            let resolved = try #require(try sensors[1].leaveIncident(last))
            #expect(resolved.resolved == 230 && resolved.windows == 10 + 12 + 5 && resolved.peakConfidence == 0.99)
            #expect(resolved.topOffenders == ["198.51.100.0", "198.51.100.1", "198.51.100.2"])
            #expect(try sensors[2].incident(id: id) == resolved)
            // The attack comes back: a new incident.
            #expect(try sensors[2].joinIncident(seen("local-again", by: "gw-2", at: 300, offenders: [])).id == "local-again")
        }
    }

    @Test(
        "two sentinels delivering through one outbox to a real receiver: each alert arrives once, same webhook-id",
        arguments: StoreKind.available)
    func webhookOnce(kind: StoreKind) async throws {
        try await kind.withFresh { fresh in
            let receiver = try WebhookReceiver()
            defer { receiver.stop() }
            let target = try WebhookTarget(
                name: "soc", url: receiver.url, format: .sentinel, secret: try WebhookSecret(text: DurableAlertTests.secret),
                timeout: 5)
            let deliverers = try ["gw-1", "gw-2"].map { sensor in
                WebhookDeliverer(targets: [target], outbox: StoreOutbox(database: try fresh.open(), sensor: sensor))
            }
            var ids: [String] = []
            for n in 0..<12 {
                let incident = Incident(
                    id: "inc-\(n)", className: "syn_flood", target: "web", start: Double(n), windows: 3, peakConfidence: 0.9,
                    offenders: [], keyFeatures: [:])
                let event = AlertEvent(.opened(incident), host: "gw-1", model: "default")
                ids.append(event.eventID)
                // Both sentinels saw the attack and queue the same event: it is queued once.
                for deliverer in deliverers { _ = try deliverer.enqueue(event, now: 100) }
            }
            async let first = deliverers[0].deliverDue(now: 101)
            async let second = deliverers[1].deliverDue(now: 101)
            let reports = await [first, second]
            #expect(reports.map(\.delivered).reduce(0, +) == 12)
            let received = receiver.requests.compactMap { $0.headers["webhook-id"] }
            #expect(received.sorted() == ids.sorted())
        }
    }
}

/// The incident ids the sensors got, under a lock.
private final class Opened: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String?] = []
    func add(_ id: String?) { lock.withLock { list.append(id) } }
    var ids: [String] { lock.withLock { list.compactMap { $0 } } }
}

/// What the racing sentinels delivered, counted under a lock.
private final class Delivered: @unchecked Sendable {
    private let lock = NSLock()
    private var countsByEvent: [String: Int] = [:]
    private var sensorByEvent: [String: String] = [:]
    private var errors: [String] = []

    func add(_ event: String, by sensor: String) {
        lock.withLock {
            countsByEvent[event, default: 0] += 1
            sensorByEvent[event] = sensor
        }
    }

    func fail(_ message: String) { lock.withLock { errors.append(message) } }

    var counts: [String: Int] { lock.withLock { countsByEvent } }
    var sensors: [String: String] { lock.withLock { sensorByEvent } }
    var failures: [String] { lock.withLock { errors } }
}
