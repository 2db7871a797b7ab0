import Foundation
import Logging

/// The two line formats of the operational log; pure functions of the event.
package enum OperatorLogLine {
    /// `2026-12-05T21:40:00.123Z info incident opened class=syn_flood target=eth0`: fields sorted
    /// by name, values quoted when they hold spaces, quotes or `=`; no line breaks ever. With
    /// `journal`, a `<N>` priority prefix instead of the level (and `date` nil: journald stamps it).
    package static func text(
        date: Date?, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata,
        journal: Bool = false, colour: Bool = false
    ) -> String {
        var line = ""
        if journal {
            line += "<\(priority(level))>"
        } else {
            if let date { line += timestamp(date) + " " }
            line += colour ? "\u{1B}[\(colourCode(level))m\(level.rawValue)\u{1B}[0m " : "\(level.rawValue) "
        }
        if label != "sentinel" { line += "[\(label)] " }
        line += singleLine(message)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(quoted(flatten(value)))"
        }
        return line
    }

    /// `{"timestamp":"…","level":"info","logger":"sentinel","message":"…",…fields}`.
    package static func json(date: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var object: [String: Any] = [:]
        for (key, value) in metadata { object[key] = jsonValue(value) }
        object["timestamp"] = timestamp(date)
        object["level"] = level.rawValue
        object["logger"] = label
        object["message"] = message
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// RFC 3339 in UTC with milliseconds.
    package static func timestamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        var whole = time_t(seconds.rounded(.down))
        let millis = min(999, Int((seconds - Double(whole)) * 1000))
        var parts = tm()
        gmtime_r(&whole, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let ms = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(ms)Z"
    }

    /// The syslog priority journald reads from a `<N>` prefix.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    private static func colourCode(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: return "2"
        case .info: return "32"
        case .notice: return "36"
        case .warning: return "33"
        case .error, .critical: return "31"
        }
    }

    private static func singleLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r")
    }

    private static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && !value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline || $0 == "\t" }
        guard !plain else { return value }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + singleLine(escaped).replacingOccurrences(of: "\t", with: "\\t") + "\""
    }

    private static func flatten(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let item): return item.description
        case .array(let items): return items.map(flatten).joined(separator: ",")
        case .dictionary(let fields):
            return fields.sorted { $0.key < $1.key }.map { "\($0.key):\(flatten($0.value))" }.joined(separator: ",")
        }
    }

    private static func jsonValue(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let item):
            switch item {
            case let number as Int: return number
            case let number as Double where number.isFinite: return number
            case let flag as Bool: return flag
            default: return item.description
            }
        case .array(let items): return items.map(jsonValue)
        case .dictionary(let fields): return fields.mapValues(jsonValue)
        }
    }
}
