import Foundation
import SentinelTestSupport
import Testing

@Suite("sentinel rules check")
struct RulesCommandTests {
    @Test("the shipped rules/sentinel.yaml checks: exit 0 and a summary")
    func shippedFileChecks() throws {
        let result = try SentinelProcess.run(["rules", "check", "rules/sentinel.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rules/sentinel.yaml: OK"))
        #expect(result.stdout.contains("interfaces: lo"))
        #expect(result.stdout.contains("/var/log/nginx/access.log (combined)"))
        #expect(result.stdout.contains("soc → http://127.0.0.1:9000/sentinel (sentinel, secret from $SENTINEL_SOC_SECRET)"))
        #expect(result.stdout.contains("model:      models/default.json"))
        #expect(result.stdout.contains("store:      ./sentinel.db"))
        #expect(result.stderr.isEmpty)
    }

    @Test("a broken file exits 2 with file:line:column and the reason on stderr")
    func brokenFileFails() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("broken.yaml")
        try "sentinel:\n  window: 1\ncapture:\n  intervals: 3\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try SentinelProcess.run(["rules", "check", path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == "\(path):4:3: unknown key 'intervals' in capture "
                + "(known: interfaces, filter, snaplen, buffer_mb, max_flows, queue_capacity)\n")
    }

    @Test("YAML syntax errors and a missing file also exit 2 naming the file")
    func syntaxAndMissing() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("syntax.yaml")
        try "capture:\n  interfaces: [eth0\n".write(toFile: path, atomically: true, encoding: .utf8)
        let syntax = try SentinelProcess.run(["rules", "check", path])
        #expect(syntax.status == 2)
        #expect(syntax.stderr.hasPrefix("\(path):3:"), "\(syntax.stderr)")
        #expect(syntax.stderr.contains("invalid YAML"))
        let missing = try SentinelProcess.run(["rules", "check", dir.file("none.yaml")])
        #expect(missing.status == 2)
        #expect(missing.stderr == "\(dir.file("none.yaml")): no such file\n")
    }
}
