import ArgumentParser
import Foundation
import SentinelRuntime
import SentinelStore

/// `sentinel rules`: the configuration files in `rules/`.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Work with the sentinel's configuration files (rules/).",
        subcommands: [Check.self]
    )

    /// `sentinel rules check FILE`: validates a configuration without starting anything.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate a configuration file (rules/sentinel.yaml).",
            discussion: """
                Reads FILE the way `sentinel run --config FILE` does and prints a short summary \
                (interfaces, logs, webhooks, model, store). A wrong file is reported as \
                FILE:LINE:COLUMN: reason on standard error with exit status 2: an unknown key, a \
                value of the wrong type or out of range, a duplicate webhook name, or a secret \
                written into the file (secrets come from secret_env or secret_file).

                Example:
                  sentinel rules check rules/sentinel.yaml
                """
        )

        @Argument(help: ArgumentHelp("The configuration file.", valueName: "FILE"))
        var file: String

        func run() throws {
            let configuration: SentinelConfiguration
            do {
                configuration = try SentinelConfiguration.load(path: file)
            } catch {
                throw CommandFailure(error, raw: true)
            }
            Console.output(Self.summary(configuration, file: file))
        }

        /// For a PostgreSQL store: the engine and where its password comes from (nothing for SQLite).
        static func storeNote(_ general: SentinelConfiguration.General) -> String {
            guard PostgresStoreURL.isPostgres(general.store) else { return "" }
            let variable = StorePassword.environmentVariable
            let password: String
            if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty {
                password = "$\(variable)"
            } else if let file = general.storePasswordFile {
                password = file
            } else {
                password = "none ($\(variable) is not set, no store_password_file)"
            }
            return " (PostgreSQL, shared by a fleet; password from \(password))"
        }

        /// The lines printed for a valid file.
        static func summary(_ configuration: SentinelConfiguration, file: String) -> String {
            let capture = configuration.capture
            var lines = ["\(file): OK"]
            lines.append(
                "  interfaces: " + (capture.interfaces.isEmpty ? "none (logs only)" : capture.interfaces.joined(separator: ", "))
                    + (capture.filter.map { " (filter: \($0))" } ?? ""))
            lines.append(
                "  logs:       "
                    + (configuration.logs.isEmpty
                        ? "none"
                        : configuration.logs.map { "\($0.path) (\($0.format.rawValue))" }.joined(separator: ", ")))
            lines.append(
                "  webhooks:   "
                    + (configuration.webhooks.isEmpty
                        ? "none"
                        : configuration.webhooks.map { hook in
                            let secret = hook.secretEnv.map { "$\($0)" } ?? hook.secretFile ?? ""
                            return "\(hook.name) → \(hook.urlEnv.map { "$\($0)" } ?? hook.url) (\(hook.format), secret from \(secret))"
                        }.joined(separator: ", ")))
            lines.append("  model:      " + (configuration.sentinel.model ?? "the shipped model"))
            lines.append("  store:      \(configuration.sentinel.store)" + storeNote(configuration.sentinel))
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
