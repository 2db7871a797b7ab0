import GRDB

/// A site baseline learnt live by one sensor for one source, kept so that a restart resumes
/// with the site's normal instead of learning it again (and judging nothing meanwhile).
///
/// The body is the baseline file's JSON (`SiteBaselineFile`), opaque to the store.
package struct StoredBaseline: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    /// The sentinel that learnt it (`sentinel.host`).
    package var sensor: String
    /// What it describes: `packets:INTERFACE` or `logs:PATH`.
    package var source: String
    /// The baseline, as the JSON of a baseline file.
    package var body: String
    /// When it was saved, seconds since 1970.
    package var updated: Double

    /// Creates a stored baseline.
    package init(sensor: String, source: String, body: String, updated: Double) {
        self.sensor = sensor
        self.source = source
        self.body = body
        self.updated = updated
    }

    /// The table's name.
    package static let databaseTableName = "baselines"
}
