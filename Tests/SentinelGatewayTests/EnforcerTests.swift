import Foundation
import SentinelCore
import Testing

@testable import SentinelGateway

@Suite struct EnforcerTests {
    let source = try! SourcePrefix("198.51.100.7")

    @Test func liftsWhenTheTimeToLiveRunsOut() async throws {
        let gateway = ScriptedGateway()
        let enforcer = Enforcer(gateway: gateway)
        let event = await enforcer.apply(try Action(id: "b1", kind: .block(source), timeToLive: 60), now: 1_000)
        #expect(event.kind == .applied)
        #expect(await enforcer.tick(now: 1_059).isEmpty)
        // A refresh pushes the expiry out and keeps one change.
        _ = await enforcer.apply(try Action(id: "b2", kind: .block(source), timeToLive: 60), now: 1_030)
        #expect(await enforcer.active.count == 1)
        #expect(await enforcer.tick(now: 1_061).isEmpty)
        let lifted = await enforcer.tick(now: 1_090)
        #expect(lifted.map(\.kind) == [.lifted])
        #expect(lifted.first?.action.kind == .unblock(source))
        #expect(await enforcer.active.isEmpty)
        #expect(gateway.actions.map(\.kind) == [.block(source), .block(source), .unblock(source)])
    }

    @Test func retriesWithBackoffABoundedNumberOfTimes() async throws {
        let down = GatewayOutcome.failed(.unreachable("down"))
        let gateway = ScriptedGateway([down, down, down, down, down])
        let enforcer = Enforcer(gateway: gateway, retry: RetryPolicy(maxAttempts: 3, base: 2, factor: 2, cap: 60))
        let first = await enforcer.apply(try Action(id: "r", kind: .rateLimit(source, requestsPerSecond: 5)), now: 0)
        #expect(first.kind == .retryScheduled(at: 2))
        #expect(await enforcer.tick(now: 1).isEmpty)
        #expect(await enforcer.tick(now: 2).map(\.kind) == [.retryScheduled(at: 6)])
        let last = await enforcer.tick(now: 6)
        #expect(last.map(\.kind) == [.gaveUp])
        #expect(last.first?.attempts == 3)
        #expect(await enforcer.tick(now: 1_000).isEmpty)
        #expect(gateway.actions.count == 3)
        #expect(await enforcer.retrying.isEmpty)

        // A failure that cannot pass is not retried.
        let refusing = Enforcer(gateway: ScriptedGateway([.failed(.rejected("no such server"))]))
        #expect(await refusing.apply(try Action(id: "x", kind: .block(source)), now: 0).kind == .gaveUp)
    }

    @Test func aFailedBatchIsRolledBack() async throws {
        let server = try BackendServer(backend: "app", server: "s1")
        let gateway = ScriptedGateway([
            .applied(detail: "drained", undo: .setServerState(server, .ready)), nil, .failed(.unreachable("down")),
        ])
        let enforcer = Enforcer(gateway: gateway)
        let other = try SourcePrefix("203.0.113.0/24")
        let events = await enforcer.applyAll(
            [
                try Action(id: "1", kind: .setServerState(server, .drain)),
                try Action(id: "2", kind: .block(source)),
                try Action(id: "3", kind: .block(other)),
            ], now: 0)
        #expect(events.map(\.kind) == [.applied, .applied, .gaveUp, .rolledBack, .rolledBack])
        #expect(gateway.actions.suffix(2).map(\.kind) == [.unblock(source), .setServerState(server, .ready)])
        #expect(await enforcer.active.isEmpty)
    }

