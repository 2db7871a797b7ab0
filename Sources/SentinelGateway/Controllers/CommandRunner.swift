import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a command (argv, no shell) with optional stdin, bounded in time; output is capped.
enum CommandRunner {
    /// How a run ended.
    enum Result: Sendable {
        /// It exited (or died of a signal: status 128 + signal).
        case exited(status: Int32, stdout: String, stderr: String)
        /// It ran past the deadline and was killed.
        case timedOut(stderr: String)
        /// It could not be started.
        case couldNotStart(String)
    }

    /// The most bytes kept of each output stream.
    static let outputCap = 1 << 20

    static func run(
        _ arguments: [String], input: Data? = nil, timeout: Double,
        environment: [String: String]? = nil
    ) async -> Result {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: runBlocking(arguments, input: input, timeout: timeout, environment: environment))
            }
            thread.name = "sentinel-command"
            thread.start()
        }
    }

    private static func runBlocking(
        _ arguments: [String], input: Data?, timeout: Double,
        environment: [String: String]?
    ) -> Result {
        guard let executable = arguments.first, !executable.isEmpty else { return .couldNotStart("empty command") }
        ignoreBrokenPipes
        let process = Process()
        process.executableURL = URL(fileURLWithPath: resolve(executable))
        process.arguments = Array(arguments.dropFirst())
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe()
        let err = Pipe()
        let stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            return .couldNotStart("\(executable): \(error.localizedDescription)")
        }
        let group = DispatchGroup()
        let outBox = Collected()
        let errBox = Collected()
        for (pipe, box) in [(out, outBox), (err, errBox)] {
            DispatchQueue.global().async(group: group) {
                box.drain(pipe.fileHandleForReading, cap: outputCap)
            }
        }
        if let input {
            DispatchQueue.global().async(group: group) {
                try? stdin.fileHandleForWriting.write(contentsOf: input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        let limit = timeout.isFinite && timeout > 0 ? timeout : 10
        var timedOut = false
        if exited.wait(timeout: .now() + limit) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGTERM)
            if exited.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        }
        // The child is gone; a grandchild holding the pipes open must not hang us.
        if group.wait(timeout: .now() + 2) == .timedOut {
            try? out.fileHandleForReading.close()
            try? err.fileHandleForReading.close()
        }
        let stderr = errBox.text
        if timedOut { return .timedOut(stderr: stderr) }
        let status =
            process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus
            : process.terminationStatus
        return .exited(status: status, stdout: outBox.text, stderr: stderr)
    }

    /// A bare name is looked up on `PATH`.
    private static func resolve(_ executable: String) -> String {
        guard !executable.contains("/") else { return executable }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(executable)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return executable
    }

    /// Writing to a child that exited without reading stdin must fail with EPIPE, not kill us.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Output collected by a draining thread.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()

        func drain(_ handle: FileHandle, cap: Int) {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                lock.withLock {
                    if data.count < cap { data.append(chunk.prefix(cap - data.count)) }
                }
            }
        }

        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }
}
