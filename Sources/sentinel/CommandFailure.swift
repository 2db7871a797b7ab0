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

    /// Runs `body`; an error it throws becomes the failure for that error (see ``init(_:exitCode:raw:)``).
    static func wrapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw CommandFailure(error)
        }
    }

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
        // Each word naming a command with subcommands (`sentinel rules check`) is checked, so
        // `sentinel rules chek` gets its suggestion as `sentinel anlyze` does.
        var command: any ParsableCommand.Type = SentinelCommand.self
        var path: [String] = []
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !word.hasPrefix("-"), !subcommands.isEmpty else { break }
            let names = subcommands.map { $0._commandName } + (path.isEmpty ? ["help"] : [])
            guard let next = subcommands.first(where: { $0._commandName == word }) else {
                if word == "help" && path.isEmpty { break }
                let prefix = path.map { $0 + " " }.joined()
                let hint = CommandSuggestion.closest(to: word, among: names).map { " Did you mean '\(prefix)\($0)'?" } ?? ""
                let help = (["sentinel"] + path + ["--help"]).joined(separator: " ")
                CommandFailure("unknown command '\(prefix)\(word)'.\(hint)\nSee '\(help)' for the commands.", exitCode: 64).exit()
            }
            command = next
            path.append(word)
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
