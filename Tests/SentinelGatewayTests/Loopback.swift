import Foundation
import SentinelTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Loopback helpers: free ports, HTTP GETs from a chosen source address, waiting.
enum Loopback {
    /// A port that was free a moment ago on 127.0.0.1.
    static func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    /// `GET /` to 127.0.0.1:`port` from `source` (any 127/8 address: Linux routes all of it on lo).
    /// - Returns: the status code, or `nil` when there was no HTTP answer within 3 s.
    static func status(port: UInt16, from source: String = "127.0.0.1") -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return nil }
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = port.bigEndian
        remote.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = Array("GET / HTTP/1.0\r\nHost: test\r\nConnection: close\r\n\r\n".utf8)
        guard send(fd, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        var received: [UInt8] = []
        while received.count < 12 {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        let line = String(decoding: received, as: UTF8.self)
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/") else { return nil }
        return Int(parts[1])
    }

    /// Polls `condition` every 100 ms for at most `seconds`; whether it became true.
    static func eventually(within seconds: Double = 10, _ condition: () async -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if await condition() { return true }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
        return await condition()
    }

    /// The head of an nginx.conf for a test server under `root`: one worker, its pid file and
    /// error log under `root`, and an `http {` block without access log, left open.
    static func nginxHead(root: String) -> String {
        """
        worker_processes 1;
        pid \(root)/nginx.pid;
        error_log \(root)/logs/error.log;
        events { worker_connections 64; }
        http {
            access_log off;
        """
    }

    /// Whether an executable is installed (first match on a few standard folders).
    static func executable(_ name: String) -> String? {
        ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin"]
            .map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// A child process the test owns: started, and killed (TERM, then KILL) by `stop()`.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    let logPath: String

    init(_ arguments: [String], log: String) throws {
        logPath = log
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// A TCP server on 127.0.0.1 that answers every connection with fixed bytes (or nothing,
/// holding it open up to `holdSeconds`): a gateway that answers garbage, or a slow one.
final class ScriptedSocketServer: Sendable {
    let port: UInt16
    private let listener: LoopbackListener

    init(reply: [UInt8]?, holdSeconds: Double = 0) throws {
        let listener = try LoopbackListener(backlog: 8)
        self.listener = listener
        port = listener.port
        listener.start { connection in
            // Read the request first (up to 1 s), as a real server would.
            var timeout = timeval(tv_sec: 1, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: 4096)
            _ = recv(connection, &buffer, buffer.count, 0)
            if let reply { _ = send(connection, reply, reply.count, Int32(MSG_NOSIGNAL)) }
            var held = 0.0
            while held < holdSeconds && !listener.isStopping {
                usleep(50_000)
                held += 0.05
            }
        }
    }

    func stop() { listener.stop(waiting: 5) }

    deinit { stop() }
}
