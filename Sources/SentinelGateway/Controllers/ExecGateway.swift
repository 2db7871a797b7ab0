import Foundation
import SentinelCore

/// Runs a configured command for each action with the action's JSON (see ``Action``)
/// on stdin. Exit status 0 means applied (the first line of stdout becomes the detail);
/// any other status is a retryable failure carrying the end of stderr; a command that runs
/// past the timeout is killed (SIGTERM, then SIGKILL) and reported as timed out.
///
/// The command is an argument vector, not a shell line; a bare name is looked up on `PATH`.
/// It runs with `PATH`, `LANG` and ``environment`` only: none of the sentinel's own variables,
/// so never its secrets.
public struct ExecGateway: Gateway {
    /// The argument vector (`["/usr/local/bin/apply-action", "--site", "eu"]`).
    public let command: [String]
    /// Seconds the command may run.
    public let timeout: Double
    /// Variables added to the command's minimal environment.
    public let environment: [String: String]

    public var name: String { "exec" }

    /// Creates an adapter.
    /// - Throws: ``GatewayFailure/misconfigured(_:)`` for an empty command.
    public init(command: [String], timeout: Double = 10, environment: [String: String] = [:]) throws(GatewayFailure) {
        guard let first = command.first, !first.isEmpty else { throw .misconfigured("exec gateway: empty command") }
        self.command = command
        self.timeout = timeout.isFinite && timeout > 0 ? timeout : 10
        self.environment = environment
    }

    public func apply(_ action: Action) async -> GatewayOutcome {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard var input = try? encoder.encode(action) else { return .failed(.invalidAction("cannot encode \(action)")) }
        input.append(0x0a)
        let shown = command[0]
        switch await CommandRunner.run(command, input: input, timeout: timeout, environment: environment) {
        case let .exited(0, stdout, _):
            let first = stdout.split(separator: "\n").first.map { String($0.prefix(200)) } ?? ""
            return .applied(detail: first.isEmpty ? "\(shown) applied \(action.kind)" : first, undo: action.kind.inverse)
        case let .exited(status, _, stderr):
            return .failed(.commandFailed("\(shown) exited \(status)" + (stderr.isEmpty ? "" : ": \(stderr.lastLines())")))
        case let .timedOut(stderr):
            return .failed(
                .timedOut(
                    "\(shown) ran past \(timeout.formatted) s and was killed"
                        + (stderr.isEmpty ? "" : ": \(stderr.lastLines())")))
        case let .couldNotStart(reason):
            return .failed(.misconfigured("exec gateway: \(reason)"))
        }
    }
}
