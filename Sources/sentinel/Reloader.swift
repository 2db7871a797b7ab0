import Foundation
import Logging
import SentinelRuntime

/// What `sentinel run` does on SIGHUP: reads the configuration file again, checks it as
/// `rules check` does, reads the secrets again (webhook secrets, the endpoint's token), and
/// hands it to the runtime; a file that fails keeps the running configuration, and the log says why.
struct Reloader {
    /// The command (its `--log-level`/`--log-format` beat the file's `log:` section).
    let command: RunCommand
    /// The configuration file, as found at start.
    let path: String
    let logger: Logger
    /// The HTTP endpoint, whose bearer token is read again.
    let server: StatusServer
    /// The address the endpoint listens on (a reload keeps it).
    let listen: String

    func reload(_ runtime: SentinelRuntime) {
        logger.notice("reloading the configuration (SIGHUP)", metadata: ["config": "\(path)"])
        do {
            let settings = try SentinelConfiguration.load(path: path)
            let check = ConfigurationCheck(configuration: settings)
            // A missing log is waited for, at start as on a reload: not a reason to refuse.
            let waitedFor = check.logs()
            let findings = check.all().filter { !waitedFor.contains($0) }
            let errors = findings.filter { $0.severity == .error }
            guard errors.isEmpty else {
                logger.error(
                    "reload refused: keeping the running configuration",
                    metadata: ["config": "\(path)", "reason": "\(errors.map(\.description).joined(separator: "; "))"])
                return
            }
            for finding in waitedFor where finding.severity == .error {
                logger.warning("log missing: waiting for it", metadata: ["log": "\(finding.subject)", "reason": "\(finding.message)"])
            }
            for finding in findings where finding.severity == .warning {
                logger.warning("configuration warning", metadata: ["subject": "\(finding.subject)", "reason": "\(finding.message)"])
            }
            // Secrets are read again (rotated files, changed variables) before anything changes.
            var http = settings.http
            http.listen = listen
            let access = try EndpointAccess.resolve(http, environment: ProcessInfo.processInfo.environment)
            try runtime.reload(settings, webhooks: try RunCommand.webhookTargets(settings))
            server.replaceAccess(access)
            RunCommand.logUpstreams(settings, logger: logger)
            let output = command.logOutput(settings.log)
            OperatorLog.shared.configure(level: output.level, format: output.format)
        } catch {
            logger.error("reload refused: keeping the running configuration", metadata: ["config": "\(path)", "reason": "\(error)"])
        }
    }
}
