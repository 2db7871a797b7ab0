import SentinelCapture

/// The access-log formats `analyze --log` reads.
public enum LogFormat: String, Sendable, CaseIterable {
    /// Pick the first format that reads the file's first non-empty lines.
    case auto
    /// nginx/Apache combined or common, optionally with request and upstream times.
    case combined
    /// HAProxy `option httplog`.
    case haproxy
    /// JSON lines with the default field names.
    case json

    /// The parser for a concrete format (nil for `auto`).
    public var parser: (any AccessLogParser)? {
        switch self {
        case .auto: return nil
        case .combined: return CombinedLogParser()
        case .haproxy: return HAProxyHTTPLogParser()
        case .json: return JSONLinesLogParser()
        }
    }

    /// The concrete format that reads most of `sample` (ties: combined, haproxy, json).
    public static func detect(_ sample: [Substring]) -> LogFormat? {
        let lines = sample.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return nil }
        var best: (format: LogFormat, parsed: Int)?
        for format in [LogFormat.combined, .haproxy, .json] {
            let parser = format.parser!
            let parsed = lines.filter { if case .success = parser.parse($0) { return true } else { return false } }.count
            if parsed > 0, parsed > (best?.parsed ?? 0) { best = (format, parsed) }
        }
        return best?.format
    }
}
