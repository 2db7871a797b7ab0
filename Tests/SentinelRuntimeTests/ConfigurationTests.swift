import Foundation
import SentinelAlerts
import SentinelRuntime
import SentinelTestSupport
import Testing

@Suite("sentinel.yaml configuration")
struct ConfigurationTests {
    static let shipped = SharedData.packageRoot + "/rules/sentinel.yaml"

    /// The error `parse` throws for `text` (nil when it parses).
    static func error(_ text: String, path: String = "c.yaml") -> ConfigurationError? {
        do {
            _ = try SentinelConfiguration.parse(text, path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test("the shipped rules/sentinel.yaml parses with the documented values")
    func shippedExample() throws {
        let configuration = try SentinelConfiguration.load(path: Self.shipped)
        #expect(configuration.sentinel.host == "gw-1")
        #expect(configuration.sentinel.window == 1)
        // Relative paths resolve against the file's folder (rules/), not the working directory.
        #expect(configuration.sentinel.model == SharedData.packageRoot + "/models/default.json")
        #expect(configuration.sentinel.logModel == SharedData.packageRoot + "/models/logs.json")
        #expect(configuration.sentinel.store == SharedData.packageRoot + "/rules/sentinel.db")
        #expect(configuration.sentinel.retentionHours == 168)
        #expect(configuration.capture.interfaces == ["lo"])
        #expect(configuration.capture.filter == "tcp or udp")
        #expect(configuration.capture.snaplen == 256)
        #expect(configuration.capture.bufferMB == 16)
        #expect(configuration.capture.maxFlows == 1_000_000)
        #expect(configuration.capture.queueCapacity == 65_536)
        var log = SentinelConfiguration.Log(path: "/var/log/nginx/access.log")
        log.format = .combined
        log.slowThreshold = 1
        log.optional = true
        #expect(configuration.logs == [log])
        #expect(configuration.incidents.openAfter == 3)
        #expect(configuration.incidents.resolveAfter == 5)
        #expect(configuration.incidents.cooldown == 300)
        #expect(
            configuration.incidents.classes == [
                "port_scan": SentinelConfiguration.ClassOverride(openAfter: 5),
                "slowloris": SentinelConfiguration.ClassOverride(resolveAfter: 10),
            ])
        var webhook = SentinelConfiguration.Webhook(name: "soc", url: "http://127.0.0.1:9000/sentinel")
        webhook.secretEnv = "SENTINEL_SOC_SECRET"
        #expect(configuration.webhooks == [webhook])
        #expect(configuration.http.listen == "127.0.0.1:9466")
        #expect(configuration.privileges.user == nil)  // left empty in the example: stay as started
        #expect(configuration.anomalies == SentinelConfiguration.Anomalies())
        #expect(configuration.baseline == SentinelConfiguration.Baseline())
        let planner = try #require(configuration.planner)
        #expect(planner.policy.mode == .dryRun && planner.method == "hw" && planner.source == "/var/log/nginx/access.log")
        #expect(planner.policy.refitEvery == 60)
        let scale = try #require(planner.policy.scale)
        #expect(
            scale.target == "web" && scale.capacityPerReplica == 200 && scale.minReplicas == 2 && scale.maxReplicas == 20
                && scale.horizon == 30 && scale.targetUtilization == 0.7 && scale.scaleDownStabilization == 300)
        #expect(planner.policy.protect.allowList.map(\.description) == ["127.0.0.1", "10.0.0.0/8"])
        #expect(planner.policy.protect.ttl == 600)
        #expect(planner.policy.protect.response(to: "http_flood") == .rateLimit)
    }

    @Test("the shipped example explains every key it sets")
    func shippedExampleIsCommented() throws {
        let text = try String(contentsOfFile: Self.shipped, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            // Every top-level and second-level `key:` line has its explanation right above it.
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.hasPrefix("-"), trimmed.hasSuffix(":") || trimmed.contains(": "),
                line.hasPrefix("  ") || !line.hasPrefix(" ")
            else { continue }
            let key = String(trimmed.prefix { $0 != ":" })
            if !line.hasPrefix("    ") {
                #expect(
                    index > 0 && lines[index - 1].trimmingCharacters(in: .whitespaces).hasPrefix("#"),
                    "line \(index + 1): '\(key)' has no comment above it")
            }
        }
    }

