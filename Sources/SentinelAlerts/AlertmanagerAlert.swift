import Foundation

/// The Alertmanager v2 rendering (`POST /api/v2/alerts` body): an array with one alert whose
/// labels identify it (`alertname`, `class`, `target`, `severity`, `instance`, `incident_id`)
/// and whose `endsAt` is set when the incident is resolved.
///
/// Alertmanager resolves an alert whose `endsAt` is absent after its `resolve_timeout`
/// (5 minutes by default) unless it is re-sent; since each event is sent once, raise
/// `resolve_timeout` on receivers that should hold incidents open until their resolve event.
enum AlertmanagerAlert {
    /// The `alertname` label.
    static let alertName = "SentinelIncident"

    static func render(_ event: AlertEvent, generatorURL: String?) -> Data {
        let severity = event.confidence >= 0.9 ? "critical" : "warning"
        var description =
            "\(event.windows) window(s) of \(event.className) on \(event.target) seen by \(event.host)"
            + " (model \(event.model), peak confidence \(PayloadJSON.number(event.confidence)))."
        if !event.topOffenders.isEmpty {
            description += " Top offenders: \(event.topOffenders.joined(separator: ", "))."
        }
        if let action = event.action {
            description += (event.actionTaken ? " Action taken: " : " Action recommended: ") + action + "."
        }
        var alert: [String: Any] = [
            "labels": [
                "alertname": alertName, "class": event.className, "target": event.target,
                "severity": severity, "instance": event.host, "incident_id": event.incidentID,
            ],
            "annotations": [
                "summary": "\(event.className) on \(event.target) (\(event.kind.rawValue))",
                "description": description,
            ],
            "startsAt": RFC3339.string(event.start),
        ]
        if event.kind != .opened {  // resolved, or an action: a point in time
            alert["endsAt"] = RFC3339.string(event.end ?? event.start)
        }
        if let generatorURL { alert["generatorURL"] = generatorURL }
        return PayloadJSON.data([alert])
    }
}
