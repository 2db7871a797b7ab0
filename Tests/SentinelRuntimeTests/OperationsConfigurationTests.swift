import Foundation
import Logging
import SentinelAlerts
import SentinelCapture
import SentinelCore
import SentinelPlanner
import SentinelTestSupport
import Testing

@testable import SentinelRuntime

/// The operator's sections: `log:`, `events:`, a log's `fields:` and `gateway.upstreams`.
@Suite("log, events, fields and upstreams in sentinel.yaml")
struct OperationsConfigurationTests {
    @Test("log: level and format; bad values are refused at their line")
    func logSection() throws {
        let parsed = try SentinelConfiguration.parse("log:\n  level: debug\n  format: json\n", path: "c.yaml")
        #expect(parsed.log.level == .debug && parsed.log.format == .json)
        #expect(try SentinelConfiguration.parse("", path: "c.yaml").log == .init())
        let level = ConfigurationTests.error("log:\n  level: loud\n")
        #expect(
            level?.description.hasPrefix("c.yaml:2:10: level must be one of trace, debug, info, notice, warning, error, critical") == true,
            "\(String(describing: level))")
        #expect(ConfigurationTests.error("log:\n  format: xml\n")?.description.contains("format must be one of text, json") == true)
    }

    @Test("events: a path (resolved against the file's folder) and which verdicts; no path is refused")
    func eventsSection() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("events-config-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "events:\n  path: events.json\n  verdicts: all\n".write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let loaded = try SentinelConfiguration.load(path: dir + "/s.yaml")
        #expect(loaded.events?.path == dir + "/events.json" && loaded.events?.verdicts == .all)
        #expect(try SentinelConfiguration.parse("events: { path: /x.json }", path: "c.yaml").events?.verdicts == .attacks)
        #expect(try SentinelConfiguration.parse("", path: "c.yaml").events == nil)
        // Printed with the other paths at start and by rules check.
        let report = PathReport(
            configuration: loaded, file: .init(path: dir + "/s.yaml", origin: "--config"), model: .init(path: "/m.json", origin: "x"),
            logModel: .init(path: nil, origin: "y"))
        #expect(report.entries.contains(.init(role: "events", path: dir + "/events.json", note: "verdicts: all")), "\(report.entries)")
        #expect(ConfigurationTests.error("events:\n  verdicts: all\n")?.description.contains("events needs a path") == true)
        #expect(
            ConfigurationTests.error("events: { path: /x, verdicts: some }")?.description.contains("verdicts must be one of attacks, all")
                == true)
    }

    @Test("a log's fields: over its format's preset; a text format with fields is refused, as is an unknown key or unit")
    func logFields() throws {
        let text = """
            logs:
              - { path: /a.log, format: caddy, fields: { remote_address: request.client_ip } }
              - { path: /b.log, fields: { time: when, duration_unit: ms } }
            """
        let logs = try SentinelConfiguration.parse(text, path: "c.yaml").logs
        var caddy = JSONLinesLogParser.FieldNames.caddy
        caddy.remoteAddress = "request.client_ip"
        #expect(logs[0].fields == caddy && logs[0].format == .caddy)
        #expect(logs[1].format == .json && logs[1].fields?.time == "when" && logs[1].fields?.durationUnit == 0.001)
        #expect(logs[1].fields?.status == "status", "the other names stay nginx's")
        let combined = ConfigurationTests.error("logs:\n  - { path: /a, format: combined, fields: { time: t } }\n")
        #expect(combined?.description.contains("use them with format json, caddy, traefik or envoy, not combined") == true)
        #expect(
            ConfigurationTests.error("logs:\n  - { path: /a, fields: { when: t } }\n")?.description.contains("unknown key 'when'") == true)
        #expect(
            ConfigurationTests.error("logs:\n  - { path: /a, fields: { duration_unit: hours } }\n")?.description
                .contains("unknown duration_unit 'hours'") == true)
    }

    @Test("gateway.upstreams: addresses with or without a port, and prefixes; junk is refused")
    func upstreams() throws {
        let parsed = try SentinelConfiguration.parse(
            "gateway:\n  upstreams: [10.9.0.5, \"10.9.0.6:8080\", \"[2001:db8::5]:443\", 10.9.1.0/24]\n", path: "c.yaml")
        #expect(parsed.gateway.upstreams.map(\.description) == ["10.9.0.5", "10.9.0.6", "2001:db8::5", "10.9.1.0/24"])
        #expect(ConfigurationTests.error("gateway:\n  upstreams: [web-1]\n")?.description.contains("upstreams: 'web-1'") == true)
    }

    @Test(
        "the planner never blocks a configured upstream, loopback or the host itself, even named by an open incident; other offenders are blocked"
    )
    func plannerSparesUpstreams() throws {
        var configuration = try SentinelConfiguration.parse(
            """
            planner:
              mode: dry-run
            gateway:
              upstreams: [10.9.0.5, 10.9.1.0/24]
            """, path: "c.yaml")
        configuration.capture.interfaces = ["eth0"]
        var stage = try #require(PlannerStage(configuration: configuration))
        let window = WindowObservation(
            start: 100, end: 101, className: "syn_flood", confidence: 0.99, target: "eth0",
            // Loopback and this host's own addresses are spared too (issue 14 item 7).
            topOffenders: ["10.9.0.5", "10.9.1.77", "203.0.113.7", "127.0.0.1"] + HostAddresses.current().map(\.description))
        let blocked = stage.decide(window, load: 5_000).compactMap { action -> String? in
            if case let .block(source) = action.kind { return source.description }
            return nil
        }
        #expect(blocked == ["203.0.113.7"], "\(blocked)")
        // Without the upstreams list, the same window blocks them too: the test can fail.
        configuration.gateway.upstreams = []
        var plain = try #require(PlannerStage(configuration: configuration))
        #expect(plain.decide(window, load: 5_000).filter { $0.kindName == "block" }.count == 3, "the upstreams and 203.0.113.7")
    }

    @Test(
        "the servers in the gateway's own nginx and HAProxy configuration (config:) are never blocked; a server added there counts at the next reading; rules check names them"
    )
    func plannerSparesConfiguredUpstreams() throws {
        try TemporaryDirectory.with { dir in
            let nginx = dir.file("nginx.conf"), haproxy = dir.file("haproxy.cfg")
            try "http {\n  upstream app { server 10.9.0.8:8080; server localhost:8081; }\n}\n".write(
                toFile: nginx, atomically: true, encoding: .utf8)
            try "backend app\n    server a 10.9.0.9:80 check\n".write(toFile: haproxy, atomically: true, encoding: .utf8)
            try """
            planner:
              mode: dry-run
            gateway:
              sources: { nginx: { include: sentinel.conf, config: nginx.conf } }
              servers: { haproxy: { socket: admin.sock, config: haproxy.cfg } }

            """.write(toFile: dir.file("sentinel.yaml"), atomically: true, encoding: .utf8)
            var configuration = try SentinelConfiguration.load(path: dir.file("sentinel.yaml"))
            #expect(
                configuration.gateway.servers
                    == .haproxy(
                        socket: dir.file("admin.sock"), address: nil, blockMap: nil, rateLimitMap: nil, rateTable: nil, config: haproxy),
                "config resolves against the file's folder")
            configuration.capture.interfaces = ["eth0"]
            let offenders = ["10.9.0.8", "10.9.0.9", "10.9.0.10", "203.0.113.7"]
            func blocked(_ configuration: SentinelConfiguration) throws -> [String] {
                var stage = try #require(PlannerStage(configuration: configuration))
                let window = WindowObservation(
                    start: 100, end: 101, className: "syn_flood", confidence: 0.99, target: "eth0", topOffenders: offenders)
                return stage.decide(window, load: 5_000).compactMap { action -> String? in
                    if case let .block(source) = action.kind { return source.description }
                    return nil
                }
            }
            #expect(try blocked(configuration) == ["10.9.0.10", "203.0.113.7"])
            // HAProxy gains a server: read again (as a reload does), it is spared too.
            try "backend app\n    server a 10.9.0.9:80 check\n    server b 10.9.0.10:80\n".write(
                toFile: haproxy, atomically: true, encoding: .utf8)
            #expect(try blocked(configuration) == ["203.0.113.7"])
            let notes = ConfigurationCheck(configuration: configuration).upstreams()
            #expect(notes.map(\.severity) == [.note, .note], "\(notes)")
            var unread = configuration
            unread.gateway.sources = .nginx(include: dir.file("sentinel.conf"), config: nil)
            #expect(
                ConfigurationCheck(configuration: unread).upstreams().contains {
                    $0.severity == .note && $0.subject == "gateway.sources.nginx" && $0.message.hasPrefix("no config: ")
                })
            #expect(notes.first?.message == "10.9.0.8, localhost from nginx's \(nginx): never blocked", "\(notes)")
            #expect(configuration.gateway.configuredUpstreams().prefixes.contains(try SourcePrefix("127.0.0.1")), "localhost resolved")
            // A file that is not there: a warning, nothing spared from it.
            try FileManager.default.removeItem(atPath: nginx)
            let missing = ConfigurationCheck(configuration: configuration).all().filter { $0.message.contains(nginx) }
            #expect(missing.map(\.severity) == [.error], "one finding, from the adapter: \(missing)")
            try FileManager.default.createDirectory(atPath: nginx, withIntermediateDirectories: false)
            let unreadable = ConfigurationCheck(configuration: configuration).upstreams()
            #expect(
                unreadable.contains { $0.severity == .warning && $0.message.contains("cannot read nginx's configuration") }, "\(unreadable)"
            )
            try FileManager.default.removeItem(atPath: nginx)
            #expect(try blocked(configuration) == ["10.9.0.8", "203.0.113.7"])
        }
    }
}

/// `rules check` (and a reload) on the `events:` file.
@Suite("Configuration check of events:")
struct EventsCheckTests {
    @Test("a file in a writable folder passes; a missing folder, a directory or an unwritable folder is an error")
    func events() throws {
        TemporaryDirectory.with { dir in
            var configuration = SentinelConfiguration()
            configuration.events = .init(path: dir.file("events.json"))
            #expect(ConfigurationCheck(configuration: configuration).events() == [])
            configuration.events = .init(path: dir.file("no/such/events.json"))
            #expect(ConfigurationCheck(configuration: configuration).events().first?.message.contains("does not exist") == true)
            configuration.events = .init(path: dir.path)
            #expect(ConfigurationCheck(configuration: configuration).events().first?.message == "is a directory, not a file")
            configuration.events = nil
            #expect(ConfigurationCheck(configuration: configuration).events() == [])
        }
    }
}
