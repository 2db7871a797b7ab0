import GRDB

/// One classified time window as stored: its features and the verdict on it.
package struct StoredWindow: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    /// Start of the window, seconds since 1970.
    package var start: Double
    /// End of the window (exclusive), seconds since 1970.
    package var end: Double
    /// Packets (or log records) seen in the window.
    package var packets: Int
    /// The window's features by name (a JSON object in the database).
    package var features: [String: Double]
    /// The class the detector chose, if the window was classified.
    package var verdict: String?
    /// The probability of `verdict`.
    package var confidence: Double?
    /// Every class's probability (a JSON object in the database; empty if unclassified).
    package var probabilities: [String: Double]
    /// Where the window came from: an interface, a capture file or a log.
    package var source: String
    /// The sentinel that recorded it (its `sentinel.host`); empty in rows from before fleets.
    package var sensor: String

    /// Creates a window record.
    package init(
        start: Double, end: Double, packets: Int, features: [String: Double],
        verdict: String? = nil, confidence: Double? = nil,
        probabilities: [String: Double] = [:], source: String, sensor: String = ""
    ) {
        self.start = start
        self.end = end
        self.packets = packets
        self.features = features
        self.verdict = verdict
        self.confidence = confidence
        self.probabilities = probabilities
        self.source = source
        self.sensor = sensor
    }

    /// The table's name.
    package static let databaseTableName = "windows"

    enum CodingKeys: String, CodingKey {
        case start, end, packets, features, verdict, confidence, probabilities, source, sensor
    }
}
