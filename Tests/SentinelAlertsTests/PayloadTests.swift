import Foundation
import SentinelAlerts
import Testing

func sampleEvent(kind: AlertKind = .opened) -> AlertEvent {
    let incident = Incident(
        id: "7f1c2a9e-0000-4000-8000-000000000001", className: "syn_flood", target: "eth0",
        start: 1_714_564_800, end: kind == .resolved ? 1_714_564_860.5 : nil, windows: 12,
        peakConfidence: 0.97, offenders: ["203.0.113.7", "198.51.100.2"],
        keyFeatures: ["syn_ratio": 0.93, "packets_per_second": 48_000, "bad": .nan])
    let event: IncidentEvent = kind == .opened ? .opened(incident) : .resolved(incident)
    return AlertEvent(event, host: "gw-1", model: "ensemble-v3", action: "rate-limit 203.0.113.7", actionTaken: false)
}

private func object(_ data: Data) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

@Suite("Payloads")
struct PayloadTests {
    @Test("sentinel schema has exactly the documented keys")
    func schemaKeys() throws {
        let json = try object(PayloadFormat.render(sampleEvent(), format: .sentinel))
        #expect(
            Set(json.keys) == [
                "schema", "event_id", "kind", "incident_id", "class", "target", "confidence",
                "start", "end", "windows", "top_offenders", "key_features", "host", "model",
                "action", "action_taken",
            ])
        #expect(json["schema"] as? String == "sentinel.alert.v1")
        #expect(json["event_id"] as? String == "7f1c2a9e-0000-4000-8000-000000000001:opened")
        #expect(json["kind"] as? String == "opened")
        #expect(json["start"] as? String == "2024-05-01T12:00:00.000Z")
        #expect(json["end"] is NSNull)
        #expect((json["key_features"] as? [String: Any])?.keys.sorted() == ["packets_per_second", "syn_ratio"])
    }

    @Test("sentinel format round-trips through Codable")
    func roundTrip() throws {
        let event = sampleEvent(kind: .resolved)
        let decoded = try JSONDecoder().decode(AlertEvent.self, from: event.json())
        #expect(decoded == event)
        #expect(decoded.end == 1_714_564_860.5)
        #expect(decoded.eventID.hasSuffix(":resolved"))
    }

    @Test("the example in docs/alert-schema.md decodes")
    func documentedExample() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/alert-schema.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(text.range(of: "```json\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let example = Data(text[start.upperBound..<end.lowerBound].utf8)
        let event = try JSONDecoder().decode(AlertEvent.self, from: example)
        #expect(event.schema == AlertEvent.schemaVersion)
        #expect(Set(try object(example).keys) == Set(try object(event.json()).keys))
    }

    @Test("slack body has text and blocks")
    func slack() throws {
        let json = try object(PayloadFormat.slack.render(sampleEvent()))
        let text = try #require(json["text"] as? String)
        #expect(text.contains("syn_flood") && text.contains("eth0") && text.contains("opened"))
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        #expect(blocks.first?["type"] as? String == "header")
        #expect(blocks.contains { $0["type"] as? String == "section" })
        let rendered = String(decoding: PayloadFormat.slack.render(sampleEvent()), as: UTF8.self)
        #expect(rendered.contains("203.0.113.7") && rendered.contains("Action recommended"))
    }

    @Test("alertmanager body is an array of one alert; endsAt only on resolve")
    func alertmanager() throws {
        let opened = try #require(
            try JSONSerialization.jsonObject(
                with: PayloadFormat.alertmanager.render(sampleEvent(), generatorURL: "http://gw-1:9100/")) as? [[String: Any]])
        #expect(opened.count == 1)
        let alert = opened[0]
        let labels = try #require(alert["labels"] as? [String: String])
        #expect(labels["alertname"] == "SentinelIncident" && labels["class"] == "syn_flood")
        #expect(labels["target"] == "eth0" && labels["severity"] == "critical")
        let annotations = try #require(alert["annotations"] as? [String: String])
        #expect(annotations["summary"] != nil && annotations["description"] != nil)
        #expect(alert["startsAt"] as? String == "2024-05-01T12:00:00.000Z")
        #expect(alert["endsAt"] == nil)
        #expect(alert["generatorURL"] as? String == "http://gw-1:9100/")
        let resolved = try #require(
            try JSONSerialization.jsonObject(
                with: PayloadFormat.alertmanager.render(sampleEvent(kind: .resolved))) as? [[String: Any]])
        #expect(resolved[0]["endsAt"] as? String == "2024-05-01T12:01:00.500Z")
        #expect(resolved[0]["generatorURL"] == nil)
    }
}
