import SentinelCore

/// Something that carries actions out: a proxy's runtime API, a configuration file plus a
/// reload, an orchestrator's API, a controller URL or a command.
///
/// A gateway knows *how* to apply an action, never *why* it was chosen. `apply` reports
/// every failure in the outcome: it never throws, never crashes on a bad answer, waits a
/// bounded time, and leaves no half-applied change behind.
public protocol Gateway: Sendable {
    /// A short name for logs and errors (`haproxy`, `nginx`, `kubernetes`, …).
    var name: String { get }

    /// Carries one action out.
    /// - Returns: ``GatewayOutcome/applied(detail:undo:)`` or ``GatewayOutcome/failed(_:)``.
    func apply(_ action: Action) async -> GatewayOutcome
}

extension Gateway {
    /// The standard refusal for a kind this gateway does not handle.
    func unsupported(_ action: Action) -> GatewayOutcome {
        .failed(.unsupported(gateway: name, action: action.kind.description))
    }
}
