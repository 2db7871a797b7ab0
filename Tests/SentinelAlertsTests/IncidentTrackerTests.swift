import SentinelAlerts
import Synchronization
import Testing

/// Deterministic incident ids: `inc-1`, `inc-2`, …
private func sequentialIDs() -> @Sendable () -> String {
    let counter = Mutex(0)
    return {
        counter.withLock {
            $0 += 1; return "inc-\($0)"
        }
    }
}

private func window(
    _ index: Int, _ className: String, target: String = "eth0", confidence: Double = 0.9,
    offenders: [String] = []
) -> WindowObservation {
    WindowObservation(
        start: Double(index), end: Double(index + 1), className: className, confidence: confidence,
        target: target, topOffenders: offenders, keyFeatures: ["syn_ratio": confidence])
}

@Suite("Incident tracker")
struct IncidentTrackerTests {
    @Test("an incident restored after a restart continues under its id and resolves; no second open")
    func restoredIncident() {
        var tracker = IncidentTracker(defaultPolicy: IncidentPolicy(openAfter: 2, resolveAfter: 2), makeID: sequentialIDs())
        tracker.restore(
            open: Incident(
                id: "before-restart", className: "error_spike", target: "/var/log/access.log",
                start: 100, windows: 4, peakConfidence: 0.9, offenders: [], keyFeatures: [:]))
        #expect(tracker.openIncidents.map(\.id) == ["before-restart"])
        for i in 0..<3 {
            #expect(tracker.observe(window: window(200 + i, "error_spike", target: "/var/log/access.log")).isEmpty)
        }
        #expect(tracker.openIncidents.first?.windows == 7)
        #expect(tracker.observe(window: window(203, "normal", target: "/var/log/access.log")).isEmpty)
        let events = tracker.observe(window: window(204, "normal", target: "/var/log/access.log"))
        guard case let .resolved(done)? = events.first else { Issue.record("no resolve: \(events)"); return }
        #expect(done.id == "before-restart" && done.start == 100 && done.end == 203)
    }

    @Test("opens after N consecutive attack windows, counts further windows, resolves after M normal")
    func lifecycle() {
        var tracker = IncidentTracker(defaultPolicy: IncidentPolicy(openAfter: 3, resolveAfter: 2), makeID: sequentialIDs())
        #expect(tracker.observe(window: window(0, "syn_flood", offenders: ["10.0.0.1"])).isEmpty)
        #expect(tracker.observe(window: window(1, "syn_flood", confidence: 0.95, offenders: ["10.0.0.2"])).isEmpty)
        let opened = tracker.observe(window: window(2, "syn_flood", confidence: 0.8, offenders: ["10.0.0.1"]))
        #expect(opened.count == 1)
        guard case let .opened(incident)? = opened.first else { Issue.record("no open"); return }
        #expect(incident.id == "inc-1")
        #expect(incident.start == 0 && incident.end == nil && incident.windows == 3)
        #expect(incident.peakConfidence == 0.95)
        #expect(incident.offenders == ["10.0.0.1", "10.0.0.2"])
        #expect(incident.keyFeatures == ["syn_ratio": 0.95])
        for i in 3..<6 { #expect(tracker.observe(window: window(i, "syn_flood")).isEmpty) }
        #expect(tracker.openIncidents.map(\.windows) == [6])
        #expect(tracker.observe(window: window(6, "normal")).isEmpty)
        #expect(tracker.observe(window: window(7, "syn_flood")).isEmpty, "an attack window resets the normal run")
        #expect(tracker.observe(window: window(8, "normal")).isEmpty)
        let resolved = tracker.observe(window: window(9, "normal"))
        guard case let .resolved(done)? = resolved.first else { Issue.record("no resolve"); return }
        #expect(done.id == "inc-1" && done.windows == 7 && done.end == 8)
        #expect(tracker.openIncidents.isEmpty)
    }

    @Test("a normal window breaks a run that has not opened")
    func brokenRun() {
        var tracker = IncidentTracker(makeID: sequentialIDs())
        var events: [IncidentEvent] = []
        for (i, name) in ["dos_hulk", "dos_hulk", "normal", "dos_hulk", "dos_hulk"].enumerated() {
            events += tracker.observe(window: window(i, name))
        }
        #expect(events.isEmpty)
        #expect(tracker.observe(window: window(5, "dos_hulk")).count == 1)
    }

    @Test("two classes at once are separate incidents; per-class policy applies")
    func twoClasses() {
        var tracker = IncidentTracker(
            defaultPolicy: IncidentPolicy(openAfter: 3, resolveAfter: 1),
            classPolicies: ["port_scan": IncidentPolicy(openAfter: 1, resolveAfter: 1)],
            makeID: sequentialIDs())
        var events: [IncidentEvent] = []
        events += tracker.observe(window: window(0, "port_scan"))
        for i in 1...3 { events += tracker.observe(window: window(i, "syn_flood")) }
        events += tracker.observe(window: window(4, "syn_flood", target: "eth1"))
        #expect(events.map(\.kind) == [.opened, .opened])
        #expect(events.map(\.incident.className) == ["port_scan", "syn_flood"])
        #expect(Set(events.map(\.incident.id)).count == 2)
        #expect(tracker.openIncidents.count == 2)
        let resolved = tracker.observe(window: window(5, "normal"))
        #expect(resolved.map(\.incident.className) == ["port_scan", "syn_flood"])
        #expect(resolved.allSatisfy { $0.kind == .resolved })
    }

    @Test("re-open of the same class and target within the cooldown is suppressed")
    func cooldown() {
        var tracker = IncidentTracker(
            defaultPolicy: IncidentPolicy(openAfter: 2, resolveAfter: 1, cooldown: 100),
            makeID: sequentialIDs())
        var events: [IncidentEvent] = []
        for i in 0..<2 { events += tracker.observe(window: window(i, "syn_flood")) }
        events += tracker.observe(window: window(2, "normal"))  // resolved at t = 3
        #expect(events.map(\.kind) == [.opened, .resolved])
        events = []
        for i in 10..<20 { events += tracker.observe(window: window(i, "syn_flood")) }
        #expect(events.isEmpty, "suppressed within cooldown")
        events += tracker.observe(window: window(20, "syn_flood", target: "eth1"))
        events += tracker.observe(window: window(21, "syn_flood", target: "eth1"))
        #expect(events.map(\.incident.target) == ["eth1"], "another target is not suppressed")
        events = []
        events += tracker.observe(window: window(30, "normal"))  // the cooling run ends unannounced
        for i in 101..<104 { events += tracker.observe(window: window(i, "syn_flood")) }
        #expect(events.count == 1)
        #expect(events.first?.incident.id == "inc-3" && events.first?.incident.start == 101)
    }

    @Test("an attack that outlasts the cooldown opens when it ends, from its first window")
    func outlastsCooldown() {
        var tracker = IncidentTracker(
            defaultPolicy: IncidentPolicy(openAfter: 1, resolveAfter: 1, cooldown: 10),
            makeID: sequentialIDs())
        _ = tracker.observe(window: window(0, "syn_flood"))
        _ = tracker.observe(window: window(1, "normal"))  // resolved at t = 2
        var events: [IncidentEvent] = []
        for i in 2..<20 { events += tracker.observe(window: window(i, "syn_flood")) }
        #expect(events.count == 1)
        #expect(events.first?.incident.start == 2)
        #expect(events.first?.incident.windows == 10)  // windows 2…11; the one ending at t = 12 opens it
    }
}
