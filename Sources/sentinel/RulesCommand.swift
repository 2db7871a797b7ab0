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

    /// `sentinel rules check [FILE]`: validates a configuration and what `run` needs from this host.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check a configuration file and what `sentinel run` needs from this host.",
            discussion: """
                Reads FILE the way `sentinel run --config FILE` does (relative paths in it \
                resolve against its folder; $SENTINEL_MODEL and $SENTINEL_LOG_MODEL beat the \
                file) and prints a summary with every path the sentinel would use. A wrong file \
                is reported as FILE:LINE:COLUMN: reason on standard error with exit status 2: an \
                unknown key, a value of the wrong type or out of range, a duplicate webhook \
                name, or a secret written into the file (secrets come from secret_env or \
                secret_file).

                Then it checks what `run` needs: the models load and read the features of their \
                windows, the interfaces exist, every secret variable is set and every secret \
                file readable (values are never shown), the logs exist (or say optional: true), \
                the gateway endpoints parse and their files exist, the store's folder exists, \
                privileges.user exists. Errors go to standard error and exit 2; warnings \
                (alerts going nowhere, the endpoint open to the network, …) too with --strict.

                Without FILE: $SENTINEL_CONFIG, else /etc/sentinel/sentinel.yaml, else \
                ./rules/sentinel.yaml.

                Example:
                  SENTINEL_SOC_SECRET=… sentinel rules check --strict rules/sentinel.yaml
                """
        )

        @Argument(
            help: ArgumentHelp(
                "The configuration file (default: $SENTINEL_CONFIG, /etc/sentinel/sentinel.yaml, ./rules/sentinel.yaml).",
                valueName: "FILE"))
        var file: String?

        @Flag(name: .long, help: "Fail (exit 2) on warnings too, not only on errors.")
        var strict = false

        func run() throws {
            let choice: ConfigurationLocator.Choice
            let configuration: SentinelConfiguration
            do {
                choice = try ConfigurationLocator.locate(explicit: file)
                configuration = try SentinelConfiguration.load(path: choice.path)
            } catch {
                throw CommandFailure(error, raw: true)
            }
            let findings = ConfigurationCheck(configuration: configuration).all()
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.filter { $0.severity == .warning }.count
            Console.output(Self.summary(configuration, file: choice, errors: errors, warnings: warnings))
            for finding in findings where finding.severity != .note { Console.errorRaw("\(choice.path): \(finding)\n") }
            for finding in findings where finding.severity == .note { Console.output("\(choice.path): \(finding)\n") }
            if errors > 0 || (strict && warnings > 0) {
                let counted = [Self.count(errors, "error"), strict ? Self.count(warnings, "warning") : nil].compactMap { $0 }
                throw CommandFailure(
                    "\(choice.path): \(counted.joined(separator: ", "))" + (errors == 0 ? " (--strict fails on warnings)" : ""))
            }
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

        /// `2 errors`, or nil for none.
        static func count(_ n: Int, _ noun: String) -> String? { n == 0 ? nil : "\(n) \(noun)\(n == 1 ? "" : "s")" }

        /// The lines printed on standard output: the verdict, the sources and every path.
        static func summary(_ configuration: SentinelConfiguration, file: ConfigurationLocator.Choice, errors: Int, warnings: Int) -> String
        {
            let capture = configuration.capture
            let verdict = [count(errors, "error"), count(warnings, "warning")].compactMap { $0 }
            var lines = ["\(file.path): " + (verdict.isEmpty ? "OK" : verdict.joined(separator: ", "))]
            lines.append(
                "  interfaces: " + (capture.interfaces.isEmpty ? "none (logs only)" : capture.interfaces.joined(separator: ", "))
                    + (capture.filter.map { " (filter: \($0))" } ?? ""))
            lines.append(
                "  logs:       "
                    + (configuration.logs.isEmpty
                        ? "none"
                        : configuration.logs.map { "\($0.path) (\($0.format.rawValue)\($0.optional ? ", optional" : ""))" }
                            .joined(separator: ", ")))
            lines.append(
                "  webhooks:   "
                    + (configuration.webhooks.isEmpty
                        ? "none"
                        : configuration.webhooks.map { hook in
                            let secret = hook.secretEnv.map { "$\($0)" } ?? hook.secretFile ?? ""
                            return "\(hook.name) → \(hook.urlEnv.map { "$\($0)" } ?? hook.url) (\(hook.format), secret from \(secret))"
                        }.joined(separator: ", ")))
            lines.append("  paths:")
            let report = PathReport(
                configuration: configuration, file: file, model: ModelChoice.packet(configuration), logModel: ModelChoice.log(configuration)
            )
            lines += report.lines.map { "  " + $0 }
            let note = storeNote(configuration.sentinel)
            if !note.isEmpty { lines.append("  store engine:" + note) }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
