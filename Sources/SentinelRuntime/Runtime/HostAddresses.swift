import Foundation
import SentinelCore

#if canImport(Glibc)
    import Glibc
#endif

/// The addresses of this host's interfaces, which the planner never blocks or limits: a
/// burst from the gateway itself (a health check, a local client) must not cut it off.
enum HostAddresses {
    /// Every IPv4 and IPv6 address of an interface that is up, as single-address prefixes.
    static func current() -> [SourcePrefix] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var prefixes: Set<SourcePrefix> = []
        for entry in sequence(first: first, next: { $0.pointee.ifa_next }) {
            guard let address = entry.pointee.ifa_addr else { continue }
            switch Int32(address.pointee.sa_family) {
            case AF_INET:
                let bytes = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin_addr) { Array($0) }
                }
                prefixes.insert(SourcePrefix(bytes: bytes, length: 32))
            case AF_INET6:
                let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
                }
                prefixes.insert(SourcePrefix(bytes: bytes, length: 128))
            default:
                continue
            }
        }
        return prefixes.sorted()
    }
}
