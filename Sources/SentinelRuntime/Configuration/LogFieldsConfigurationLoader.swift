import SentinelCapture
import Yams

extension SentinelConfiguration {
    /// A log's `fields:`: a mapping of field (``JSONLinesLogParser/FieldNames/keys``) to the
    /// JSON key the log uses, and `duration_unit`, applied over `preset` (the format's names).
    static func logFields(
        _ entry: ConfigurationReader.Entry, over preset: JSONLinesLogParser.FieldNames, _ reader: ConfigurationReader
    ) throws(ConfigurationError) -> JSONLinesLogParser.FieldNames? {
        if ConfigurationReader.isNull(entry.value) { return nil }
        var fields = preset
        for field in try reader.entries(entry.value, "in fields", known: JSONLinesLogParser.FieldNames.keys) {
            guard let value = try reader.nonEmptyString(field) else { continue }
            do {
                try fields.set(field.key, to: value)
            } catch {
                throw reader.fail(field.value, error.description)
            }
        }
        return fields
    }
}
