/// Reads HAProxy's default HTTP log format (`option httplog`), with or without the syslog
/// prefix (`Feb  6 12:14:14 localhost haproxy[14389]: `):
///
///     10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1"
///
/// The client's port is dropped. HAProxy logs local time without an offset: it is read as
/// UTC. `requestTime` is the 5th timer (Tt/Ta, total), `upstreamResponseTime` the 4th (Tr,
/// server response), both from milliseconds; a timer of `-1` (never reached) gives nil. The
/// default format captures no `User-Agent`, so `userAgent` is nil.
public struct HAProxyHTTPLogParser: AccessLogParser {
    /// Creates a parser.
    public init() {}

    public func parse(_ line: Substring) -> Result<AccessLogRecord, LogParseError> {
        LogLineScanner.scanning(line, Self.parse)
    }

    private static func parse(_ scanner: LogLineScanner) -> Result<AccessLogRecord, LogParseError> {
        var s = scanner
        s.skipSpaces()
        if s.isAtEnd { return .failure(.emptyLine) }
        // The accept date is the first `[` that follows a blank ("haproxy[pid]:" does not).
        var bracket = s.index
        while bracket < s.bytes.count,
            !(s.bytes[bracket] == UInt8(ascii: "[") && bracket > 0
                && LogLineScanner.isSpace(s.bytes[bracket - 1]))
        {
            if s.bytes[bracket] == UInt8(ascii: "\"") { bracket = s.bytes.count; break }
            bracket += 1
        }
        guard bracket < s.bytes.count else { return .failure(.missingField("accept date")) }
        var clientEnd = bracket
        while clientEnd > 0, LogLineScanner.isSpace(s.bytes[clientEnd - 1]) { clientEnd -= 1 }
        var clientStart = clientEnd
        while clientStart > 0, !LogLineScanner.isSpace(s.bytes[clientStart - 1]) { clientStart -= 1 }
        guard clientStart < clientEnd else { return .failure(.missingField("client address")) }
        let client = clientAddress(s, clientStart..<clientEnd)

        s.index = bracket
        let time: Double
        switch s.enclosed(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), escapes: false) {
        case .none: return .failure(.missingField("accept date"))
        case .unterminated: return .failure(.unterminated(mark: "bracket", field: "accept date"))
        case .field(let range):
            guard let parsed = LogTimestamp.clf(UnsafeBufferPointer(rebasing: s.bytes[range])) else {
                return .failure(.badTimestamp(s.string(range)))
            }
            time = parsed
        }
        guard s.token() != nil else { return .failure(.missingField("frontend")) }
        guard s.token() != nil else { return .failure(.missingField("backend/server")) }
        guard let timersRange = s.token() else { return .failure(.missingField("timers")) }
        let timers = timerValues(s, timersRange)
        guard timers.count == 5, timers.allSatisfy({ $0 != nil }) else {
            return .failure(.notANumber(field: "timers", value: s.string(timersRange)))
        }
        guard let statusRange = s.token() else { return .failure(.missingField("status")) }
        guard let status = s.int(statusRange), status >= -1 else {
            return .failure(.notANumber(field: "status", value: s.string(statusRange)))
        }
        guard let bytesRange = s.token() else { return .failure(.missingField("byte count")) }
        guard let bytes = s.int(bytesRange), bytes >= 0 else {
            return .failure(.notANumber(field: "byte count", value: s.string(bytesRange)))
        }
        // Captured cookies, termination state, connection counts, queues.
        for field in ["request cookie", "response cookie", "termination state", "connection counts", "queues"] {
            guard s.token() != nil else { return .failure(.missingField(field)) }
        }
        // Optional captured request and response headers: `{…}` each, may hold blanks.
        while true {
            switch s.enclosed(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), escapes: false) {
            case .none: break
            case .unterminated: return .failure(.unterminated(mark: "brace", field: "captured headers"))
            case .field: continue
            }
            break
        }
        let request: (method: String, path: String)
        switch s.quoted() {
        case .none: return .failure(.missingField("request"))
        case .unterminated: return .failure(.unterminated(mark: "quote", field: "request"))
        case .field(let range): request = s.request(range)
        }
        let seconds = { (ms: Int?) -> Double? in
            guard let ms, ms >= 0 else { return nil }
            return Double(ms) / 1_000
        }
        return .success(
            AccessLogRecord(
                timestamp: time, clientAddress: client, method: request.method, path: request.path,
                status: status, bytes: bytes, requestTime: seconds(timers[4]),
                upstreamResponseTime: seconds(timers[3])))
    }

    /// `10/0/30/69/109` → its values (`+109` and `-1` allowed); a nil marks a bad one.
    private static func timerValues(_ s: LogLineScanner, _ range: Range<Int>) -> [Int?] {
        var values: [Int?] = []
        var start = range.lowerBound
        for i in range.lowerBound...range.upperBound where i == range.upperBound || s.bytes[i] == UInt8(ascii: "/") {
            values.append(start < i ? s.int(start..<i) : nil)
            start = i + 1
            if values.count > 5 { break }
        }
        return values
    }

    /// `10.0.1.2:33317` → `10.0.1.2`; `[::1]:80` → `::1`; anything else as logged.
    private static func clientAddress(_ s: LogLineScanner, _ range: Range<Int>) -> String {
        var colon = range.upperBound - 1
        while colon > range.lowerBound, s.bytes[colon] != UInt8(ascii: ":") { colon -= 1 }
        guard colon > range.lowerBound, colon + 1 < range.upperBound, s.int(colon + 1..<range.upperBound) != nil
        else { return s.string(range) }
        var host = range.lowerBound..<colon
        if s.bytes[host.lowerBound] == UInt8(ascii: "["), host.count >= 2, s.bytes[host.upperBound - 1] == UInt8(ascii: "]") {
            host = (host.lowerBound + 1)..<(host.upperBound - 1)
        }
        return s.string(host)
    }
}