    @Test("an empty file, or one with only comments, is all defaults")
    func emptyIsDefaults() throws {
        #expect(try SentinelConfiguration.parse("", path: "e.yaml") == SentinelConfiguration())
        #expect(try SentinelConfiguration.parse("# nothing here\n\n", path: "e.yaml") == SentinelConfiguration())
        #expect(try SentinelConfiguration.parse("sentinel:\ncapture:\n", path: "e.yaml") == SentinelConfiguration())
        let defaults = SentinelConfiguration()
        #expect(defaults.sentinel.window == 1 && defaults.sentinel.store == "./sentinel.db" && defaults.sentinel.retentionHours == 168)
        #expect(defaults.capture.interfaces.isEmpty && defaults.capture.snaplen == 256 && defaults.capture.queueCapacity == 65_536)
        #expect(defaults.incidents.openAfter == 3 && defaults.incidents.resolveAfter == 5 && defaults.incidents.cooldown == 300)
        #expect(defaults.webhooks.isEmpty && defaults.logs.isEmpty && defaults.http.listen == "127.0.0.1:9466")
    }

    @Test("a file names only what it changes; the rest keeps its default")
    func partialFile() throws {
        let configuration = try SentinelConfiguration.parse(
            """
            capture:
              interfaces: eth0
            logs:
              - path: /tmp/a.log
            alerts:
              webhooks:
                - { name: ops, url: "https://am.example.org/api/v2/alerts", format: alertmanager, secret_file: /etc/s }
            http: { listen: "[::1]:9000" }
            """, path: "p.yaml")
        #expect(configuration.capture.interfaces == ["eth0"])
        #expect(configuration.capture.snaplen == 256)
        #expect(configuration.logs == [SentinelConfiguration.Log(path: "/tmp/a.log")])
        #expect(configuration.webhooks.first?.format == "alertmanager")
        #expect(configuration.webhooks.first?.secretFile == "/etc/s")
        #expect(configuration.webhooks.first?.timeout == 5)
        #expect(configuration.http.listen == "[::1]:9000")
        #expect(configuration.sentinel == SentinelConfiguration.General())
    }

    static let webhookHead = "alerts:\n  webhooks:\n"

