import Foundation

/// Reads access logs written one JSON object per line, with configurable key names
/// (`FieldNames`). Required: time, client address, status, and a path or request line.
/// Numbers may be JSON numbers or numeric strings (nginx's `escape=json` writes strings);
/// empty strings and `-` mean absent.
public struct JSONLinesLogParser: AccessLogParser {
    /// The keys this parser looks for.
    public let fields: FieldNames

    /// Creates a parser for logs using `fields` as keys.
    public init(fields: FieldNames = FieldNames()) { self.fields = fields }

    public func parse(_ line: Substring) -> Result<AccessLogRecord, LogParseError> {
        guard line.contains(where: { !$0.isWhitespace }) else { return .failure(.emptyLine) }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return .failure(.badJSON("not an object"))
            }
            object = parsed
        } catch {
            return .failure(.badJSON("malformed JSON"))
        }
        guard let timeValue = present(Self.value(object, fields.time)) else { return .failure(.missingField(fields.time)) }
        guard let time = Self.time(timeValue) else { return .failure(.badTimestamp(Self.text(timeValue))) }
        guard let addressValue = present(Self.value(object, fields.remoteAddress)) else {
            return .failure(.missingField(fields.remoteAddress))
        }
        guard let statusValue = present(Self.value(object, fields.status)) else { return .failure(.missingField(fields.status)) }
        guard let status = Self.number(statusValue).flatMap(Self.exactInt) else {
            return .failure(.notANumber(field: fields.status, value: Self.text(statusValue)))
        }
        var method = present(Self.value(object, fields.method)).map(Self.text)
        var path = present(Self.value(object, fields.path)).map(Self.text)
        if method == nil || path == nil, let request = present(Self.value(object, fields.request)) {
            let split = LogLineScanner.splitRequest(Self.text(request))
            method = method ?? split.method
            path = path ?? split.path
        }
        guard let path else { return .failure(.missingField("\(fields.path) or \(fields.request)")) }
        var record = AccessLogRecord(
            timestamp: time, clientAddress: Self.address(Self.text(addressValue)), method: method ?? "", path: path, status: status)
        if let value = present(Self.value(object, fields.bytes)) {
            guard let bytes = Self.number(value).flatMap(Self.exactInt) else {
                return .failure(.notANumber(field: fields.bytes, value: Self.text(value)))
            }
            record.bytes = bytes
        }
        if let value = present(Self.value(object, fields.requestTime)) {
            guard let seconds = Self.number(value) else {
                return .failure(.notANumber(field: fields.requestTime, value: Self.text(value)))
            }
            record.requestTime = seconds * fields.durationUnit
        }
        if let value = present(Self.value(object, fields.upstreamResponseTime)) {
            guard let seconds = Self.upstreamSum(value) else {
                return .failure(.notANumber(field: fields.upstreamResponseTime, value: Self.text(value)))
            }
            record.upstreamResponseTime = seconds * fields.durationUnit
        }
        record.userAgent = present(Self.value(object, fields.userAgent)).map(Self.text)
        return .success(record)
    }

    /// `value` unless it is missing, null, `""` or `"-"`.
    private func present(_ value: Any?) -> Any? {
        switch value {
        case nil, is NSNull: return nil
        case let string as String where string.isEmpty || string == "-": return nil
        default: return value
        }
    }

    /// The value at `name`: the key itself, else a dotted path through nested objects (a list
    /// on the way gives its first element).
    static func value(_ object: [String: Any], _ name: String) -> Any? {
        if let direct = object[name] { return first(direct) }
        guard name.contains(".") else { return nil }
        var current: Any = object
        for part in name.split(separator: ".") {
            guard let level = first(current) as? [String: Any], let next = level[String(part)] else { return nil }
            current = next
        }
        return first(current)
    }

    private static func first(_ value: Any) -> Any {
        if let list = value as? [Any] { return list.first ?? NSNull() }
        return value
    }

    /// A client address without a port (`10.0.0.1:53412`, `[2001:db8::1]:443` as Envoy writes them).
    static func address(_ text: String) -> String {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return String(text[text.index(after: text.startIndex)..<close])
        }
        let colons = text.filter { $0 == ":" }.count
        if colons == 1, let colon = text.firstIndex(of: ":"), text[text.index(after: colon)...].allSatisfy(\.isNumber),
            text.index(after: colon) < text.endIndex
        {
            return String(text[..<colon])
        }
        return text
    }

    private static func text(_ value: Any) -> String {
        if let string = value as? String { return string }
        if let number = value as? NSNumber { return number.stringValue }
        return String(describing: value)
    }

    private static func number(_ value: Any) -> Double? {
        if let number = value as? Double { return number }
        if let number = value as? Int { return Double(number) }
        if let number = value as? NSNumber { return number.doubleValue }
        guard var string = value as? String else { return nil }
        return string.withUTF8 { LogLineScanner.double($0) }
    }

    private static func exactInt(_ value: Double) -> Int? {
        guard value.isFinite, value.rounded() == value, abs(value) < 1e15 else { return nil }
        return Int(value)
    }

    private static func time(_ value: Any) -> Double? {
        if let number = number(value) { return LogTimestamp.plausible(number) ? number : nil }
        guard var string = value as? String else { return nil }
        return string.withUTF8 { LogTimestamp.iso8601($0) ?? LogTimestamp.clf($0) }
    }

    /// A number, or a `0.1, 0.2 : -` list of them summed (nil when malformed).
    private static func upstreamSum(_ value: Any) -> Double? {
        if let number = number(value) { return number }
        guard let string = value as? String else { return nil }
        var total: Double?
        for part in string.split(whereSeparator: { $0 == "," || $0 == ":" }) {
            var trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed == "-" { continue }
            guard let value = trimmed.withUTF8({ LogLineScanner.double($0) }) else { return nil }
            total = (total ?? 0) + value
        }
        return total
    }
}
