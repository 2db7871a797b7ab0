import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// RFC 3339 UTC timestamps with milliseconds (`2024-05-01T12:00:00.250Z`), the form the
/// payloads use for times.
package enum RFC3339 {
    /// Formats seconds since 1970.
    static func string(_ seconds: Double) -> String {
        formatter(fractional: true).string(from: Date(timeIntervalSince1970: seconds))
    }

    /// Formats seconds since 1970 with microseconds (`2024-05-01T12:00:00.250000Z`), as
    /// Suricata's EVE log writes them: the event log's times.
    package static func microseconds(_ seconds: Double) -> String {
        var whole = time_t(seconds.rounded(.down))
        let micros = min(999_999, Int(((seconds - Double(whole)) * 1_000_000).rounded(.down)))
        var parts = tm()
        gmtime_r(&whole, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
            parts.tm_min, parts.tm_sec, micros)
    }

    /// Parses a timestamp, with or without fractional seconds.
    static func seconds(_ text: String) -> Double? {
        (formatter(fractional: true).date(from: text) ?? formatter(fractional: false).date(from: text))?
            .timeIntervalSince1970
    }

    static func decode<K: CodingKey>(_ text: String, key: K, in container: KeyedDecodingContainer<K>) throws -> Double {
        guard let value = seconds(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "not an RFC 3339 time: \(text)")
        }
        return value
    }

    private static func formatter(fractional: Bool) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }
}
