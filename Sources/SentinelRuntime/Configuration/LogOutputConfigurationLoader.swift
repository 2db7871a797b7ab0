import Logging
import Yams

extension SentinelConfiguration {
    /// The level names `log.level` and `--log-level` accept, least severe first.
    package static let logLevelNames = Logger.Level.allCases.map(\.rawValue)

    /// `log:`: level, format.
    static func logOutput(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> LogOutput {
        var output = LogOutput()
        for entry in try reader.entries(node, "in log", known: ["level", "format"]) {
            guard let text = try reader.string(entry) else { continue }
            if entry.key == "level" {
                guard let level = Logger.Level(rawValue: text.lowercased()) else {
                    throw reader.fail(entry.value, "level must be one of \(logLevelNames.joined(separator: ", ")), not '\(text)'")
                }
                output.level = level
            } else {
                guard let format = OperatorLogFormat(rawValue: text.lowercased()) else {
                    throw reader.fail(
                        entry.value,
                        "format must be one of \(OperatorLogFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
                }
                output.format = format
            }
        }
        return output
    }
}
