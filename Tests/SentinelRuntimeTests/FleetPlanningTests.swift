import Foundation
import SentinelAlerts
import SentinelStore
import SentinelTestSupport
import Testing

@testable import SentinelRuntime

/// The elected planner forecasts and scales on the fleet's load: every sensor's point of the
/// planner source's series, summed per window.
@Suite("The planner on the fleet's load")
struct FleetPlanningTests {
    /// A dry-run planner on `eth0`'s load, one replica per 100 packets/s at 70 %.
    static func configuration(host: String, leaseSeconds: Int = 15, interfaces: [String] = []) -> String {
        """
        sentinel: { host: \(host), window: 1, leader_lease_seconds: \(leaseSeconds) }
        capture: { interfaces: [\(interfaces.joined(separator: ", "))] }
        planner:
          mode: dry-run
          source: eth0
          method: naive
          scale: { target: web, capacity_per_replica: 100, min_replicas: 1, max_replicas: 20 }
        """
    }

    static func window(_ t: Int) -> WindowObservation {
        WindowObservation(
            start: Double(t), end: Double(t + 1), className: "normal", confidence: 0.99, target: "eth0", topOffenders: [], keyFeatures: [:])
    }

    /// Two sentinels, gw-a and gw-b, sharing the SQLite store at `path` (gw-a leads: it plans first).
    static func pair(store path: String) throws -> (SentinelRuntime, SentinelRuntime) {
        func sentinel(_ host: String) throws -> SentinelRuntime {
            try SentinelRuntime(
                configuration: try SentinelConfiguration.parse(configuration(host: host), path: "c.yaml"), detector: nil,
                database: try SentinelDatabase(path: path), webhooks: [], host: host, modelName: "none")
        }
        return (try sentinel("gw-a"), try sentinel("gw-b"))
    }

    @Test("a sensor's newest point's legitimate load at or before the window counts; its own, later and stale points do not")
    func sum() {
        let points = [
            LoadPoint(series: "s", time: 6, value: 1_000, sensor: "gw-a"),  // its own: measured again, not read
            LoadPoint(series: "s", time: 6, value: 40, sensor: "gw-b"),
            LoadPoint(series: "s", time: 7, value: 50, sensor: "gw-b"),  // gw-b's newest
            LoadPoint(series: "s", time: 6, value: 30, sensor: "gw-c"),  // gw-c has not written 7 yet
            LoadPoint(series: "s", time: 8, value: 99, sensor: "gw-d"),  // after the window: not summed
            LoadPoint(series: "s", time: 7, value: 900, sensor: "gw-e", legitimate: 20),  // a flood: its legitimate 20
        ]
        let fleet = FleetLoad(own: 100, sensor: "gw-a", start: 7, points: points)
        #expect(fleet.load == 200 && fleet.sensors == 4)
        let alone = FleetLoad(own: 100, sensor: "gw-a", start: 7, points: [])
        #expect(alone.load == 100 && alone.sensors == 1)
    }

