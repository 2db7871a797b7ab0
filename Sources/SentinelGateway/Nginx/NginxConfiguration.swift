/// How the nginx adapter writes, checks and reloads.
public struct NginxConfiguration: Sendable, Equatable {
    /// The include file the adapter owns and rewrites (included in nginx's `http {}` block).
    public var includePath: String
    /// The nginx binary.
    public var binary: String
    /// nginx's main configuration file (`-c`), or `nil` for its compiled-in default.
    public var configPath: String?
    /// nginx's prefix directory (`-p`), or `nil` for its compiled-in default.
    public var prefix: String?
    /// The check command; `nil` means `binary [-p prefix] [-c configPath] -t -q`.
    public var testCommand: [String]?
    /// The reload command; `nil` means `binary [-p prefix] [-c configPath] -s reload`
    /// (use e.g. `["systemctl", "reload", "nginx"]` on a systemd host).
    public var reloadCommand: [String]?
    /// Lines copied verbatim to the top of the include (for example `limit_req_log_level warn;`).
    public var preamble: [String]
    /// Seconds allowed for each command.
    public var timeout: Double

    /// Creates a configuration.
    public init(
        includePath: String, binary: String = "nginx", configPath: String? = nil, prefix: String? = nil,
        testCommand: [String]? = nil, reloadCommand: [String]? = nil, preamble: [String] = [],
        timeout: Double = 10
    ) {
        self.includePath = includePath
        self.binary = binary
        self.configPath = configPath
        self.prefix = prefix
        self.testCommand = testCommand
        self.reloadCommand = reloadCommand
        self.preamble = preamble
        self.timeout = timeout.isFinite && timeout > 0 ? timeout : 10
    }

    /// The check command to run.
    var resolvedTestCommand: [String] { testCommand ?? (baseCommand + ["-t", "-q"]) }
    /// The reload command to run.
    var resolvedReloadCommand: [String] { reloadCommand ?? (baseCommand + ["-s", "reload"]) }

    private var baseCommand: [String] {
        var command = [binary]
        if let prefix { command += ["-p", prefix] }
        if let configPath { command += ["-c", configPath] }
        return command
    }
}
