import Foundation
import SentinelTestSupport

/// Runs a program other than `sentinel` (dpkg, chroot, the packaging scripts) to completion
/// and captures what it prints.
enum Command {
    /// Runs `program arguments…` with `environment` added to this process's and `unset`
    /// removed; killed after `timeout` seconds.
    static func run(
        _ program: String, _ arguments: [String], environment: [String: String] = [:], unset: [String] = [], timeout: Double = 300
    ) throws -> SentinelProcess.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        for name in unset { merged[name] = nil }
        process.environment = merged
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = PipeReader(out), errData = PipeReader(err)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return SentinelProcess.Output(status: process.terminationStatus, stdout: outData.text, stderr: errData.text)
    }
}
