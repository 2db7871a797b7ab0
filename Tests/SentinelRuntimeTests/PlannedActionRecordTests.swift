import Foundation
import SentinelCore
import SentinelPlanner
import Testing

@testable import SentinelRuntime

/// The planner emits ``Action``s; what the store keeps of them, and what the gateways get, is
/// what it was when the planner had its own action kinds (issue 11).
@Suite("Planned actions: stored rows and gateway actions")
struct PlannedActionRecordTests {
    static let configuration = """
        sentinel: { host: gw-a, window: 1 }
        capture: { interfaces: [] }
        planner: { mode: enforce, method: naive }
        gateway:
          sources: { exec: { command: ["/bin/true"] } }
          servers: { exec: { command: ["/bin/true"] } }
          scaling: { kubernetes: { api: "https://k.example", namespace: prod } }
        """

    struct Case: Sendable, CustomTestStringConvertible {
        var kind: Action.Kind
        var ttl: Double?
        var replicasBefore: Int?
        /// The stored `kind`, `target` and `parameters`.
        var stored: String
        /// The gateway action, or why there is none (`-` for a lift: the enforcer lifts).
        var gateway: String
        var testDescription: String { stored }
    }

    static let source = try! SourcePrefix("203.0.113.0/24")
    static let server = try! BackendServer(backend: "web", server: "s1")

    static let cases: [Case] = [
        Case(
            kind: .block(source), ttl: 600, stored: #"block|203.0.113.0/24|{"block":{"source":"203.0.113.0\/24","ttl":600}}"#,
            gateway: "p: block 203.0.113.0/24 for 600 s"),
        Case(
            kind: .rateLimit(source, requestsPerSecond: 2.5), ttl: 60,
            stored: #"rate-limit|203.0.113.0/24|{"rateLimit":{"requestsPerSecond":2.5,"source":"203.0.113.0\/24","ttl":60}}"#,
            gateway: "p: rate-limit 203.0.113.0/24 to 2.5 req/s for 60 s"),
        Case(
            kind: .scale(DeploymentReference(unchecked: "web"), replicas: 2), replicasBefore: 1,
            stored: #"scale|web|{"scale":{"from":1,"target":"web","to":2}}"#, gateway: "p: scale prod/web to 2 replicas"),
        Case(
            kind: .scale(DeploymentReference(unchecked: "Web_App"), replicas: 0), replicasBefore: 3,
            stored: #"scale|Web_App|{"scale":{"from":3,"target":"Web_App","to":0}}"#,
            gateway: "'Web_App' is not a valid name (letters, digits, '.', '-', '_' only)"),
        Case(kind: .unblock(source), stored: #"lift|203.0.113.0/24|{"lift":{"source":"203.0.113.0\/24"}}"#, gateway: "-"),
        Case(kind: .liftRateLimit(source), stored: #"lift|203.0.113.0/24|{"lift":{"source":"203.0.113.0\/24"}}"#, gateway: "-"),
        Case(
            kind: .setServerState(server, .drain),
            stored: #"server-state|web/s1|{"serverState":{"backend":"web","server":"s1","state":"drain"}}"#,
            gateway: "p: set web/s1 state drain"),
        Case(
            kind: .setServerWeight(server, weight: 300),
            stored: #"server-weight|web/s1|{"serverWeight":{"backend":"web","server":"s1","weight":300}}"#,
            gateway: "weight 300 is out of range"),
        Case(
            kind: .block(source), ttl: -1, stored: #"block|203.0.113.0/24|{"block":{"source":"203.0.113.0\/24","ttl":-1}}"#,
            gateway: "ttl -1.0 is out of range"),
    ]

    @Test("the stored row and the gateway action", arguments: cases)
    func record(_ test: Case) throws {
        let configuration = try SentinelConfiguration.parse(Self.configuration, path: "c.yaml")
        let enforcement = try #require(try EnforcementStage(configuration: configuration.gateway))
        let action = PlannedAction(
            action: Action(unchecked: "p", kind: test.kind, timeToLive: test.ttl), replicasBefore: test.replicasBefore, time: 101.5,
            mode: .enforce, rule: "rule", inputs: [:], explanation: "why")
        let row = PlannerStage.stored(action, outcome: "pending", sensor: "gw")
        #expect("\(row.kind)|\(row.target)|\(row.parameters)" == test.stored)
        #expect(row.explanation == "rule: why" && row.mode == "enforce")
        let gateway = enforcement.gatewayAction(for: action)
        #expect(gateway.action.map { "\($0)" } ?? gateway.missing ?? "-" == test.gateway)
    }
}
