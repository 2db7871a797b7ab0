import Yams

extension SentinelConfiguration {
    /// `baseline:`: enabled, file, warmup, unusual_z, adopt_seconds, model, model_confidence,
    /// model_confidence_continuing, model_confidence_normal.
    static func baseline(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> Baseline {
        var baseline = Baseline()
        for entry in try reader.entries(
            node, "in baseline",
            known: [
                "enabled", "file", "warmup", "unusual_z", "adopt_seconds", "model", "model_confidence",
                "model_confidence_continuing", "model_confidence_normal",
            ])
        {
            switch entry.key {
            case "enabled":
                guard let value = try reader.bool(entry) else { continue }
                baseline.enabled = value
            case "file":
                baseline.file = try reader.nonEmptyString(entry)
            case "model":
                let path = try reader.nonEmptyString(entry)
                baseline.noModel = path == "none"
                baseline.model = path == "none" ? nil : path
            case "warmup":
                guard let value = try reader.integer(entry) else { continue }
                try reader.require(
                    value >= 0 && value <= 10_000_000, entry,
                    "warmup must be 0 to 10000000 windows, not \(ConfigurationReader.describe(entry.value))")
                baseline.warmup = value
            case "model_confidence":
                baseline.modelConfidence = try reader.probability(entry) ?? baseline.modelConfidence
            case "model_confidence_continuing":
                baseline.modelConfidenceContinuing = try reader.probability(entry) ?? baseline.modelConfidenceContinuing
            case "model_confidence_normal":
                baseline.modelConfidenceNormal = try reader.probability(entry) ?? baseline.modelConfidenceNormal
            case "adopt_seconds":
                guard let value = try reader.positiveNumber(entry, unit: "seconds") else { continue }
                baseline.adoptSeconds = value
            default:
                guard let value = try reader.number(entry) else { continue }
                try reader.require(
                    value > 0 && value <= 1_000, entry,
                    "unusual_z must be more than 0 and at most 1000, not \(ConfigurationReader.describe(entry.value))")
                baseline.unusualZ = value
            }
        }
        return baseline
    }
}
