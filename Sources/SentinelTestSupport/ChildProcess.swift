import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs helper programs (PostgreSQL's `initdb`, `pg_ctl`, …) with `posix_spawn` and `waitpid`,
/// not Foundation's `Process`: its exit monitoring can miss a child that exits while test
/// threads spawn others, and leave the waiter hanging. The child gets no descriptor of the test
/// process beyond its standard ones, so a long-lived server it starts holds no test socket open.
public enum ChildProcess {
    /// Runs `tool` with `arguments`, waits for it, and returns its exit status and what it
    /// printed (standard output and error together, the last 4 KiB).
    /// - Throws: ``PostgresClusterError/failed(_:)`` when it cannot be started.
    public static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputPath = NSTemporaryDirectory() + "sentinel-child-\(getpid())-\(UUID().uuidString)"
        defer { unlink(outputPath) }
        let pid = try spawn(tool, arguments, outputPath: outputPath)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw PostgresClusterError.failed("waitpid \(tool): \(String(cString: strerror(errno)))") }
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (exitStatus(status), String(output.suffix(4096)))
    }

    /// Starts `tool` in the background, its output discarded, and does not wait for it.
    public static func launch(_ tool: String, _ arguments: [String]) throws {
        _ = try spawn(tool, arguments, outputPath: "/dev/null")
    }

    /// Starts `tool` with `environment` added to this process's, its output (standard output
    /// and error) written to `outputPath`; returns its process id for ``wait(_:)`` or `kill`.
    public static func start(
        _ tool: String, _ arguments: [String], environment: [String: String] = [:], outputPath: String
    ) throws -> pid_t {
        try spawn(tool, arguments, outputPath: outputPath, environment: environment)
    }

    /// Waits for a child started by ``start(_:_:environment:outputPath:)``; returns its exit
    /// status (128 + the signal for a child killed by one).
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        return exitStatus(status)
    }

    /// A `waitpid` status as a shell shows it: the exit code, or 128 + the signal that killed it.
    private static func exitStatus(_ status: Int32) -> Int32 {
        (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Sends SIGTERM to a child started by ``start(_:_:environment:outputPath:)`` and waits for
    /// it at most `seconds`; returns its exit status, or nil when it had not stopped by then (it
    /// is then killed with SIGKILL and reaped, so a hung child never hangs the test).
    public static func stop(_ pid: pid_t, within seconds: Double) -> Int32? {
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < deadline {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { return exitStatus(status) }
            if reaped < 0, errno != EINTR { return -1 }
            usleep(100_000)
        }
        killAndReap([pid])
        return nil
    }

    /// Kills each child started by ``start(_:_:environment:outputPath:)`` with SIGKILL and
    /// reaps it.
    public static func killAndReap(_ pids: some Sequence<pid_t>) {
        for pid in pids {
            kill(pid, SIGKILL)
            _ = wait(pid)
        }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which the Swift
    /// overlay does not show: looked up at run time, skipped where missing.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(
            symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    private static func spawn(
        _ tool: String, _ arguments: [String], outputPath: String, environment: [String: String] = [:]
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        if let closeFrom { _ = closeFrom(&actions, 3) }
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        let result = posix_spawn(&pid, tool, &actions, nil, argv, envp)
        guard result == 0 else { throw PostgresClusterError.failed("cannot run \(tool): \(String(cString: strerror(result)))") }
        return pid
    }
}
