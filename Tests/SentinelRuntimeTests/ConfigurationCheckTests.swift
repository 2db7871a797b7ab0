import Foundation
import SentinelFeatures
import SentinelRuntime
import SentinelTestSupport
import Testing

/// What `rules check` checks beyond the file (issue 14 item 6), on this host's real files,
/// interfaces and users; each case once right and once wrong.
@Suite("Configuration check (issue 14 item 6)")
struct ConfigurationCheckTests {
    static let packetModel = SharedData.packageRoot + "/models/default.json"
    static let logModel = SharedData.packageRoot + "/models/logs.json"
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    /// A configuration that passes: shipped models, a store in `dir`, one webhook whose secret is in the environment.
    static func base(_ dir: TemporaryDirectory) -> SentinelConfiguration {
        var configuration = SentinelConfiguration()
        configuration.sentinel.model = packetModel
        configuration.sentinel.logModel = logModel
        configuration.sentinel.store = dir.file("sentinel.db")
        var hook = SentinelConfiguration.Webhook(name: "soc", url: "http://127.0.0.1:9000/x")
        hook.secretEnv = "CHECK_TEST_SECRET"
        configuration.webhooks = [hook]
        configuration.capture.interfaces = ["lo"]
        return configuration
    }

    static func findings(_ configuration: SentinelConfiguration, environment: [String: String] = ["CHECK_TEST_SECRET": secret])
        -> [CheckFinding]
    {
        ConfigurationCheck(configuration: configuration, environment: environment).all()
    }

    @Test("a complete configuration has no findings")
    func clean() {
        TemporaryDirectory.with { dir in
            #expect(Self.findings(Self.base(dir)) == [])
        }
    }

    @Test("baseline.file: a damaged or missing file is an error; one from sentinel baseline passes")
    func baselineFile() throws {
        try TemporaryDirectory.with { dir in
            var configuration = Self.base(dir)
            configuration.baseline.file = dir.file("missing.json")
            let missing = Self.findings(configuration)
            #expect(
                missing.count == 1 && missing[0].subject == "baseline.file" && missing[0].message.contains("missing.json"), "\(missing)")
            try dir.write(#"{"format": "sentinel-site-baseline"}"#, to: "site.json")
            configuration.baseline.file = dir.file("site.json")
            #expect(Self.findings(configuration).first?.message.contains("version is missing") == true)
            let file = SiteBaselineFile(kind: "packets", windowSeconds: 1, sources: ["x.pcap"], baseline: SiteBaseline())
            try file.write(to: dir.file("site.json"))
            #expect(Self.findings(configuration) == [])
        }
    }

