import Foundation
import SentinelAlerts
import SentinelCore
import SentinelPlanner
import SentinelStore
import SentinelTestSupport
import Testing

@testable import SentinelRuntime

/// The planner's blocks and rate limits become the fleet's desired state in the store.
@Suite("Shared blocks and rate limits")
struct SharedActionTests {
    static let configuration = """
        sentinel: { host: gw-a, window: 1 }
        capture: { interfaces: [] }
        planner:
          mode: enforce
          method: naive
          scale: { target: web, capacity_per_replica: 100, min_replicas: 1, max_replicas: 2 }
        gateway:
          sources:
            exec: { command: ["/bin/true"] }
        """

    @Test("an enforced block and rate limit are published with their expiry; a scale is not")
    func enforcedBlocksArePublished() throws {
        try TemporaryDirectory.with { dir in
            let database = try SentinelDatabase(path: dir.file("s.db"))
            let runtime = try SentinelRuntime(
                configuration: try SentinelConfiguration.parse(Self.configuration, path: "c.yaml"), detector: nil, database: database,
                webhooks: [], host: "gw-a", modelName: "none")
            let observation = WindowObservation(
                start: 100, end: 101, className: "syn_flood", confidence: 0.9, target: "eth0", topOffenders: ["203.0.113.9"],
                keyFeatures: [:])
            let source = try SourcePrefix("203.0.113.0/24")
            for (id, kind, ttl) in [
                ("p-1", Action.Kind.block(source), 600),
                ("p-2", .rateLimit(source, requestsPerSecond: 10), 60),
                ("p-3", .scale(try DeploymentReference(name: "web"), replicas: 2), nil),
            ] as [(String, Action.Kind, Double?)] {
                runtime.carryOut(
                    PlannedAction(
                        action: try Action(id: id, kind: kind, timeToLive: ttl), replicasBefore: ttl == nil ? 1 : nil, time: 101,
                        mode: .enforce,
                        rule: "test", inputs: [:], explanation: "test"),
                    observation: observation)
            }
            let shared = try database.activeSharedActions(now: 150)
            #expect(shared.map(\.id) == ["p-1", "p-2"])
            #expect(shared.first?.expires == 701 && shared.first?.decidedBy == "gw-a" && shared.first?.source == "203.0.113.0/24")
            #expect(shared.last?.kind == "rate_limit" && shared.last?.requestsPerSecond == 10)
            // The planner's own gateway already has them: reconciling applies nothing twice.
            runtime.reconcileShared(now: 150)
            #expect(try database.recentActions(limit: 10).filter { $0.id.contains("@") }.isEmpty)
        }
    }

    @Test("a new leader takes over the last applied scale and the active shared blocks from the store")
    func newLeaderResumes() throws {
        try TemporaryDirectory.with { dir in
            let database = try SentinelDatabase(path: dir.file("s.db"))
            let now = Date().timeIntervalSince1970
            // What gw-a, the leader before, decided.
            for (id, age, from, to, outcome) in [
                ("plan-1", 120.0, 1, 2, "applied"), ("plan-2", 20, 2, 5, "applied"), ("plan-3", 10, 5, 9, "failed: gateway down"),
            ] {
                try database.insert(
                    StoredAction(
                        id: id, time: now - age, kind: "scale", target: "web",
                        parameters: #"{"scale":{"from":\#(from),"target":"web","to":\#(to)}}"#,
                        mode: "enforce", outcome: outcome, explanation: "x", sensor: "gw-a"))
            }
            try database.publish(
                SharedSourceAction(
                    id: "plan-4", kind: "block", source: "203.0.113.0/24", created: now, expires: now + 600, decidedBy: "gw-a"))
            let runtime = try SentinelRuntime(
                configuration: try SentinelConfiguration.parse(
                    Self.configuration.replacingOccurrences(of: "max_replicas: 2", with: "max_replicas: 10"), path: "c.yaml"),
                detector: nil, database: database, webhooks: [], host: "gw-b", modelName: "none")
            var stage = try #require(runtime.planner)
            #expect(stage.replicas == 1)
            runtime.resumePlannerState(&stage, now: now)
            #expect(stage.replicas == 5, "the last scale that was applied (the failed one to 9 is not)")
            #expect(runtime.summary.plannerResumes == 1)
        }
    }
}
