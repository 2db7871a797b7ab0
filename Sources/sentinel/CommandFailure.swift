import ArgumentParser
import Foundation
import SentinelRuntime

/// A failure the user can cause and fix (a file that cannot be read, a bad model or
/// configuration, a database that is not there). Commands throw it; ``SentinelCommand/main()``
/// is the one place that prints it (`sentinel: message` on standard error) and maps it to
/// the exit status (2 unless said otherwise).
struct CommandFailure: Error, CustomStringConvertible {
    /// What went wrong, naming the file, line or packet and what to do.
    var message: String
    /// The exit status.
    var exitCode: Int32
    /// Whether the message is printed as is, without the `sentinel: ` prefix (the
    /// configuration checker's `file:line:column: …` lines).
    var raw = false
    /// Whether the message is printed as one JSON line of the operator log (`sentinel run
    /// --log-format json` failing to start), level `critical`, message `cannot start`, the
    /// reason in `error`.
    var logLine = false

    /// A failure with this message.
    init(_ message: String, exitCode: Int32 = 2) {
        self.message = message
        self.exitCode = exitCode
    }

    /// The failure for an error a module threw (its description is the message); a
    /// ``CommandFailure`` stays as it is.
    init(_ error: any Error, exitCode: Int32 = 2, raw: Bool = false) {
        if let failure = error as? CommandFailure {
            self = failure
        } else {
            self.init("\(error)", exitCode: exitCode)
            self.raw = raw
        }
    }

    var description: String { message }

    /// Prints the message and exits with ``exitCode``.
    func exit() -> Never {
        if logLine {
            let line = OperatorLogLine.json(
                date: Date(), level: .critical, label: "sentinel", message: "cannot start", metadata: ["error": "\(message)"])
            Console.errorRaw(line + "\n")
        } else if raw {
            Console.errorRaw(message + "\n")
        } else {
            Console.error(message)
        }
        SentinelCommand.exit(withError: ExitCode(exitCode))
    }
}

extension SentinelCommand {
    /// Parses the command line and runs the command: argument-parser's own `main()`, with
    /// ``CommandFailure``s printed and turned into their exit status here, in one place.
    /// A first word that is no command but close to one gets a suggestion (exit 64).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-") {
            let names = configuration.subcommands.map { $0._commandName } + ["help"]
            if !names.contains(first) {
                let hint = CommandSuggestion.closest(to: first, among: names).map { " Did you mean '\($0)'?" } ?? ""
                CommandFailure("unknown command '\(first)'.\(hint)\nSee 'sentinel --help' for the commands.", exitCode: 64).exit()
            }
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let failure as CommandFailure {
            failure.exit()
        } catch {
            exit(withError: error)
        }
    }
}
