import Foundation
import SentinelCore
import SentinelGateway
import SentinelPlanner
import SentinelTestSupport
import Testing

/// A real haproxy, configured from the shipped rules/haproxy.cfg, in front of a loopback backend.
@Suite(.serialized, .enabled(if: Loopback.executable("haproxy") != nil, "haproxy is not installed"))
struct HAProxyGatewayTests {
    /// A running haproxy and what it was started with.
    final class Running: @unchecked Sendable {
        let directory = TemporaryDirectory(prefix: "sentinel-haproxy")
        let backend: HTTPRecorder
        let port = Loopback.freePort()
        let haproxy: ChildProcess
        let configuration: HAProxyConfiguration

        init(useTCP: Bool = false) throws {
            backend = try HTTPRecorder { _ in .init(status: 200, contentType: "text/plain", body: "hello") }
            let shipped = try String(contentsOfFile: SharedData.packageRoot + "/rules/haproxy.cfg", encoding: .utf8)
            let socket = directory.file("admin.sock")
            let adminPort = Loopback.freePort()
            let replacements = [
                "stats socket /run/haproxy/admin.sock": useTCP
                    ? "stats socket ipv4@127.0.0.1:\(adminPort)"
                    : "stats socket \(socket)",
                "/etc/haproxy/sentinel-blocked.map": directory.file("blocked.map"),
                "/etc/haproxy/sentinel-ratelimit.map": directory.file("ratelimit.map"),
                "bind :80": "bind 127.0.0.1:\(port)",
                "10.0.0.11:8080": "127.0.0.1:\(backend.port)",
                "10.0.0.12:8080": "127.0.0.1:\(backend.port)",
            ]
            var text = shipped
            for (from, to) in replacements {
                #expect(text.contains(from), "rules/haproxy.cfg no longer contains '\(from)'")
                text = text.replacingOccurrences(of: from, with: to)
            }
            for map in ["blocked.map", "ratelimit.map"] {
                _ = FileManager.default.createFile(atPath: directory.file(map), contents: Data())
            }
            try directory.write(text, to: "haproxy.cfg")
            configuration = HAProxyConfiguration(
                endpoint: useTCP ? .tcp(host: "127.0.0.1", port: adminPort) : .unix(path: socket),
                blockMap: directory.file("blocked.map"), rateLimitMap: directory.file("ratelimit.map"),
                rateTable: "web", timeout: 3)
            haproxy = try ChildProcess(
                [Loopback.executable("haproxy")!, "-f", directory.file("haproxy.cfg"), "-db"],
                log: directory.file("haproxy.log"))
        }

        func stop() {
            haproxy.stop()
            backend.stop()
            directory.remove()
        }
    }

    @Test func blocksRateLimitsAndLiftsOnARealHAProxy() async throws {
        let running = try Running()
        defer { running.stop() }
        let port = running.port
        let gateway = HAProxyGateway(configuration: running.configuration)
        let up = await Loopback.eventually { Loopback.status(port: port) == 200 }
        try #require(up, "haproxy did not come up: \(running.haproxy.log)")
        let version = try await gateway.version().get()
        #expect(version.first?.isNumber == true)

        // Block the second loopback address for 2 s.
        let enforcer = Enforcer(gateway: gateway)
        let attacker = try SourcePrefix("127.0.0.2")
        let blocked = try await enforcer.applyNow("b1", .block(attacker), timeToLive: 2)
        #expect(blocked.kind == .applied, "\(blocked)")
        #expect(Loopback.status(port: port, from: "127.0.0.2") == 403)
        #expect(Loopback.status(port: port, from: "127.0.0.1") == 200)
        // Blocking again refreshes the same entry (set map), no duplicate.
        let again = await gateway.apply(try Action(id: "b2", kind: .block(attacker)))
        #expect(again.succeeded)

        // After the TTL the enforcer lifts it.
        var liftEvents: [EnforcerEvent] = []
        let lifted = await Loopback.eventually(within: 10) {
            liftEvents += await enforcer.tick(now: Date().timeIntervalSince1970)
            return await enforcer.active.isEmpty
        }
        #expect(lifted)
        #expect(liftEvents.map(\.kind) == [.lifted])
        #expect(Loopback.status(port: port, from: "127.0.0.2") == 200)

        // Rate limit 127.0.0.3 to 2 requests/s: a quick burst meets 429.
        let limited = try SourcePrefix("127.0.0.3")
        let limit = try await enforcer.applyNow("r1", .rateLimit(limited, requestsPerSecond: 2))
        #expect(limit.kind == .applied, "\(limit)")
        let burst = (0..<8).map { _ in Loopback.status(port: port, from: "127.0.0.3") }
        #expect(burst.first == 200)
        #expect(burst.contains(429), "\(burst)")
        #expect(Loopback.status(port: port, from: "127.0.0.1") == 200)
        let table = try await gateway.tableEntries().get()
        #expect(table.contains { $0.key == "::ffff:127.0.0.3" && ($0.httpRequestRate ?? 0) >= 3 }, "\(table)")
        let rollback = await enforcer.rollBackAll(now: Date().timeIntervalSince1970)
        #expect(rollback.map(\.kind) == [.lifted])
        let recovered = await Loopback.eventually { Loopback.status(port: port, from: "127.0.0.3") == 200 }
        #expect(recovered)

        // A prefix and an IPv6 prefix are accepted by map_ip.
        for text in ["10.0.0.0/8", "2001:db8::/32"] {
            let outcome = await gateway.apply(try Action(id: "p", kind: .block(try SourcePrefix(text))))
            #expect(outcome.succeeded, "\(outcome)")
            #expect(await gateway.apply(try Action(id: "p", kind: .unblock(try SourcePrefix(text)))).succeeded)
        }
        // Lifting what is not there is fine.
        #expect(await gateway.apply(try Action(id: "u", kind: .unblock(attacker))).succeeded)
    }

