import Foundation

/// Finds the configuration file when the command line names none, the same way from any
/// working directory: `$SENTINEL_CONFIG`, then `/etc/sentinel/sentinel.yaml` (an installed
/// sentinel), then `./rules/sentinel.yaml` (a checkout).
package enum ConfigurationLocator {
    /// The environment variable naming the configuration file.
    package static let environmentVariable = "SENTINEL_CONFIG"
    /// The installed configuration.
    package static let systemPath = "/etc/sentinel/sentinel.yaml"
    /// A checkout's example configuration, relative to the working directory.
    package static let checkoutPath = "rules/sentinel.yaml"

    /// The file chosen and why.
    package struct Choice: Sendable, Equatable {
        /// The configuration file.
        package var path: String
        /// Where the choice came from: `--config`, `$SENTINEL_CONFIG` or `default`.
        package var origin: String

        /// Creates a choice.
        package init(path: String, origin: String) {
            self.path = path
            self.origin = origin
        }
    }

    /// The configuration to read: `explicit` (the `--config` option or the argument) when
    /// given, else `$SENTINEL_CONFIG` when set, else the first of ``systemPath`` and
    /// ``checkoutPath`` that exists.
    /// - Throws: ``ConfigurationError/unreadable(path:reason:)`` naming both defaults when
    ///   neither exists.
    package static func locate(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) throws(ConfigurationError) -> Choice {
        if let explicit { return Choice(path: explicit, origin: "--config") }
        if let named = environment[environmentVariable], !named.isEmpty {
            return Choice(path: named, origin: "$\(environmentVariable)")
        }
        for path in [systemPath, checkoutPath] where exists(path) { return Choice(path: path, origin: "default") }
        throw .unreadable(
            path: systemPath,
            reason: "no such file, nor \(checkoutPath) in \(FileManager.default.currentDirectoryPath): "
                + "name the configuration with --config FILE or $\(environmentVariable)")
    }
}
