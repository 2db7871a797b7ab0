import Foundation

/// The backend servers a gateway's own configuration names: nginx's `upstream { server …; }`
/// blocks (and `proxy_pass` to a literal address), HAProxy's `server` lines in `backend` and
/// `listen` sections. The sentinel never blocks or rate-limits them: a gateway must not cut
/// itself off from the servers it forwards to.
public struct UpstreamServers: Sendable, Equatable {
    /// The servers' hosts as written, without port or scheme: an IP address or a name
    /// (`10.0.0.5`, `2001:db8::5`, `app.internal`). Unix sockets are left out.
    public var hosts: [String] = []
    /// The files read (the main configuration and what it includes).
    public var files: [String] = []

    /// Nothing read yet.
    public init() {}

    /// Adds the host of `address` (`host`, `host:port`, `[v6]:port`, `v6`, HAProxy's
    /// `ipv4@host:port`), unless it is a unix socket or holds a variable.
    mutating func add(address: String) {
        guard let host = Self.host(of: address), !hosts.contains(host) else { return }
        hosts.append(host)
    }

    /// The host part of a server address, or nil for a unix socket, a variable or nothing.
    static func host(of address: String) -> String? {
        var text = Substring(address)
        for family in ["ipv4@", "ipv6@", "tcp@", "tcp4@", "tcp6@"] where text.hasPrefix(family) {
            text = text.dropFirst(family.count)
        }
        if let scheme = text.range(of: "://") { text = text[scheme.upperBound...] }
        if let slash = text.firstIndex(of: "/") { text = text[..<slash] }
        guard !text.isEmpty, !text.contains("$"), !text.hasPrefix("unix:"), !text.contains("@") else { return nil }
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return String(text[text.index(after: text.startIndex)..<close])
        }
        let colons = text.filter { $0 == ":" }.count
        if colons == 1, let colon = text.firstIndex(of: ":") { return String(text[..<colon]) }
        if colons > 1 {
            // An IPv6 address; HAProxy also writes a port after its last colon (`::1:80`).
            var probe = in6_addr()
            if inet_pton(AF_INET6, String(text), &probe) == 1 { return String(text) }
            if let colon = text.lastIndex(of: ":"), inet_pton(AF_INET6, String(text[..<colon]), &probe) == 1 {
                return String(text[..<colon])
            }
            return nil
        }
        return String(text)
    }
}
