import Foundation

extension ConfigurationCheck {
    /// Each gateway adapter builds the way `run` builds it (its URL parses, its secret and
    /// token are there), and the files it needs exist: nginx's include folder and
    /// configuration, Kubernetes' token and CA files, the exec program. A HAProxy socket that
    /// is not there yet is a warning (HAProxy may start later).
    package func gateway() -> [CheckFinding] {
        var findings: [CheckFinding] = []
        for (name, adapter) in [
            ("sources", configuration.gateway.sources), ("servers", configuration.gateway.servers),
            ("scaling", configuration.gateway.scaling),
        ] {
            guard let adapter else { continue }
            let subject = "gateway.\(name)"
            do {
                _ = try EnforcementStage.gateway(adapter)
            } catch {
                findings.append(CheckFinding(.error, subject, "\(error)"))
                continue
            }
            findings += files(adapter).map { CheckFinding($0.severity, subject, $0.message) }
        }
        return findings + upstreams()
    }

    /// The backend servers read from the gateway's configuration (never blocked): a note
    /// naming them, a warning for a file that cannot be read or a server that does not resolve.
    package func upstreams() -> [CheckFinding] {
        let found = configuration.gateway.configuredUpstreams()
        var findings = found.read.map { entry in
            CheckFinding(
                .note, "gateway.upstreams",
                "\(entry.hosts.isEmpty ? "no servers" : entry.hosts.joined(separator: ", ")) from \(entry.kind)'s \(entry.path)"
                    + (entry.files.count > 1 ? " (\(entry.files.count) files)" : "") + ": never blocked")
        }
        // An nginx or HAProxy adapter without config: its backends are not read.
        for (name, adapter) in [
            ("sources", configuration.gateway.sources), ("servers", configuration.gateway.servers),
        ] {
            switch adapter {
            case .nginx(_, nil)?, .haproxy(_, _, _, _, _, nil)?:
                let kind = if case .nginx? = adapter { "nginx" } else { "haproxy" }
                let example = kind == "nginx" ? "/etc/nginx/nginx.conf" : "/etc/haproxy/haproxy.cfg"
                findings.append(
                    CheckFinding(
                        .note, "gateway.\(name).\(kind)",
                        "no config: the gateway's own backend servers are not read (set config: \(example) to spare them, or list gateway.upstreams)"
                    ))
            default:
                break
            }
        }
        // A configuration file that is not there is already an error of its adapter.
        let absent = [configuration.gateway.sources, configuration.gateway.servers, configuration.gateway.scaling].compactMap {
            adapter -> String? in
            switch adapter {
            case let .nginx(_, config?)?, let .haproxy(_, _, _, _, _, config?)?:
                return FileManager.default.fileExists(atPath: config) ? nil : config
            default:
                return nil
            }
        }
        for problem in found.problems where !absent.contains(where: { problem.hasSuffix($0) || problem.contains($0 + ":") }) {
            findings.append(CheckFinding(.warning, "gateway.upstreams", problem))
        }
        return findings
    }

    private func files(_ adapter: SentinelConfiguration.Gateway.Adapter) -> [(severity: CheckFinding.Severity, message: String)] {
        let manager = FileManager.default
        func missing(_ path: String, _ what: String) -> [(CheckFinding.Severity, String)] {
            manager.fileExists(atPath: path) ? [] : [(.error, "\(what) \(path) does not exist")]
        }
        switch adapter {
        case let .haproxy(socket, _, _, _, _, config):
            let configuration = config.map { missing($0, "HAProxy's configuration") } ?? []
            guard let socket, !manager.fileExists(atPath: socket) else { return configuration }
            return configuration + [(.warning, "HAProxy's socket \(socket) does not exist (is HAProxy running with `stats socket`?)")]
        case let .nginx(include, config):
            return missing(URL(fileURLWithPath: include).deletingLastPathComponent().path, "the include's folder")
                + (config.map { missing($0, "nginx's configuration") } ?? [])
        case let .kubernetes(api, tokenFile, caFile, _, _, _):
            var found: [(CheckFinding.Severity, String)] = []
            if let api {
                let url = URLComponents(string: api)
                if !["http", "https"].contains(url?.scheme?.lowercased() ?? "") || (url?.host ?? "").isEmpty {
                    found.append((.error, "api '\(api)' is not an http(s) URL with a host"))
                }
            }
            return found + (tokenFile.map { missing($0, "the token file") } ?? []) + (caFile.map { missing($0, "the CA file") } ?? [])
        case .http:
            return []
        case let .exec(command):
            guard let program = command.first else { return [] }
            let candidates =
                program.contains("/")
                ? [program]
                : (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(program)" }
            if candidates.contains(where: { manager.isExecutableFile(atPath: $0) }) { return [] }
            return [(.error, "the command \(program) is not an executable file" + (program.contains("/") ? "" : " on PATH"))]
        }
    }
}
