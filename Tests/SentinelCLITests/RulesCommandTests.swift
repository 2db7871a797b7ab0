import Foundation
import SentinelTestSupport
import Testing

@Suite("sentinel rules check")
struct RulesCommandTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    @Test("the shipped rules/sentinel.yaml checks: exit 0 and a summary with every path")
    func shippedFileChecks() throws {
        let result = try SentinelProcess.run(
            ["rules", "check", "--strict", "rules/sentinel.yaml"], environment: ["SENTINEL_SOC_SECRET": Self.secret],
            unset: ["SENTINEL_MODEL", "SENTINEL_LOG_MODEL"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("rules/sentinel.yaml: OK\n"))
        #expect(result.stdout.contains("interfaces: lo"))
        #expect(result.stdout.contains("/var/log/nginx/access.log (combined, optional)"))
        #expect(result.stdout.contains("soc → http://127.0.0.1:9000/sentinel (sentinel, secret from $SENTINEL_SOC_SECRET)"))
        let root = SharedData.packageRoot
        #expect(result.stdout.contains("    model          \(root)/models/default.json  (sentinel.model)"), "\(result.stdout)")
        #expect(result.stdout.contains("    log model      \(root)/models/logs.json  (sentinel.log_model)"), "\(result.stdout)")
        #expect(result.stdout.contains("    store          \(root)/rules/sentinel.db"), "\(result.stdout)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(!result.stdout.contains(Self.secret) && !result.stderr.contains(Self.secret))
    }

    @Test("what run needs: each missing piece is an error on stderr naming the file, exit 2; the secret's value never shows")
    func hostChecks() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.file("sentinel.yaml")
            try """
            sentinel:
              model: \(SharedData.packageRoot)/models/logs.json
              store: \(dir.file("state/sentinel.db"))
            capture:
              interfaces: [lo, nosuch7]
            logs:
              - { path: \(dir.file("acess.log")) }
              - { path: \(dir.file("later.log")), optional: true }
            alerts:
              webhooks:
                - { name: soc, url: "http://127.0.0.1:9/x", secret_env: RULES_CHECK_SECRET }
            gateway:
              scaling:
                kubernetes: { api: "k8s.example:6443", ca_file: \(dir.file("ca.pem")) }
            """.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try SentinelProcess.run(["rules", "check", path], environment: ["RULES_CHECK_SECRET": "whsec_!!hunter2!!"])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("\(path): 7 errors\n"), "\(result.stdout)")
            let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("\(path): error: ") }
            for subject in [
                "model \(SharedData.packageRoot)/models/logs.json", "interface nosuch7", "log \(dir.file("acess.log"))", "webhook soc",
                "gateway.scaling", "store \(dir.file("state/sentinel.db"))",
            ] {
                #expect(errors.contains { $0.contains(": error: \(subject): ") }, "\(subject): \(result.stderr)")
            }
            #expect(errors.count == 7, "\(result.stderr)")
            #expect(result.stdout.contains("\(path): note: log \(dir.file("later.log")): does not exist yet"), "\(result.stdout)")
            #expect(!result.stderr.contains("hunter2") && !result.stdout.contains("hunter2"), "the secret's value never shows")
            #expect(result.stderr.hasSuffix("sentinel: \(path): 7 errors\n"), "\(result.stderr)")
        }
    }

    @Test("--strict fails on warnings: no webhook passes without it and exits 2 with it")
    func strict() throws {
        try TemporaryDirectory.with { dir in
            let path = try dir.write(
                "sentinel: { store: \(dir.file("sentinel.db")) }\ncapture: { interfaces: [lo] }\n", to: "sentinel.yaml")
            let lenient = try SentinelProcess.run(["rules", "check", path])
            #expect(lenient.status == 0, "\(lenient.stderr)")
            #expect(lenient.stdout.hasPrefix("\(path): 1 warning\n"), "\(lenient.stdout)")
            #expect(lenient.stderr.contains("\(path): warning: alerts: no webhook"), "\(lenient.stderr)")
            let strict = try SentinelProcess.run(["rules", "check", "--strict", path])
            #expect(strict.status == 2)
            #expect(strict.stderr.hasSuffix("sentinel: \(path): 1 warning (--strict fails on warnings)\n"), "\(strict.stderr)")
        }
    }

    @Test("a broken file exits 2 with file:line:column and the reason on stderr")
    func brokenFileFails() throws {
        try TemporaryDirectory.with { dir in
            let path = try dir.write("sentinel:\n  window: 1\ncapture:\n  intervals: 3\n", to: "broken.yaml")
            let result = try SentinelProcess.run(["rules", "check", path])
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            #expect(
                result.stderr == "\(path):4:3: unknown key 'intervals' in capture "
                    + "(known: interfaces, filter, snaplen, buffer_mb, max_flows, queue_capacity)\n")
        }
    }

    @Test("YAML syntax errors and a missing file also exit 2 naming the file")
    func syntaxAndMissing() throws {
        try TemporaryDirectory.with { dir in
            let path = try dir.write("capture:\n  interfaces: [eth0\n", to: "syntax.yaml")
            let syntax = try SentinelProcess.run(["rules", "check", path])
            #expect(syntax.status == 2)
            #expect(syntax.stderr.hasPrefix("\(path):3:"), "\(syntax.stderr)")
            #expect(syntax.stderr.contains("invalid YAML"))
            let missing = try SentinelProcess.run(["rules", "check", dir.file("none.yaml")])
            #expect(missing.status == 2)
            #expect(missing.stderr == "\(dir.file("none.yaml")): no such file\n")
        }
    }
}
