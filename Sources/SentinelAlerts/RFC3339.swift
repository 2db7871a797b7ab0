import Foundation

/// RFC 3339 UTC timestamps with milliseconds (`2024-05-01T12:00:00.250Z`), the form the
/// payloads use for times.
enum RFC3339 {
    /// Formats seconds since 1970.
    static func string(_ seconds: Double) -> String {
        formatter(fractional: true).string(from: Date(timeIntervalSince1970: seconds))
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
