import Foundation
import SentinelAlerts
import SentinelCore
import SentinelDetection
import SentinelLearning
import SentinelPlanner
import SentinelStore
import SentinelTestSupport
import Testing

@testable import SentinelRuntime

/// A planner action's alert names the model whose verdict it acted on.
@Suite("The model a planner alert names")
struct PlannerAlertModelTests {
    @Test(
        "an action decided on a log window names the log model, one on a packet window the packet model",
        arguments: [("latency_degradation", "logs-v1"), ("syn_flood", "default-v3")])
    func modelName(className: String, model: String) throws {
        try TemporaryDirectory.with { directory in
            let database = try SentinelDatabase(path: directory.file("s.db"))
            let root = SharedData.packageRoot + "/models/"
            let webhook = try WebhookTarget(
                name: "soc", url: "http://127.0.0.1:9/hook", secret: try WebhookSecret(text: "whsec_c2VudGluZWwtdGVzdC1zZWNyZXQ="))
            let runtime = try SentinelRuntime(
                configuration: try SentinelConfiguration.parse(
                    "sentinel: { host: gw-a, window: 1 }\ncapture: { interfaces: [] }\n", path: "c.yaml"),
                detector: try WindowDetector(model: try DetectionModel.load(path: root + "default.json")),
                logDetector: try LogWindowDetector(model: try DetectionModel.load(path: root + "logs.json")), database: database,
                webhooks: [webhook], host: "gw-a", modelName: "default-v3", logModelName: "logs-v1")
            let action = PlannedAction(
                action: Action(unchecked: "a1", kind: .block(try SourcePrefix("203.0.113.7")), timeToLive: 60), replicasBefore: nil,
                time: 100, mode: .dryRun, rule: "protect", inputs: [:], explanation: "an open incident")
            let observation = WindowObservation(
                start: 99, end: 100, className: className, confidence: 0.9, target: "/var/log/nginx/access.log",
                topOffenders: ["203.0.113.7"], keyFeatures: [:])
            runtime.announce(action, observation: observation, taken: false)
            runtime.flushStoreBuffer(force: true)
            let queued = try database.claimDue(now: 1e12, limit: 10, sensor: "gw-a", lease: 30)
            #expect(queued.count == 1)
            let entry = try #require(queued.first)
            let payload = try #require(try JSONSerialization.jsonObject(with: entry.payload) as? [String: Any])
            #expect(payload["model"] as? String == model, "\(payload)")
        }
    }
}
