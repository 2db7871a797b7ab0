import Foundation
import SentinelRuntime
import SentinelTestSupport
import Testing

@Suite("Configuration paths (issue 14 item 2)")
struct ConfigurationPathTests {
    @Test("relative paths in a file resolve against its folder; absolute ones, names and URLs stay as written")
    func relativePathsResolveAgainstTheFile() throws {
        try TemporaryDirectory.with { dir in
            try FileManager.default.createDirectory(atPath: dir.file("etc"), withIntermediateDirectories: true)
            let text = """
                sentinel:
                  model: models/packets.json
                  log_model: ../shared/logs.json
                  store: state/sentinel.db
                capture:
                  interfaces: [lo]
                logs:
                  - { path: logs/access.log }
                  - { path: /var/log/nginx/access.log, optional: true }
                alerts:
                  webhooks:
                    - { name: soc, url: "http://127.0.0.1:9000/x", secret_file: keys/soc.secret }
                planner:
                  source: logs/access.log
                gateway:
                  sources:
                    nginx: { include: nginx/sentinel.conf, config: /etc/nginx/nginx.conf }
                  scaling:
                    exec: { command: [./scale.sh, --now] }
                """
            let path = try dir.write(text, to: "etc/sentinel.yaml")
            let configuration = try SentinelConfiguration.load(path: path)
            let etc = dir.file("etc")
            #expect(configuration.sentinel.model == etc + "/models/packets.json")
            #expect(configuration.sentinel.logModel == dir.file("shared/logs.json"))
            #expect(configuration.sentinel.store == etc + "/state/sentinel.db")
            #expect(configuration.logs.map(\.path) == [etc + "/logs/access.log", "/var/log/nginx/access.log"])
            #expect(configuration.logs.map(\.optional) == [false, true])
            #expect(configuration.webhooks.first?.secretFile == etc + "/keys/soc.secret")
            #expect(configuration.webhooks.first?.url == "http://127.0.0.1:9000/x")
            #expect(configuration.capture.interfaces == ["lo"])
            #expect(configuration.planner?.source == etc + "/logs/access.log", "the planner's source names the log, resolved like it")
            #expect(configuration.gateway.sources == .nginx(include: etc + "/nginx/sentinel.conf", config: "/etc/nginx/nginx.conf"))
            #expect(configuration.gateway.scaling == .exec(command: [etc + "/scale.sh", "--now"]))
        }
    }

    @Test("parse alone keeps the text's paths; the default store is beside the file")
    func parseKeepsTextAndDefaultStore() throws {
        #expect(try SentinelConfiguration.parse("sentinel: { model: m.json }", path: "x.yaml").sentinel.model == "m.json")
        try TemporaryDirectory.with { dir in
            try dir.write("", to: "empty.yaml")
            #expect(try SentinelConfiguration.load(path: dir.file("empty.yaml")).sentinel.store == dir.file("sentinel.db"))
        }
    }

    @Test("the configuration is --config, else $SENTINEL_CONFIG, else /etc/sentinel/sentinel.yaml, else ./rules/sentinel.yaml")
    func locatorOrder() throws {
        let everything: (String) -> Bool = { _ in true }
        #expect(
            try ConfigurationLocator.locate(explicit: "a.yaml", environment: ["SENTINEL_CONFIG": "b.yaml"], exists: everything)
                == .init(path: "a.yaml", origin: "--config"))
        #expect(
            try ConfigurationLocator.locate(explicit: nil, environment: ["SENTINEL_CONFIG": "b.yaml"], exists: everything)
                == .init(path: "b.yaml", origin: "$SENTINEL_CONFIG"))
        #expect(
            try ConfigurationLocator.locate(explicit: nil, environment: [:], exists: everything)
                == .init(path: "/etc/sentinel/sentinel.yaml", origin: "default"))
        #expect(
            try ConfigurationLocator.locate(explicit: nil, environment: [:], exists: { $0 == "rules/sentinel.yaml" })
                == .init(path: "rules/sentinel.yaml", origin: "default"))
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLocator.locate(explicit: nil, environment: [:], exists: { _ in false })
        }
        #expect(error?.description.hasPrefix("/etc/sentinel/sentinel.yaml: no such file, nor rules/sentinel.yaml") == true)
        #expect(error?.description.contains("--config") == true)
    }

    @Test("$SENTINEL_MODEL and $SENTINEL_LOG_MODEL beat the file, which beats the shipped model")
    func environmentBeatsFile() throws {
        var configuration = SentinelConfiguration()
        configuration.sentinel.model = "/from/file.json"
        configuration.sentinel.logModel = "/from/file-logs.json"
        let environment = ["SENTINEL_MODEL": "/from/env.json", "SENTINEL_LOG_MODEL": "/from/env-logs.json"]
        #expect(ModelChoice.packet(configuration, environment: environment) == .init(path: "/from/env.json", origin: "$SENTINEL_MODEL"))
        #expect(
            ModelChoice.log(configuration, environment: environment) == .init(path: "/from/env-logs.json", origin: "$SENTINEL_LOG_MODEL"))
        #expect(ModelChoice.packet(configuration, environment: [:]) == .init(path: "/from/file.json", origin: "sentinel.model"))
        #expect(ModelChoice.packet(configuration, environment: ["SENTINEL_MODEL": ""]).origin == "sentinel.model", "empty is unset")
        #expect(ModelChoice.packet(SentinelConfiguration(), environment: [:]).origin != "sentinel.model")
    }

    @Test("the path report lists every path once with where it came from")
    func pathReport() throws {
        var configuration = SentinelConfiguration()
        configuration.sentinel.store = "/var/lib/sentinel/sentinel.db"
        var log = SentinelConfiguration.Log(path: "/var/log/a.log")
        log.optional = true
        configuration.logs = [log]
        var hook = SentinelConfiguration.Webhook(name: "ops", url: "https://x.example/a")
        hook.secretFile = "/etc/sentinel/ops.secret"
        configuration.webhooks = [hook]
        configuration.gateway.sources = .nginx(include: "/etc/nginx/conf.d/s.conf", config: nil)
        let report = PathReport(
            configuration: configuration, file: .init(path: "/etc/sentinel/sentinel.yaml", origin: "default"),
            model: .init(path: "/m.json", origin: "$SENTINEL_MODEL"), logModel: .init(path: "/l.json", origin: "shipped model"))
        #expect(
            report.entries.map(\.role) == ["configuration", "model", "log model", "store", "log", "secret file", "nginx include", "http"])
        #expect(report.lines[1] == "  model          /m.json  ($SENTINEL_MODEL)")
        #expect(report.lines[4] == "  log            /var/log/a.log  (auto, optional)")
        #expect(report.lines.last == "  http           127.0.0.1:9466  (/metrics, /healthz, /api/status)")
        let withSite = PathReport(
            configuration: configuration, file: .init(path: "/etc/sentinel/sentinel.yaml", origin: "default"),
            model: .init(path: "/m.json", origin: "$SENTINEL_MODEL"), logModel: .init(path: "/l.json", origin: "shipped model"),
            siteModel: ModelChoice.site(configuration, environment: ["SENTINEL_SITE_MODEL": "/s.json"]))
        #expect(withSite.lines[3] == "  site model     /s.json  ($SENTINEL_SITE_MODEL)")
        configuration.baseline.noModel = true
        #expect(ModelChoice.site(configuration, environment: [:]).path == nil, "model: none turns the site model off")
    }
}
