import Logging

extension SentinelConfiguration {
    /// `log:` — the operational log `sentinel run` writes to standard error (journald under
    /// systemd): its threshold and format. `--log-level` and `--log-format` beat the file.
    package struct LogOutput: Sendable, Equatable {
        /// The least severe level written (default `info`).
        package var level: Logger.Level = .info
        /// `text` (default) or `json`.
        package var format: OperatorLogFormat = .text

        /// The defaults.
        package init() {}
    }
}
