/// Where HAProxy's Runtime API listens (`stats socket` in `haproxy.cfg`).
public enum HAProxyEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// A unix socket path (`stats socket /run/haproxy/admin.sock level admin`).
    case unix(path: String)
    /// A numeric IPv4 or IPv6 address and port (`stats socket ipv4@127.0.0.1:9999 level admin`);
    /// no name lookup is done.
    case tcp(host: String, port: UInt16)

    public var description: String {
        switch self {
        case let .unix(path): return "unix:\(path)"
        case let .tcp(host, port): return host.contains(":") ? "tcp:[\(host)]:\(port)" : "tcp:\(host):\(port)"
        }
    }
}