    @Test func drainsAndReweightsServers() async throws {
        let running = try Running(useTCP: true)
        defer { running.stop() }
        let gateway = HAProxyGateway(configuration: running.configuration)
        let port = running.port
        let up = await Loopback.eventually { Loopback.status(port: port) == 200 }
        try #require(up, "haproxy did not come up: \(running.haproxy.log)")
        let s1 = try BackendServer(backend: "app", server: "s1")

        let drained = await gateway.apply(try Action(id: "d", kind: .setServerState(s1, .drain)))
        guard case let .applied(_, undo) = drained else {
            Issue.record("drain failed: \(drained)")
            return
        }
        #expect(undo == .setServerState(s1, .ready))
        #expect(try await gateway.servers(in: "app").get().first { $0.name == "s1" }?.state == .drain)
        #expect(Loopback.status(port: port) == 200)  // s2 still serves

        let weighted = await gateway.apply(try Action(id: "w", kind: .setServerWeight(s1, weight: 10)))
        #expect(weighted == .applied(detail: "app/s1 weight 100 → 10", undo: .setServerWeight(s1, weight: 100)))
        #expect(try await gateway.servers(in: "app").get().first { $0.name == "s1" }?.weight == 10)

        #expect(await gateway.apply(try Action(id: "m", kind: .setServerState(s1, .maint))).succeeded)
        #expect(try await gateway.servers(in: "app").get().first { $0.name == "s1" }?.state == .maint)
        #expect(await gateway.apply(try Action(id: "r", kind: .setServerState(s1, .ready))).succeeded)
        #expect(try await gateway.servers(in: "app").get().first { $0.name == "s1" }?.state == .ready)

        let unknown = await gateway.apply(
            try Action(
                id: "x",
                kind: .setServerState(
                    try BackendServer(backend: "app", server: "s9"), .drain)))
        #expect(unknown.failure == .rejected("no server s9 in backend app"))
        let noBackend = await gateway.apply(
            try Action(
                id: "x",
                kind: .setServerWeight(
                    try BackendServer(backend: "nope", server: "s1"), weight: 1)))
        #expect(noBackend.failure != nil)
        let scale = await gateway.apply(try Action(id: "k", kind: .scale(try DeploymentReference(name: "api"), replicas: 3)))
        #expect(scale.failure == .unsupported(gateway: "haproxy", action: "scale api to 3 replicas"))

        // The breaker's transitions go through as-is.
        var breaker = CircuitBreaker(server: s1, policy: .init(failureThreshold: 1, openDuration: 0, successThreshold: 1))
        for kind in breaker.observe(degraded: true, now: 0) + breaker.observe(degraded: false, now: 1) {
            #expect(await gateway.apply(try Action(id: "cb", kind: kind)).succeeded)
        }
        let probing = try await gateway.servers(in: "app").get().first { $0.name == "s1" }
        #expect(probing?.state == .ready)
        #expect(probing?.weight == 1)
    }
}
