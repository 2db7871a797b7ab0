import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Plain sockets aimed at 127.0.0.1, for tests that reach a port the way a client (or an
/// attacker) would: connections to hold open or dribble into, datagrams and SYNs to capture.
public enum LoopbackSocket {
    /// A new TCP socket, or -1 (with `errno` set).
    public static func stream() -> Int32 { make(SOCK_STREAM) }

    /// A new UDP socket, or -1 (with `errno` set).
    public static func datagram() -> Int32 { make(SOCK_DGRAM) }

    #if canImport(Glibc)
        private static func make(_ type: __socket_type) -> Int32 { socket(AF_INET, Int32(type.rawValue), 0) }
    #else
        private static func make(_ type: Int32) -> Int32 { socket(AF_INET, type, 0) }
    #endif

    /// Connects `fd` to 127.0.0.1:`port`, as `connect` does: 0 when connected, -1 (with `errno`
    /// set) when refused or, on a non-blocking socket, still under way.
    @discardableResult
    public static func connect(_ fd: Int32, port: UInt16) -> Int32 {
        var address = self.address(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                #if canImport(Glibc)
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #else
                    Darwin.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #endif
            }
        }
    }

    /// Sends `bytes` from `fd` as one datagram to 127.0.0.1:`port`, as `sendto` does: the
    /// number of bytes sent, or -1 (with `errno` set).
    @discardableResult
    public static func send(_ fd: Int32, _ bytes: [UInt8], port: UInt16) -> Int {
        var address = self.address(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(fd, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    /// Sends `count` datagrams of `size` bytes to 127.0.0.1:`port`, `pause` microseconds apart,
    /// stopping early once `seconds` have passed (when given); nothing when no socket opens.
    public static func sendDatagrams(port: UInt16, count: Int, size: Int, pause: UInt32 = 0, seconds: Double? = nil) {
        let fd = datagram()
        guard fd >= 0 else { return }
        defer { close(fd) }
        let payload = [UInt8](repeating: 0x42, count: size)
        let end = seconds.map { Date().addingTimeInterval($0) }
        var sent = 0
        while sent < count, end.map({ Date() < $0 }) ?? true {
            send(fd, payload, port: port)
            sent += 1
            if pause > 0 { usleep(pause) }
        }
    }

    /// 127.0.0.1:`port`.
    static func address(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }
}
