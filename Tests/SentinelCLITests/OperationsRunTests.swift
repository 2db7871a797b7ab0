import Foundation
import SentinelAlerts
import SentinelStore
import SentinelTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// `sentinel run` as an operator lives with it: the log on standard error (one line per event,
/// text or JSON), SIGHUP reloads, and the JSON-lines event log read back against the store.
@Suite("sentinel run for operators: log, reload, event log", .serialized)
struct OperationsRunTests {
    /// A ``LogRunFolder`` whose receiver first answers `firstStatus`, with an event log path.
    final class Site: LogRunFolder {
        /// The event log's path (`events.json` in the folder).
        var events: String { dir.file("events.json") }

        init(firstStatus: Int = 200) throws {
            try super.init(receiver: WebhookReceiver(statuses: [firstStatus], defaultStatus: 200))
        }

        /// The configuration: incidents open after `openAfter` windows, `more` logs tailed too; `extra` appended.
        func write(openAfter: Int = 2, more: [String] = [], extra: String = "") throws {
            let text = """
                http:
                  listen: "127.0.0.1:\(httpPort)"
                sentinel:
                  window: 1
                  store: \(store)
                logs:
                  - { path: \(log), format: combined }
                \(more.map { "  - { path: \($0), format: combined }\n" }.joined())incidents:
                  open_after: \(openAfter)
                  resolve_after: 3
                  cooldown: 0
                alerts:
                  webhooks:
                    - { name: soc, url: "http://127.0.0.1:\(receiver.port)/hook", secret_env: SENTINEL_RUN_LOG_SECRET, timeout: 3 }

                """
            try (text + extra).write(toFile: configPath, atomically: true, encoding: .utf8)
        }

        /// `sentinel run` on the configuration, `options` after it: ``spike`` played into the
        /// log from a second after the start, SIGTERM two seconds after it ends.
        func runThroughSpike(_ options: [String] = []) throws -> SentinelProcess.Output {
            try SentinelProcess.run(
                ["run", "--config", configPath] + options, timeout: 60,
                whileRunning: { process in
                    sleep(1)
                    try? LiveAccessLog(path: self.log).play(OperationsRunTests.spike)
                    sleep(2)
                    kill(process.processIdentifier, SIGTERM)
                })
        }

        /// Every window the store holds, oldest first.
        func windows() throws -> [StoredWindow] {
            try SentinelDatabase(path: store, readOnly: true).windows(from: 0, to: 1e12, limit: nil).sorted { $0.start < $1.start }
        }

        /// The requests in `path` (default: the log), the lines the test wrote.
        func requestsWritten(_ path: String? = nil) -> Int {
            ((try? String(contentsOfFile: path ?? log, encoding: .utf8)) ?? "").split(separator: "\n").count
        }
    }

    static let spike: [LiveAccessLog.Phase] = [.init(seconds: 2), .init(seconds: 5, errorShare: 0.6), .init(seconds: 6)]

    /// Lines of the text log: `TIME LEVEL message key=value…`.
    static func textLines(_ stderr: String) -> [(level: String, rest: String)] {
        stderr.split(separator: "\n").map { line in
            let parts = line.split(separator: " ", maxSplits: 2)
            return (parts.count > 1 ? String(parts[1]) : "", parts.count > 2 ? String(parts[2]) : "")
        }
    }

