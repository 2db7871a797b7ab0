import Foundation
import SentinelCore
import SentinelGateway
import SentinelTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ExecGatewayTests {
    @Test func passesTheActionOnStdin() async throws {
        try await TemporaryDirectory.with(prefix: "sentinel-exec") { directory in
            let file = directory.file("action.json")
            let gateway = try ExecGateway(
                command: ["/bin/sh", "-c", "cat > \"$OUT\"; echo applied by script"],
                timeout: 10, environment: ["OUT": file])
            let action = try Action(id: "e1", kind: .scale(try DeploymentReference(name: "api"), replicas: 3))
            let outcome = await gateway.apply(action)
            #expect(outcome == .applied(detail: "applied by script", undo: nil))
            let written = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(try JSONDecoder().decode(Action.self, from: written) == action)
        }
    }

    /// The command sees PATH, LANG and what the gateway adds, never the sentinel's own
    /// variables (issue 16: the webhook and store secrets were passed on to every command).
    @Test func commandsGetAMinimalEnvironment() async throws {
        setenv("SENTINEL_EXEC_TEST_SECRET", "whsec_hunter2", 1)
        defer { unsetenv("SENTINEL_EXEC_TEST_SECRET") }
        try await TemporaryDirectory.with(prefix: "sentinel-exec") { directory in
            let file = directory.file("environment")
            let gateway = try ExecGateway(command: ["/bin/sh", "-c", "env > \"$OUT\""], environment: ["OUT": file])
            let action = try Action(id: "env", kind: .block(try SourcePrefix("192.0.2.3")))
            #expect(await gateway.apply(action).succeeded)
            let names = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").compactMap {
                $0.split(separator: "=").first
            }
            // sh itself adds PWD (and SHLVL, _ in some shells).
            #expect(Set(names).subtracting(["PWD", "SHLVL", "_"]) == ["PATH", "LANG", "OUT"], "\(names)")
        }
    }

    @Test func failuresTimeoutsAndMissingCommands() async throws {
        let action = try Action(id: "e", kind: .block(try SourcePrefix("192.0.2.1")))
        let failing = try ExecGateway(command: ["/bin/sh", "-c", "echo cannot reach controller >&2; exit 3"])
        #expect(await failing.apply(action).failure == .commandFailed("/bin/sh exited 3: cannot reach controller"))

        let slow = try ExecGateway(command: ["/bin/sleep", "30"], timeout: 1)
        guard case .timedOut? = await slow.apply(action).failure else {
            Issue.record("a hung command was not reported as timed out")
            return
        }
        // A command that ignores stdin and exits at once does not hurt us.
        #expect(await (try ExecGateway(command: ["/bin/true"])).apply(action).succeeded)

        let missing = try ExecGateway(command: ["/nonexistent/apply-action"])
        guard case .misconfigured? = await missing.apply(action).failure else {
            Issue.record("a missing command was not reported")
            return
        }
        #expect(throws: GatewayFailure.self) { try ExecGateway(command: []) }
    }

    /// A command that leaves a background child holding its output open, or that writes far
    /// more than is kept, still ends with its own exit: the runner stops reading two seconds
    /// after the command exits and never reads a descriptor it closed (that trapped the
    /// process when the leftover child finally exited).
    @Test func leftoverChildrenAndFloodsOfOutput() async throws {
        let action = try Action(id: "g", kind: .block(try SourcePrefix("192.0.2.2")))
        let daemonising = try ExecGateway(command: ["/bin/sh", "-c", "sleep 3 & echo handed to background"], timeout: 30)
        #expect(await daemonising.apply(action) == .applied(detail: "handed to background", undo: action.kind.inverse))
        let chatty = try ExecGateway(
            command: ["/bin/sh", "-c", "echo first; head -c 5000000 /dev/zero | tr '\\0' x; head -c 3000000 /dev/zero >&2"],
            timeout: 30)
        #expect(await chatty.apply(action) == .applied(detail: "first", undo: action.kind.inverse))
        // Let the background sleep end while this process still runs.
        try await Task.sleep(for: .seconds(2))
    }
}
