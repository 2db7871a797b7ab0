import GRDB

/// An incident: consecutive windows of one attack or degradation class against one target.
package struct StoredIncident: Codable, Equatable, Sendable, Identifiable, FetchableRecord, PersistableRecord {
    /// The incident's identifier (a UUID string).
    package var id: String
    /// The class of the incident, e.g. `syn_flood`.
    package var className: String
    /// What it is aimed at or comes from, e.g. `syn_flood@eth0` or a source prefix.
    package var target: String
    /// When it was opened, seconds since 1970.
    package var opened: Double
    /// When it was resolved, or `nil` while it is open.
    package var resolved: Double?
    /// How many windows it has spanned so far.
    package var windows: Int
    /// The highest confidence of any of its windows.
    package var peakConfidence: Double
    /// The heaviest offending sources, heaviest first (a JSON array in the database).
    package var topOffenders: [String]
    /// A JSON object with whatever the caller wants to keep about it (JSON text, `{}` if none).
    package var summary: String
    /// The sentinel that opened it (its `sentinel.host`); empty in rows from before fleets.
    package var sensor: String

    /// Creates an incident record.
    package init(
        id: String, className: String, target: String, opened: Double, resolved: Double? = nil,
        windows: Int = 1, peakConfidence: Double, topOffenders: [String] = [], summary: String = "{}",
        sensor: String = ""
    ) {
        self.id = id
        self.className = className
        self.target = target
        self.opened = opened
        self.resolved = resolved
        self.windows = windows
        self.peakConfidence = peakConfidence
        self.topOffenders = topOffenders
        self.summary = summary
        self.sensor = sensor
    }

    /// Whether it is still open.
    package var isOpen: Bool { resolved == nil }

    /// The table's name.
    package static let databaseTableName = "incidents"

    enum CodingKeys: String, CodingKey {
        case id, target, opened, resolved, windows, summary, sensor
        case className = "class_name"
        case peakConfidence = "peak_confidence"
        case topOffenders = "top_offenders"
    }
}
