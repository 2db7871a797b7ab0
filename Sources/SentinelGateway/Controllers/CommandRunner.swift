import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a command (argv, no shell) with optional stdin, bounded in time, in a minimal
/// environment (``baseEnvironment``); output is capped.
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

    /// The whole environment a command gets, beside the variables its gateway adds: a fixed
    /// `PATH` and `LANG`. Never the sentinel's own, which holds the webhook, token and store
    /// secrets (issue 16).
    static let baseEnvironment = ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"]

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
        process.environment = baseEnvironment.merging(environment ?? [:]) { _, new in new }
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
        // One loop on this thread reads both outputs and writes the input: no helper threads
        // (the dispatch pool can be starved by other work) and no descriptor is ever closed
        // while something else might still read it.
        var streams = Streams(
            stdout: out.fileHandleForReading.fileDescriptor, stderr: err.fileHandleForReading.fileDescriptor,
            input: input == nil ? nil : stdin.fileHandleForWriting, bytes: input ?? Data())
        let limit = timeout.isFinite && timeout > 0 ? timeout : 10
        let start = DispatchTime.now()
        var timedOut = false
        var killAt: DispatchTime?
        var exitedAt: DispatchTime?
        while true {
            let now = DispatchTime.now()
            if exitedAt == nil, exited.wait(timeout: .now()) == .success { exitedAt = now }
            if let exitedAt {
                // The child is gone; a grandchild holding the pipes open must not hang us.
                if streams.outputsClosed || now > exitedAt + 2 { break }
            } else if !timedOut, now > start + limit {
                timedOut = true
                kill(process.processIdentifier, SIGTERM)
                killAt = now + 2
            } else if let deadline = killAt, now > deadline {
                kill(process.processIdentifier, SIGKILL)
                killAt = nil
            }
            streams.pump(waitingMilliseconds: 50)
        }
        streams.closeInput()
        let stderr = String(decoding: streams.collectedStderr, as: UTF8.self)
        if timedOut { return .timedOut(stderr: stderr) }
        let status =
            process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus
            : process.terminationStatus
        return .exited(status: status, stdout: String(decoding: streams.collectedStdout, as: UTF8.self), stderr: stderr)
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

    /// The child's three pipes, serviced by `poll(2)` from one thread.
    private struct Streams {
        var stdout: Int32
        var stderr: Int32
        var collectedStdout = Data()
        var collectedStderr = Data()
        private var input: FileHandle?
        private var stdin: Int32
        private let bytes: Data
        private var written = 0

        init(stdout: Int32, stderr: Int32, input: FileHandle?, bytes: Data) {
            self.stdout = stdout
            self.stderr = stderr
            self.input = input
            self.bytes = bytes
            stdin = input?.fileDescriptor ?? -1
            if stdin >= 0 { _ = fcntl(stdin, F_SETFL, fcntl(stdin, F_GETFL) | O_NONBLOCK) }
        }

        var outputsClosed: Bool { stdout < 0 && stderr < 0 }

        /// Waits up to `waitingMilliseconds` for any pipe to be ready, then moves what it can.
        mutating func pump(waitingMilliseconds: Int32) {
            var fds = [
                pollfd(fd: stdout, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stderr, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0),
            ]
            // poll ignores negative descriptors.
            guard poll(&fds, nfds_t(fds.count), waitingMilliseconds) > 0 else { return }
            if fds[0].revents != 0 { Self.drain(&stdout, into: &collectedStdout) }
            if fds[1].revents != 0 { Self.drain(&stderr, into: &collectedStderr) }
            if fds[2].revents != 0 { feed() }
        }

        /// Reads one chunk; end of file (or an error) marks the stream done with -1. The
        /// descriptor itself stays open: its `FileHandle` closes it.
        private static func drain(_ fd: inout Int32, into data: inout Data) {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                if data.count < outputCap { data.append(contentsOf: chunk[0..<min(count, outputCap - data.count)]) }
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                fd = -1
            }
        }

        private mutating func feed() {
            let remaining = bytes.count - written
            let count =
                remaining == 0
                ? 0
                : bytes.withUnsafeBytes { write(stdin, $0.baseAddress! + written, remaining) }
            if count > 0 { written += count }
            // All written, or the child will not read (EPIPE): close, so the child sees the end.
            if written == bytes.count || (count < 0 && errno != EINTR && errno != EAGAIN) { closeInput() }
        }

        /// Closes the child's standard input (once).
        mutating func closeInput() {
            try? input?.close()
            input = nil
            stdin = -1
        }
    }
}
