/// What one sensor saw of a fleet-wide incident: when it first saw it, how many windows, how
/// sure it was, whom it saw, and when it went quiet. An incident resolves when every sensor
/// that saw it has.
package struct IncidentEvidence: Equatable, Sendable {
    /// The incident's id.
    package var incidentID: String
    /// The sentinel (`sentinel.host`).
    package var sensor: String
    /// When this sensor's incident opened, seconds since 1970.
    package var firstSeen: Double
    /// Attack windows this sensor counted.
    package var windows: Int
    /// The highest confidence of those windows.
    package var peakConfidence: Double
    /// The offending sources this sensor saw, heaviest first.
    package var topOffenders: [String]
    /// When this sensor went quiet, or nil while it still sees the attack.
    package var resolved: Double?

    /// Creates evidence.
    package init(
        incidentID: String, sensor: String, firstSeen: Double, windows: Int, peakConfidence: Double,
        topOffenders: [String], resolved: Double? = nil
    ) {
        self.incidentID = incidentID
        self.sensor = sensor
        self.firstSeen = firstSeen
        self.windows = windows
        self.peakConfidence = peakConfidence
        self.topOffenders = topOffenders
        self.resolved = resolved
    }

    /// The incident as it stands once every sensor's evidence is in: windows summed, the
    /// highest confidence, offenders merged in the order the sensors first saw the incident.
    static func merged(_ incident: StoredIncident, _ evidence: [IncidentEvidence], resolved: Double) -> StoredIncident {
        var merged = incident
        guard !evidence.isEmpty else {
            merged.resolved = resolved
            return merged
        }
        merged.windows = evidence.map(\.windows).reduce(0, +)
        merged.peakConfidence = evidence.map(\.peakConfidence).max() ?? incident.peakConfidence
        var offenders: [String] = []
        for item in evidence.sorted(by: { ($0.firstSeen, $0.sensor) < ($1.firstSeen, $1.sensor) }) {
            for source in item.topOffenders where !offenders.contains(source) { offenders.append(source) }
        }
        merged.topOffenders = offenders
        merged.resolved = resolved
        return merged
    }
}
