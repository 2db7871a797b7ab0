import SentinelCapture

/// The access-log formats `analyze --log` reads.
public enum LogFormat: String, Sendable, CaseIterable {
    /// Pick the first format that reads the file's first non-empty lines.
    case auto
    /// nginx/Apache combined or common, optionally with request and upstream times.
    case combined
    /// HAProxy `option httplog`.
    case haproxy
    /// JSON lines with the default field names (nginx's variable names).
    case json
    /// Caddy's JSON access log.
    case caddy
    /// Traefik's JSON access log.
    case traefik
    /// Envoy's access log as JSON (its default operators, Istio's names).
    case envoy

    /// The parser for a concrete format (nil for `auto`).
    public var parser: (any AccessLogParser)? {
        switch self {
        case .auto: return nil
        case .combined: return CombinedLogParser()
        case .haproxy: return HAProxyHTTPLogParser()
        case .json, .caddy, .traefik, .envoy: return JSONLinesLogParser(fields: fieldNames ?? .nginx)
        }
    }

    /// The JSON field names of a JSON format (nil for the text formats and `auto`).
    public var fieldNames: JSONLinesLogParser.FieldNames? {
        switch self {
        case .auto, .combined, .haproxy: return nil
        case .json: return .nginx
        case .caddy: return .caddy
        case .traefik: return .traefik
        case .envoy: return .envoy
        }
    }

    /// The concrete format that reads most of `sample` (ties: combined, haproxy, json, caddy,
    /// traefik, envoy).
    public static func detect(_ sample: [Substring]) -> LogFormat? {
        let lines = sample.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return nil }
        var best: (format: LogFormat, parsed: Int)?
        for format in [LogFormat.combined, .haproxy, .json, .caddy, .traefik, .envoy] {
            let parser = format.parser!
            let parsed = lines.filter { if case .success = parser.parse($0) { return true } else { return false } }.count
            if parsed > 0, parsed > (best?.parsed ?? 0) { best = (format, parsed) }
        }
        return best?.format
    }
}
