import Foundation
import SentinelCore
import SentinelGateway
import SentinelTestSupport
import Testing

/// A Runtime API that is down, silent, or not HAProxy at all: failure outcomes, bounded waits.
@Suite struct BadHAProxyTests {
    let action = try! Action(id: "b", kind: .block(try! SourcePrefix("192.0.2.1")))

    @Test func aMissingSocketIsUnreachable() async throws {
        let gateway = HAProxyGateway(configuration: .init(endpoint: .unix(path: "/nonexistent/admin.sock")))
        guard case let .unreachable(reason)? = await gateway.apply(action).failure else {
            Issue.record("expected unreachable")
            return
        }
        #expect(reason.contains("no such socket"))
        let refused = HAProxyGateway(configuration: .init(endpoint: .tcp(host: "127.0.0.1", port: Loopback.freePort())))
        #expect(
            await refused.apply(action).failure == .unreachable("tcp:127.0.0.1:\(refused.configuration.endpoint.port): connection refused"))
    }

    @Test func aSilentSocketTimesOut() async throws {
        let silent = try ScriptedSocketServer(reply: nil, holdSeconds: 10)
        defer { silent.stop() }
        let gateway = HAProxyGateway(configuration: .init(endpoint: .tcp(host: "127.0.0.1", port: silent.port), timeout: 0.5))
        guard case .timedOut? = await gateway.apply(action).failure else {
            Issue.record("expected a timeout")
            return
        }
    }

    @Test func garbageIsAFailure() async throws {
        let binary = try ScriptedSocketServer(reply: [0xff, 0xfe, 0x00, 0x41])
        defer { binary.stop() }
        let gateway = HAProxyGateway(configuration: .init(endpoint: .tcp(host: "127.0.0.1", port: binary.port), timeout: 2))
        guard case .malformedResponse? = await gateway.apply(action).failure else {
            Issue.record("binary garbage was not reported")
            return
        }
        let chatty = try ScriptedSocketServer(reply: Array(String(repeating: "<html>\n", count: 20).utf8))
        defer { chatty.stop() }
        let other = HAProxyGateway(configuration: .init(endpoint: .tcp(host: "127.0.0.1", port: chatty.port), timeout: 2))
        guard case .malformedResponse? = await other.apply(action).failure else {
            Issue.record("a web page was not reported as garbage")
            return
        }
        guard case .failure(.malformedResponse) = await other.version() else {
            Issue.record("version() accepted garbage")
            return
        }
        let closing = try ScriptedSocketServer(reply: [])
        defer { closing.stop() }
        let closed = HAProxyGateway(configuration: .init(endpoint: .tcp(host: "127.0.0.1", port: closing.port), timeout: 2))
        #expect(await closed.apply(action).failure?.isRetryable == true)
        let injected = HAProxyGateway(
            configuration: .init(
                endpoint: .tcp(host: "127.0.0.1", port: closing.port),
                blockMap: "/tmp/x.map; shutdown sessions"))
        guard case .misconfigured? = await injected.apply(action).failure else {
            Issue.record("a map path with ';' was accepted")
            return
        }
    }
}

extension HAProxyEndpoint {
    var port: UInt16 {
        if case let .tcp(_, port) = self { return port }
        return 0
    }
}
