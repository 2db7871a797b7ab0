import Foundation

extension UpstreamServers {
    /// The servers HAProxy's configuration names: the address of every `server` line in a
    /// `backend` or `listen` section. `path` may be a file or, as with `haproxy -f`, a folder
    /// whose `*.cfg` files are read in name order.
    /// - Throws: ``GatewayFailure/misconfigured(_:)`` when nothing can be read there.
    public static func haproxy(configPath path: String) throws(GatewayFailure) -> UpstreamServers {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .misconfigured("cannot read HAProxy's configuration \(path): no such file")
        }
        var files = [path]
        if isFolder.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasSuffix(".cfg") }.sorted().map { path + "/" + $0 }
        }
        var servers = UpstreamServers()
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw .misconfigured("cannot read HAProxy's configuration \(file)")
            }
            servers.files.append(file)
            var section = ""
            for line in text.split(whereSeparator: \.isNewline) {
                let words = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                    .split(whereSeparator: \.isWhitespace)
                guard let keyword = words.first else { continue }
                if sections.contains(String(keyword)) {
                    section = String(keyword)
                } else if keyword == "server", section == "backend" || section == "listen", words.count > 2 {
                    servers.add(address: String(words[2]))
                }
            }
        }
        return servers
    }

    /// The keywords that open a section of HAProxy's configuration.
    private static let sections: Set<String> = [
        "global", "defaults", "frontend", "backend", "listen", "peers", "resolvers", "userlist", "cache", "program",
        "http-errors", "ring", "mailers", "log-forward", "fcgi-app", "crt-store", "traces",
    ]
}
