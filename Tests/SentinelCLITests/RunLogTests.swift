import Foundation
import SentinelAlerts
import SentinelStore
import SentinelTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `sentinel run` tailing an access log (no capture, so no privileges needed): a burst of 5xx
/// answers opens an `error_spike` incident sent signed to a real receiver; a restart resumes
/// the log and the outbox without losing or repeating anything.
@Suite("sentinel run on an access log", .serialized)
struct RunLogTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    /// ``LossRegressionTests/config(store:log:httpPort:listen:format:resolveAfter:)`` (resolving
    /// after three windows) with a signed webhook to 127.0.0.1:`receiverPort`.
    static func config(store: String, log: String, receiverPort: UInt16, httpPort: UInt16, timeout: Double = 3) -> String {
        LossRegressionTests.config(store: store, log: log, httpPort: httpPort, resolveAfter: 3) + "\n"
            + """
            alerts:
              webhooks:
                - name: soc
                  url: "http://127.0.0.1:\(receiverPort)/hook"
                  secret_env: SENTINEL_RUN_LOG_SECRET
                  timeout: \(timeout)
            """
    }

    /// An enforcing planner with the naive forecast that scales `web`: `capacity` per replica,
    /// 1 to `maxReplicas` replicas, horizon 2.
    static func enforcingPlanner(capacity: Int, maxReplicas: Int) -> String {
        """
        planner:
          mode: enforce
          method: naive
          scale: { target: web, capacity_per_replica: \(capacity), min_replicas: 1, max_replicas: \(maxReplicas), horizon: 2 }
        """
    }

    /// A `gateway:` section whose `role` (`scaling`, `sources`, `servers`) is an exec gateway
    /// that appends each request, one JSON object a line, to `file` (read back with
    /// ``Setup/gatewayInput(_:)``).
    static func recordingGateway(_ role: String, into file: String) -> String {
        """
        gateway:
          \(role):
            exec: { command: ["/bin/sh", "-c", "cat >> \(file); echo >> \(file)"] }
        """
    }

    /// A free loopback port (``LoopbackPort/free()``).
    static func freePort() throws -> UInt16 { try LoopbackPort.free() }

    static let spike: [LiveAccessLog.Phase] = [
        .init(seconds: 3), .init(seconds: 5, errorShare: 0.6), .init(seconds: 6),
    ]

    @Test("an error spike in the tailed log opens and resolves an error_spike incident; old lines never re-alert")
    func errorSpike() throws {
        try TemporaryDirectory.with { dir in
            let log = dir.file("access.log")
            // History already in the file when the sentinel first starts: never analysed, never alerted.
            let old = Date().addingTimeInterval(-3_600)
            let history = (0..<600).map {
                LiveAccessLog.line(
                    client: $0 % 7, status: 503, latency: 0.004,
                    date: old.addingTimeInterval(Double($0) / 10))
            }.joined()
            try history.write(toFile: log, atomically: true, encoding: .utf8)
            let receiver = try WebhookReceiver()
            defer { receiver.stop() }
            let configPath = dir.file("sentinel.yaml")
            let httpPort = try Self.freePort()
            try Self.config(store: dir.file("sentinel.db"), log: log, receiverPort: receiver.port, httpPort: httpPort)
                .write(toFile: configPath, atomically: true, encoding: .utf8)
            setenv("SENTINEL_RUN_LOG_SECRET", Self.secret, 1)
            let metrics = FetchBox()
            let first = try SentinelProcess.run(
                ["run", "--config", configPath], timeout: 40,
                whileRunning: { process in
                    sleep(1)
                    let garbage = "not a log line\n127.0.0.1 - - [bad time] \"GET / HTTP/1.1\" 200 1\n\u{1}\u{2}\n"
                    if let handle = FileHandle(forWritingAtPath: log) {
                        handle.seekToEndOfFile()
                        handle.write(Data(garbage.utf8))
                        handle.closeFile()
                    }
                    try? LiveAccessLog(path: log).play(Self.spike)
                    metrics.result = RunCommandTests.fetch("http://127.0.0.1:\(httpPort)/metrics")
                    sleep(2)
                    kill(process.processIdentifier, SIGTERM)
                })
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("incidents opened 1"), "\(first.stdout)")
            let ids = receiver.requests.compactMap { $0.headers["webhook-id"] }
            #expect(ids.count == 2 && ids.first?.hasSuffix(":opened") == true && ids.last?.hasSuffix(":resolved") == true, "\(ids)")
            let opened = try #require(receiver.requests.first)
            let signer = WebhookSigner(secret: try WebhookSecret(text: Self.secret))
            #expect(signer.verify(headers: opened.headers, body: opened.body, now: Date().timeIntervalSince1970))
            let event = try JSONDecoder().decode(AlertEvent.self, from: opened.body)
            #expect(event.className == "error_spike" && event.target == log, "\(event.className) on \(event.target)")
            // The alert names the model that judged log windows, not the packet model.
            #expect(event.model.hasSuffix("logs.json"), "\(event.model)")
            // Malformed lines are counted by reason and skipped; the history was never read.
            let body = try #require(metrics.result?.body)
            let skipped = body.split(separator: "\n").filter { $0.hasPrefix("sentinel_log_lines_skipped_total{") }
                .compactMap { Int($0.split(separator: " ").last ?? "") }
            #expect(skipped.reduce(0, +) == 3, "\(body)")
            let read = body.split(separator: "\n").first { $0.hasPrefix("sentinel_log_lines_total{") }
            #expect(read.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0 < 600, "history must not be read: \(read ?? "")")

            // A restart with nothing new in the log: the saved position means no line is read again.
            let second = try SentinelProcess.run(["run", "--config", configPath, "--duration", "3"], timeout: 20)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.contains("incidents opened 0"), "\(second.stdout)")
            #expect(receiver.requests.count == 2)
        }
    }

    @Test("SIGKILL while the receiver holds the alert: the restarted sentinel delivers every event, each once")
    func killedMidDelivery() throws {
        try TemporaryDirectory.with { dir in
            let log = dir.emptyFile("access.log")
            let port = try Self.freePort()
            let configPath = try dir.write(
                Self.config(store: dir.file("sentinel.db"), log: log, receiverPort: port, httpPort: try Self.freePort(), timeout: 20),
                to: "sentinel.yaml")
            setenv("SENTINEL_RUN_LOG_SECRET", Self.secret, 1)

            // A receiver that records each request and then holds it for 25 s without answering.
            let stalled = try WebhookReceiver(port: port, responseDelay: 25)
            let first = try SentinelProcess.run(
                ["run", "--config", configPath], timeout: 60,
                whileRunning: { process in
                    sleep(1)
                    try? LiveAccessLog(path: log).play(Self.spike)
                    // The opened event is in flight (recorded, unanswered); the resolve is queued behind it.
                    stalled.waitForFirstRequest()
                    sleep(1)
                    kill(process.processIdentifier, SIGKILL)
                })
            stalled.stop()
            #expect(first.status != 0)
            let inFlight = stalled.requests.compactMap { $0.headers["webhook-id"] }
            #expect(inFlight.count == 1 && inFlight.first?.hasSuffix(":opened") == true, "\(inFlight)")

            let receiver = try WebhookReceiver(port: port)
            defer { receiver.stop() }
            let second = try SentinelProcess.run(["run", "--config", configPath, "--duration", "4"], timeout: 30)
            #expect(second.status == 0, "\(second.stderr)")
            let delivered = receiver.requests.compactMap { $0.headers["webhook-id"] }
            #expect(delivered.count == 2 && Set(delivered).count == 2, "\(delivered)")
            #expect(delivered.first == inFlight.first, "the event cut off by the kill is sent again under the same id")
            #expect(delivered.last?.hasSuffix(":resolved") == true)
            let alerts = try SentinelProcess.run(["alerts", "--db", dir.file("sentinel.db"), "--format", "json"])
            let document = try alerts.json()
            #expect(alerts.status == 0 && document?["undelivered"] as? Int == 0, "\(alerts.stdout)")
        }
    }

    /// A ``LogRunFolder`` with ``config(store:log:receiverPort:httpPort:timeout:)`` written, `extra`
    /// appended.
    final class Setup: LogRunFolder {
        /// `/metrics` as it read just before the stop.
        let metrics = FetchBox()

        init(extra: (_ dir: TemporaryDirectory, _ log: String) -> String) throws {
            try super.init(receiver: WebhookReceiver())
            try
                (RunLogTests.config(store: store, log: log, receiverPort: receiver.port, httpPort: httpPort)
                + "\n" + extra(dir, log)).write(toFile: configPath, atomically: true, encoding: .utf8)
        }

        /// Runs the sentinel while `phases` are written to the log, then stops it (SIGTERM).
        ///
        /// `/metrics` is read two seconds after the last line; when `settled` is given, it is
        /// read again every half second (for up to 15 s) until `settled` accepts the page: a
        /// sanitized build (`scripts/sanitize.sh`) closes its windows later than two seconds.
        func run(_ phases: [LiveAccessLog.Phase], settled: (@Sendable (String) -> Bool)? = nil) throws -> SentinelProcess.Output {
            let (log, port, metrics) = (self.log, httpPort, self.metrics)
            return try SentinelProcess.run(
                ["run", "--config", configPath], timeout: 60,
                whileRunning: { process in
                    sleep(1)
                    try? LiveAccessLog(path: log).play(phases)
                    sleep(2)
                    metrics.result = RunCommandTests.fetch("http://127.0.0.1:\(port)/metrics")
                    if let settled {
                        let deadline = Date().addingTimeInterval(15)
                        while !settled(metrics.result?.body ?? ""), Date() < deadline {
                            usleep(500_000)
                            metrics.result = RunCommandTests.fetch("http://127.0.0.1:\(port)/metrics")
                        }
                    }
                    kill(process.processIdentifier, SIGTERM)
                })
        }

        /// The JSON list `key` of `sentinel <command> --db STORE --format json`.
        func list(_ command: String, _ key: String) throws -> [[String: Any]] {
            let listed = try SentinelProcess.run([command, "--db", store, "--format", "json"])
            let object = try listed.json()
            return try #require(object?[key] as? [[String: Any]], "\(listed.stdout)")
        }

        /// The alerts the receiver got, decoded.
        var alerts: [AlertEvent] { receiver.requests.compactMap { try? JSONDecoder().decode(AlertEvent.self, from: $0.body) } }

        /// The JSON objects written one per line into `path` by an exec gateway.
        func gatewayInput(_ path: String) -> [[String: Any]] {
            let lines = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n") ?? []
            return lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
    }

    @Test("the planner in dry-run: a rising request rate asks for more replicas; each decision is stored and alerted, not applied")
    func plannerScales() throws {
        let setup = try Setup { _, _ in
            """
            planner:
              mode: dry-run
              method: naive
              scale: { target: web, capacity_per_replica: 10, min_replicas: 1, max_replicas: 10, horizon: 2,
                       scale_down_stabilization: 60 }
            """
        }
        // Read once the load is back to 0 (two quiet seconds after it, more under a sanitizer).
        let run = try setup.run([.init(seconds: 3, requestsPerSecond: 10), .init(seconds: 5, requestsPerSecond: 60)]) { page in
            OutageTests.metric(page, "sentinel_planner_legitimate_load ") == 0
        }
        #expect(run.status == 0, "\(run.stderr)")
        let scales = try setup.list("actions", "actions").filter { $0["kind"] as? String == "scale" }
        #expect(!scales.isEmpty)
        #expect(
            scales.allSatisfy { $0["mode"] as? String == "dry-run" && ($0["explanation"] as? String)?.contains("hpa-forecast") == true })
        let highest = scales.compactMap { ($0["parameters"] as? [String: Any])?["scale"] as? [String: Any] }.compactMap { $0["to"] as? Int }
            .max()
        #expect((highest ?? 0) >= 8, "60 requests/s at 10 per replica and 70 % → 9: \(scales)")
        #expect(setup.alerts.contains { $0.kind == .action && $0.target == "web" && !$0.actionTaken }, "\(setup.alerts.map(\.eventID))")
        // The same numbers for a cluster's own autoscaler (KEDA, an HPA on external metrics).
        let page = setup.metrics.result?.body ?? ""
        let gauge = { (name: String) in
            page.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
        }
        #expect((gauge("sentinel_planner_desired_replicas") ?? 0) >= 8, "\(page)")
        // Read after the load (two quiet seconds, or until it shows): the last window's legitimate
        // load is back to 0, the wanted replicas are held by the scale-down stabilisation.
        #expect(gauge("sentinel_planner_legitimate_load") == 0, "\(page)")
        #expect(gauge("sentinel_planner_forecast_load") != nil, "\(page)")
    }

    @Test("the anomaly scorer on the live latency series: a latency jump opens a degradation incident on that series")
    func anomalyIncident() throws {
        let setup = try Setup { _, _ in "anomalies: { warmup: 10, threshold: 0.6 }\n" }
        let run = try setup.run([
            .init(seconds: 14, requestsPerSecond: 20, latency: 0.02),
            .init(seconds: 5, requestsPerSecond: 20, latency: 0.9),
        ])
        #expect(run.status == 0, "\(run.stderr)")
        // A clean stop logs no error (Hummingbird's endpoint is shut down gracefully).
        let levels = run.stderr.split(separator: "\n").map { $0.split(separator: " ").dropFirst().first ?? "" }
        #expect(!levels.contains("error") && !levels.contains("critical") && !run.stderr.contains("Hummingbird"), "\(run.stderr)")
        let incidents = try setup.list("incidents", "incidents")
        #expect(
            incidents.contains { $0["class"] as? String == "degradation" && $0["target"] as? String == setup.log + " latency_p95_ms" },
            "\(incidents)")
        #expect(setup.alerts.contains { $0.kind == .opened && $0.className == "degradation" && $0.keyFeatures["anomaly_score"] != nil })
        #expect(setup.alerts.filter { $0.className == "degradation" }.allSatisfy { $0.model == "online anomaly scorer" })
    }

    @Test("the planner in enforce mode: scale actions go through the exec gateway, stored as applied and alerted as taken")
    func plannerEnforces() throws {
        let setup = try Setup { dir, _ in
            """
            \(RunLogTests.enforcingPlanner(capacity: 10, maxReplicas: 10))
            \(RunLogTests.recordingGateway("scaling", into: dir.file("gateway.jsonl")))
            """
        }
        let run = try setup.run([.init(seconds: 2, requestsPerSecond: 10), .init(seconds: 4, requestsPerSecond: 60)])
        #expect(run.status == 0, "\(run.stderr)")
        let sent = setup.gatewayInput(setup.dir.file("gateway.jsonl"))
        #expect(sent.contains { $0["type"] as? String == "scale" && ($0["replicas"] as? Int ?? 0) >= 8 }, "\(sent)")
        let actions = try setup.list("actions", "actions")
        #expect(
            !actions.isEmpty
                && actions.allSatisfy {
                    ($0["outcome"] as? String)?.hasPrefix("applied") == true
                        && $0["mode"] as? String == "enforce"
                }, "\(actions)")
        #expect(setup.alerts.contains { $0.kind == .action && $0.actionTaken }, "\(setup.alerts.map(\.eventID))")
    }

    @Test("a fleet's shared block, decided by another sensor's planner, is applied to this gateway and lifted when it expires")
    func sharedBlockApplied() throws {
        let setup = try Setup { dir, _ in
            """
            \(RunLogTests.enforcingPlanner(capacity: 1000, maxReplicas: 2))
            \(RunLogTests.recordingGateway("sources", into: dir.file("sources.jsonl")))
            """
        }
        // Another sentinel of the fleet (gw-a) decided these in the shared store.
        let now = Date().timeIntervalSince1970
        let store = try SentinelDatabase(path: setup.store)
        try store.publish(
            SharedSourceAction(id: "plan-a-1", kind: "block", source: "203.0.113.0/24", created: now, expires: now + 4, decidedBy: "gw-a"))
        try store.publish(
            SharedSourceAction(
                id: "plan-a-2", kind: "rate_limit", source: "198.51.100.7", requestsPerSecond: 5, created: now, expires: now + 60,
                decidedBy: "gw-a"))
        try store.publish(
            SharedSourceAction(id: "plan-a-0", kind: "block", source: "192.0.2.1", created: now - 100, expires: now - 10, decidedBy: "gw-a")
        )
        let run = try setup.run([.init(seconds: 7, requestsPerSecond: 5)])
        #expect(run.status == 0, "\(run.stderr)")
        let sent = setup.gatewayInput(setup.dir.file("sources.jsonl"))
        let types = sent.map { "\($0["type"] as? String ?? "?") \($0["source"] as? String ?? "?")" }
        #expect(types.prefix(2).sorted() == ["block 203.0.113.0/24", "rate_limit 198.51.100.7"], "\(types)")
        // The block lifted at its expiry while running, the limit at the stop; the expired one never applied.
        #expect(types.contains("unblock 203.0.113.0/24") && types.contains("lift_rate_limit 198.51.100.7"), "\(types)")
        #expect(!types.contains { $0.hasSuffix("192.0.2.1") }, "\(types)")
        let actions = try setup.list("actions", "actions")
        let applied = actions.filter { ($0["id"] as? String)?.hasPrefix("plan-a-1@") == true }
        #expect(applied.count == 1 && (applied.first?["outcome"] as? String)?.hasPrefix("applied") == true, "\(actions)")
        #expect((applied.first?["explanation"] as? String)?.contains("decided by gw-a") == true)
    }

    @Test("a circuit breaker in enforce mode: an error spike in the log drains the backend server, recovery restores it")
    func breakerDrains() throws {
        let setup = try Setup { dir, log in
            """
            planner:
              mode: enforce
              breakers:
                - { source: \(log), backend: web, server: s1, open_after: 2, open_seconds: 2, close_after: 2 }
            \(RunLogTests.recordingGateway("servers", into: dir.file("servers.jsonl")))
            """
        }
        let run = try setup.run(Self.spike)
        #expect(run.status == 0, "\(run.stderr)")
        let sent = setup.gatewayInput(setup.dir.file("servers.jsonl"))
        let steps = sent.map { ($0["type"] as? String ?? "") + " " + (($0["state"] as? String) ?? ($0["weight"].map { "\($0)" } ?? "")) }
        #expect(steps.first == "set_server_state drain", "\(steps)")
        #expect(steps.contains("set_server_state ready") && steps.last == "set_server_weight 100", "\(steps)")
        #expect(sent.allSatisfy { $0["backend"] as? String == "web" && $0["server"] as? String == "s1" })
    }
}
