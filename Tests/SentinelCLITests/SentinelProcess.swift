import Foundation
import SentinelTestSupport

/// Runs the built `sentinel` executable and captures what it prints.
struct SentinelProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String

        /// The standard output read as a JSON object (nil when it is JSON but not an object).
        /// - Throws: when it is not JSON.
        func json() throws -> [String: Any]? {
            try JSONObject.read(Data(stdout.utf8))
        }
    }

    /// The `sentinel` binary next to the test bundle (SwiftPM builds both into one folder).
    static let executable: String = {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [bundleDirectory.appendingPathComponent("sentinel").path]
        var up = bundleDirectory
        for _ in 0..<4 {
            candidates.append(up.appendingPathComponent("sentinel").path)
            up.deleteLastPathComponent()
        }
        candidates.append(SharedData.packageRoot + "/.build/debug/sentinel")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    /// Starts `sentinel run --config config --duration seconds` in the background with
    /// `environment` added, its output written to `outputPath`; returns its process id (for
    /// `ChildProcess.wait`, `stop` or `killAndReap`).
    static func startRun(config: String, seconds: Int, environment: [String: String], outputPath: String) throws -> pid_t {
        try ChildProcess.start(
            executable, ["run", "--config", config, "--duration", "\(seconds)"], environment: environment, outputPath: outputPath)
    }

    /// Runs `sentinel arguments…` to completion (killed after `timeout` seconds), in
    /// `directory` (default: the package root), with `environment` added to this process's
    /// environment and the variables in `unset` removed.
    static func run(
        _ arguments: [String], timeout: Double = 120, prefix: [String] = [],
        standardInput: String? = nil, directory: String? = nil, environment: [String: String] = [:], unset: [String] = [],
        whileRunning: ((Process) -> Void)? = nil
    ) throws -> Output {
        let process = Process()
        if prefix.isEmpty {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: prefix[0])
            process.arguments = Array(prefix.dropFirst()) + [executable] + arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? SharedData.packageRoot)
        if !environment.isEmpty || !unset.isEmpty {
            var merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            for name in unset { merged[name] = nil }
            process.environment = merged
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let standardInput {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: standardInput))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        let outData = PipeReader(out), errData = PipeReader(err)
        whileRunning?(process)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            let grace = Date().addingTimeInterval(3)
            while process.isRunning && Date() < grace { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: outData.text, stderr: errData.text)
    }
}
