import Foundation
import SentinelDetection

/// Which model file the sentinel uses, and why: the environment (`$SENTINEL_MODEL`,
/// `$SENTINEL_LOG_MODEL`) beats the configuration file, which beats the shipped model.
package struct ModelChoice: Sendable, Equatable {
    /// The model file (nil: none configured and no shipped model found).
    package var path: String?
    /// Where the choice came from: the variable, the configuration key, or `shipped model`.
    package var origin: String

    /// Creates a choice.
    package init(path: String?, origin: String) {
        self.path = path
        self.origin = origin
    }

    /// The packet-window model.
    package static func packet(
        _ configuration: SentinelConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ModelChoice {
        choose(
            variable: ModelLocator.environmentVariable, key: "sentinel.model", configured: configuration.sentinel.model,
            environment: environment, shipped: ModelLocator.defaultModelPath)
    }

    /// The access-log-window model.
    package static func log(
        _ configuration: SentinelConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ModelChoice {
        choose(
            variable: ModelLocator.logEnvironmentVariable, key: "sentinel.log_model", configured: configuration.sentinel.logModel,
            environment: environment, shipped: ModelLocator.defaultLogModelPath)
    }

    /// The site model that names an unusual packet window's class (nil path: none, which is
    /// no error; the packet model names it).
    package static func site(
        _ configuration: SentinelConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ModelChoice {
        guard configuration.baseline.enabled else { return ModelChoice(path: nil, origin: "baseline.enabled is false") }
        guard !configuration.baseline.noModel else { return ModelChoice(path: nil, origin: "baseline.model is none") }
        return choose(
            variable: ModelLocator.siteEnvironmentVariable, key: "baseline.model", configured: configuration.baseline.model,
            environment: environment, shipped: ModelLocator.defaultSiteModelPath)
    }

    private static func choose(
        variable: String, key: String, configured: String?, environment: [String: String], shipped: () -> String?
    ) -> ModelChoice {
        if let value = environment[variable], !value.isEmpty { return ModelChoice(path: value, origin: "$\(variable)") }
        if let configured { return ModelChoice(path: configured, origin: key) }
        guard let path = shipped() else { return ModelChoice(path: nil, origin: "no \(key) and no shipped model found") }
        return ModelChoice(path: path, origin: "shipped model")
    }
}