    @Test("two sentinels on one store: the leader scales on both sensors' load, the follower follows the sum and takes over from it")
    func leaderPlansOnFleetLoad() throws {
        try TemporaryDirectory.with { directory in
            let (a, b) = try Self.pair(store: directory.file("fleet.db"))
            // Each window both measure eth0 and store their point (as a captured window is), gw-a a
            // moment before gw-b: gw-a sums gw-b's point of the window before.
            func window(_ t: Int, a aLoad: Double, b bLoad: Double) throws {
                for (sentinel, load) in [(a, aLoad), (b, bLoad)] {
                    try sentinel.database.appendLoad(series: "packets_per_s:eth0", time: Double(t), value: load, sensor: sentinel.host)
                    sentinel.conclude(Self.window(t), count: 0, load: load, features: [:], verdict: nil, classNames: [])
                }
            }
            for t in 0..<10 { try window(t, a: 200, b: 150) }
            let leader = a.status.current
            #expect(leader.plannerLeader == true && leader.plannerSensors == 2)
            #expect(leader.plannerLegitimateLoad == 350, "the fleet's load, not gw-a's 200")
            // 350 / (100 × 0.7 per replica) = 5 replicas; gw-a's own 200 would ask for 3.
            #expect(leader.plannerReplicas == 5)
            let follower = b.status.current
            #expect(follower.plannerLeader == false && follower.plannerSensors == 2 && follower.plannerReplicas == nil)

            // gw-a stops cleanly (its lease given up, no more points): gw-b leads on the history
            // it followed, the fleet's, takes over gw-a's 5 replicas and decides no scale again.
            a.leadership?.release()
            func alone(_ t: Int, load: Double) throws {
                try b.database.appendLoad(series: "packets_per_s:eth0", time: Double(t), value: load, sensor: "gw-b")
                b.conclude(Self.window(t), count: 0, load: load, features: [:], verdict: nil, classNames: [])
            }
            for t in 10..<12 { try alone(t, load: 150) }
            let taken = b.status.current
            #expect(taken.plannerLeader == true && taken.plannerSensors == 2, "gw-a's last point (t = 9) still counts")
            #expect(taken.plannerLegitimateLoad == 350 && taken.plannerReplicas == 5)
            let scales = try b.database.recentActions(limit: 50).filter { $0.kind == "scale" }
            #expect(!scales.isEmpty && scales.allSatisfy { $0.sensor == "gw-a" }, "scaled by gw-a only: \(scales)")

            // Three windows without a point from gw-a: it no longer counts; gw-b's own load grows and
            // the fleet's planner scales for it alone.
            for t in 13..<16 { try alone(t, load: 500) }
            let later = b.status.current
            #expect(later.plannerSensors == 1 && later.plannerLegitimateLoad == 500 && later.plannerReplicas == 8)
        }
    }

    @Test("a flood only another sensor sees buys no replicas: its windows count with that sensor's legitimate load")
    func otherSensorsAttackIsLeftOut() throws {
        try TemporaryDirectory.with { directory in
            let (a, b) = try Self.pair(store: directory.file("fleet.db"))
            // Each window both store their point as a classified window is stored (its load and
            // its verdict) and plan; gw-b's windows from t = 10 are a UDP flood of 5 000 packets/s
            // that gw-a does not see.
            func window(_ t: Int, b bLoad: Double, bClass: String) {
                for (sentinel, load, className) in [(a, 200.0, "normal"), (b, bLoad, bClass)] {
                    sentinel.storeLoad(load, series: "packets_per_s:eth0", start: Double(t), className: className)
                    var observation = Self.window(t)
                    observation.className = className
                    sentinel.conclude(observation, count: 0, load: load, features: [:], verdict: nil, classNames: [])
                }
            }
            for t in 0..<10 { window(t, b: 150, bClass: "normal") }
            #expect(a.status.current.plannerLegitimateLoad == 350 && a.status.current.plannerReplicas == 5)
            for t in 10..<20 { window(t, b: 5_000, bClass: "udp_flood") }
            let leader = a.status.current
            #expect(leader.plannerSensors == 2)
            #expect(leader.plannerLegitimateLoad == 350, "gw-b's flood is not legitimate load: gw-b counts with its 150 from before it")
            #expect(leader.plannerReplicas == 5)
            let scales = try a.database.recentActions(limit: 50).filter { $0.kind == "scale" }
            #expect(scales.allSatisfy { $0.time < 10 }, "no scale once the flood began: \(scales.map(\.explanation))")
            // The measured load stays in the series: `sentinel forecast` shows what the gateways carried.
            #expect(try a.database.loadSeries(name: "packets_per_s:eth0", from: 19, to: 20).map(\.value) == [5_200])

            // The flood ends: gw-b's legitimate load is its measured load again.
            for t in 20..<23 { window(t, b: 160, bClass: "normal") }
            #expect(a.status.current.plannerLegitimateLoad == 360)
        }
    }
}
