import Foundation

/// The body format a webhook receives; chosen per webhook.
public enum PayloadFormat: String, Sendable, Equatable, Codable, CaseIterable {
    /// The documented `sentinel.alert.v1` JSON schema (``AlertEvent``).
    case sentinel
    /// A Slack incoming-webhook message: `{"text": …, "blocks": […]}`.
    case slack
    /// An Alertmanager v2 `POST /api/v2/alerts` body: an array with one alert.
    case alertmanager

    /// Renders an event in this format.
    /// - Parameters:
    ///   - event: the alert.
    ///   - generatorURL: for `alertmanager`, a link back to the sentinel (omitted if `nil`).
    public func render(_ event: AlertEvent, generatorURL: String? = nil) -> Data {
        switch self {
        case .sentinel: return event.json()
        case .slack: return SlackMessage.render(event)
        case .alertmanager: return AlertmanagerAlert.render(event, generatorURL: generatorURL)
        }
    }

    /// Renders an event in a format (the same as `format.render(event)`).
    public static func render(_ event: AlertEvent, format: PayloadFormat, generatorURL: String? = nil) -> Data {
        format.render(event, generatorURL: generatorURL)
    }
}

/// Compact JSON with sorted keys, for the hand-built formats.
enum PayloadJSON {
    static func data(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// A number for humans: up to 3 decimals, no trailing zeros.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