    @Test(
        "the text log: start with the resolved settings, incident opened and resolved, a failed then recovered delivery, dry-run recommendations, a clean stop; one event per line"
    )
    func textLog() throws {
        let site = try Site(firstStatus: 500)
        try site.write(
            extra: """
                planner:
                  mode: dry-run
                  method: naive
                  scale: { target: web, capacity_per_replica: 2, min_replicas: 1, max_replicas: 20, horizon: 2 }
                """)
        let run = try site.runThroughSpike()
        #expect(run.status == 0, "\(run.stderr)")
        let lines = Self.textLines(run.stderr)
        let timestamp = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (trace|debug|info|notice|warning|error|critical) \S"#)
        for line in run.stderr.split(separator: "\n") {
            #expect(line.prefixMatch(of: timestamp) != nil, "not a log line: \(line)")
        }
        #expect(!run.stderr.contains("\u{1B}["), "no colour when standard error is not a terminal")
        let started = try #require(lines.first { $0.level == "notice" && $0.rest.hasPrefix("started ") }, "\(run.stderr)")
        for field in [
            "config=\(site.configPath)", "sources=\(site.log)", "store=\(site.store)", "listen=http://127.0.0.1:\(site.httpPort)/metrics",
            "planner=dry-run", "webhooks=1",
        ] {
            #expect(started.rest.contains(field), "\(field) in \(started.rest)")
        }
        #expect(started.rest.contains("model=") && started.rest.contains("default.json"))
        #expect(
            lines.filter { $0.level == "info" && $0.rest.hasPrefix("path ") && $0.rest.contains(" role=") }.count >= 4, "each path once")
        let opened = lines.filter { $0.rest.hasPrefix("incident opened ") }
        #expect(opened.count == 1 && opened.first?.level == "warning", "\(run.stderr)")
        #expect(opened.first?.rest.contains("class=error_spike") == true && opened.first?.rest.contains("target=\(site.log)") == true)
        #expect(lines.filter { $0.rest.hasPrefix("incident resolved ") && $0.level == "notice" }.count == 1, "\(run.stderr)")
        #expect(lines.contains { $0.rest.hasPrefix("action recommended: scale web ") && $0.rest.contains("mode=dry-run") }, "\(run.stderr)")
        // The receiver refused the first alert: a warning, then the recovery.
        let failed = try #require(lines.first { $0.rest.hasPrefix("alert delivery failed") }, "\(run.stderr)")
        #expect(failed.level == "warning" && failed.rest.contains("webhook=soc") && failed.rest.contains("attempt=1"))
        #expect(failed.rest.contains("HTTP status 500"), "\(failed.rest)")
        #expect(lines.contains { $0.rest.hasPrefix("alert delivered after failed attempts") }, "\(run.stderr)")
        #expect(lines.last?.level == "notice" && lines.last?.rest.hasPrefix("stopped ") == true, "\(run.stderr)")
        #expect(lines.last?.rest.contains("incidents_opened=1") == true)
        // A clean stop: no error line, nothing from Hummingbird.
        #expect(!lines.contains { $0.level == "error" || $0.level == "critical" }, "\(run.stderr)")
        #expect(!run.stderr.contains("Hummingbird"), "\(run.stderr)")
    }

    @Test("under journald (JOURNAL_STREAM names standard error): <N> priority prefixes, no timestamps, one line per event")
    func journal() throws {
        let site = try Site()
        try site.write()
        // The shell sets JOURNAL_STREAM to its standard error's device:inode, as systemd does for the journal.
        let script = #"JOURNAL_STREAM=$(stat -L -c %d:%i /proc/self/fd/2) exec "$@""#
        let run = try SentinelProcess.run(
            ["run", "--config", site.configPath, "--duration", "2"], timeout: 30, prefix: ["/bin/sh", "-c", script, "sh"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count >= 5 && lines.allSatisfy { $0.hasPrefix("<") && $0.dropFirst(2).hasPrefix(">") }, "\(run.stderr)")
        #expect(lines.contains { $0.hasPrefix("<5>started config=") }, "notice is priority 5: \(run.stderr)")
        #expect(lines.contains { $0.hasPrefix("<6>path ") } && !run.stderr.contains("Z info "), "\(run.stderr)")
    }

    @Test("--log-format json --log-level debug: every line a JSON object; deliveries logged at debug; the file's log: section is beaten")
    func jsonLog() throws {
        let site = try Site()
        try site.write(extra: "log:\n  level: error\n  format: text\n")
        let run = try site.runThroughSpike(["--log-format", "json", "--log-level", "debug"])
        #expect(run.status == 0, "\(run.stderr)")
        let objects = run.stderr.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(!objects.isEmpty && objects.allSatisfy { $0 != nil }, "\(run.stderr)")
        let events = objects.compactMap { $0 }
        #expect(events.allSatisfy { $0["timestamp"] is String && $0["level"] is String && $0["message"] is String })
        let started = try #require(events.first { $0["message"] as? String == "started" })
        #expect(
            started["listen"] as? String == "http://127.0.0.1:\(site.httpPort)/metrics" && started["config"] as? String == site.configPath)
        let opened = try #require(events.first { $0["message"] as? String == "incident opened" })
        #expect(opened["class"] as? String == "error_spike" && opened["level"] as? String == "warning")
        #expect(events.filter { $0["message"] as? String == "alert delivered" && $0["level"] as? String == "debug" }.count == 2)
        let bad = try SentinelProcess.run(["run", "--config", site.configPath, "--log-level", "loud"])
        #expect(bad.status != 0 && bad.stderr.contains("--log-level must be one of"), "\(bad.stderr)")
    }

    @Test(
        "start-up errors with --log-format json (or the file's log.format json) are one JSON line of the operator log; text stays plain"
    )
    func startupErrorsAsJSON() throws {
        let site = try Site()
        let missing = site.dir.file("missing.yaml")
        func line(_ stderr: String) throws -> [String: Any] {
            let lines = stderr.split(separator: "\n")
            #expect(lines.count == 1, "one line: \(stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any], "\(stderr)")
        }
        // No file: the command line says json.
        let noFile = try SentinelProcess.run(["run", "--config", missing, "--log-format", "json"], timeout: 30)
        #expect(noFile.status == 2)
        let first = try line(noFile.stderr)
        #expect(first["level"] as? String == "critical" && first["message"] as? String == "cannot start", "\(first)")
        #expect(first["logger"] as? String == "sentinel" && first["timestamp"] is String)
        #expect((first["error"] as? String)?.contains(missing) == true, "\(first)")
        // A model that is not there, the file asking for json.
        try site.write(extra: "log:\n  format: json\n")
        let text = try String(contentsOfFile: site.configPath, encoding: .utf8)
        try text.replacingOccurrences(of: "  window: 1\n", with: "  window: 1\n  model: \(site.dir.file("nope.json"))\n")
            .write(toFile: site.configPath, atomically: true, encoding: .utf8)
        let noModel = try SentinelProcess.run(["run", "--config", site.configPath], timeout: 30)
        #expect(noModel.status == 2)
        let second = try line(noModel.stderr)
        #expect(second["message"] as? String == "cannot start" && (second["error"] as? String)?.contains("nope.json") == true, "\(second)")
        // A file refused for another section still says its format.
        try text.replacingOccurrences(of: "open_after: 2\n", with: "open_after: zero\n")
            .write(toFile: site.configPath, atomically: true, encoding: .utf8)
        let refused = try SentinelProcess.run(["run", "--config", site.configPath], timeout: 30)
        let third = try line(refused.stderr)
        #expect(refused.status == 2 && (third["error"] as? String)?.contains("open_after") == true, "\(third)")
        // Text (the default) stays the plain `sentinel: …` line.
        let plain = try SentinelProcess.run(["run", "--config", missing], timeout: 30)
        #expect(plain.status == 2 && plain.stderr.hasPrefix("sentinel: ") && !plain.stderr.contains("{"), "\(plain.stderr)")
    }

    @Test(
        "SIGHUP: a bad file is refused and logged; a good one takes effect (open_after, a new log); open incidents, log positions and the outbox are kept; no request lost"
    )
    func reload() throws {
        let site = try Site()
        let second = site.dir.emptyFile("second.log")
        try site.write(openAfter: 50)
        let reloadedAt = FetchBox()
        let run = try SentinelProcess.run(
            ["run", "--config", site.configPath], timeout: 90,
            whileRunning: { process in
                sleep(1)
                let log = LiveAccessLog(path: site.log)
                // With open_after 50, this spike opens nothing.
                try? log.play([.init(seconds: 2), .init(seconds: 5, errorShare: 0.6), .init(seconds: 2)])
                try? "incidents:\n  open_after: zero\n".write(toFile: site.configPath, atomically: true, encoding: .utf8)
                kill(process.processIdentifier, SIGHUP)
                try? log.play([.init(seconds: 1.5)])
                try? site.write(openAfter: 2)
                kill(process.processIdentifier, SIGHUP)
                reloadedAt.result = (0, "\(Date().timeIntervalSince1970)")
                try? log.play([.init(seconds: 1.5), .init(seconds: 5, errorShare: 0.6)])
                // Reloaded again while the incident is open: it stays open, announced once; a
                // second log is followed from then on.
                try? site.write(openAfter: 2, more: [second], extra: "anomalies:\n  enabled: false\n")
                kill(process.processIdentifier, SIGHUP)
                usleep(500_000)
                let both = DispatchGroup()
                DispatchQueue.global().async(group: both) { try? LiveAccessLog(path: second).play([.init(seconds: 4)]) }
                try? log.play([.init(seconds: 6)])
                both.wait()
                sleep(2)
                kill(process.processIdentifier, SIGTERM)
            })
        #expect(run.status == 0, "\(run.stderr)")
        let lines = Self.textLines(run.stderr)
        let refused = try #require(lines.first { $0.rest.hasPrefix("reload refused") }, "\(run.stderr)")
        #expect(refused.level == "error" && refused.rest.contains("\(site.configPath):2:"), "\(refused.rest)")
        let reloads = lines.filter { $0.rest.hasPrefix("configuration reloaded ") }
        #expect(reloads.count == 2, "\(run.stderr)")
        #expect(reloads.first?.rest.contains("changed=incidents") == true, "\(reloads)")
        #expect(reloads.last?.rest.contains("changed=logs,anomalies") == true, "\(reloads)")
        #expect(lines.contains { $0.rest == "log followed path=\(second)" }, "\(run.stderr)")
        #expect(reloads.last?.rest.contains("open_incidents=1") == true, "the incident open at the second reload is kept: \(reloads)")
        // The new threshold is in force: one incident, opened after the reload, announced once each way.
        let incidents = try SentinelDatabase(path: site.store, readOnly: true).recentIncidents(limit: 10)
        let reloadTime = Double(reloadedAt.result?.body ?? "") ?? 0
        #expect(incidents.count == 1 && (incidents.first?.opened ?? 0) > reloadTime, "\(incidents)")
        let ids = site.receiver.requests.compactMap { $0.headers["webhook-id"] }
        #expect(ids.count == 2 && ids.first?.hasSuffix(":opened") == true && ids.last?.hasSuffix(":resolved") == true, "\(ids)")
        // Nothing lost across three reloads: every request written is in a stored window, and
        // the windows follow each other without a gap.
        let windows = try site.windows().filter { $0.source == site.log }
        #expect(windows.map(\.packets).reduce(0, +) == site.requestsWritten(), "\(windows.count) windows")
        let added = try site.windows().filter { $0.source == second }
        #expect(site.requestsWritten(second) > 0 && added.map(\.packets).reduce(0, +) == site.requestsWritten(second))
        let gaps = zip(windows, windows.dropFirst()).filter { $1.start - $0.end > 0.001 }
        #expect(gaps.isEmpty, "\(gaps.map { ($0.end, $1.start) })")
    }

    @Test("SIGHUP reads secrets from files again: a rotated http.token_file and webhook secret_file take effect without a restart")
    func reloadRereadsSecretFiles() throws {
        let site = try Site()
        let tokenFile = site.dir.file("endpoint.token"), secretFile = site.dir.file("soc.secret")
        let rotated = "whsec_cm90YXRlZC1zZWNyZXQtZm9yLXNpZ2h1cC10ZXN0ISE="
        func writeSecret(_ text: String, _ path: String) {
            FileManager.default.createFile(atPath: path, contents: Data((text + "\n").utf8), attributes: [.posixPermissions: 0o600])
            chmod(path, 0o600)
        }
        writeSecret("first-token-0123456789", tokenFile)
        writeSecret(RunLogTests.secret, secretFile)
        try site.write()
        let text = try String(contentsOfFile: site.configPath, encoding: .utf8)
        try text.replacingOccurrences(of: "secret_env: SENTINEL_RUN_LOG_SECRET", with: "secret_file: \(secretFile)")
            .replacingOccurrences(
                of: "  listen: \"127.0.0.1:\(site.httpPort)\"\n",
                with: "  listen: \"127.0.0.1:\(site.httpPort)\"\n  token_file: \(tokenFile)\n"
            )
            .write(toFile: site.configPath, atomically: true, encoding: .utf8)
        let statuses = StatusBox()
        let url = "http://127.0.0.1:\(site.httpPort)/metrics"
        let run = try SentinelProcess.run(
            ["run", "--config", site.configPath], timeout: 60,
            whileRunning: { process in
                sleep(1)
                statuses.append(Self.fetch(url, token: "first-token-0123456789"))
                writeSecret("second-token-0123456789", tokenFile)
                writeSecret(rotated, secretFile)
                kill(process.processIdentifier, SIGHUP)
                usleep(800_000)
                statuses.append(Self.fetch(url, token: "first-token-0123456789"))
                statuses.append(Self.fetch(url, token: "second-token-0123456789"))
                try? LiveAccessLog(path: site.log).play(Self.spike)
                sleep(2)
                kill(process.processIdentifier, SIGTERM)
            })
        #expect(run.status == 0, "\(run.stderr)")
        #expect(statuses.values == [200, 401, 200], "before, the old token after, the new token after: \(statuses.values)")
        #expect(Self.textLines(run.stderr).contains { $0.rest.hasPrefix("configuration reloaded changed=alerts") }, "\(run.stderr)")
        #expect(!run.stderr.contains("second-token") && !run.stderr.contains(rotated), "no secret in the log")
        // The alerts sent after the reload are signed with the rotated secret.
        let opened = try #require(site.receiver.requests.first, "\(run.stderr)")
        func verifies(_ secret: String) throws -> Bool {
            WebhookSigner(secret: try WebhookSecret(text: secret)).verify(
                headers: opened.headers, body: opened.body, now: Date().timeIntervalSince1970)
        }
        #expect(try verifies(rotated) && !(try verifies(RunLogTests.secret)))
    }

    @Test("SIGHUP with a changed planner: the new planner keeps the load history its forecast reads (it used to start afresh)")
    func reloadKeepsPlannerHistory() throws {
        let site = try Site()
        func planner(maxReplicas: Int) -> String {
            """
            planner:
              mode: dry-run
              method: naive
              scale: { target: web, capacity_per_replica: 2, min_replicas: 1, max_replicas: \(maxReplicas), horizon: 2 }
            """
        }
        try site.write(extra: planner(maxReplicas: 20))
        let run = try SentinelProcess.run(
            ["run", "--config", site.configPath], timeout: 60,
            whileRunning: { process in
                sleep(1)
                try? LiveAccessLog(path: site.log).play([.init(seconds: 5)])
                try? site.write(extra: planner(maxReplicas: 30))
                kill(process.processIdentifier, SIGHUP)
                try? LiveAccessLog(path: site.log).play([.init(seconds: 2)])
                kill(process.processIdentifier, SIGTERM)
            })
        #expect(run.status == 0, "\(run.stderr)")
        let reloaded = try #require(Self.textLines(run.stderr).first { $0.rest.hasPrefix("configuration reloaded ") }, "\(run.stderr)")
        #expect(reloaded.rest.contains("changed=planner"), "\(reloaded.rest)")
        let history = try #require(reloaded.rest.firstMatch(of: /planner_history=(\d+)/).flatMap { Int($0.1) }, "\(reloaded.rest)")
        // The windows of the log before the reload (about six): all kept, not 0.
        #expect(history >= 4, "\(reloaded.rest)")
    }

    @Test("the gateway's nginx configuration is read at start and again on SIGHUP: a server added there is spared from then on")
    func upstreamsFromNginxConfiguration() throws {
        let site = try Site()
        let nginx = try site.dir.write("http {\n    upstream app { server 10.9.0.8:8080; }\n}\n", to: "nginx.conf")
        try site.write(
            extra: """
                planner:
                  mode: dry-run
                gateway:
                  sources: { nginx: { include: \(site.dir.file("sentinel.conf")), config: \(nginx) } }
                """)
        let run = try SentinelProcess.run(
            ["run", "--config", site.configPath], timeout: 60,
            whileRunning: { process in
                sleep(2)
                // nginx gains a backend; nothing in sentinel.yaml changes.
                try? "http {\n    upstream app { server 10.9.0.8:8080; server 10.9.0.9:8080; }\n}\n".write(
                    toFile: nginx, atomically: true, encoding: .utf8)
                kill(process.processIdentifier, SIGHUP)
                sleep(1)
                kill(process.processIdentifier, SIGTERM)
            })
        #expect(run.status == 0, "\(run.stderr)")
        let lines = Self.textLines(run.stderr)
        #expect(
            lines.contains { $0.level == "info" && $0.rest == "gateway upstreams never blocked from=\(nginx) hosts=10.9.0.8" },
            "\(run.stderr)")
        let reloaded = try #require(lines.first { $0.rest.hasPrefix("configuration reloaded ") }, "\(run.stderr)")
        #expect(reloaded.rest.contains("changed=planner"), "the planner is rebuilt with the new server allow-listed: \(reloaded.rest)")
        #expect(
            lines.contains { $0.rest == "gateway upstreams never blocked from=\(nginx) hosts=10.9.0.8,10.9.0.9" },
            "logged again: \(run.stderr)")
    }

    /// The status of a GET with a bearer token (0 when nothing answered).
    static func fetch(_ url: String, token: String) -> Int {
        let box = FetchBox()
        let done = DispatchSemaphore(value: 0)
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 2
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        URLSession.shared.dataTask(with: request) { data, response, _ in
            if let http = response as? HTTPURLResponse { box.result = (http.statusCode, "") }
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 5)
        return box.result?.status ?? 0
    }

    /// HTTP statuses collected while the sentinel runs.
    final class StatusBox: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [Int] = []
        func append(_ status: Int) { lock.withLock { list.append(status) } }
        var values: [Int] { lock.withLock { list } }
    }

    @Test(
        "events: one JSON object per verdict, incident, action and delivery, matching the store; survives rename and copytruncate rotation")
    func eventLog() throws {
        let site = try Site()
        try site.write(
            extra: """
                events:
                  path: \(site.events)
                  verdicts: all
                planner:
                  mode: dry-run
                  method: naive
                  scale: { target: web, capacity_per_replica: 2, min_replicas: 1, max_replicas: 20, horizon: 2 }
                """)
        let rotated = site.dir.file("events.json.1"), copied = site.dir.file("events.json.2")
        let run = try SentinelProcess.run(
            ["run", "--config", site.configPath], timeout: 60,
            whileRunning: { process in
                sleep(1)
                let log = LiveAccessLog(path: site.log)
                try? log.play([.init(seconds: 2), .init(seconds: 4, errorShare: 0.6)])
                // logrotate's default: rename, then the writer is expected to reopen (no signal sent).
                try? FileManager.default.moveItem(atPath: site.events, toPath: rotated)
                try? log.play([.init(seconds: 6)])
                // copytruncate: copy, then truncate in place under the open descriptor.
                try? FileManager.default.copyItem(atPath: site.events, toPath: copied)
                truncate(site.events, 0)
                try? log.play([.init(seconds: 5)])
                sleep(2)
                kill(process.processIdentifier, SIGTERM)
            })
        #expect(run.status == 0, "\(run.stderr)")
        var events: [[String: Any]] = []
        for path in [rotated, copied, site.events] {
            let data = try #require(FileManager.default.contents(atPath: path), "\(path)")
            #expect(!data.contains(0), "\(path) has a hole of NUL bytes")
            for line in data.split(separator: 0x0A) {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], "\(path)")
                events.append(object)
            }
        }
        let copiedCount = (FileManager.default.contents(atPath: copied) ?? Data()).split(separator: 0x0A).count
        let currentCount = (FileManager.default.contents(atPath: site.events) ?? Data()).split(separator: 0x0A).count
        #expect(copiedCount > 0 && currentCount > 0, "lines on both sides of each rotation")
        for event in events {
            #expect(event["timestamp"] is String && event["sensor"] is String && event["source"] is String)
            let type = try #require(event["event_type"] as? String)
            #expect(["verdict", "incident", "action", "delivery"].contains(type), "\(type)")
            #expect(event[type] is [String: Any], "the body is named after the type: \(event)")
        }
        func bodies(_ type: String) -> [[String: Any]] {
            events.filter { $0["event_type"] as? String == type }.compactMap { $0[type] as? [String: Any] }
        }
        // Verdicts: every stored window, once, with its class.
        let windows = try site.windows()
        let verdicts = bodies("verdict")
        // copytruncate loses what is written between the copy and the truncation (logrotate says
        // so): at most the one window that may close in that millisecond.
        #expect(
            verdicts.count <= windows.count && verdicts.count >= windows.count - 1,
            "\(verdicts.count) verdict events, \(windows.count) stored windows")
        let storedStarts = Dictionary(windows.map { (RFC3339.microseconds($0.start), $0) }) { a, _ in a }
        for verdict in verdicts {
            let window = storedStarts[verdict["window_start"] as? String ?? ""]
            #expect(
                window != nil && window?.verdict == verdict["class"] as? String && window?.packets == verdict["count"] as? Int, "\(verdict)"
            )
        }
        // Incidents: the store's, opened then resolved.
        let stored = try SentinelDatabase(path: site.store, readOnly: true).recentIncidents(limit: 10)
        let incidents = bodies("incident")
        #expect(stored.count == 1 && incidents.map { $0["id"] as? String } == [stored[0].id, stored[0].id], "\(incidents)")
        #expect(incidents.map { $0["state"] as? String } == ["opened", "resolved"])
        #expect(incidents.first?["class"] as? String == stored.first?.className)
        // Actions: the store's planner decisions, each once.
        let actions = try SentinelDatabase(path: site.store, readOnly: true).recentActions(limit: 1000)
        #expect(!actions.isEmpty && Set(bodies("action").compactMap { $0["id"] as? String }) == Set(actions.map(\.id)))
        // Deliveries: one per request the receiver acknowledged, with its event id.
        let delivered = bodies("delivery").filter { $0["delivered"] as? Bool == true }.compactMap { $0["event_id"] as? String }
        #expect(Set(delivered) == Set(site.receiver.requests.compactMap { $0.headers["webhook-id"] }), "\(delivered)")
        #expect(delivered.count == site.receiver.requests.count)
    }
}
