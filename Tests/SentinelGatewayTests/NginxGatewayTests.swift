import Foundation
import SentinelCore
import SentinelGateway
import SentinelTestSupport
import Testing

/// A real nginx in its own prefix directory, serving a static page on 127.0.0.1.
@Suite(.serialized, .enabled(if: Loopback.executable("nginx") != nil, "nginx is not installed"))
struct NginxGatewayTests {
    final class Running: @unchecked Sendable {
        let directory = TemporaryDirectory(prefix: "sentinel-nginx")
        let port = Loopback.freePort()
        let nginx: ChildProcess
        let binary = Loopback.executable("nginx")!

        let include: String
        let conf: String

        init() throws {
            let root = directory.path
            let include = directory.file("sentinel.conf")
            let conf = directory.file("nginx.conf")
            self.include = include
            self.conf = conf
            try FileManager.default.createDirectory(atPath: "\(root)/html", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: "\(root)/logs", withIntermediateDirectories: true)
            try "hello\n".write(toFile: "\(root)/html/index.html", atomically: true, encoding: .utf8)
            try "# empty until sentinel writes it\n".write(toFile: include, atomically: true, encoding: .utf8)
            let text = """
                daemon off;
                \(Loopback.nginxHead(root: root))
                    include \(include);
                    server {
                        listen 127.0.0.1:\(port);
                        root \(root)/html;
                        location / { index index.html; }
                    }
                }
                """
            try text.write(toFile: conf, atomically: true, encoding: .utf8)
            // Workers run as nobody: let them read the page.
            _ = try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root)
            nginx = try ChildProcess(
                [binary, "-p", root, "-c", conf, "-e", "\(root)/logs/error.log"],
                log: directory.file("nginx.out"))
        }

        func configuration(preamble: [String] = []) -> NginxConfiguration {
            let root = directory.path
            return NginxConfiguration(
                includePath: include, binary: binary, configPath: conf, prefix: root,
                testCommand: [binary, "-p", root, "-c", conf, "-e", "\(root)/logs/error.log", "-t", "-q"],
                reloadCommand: [binary, "-p", root, "-c", conf, "-e", "\(root)/logs/error.log", "-s", "reload"],
                preamble: preamble, timeout: 10)
        }

        func stop() {
            nginx.stop()
            directory.remove()
        }
    }

    @Test func blocksReloadsRollsBackAndLifts() async throws {
        let running = try Running()
        defer { running.stop() }
        let port = running.port
        let up = await Loopback.eventually { Loopback.status(port: port) == 200 }
        try #require(up, "nginx did not come up: \(running.nginx.log)")

        let gateway = NginxGateway(configuration: running.configuration())
        let enforcer = Enforcer(gateway: gateway)
        let attacker = try SourcePrefix("127.0.0.2")
        let blocked = try await enforcer.applyNow("b1", .block(attacker), timeToLive: 2)
        #expect(blocked.kind == .applied, "\(blocked)")
        // A reload takes effect when the new workers start: wait, bounded.
        let denied = await Loopback.eventually { Loopback.status(port: port, from: "127.0.0.2") == 403 }
        #expect(denied)
        #expect(Loopback.status(port: port, from: "127.0.0.1") == 200)
        let good = try String(contentsOfFile: running.include, encoding: .utf8)
        #expect(good.contains("deny 127.0.0.2;"))

        // A broken include (an unknown directive) fails the check and is rolled back.
        let broken = NginxGateway(configuration: running.configuration(preamble: ["sentinel_no_such_directive on;"]))
        let refused = await broken.apply(try Action(id: "b2", kind: .block(try SourcePrefix("127.0.0.4"))))
        guard case let .validationFailed(reason)? = refused.failure else {
            Issue.record("expected a validation failure, got \(refused)")
            return
        }
        #expect(reason.contains("sentinel_no_such_directive"), "\(reason)")
        #expect(try String(contentsOfFile: running.include, encoding: .utf8) == good)
        #expect(running.nginx.process.isRunning)
        #expect(Loopback.status(port: port, from: "127.0.0.1") == 200)
        #expect(Loopback.status(port: port, from: "127.0.0.2") == 403)
        #expect(Loopback.status(port: port, from: "127.0.0.4") == 200)

        // Rate limit 127.0.0.3 to 1 request/s: a quick burst meets 429.
        let limit = try await enforcer.applyNow("r1", .rateLimit(try SourcePrefix("127.0.0.3"), requestsPerSecond: 1))
        #expect(limit.kind == .applied, "\(limit)")
        let limited = await Loopback.eventually {
            (0..<5).map { _ in Loopback.status(port: port, from: "127.0.0.3") }.contains(429)
        }
        #expect(limited)
        #expect(Loopback.status(port: port, from: "127.0.0.1") == 200)

        // After the TTL the block is lifted; the rate limit (no TTL) stays until rolled back.
        let lifted = await Loopback.eventually {
            _ = await enforcer.tick(now: Date().timeIntervalSince1970)
            return await enforcer.active.count == 1
        }
        #expect(lifted)
        let open = await Loopback.eventually { Loopback.status(port: port, from: "127.0.0.2") == 200 }
        #expect(open)
        #expect(await enforcer.rollBackAll(now: Date().timeIntervalSince1970).map(\.kind) == [.lifted])
        #expect(await gateway.renderedInclude.contains("limit_req") == false)

        let unsupported = await gateway.apply(
            try Action(
                id: "s", kind: .setServerState(try BackendServer(backend: "app", server: "s1"), .drain)))
        #expect(unsupported.failure == .unsupported(gateway: "nginx", action: "set app/s1 state drain"))
    }

    @Test func aFailedReloadRestoresTheFile() async throws {
        try await TemporaryDirectory.with(prefix: "sentinel-nginx-reload") { directory in
            let include = try directory.write("# before\n", to: "sentinel.conf")
            let gateway = NginxGateway(
                configuration: NginxConfiguration(
                    includePath: include, testCommand: ["/bin/true"], reloadCommand: ["/bin/sh", "-c", "echo no master >&2; exit 1"]))
            let outcome = await gateway.apply(try Action(id: "b", kind: .block(try SourcePrefix("192.0.2.1"))))
            guard case let .unavailable(reason)? = outcome.failure else {
                Issue.record("expected a reload failure, got \(outcome)")
                return
            }
            #expect(reason.contains("no master"))
            #expect(try String(contentsOfFile: include, encoding: .utf8) == "# before\n")
            #expect(await gateway.renderedInclude.contains("deny") == false)
        }
    }

    @Test func concurrentChangesAreSerialised() async throws {
        try await TemporaryDirectory.with(prefix: "sentinel-nginx-serial") { directory in
            let include = directory.file("sentinel.conf")
            let gateway = NginxGateway(
                configuration: NginxConfiguration(
                    includePath: include, testCommand: ["/bin/true"], reloadCommand: ["/bin/true"]))
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for index in 1...12 {
                    group.addTask {
                        let action = try! Action(id: "b\(index)", kind: .block(try! SourcePrefix("192.0.2.\(index)")))
                        return await gateway.apply(action).succeeded
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.allSatisfy { $0 })
            let text = try String(contentsOfFile: include, encoding: .utf8)
            #expect((1...12).allSatisfy { text.contains("deny 192.0.2.\($0);") })
        }
    }
}
