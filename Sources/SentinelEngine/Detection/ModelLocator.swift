import Foundation

/// Finds the shipped default model when no `--model` is given.
public enum ModelLocator {
    /// The environment variable naming a model file.
    public static let environmentVariable = "SENTINEL_MODEL"

    /// Places looked at, in order: `$SENTINEL_MODEL`; `models/default.json` in the current
    /// folder; beside the executable and in each folder above it (a checkout's
    /// `.build/release/sentinel` finds the checkout's model); `../share/sentinel/default.json`
    /// beside the executable (an installed layout).
    public static func candidates(executable: String = CommandLine.arguments.first ?? "") -> [String] {
        var paths: [String] = []
        if let env = ProcessInfo.processInfo.environment[environmentVariable], !env.isEmpty { paths.append(env) }
        paths.append(FileManager.default.currentDirectoryPath + "/models/default.json")
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        paths.append(exe.appendingPathComponent("../share/sentinel/default.json").standardized.path)
        var dir = exe
        for _ in 0..<6 {
            paths.append(dir.appendingPathComponent("models/default.json").path)
            dir = dir.deletingLastPathComponent()
        }
        return paths
    }

    /// `$SENTINEL_MODEL` when set (even if missing: a wrong setting must not pass silently),
    /// else the first candidate that exists, or nil.
    public static func defaultModelPath() -> String? {
        if let env = ProcessInfo.processInfo.environment[environmentVariable], !env.isEmpty { return env }
        return candidates().first { FileManager.default.isReadableFile(atPath: $0) }
    }
}
