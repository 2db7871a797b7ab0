import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One Runtime API exchange: connect, send a command line, read until HAProxy closes the
/// connection (non-interactive mode), all within one deadline.
enum RuntimeSocket {
    /// The most bytes read from one answer.
    static let maximumAnswer = 8 << 20

    /// Sends `command` and returns the answer without its trailing empty line.
    /// Runs on a Dispatch thread so the caller's task pool is never blocked.
    static func exchange(_ command: String, endpoint: HAProxyEndpoint, timeout: Double) async
        -> Result<String, GatewayFailure>
    {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: exchangeBlocking(command, endpoint: endpoint, timeout: timeout))
            }
        }
    }

    static func exchangeBlocking(_ command: String, endpoint: HAProxyEndpoint, timeout: Double)
        -> Result<String, GatewayFailure>
    {
        let deadline = monotonicNow() + (timeout.isFinite && timeout > 0 ? timeout : 2)
        let location = endpoint.description
        let fd: Int32
        switch connectSocket(endpoint, deadline: deadline) {
        case let .failure(failure): return .failure(failure)
        case let .success(socket): fd = socket
        }
        defer { close(fd) }
        var bytes = Array((command + "\n").utf8)
        var sent = 0
        while sent < bytes.count {
            guard wait(fd, for: Int16(POLLOUT), until: deadline) else {
                return .failure(.timedOut("\(location): no room to send '\(command)'"))
            }
            let count = bytes.withUnsafeMutableBytes { raw in
                send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
            }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                return .failure(.unreachable("\(location): send failed (errno \(errno))"))
            }
            sent += count
        }
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            guard wait(fd, for: Int16(POLLIN), until: deadline) else {
                return .failure(.timedOut("\(location): no complete answer to '\(command)'"))
            }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                // A reset after some bytes: judge what arrived (it is not HAProxy's way to end).
                guard answer.isEmpty else { break }
                return .failure(.unreachable("\(location): connection lost (errno \(errno))"))
            }
            if count == 0 { break }
            answer.append(contentsOf: chunk[0..<count])
            if answer.count > maximumAnswer {
                return .failure(.malformedResponse("\(location): answer to '\(command)' exceeds \(maximumAnswer) bytes"))
            }
        }
        guard let text = String(validating: answer, as: UTF8.self) else {
            return .failure(.malformedResponse("\(location): answer to '\(command)' is not text"))
        }
        guard text.hasSuffix("\n") else {
            let shown = text.isEmpty ? "nothing (connection closed)" : "'\(text.prefix(80))'"
            return .failure(.malformedResponse("\(location): answered \(shown) to '\(command)', not a Runtime API answer"))
        }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("\n") { trimmed = trimmed.dropLast() }
        return .success(String(trimmed))
    }

    private static func connectSocket(_ endpoint: HAProxyEndpoint, deadline: Double) -> Result<Int32, GatewayFailure> {
        let location = endpoint.description
        var storage = sockaddr_storage()
        var length: socklen_t
        let family: Int32
        switch endpoint {
        case let .unix(path):
            var address = sockaddr_un()
            let capacity = MemoryLayout.size(ofValue: address.sun_path)
            guard path.utf8.count < capacity else { return .failure(.misconfigured("\(location): socket path too long")) }
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
            }
            family = AF_UNIX
            length = socklen_t(MemoryLayout<sockaddr_un>.size)
            store(address, into: &storage)
        case let .tcp(host, port):
            var v4 = sockaddr_in()
            var v6 = sockaddr_in6()
            if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
                v4.sin_family = sa_family_t(AF_INET)
                v4.sin_port = port.bigEndian
                family = AF_INET
                length = socklen_t(MemoryLayout<sockaddr_in>.size)
                store(v4, into: &storage)
            } else if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
                v6.sin6_family = sa_family_t(AF_INET6)
                v6.sin6_port = port.bigEndian
                family = AF_INET6
                length = socklen_t(MemoryLayout<sockaddr_in6>.size)
                store(v6, into: &storage)
            } else {
                return .failure(.misconfigured("\(location): '\(host)' is not a numeric IPv4 or IPv6 address"))
            }
        }
        #if canImport(Glibc)
            let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(family, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return .failure(.unreachable("\(location): socket() failed (errno \(errno))")) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        let result = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        }
        if result != 0 {
            let code = errno
            guard code == EINPROGRESS || code == EAGAIN else {
                close(fd)
                return .failure(.unreachable("\(location): \(describe(code))"))
            }
            guard wait(fd, for: Int16(POLLOUT), until: deadline) else {
                close(fd)
                return .failure(.timedOut("\(location): connect did not complete"))
            }
            var error: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size)
            if error != 0 {
                close(fd)
                return .failure(.unreachable("\(location): \(describe(error))"))
            }
        }
        return .success(fd)
    }

    private static func store<Address>(_ address: Address, into storage: inout sockaddr_storage) {
        withUnsafeBytes(of: address) { source in
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
        }
    }

    /// Waits for `events` until the deadline; false on timeout.
    private static func wait(_ fd: Int32, for events: Int16, until deadline: Double) -> Bool {
        while true {
            let remaining = deadline - monotonicNow()
            guard remaining > 0 else { return false }
            var poller = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining * 1000, 60_000).rounded(.up)))
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }  // let the next call report the error
        }
    }

    private static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such socket (is haproxy running, and is 'stats socket' set?)"
        case ECONNREFUSED: return "connection refused"
        case EACCES: return "permission denied (the socket's mode or owner)"
        case ENETUNREACH, EHOSTUNREACH: return "host unreachable"
        default: return "connect failed (errno \(code))"
        }
    }

    static func monotonicNow() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