    /// (YAML, the exact error text).
    static let errorCases: [(String, String)] = [
        (
            "sentinel:\n  window: 1\ncapture:\n  intervals: 3\n",
            "c.yaml:4:3: unknown key 'intervals' in capture (known: interfaces, filter, snaplen, buffer_mb, max_flows, queue_capacity)"
        ),
        (
            "windows: 1\n",
            "c.yaml:1:1: unknown key 'windows' at the top level (known: sentinel, capture, logs, incidents, alerts, anomalies, baseline, planner, gateway, http, privileges, log, events)"
        ),
        ("sentinel:\n  window: fast\n", "c.yaml:2:11: window must be a number, not 'fast'"),
        ("sentinel:\n  window: 0\n", "c.yaml:2:11: window must be more than 0 and at most 86400 seconds, not '0'"),
        ("sentinel:\n  window: 0.000001\n", "c.yaml:2:11: window must be at least 0.001 seconds, not '0.000001'"),
        ("sentinel:\n  window: 86401\n", "c.yaml:2:11: window must be more than 0 and at most 86400 seconds, not '86401'"),
        ("sentinel: { retention_hours: 0 }\n", "c.yaml:1:30: retention_hours must be more than 0, not '0'"),
        ("sentinel: { load_retention_days: 0.5 }\n", "c.yaml:1:34: load_retention_days must be 1 or more, not '0.5'"),
        ("sentinel: { store_buffer_writes: 0 }\n", "c.yaml:1:34: store_buffer_writes must be from 1 to 10000000, not '0'"),
        ("capture:\n  snaplen: 63\n", "c.yaml:2:12: snaplen must be at least 64 bytes, not '63'"),
        ("capture:\n  snaplen: 1.5\n", "c.yaml:2:12: snaplen must be a whole number, not '1.5'"),
        // Issue 16: passed the check, then trapped converting to Int32 at the capture start.
        ("capture:\n  snaplen: 4294967296\n", "c.yaml:2:12: snaplen must be at most 262144 bytes (libpcap's largest), not '4294967296'"),
        ("capture:\n  snaplen: 262145\n", "c.yaml:2:12: snaplen must be at most 262144 bytes (libpcap's largest), not '262145'"),
        ("capture:\n  max_flows: 4611686018427387904\n", "c.yaml:2:14: max_flows must be at most 100000000, not '4611686018427387904'"),
        (
            "capture:\n  queue_capacity: 4611686018427387904\n",
            "c.yaml:2:19: queue_capacity must be at most 16777216 frames, not '4611686018427387904'"
        ),
        ("capture:\n  buffer_mb: 2048\n", "c.yaml:2:14: buffer_mb must be from 1 to 2047 MiB, not '2048'"),
        ("capture:\n  buffer_mb: 0\n", "c.yaml:2:14: buffer_mb must be from 1 to 2047 MiB, not '0'"),
        ("capture:\n  max_flows: 0\n", "c.yaml:2:14: max_flows must be at least 1, not '0'"),
        ("capture:\n  queue_capacity: 1023\n", "c.yaml:2:19: queue_capacity must be at least 1024 frames, not '1023'"),
        ("capture:\n  interfaces: { eth0: 1 }\n", "c.yaml:2:15: interfaces must be a list of strings, not a mapping"),
        ("capture: 3\n", "c.yaml:1:10: capture must be a mapping of keys to values, not '3'"),
        (
            "logs:\n  - { path: /x, format: apache }\n",
            "c.yaml:2:25: format must be one of auto, combined, haproxy, json, caddy, traefik, envoy, not 'apache'"
        ),
        ("logs:\n  - { format: json }\n", "c.yaml:2:5: logs[0] needs a path"),
        ("logs:\n  - { path: /x, slow_threshold: 0 }\n", "c.yaml:2:33: slow_threshold must be more than 0 seconds, not '0'"),
        ("incidents:\n  open_after: 0\n", "c.yaml:2:15: open_after must be at least 1 window, not '0'"),
        ("incidents:\n  resolve_after: 0\n", "c.yaml:2:18: resolve_after must be at least 1 window, not '0'"),
        ("incidents:\n  cooldown: -1\n", "c.yaml:2:13: cooldown must be 0 or more seconds, not '-1'"),
        ("incidents:\n  classes:\n    port_scan: { open_after: 0 }\n", "c.yaml:3:30: open_after must be at least 1 window, not '0'"),
        (
            "incidents:\n  classes:\n    port_scan: { opens: 2 }\n",
            "c.yaml:3:18: unknown key 'opens' in classes.port_scan (known: open_after, resolve_after)"
        ),
        (
            webhookHead
                + "    - { name: a, url: \"https://a.example\", secret_env: A }\n    - { name: a, url: \"https://b.example\", secret_env: B }\n",
            "c.yaml:4:15: duplicate webhook name 'a' (first at line 3)"
        ),
        (
            webhookHead + "    - { name: a, url: \"ftp://a.example\", secret_env: A }\n",
            "c.yaml:3:23: url must be an http:// or https:// URL with a host, not 'ftp://a.example'"
        ),
        (
            webhookHead + "    - { name: a, url: \"https://\", secret_env: A }\n",
            "c.yaml:3:23: url must be an http:// or https:// URL with a host, not 'https://'"
        ),
        (
            webhookHead + "    - { name: a, url: \"https://a.example\", secret_env: A, format: teams }\n",
            "c.yaml:3:67: format must be one of sentinel, slack, alertmanager, not 'teams'"
        ),
        (
            webhookHead + "    - { name: a, url: \"https://a.example\" }\n",
            "c.yaml:3:7: webhook 'a' needs exactly one of secret_env or secret_file"
        ),
        (
            webhookHead + "    - { name: a, url: \"https://a.example\", secret_env: A, secret_file: /s }\n",
            "c.yaml:3:7: webhook 'a' needs exactly one of secret_env or secret_file, not both"
        ),
        (
            webhookHead + "    - { name: a, url: \"https://a.example\", secret_env: A, timeout: 0 }\n",
            "c.yaml:3:68: timeout must be more than 0 seconds, not '0'"
        ),
        (webhookHead + "    - { url: \"https://a.example\", secret_env: A }\n", "c.yaml:3:7: webhooks[0] needs a name"),
        (webhookHead + "    - { name: a, secret_env: A }\n", "c.yaml:3:7: webhook 'a' needs exactly one of url or url_env"),
        (
            webhookHead + "    - { name: a, url: \"https://a.example\", url_env: U, secret_env: A }\n",
            "c.yaml:3:7: webhook 'a' needs exactly one of url or url_env, not both"
        ),
        ("anomalies: { enabled: maybe }\n", "c.yaml:1:23: enabled must be true or false, not 'maybe'"),
        ("anomalies: { warmup: 5 }\n", "c.yaml:1:22: warmup must be at least 10 windows, not '5'"),
        // Issue 16: a season of 2^62 passed the check and was allocated at the first window.
        ("anomalies: { season: 4611686018427387904 }\n", "c.yaml:1:22: season must be at most 1000000 windows, not '4611686018427387904'"),
        ("anomalies: { warmup: 4611686018427387904 }\n", "c.yaml:1:22: warmup must be at most 10000000 windows, not '4611686018427387904'"),
        ("anomalies: { threshold: 1 }\n", "c.yaml:1:25: threshold must be between 0 and 1, not '1'"),
        ("baseline: { enabled: sometimes }\n", "c.yaml:1:22: enabled must be true or false, not 'sometimes'"),
        ("baseline: { warmup: -1 }\n", "c.yaml:1:21: warmup must be 0 to 10000000 windows, not '-1'"),
        ("baseline: { unusual_z: 0 }\n", "c.yaml:1:24: unusual_z must be more than 0 and at most 1000, not '0'"),
        (
            "baseline: { windows: 3 }\n",
            "c.yaml:1:13: unknown key 'windows' in baseline (known: enabled, file, warmup, unusual_z, adopt_seconds, model, model_confidence, model_confidence_continuing, model_confidence_normal)"
        ),
        ("baseline: { adopt_seconds: 0 }\n", "c.yaml:1:28: adopt_seconds must be more than 0 seconds, not '0'"),
        ("baseline: { model_confidence: 1.5 }\n", "c.yaml:1:31: model_confidence must be a probability from 0 to 1, not '1.5'"),
        (
            "baseline: { model_confidence_continuing: -1 }\n",
            "c.yaml:1:42: model_confidence_continuing must be a probability from 0 to 1, not '-1'"
        ),
        (
            "baseline: { model_confidence_normal: 2 }\n",
            "c.yaml:1:38: model_confidence_normal must be a probability from 0 to 1, not '2'"
        ),
        (
            "gateway:\n  sources: { kubernetes: {} }\n",
            "c.yaml:2:14: unknown key 'kubernetes' in gateway.sources (known: haproxy, nginx, http, exec)"
        ),
        (
            "gateway:\n  sources: { haproxy: {} }\n",
            "c.yaml:2:23: gateway.sources.haproxy needs exactly one of socket (a unix socket path) or address (host:port)"
        ),
        ("gateway:\n  scaling: { exec: { command: [] } }\n", "c.yaml:2:20: gateway.scaling.exec needs command: [program, arguments…]"),
        (
            "gateway:\n  scaling: { http: { url: \"https://c.example\" } }\n",
            "c.yaml:2:20: gateway.scaling.http needs exactly one of secret_env or secret_file"
        ),
        ("planner:\n  breakers:\n    - { source: /x.log, backend: web }\n", "c.yaml:3:7: planner.breakers[0] needs server"),
        ("planner:\n  mode: yolo\n", "c.yaml:2:9: mode must be dry-run or enforce, not 'yolo'"),
        ("planner:\n  method: prophet\n", "c.yaml:2:11: method must be one of hw, naive, ols, ar, narx, not 'prophet'"),
        (
            "planner:\n  scale: { capacity_per_replica: 10 }\n",
            "c.yaml:2:10: planner.scale needs a target (the deployment or backend to scale)"
        ),
        ("planner:\n  scale: { target: web }\n", "c.yaml:2:10: planner.scale needs capacity_per_replica (the load one replica serves)"),
        (
            "planner:\n  scale: { target: web, capacity_per_replica: 10, min_replicas: 5, max_replicas: 2 }\n",
            "c.yaml:2:10: planner.scale: min_replicas 5 is above max_replicas 2"
        ),
        (
            "planner:\n  scale: { target: web, capacity_per_replica: 10, target_utilization: 1.5 }\n",
            "c.yaml:2:71: target_utilization must be more than 0 and at most 1, not '1.5'"
        ),
        (
            "planner:\n  protect: { allow_list: [10.0.0.0/33] }\n",
            "c.yaml:2:26: allow_list: '10.0.0.0/33' is not an IPv4 or IPv6 address or prefix (prefix length 0–32 for IPv4, 0–128 for IPv6)"
        ),
        (
            "planner:\n  protect: { responses: { syn_flood: nuke } }\n",
            "c.yaml:2:38: unknown action 'nuke' for syn_flood: use block, rate-limit or none"
        ),
        ("planner:\n  protect: { ttl: 0 }\n", "c.yaml:2:19: ttl must be more than 0, not '0'"),
        ("http:\n  listen: 9466\n", "c.yaml:2:11: listen must be host:port (like 127.0.0.1:9466 or [::1]:9466), not '9466'"),
        (
            "http:\n  listen: \"localhost:99999\"\n",
            "c.yaml:2:11: listen must be host:port (like 127.0.0.1:9466 or [::1]:9466), not 'localhost:99999'"
        ),
        ("http:\n  token_env: A\n  token_file: /t\n", "c.yaml:2:3: http needs at most one of token_env or token_file, not both"),
        (
            "hello\n",
            "c.yaml:1:1: the configuration must be a mapping of sections (sentinel, capture, logs, incidents, alerts, anomalies, baseline, planner, gateway, http, privileges, log, events), not 'hello'"
        ),
        ("capture:\n  snaplen: 100\n  snaplen: 200\n", "c.yaml:3:3: key 'snaplen' is given twice in the same mapping (first at line 2)"),
        ("sentinel: [\n", "c.yaml:2:1: invalid YAML: did not find expected node content (while parsing a flow node at line 2, column 1)"),
    ]

