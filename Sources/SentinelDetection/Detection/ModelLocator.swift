import Foundation

/// Finds the shipped models when none is named: `models/default.json` classifies packet
/// windows, `models/logs.json` access-log windows.
package enum ModelLocator {
    /// The environment variable naming a packet-window model file.
    package static let environmentVariable = "SENTINEL_MODEL"
    /// The environment variable naming a log-window model file.
    package static let logEnvironmentVariable = "SENTINEL_LOG_MODEL"
    /// The shipped packet-window model's file name.
    package static let packetModelFile = "default.json"
    /// The shipped log-window model's file name.
    package static let logModelFile = "logs.json"
    /// The environment variable naming a site model file (what an unusual packet window is).
    package static let siteEnvironmentVariable = "SENTINEL_SITE_MODEL"
    /// The shipped site model's file name.
    package static let siteModelFile = "site.json"

    /// Places looked at, in order: the environment variable; `models/FILE` in the current
    /// folder; `../share/sentinel/models/FILE` and `../share/sentinel/FILE` beside the executable
    /// (the Debian package's and a hand-installed layout); beside
    /// the executable and in each folder above it (a checkout's `.build/release/sentinel`
    /// finds the checkout's model).
    package static func candidates(
        file: String = packetModelFile, variable: String = environmentVariable,
        executable: String = runningExecutable
    ) -> [String] {
        var paths: [String] = []
        if let env = ProcessInfo.processInfo.environment[variable], !env.isEmpty { paths.append(env) }
        paths.append(FileManager.default.currentDirectoryPath + "/models/" + file)
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        paths.append(exe.appendingPathComponent("../share/sentinel/models/" + file).standardized.path)
        paths.append(exe.appendingPathComponent("../share/sentinel/" + file).standardized.path)
        var dir = exe
        for _ in 0..<6 {
            paths.append(dir.appendingPathComponent("models/" + file).path)
            dir = dir.deletingLastPathComponent()
        }
        return paths
    }

    /// The running executable's path: `argv[0]` when it holds a folder, else the path the
    /// system gives (`sentinel` found on `PATH` is `/usr/bin/sentinel` once installed).
    package static var runningExecutable: String {
        if let first = CommandLine.arguments.first, first.contains("/") { return first }
        return Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
    }

    /// `$SENTINEL_MODEL` when set (even if missing: a wrong setting must not pass silently),
    /// else the first candidate that exists, or nil.
    package static func defaultModelPath() -> String? { locate(file: packetModelFile, variable: environmentVariable) }

    /// `$SENTINEL_LOG_MODEL` when set, else the first `models/logs.json` candidate that
    /// exists, or nil.
    package static func defaultLogModelPath() -> String? { locate(file: logModelFile, variable: logEnvironmentVariable) }

    /// `$SENTINEL_SITE_MODEL` when set, else the first `models/site.json` candidate that
    /// exists, or nil.
    package static func defaultSiteModelPath() -> String? { locate(file: siteModelFile, variable: siteEnvironmentVariable) }

    private static func locate(file: String, variable: String) -> String? {
        if let env = ProcessInfo.processInfo.environment[variable], !env.isEmpty { return env }
        return candidates(file: file, variable: variable).first { FileManager.default.isReadableFile(atPath: $0) }
    }
}
