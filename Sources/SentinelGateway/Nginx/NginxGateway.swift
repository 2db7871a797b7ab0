import Foundation
import SentinelCore

/// Carries block and rate-limit actions out with nginx: renders the include file from the
/// current set of blocked and limited sources, checks it (`nginx -t`), reloads, and when
/// the check or the reload fails puts the previous file back, so nginx keeps serving with
/// the configuration it had.
///
/// The adapter owns the include and starts from an empty set: the first change rewrites
/// whatever the file held. Changes are serialised. Server state, weight and scaling are
/// refused as unsupported (open-source nginx has no runtime API for them).
public actor NginxGateway: Gateway {
    /// Paths and commands.
    public nonisolated let configuration: NginxConfiguration
    public nonisolated var name: String { "nginx" }
    private var state = NginxInclude()
    /// One change at a time: an actor alone would interleave them at every `await`.
    private let gate = SerialGate()

    /// Creates an adapter (nothing is written until the first action).
    public init(configuration: NginxConfiguration) { self.configuration = configuration }

    /// The include's text for the current state.
    public var renderedInclude: String { state.render(preamble: configuration.preamble) }

    public func apply(_ action: Action) async -> GatewayOutcome {
        await gate.run { await change(action) }
    }

    private func change(_ action: Action) async -> GatewayOutcome {
        var next = state
        let detail: String
        switch action.kind {
        case let .block(source):
            next.blocked.insert(source)
            detail = "blocked \(source)"
        case let .rateLimit(source, rate):
            let perMinute = NginxInclude.perMinute(rate)
            next.limited[source] = perMinute
            detail = "rate-limited \(source) to \(perMinute) req/min"
        case let .unblock(source):
            next.blocked.remove(source)
            detail = "unblocked \(source)"
        case let .liftRateLimit(source):
            next.limited[source] = nil
            detail = "lifted the rate limit of \(source)"
        case .setServerState, .setServerWeight, .scale:
            return unsupported(action)
        }
        if let failure = await install(next) { return .failed(failure) }
        state = next
        return .applied(detail: detail, undo: action.kind.inverse)
    }

    /// Writes, checks and reloads; on any failure restores the previous file.
    /// - Returns: `nil` on success.
    private func install(_ next: NginxInclude) async -> GatewayFailure? {
        let path = configuration.includePath
        let text = next.render(preamble: configuration.preamble)
        let previous = FileManager.default.contents(atPath: path)
        if previous == Data(text.utf8), next == state { return nil }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            return .misconfigured("cannot write \(path): \(error.localizedDescription)")
        }
        if let problem = await run(configuration.resolvedTestCommand, what: "check") {
            restore(previous, at: path)
            if case let .commandFailed(reason) = problem { return .validationFailed(reason) }
            return problem
        }
        if let problem = await run(configuration.resolvedReloadCommand, what: "reload") {
            restore(previous, at: path)
            // The restored file passed before; ask nginx to (re)load it so both agree.
            _ = await run(configuration.resolvedReloadCommand, what: "reload")
            if case let .commandFailed(reason) = problem { return .unavailable(reason) }
            return problem
        }
        return nil
    }

    private func run(_ command: [String], what: String) async -> GatewayFailure? {
        switch await CommandRunner.run(command, timeout: configuration.timeout) {
        case let .exited(0, _, _): return nil
        case let .exited(status, _, stderr):
            return .commandFailed("nginx \(what) (\(command.joined(separator: " "))) exited \(status): \(stderr.lastLines())")
        case let .timedOut(stderr):
            return .timedOut("nginx \(what) ran past \(configuration.timeout.formatted) s: \(stderr.lastLines())")
        case let .couldNotStart(reason): return .misconfigured("nginx \(what): \(reason)")
        }
    }

    private func restore(_ previous: Data?, at path: String) {
        if let previous {
            try? previous.write(to: URL(fileURLWithPath: path), options: .atomic)
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
