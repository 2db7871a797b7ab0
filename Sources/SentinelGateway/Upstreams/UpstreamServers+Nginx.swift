import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension UpstreamServers {
    /// The servers nginx's configuration at `path` names: `server` in every `upstream {}`
    /// block, and `proxy_pass`/`grpc_pass`/`fastcgi_pass`/`uwsgi_pass`/`scgi_pass` to a literal
    /// address (not an upstream's name, not a variable), following `include` (globs, relative
    /// paths against the main file's folder, as nginx does).
    /// - Throws: ``GatewayFailure/misconfigured(_:)`` when the main file cannot be read (an
    ///   included file that cannot be read is skipped, as `nginx -t` would report it).
    public static func nginx(configPath path: String) throws(GatewayFailure) -> UpstreamServers {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .misconfigured("cannot read nginx's configuration \(path)")
        }
        var reader = NginxReader(folder: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        reader.servers.files.append(path)
        reader.read(text, depth: 0)
        var servers = reader.servers
        for address in reader.passes {
            guard let host = host(of: address), !reader.upstreamNames.contains(host) else { continue }
            servers.add(address: address)
        }
        return servers
    }
}

/// Walks nginx's configuration language: directives end with `;`, blocks open with `{`.
private struct NginxReader {
    let folder: String
    var servers = UpstreamServers()
    var upstreamNames: Set<String> = []
    var passes: [String] = []

    mutating func read(_ text: String, depth: Int) {
        var blocks: [String] = []
        var words: [String] = []
        for token in Self.tokens(text) {
            switch token {
            case ";":
                directive(words, inUpstream: blocks.last == "upstream", depth: depth)
                words = []
            case "{":
                if words.first == "upstream", words.count > 1 { upstreamNames.insert(words[1]) }
                blocks.append(words.first ?? "")
                words = []
            case "}":
                if !blocks.isEmpty { blocks.removeLast() }
                words = []
            default:
                words.append(token)
            }
        }
    }

    private mutating func directive(_ words: [String], inUpstream: Bool, depth: Int) {
        guard let name = words.first, words.count > 1 else { return }
        switch name {
        case "server" where inUpstream:
            servers.add(address: words[1])
        case "proxy_pass", "grpc_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass":
            passes.append(words[1])
        case "include" where depth < 16:
            let pattern = words[1].hasPrefix("/") ? words[1] : folder + "/" + words[1]
            for file in Self.files(matching: pattern) where !servers.files.contains(file) {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
                servers.files.append(file)
                read(text, depth: depth + 1)
            }
        default:
            break
        }
    }

    /// Words, quoted strings (quotes removed) and the `;`, `{`, `}` marks; comments dropped.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = ""
        var quote: Character?
        var comment = false
        func finish() {
            if !word.isEmpty { tokens.append(word) }
            word = ""
        }
        for character in text {
            if comment {
                if character.isNewline { comment = false }
                continue
            }
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "#" where word.isEmpty: comment = true
            case ";", "{", "}":
                finish()
                tokens.append(String(character))
            default:
                if character.isWhitespace { finish() } else { word.append(character) }
            }
        }
        finish()
        return tokens
    }

    /// The files a pattern names, sorted (nginx's `include` accepts globs).
    static func files(matching pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }.sorted()
    }
}