    @Test func rollBackAllLiftsNewestFirstAndRetriesFailedLifts() async throws {
        let other = try SourcePrefix("203.0.113.0/24")
        let gateway = ScriptedGateway([nil, nil, .failed(.timedOut("slow")), nil])
        let enforcer = Enforcer(gateway: gateway, retry: RetryPolicy(base: 5))
        _ = await enforcer.apply(try Action(id: "1", kind: .block(source)), now: 0)
        _ = await enforcer.apply(try Action(id: "2", kind: .rateLimit(other, requestsPerSecond: 1)), now: 1)
        let events = await enforcer.rollBackAll(now: 10)
        #expect(events.map(\.kind) == [.liftRetryScheduled(at: 15), .lifted])
        #expect(await enforcer.active.count == 1)
        #expect(await enforcer.tick(now: 12).isEmpty)
        #expect(await enforcer.tick(now: 15).map(\.kind) == [.lifted])
        #expect(await enforcer.active.isEmpty)
        #expect(
            gateway.actions.map(\.kind.description).suffix(3)
                == ["lift rate limit of 203.0.113.0/24", "unblock 198.51.100.7", "lift rate limit of 203.0.113.0/24"])
    }

    @Test func restoresTheStateFromBeforeTheFirstChange() async throws {
        let server = try BackendServer(backend: "app", server: "s1")
        let gateway = ScriptedGateway([
            .applied(detail: "ready → drain", undo: .setServerState(server, .ready)),
            .applied(detail: "drain → maint", undo: .setServerState(server, .drain)),
        ])
        let enforcer = Enforcer(gateway: gateway)
        _ = await enforcer.apply(try Action(id: "1", kind: .setServerState(server, .drain), timeToLive: 10), now: 0)
        _ = await enforcer.apply(try Action(id: "2", kind: .setServerState(server, .maint), timeToLive: 10), now: 1)
        #expect(await enforcer.tick(now: 11).map(\.kind) == [.lifted])
        #expect(gateway.actions.last?.kind == .setServerState(server, .ready))
    }

    @Test func reassertsWhatIsInPlace() async throws {
        let gateway = ScriptedGateway()
        let enforcer = Enforcer(gateway: gateway)
        _ = await enforcer.apply(try Action(id: "1", kind: .block(source), timeToLive: 60), now: 0)
        let events = await enforcer.reassert(now: 10)
        #expect(events.map(\.kind) == [.applied])
        #expect(gateway.actions.map(\.kind) == [.block(source), .block(source)])
        #expect(await enforcer.active.first?.expiresAt == 60)
    }

    /// A lift racing a refresh of the same block must leave state and gateway agreeing.
    @Test func overlappingCallsTakeTurns() async throws {
        let gateway = SlowGateway()
        let enforcer = Enforcer(gateway: gateway)
        _ = await enforcer.apply(try Action(id: "1", kind: .block(source), timeToLive: 1), now: 0)
        let refresh = try Action(id: "2", kind: .block(source), timeToLive: 60)
        async let lifted = enforcer.tick(now: 2)
        async let refreshed = enforcer.apply(refresh, now: 2)
        _ = await (lifted, refreshed)
        #expect(await enforcer.active.map(\.action.id) == ["2"])
        #expect(gateway.actions.last?.kind == .block(source))
    }
}

@Suite struct GatewayRouterTests {
    @Test func routesByKind() async throws {
        let sources = DryRunGateway(name: "edge")
        let scaling = DryRunGateway(name: "cluster")
        let router = GatewayRouter(sources: sources, scaling: scaling)
        let source = try SourcePrefix("192.0.2.0/24")
        #expect(await router.apply(try Action(id: "1", kind: .block(source))).succeeded)
        #expect(
            await router.apply(try Action(id: "2", kind: .scale(try DeploymentReference(name: "api"), replicas: 2)))
                .succeeded)
        let state = await router.apply(
            try Action(
                id: "3", kind: .setServerState(try BackendServer(backend: "app", server: "s1"), .drain)))
        #expect(state.failure == .unsupported(gateway: "router(edge, -, cluster)", action: "set app/s1 state drain"))
        #expect(sources.actions.map(\.id) == ["1"])
        #expect(scaling.actions.map(\.id) == ["2"])
    }
}

/// Takes 100 ms per action.
final class SlowGateway: Gateway, @unchecked Sendable {
    let name = "slow"
    private let lock = NSLock()
    private var received: [Action] = []

    var actions: [Action] { lock.withLock { received } }

    func apply(_ action: Action) async -> GatewayOutcome {
        try? await Task.sleep(nanoseconds: 100_000_000)
        lock.withLock { received.append(action) }
        return .applied(detail: "ok", undo: action.kind.inverse)
    }
}
