import Foundation  // with Glibc or Darwin: socket, poll, accept

/// A TCP listener on 127.0.0.1 whose own thread takes connections one at a time, hands each
/// to a handler and closes it, until ``stop(waiting:)``: the accept loop under the tests'
/// stand-in servers (``HTTPRecorder``, a gateway that answers garbage).
public final class LoopbackListener: @unchecked Sendable {
    /// Why a listener could not start.
    public struct StartError: Error, CustomStringConvertible {
        /// What failed.
        public let description: String

        init(_ description: String) { self.description = description }
    }

    /// The port it listens on.
    public let port: UInt16

    private let descriptor: Int32
    private let lock = NSLock()
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    /// Binds 127.0.0.1:`port` (0: any free one) and listens, at most `backlog` connections
    /// waiting; ``start(name:_:)`` then takes them.
    public init(port: UInt16 = 0, backlog: Int32) throws(StartError) {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw StartError("socket: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, backlog) == 0 else {
            let code = errno
            close(fd)
            throw StartError("bind/listen 127.0.0.1:\(port): errno \(code)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        self.port = UInt16(bigEndian: actual.sin_port)
    }

    /// Whether ``stop(waiting:)`` was called: a handler that holds a connection open checks it.
    public var isStopping: Bool { lock.withLock { stopping } }

    /// Starts the thread (named `name`) that hands each connection to `handle`, on that
    /// thread, and closes it after; the port is closed when the thread ends.
    public func start(name: String? = nil, _ handle: @escaping @Sendable (_ connection: Int32) -> Void) {
        let thread = Thread { [self] in
            defer {
                close(descriptor)
                finished.signal()
            }
            while !isStopping {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 50) > 0 else { continue }
                let connection = accept(descriptor, nil, nil)
                guard connection >= 0 else { continue }
                handle(connection)
                close(connection)
            }
        }
        thread.name = name
        thread.start()
    }

    /// Stops taking connections and waits up to `seconds` for the thread to close the port
    /// (only the first call waits).
    public func stop(waiting seconds: Double) {
        let already = lock.withLock {
            defer { stopping = true }
            return stopping
        }
        if !already { _ = finished.wait(timeout: .now() + seconds) }
    }
}
