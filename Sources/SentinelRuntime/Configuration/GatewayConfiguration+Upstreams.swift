import Foundation
import SentinelCore
import SentinelGateway

#if canImport(Glibc)
    import Glibc
#endif

extension SentinelConfiguration.Gateway {
    /// What the gateway's own configuration files say about its backend servers.
    package struct ConfiguredUpstreams: Sendable {
        /// The servers' addresses (names resolved), as single-address prefixes.
        package var prefixes: [SourcePrefix] = []
        /// Per configuration file given (`config` of an nginx or HAProxy adapter): the files
        /// read and the hosts found there.
        package var read: [(kind: String, path: String, files: [String], hosts: [String])] = []
        /// What could not be read or resolved.
        package var problems: [String] = []
    }

    /// The backend servers named in the nginx configuration (`upstream { server …; }`,
    /// `proxy_pass` to an address) and the HAProxy configuration (`server` lines of `backend`
    /// and `listen` sections) the adapters give as `config`; read afresh on every call (at the
    /// start and on each reload). A host name is resolved here, to every address it has.
    package func configuredUpstreams() -> ConfiguredUpstreams {
        var found = ConfiguredUpstreams()
        var seen: Set<String> = []
        for adapter in [sources, servers, scaling].compactMap({ $0 }) {
            let kind: String, path: String
            switch adapter {
            case let .nginx(_, config?): (kind, path) = ("nginx", config)
            case let .haproxy(_, _, _, _, _, config?): (kind, path) = ("haproxy", config)
            default: continue
            }
            guard seen.insert(kind + " " + path).inserted else { continue }
            let servers: UpstreamServers
            do {
                servers = kind == "nginx" ? try UpstreamServers.nginx(configPath: path) : try UpstreamServers.haproxy(configPath: path)
            } catch {
                found.problems.append("\(error)")
                continue
            }
            found.read.append((kind, path, servers.files, servers.hosts))
            for host in servers.hosts {
                let addresses = Self.addresses(of: host)
                if addresses.isEmpty { found.problems.append("\(path): the upstream server \(host) does not resolve") }
                for prefix in addresses where !found.prefixes.contains(prefix) { found.prefixes.append(prefix) }
            }
        }
        return found
    }

    /// An address literal as it is; a name resolved to its IPv4 and IPv6 addresses.
    private static func addresses(of host: String) -> [SourcePrefix] {
        if let literal = try? SourcePrefix(host) { return [literal] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(list) }
        var prefixes: [SourcePrefix] = []
        for entry in sequence(first: first, next: { $0.pointee.ai_next }) {
            guard let address = entry.pointee.ai_addr else { continue }
            var prefix: SourcePrefix?
            switch entry.pointee.ai_family {
            case AF_INET:
                let bytes = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) }
                }
                prefix = SourcePrefix(bytes: bytes, length: 32)
            case AF_INET6:
                let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) }
                }
                prefix = SourcePrefix(bytes: bytes, length: 128)
            default:
                continue
            }
            if let prefix, !prefixes.contains(prefix) { prefixes.append(prefix) }
        }
        return prefixes
    }
}
