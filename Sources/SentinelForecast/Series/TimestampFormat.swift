import SentinelCore

/// How the timestamps of a series are written: seconds since 1970, or a UTC date and time
/// (`2014-04-01 00:05:00`, the Numenta Anomaly Benchmark layout; a `T` separator and a
/// trailing `Z` are accepted too). Output keeps the input's format.
public enum TimestampFormat: String, Sendable, Equatable, Codable {
    /// Seconds since 1970, e.g. `1700000000` or `1700000000.5`.
    case epochSeconds
    /// `YYYY-MM-DD HH:MM:SS` in UTC.
    case dateTime

    /// Parses one timestamp in either format.
    /// - Returns: seconds since 1970 and the format, or nil when it is neither.
    public static func parse(_ text: Substring) -> (seconds: Double, format: TimestampFormat)? {
        let trimmed = text.trimmingWhitespace()
        if let seconds = Double(trimmed), seconds.isFinite { return (seconds, .epochSeconds) }
        let bytes = Array(trimmed.utf8)
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var fraction = 0.0
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") {
            let digits = rest.dropFirst().prefix { (48...57).contains($0) }
            guard !digits.isEmpty, let value = Double("0." + String(decoding: digits, as: UTF8.self)) else { return nil }
            fraction = value
            rest = rest.dropFirst(digits.count + 1)
        }
        if rest.first == UInt8(ascii: "Z") { rest = rest.dropFirst() }
        guard rest.isEmpty else { return nil }
        let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
        return (Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction, .dateTime)
    }

    /// Writes `seconds` in this format.
    public func format(_ seconds: Double) -> String {
        switch self {
        case .epochSeconds:
            if seconds == seconds.rounded(), abs(seconds) < 1e15 { return String(Int64(seconds)) }
            return String(seconds)
        case .dateTime:
            let whole = Int64((seconds).rounded(.down))
            let days = Int(whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400)
            let secondOfDay = Int(whole - Int64(days) * 86_400)
            let (year, month, day) = CivilCalendar.civilFromDays(days)
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            let year4 = String(year).count >= 4 ? String(year) : String(repeating: "0", count: 4 - String(year).count) + String(year)
            return "\(year4)-\(two(month))-\(two(day)) \(two(secondOfDay / 3_600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" || first == "\r" || first == "\"" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" || last == "\r" || last == "\"" { result = result.dropLast() }
        return result
    }
}
