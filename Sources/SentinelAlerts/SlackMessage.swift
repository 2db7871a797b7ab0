import Foundation

/// The Slack incoming-webhook rendering of an alert: a `text` fallback (shown in
/// notifications) and Block Kit `blocks` (header, fields, offenders and features, context).
enum SlackMessage {
    static func render(_ event: AlertEvent) -> Data {
        let confidence = PayloadJSON.number(event.confidence)
        let headline: String
        switch event.kind {
        case .opened:
            headline = ":rotating_light: Sentinel incident opened: \(event.className) on \(event.target) (confidence \(confidence))"
        case .resolved:
            headline = ":white_check_mark: Sentinel incident resolved: \(event.className) on \(event.target)"
        case .action:
            headline =
                ":gear: Sentinel action \(event.actionTaken ? "taken" : "recommended (dry run)") on \(event.target): \(event.className)"
        }
        var fields: [(String, String)] = [
            ("Class", event.className), ("Target", event.target), ("Confidence", confidence),
            ("Windows", String(event.windows)), ("Start", RFC3339.string(event.start)),
        ]
        if let end = event.end { fields.append(("End", RFC3339.string(end))) }
        fields.append(("Host", event.host))
        fields.append(("Model", event.model))
        var details: [String] = []
        if !event.topOffenders.isEmpty {
            details.append("*Top offenders:* " + event.topOffenders.map { "`\(escape($0))`" }.joined(separator: ", "))
        }
        if !event.keyFeatures.isEmpty {
            let features = event.keyFeatures.sorted { $0.key < $1.key }.prefix(10)
                .map { "\(escape($0.key)) = \(PayloadJSON.number($0.value))" }
            details.append("*Key features:* " + features.joined(separator: ", "))
        }
        if let action = event.action {
            details.append((event.actionTaken ? "*Action taken:* " : "*Action recommended:* ") + escape(action))
        }
        var blocks: [[String: Any]] = [
            ["type": "header", "text": ["type": "plain_text", "text": String(plain(headline).prefix(150))]],
            ["type": "section", "fields": fields.map { ["type": "mrkdwn", "text": "*\($0.0)*\n\(escape($0.1))"] }],
        ]
        if !details.isEmpty {
            blocks.append(["type": "section", "text": ["type": "mrkdwn", "text": details.joined(separator: "\n")]])
        }
        blocks.append([
            "type": "context",
            "elements": [
                ["type": "mrkdwn", "text": "incident `\(escape(event.incidentID))` · event `\(escape(event.eventID))`"]
            ],
        ])
        return PayloadJSON.data(["text": escape(headline), "blocks": blocks])
    }

    /// Slack's three control characters in mrkdwn text.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The headline without emoji short codes (header blocks are plain text).
    private static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: ":rotating_light: ", with: "")
            .replacingOccurrences(of: ":white_check_mark: ", with: "")
    }
}
