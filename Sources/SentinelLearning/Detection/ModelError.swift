/// Why a model could not be trained, read, written or applied. Each names the file, and the
/// features or classes at fault.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case cannotRead(path: String, reason: String)
    /// The file could not be written.
    case cannotWrite(path: String, reason: String)
    /// The file is not JSON at all.
    case notJSON(path: String, reason: String)
    /// The JSON is not a Sentinel model (no `format: sentinel-model`).
    case notAModel(path: String)
    /// The model was written in a format version this build does not read.
    case unsupportedVersion(path: String, found: Int, supported: Int)
    /// The JSON is a model but a field is missing, mistyped or inconsistent.
    case invalid(path: String, reason: String)
    /// The data's features are not the model's.
    case featureMismatch(missing: [String], extra: [String])
    /// A feature value is NaN or infinite at prediction time.
    case nonFiniteFeature(row: Int, feature: String)
    /// Training failed (bad hyper-parameters, too little data, diverging loss).
    case training(String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason): return "\(path): cannot read the model: \(reason)"
        case let .cannotWrite(path, reason): return "\(path): cannot write the model: \(reason)"
        case let .notJSON(path, reason): return "\(path): not a model file: not valid JSON (\(reason))"
        case let .notAModel(path): return "\(path): not a Sentinel model file (no \"format\": \"sentinel-model\")"
        case let .unsupportedVersion(path, found, supported):
            return
                "\(path): model format version \(found) is not supported (this sentinel reads version \(supported)); retrain with `sentinel train`"
        case let .invalid(path, reason): return "\(path): invalid model: \(reason)"
        case let .featureMismatch(missing, extra):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(missing.count): \(missing.joined(separator: ", "))") }
            if !extra.isEmpty { parts.append("extra \(extra.count): \(extra.joined(separator: ", "))") }
            return "the data's features do not match the model's (\(parts.joined(separator: "; ")))"
        case let .nonFiniteFeature(row, feature): return "row \(row + 1): feature \(feature) is NaN or infinite"
        case let .training(reason): return "training failed: \(reason)"
        }
    }
}
