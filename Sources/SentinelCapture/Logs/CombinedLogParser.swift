/// Reads the Apache/nginx "combined" and "common" access-log formats:
///
///     127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326 "http://ref/" "Mozilla/4.08"
///
/// "common" stops after the byte count. Either may be followed by nginx's `$request_time`
/// and `$upstream_response_time` (numbers or `-`). `$upstream_response_time` lists one time per
/// upstream tried (`0.001, 0.002`, or `0.001 : 0.002` after an internal redirect): the record
/// holds their **sum**, the total time spent waiting on upstreams; `-` entries count as
/// nothing, and all-`-` gives nil. Text after the upstream times is ignored (nginx formats
/// often append fields); quoted fields are kept raw (escapes such as `\"` are not decoded).
public struct CombinedLogParser: AccessLogParser {
    /// Creates a parser.
    public init() {}

    public func parse(_ line: Substring) -> Result<AccessLogRecord, LogParseError> {
        LogLineScanner.scanning(line, Self.parse)
    }

    private static func parse(_ scanner: LogLineScanner) -> Result<AccessLogRecord, LogParseError> {
        var s = scanner
        guard let host = s.token() else { return .failure(.emptyLine) }
        // The ident and user fields: skip whatever stands before the timestamp's bracket.
        while let byte = s.current, byte != UInt8(ascii: "[") {
            if byte == UInt8(ascii: "\"") { return .failure(.missingField("timestamp")) }
            s.index += 1
        }
        let time: Double
        switch s.enclosed(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), escapes: false) {
        case .none: return .failure(.missingField("timestamp"))
        case .unterminated: return .failure(.unterminated(mark: "bracket", field: "timestamp"))
        case .field(let range):
            guard let parsed = LogTimestamp.clf(UnsafeBufferPointer(rebasing: s.bytes[range])) else {
                return .failure(.badTimestamp(s.string(range)))
            }
            time = parsed
        }
        let request: (method: String, path: String)
        switch s.quoted() {
        case .none: return .failure(.missingField("request"))
        case .unterminated: return .failure(.unterminated(mark: "quote", field: "request"))
        case .field(let range): request = s.request(range)
        }
        guard let statusRange = s.token() else { return .failure(.missingField("status")) }
        guard let status = s.int(statusRange), status >= 0 else {
            return .failure(.notANumber(field: "status", value: s.string(statusRange)))
        }
        guard let bytesRange = s.token() else { return .failure(.missingField("byte count")) }
        var bytes: Int?
        if !s.isDash(bytesRange) {
            guard let parsed = s.int(bytesRange), parsed >= 0 else {
                return .failure(.notANumber(field: "byte count", value: s.string(bytesRange)))
            }
            bytes = parsed
        }
        var record = AccessLogRecord(
            timestamp: time, clientAddress: s.string(host), method: request.method, path: request.path,
            status: status, bytes: bytes)

        // "combined": referer and user agent.
        switch s.quoted() {
        case .none: break
        case .unterminated: return .failure(.unterminated(mark: "quote", field: "referer"))
        case .field:
            switch s.quoted() {
            case .none: return .failure(.missingField("user agent"))
            case .unterminated: return .failure(.unterminated(mark: "quote", field: "user agent"))
            case .field(let range): record.userAgent = s.isDash(range) || range.isEmpty ? nil : s.string(range)
            }
        }
        // nginx timings.
        guard let requestTimeRange = s.token() else { return .success(record) }
        if !s.isDash(requestTimeRange) {
            guard let value = s.double(requestTimeRange) else {
                return .failure(.notANumber(field: "request time", value: s.string(requestTimeRange)))
            }
            record.requestTime = value
        }
        switch upstreamTimes(&s) {
        case .success(let value): record.upstreamResponseTime = value
        case .failure(let error): return .failure(error)
        }
        return .success(record)
    }

    /// Sums `0.001, 0.002 : -` style upstream times; stops at the first token that is not a
    /// time or separator when at least one time was read (later fields are ignored).
    private static func upstreamTimes(_ s: inout LogLineScanner) -> Result<Double?, LogParseError> {
        var total: Double?
        var expectingTime = true
        while true {
            let save = s.index
            guard var range = s.token() else { break }
            if !expectingTime {
                guard range.count == 1, s.bytes[range.lowerBound] == UInt8(ascii: ":") else {
                    s.index = save
                    break
                }
                expectingTime = true
                continue
            }
            var trailingComma = false
            if s.bytes[range.upperBound - 1] == UInt8(ascii: ",") {
                trailingComma = true
                range = range.lowerBound..<(range.upperBound - 1)
            }
            if range.isEmpty || s.isDash(range) {
                // `-`: an upstream that gave no time.
            } else if let value = s.double(range) {
                total = (total ?? 0) + value
            } else if total == nil {
                return .failure(.notANumber(field: "upstream response time", value: s.string(range)))
            } else {
                s.index = save
                break
            }
            expectingTime = trailingComma
        }
        return .success(total)
    }
}