    @Test("models: a damaged file, a missing one, and a log model named as the packet model are errors")
    func models() throws {
        try TemporaryDirectory.with { dir in
            var configuration = Self.base(dir)
            configuration.sentinel.model = Self.logModel
            let swapped = Self.findings(configuration)
            #expect(swapped.count == 1 && swapped[0].severity == .error && swapped[0].subject == "model \(Self.logModel)", "\(swapped)")
            try dir.write("{\"not\": \"a model\"}", to: "bad.json")
            configuration.sentinel.model = dir.file("bad.json")
            #expect(Self.findings(configuration).map(\.severity) == [.error])
            configuration.sentinel.model = Self.packetModel
            configuration.logs = [SentinelConfiguration.Log(path: dir.file("access.log"))]
            try dir.write("", to: "access.log")
            configuration.sentinel.logModel = Self.packetModel
            let log = Self.findings(configuration)
            #expect(log.map(\.subject) == ["log model \(Self.packetModel)"], "\(log)")
            // The environment beats the file: a good $SENTINEL_LOG_MODEL repairs it.
            #expect(
                Self.findings(configuration, environment: ["CHECK_TEST_SECRET": Self.secret, "SENTINEL_LOG_MODEL": Self.logModel]) == [])
        }
    }

    @Test("interfaces: one this host lacks is an error")
    func interfaces() {
        TemporaryDirectory.with { dir in
            var configuration = Self.base(dir)
            configuration.capture.interfaces = ["lo", "nosuch9"]
            let findings = Self.findings(configuration)
            #expect(
                findings.map(\.description) == ["error: interface nosuch9: no such network interface on this host (`ip link` lists them)"])
        }
    }

    @Test("secrets: an unset variable, an unreadable file and an unset url_env are errors that never show a value")
    func secrets() throws {
        try TemporaryDirectory.with { dir in
            var configuration = Self.base(dir)
            let unset = Self.findings(configuration, environment: [:])
            #expect(unset.count == 1 && unset[0].subject == "webhook soc" && unset[0].message.contains("CHECK_TEST_SECRET"), "\(unset)")
            let malformed = Self.findings(configuration, environment: ["CHECK_TEST_SECRET": "whsec_!!hunter2!!"])
            #expect(malformed.count == 1, "\(malformed)")
            #expect(!malformed.description.contains("hunter2"), "the value is never shown")
            configuration.webhooks[0].secretEnv = nil
            configuration.webhooks[0].secretFile = dir.file("soc.secret")
            #expect(Self.findings(configuration).map(\.severity) == [.error])
            try dir.secret("soc.secret", Self.secret)
            #expect(Self.findings(configuration) == [])
            // Readable by others: refused, saying how to fix it (issue 16).
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir.file("soc.secret"))
            let exposed = Self.findings(configuration)
            #expect(exposed.count == 1 && exposed[0].message.contains("chmod 600"), "\(exposed)")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir.file("soc.secret"))
            configuration.webhooks[0].urlEnv = "CHECK_TEST_URL"
            #expect(Self.findings(configuration).first?.message.contains("CHECK_TEST_URL") == true)
        }
    }

    @Test("logs: a missing log is an error unless optional (then a note); a directory is an error")
    func logs() throws {
        TemporaryDirectory.with { dir in
            var configuration = Self.base(dir)
            configuration.logs = [SentinelConfiguration.Log(path: dir.file("acess.log"))]
            let missing = Self.findings(configuration)
            #expect(missing.map(\.severity) == [.error] && missing[0].message.contains("optional: true"), "\(missing)")
            configuration.logs[0].optional = true
            #expect(Self.findings(configuration).map(\.severity) == [.note])
            configuration.logs = [SentinelConfiguration.Log(path: dir.path)]
            #expect(Self.findings(configuration).map(\.message) == ["is a directory, not a log file"])
        }
    }

    @Test("gateway: endpoints that do not parse and files that are not there are errors; a missing HAProxy socket warns")
    func gateway() throws {
        TemporaryDirectory.with { dir in
            var configuration = Self.base(dir)
            configuration.gateway.scaling = .kubernetes(
                api: "k8s.example:6443", tokenFile: dir.file("token"), caFile: nil, namespace: "prod", minReplicas: 1, maxReplicas: 3)
            let kubernetes = Self.findings(configuration)
            #expect(kubernetes.map(\.severity) == [.error, .error], "\(kubernetes)")
            #expect(kubernetes.contains { $0.message.contains("not an http(s) URL") })
            #expect(kubernetes.contains { $0.message.contains("token file") })
            configuration.gateway.scaling = .http(url: "controller.example/actions", secretEnv: "CHECK_TEST_SECRET", secretFile: nil)
            #expect(Self.findings(configuration).map(\.subject) == ["gateway.scaling"])
            configuration.gateway.scaling = .exec(command: [dir.file("apply-action")])
            #expect(Self.findings(configuration).first?.message.contains("not an executable file") == true)
            configuration.gateway.scaling = .exec(command: ["true"])
            #expect(Self.findings(configuration) == [], "found on PATH")
            configuration.gateway.sources = .haproxy(
                socket: dir.file("admin.sock"), address: nil, blockMap: nil, rateLimitMap: nil, rateTable: nil)
            // The warning, and the note that HAProxy's backends are not read without its config.
            #expect(Self.findings(configuration).map(\.severity) == [.warning, .note])
            configuration.gateway.sources = .nginx(include: dir.file("none/sentinel.conf"), config: nil)
            #expect(Self.findings(configuration).first?.message.contains("include's folder") == true)
        }
    }

    @Test("store folder, privileges.user and coverage")
    func storeUserCoverage() {
        TemporaryDirectory.with { dir in
            var configuration = Self.base(dir)
            configuration.sentinel.store = dir.file("no/such/folder/sentinel.db")
            #expect(Self.findings(configuration).map(\.subject) == ["store \(dir.file("no/such/folder/sentinel.db"))"])
            configuration = Self.base(dir)
            configuration.privileges.user = "no-such-user-xyz"
            #expect(Self.findings(configuration).map(\.subject) == ["privileges.user"])
            configuration.privileges.user = "root"
            #expect(Self.findings(configuration) == [])
            configuration.webhooks = []
            configuration.http.listen = "0.0.0.0:9466"
            // Open to the network without a token: an error (issue 16), besides the missing webhook.
            #expect(Self.findings(configuration).map(\.subject) == ["http", "alerts"])
            configuration.http.tokenEnv = "CHECK_TEST_HTTP_TOKEN"
            let withToken = Self.findings(configuration, environment: ["CHECK_TEST_HTTP_TOKEN": "0123456789abcdef"])
            #expect(withToken.map(\.severity) == [.warning, .note], "\(withToken)")
        }
    }
}