    @Test("http: token_env or token_file, the file resolved against the configuration's folder")
    func endpointToken() throws {
        let withEnv = try SentinelConfiguration.parse(
            "http:\n  listen: \"0.0.0.0:9466\"\n  token_env: SENTINEL_HTTP_TOKEN\n", path: "c.yaml")
        #expect(withEnv.http.tokenEnv == "SENTINEL_HTTP_TOKEN" && withEnv.http.tokenFile == nil)
        let withFile = try SentinelConfiguration.parse("http:\n  token_file: keys/http.token\n", path: "c.yaml")
        #expect(withFile.resolvingPaths(against: "/etc/sentinel").http.tokenFile == "/etc/sentinel/keys/http.token")
    }

    @Test("each error names file:line:column and the reason", arguments: errorCases)
    func errors(_ text: String, _ expected: String) {
        #expect(Self.error(text)?.description == expected)
    }

    @Test("a secret written into the file is refused, wherever it is")
    func secretsAreRefused() {
        let reason = ConfigurationError.secretsReason
        #expect(reason == "secrets never go in the configuration: use secret_env or secret_file")
        let cases: [(String, String)] = [
            (Self.webhookHead + "    - name: soc\n      url: \"https://a.example\"\n      secret: hunter2\n", "c.yaml:5:7: \(reason)"),
            (Self.webhookHead + "    - { name: soc, url: \"https://a.example\", secret_env: A, token: abc }\n", "c.yaml:3:61: \(reason)"),
            ("http:\n  password: x\n", "c.yaml:2:3: \(reason)"),
            ("api_key: x\n", "c.yaml:1:1: \(reason)"),
            (
                Self.webhookHead + "    - { name: soc, url: \"https://user:pw@a.example\", secret_env: A }\n",
                "c.yaml:3:25: \(reason) (the url holds a user or password)"
            ),
            (
                Self.webhookHead + "    - { name: soc, url: \"https://a.example\", secret_env: \"hunter2!\" }\n",
                "c.yaml:3:58: \(reason) (secret_env names an environment variable: letters, digits and _)"
            ),
        ]
        for (text, expected) in cases {
            let error = Self.error(text)
            #expect(error?.description == expected)
            #expect(error?.description.contains("hunter2") != true, "the message must not echo the secret")
        }
    }

