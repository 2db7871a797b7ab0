import GRDB

extension SentinelDatabase {
    /// Saves (or replaces) the baseline of `baseline.source` learnt by `baseline.sensor`.
    package func saveBaseline(_ baseline: StoredBaseline) throws {
        try write { db in try baseline.insert(db, onConflict: .replace) }
    }

    /// The baseline `sensor` saved for `source`, if any.
    package func baseline(sensor: String, source: String) throws -> StoredBaseline? {
        try read { db in try StoredBaseline.fetchOne(db, key: ["sensor": sensor, "source": source]) }
    }
}
