import Yams

extension SentinelConfiguration {
    /// `anomalies:`: enabled, warmup, threshold, season.
    static func anomalies(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> Anomalies {
        var anomalies = Anomalies()
        for entry in try reader.entries(node, "in anomalies", known: ["enabled", "warmup", "threshold", "season"]) {
            switch entry.key {
            case "enabled":
                guard let value = try reader.bool(entry) else { continue }
                anomalies.enabled = value
            case "warmup":
                guard let value = try reader.integer(entry) else { continue }
                try reader.require(
                    value >= 10, entry, "warmup must be at least 10 windows, not \(ConfigurationReader.describe(entry.value))")
                try reader.require(
                    value <= 10_000_000, entry, "warmup must be at most 10000000 windows, not \(ConfigurationReader.describe(entry.value))")
                anomalies.warmup = value
            case "threshold":
                guard let value = try reader.number(entry) else { continue }
                try reader.require(
                    value > 0 && value < 1, entry, "threshold must be between 0 and 1, not \(ConfigurationReader.describe(entry.value))")
                anomalies.threshold = value
            default:
                guard let value = try reader.integer(entry) else { continue }
                try reader.require(value >= 1, entry, "season must be at least 1 window, not \(ConfigurationReader.describe(entry.value))")
                // The scorer keeps one value per window of the season: bounded before the allocation.
                try reader.require(
                    value <= 1_000_000, entry, "season must be at most 1000000 windows, not \(ConfigurationReader.describe(entry.value))")
                anomalies.season = value
            }
        }
        return anomalies
    }
}