    @Test("url_env: a Slack URL comes from the environment and is never shown")
    func urlFromEnvironment() throws {
        let text = Self.webhookHead + "    - { name: slack, url_env: SLACK_URL, format: slack, secret_env: S }\n"
        let hook = try #require(try SentinelConfiguration.parse(text, path: "c.yaml").webhooks.first)
        #expect(hook.urlEnv == "SLACK_URL" && hook.url.isEmpty)
        let token = "https://hooks.slack.example/services/T000/B000/XXXXSECRET"
        #expect(try hook.resolvedURL(environment: ["SLACK_URL": token + "\n"]) == token)
        #expect(throws: AlertsError.urlVariableMissing(webhook: "slack", variable: "SLACK_URL")) {
            try hook.resolvedURL(environment: [:])
        }
        #expect(
            "\(AlertsError.urlVariableMissing(webhook: "slack", variable: "SLACK_URL"))"
                == "webhook slack: environment variable SLACK_URL (its url_env) is not set; export the URL there")
        let target = try WebhookTarget(
            name: "slack", url: token, format: .slack, secret: try WebhookSecret(text: "k"),
            urlIsSecret: true)
        #expect(target.url.absoluteString == token)
        #expect(target.displayURL == "https://hooks.slack.example/…" && !"\(target)".contains("XXXXSECRET"))
        #expect(throws: AlertsError.invalidWebhookURL(name: "slack", url: "(from the environment, not shown)")) {
            try WebhookTarget(name: "slack", url: "nonsense XXXXSECRET", secret: try WebhookSecret(text: "k"), urlIsSecret: true)
        }
    }

    @Test("a missing file, a directory and bad UTF-8 are errors naming the file")
    func unreadable() throws {
        try TemporaryDirectory.with { dir in
            #expect(throws: ConfigurationError.unreadable(path: dir.file("none.yaml"), reason: "no such file")) {
                try SentinelConfiguration.load(path: dir.file("none.yaml"))
            }
            #expect(throws: ConfigurationError.unreadable(path: dir.path, reason: "is a directory, not a configuration file")) {
                try SentinelConfiguration.load(path: dir.path)
            }
            try Data([0x66, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: dir.file("bad.yaml")))
            #expect(throws: ConfigurationError.unreadable(path: dir.file("bad.yaml"), reason: "is not UTF-8 text")) {
                try SentinelConfiguration.load(path: dir.file("bad.yaml"))
            }
            try dir.write("capture:\n  snaplen: 8\n", to: "small.yaml")
            let error = #expect(throws: ConfigurationError.self) { try SentinelConfiguration.load(path: dir.file("small.yaml")) }
            #expect(error?.path == dir.file("small.yaml"))
            #expect(error?.line == 2)
            #expect(error?.column == 12)
            #expect(error?.description == "\(dir.file("small.yaml")):2:12: snaplen must be at least 64 bytes, not '8'")
        }
    }
}
